"""The examples gallery: every built-in lesson, then the teacher's own, each with a small picture of its
output plot and its description, to pick one for the class."""
from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QSize, Qt, Slot
from PySide6.QtGui import QColor, QFont, QIcon
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from reluplay.presets import PresetError, builtin_presets
from reluplay.ui import palette
from reluplay.ui.features.lesson_thumbnail import THUMBNAIL_SIZE, lesson_thumbnail


class GalleryDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Examples gallery")
        self.resize(900, 520)
        self.chosen_path: Path | None = None
        self.chosen_is_builtin = True  # user presets open as themselves: Save writes back
        self.lessons = QListWidget()
        self.lessons.setFont(palette.font(palette.APP_POINT_SIZE + 2))
        self.lessons.setMinimumWidth(480)
        self.lessons.setWordWrap(True)  # a long name wraps under its picture's height, never cut off
        self.lessons.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.lessons.setIconSize(QSize(*THUMBNAIL_SIZE))
        self.lessons.setSpacing(2)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description.setFont(palette.font(palette.APP_POINT_SIZE + 1))
        try:
            records = builtin_presets()
        except PresetError as exc:
            records = []
            self.description.setText(f"The built-in lessons could not be read: {exc}")
        self._add_heading("Built-in lessons")
        for number, lesson in enumerate(records, start=1):
            item = QListWidgetItem(QIcon(lesson_thumbnail(lesson.path)), f"{number}. {lesson.name}")
            item.setData(Qt.ItemDataRole.UserRole, (str(lesson.path), lesson.name,
                                                    f"{lesson.description}\n\nA lesson that comes with reluplay: "
                                                    "it opens as a new document, Save makes your own copy.", True))
            self.lessons.addItem(item)
        from reluplay.state.user_presets import (
            user_presets,  # the user's own, after the lessons
        )
        mine_all = user_presets()
        if mine_all:
            self._add_heading("Your lessons")
        for mine in mine_all:
            item = QListWidgetItem(QIcon(lesson_thumbnail(mine.path)), f"★ {mine.name}")
            item.setData(Qt.ItemDataRole.UserRole, (str(mine.path), mine.name,
                                                    f"{mine.description}\n\nYour lesson: {mine.path}", False))
            self.lessons.addItem(item)
        self.lessons.currentItemChanged.connect(self._on_current_changed)
        self.lessons.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.lessons)
        row.addWidget(self.description, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(buttons)
        if records:
            self.lessons.setCurrentRow(1)  # the first lesson, under its heading

    def _add_heading(self, text: str) -> None:
        """A line that tells the built-in lessons and the teacher's own apart; it cannot be chosen."""
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = QFont(self.lessons.font())
        font.setBold(True)
        item.setFont(font)
        item.setForeground(QColor(palette.FOREGROUND))  # not greyed out like a disabled entry
        self.lessons.addItem(item)

    @Slot(QListWidgetItem, QListWidgetItem)
    def _on_current_changed(self, current: QListWidgetItem | None, _previous) -> None:
        if current is None or current.data(Qt.ItemDataRole.UserRole) is None:
            return  # a heading
        path, name, description, builtin = current.data(Qt.ItemDataRole.UserRole)
        self.chosen_is_builtin = builtin
        paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in description.split("\n\n") if p.strip())
        self.description.setText(f"<h2>{html.escape(name)}</h2>{paragraphs}")
        self.chosen_path = Path(path)
