"""Fitting the window to the screen it is on, from a 1280 × 720 projector up.

Below NARROW_WINDOW pixels the side panels take less room (the editor's sliders get shorter),
so the plots keep most of a 1280- or 1366-pixel screen; the training panel scrolls rather than
setting the window's minimum height, so the window fits a 720-pixel screen with its bars.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QWidget

#: Below this window width the side panels take their narrow widths.
NARROW_WINDOW = 1400
#: (editor, training panel) widths in pixels: wide window, narrow window.
WIDE_DOCK_WIDTHS = (420, 340)
NARROW_DOCK_WIDTHS = (330, 330)
#: The side panels never get narrower than this: the editor's narrow form with its scroll bar
#: (labels, short sliders, whole numbers), and the training panel with its labels above the fields.
MIN_DOCK_WIDTHS = (330, 280)


def vertical_scroller(widget: QWidget) -> QScrollArea:
    """``widget`` in a scroll area that scrolls up and down only (its width follows the area's)."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(widget)
    return scroll


class SidePanelWidths:
    """Gives the side docks their wide or narrow widths when the window crosses NARROW_WINDOW."""

    def __init__(self, window: QMainWindow, editor: QDockWidget, training: QDockWidget):
        self._window = window
        self._docks = [editor, training]
        self._narrow: bool | None = None
        for dock, width in zip(self._docks, MIN_DOCK_WIDTHS):
            dock.widget().setMinimumWidth(width)

    def window_resized(self) -> None:
        narrow = self._window.width() < NARROW_WINDOW
        if narrow == self._narrow:
            return  # the user's own dock widths stay until the window crosses the line again
        self._narrow = narrow
        widths = NARROW_DOCK_WIDTHS if narrow else WIDE_DOCK_WIDTHS
        self._window.resizeDocks(self._docks, list(widths), Qt.Orientation.Horizontal)
