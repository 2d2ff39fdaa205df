"""Docks for the teaching tools: under the plots, off until asked for, toggled from View and the toolbar.

``LivePanel`` is what such a dock's panel shares: it redraws at once after an edit, at most
10 times a second while training, and not at all while it is off screen (it catches up when shown).
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reluplay.ui.coalesce import Coalescer

#: Height of a tool dock the first time it opens; the plots keep the rest.
DOCK_HEIGHT = 300
#: While training runs a panel redraws at most this often (10 Hz): readable, and cheap.
TRAINING_REFRESH_MS = 100
#: Below this width a panel folds: its notes go under the tables instead of beside them (two panels
#: side by side under the plots share ~800 px on a 1600 px window).
FOLD_WIDTH = 560


class LivePanel(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._stale = True
        self.refresh_count = 0  # redraws actually done (for the throttle's test)
        self.dock: QDockWidget | None = None  # the dock the window shows this panel in
        self._coalesced_refresh = Coalescer(self.refresh, TRAINING_REFRESH_MS, self)
        self.splitter: QSplitter | None = None  # tables | notes, made by lay_out

    @property
    def refresh_pending(self) -> bool:
        return self._coalesced_refresh.pending

    def schedule_refresh(self) -> None:
        """For training frames: one redraw at most every TRAINING_REFRESH_MS."""
        self._coalesced_refresh.request()

    @Slot()
    def refresh(self) -> None:
        self._coalesced_refresh.cancel()
        if not self.isVisible():
            self._stale = True  # off screen: catch up when shown
            return
        self._stale = False
        self.refresh_count += 1
        self.redraw()

    def redraw(self) -> None:
        raise NotImplementedError

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.splitter is None:
            return
        wide = event.size().width() >= FOLD_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.splitter.orientation() != orientation:
            self.splitter.setOrientation(orientation)
            if wide:
                self.splitter.setSizes(self._sizes[orientation])
            else:  # the tables get three quarters of the height they have now
                height = event.size().height()
                self.splitter.setSizes([3 * height // 4, height // 4])

    def lay_out(self, main: QWidget, notes: QWidget, main_width: int, notes_width: int) -> None:
        """``main`` (the tables) left, ``notes`` (texts) in a scrolling column right, split by a handle."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(notes)
        # No minimum width of its own: a narrow panel folds the notes under the tables instead, and
        # a minimum here would make the window grow rather than let the panel get narrow enough to fold.
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(main)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setSizes([main_width, notes_width])
        self.splitter = splitter
        self._sizes = {Qt.Orientation.Horizontal: [main_width, notes_width]}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(splitter)


def bottom_dock(parent, title: str, widget: QWidget, toolbar_text: str, shortcut: str, tip: str) -> QDockWidget:
    """A closable dock for under the plots, hidden at first: the plots are what the class looks at.

    Its toggle action (``dock.toggleViewAction()``) reads ``title`` in the View menu and
    ``toolbar_text`` on the toolbar, with ``shortcut``; the window places the dock and the toggle.
    """
    dock = QDockWidget(title, parent)
    dock.setObjectName(title.lower().replace(" ", "_") + "_dock")
    dock.setWidget(widget)
    toggle: QAction = dock.toggleViewAction()
    toggle.setText(title)
    toggle.setIconText(toolbar_text)
    toggle.setShortcut(QKeySequence(shortcut))
    toggle.setToolTip(f"{tip} ({shortcut})")
    toggle.setStatusTip(f"{tip} ({shortcut})")
    return dock


def wrapping_label() -> QLabel:
    """Rich text that wraps, top-left, selectable (a teacher may copy a sentence to a slide)."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label
