"""Plain words on the window: the lesson's "Try: …" hint above the plots, and tooltips for the jargon.

The hint is built from the lesson's description (teach/plain_words.py), shown once per lesson per run
of the app, and closed with its × button. The tooltips explain ReLU′(0), L2 penalty, MSE, learning
rate, batch size... where those words appear (their labels and their fields).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QRect, Qt, Slot
from PySide6.QtGui import QFontMetrics
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
    """The lesson's "Try: …" hint; ``max_lines`` (presentation mode: 2) shortens it with "…" to that
    many lines, the whole hint in its tooltip, so large type does not take the plots' height."""

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._session = session
        self.full_text = ""
        self.max_lines: int | None = None
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
        self.full_text = text
        self.show()
        self._fit_text()

    def set_max_lines(self, lines: int | None) -> None:
        """At most ``lines`` lines of the hint (None: all of it)."""
        self.max_lines = lines
        self._fit_text()

    def _text_width(self) -> int:
        """The label's width in the bar's current width (the layout may not have placed it yet)."""
        margins = self.layout().contentsMargins()
        return max(1, self.contentsRect().width() - margins.left() - margins.right()
                   - self.layout().spacing() - self.close_button.sizeHint().width())

    def _fit_text(self) -> None:
        text = self.full_text
        if self.max_lines is not None and text:
            text = elided_to_lines(text, QFontMetrics(self.label.font()), self._text_width(), self.max_lines)
        if self.label.text() != text:
            self.label.setText(text)
        self.label.setToolTip(self.full_text if text != self.full_text else "")

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_text()

    def changeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_text()


def elided_to_lines(text: str, metrics: QFontMetrics, width: int, lines: int) -> str:
    """The longest start of ``text`` (whole words, then "…") that wraps to at most ``lines`` lines."""
    def fits(candidate: str) -> bool:
        box = metrics.boundingRect(QRect(0, 0, width, 100_000), Qt.TextFlag.TextWordWrap, candidate)
        return box.height() <= lines * metrics.lineSpacing() + 1
    if fits(text):
        return text
    words = text.split(" ")
    low, high = 1, len(words) - 1  # the most words that fit with "…" after them
    while low < high:
        middle = (low + high + 1) // 2
        if fits(" ".join(words[:middle]) + "…"):
            low = middle
        else:
            high = middle - 1
    return " ".join(words[:low]).rstrip(",;:") + "…"


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
