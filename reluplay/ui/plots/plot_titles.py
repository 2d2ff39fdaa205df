"""Plot titles that never make a plot wider than its room: they are shortened with "…" to fit.

pyqtgraph makes a title's whole width the plot's minimum width, so a long title ("3. Sum + output
bias = network output, with the data") pushed the plots past the edge of a 1280-pixel screen and
cut them off. Each titled plot keeps its full title and its point size; whenever the plot's width
changes, the shown title is the full one shortened to that width, and it asks for no width at all.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetricsF

from reluplay.ui import palette

#: Pixels kept free on each side of a title, so it does not touch its neighbour's.
TITLE_MARGIN = 4
_FULL_TITLE = "_reluplay_full_title"
_TITLE_POINTS = "_reluplay_title_points"


def set_fitted_title(plot: pg.PlotItem, title: str, point_size: float) -> None:
    """Show ``title`` in bold at ``point_size`` on ``plot``, shortened to the plot's width."""
    first = not hasattr(plot, _FULL_TITLE)
    setattr(plot, _FULL_TITLE, title)
    setattr(plot, _TITLE_POINTS, point_size)
    if first:
        label = plot.titleLabel
        # pyqtgraph makes the text's width the label's minimum again on every resize and text change.
        label.updateMin = lambda: _height_only_minimum(label)
        # Over the whole plot, axes included, rather than over the view box only: more room.
        plot.layout.removeItem(label)
        plot.layout.addItem(label, 0, 0, 1, plot.layout.columnCount())
        plot.geometryChanged.connect(lambda p=plot: fit_title(p))
    fit_title(plot, force=True)


def full_title(plot: pg.PlotItem) -> str:
    return getattr(plot, _FULL_TITLE, plot.titleLabel.text)


def title_points(plot: pg.PlotItem) -> float:
    return getattr(plot, _TITLE_POINTS, palette.TITLE_POINT_SIZE)


def fit_title(plot: pg.PlotItem, force: bool = False) -> None:
    title = getattr(plot, _FULL_TITLE, None)
    if title is None:
        return
    points = title_points(plot)
    label = plot.titleLabel
    if not title:
        if force or label.text:
            plot.setTitle(None)
        return
    font = palette.font(round(points), bold=True)
    room = _title_room(plot) - 2 * TITLE_MARGIN
    # The label draws rich text whose "pt" need not match a QFont's on this screen: measure the
    # full title both ways once and shorten by the label's own measure.
    metrics = QFontMetricsF(font)
    drawn_per_measured = _drawn_width(label, title, points) / max(1.0, metrics.horizontalAdvance(title))
    shown = title if room <= 0 else metrics.elidedText(
        title, Qt.TextElideMode.ElideRight, room / max(drawn_per_measured, 0.5))
    if force or shown != label.text or not label.isVisible():
        plot.setTitle(shown, size=f"{round(points)}pt", bold=True)
    _fit_layout_to_views(plot)


_WIDTHS: dict[tuple[str, float], float] = {}


def _drawn_width(label: pg.LabelItem, title: str, points: float) -> float:
    """How wide ``label`` draws ``title`` in bold at ``points`` (measured once per title and size)."""
    key = (title, points)
    if key not in _WIDTHS:
        probe = pg.LabelItem()
        probe.setText(title, size=f"{round(points)}pt", bold=True)
        _WIDTHS[key] = probe.item.boundingRect().width()
    return _WIDTHS[key]


def _title_room(plot: pg.PlotItem) -> float:
    """The title's width: the plot's, inside its margins (the title spans all its columns)."""
    room = plot.geometry().width()
    left, _top, right, _bottom = plot.layout.getContentsMargins()
    return room - left - right


def _height_only_minimum(label: pg.LabelItem) -> None:
    """LabelItem.updateMin without the width: a title asks for its height, the plot gives the width."""
    bounds = label.itemRect()
    label.setMinimumWidth(0)
    label.setMinimumHeight(bounds.height())
    label._sizeHint = {Qt.SizeHint.MinimumSize: (0, bounds.height()),
                       Qt.SizeHint.PreferredSize: (bounds.width(), bounds.height()),
                       Qt.SizeHint.MaximumSize: (-1, -1), Qt.SizeHint.MinimumDescent: (0, 0)}
    label.updateGeometry()


def _fit_layout_to_views(plot: pg.PlotItem) -> None:
    """Size the plots' layout to its view again: while a title was wider it may have been wider
    than the view, and a pyqtgraph view only resizes its layout when the view itself is resized."""
    scene = plot.scene()
    if getattr(scene, "_reluplay_fitting", False):
        return  # called again from inside the resize below
    for view in scene.views() if scene is not None else ():
        if isinstance(view, pg.GraphicsView) and view.autoPixelRange and view.centralWidget is not None:
            # The class method: a PlotWidget forwards its own setRange to the plot.
            wanted = QRectF(0, 0, view.width(), view.height())
            if view.centralWidget.geometry() != wanted:
                scene._reluplay_fitting = True
                try:
                    pg.GraphicsView.setRange(view, wanted, padding=0, disableAutoPixel=False)
                finally:
                    scene._reluplay_fitting = False
