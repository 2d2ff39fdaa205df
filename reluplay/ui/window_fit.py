"""Fitting the window to the screen it is on, from a 1280 × 720 projector up.

Below NARROW_WINDOW pixels the side panels take less room (the editor's sliders get shorter),
so the plots keep most of a 1280- or 1366-pixel screen; the training panel scrolls rather than
setting the window's minimum height, so the window fits a 720-pixel screen with its bars.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtWidgets import QDockWidget, QFrame, QMainWindow, QScrollArea, QWidget

#: Below this window width the side panels take their narrow widths.
NARROW_WINDOW = 1400
#: (editor, training panel) widths in pixels: wide window, narrow window.
WIDE_DOCK_WIDTHS = (420, 340)
NARROW_DOCK_WIDTHS = (330, 330)
#: The side panels never get narrower than this: the editor's narrow form with its scroll bar
#: (labels, short sliders, whole numbers), and the training panel with its labels above the fields.
MIN_DOCK_WIDTHS = (330, 280)


class VerticalScroller(QScrollArea):
    """A scroll area that scrolls up and down only and is never narrower than what it holds.

    A plain QScrollArea with its horizontal scroll bar off lets its widget get wider than the
    area and cuts off the right edge: the editor's number boxes were cut off that way at 16 units.
    This one asks for the widget's minimum width (plus its vertical scroll bar), so the dock
    around it is given that width instead; ``floor`` is the least width it asks for anyway.
    """

    def __init__(self, widget: QWidget, floor: int = 0, frame: bool = False):
        super().__init__()
        self.floor = floor
        self.setWidgetResizable(True)
        if not frame:
            self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(widget)
        self._watcher = _LayoutWatcher(self)
        widget.installEventFilter(self._watcher)

    def set_floor(self, width: int) -> None:
        self.floor = width
        self.updateGeometry()

    def content_width(self) -> int:
        """The width the widget needs, with the vertical scroll bar and the frame beside it."""
        needed = self.widget().minimumSizeHint().width()
        return needed + self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        return QSize(max(self.floor, self.content_width()), hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().sizeHint()
        return QSize(max(hint.width(), self.minimumSizeHint().width()), hint.height())


class _LayoutWatcher(QObject):
    """Tells the scroll area to ask again when the widget inside it needs a new size."""

    def __init__(self, area: VerticalScroller):
        super().__init__(area)
        self._area = area

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LayoutRequest:
            self._area.updateGeometry()
        return False


def vertical_scroller(widget: QWidget) -> VerticalScroller:
    """``widget`` in a scroll area that scrolls up and down only (its width follows the area's)."""
    return VerticalScroller(widget)


class SidePanelWidths:
    """Gives the side docks their wide or narrow widths when the window crosses NARROW_WINDOW."""

    def __init__(self, window: QMainWindow, editor: QDockWidget, training: QDockWidget):
        self._window = window
        self._docks = [editor, training]
        self._narrow: bool | None = None
        for dock, width in zip(self._docks, MIN_DOCK_WIDTHS):
            content = dock.widget()
            if isinstance(content, VerticalScroller):
                content.setMinimumWidth(0)  # a fixed minimum would override the scroller's own
                content.set_floor(width)  # wider when what it holds needs more: never cut off
            else:
                content.setMinimumWidth(width)

    def window_resized(self) -> None:
        narrow = self._window.width() < NARROW_WINDOW
        if narrow == self._narrow:
            return  # the user's own dock widths stay until the window crosses the line again
        self._narrow = narrow
        widths = NARROW_DOCK_WIDTHS if narrow else WIDE_DOCK_WIDTHS
        self._window.resizeDocks(self._docks, list(widths), Qt.Orientation.Horizontal)
