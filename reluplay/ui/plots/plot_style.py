"""Building blocks shared by the live plots, the loss plot and the exported figure."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QPainterPath, QPen, QTransform

from reluplay.core import Network, breakpoints, breakpoints_by_depth, is_piecewise_linear
from reluplay.ui import palette
from reluplay.ui.plots.plot_titles import set_fitted_title, title_points
from reluplay.ui.plots.readable_axis import readable_axes

GRID_POINTS = 400
PIECEWISE_EXTRA_POINTS = 9


def styled_plot(plot: pg.PlotItem, title: str, y_label: str, x_label: str = "x") -> pg.PlotItem:
    """Large fonts, a light grid and a zero line: readable from the back of a classroom."""
    readable_axes(plot)  # only as many tick labels as fit, however short the plot
    set_title(plot, title)
    tick_font = palette.font(palette.AXIS_TICK_POINT_SIZE)
    for name, label in (("bottom", x_label), ("left", y_label)):
        axis = plot.getAxis(name)
        axis.setTickFont(tick_font)
        # No SI prefixes: "contribution (x0.001)" would make a class misread every number.
        axis.enableAutoSIPrefix(False)
        # An opaque light grid at the major ticks only: pyqtgraph's default translucent grid with
        # minor lines cost ~30 ms a frame to paint, more than everything else together.
        axis.setPen(pg.mkPen(palette.GRID_COLOUR))
        axis.setStyle(maxTickLevel=0)
        axis.setGrid(255)
        # After setPen, which would colour the label like the (light) grid.
        axis.setLabel(label, **{"font-size": f"{palette.AXIS_LABEL_POINT_SIZE}pt", "color": palette.FOREGROUND})
        axis.setTextPen(QColor(palette.FOREGROUND))
    plot.getAxis("left").setWidth(72)
    plot.setMenuEnabled(False)
    zero = pg.InfiniteLine(pos=0.0, angle=0, pen=pg.mkPen("#BBBBBB", width=1.5))
    zero.setZValue(-10)
    plot.addItem(zero, ignoreBounds=True)
    return plot


def fill_layer_combo(combo, hidden_layers, current: int, compact: bool = False) -> int:
    """The hidden-layer chooser's entries ("1 (8 units, relu)", or "1 · 8 units" where the bar is narrow),
    without signals; returns the layer kept (``current``, or the last layer when the network has fewer now)."""
    current = min(current, len(hidden_layers) - 1)
    combo.blockSignals(True)
    combo.clear()
    if compact:
        combo.addItems([f"{i + 1} · {lay.n_out} units" for i, lay in enumerate(hidden_layers)])
    else:
        combo.addItems([f"{i + 1} ({lay.n_out} units, {lay.activation})" for i, lay in enumerate(hidden_layers)])
    combo.setCurrentIndex(current)
    combo.blockSignals(False)
    return current


def set_title(plot: pg.PlotItem, title: str) -> None:
    """The plot's title at its current size (presentation mode's or the desk's), shortened to fit."""
    set_fitted_title(plot, title, title_points(plot))


def sample_grid(network: Network, x_min: float, x_max: float) -> np.ndarray:
    """Where to evaluate the curves: exact corners for ReLU-family networks, dense x otherwise.

    A piecewise-linear network is a straight line between its breakpoints, so the breakpoints
    (and a few evenly spaced points) draw it exactly, with sharp corners, and with a handful of
    points instead of hundreds: that is what keeps 32 units at display rate.
    """
    if is_piecewise_linear(network):
        return np.union1d(np.linspace(x_min, x_max, PIECEWISE_EXTRA_POINTS),
                          breakpoints(network, x_min, x_max))
    return np.linspace(x_min, x_max, GRID_POINTS)


def sample_grids(network: Network, x_min: float, x_max: float, layer: int) -> tuple[np.ndarray, np.ndarray]:
    """(x for hidden layer ``layer``'s unit curves, x for the last layer's and the output's curves).

    Like :func:`sample_grid`, from one walk through the layers: a unit of layer ``layer`` is straight
    between the breakpoints of layers 0..layer, so its curve (and its kink) needs only those; the
    deeper layers' extra points would be corners of nothing on plot 1, only more to draw.
    """
    if is_piecewise_linear(network):
        even = np.linspace(x_min, x_max, PIECEWISE_EXTRA_POINTS)
        by_depth = breakpoints_by_depth(network, x_min, x_max)
        return np.union1d(even, by_depth[layer]), np.union1d(even, by_depth[-1])
    grid = np.linspace(x_min, x_max, GRID_POINTS)
    return grid, grid


_BRUSHES: dict[str, QBrush] = {}


def _brush(colour: str) -> QBrush:
    # One QBrush per colour: pyqtgraph caches rendered symbols by brush, and making brushes is slow.
    if colour not in _BRUSHES:
        _BRUSHES[colour] = QBrush(QColor(colour))
    return _BRUSHES[colour]


#: A pre-activation this close to 0 (relative to the unit's largest value on screen) is 0: a
#: breakpoint computed in floating point leaves ~1e-16 where the exact value is 0, and taking that
#: for "on" put a deeper unit's kink marker on the next grid point (x = 0.81 for a kink at 0.5).
ZERO_TOLERANCE = 1e-9
KINK_SIZE = 22


def kink_points(x: np.ndarray, pre: np.ndarray, post: np.ndarray, scale: np.ndarray | None,
                dead: set[int], colours: list[str] | None = None, names: list[str] | None = None) -> dict:
    """setData arguments for a scatter marking every unit's kink (where its pre-activation crosses 0).

    ``x`` must hold every breakpoint (see :func:`sample_grid`), so each pre-activation is straight
    between neighbouring points and its zero is found exactly. ``colours`` and ``names`` (one per
    unit) colour the markers and write each unit's letter into its marker.
    """
    # All units at once (ordered by unit, then x): a Python loop over 32 units cost ~1 ms a frame.
    pre = np.asarray(pre, dtype=float)
    with np.errstate(invalid="ignore"):
        tolerance = ZERO_TOLERANCE * np.nanmax(np.abs(pre), axis=1, initial=0.0, where=np.isfinite(pre))
    near_zero = np.abs(pre) <= tolerance[:, None]
    pre = np.where(near_zero, 0.0, pre)
    sign = pre > 0.0
    units, idx = np.nonzero(sign[:, :-1] != sign[:, 1:])
    if units.size == 0:
        return {"x": np.zeros(0), "y": np.zeros(0)}
    z0, z1 = pre[units, idx], pre[units, idx + 1]
    t = np.clip(np.divide(z0, z0 - z1, out=np.zeros_like(z0), where=z0 != z1), 0.0, 1.0)
    kx = x[idx] + t * (x[idx + 1] - x[idx])
    p0, p1 = post[units, idx], post[units, idx + 1]
    ky = p0 + t * (p1 - p0)  # post is linear between grid points
    if scale is not None:
        ky = ky * np.asarray(scale)[units]
    n = pre.shape[0]
    if colours is None:
        colours = [palette.UNIT_COLOURS[u % len(palette.UNIT_COLOURS)] for u in range(n)]
    grey = _brush(palette.DEAD_COLOUR)
    unit_list = units.tolist()
    brushes = [grey if u in dead else _brush(colours[u]) for u in unit_list]
    points = {"x": kx, "y": ky, "brush": brushes, "data": unit_list}
    if names is not None:
        points["symbol"] = [letter_symbol(names[u]) for u in unit_list]
    return points


_SYMBOLS: dict[str, QPainterPath] = {}


def letter_symbol(name: str) -> QPainterPath:
    """A disc with the unit's letter cut out of it (drawn white by the marker's outline)."""
    if name not in _SYMBOLS:
        path = QPainterPath()
        path.addEllipse(QPointF(0.0, 0.0), 0.5, 0.5)
        text = QPainterPath()
        f = palette.font(40, bold=True)
        text.addText(0.0, 0.0, f, name)
        box = text.boundingRect()
        fit = 0.62 / max(box.width(), box.height(), 1e-9)
        transform = QTransform()
        transform.scale(fit, fit)
        transform.translate(-box.center().x(), -box.center().y())
        path.addPath(transform.map(text))
        path.setFillRule(Qt.FillRule.OddEvenFill)
        _SYMBOLS[name] = path
    return _SYMBOLS[name]


def kink_scatter() -> pg.ScatterPlotItem:
    item = pg.ScatterPlotItem(size=KINK_SIZE, symbol="o", pen=pg.mkPen("#FFFFFF", width=1.5))
    item.setZValue(20)
    return item


def data_scatter() -> pg.ScatterPlotItem:
    item = pg.ScatterPlotItem(
        size=palette.DATA_SIZE, symbol="o", brush=pg.mkBrush(palette.DATA_FILL),
        pen=pg.mkPen(palette.DATA_EDGE, width=2.5), name="data",
    )
    item.setZValue(30)
    return item


def crosshair() -> pg.InfiniteLine:
    pen = QPen(QColor(palette.CROSSHAIR_COLOUR), 1.5, Qt.PenStyle.DashLine)
    pen.setCosmetic(True)
    line = pg.InfiniteLine(angle=90, pen=pen, movable=False)
    line.setZValue(40)
    line.hide()
    return line


def marker_line() -> pg.InfiniteLine:
    """The walkthrough's chosen x: solid, so it reads apart from the dashed hover crosshair."""
    pen = QPen(QColor(palette.MARKER_COLOUR), 2.5)
    pen.setCosmetic(True)
    line = pg.InfiniteLine(angle=90, pen=pen, movable=False)
    line.setZValue(35)
    line.hide()
    return line


def padded(lo: float, hi: float, fraction: float = 0.08) -> tuple[float, float]:
    if not (np.isfinite(lo) and np.isfinite(hi)):
        return -1.0, 1.0
    if hi - lo < 1e-9:
        lo, hi = lo - 0.5, hi + 0.5
    pad = (hi - lo) * fraction
    return lo - pad, hi + pad
