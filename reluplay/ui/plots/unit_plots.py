"""The three live plots: each unit's curve, each unit's contribution, and their sum over the data.

Plot items are created when the network's shape changes and otherwise only fed new data with
``setData``. Redraws are coalesced by a single-shot timer at display rate, so a dragged slider or
60 training frames a second cost at most one redraw per screen refresh.
"""
from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from reluplay.state import gil_handoff as gui_priority
from reluplay.state.changes import ChangeKind, NetworkChange
from reluplay.state.session import Session
from reluplay.ui import palette
from reluplay.ui.coalesce import Coalescer
from reluplay.ui.plots.curve_bundle import BundledCurve, CurveBundle
from reluplay.ui.plots.frame_spreader import FrameSpreader
from reluplay.ui.plots.key_moments import KeyMoments, output_title
from reluplay.ui.plots.legend_place import LegendPlacer, scatter_rects
from reluplay.ui.plots.plot_rows import PlotRowShares
from reluplay.ui.plots.plot_style import (
    crosshair,
    data_scatter,
    fill_layer_combo,
    kink_scatter,
    marker_line,
    sample_grids,
    set_title,
    styled_plot,
)
from reluplay.ui.plots.plot_view import PlotViewing
from reluplay.ui.plots.unit_styles import UnitStyling

#: At most ~40 redraws a second: smooth to the eye, and it leaves the GIL to training.
REDRAW_INTERVAL_MS = 25
MAX_LEGEND_UNITS = 8
MAX_ANTIALIASED_UNITS = 12


@dataclass(eq=False)
class _Frame:
    """One redraw's numbers, computed before any plot item is touched."""

    layer: int  # the hidden layer plot 1 shows
    sizes: tuple[int, ...]  # the network's shape they were computed for
    unit_grid: np.ndarray  # x of plot 1 (the shown layer's breakpoints)
    unit_post: np.ndarray
    unit_dead: set[int]
    unit_kinks: dict
    grid: np.ndarray  # x of plots 2 and 3 (every layer's breakpoints)
    run: object  # the network's Pass over ``grid``
    contributions: np.ndarray
    last_dead: set[int]
    last_kinks: dict


class UnitPlots(QWidget, UnitStyling, PlotViewing):
    #: A plain left click on a plot (or its x axis): the x there, for tools that follow a chosen x.
    x_clicked = Signal(float)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._session = session
        self._layer = 0  # hidden layer shown in the unit plot
        #: Per bundle, what its pens were last made for (dead units, highlight, palette...).
        self._dead_cache: dict[str, tuple | None] = {"units": None, "contrib": None}
        self.scheme = palette.STANDARD  # the unit palette ("standard" or "projector")
        #: The unit pointed at, (hidden layer, unit): drawn thick and labelled, the others dimmed.
        self.highlight: tuple[int, int] | None = None
        self.twins: dict[str, dict[int, int]] = {"units": {}, "contrib": {}}
        self._marker_styles: dict[tuple, tuple[list[str], list[str]]] = {}
        #: The last kink markers' setData arguments of plots 1 and 2 ("x", "data": unit indices).
        self.kink_data: list[dict] = [{}, {}]
        self.redraw_count = 0  # for the benchmark: plot frames actually drawn
        self._line_scale = 1.0  # presentation mode draws thicker lines

        self.layer_combo = QComboBox()
        self.layer_combo.setFont(palette.font(palette.APP_POINT_SIZE))
        self.layer_combo.currentIndexChanged.connect(self._on_layer_selected)
        self.readout = QLabel(" ")
        self.readout.setFont(palette.font(palette.APP_POINT_SIZE + 1))
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        top = QHBoxLayout()
        self._layer_label = QLabel("Unit curves of hidden layer:")
        self._layer_label.setFont(palette.font(palette.APP_POINT_SIZE))
        top.addWidget(self._layer_label)
        top.addWidget(self.layer_combo)
        top.addStretch(1)
        top.addWidget(self.readout)

        self.canvas = pg.GraphicsLayoutWidget()
        # Every curve moves every frame: a spatial index of items would be rebuilt each time.
        self.canvas.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.unit_plot = styled_plot(self.canvas.addPlot(row=0, col=0), "1. Unit activations", "activation")
        self.legend = self.unit_plot.addLegend(offset=(8, 8), labelTextSize=f"{palette.AXIS_LABEL_POINT_SIZE}pt")
        self.legend.setBrush(pg.mkBrush(255, 255, 255, 210))
        self._compact_legend = False  # presentation mode: one row of letters ("— A  — B")
        self.contribution_plot = styled_plot(
            self.canvas.addPlot(row=0, col=1), "2. × output weight", "contribution")
        self.output_plot = styled_plot(
            self.canvas.addPlot(row=1, col=0, colspan=2), output_title("identity"), "output ŷ")
        # Plot 3 (the network's output against the data) gets the larger share of the height.
        self.row_shares = PlotRowShares(self.canvas, (self.unit_plot, self.output_plot))
        self.plots = (self.unit_plot, self.contribution_plot, self.output_plot)
        # Not setXLink: pyqtgraph links plots of different widths by scale, not by range.
        self._syncing_x = False
        for plot in self.plots:
            plot.sigXRangeChanged.connect(self._on_x_range_changed)

        # One item per plot draws all its unit curves; unit_curves[i] is unit i's handle.
        self.unit_bundle = CurveBundle()
        self.contribution_bundle = CurveBundle()
        self.unit_plot.addItem(self.unit_bundle)
        self.contribution_plot.addItem(self.contribution_bundle)
        self.unit_kinks = kink_scatter()
        self.contribution_kinks = kink_scatter()
        self.unit_plot.addItem(self.unit_kinks)
        self.contribution_plot.addItem(self.contribution_kinks)
        self.output_curve = self.output_plot.plot(pen=palette.output_pen(), name="network output")
        self.output_curve.setZValue(10)
        self.data_points = data_scatter()
        self.output_plot.addItem(self.data_points)
        self._crosshairs = [crosshair() for _ in self.plots]
        for plot, line in zip(self.plots, self._crosshairs):
            plot.addItem(line, ignoreBounds=True)
        self.canvas.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._markers = [marker_line() for _ in self.plots]
        for plot, line in zip(self.plots, self._markers):
            plot.addItem(line, ignoreBounds=True)
        self.canvas.scene().sigMouseClicked.connect(self._on_mouse_clicked)
        self.key_moments = KeyMoments(self)
        # In a corner free of kink markers and of the overlap note, so it hides none (and every
        # marker can be grabbed and dragged).
        # Its forms: "unit A", "unit B" in a column, else (and in presentation mode) a row "— A — B".
        self.legend_placer = LegendPlacer(
            self.legend, self.unit_plot.vb, self._legend_obstacles,
            lambda: (curve.getData() for curve in self.unit_curves),
            fill=self._fill_legend_as, forms=lambda: (True,) if self._compact_legend else (False, True))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.canvas, 1)

        self._redraw = Coalescer(self._on_redraw_due, REDRAW_INTERVAL_MS, self)
        self._last_redraw = 0.0  # time.perf_counter() of the last redraw_now
        #: Draws each frame at once, or spread over turns of the event loop when frames are dear.
        self.frames = FrameSpreader(self._compute_frame, (self._draw_units, self._draw_downstream),
                                    self._frame_fits, self)

        session.network_changed.connect(self._on_network_changed)
        session.data_changed.connect(self._on_data_changed)
        self._rebuild()
        self.reset_view()

    # --- reacting to the session ---------------------------------------------------------------
    @property
    def active(self) -> bool:
        """The plots draw a network with one input; with two the window shows the plane views."""
        return self._session.network.n_inputs == 1

    @Slot(object)
    def _on_network_changed(self, change: NetworkChange) -> None:
        if not self.active:
            return
        activations = tuple(lay.activation for lay in self._session.network.layers)
        before = self._activations
        if change.structural:
            self._rebuild()
        if change.kind is ChangeKind.LOAD:
            self.reset_view()
        elif len(activations) == len(before) and activations != before:
            # tanh, ELU or identity curves have other heights than ReLU's: the old y ranges cut
            # them off (or squash them flat), so a new activation re-fits the plots.
            self.fit_view(keep_x=True)
        self.schedule_redraw()

    @Slot()
    def _on_data_changed(self) -> None:
        if not self.active:
            return
        self.data_points.setData(self._session.x, self._session.y)
        self.schedule_redraw()

    @Slot()
    def schedule_redraw(self) -> None:
        # Wait only for what is left of the interval since the last redraw: waiting a whole
        # interval after each new frame arrived added up to ~40 ms between redraws (25 fps).
        since = (time.perf_counter() - self._last_redraw) * 1000.0
        self._redraw.request(delay_ms=REDRAW_INTERVAL_MS - since)

    @Slot(object, object)
    def _on_x_range_changed(self, source: pg.ViewBox, x_range) -> None:
        """Keep one x range on all three plots (the same x means the same point everywhere)."""
        if self._syncing_x:
            return
        self._syncing_x = True
        try:
            for plot in self.plots:
                if plot.vb is not source:
                    plot.setXRange(*x_range, padding=0)
        finally:
            self._syncing_x = False
        self.schedule_redraw()

    @Slot(int)
    def _on_layer_selected(self, index: int) -> None:
        if index >= 0 and index != self._layer:
            self._layer = index
            self._rebuild_unit_curves()
            self.redraw_now()
            self.fit_view()

    # --- items: created only when the shape changes ------------------------------------------------
    def _rebuild(self) -> None:
        self.frames.drop()  # a frame computed for the old shape
        if not self.active:
            self._activations = None  # rebuilt when a one-input network comes back
            return
        hidden = self._session.network.hidden_layers
        #: The activations the y ranges were made for: a change re-fits them.
        self._activations = tuple(lay.activation for lay in self._session.network.layers)
        self._layer = fill_layer_combo(self.layer_combo, hidden, self._layer)
        deep = len(hidden) > 1
        self.layer_combo.setVisible(deep)
        self._layer_label.setVisible(deep)
        last = len(hidden)
        set_title(self.contribution_plot, f"2. Layer {last} × output weights" if deep else "2. × output weight")
        set_title(self.output_plot, output_title(self._session.network.output_layer.activation))
        self._rebuild_unit_curves()
        self._sync_curves(self.contribution_bundle, hidden[-1].n_out, last - 1)
        self._dead_cache = {"units": None, "contrib": None}
        self._on_data_changed()

    def _rebuild_unit_curves(self) -> None:
        n = self._session.network.hidden_layers[self._layer].n_out
        self._sync_curves(self.unit_bundle, n, self._layer)
        self._fill_legend()
        self._dead_cache["units"] = None
        set_title(self.unit_plot, f"1. Layer {self._layer + 1}: unit activations"
                  if len(self._session.network.layers) > 2 else "1. Unit activations")

    @property
    def unit_curves(self) -> list[BundledCurve]:
        return self.unit_bundle.curves

    @property
    def contribution_curves(self) -> list[BundledCurve]:
        return self.contribution_bundle.curves

    def _fill_legend(self) -> None:
        """What the legend says changed: fill it again; the placer chooses its form and corner anew."""
        placer = getattr(self, "legend_placer", None)  # not yet while the first curves are made
        compact = placer.form if placer is not None and placer.form is not None else self._compact_legend
        self._fill_legend_as(compact)
        if placer is not None:
            placer.invalidate()

    def _fill_legend_as(self, compact: bool) -> None:
        """The legend as a column of "unit A", "unit B"..., or ``compact``: one row "— A  — B" (the
        overlap note says which unit lies on which)."""
        self.legend.clear()
        if len(self.unit_curves) > MAX_LEGEND_UNITS:
            self.legend.hide()
            return  # beyond that the editor's colour swatches are the legend
        twins = self.twins["units"]
        self.legend.setColumnCount(max(1, len(self.unit_curves)) if compact else 1)
        for index, curve in enumerate(self.unit_curves):
            name = palette.unit_name(index, self._layer)
            under = f" (dashed: on {palette.unit_name(twins[index], self._layer)})" if index in twins else ""
            self.legend.addItem(curve, name if compact else f"unit {name}{under}")

    def _legend_obstacles(self) -> list:
        """What plot 1's legend must never cover: the kink markers and the overlap note."""
        kinks = self.kink_data[0]
        size = self.unit_kinks.opts["size"] + 2  # and the marker's white outline
        rects = scatter_rects(self.unit_plot.vb, kinks.get("x", []), kinks.get("y", []), size)
        note = self.key_moments.overlap_note
        if note.isVisible():
            rects.append(note.mapRectToScene(note.boundingRect()))
        return rects

    def _sync_curves(self, bundle: CurveBundle, n: int, layer: int) -> None:
        bundle.resize(n, self._pen_maker(layer, {}))
        # Antialiasing many thick lines costs most of a frame; with few units it is cheap and
        # they are what the class reads, so they get smooth lines.
        bundle.set_antialias(n <= MAX_ANTIALIASED_UNITS)
        bundle.set_dead(set(), self._pen_maker(layer, {}))

    # --- drawing ---------------------------------------------------------------------------------------
    @Slot()
    def redraw_now(self) -> None:
        """Redraw all three plots at once (after an edit, a new view; tests read the plots after it)."""
        self._redraw.cancel()
        if not self.active:
            return
        self.frames.draw_now()

    @Slot()
    def _on_redraw_due(self) -> None:
        """The coalesced redraw (training frames, dragged sliders): the largest networks' frames
        are computed in one turn of the event loop, plot 1 drawn in the next, plots 2 and 3 in
        the one after (see frame_spreader.py), so a click or a key never waits for all of it."""
        if self.active:
            self.frames.draw_due()

    def _frame_fits(self, frame: _Frame) -> bool:
        return frame.layer == self._layer and frame.sizes == tuple(self._session.network.sizes)

    def _compute_frame(self) -> _Frame:
        self._last_redraw = time.perf_counter()
        gui_priority.claim()  # this frame is drawn before training continues
        net = self._session.network
        lo, hi = self.unit_plot.viewRange()[0]
        layer, last = self._layer, len(net.layers) - 2
        unit_grid, grid = sample_grids(net, lo, hi, layer)
        run = net.forward(grid)
        unit_run = run if unit_grid.size == grid.size else net.forward(unit_grid)
        out_weights = net.output_layer.weights[0]

        dead_units = set(self._session.dead_units(layer))
        pre, post = unit_run.pre[layer], unit_run.post[layer]
        self._set_twins("units", post, dead_units)
        unit_kinks = self._kinks(unit_grid, pre, post, None, dead_units, layer)

        dead_last = dead_units if last == layer else set(self._session.dead_units(last))
        contributions = run.post[last] * out_weights[:, None]
        self._set_twins("contrib", contributions, dead_last)
        last_kinks = self._kinks(grid, run.pre[last], run.post[last], out_weights, dead_last, last)
        return _Frame(layer, tuple(net.sizes), unit_grid, post, dead_units, unit_kinks, grid, run,
                      contributions, dead_last, last_kinks)

    def _draw_units(self, frame: _Frame) -> None:
        """Plot 1: the shown layer's unit curves and kinks."""
        self._update_pens(self.unit_bundle, frame.unit_dead, "units", frame.layer)
        self.unit_bundle.set_curves(frame.unit_grid, frame.unit_post)
        self.unit_kinks.setData(**frame.unit_kinks)

    def _draw_downstream(self, frame: _Frame) -> None:
        """Plots 2 and 3: the last layer's contributions, the output, and the key moments."""
        last = len(frame.sizes) - 3  # sizes: input, each hidden layer, output
        self._update_pens(self.contribution_bundle, frame.last_dead, "contrib", last)
        self.contribution_bundle.set_curves(frame.grid, frame.contributions)
        self.contribution_kinks.setData(**frame.last_kinks)
        self.output_curve.setData(frame.grid, frame.run.output.copy())
        self.key_moments.update(frame.grid, frame.run)
        self.legend_placer.update()  # after the overlap note, with plot 1's kink markers in place
        self.redraw_count += 1
