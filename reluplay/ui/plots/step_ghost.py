"""After a Step, the curves as they were stay on the plots as a faint ghost for about a second.

One Step moves a kink a few pixels; without a trace of where it was, the class sees nothing move.
The ghost draws the network from before the Step (its unit curves, contributions and output) in
faint grey, and on plot 1 a short line from each kink's old x to its new x, then fades out. Only
after Step and Step ×10: while Play runs, the curves move by themselves.
"""
from __future__ import annotations

import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QTimer, Slot

from reluplay.core import Network
from reluplay.ui import palette
from reluplay.ui.plots.plot_style import kink_points, sample_grid

#: The ghost is shown whole for HOLD_S, then fades out over FADE_S.
HOLD_S = 0.45
FADE_S = 0.5
FADE_TICK_MS = 40
GHOST_COLOUR = (110, 110, 110, 75)
MOVE_COLOUR = "#222222"
GHOST_Z = 5  # above the grid, under the live curves (which the class must still read)
MOVE_Z = 25  # the kinks' moves: over the kink markers, or a move of a few pixels would be hidden


def _nan_joined(x: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Many curves as one polyline, broken by NaN between them (one item per plot, not per unit)."""
    if rows.size == 0:
        return np.zeros(0), np.zeros(0)
    n = rows.shape[0]
    xs = np.concatenate([np.append(x, np.nan)] * n)
    ys = np.concatenate([np.append(row, np.nan) for row in rows])
    return xs, ys


class StepGhost(QObject):
    """The ghost items on the three plots of a UnitPlots, and their fading."""

    def __init__(self, plots, session, parent=None):
        super().__init__(parent or plots)
        self._plots = plots
        self._session = session
        self.enabled = True
        pen = pg.mkPen(GHOST_COLOUR, width=palette.UNIT_LINE_WIDTH - 0.5)
        self.unit_ghost = pg.PlotDataItem(pen=pen, connect="finite")
        self.contribution_ghost = pg.PlotDataItem(pen=pen, connect="finite")
        self.output_ghost = pg.PlotDataItem(pen=pg.mkPen(GHOST_COLOUR, width=palette.OUTPUT_LINE_WIDTH))
        #: On plot 1: a line from each kink's old x to its new x, a hollow ring where it was.
        self.kink_moves = pg.PlotDataItem(pen=pg.mkPen(MOVE_COLOUR, width=3), connect="pairs")
        self.old_kinks = pg.ScatterPlotItem(size=13, symbol="o", brush=None)
        self.items = (self.unit_ghost, self.contribution_ghost, self.output_ghost, self.kink_moves, self.old_kinks)
        for plot, item in ((plots.unit_plot, self.unit_ghost), (plots.contribution_plot, self.contribution_ghost),
                           (plots.output_plot, self.output_ghost), (plots.unit_plot, self.kink_moves),
                           (plots.unit_plot, self.old_kinks)):
            item.setZValue(MOVE_Z if item in (self.kink_moves, self.old_kinks) else GHOST_Z)
            item.hide()
            plot.addItem(item, ignoreBounds=True)  # a ghost never moves the view
        self._shown_at = 0.0
        self._timer = QTimer(self)
        self._timer.setInterval(FADE_TICK_MS)
        self._timer.timeout.connect(self._fade)

    @property
    def visible(self) -> bool:
        return self.unit_ghost.isVisible()

    def show_from(self, before: Network, layer: int) -> None:
        """Draw ``before`` (the network before the Step) as the ghost of the current one."""
        if not self.enabled:
            return
        plots = self._plots
        now = self._session.network
        if before.sizes != now.sizes or layer >= len(before.hidden_layers):
            self.clear()  # the shape changed: there is nothing to compare
            return
        lo, hi = plots.unit_plot.viewRange()[0]
        grid = np.union1d(sample_grid(before, lo, hi), sample_grid(now, lo, hi))
        old, new = before.forward(grid), now.forward(grid)
        last = len(before.layers) - 2
        self.unit_ghost.setData(*_nan_joined(grid, old.post[layer]))
        self.contribution_ghost.setData(*_nan_joined(grid, old.post[last] * before.output_layer.weights[0][:, None]))
        self.output_ghost.setData(grid, old.output.copy())
        self._mark_kink_moves(grid, old, new, layer, before)
        self._shown_at = time.monotonic()
        for item in self.items:
            item.setOpacity(1.0)
            item.show()
        self._timer.start()

    def _mark_kink_moves(self, grid, old, new, layer: int, before: Network) -> None:
        if before.layers[layer].activation not in ("relu", "leaky_relu"):
            self.kink_moves.setData([], [])
            self.old_kinks.setData([], [])
            return
        ones = np.ones(old.pre[layer].shape[0])
        was = kink_points(grid, old.pre[layer], old.post[layer], ones, set())
        now = kink_points(grid, new.pre[layer], new.post[layer], ones, set())
        was_at = _single_kinks(was)
        now_at = _single_kinks(now)
        xs, ys, ring_x, ring_y, pens = [], [], [], [], []
        for unit, (x0, y0) in was_at.items():
            if unit in now_at:
                x1, y1 = now_at[unit]
                xs += [x0, x1]
                ys += [y0, y1]
            ring_x.append(x0)
            ring_y.append(y0)
            pens.append(pg.mkPen(palette.unit_colour(unit), width=2.5))
        self.kink_moves.setData(np.array(xs, dtype=float), np.array(ys, dtype=float))
        self.old_kinks.setData(ring_x, ring_y, pen=pens, brush=None)

    def kink_moves_shown(self) -> list[tuple[float, float]]:
        """(old x, new x) of every kink movement drawn (for tests and the curious)."""
        xs, _ = self.kink_moves.getData()
        if xs is None or not self.kink_moves.isVisible():
            return []
        return [(float(xs[i]), float(xs[i + 1])) for i in range(0, len(xs) - 1, 2)]

    @Slot()
    def clear(self) -> None:
        self._timer.stop()
        for item in self.items:
            item.hide()

    @Slot()
    def _fade(self) -> None:
        if not self._plots.isVisible():  # the window closed: no timer outlives it
            self.clear()
            return
        age = time.monotonic() - self._shown_at
        if age >= HOLD_S + FADE_S:
            self.clear()
            return
        opacity = 1.0 if age < HOLD_S else 1.0 - (age - HOLD_S) / FADE_S
        for item in self.items:
            item.setOpacity(opacity)


def _single_kinks(points: dict) -> dict[int, tuple[float, float]]:
    """unit -> (x, y) of its kink, for the units with exactly one kink in view."""
    units = points.get("data", [])
    found: dict[int, list[tuple[float, float]]] = {}
    for unit, x, y in zip(units, points["x"], points["y"]):
        found.setdefault(unit, []).append((float(x), float(y)))
    return {unit: spots[0] for unit, spots in found.items() if len(spots) == 1}
