"""What the three plots add to show a lesson's key moments.

- With a ReLU on the output, plot 3 draws the sum before the output ReLU (thin, dashed) under the
  clipped network output, so "the sum, clipped by the output ReLU" can be seen.
- Units whose curves coincide exactly (Linear in disguise: B and C) are told apart: the later one
  is drawn dashed over the earlier, so both colours show, and a note says they overlap.
- The pointed-at unit (see UnitPlots.set_highlight) is labelled with its name beside its curves,
  and dashed lines in its colour mark its kinks through all three plots.
- Optional (View menu): dashed kink lines of every unit through all three plots, as in Prince's
  "Understanding Deep Learning" figures, and shading of the output's linear pieces.

Items are made once and fed new data each frame, like the rest of the plots.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPen

from reluplay.ui import palette
from reluplay.ui.plots.legend_place import LegendPlacer, scatter_rects

#: Curves equal to this fraction of their size are the same curve on screen.
COINCIDE_TOLERANCE = 1e-9
#: The pieces' shading: two light tints, one for every other piece.
PIECE_TINTS = ("#E8EEF7", "#F7F0E3")
MAX_KINK_LINES = 256


def output_title(activation: str) -> str:
    """Plot 3's title, following the output activation."""
    if activation == "identity":
        return "3. Sum + output bias = network output, with the data"
    from reluplay.core import ACTIVATIONS

    label = ACTIVATIONS[activation].label if activation in ACTIVATIONS else activation
    return f"3. Sum + output bias, then {label} = network output"


def coinciding_curves(curves: np.ndarray, dead: set[int]) -> dict[int, int]:
    """{unit: the earlier unit whose curve it lies exactly on}, for live units only.

    Runs every frame: one projection of all curves finds the candidate pairs (equal curves have
    equal projections), and only those are compared point by point.
    """
    curves = np.asarray(curves, dtype=float)
    if curves.ndim != 2 or curves.shape[0] < 2:
        return {}
    with np.errstate(all="ignore"):
        scale = np.max(np.abs(curves), axis=1)
        weights = np.cos(np.arange(curves.shape[1]) * 1.7) + 1.5  # positive, and not the same for every point
        prints = curves @ weights
    tolerance = COINCIDE_TOLERANCE * np.maximum(scale, 1e-12) * weights.sum()
    with np.errstate(all="ignore"):
        close = np.abs(prints[:, None] - prints[None, :]) <= tolerance[:, None]
    later, earlier = np.nonzero(np.tril(close, k=-1))  # pairs (i, j) with j < i, by i then j
    twins: dict[int, int] = {}
    for i, j in zip(later.tolist(), earlier.tolist()):
        if i in twins or i in dead or j in dead or j in twins:
            continue
        if np.max(np.abs(curves[i] - curves[j])) <= COINCIDE_TOLERANCE * max(scale[j], 1e-12):
            twins[i] = j
    return twins


def linear_piece_edges(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The x where the straight pieces of the polyline (x, y) meet, with both ends."""
    if x.size < 3:
        return np.array([x[0], x[-1]]) if x.size else x
    with np.errstate(all="ignore"):
        slopes = np.diff(y) / np.diff(x)
    scale = max(1.0, float(np.nanmax(np.abs(slopes))) if np.isfinite(slopes).any() else 1.0)
    bends = np.flatnonzero(np.abs(np.diff(slopes)) > 1e-9 * scale) + 1
    return np.concatenate(([x[0]], x[bends], [x[-1]]))


def _dashed(colour: QColor, width: float = 2.0) -> QPen:
    pen = QPen(colour, width, Qt.PenStyle.DashLine)
    pen.setCosmetic(True)
    return pen


class KeyMoments:
    def __init__(self, plots):
        self._plots = plots
        self.show_kink_lines = False
        self.show_pieces = False
        self.sum_curve = pg.PlotCurveItem(pen=_dashed(QColor(palette.OUTPUT_COLOUR), 2.5), name="sum before the output ReLU")
        self.sum_curve.setZValue(9)
        plots.output_plot.addItem(self.sum_curve)
        # Placed by its LegendPlacer (below) in a corner with no data point under it.
        self.output_legend = pg.LegendItem(offset=(8, 8), labelTextSize=f"{palette.AXIS_LABEL_POINT_SIZE}pt",
                                           brush=pg.mkBrush(255, 255, 255, 210))
        self.output_legend.setParentItem(plots.output_plot.vb)
        self.output_legend.addItem(plots.output_curve, "output")
        self.output_legend.addItem(self.sum_curve, "sum before ReLU")
        self.output_legend.hide()
        self._legend_shown = True
        # In a corner with no data point under it (and as little of the two curves as it can).
        self.output_placer = LegendPlacer(
            self.output_legend, plots.output_plot.vb,
            lambda: scatter_rects(plots.output_plot.vb, *plots.data_points.getData(),
                                  plots.data_points.opts["size"] + 3),
            lambda: (plots.output_curve.getData(), self.sum_curve.getData()))
        self.overlap_note = pg.TextItem(color=palette.FOREGROUND, anchor=(1, 1), fill=pg.mkBrush(255, 255, 255, 220))
        self.overlap_note.setFont(palette.font(palette.AXIS_LABEL_POINT_SIZE - 1))
        self.overlap_note.setZValue(50)
        plots.unit_plot.addItem(self.overlap_note, ignoreBounds=True)
        self.labels = [pg.TextItem(anchor=(1, 1)) for _ in range(3)]
        for plot, label in zip(plots.plots, self.labels):
            label.setFont(palette.font(palette.TITLE_POINT_SIZE, bold=True))
            label.setZValue(60)
            plot.addItem(label, ignoreBounds=True)
        # Kink lines: one pool of vertical lines per plot, shown as many as there are kinks.
        self._lines: list[list[pg.InfiniteLine]] = [[] for _ in plots.plots]
        self.pieces = pg.BarGraphItem(x0=[], x1=[], y0=[], y1=[], pen=pg.mkPen(None))
        self.pieces.setZValue(-20)
        plots.output_plot.addItem(self.pieces, ignoreBounds=True)
        for plot in plots.plots:
            plot.sigYRangeChanged.connect(lambda *_: plots.schedule_redraw())

    def set_text_scale(self, scale: float) -> None:
        """Presentation mode: the unit labels and the overlap note grow with the plots' type."""
        for label in self.labels:
            label.setFont(palette.font(round(palette.TITLE_POINT_SIZE * scale), bold=True))
        self.overlap_note.setFont(palette.font(round((palette.AXIS_LABEL_POINT_SIZE - 1) * scale)))
        # In presentation mode plot 3 is short and its type large: a legend would cover the data,
        # and the plot's title already names both curves ("Sum + output bias, then ReLU").
        self._legend_shown = scale <= 1.0

    # --- each frame ------------------------------------------------------------------------------
    def update(self, grid: np.ndarray, run) -> None:
        plots = self._plots
        net = plots._session.network
        if net.output_layer.activation == "identity":
            self.sum_curve.hide()
            self.output_placer.wanted = False
        else:
            self.sum_curve.setData(grid, np.array(run.pre[-1][0], dtype=float))
            self.sum_curve.show()
            self.output_placer.wanted = self._legend_shown
        self.output_placer.update()
        self._update_overlap_note()
        kinks = plots.kink_data[0].get("x", []), plots.kink_data[0].get("data", [])
        self._update_kink_lines(kinks)
        self._update_labels(grid, run)
        self._update_pieces(grid, run.output)

    def _update_overlap_note(self) -> None:
        plots = self._plots
        twins = plots.twins["units"]
        if not twins:
            self.overlap_note.hide()
            return
        layer = plots._layer
        pairs = [f"{palette.unit_name(j, layer)} and {palette.unit_name(i, layer)}" for i, j in twins.items()]
        self.overlap_note.setText(f"{'; '.join(pairs)} overlap")
        (_, x1), (y0, _) = plots.unit_plot.viewRange()
        self.overlap_note.setPos(x1, y0)
        self.overlap_note.show()

    def _update_kink_lines(self, kinks) -> None:
        """All units' kinks (View toggle), or only the pointed-at unit's, through all three plots."""
        plots = self._plots
        xs, units = kinks
        layer = plots._layer
        highlight = plots.highlight
        wanted = []
        for x, unit in zip(np.asarray(xs, dtype=float).tolist(), units):
            pointed = highlight == (layer, unit)
            if self.show_kink_lines or pointed:
                colour = plots._unit_colour(layer, unit)
                wanted.append((x, colour, 3.0 if pointed else 1.6))
        wanted = wanted[:MAX_KINK_LINES]
        for plot, pool in zip(plots.plots, self._lines):
            while len(pool) < len(wanted):
                line = pg.InfiniteLine(angle=90, movable=False)
                line.setZValue(-5)
                plot.addItem(line, ignoreBounds=True)
                pool.append(line)
            for line, (x, colour, width) in zip(pool, wanted):
                line.setPen(_dashed(colour, width * plots._line_scale))
                line.setValue(x)
                line.show()
            for line in pool[len(wanted):]:
                line.hide()

    def kink_line_positions(self, plot_index: int) -> list[float]:
        """The x of every kink line shown on plot ``plot_index`` (for tests and the export)."""
        return [float(line.value()) for line in self._lines[plot_index] if line.isVisible()]

    def _update_labels(self, grid: np.ndarray, run) -> None:
        """The pointed-at unit's name beside its curve on plots 1 and 2, and on plot 3 at its kink."""
        plots = self._plots
        target = plots.highlight
        for label in self.labels:
            label.hide()
        if target is None:
            return
        layer, unit = target
        name = palette.unit_name(unit, layer)
        colour = palette.unit_colour(palette.network_style(plots._session.network, layer, unit), plots.scheme)
        last = len(plots._session.network.layers) - 2
        curves = []
        if layer == plots._layer and unit < len(plots.unit_curves):
            curves.append((0, plots.unit_curves[unit]))
        if layer == last and unit < len(plots.contribution_curves):
            curves.append((1, plots.contribution_curves[unit]))
        for index, curve in curves:
            x, y = curve.getData()
            spot = self._label_spot(plots.plots[index], x, y)
            if spot is not None:
                self._show_label(self.labels[index], f"unit {name}", colour, spot)
        kink_x = [x for x, u in zip(plots.kink_data[0].get("x", []), plots.kink_data[0].get("data", []))
                  if layer == plots._layer and u == unit]
        if kink_x:
            (_, _), (_, y1) = plots.output_plot.viewRange()
            self.labels[2].setAnchor((0.5, 0))
            self._show_label(self.labels[2], f"{name}'s kink", colour, (float(kink_x[0]), y1))

    @staticmethod
    def _label_spot(plot, x, y):
        """Where a label reads well: the curve's point at 80 % of the visible x range, if it is in view."""
        if x is None or len(x) == 0:
            return None
        (x0, x1), (y0, y1) = plot.viewRange()
        at = x0 + 0.8 * (x1 - x0)
        value = float(np.interp(at, x, y))
        if not np.isfinite(value):
            return None
        return at, min(max(value, y0 + 0.05 * (y1 - y0)), y1 - 0.05 * (y1 - y0))

    @staticmethod
    def _show_label(label: pg.TextItem, text: str, colour: QColor, spot) -> None:
        label.setText(text, color=colour)
        label.fill = pg.mkBrush(255, 255, 255, 215)
        label.setPos(*spot)
        label.show()

    def _update_pieces(self, grid: np.ndarray, output: np.ndarray) -> None:
        from reluplay.core import is_piecewise_linear

        plots = self._plots
        if not self.show_pieces or not is_piecewise_linear(plots._session.network):
            self.pieces.setOpts(x0=[], x1=[], y0=[], y1=[])
            self.pieces.hide()
            return
        edges = linear_piece_edges(np.asarray(grid, dtype=float), np.asarray(output, dtype=float))
        (_, _), (y0, y1) = plots.output_plot.viewRange()
        n = max(0, edges.size - 1)
        brushes = [pg.mkBrush(PIECE_TINTS[i % 2]) for i in range(n)]
        self.pieces.setOpts(x0=edges[:-1], x1=edges[1:], y0=np.full(n, y0), y1=np.full(n, y1), brushes=brushes)
        self.pieces.show()

    def piece_edges(self) -> np.ndarray:
        """The shaded pieces' edges on plot 3 (empty when shading is off)."""
        if not self.pieces.isVisible():
            return np.zeros(0)
        opts = self.pieces.opts
        x0, x1 = np.asarray(opts["x0"], dtype=float), np.asarray(opts["x1"], dtype=float)
        return np.append(x0, x1[-1:]) if x0.size else np.zeros(0)
