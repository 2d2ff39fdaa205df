"""Plain words on the window: the lesson's "Try: …" hint above the plots, and tooltips for the jargon.

The hint is built from the lesson's description (teach/plain_words.py), shown once per lesson per run
of the app, and closed with its × button. The tooltips explain ReLU′(0), L2 penalty, MSE, learning
rate, batch size... where those words appear (their labels and their fields).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import QFormLayout, QFrame, QHBoxLayout, QLabel, QToolButton, QWidget

from reluplay.state.changes import ChangeKind, NetworkChange
from reluplay.state.session import Session
from reluplay.teach.plain_words import JARGON, try_hint
from reluplay.ui import palette
from reluplay.ui.features.parts import Parts

if TYPE_CHECKING:
    from reluplay.ui.main_window import MainWindow

#: Lessons (name, description) whose hint was shown in this run of the app: once is enough.
_shown: set[tuple[str, str]] = set()


def forget_shown_hints() -> None:
    """As at the start of a run (for tests)."""
    _shown.clear()


class FirstHint(QFrame):
    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._session = session
        self.setObjectName("first_hint")
        self.setStyleSheet("#first_hint { background:#E3F2FD; border:1px solid #90CAF9; }"
                           "QLabel { color:#0D3C61; }")
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setFont(palette.font(palette.APP_POINT_SIZE + 1))
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setToolTip("Hide this hint")
        self.close_button.setAutoRaise(True)
        self.close_button.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(self.label, 1)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()
        session.network_changed.connect(self._on_network_changed)

    @Slot(object)
    def _on_network_changed(self, change: NetworkChange) -> None:
        if change.kind is ChangeKind.LOAD:
            self.show_for_lesson()

    def show_for_lesson(self) -> None:
        """The lesson's hint, the first time this lesson is opened in this run; otherwise none."""
        s = self._session
        key = (s.name, s.description)
        text = try_hint(s.description)
        if text is None or key in _shown:
            self.hide()
            return
        _shown.add(key)
        self.label.setText(text)
        self.show()


def _tip(widget: QWidget, term: str) -> None:
    """The term's plain words on the widget and on its form label, if it has one."""
    text = JARGON[term]
    widget.setToolTip(text)
    parent = widget.parentWidget()
    form = parent.layout() if parent is not None else None
    if isinstance(form, QFormLayout):
        label = form.labelForField(widget)
        if label is not None:
            label.setToolTip(text)


def add_jargon_tips(window: MainWindow) -> None:
    training, editor = window.training_panel, window.editor
    _tip(training.learning_rate_spin, "learning rate")
    _tip(training.batch_spin, "batch size")
    _tip(training.l2_spin, "L2 penalty")
    for widget in (training._loss_caption, training.loss_label):
        widget.setToolTip(JARGON["MSE"])
    _tip(editor.grad_at_zero_combo, "ReLU′(0)")
    _tip(editor.leaky_slope, "Leaky ReLU slope")


def build(window: MainWindow) -> tuple[FirstHint, Parts]:
    hint = FirstHint(window.session)
    window.centralWidget().layout().insertWidget(0, hint)  # above the banner and the plots
    hint.show_for_lesson()
    add_jargon_tips(window)
    return hint, Parts()
