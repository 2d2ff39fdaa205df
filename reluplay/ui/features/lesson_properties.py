"""Lesson → Properties…: the lesson's title, its description, notes for the teacher, questions for the class."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
)

from reluplay.presets.limits import (
    MAX_DESCRIPTION_CHARS,
    MAX_NAME_CHARS,
    MAX_NOTES_CHARS,
    MAX_QUESTION_CHARS,
    MAX_QUESTIONS,
)
from reluplay.presets.schema import DEFAULT_NAME
from reluplay.state.session import Session
from reluplay.ui import palette


class LessonPropertiesDialog(QDialog):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Lesson properties")
        self.resize(720, 640)
        self._session = session
        teaching = session.teaching
        self.title_edit = QLineEdit(session.name)
        self.title_edit.setMaxLength(MAX_NAME_CHARS)
        self.description_edit = QPlainTextEdit(session.description)
        self.description_edit.setPlaceholderText("What the class reads: the idea, and what to try")
        self.notes_edit = QPlainTextEdit(teaching.notes)
        self.notes_edit.setPlaceholderText("For you only: what to point at, what to say, what to watch for")
        self.questions_edit = QPlainTextEdit("\n".join(teaching.questions))
        self.questions_edit.setPlaceholderText("One question a line, e.g. “Why does unit C never move?”")
        for edit in (self.description_edit, self.notes_edit, self.questions_edit):
            edit.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow("Title", self.title_edit)
        form.addRow("Description", self.description_edit)
        form.addRow("Notes for the teacher", self.notes_edit)
        form.addRow("Questions for the class", self.questions_edit)
        self.problem = QLabel()
        self.problem.setStyleSheet("color:#A00000;")
        self.problem.setWordWrap(True)
        self.problem.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.problem)
        layout.addWidget(buttons)
        self.setFont(palette.font(palette.APP_POINT_SIZE))

    def questions(self) -> tuple[str, ...]:
        return tuple(line.strip() for line in self.questions_edit.toPlainText().splitlines() if line.strip())

    def _problem(self) -> str | None:
        """What keeps the lesson from being saved, in one sentence (None: all is well)."""
        questions = self.questions()
        if len(self.description_edit.toPlainText()) > MAX_DESCRIPTION_CHARS:
            return f"The description is longer than {MAX_DESCRIPTION_CHARS:,} characters."
        if len(self.notes_edit.toPlainText()) > MAX_NOTES_CHARS:
            return f"The notes are longer than {MAX_NOTES_CHARS:,} characters."
        if len(questions) > MAX_QUESTIONS:
            return f"At most {MAX_QUESTIONS} questions (one a line); there are {len(questions)}."
        long = next((i for i, q in enumerate(questions, 1) if len(q) > MAX_QUESTION_CHARS), None)
        if long is not None:
            return f"Question {long} is longer than {MAX_QUESTION_CHARS} characters."
        return None

    def accept(self) -> None:
        problem = self._problem()
        if problem is not None:  # said in the dialog; nothing typed is lost
            self.problem.setText(problem)
            self.problem.show()
            return
        self._session.set_lesson_text(self.title_edit.text().strip() or DEFAULT_NAME,
                                      self.description_edit.toPlainText().strip(),
                                      self.notes_edit.toPlainText().strip(), self.questions())
        super().accept()
