"""The data points over the plane, drawn as cheaply as pyqtgraph allows, and sized to the data set.

One ``ScatterPlotItem`` per colour (a class, or a regression point's value colour when there are only
a few), each with one symbol, pen and brush for all its points: pyqtgraph renders that symbol once and
stamps it (``pxMode``), with no per-point pens or brushes to build. The items get new data only when the
data change, never per training frame. Many distinct colours (a regression's values) fall back to one
item with a brush per point.

The points' size follows the number of points and the plot's size in pixels (600 points in a small view
would hide the surface under them), bounded so a projector still shows them.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

#: The largest and smallest diameter of a point in pixels (before the presentation scale).
POINT_SIZE = 11
MIN_POINT_SIZE = 6
#: A point's diameter is this fraction of the spacing of n points spread evenly over the plot.
SPACING_FRACTION = 0.33
#: More distinct colours than this: one item with a brush per point.
MAX_GROUPS = 8


def point_size(n_points: int, plot_pixels: float) -> float:
    """Diameter in pixels of each of ``n_points`` points in a square plot ``plot_pixels`` wide."""
    if n_points <= 0 or plot_pixels <= 0:
        return float(POINT_SIZE)
    spacing = plot_pixels / math.sqrt(n_points)
    return float(min(POINT_SIZE, max(MIN_POINT_SIZE, SPACING_FRACTION * spacing)))


class PointGroups:
    """Points in a plot, one item per colour. Filled discs with a white ring (train points), or hollow
    discs with a ring of their colour (test points)."""

    def __init__(self, plot: pg.PlotItem, z: float, hollow: bool):
        self._plot, self._z, self.hollow = plot, z, hollow
        self.items: list[pg.ScatterPlotItem] = []
        self.size = float(POINT_SIZE)
        self.scale = 1.0  # the presentation scale of rings
        self._shown: list[tuple[str, np.ndarray]] = []

    def _item(self, index: int) -> pg.ScatterPlotItem:
        while len(self.items) <= index:
            item = pg.ScatterPlotItem(pxMode=True, symbol="o", antialias=True)
            item.setZValue(self._z)
            self._plot.addItem(item)
            self.items.append(item)
        return self.items[index]

    def _style(self, colour: str | None) -> dict:
        if self.hollow:
            return {"brush": pg.mkBrush(255, 255, 255, 230), "pen": pg.mkPen(colour, width=3 * self.scale)}
        # A white ring: a point of the region's own class stays visible on it, a wrong one stands out.
        return {"brush": pg.mkBrush(colour), "pen": pg.mkPen("#FFFFFF", width=1.5 * self.scale)}

    def set_points(self, positions: np.ndarray, colours: list[str], size: float, scale: float) -> None:
        """``positions`` (n, 2) in ``colours`` (one "#rrggbb" per point), ``size`` pixels across."""
        self.size, self.scale = float(size), float(scale)
        size = self.size * (1.15 if self.hollow else 1.0)
        names = np.asarray(colours, dtype=object)
        distinct = list(dict.fromkeys(colours))
        self._shown = [(colour, positions[names == colour]) for colour in distinct]
        used = 0
        if len(distinct) <= MAX_GROUPS:
            for colour, where in self._shown:
                self._item(used).setData(pos=where, size=size, **self._style(colour))
                used += 1
        else:  # a regression's many values: one item, a brush (or pen) per point
            style = {key: [self._style(c)[key] for c in colours] for key in ("pen", "brush")}
            self._item(0).setData(pos=positions, size=size, **style)
            used = 1
        for item in self.items[used:]:
            item.setData([], [])

    def set_size(self, size: float) -> None:
        """A new diameter (the plot was resized): the symbol is rendered again, the data kept."""
        if abs(size - self.size) < 0.25:
            return
        self.size = float(size)
        for item in self.items:
            if len(item.data):
                item.setSize(self.size * (1.15 if self.hollow else 1.0))

    def groups(self) -> dict[str, np.ndarray]:
        """The points shown, by colour: {"#rrggbb": positions (n, 2)}."""
        return dict(self._shown)

    def drawn(self) -> np.ndarray:
        """(n, 2): every point the items draw (grouped by colour, not in the data's order)."""
        parts = [np.column_stack(item.getData()) for item in self.items if len(item.data)]
        return np.concatenate(parts) if parts else np.empty((0, 2))
