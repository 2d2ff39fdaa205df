"""The plot area of a lesson with two inputs: unit heatmaps beside the large output view.

Bound to the Session like ``UnitPlots``: the network is evaluated on the plane once per frame
(``evaluate.PlaneSampler``, its buffers kept between frames), frames are coalesced at display rate and drawn only when
the network, the data or a toggle changed. The exact regions (count, outlines, decision boundary,
formulas) arrive from the analysis worker (``set_regions``), computed off the GUI thread.
"""
from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from reluplay.state import gil_handoff as gui_priority
from reluplay.state.changes import NetworkChange
from reluplay.state.session import Session
from reluplay.ui import palette
from reluplay.ui.coalesce import Coalescer
from reluplay.ui.plots.plane import colours, evaluate
from reluplay.ui.plots.plane.background import BACKGROUND_WORK, PlaneSampleRunner, grid_work, sample_and_folds
from reluplay.ui.plots.plane.geometry import zero_contour
from reluplay.ui.plots.plane.output_view import CLASSIFICATION, OutputView
from reluplay.ui.plots.plane.unit_heatmaps import UnitHeatmaps
from reluplay.ui.plots.plot_style import fill_layer_combo

REDRAW_INTERVAL_MS = 25
#: While training, frames are at least this many times their own drawing time apart: the GUI thread spends
#: at most about half its time drawing the plane (64 heatmaps take 30-50 ms), the rest answering the class.
DRAW_DUTY_FACTOR = 2.0


class PlaneViews(QWidget):
    #: A unit heatmap was clicked: (hidden layer, unit).
    unit_selected = Signal(int, int)
    #: A data point was clicked: (x1, x2).
    point_selected = Signal(float, float)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._session = session
        self._layer = 0
        self._scale = 1.0
        self.scheme = palette.STANDARD
        self.regions = None  # core.regions.LinearRegions of the shown network, when it arrived
        self.sample: evaluate.PlaneSample | None = None
        self._sampler = evaluate.PlaneSampler()
        self.redraw_count = 0

        self.layer_combo = QComboBox()
        self.layer_combo.currentIndexChanged.connect(self._on_layer_selected)
        self._layer_label = QLabel("Layer:")
        self.contributions = QCheckBox("× output weight")
        self.contributions.setToolTip("Show each unit's contribution to the output (output weight × activation) "
                                      "instead of its activation; they add up to the output's logit or ŷ.")
        self.contributions.toggled.connect(self.redraw_now)
        self.outlines = QCheckBox("Region outlines")
        self.outlines.setChecked(True)
        self.outlines.setToolTip("Outline the linear regions: the pieces of the plane on each of which "
                                 "the network is one flat (affine) function.")
        self.outlines.toggled.connect(self._on_outlines_toggled)
        self.readout = QLabel(" ")
        self.readout.setTextFormat(Qt.TextFormat.RichText)
        top = QHBoxLayout()
        for w in (self._layer_label, self.layer_combo, self.contributions, self.outlines):
            w.setFont(palette.font(palette.APP_POINT_SIZE))
            top.addWidget(w)
        top.addStretch(1)
        self._top, self._tools = top, []
        self._layers_shown = False  # whether the layer chooser is shown (a network of 2+ hidden layers)
        self._controls_hidden = False  # a figure: no controls at all
        self.layer_combo.setToolTip("The hidden layer whose units the heatmaps show")
        self.readout.setFont(palette.font(palette.APP_POINT_SIZE))
        self.units = UnitHeatmaps()
        self.output = OutputView()
        self.units.unit_clicked.connect(lambda unit: self.unit_selected.emit(self._layer, unit))
        self.output.point_clicked.connect(self._on_point_clicked)
        self.output.hovered.connect(self._on_hovered)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(self.units)
        split.addWidget(self.output)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setChildrenCollapsible(False)
        split.setSizes([340, 660])
        self.splitter = split
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QWidget()
        bar.setLayout(top)
        top.setContentsMargins(0, 0, 0, 0)
        bar.setMinimumWidth(1)  # a narrow window clips the bar's end rather than widening itself
        layout.addWidget(bar)
        layout.addWidget(split, 1)
        layout.addWidget(self.readout)

        self._redraw = Coalescer(self.refresh, REDRAW_INTERVAL_MS, self)
        self._last_redraw = 0.0
        # Big networks are sampled on a pool thread (background.py): one request at a time, the
        # newest state asked for again when it lands; a drawing made at once (redraw_now) starts a new
        # epoch, so an older background sample that lands after it is not drawn over it.
        self._background = PlaneSampleRunner(self)
        self._background.ready.connect(self._on_background_sample)
        self._background_pending = self._background_again = False
        self._epoch = 0
        self._draw_ms = 0.0  # what the last drawing cost this thread
        session.network_changed.connect(self._on_network_changed)
        session.data_changed.connect(self._on_data_changed)

    # --- binding -------------------------------------------------------------------------------------
    @property
    def active(self) -> bool:
        return self._session.network.n_inputs == 2

    @property
    def box(self):
        view = self._session.view
        return (tuple(view.x_range), tuple(view.x2_range))

    @property
    def layer(self) -> int:
        return self._layer

    def rebuild(self) -> None:
        """After a load or a change of shape: the layer list, the tiles, the task's colour map."""
        if not self.active:
            return
        net = self._session.network
        hidden = net.hidden_layers
        self._layer = fill_layer_combo(self.layer_combo, hidden, self._layer, compact=True)
        self._layers_shown = len(hidden) > 1 and not self._controls_hidden
        self.layer_combo.setVisible(self._layers_shown)
        self._fit_bar()
        self.units.set_unit_count(hidden[self._layer].n_out)
        self.output.set_task(self._session.task, self._session.classes)
        self.regions = None
        self._on_data_changed()

    @Slot(object)
    def _on_network_changed(self, change: NetworkChange) -> None:
        if not self.active:
            return
        if change.structural:
            self.rebuild()
        if change.final:
            self.refresh()  # the last frame is drawn at once, with its regions when they arrive
        else:
            self.schedule_redraw()

    @Slot()
    def _on_data_changed(self) -> None:
        if not self.active:
            return
        s = self._session
        self.output.set_data(s.x, s.y, s.test_x, s.test_y)
        self.schedule_redraw()

    @Slot(int)
    def _on_layer_selected(self, index: int) -> None:
        if index >= 0 and index != self._layer:
            self._layer = index
            self.units.set_unit_count(self._session.network.hidden_layers[index].n_out)
            self.refresh()

    @Slot(bool)
    def _on_outlines_toggled(self, on: bool) -> None:
        self.output.show_edges = on
        self._show_regions()

    def schedule_redraw(self) -> None:
        since = (time.perf_counter() - self._last_redraw) * 1000.0
        interval = max(REDRAW_INTERVAL_MS, DRAW_DUTY_FACTOR * self._draw_ms)
        self._redraw.request(delay_ms=interval - since)

    # --- drawing -------------------------------------------------------------------------------------
    @property
    def contributions_available(self) -> bool:
        net = self._session.network
        return self._layer == len(net.hidden_layers) - 1 and net.n_outputs == 1

    @Slot()
    def refresh(self) -> None:
        """Draw the current network now, or (a big one) as soon as its background sample lands."""
        if not self.active:
            return
        if grid_work(self._session.network) <= BACKGROUND_WORK:
            self.redraw_now()
            return
        self._redraw.cancel()
        self._last_redraw = time.perf_counter()
        if self._background_pending:
            self._background_again = True
        else:
            self._background_pending, self._background_again = True, False
            self._background.request(self._session.network, self.box, self._layer, self._epoch)

    @Slot(object)
    def _on_background_sample(self, result) -> None:
        self._background_pending = False
        current = (result.epoch == self._epoch and result.layer == self._layer and result.sample is not None
                   and self.active and result.sample.box == self.box
                   and len(result.sample.unit_pre) == len(self._session.network.hidden_layers))
        if current:
            started = time.perf_counter()
            self._show(result.sample, result.folds)
            self._draw_ms = (time.perf_counter() - started) * 1000.0
        stale = not current and result.sample is not None and self.active
        if self._background_again or stale:
            self.refresh()  # what changed while it was computed

    def shutdown(self) -> None:
        """Closing the window: wait for a background sample still being computed."""
        self._background.shutdown()

    @Slot()
    def redraw_now(self) -> None:
        """Draw the current network at once, on this thread, whatever its size."""
        if not self.active:
            return
        self._redraw.cancel()
        self._last_redraw = time.perf_counter()
        self._epoch += 1
        gui_priority.claim()
        started = time.perf_counter()
        _, _, sample, folds = sample_and_folds(self._sampler, self._session.network, self.box, self._layer, self._epoch)
        self._show(sample, folds)
        self._draw_ms = (time.perf_counter() - started) * 1000.0

    def _show(self, sample: evaluate.PlaneSample, folds: list) -> None:
        s, net, box = self._session, self._session.network, sample.box
        self.sample = sample
        self.contributions.setEnabled(self.contributions_available)
        self.contributions.setToolTip(self.contributions.toolTip() if self.contributions_available else
                                      "Contributions are shown for the last hidden layer of a network with one output unit.")
        layer = self._layer
        images = sample.unit_post[layer]
        if self.contributions.isChecked() and self.contributions_available:
            images = images * net.output_layer.weights[0][:, None, None].astype(np.float32)
        self.units.set_unit_count(images.shape[0])
        self.units.set_images(images, box)
        dead = set(s.dead_units(layer))
        self.units.set_styles([(palette.unit_colour(palette.network_style(net, layer, u), self.scheme),
                                palette.unit_name(u, layer), u in dead) for u in range(images.shape[0])],
                              self._scale)
        self.units.set_folds(folds)
        self.output.set_output(sample.output, box, levels=self._value_levels())
        if self.regions is None or not self.regions.piecewise_linear:
            self._show_regions()
        self.redraw_count += 1

    def _value_levels(self):
        if self._session.task == CLASSIFICATION:
            return None
        s = self._session  # the data's range (None without data: the output's own)
        return colours.value_levels(np.concatenate([np.ravel(s.y), np.ravel(s.test_y)]))

    def set_regions(self, regions) -> None:
        """The exact regions of the current network (from the analysis worker), or None."""
        self.regions = regions
        self._show_regions()

    def _show_regions(self) -> None:
        regions = self.regions
        edges = boundary = np.empty((0, 2))
        if regions is not None and regions.piecewise_linear and not regions.capped:
            edges, boundary = regions.edges, regions.decision_boundary
        elif self.sample is not None and self._session.task == CLASSIFICATION and self.sample.logits.shape[0] == 1:
            # No exact boundary (curved features or activations): traced on the output grid.
            boundary = zero_contour(self.sample.logits[0], *self.sample.output_axes)
        self.output.set_regions(edges, boundary)

    # --- pointer -------------------------------------------------------------------------------------
    @Slot(object)
    def _on_hovered(self, point) -> None:
        if point is None or not self.active:
            self.readout.setText(" ")
            return
        x1, x2 = point
        net = self._session.network
        out = np.asarray(net(np.array([[x1, x2]]))).reshape(-1)
        if self._session.task == CLASSIFICATION:
            value = (f"p(class 1) = <b>{out[0]:.3f}</b>" if out.size == 1 else
                     "p = " + ", ".join(f"<b>{p:.2f}</b>" for p in out))
        else:
            value = f"ŷ = <b>{out[0]:.3f}</b>"
        text = f"x1 = {x1:.2f}, x2 = {x2:.2f}: {value}"
        regions = self.regions
        if regions is not None and regions.count:
            index = int(regions.region_at([[x1, x2]])[0])
            if index >= 0:
                region = regions.regions[index]
                name = "logit" if regions.quantity == "logit" else "ŷ"
                formulas = [region.formula(k, f"{name}{k + 1}" if region.weights.shape[0] > 1 else name)
                            for k in range(region.weights.shape[0])]
                text += f" &nbsp; region {index + 1} of {regions.count}: " + "; ".join(formulas)
        self.readout.setText(text)
        self.output.setToolTip(text.replace("<b>", "").replace("</b>", "").replace("&nbsp;", " "))

    @Slot(int, bool)
    def _on_point_clicked(self, index: int, is_test: bool) -> None:
        s = self._session
        points = (s.test_x if is_test else s.x).reshape(-1, 2)
        if 0 <= index < len(points):
            self.point_selected.emit(float(points[index, 0]), float(points[index, 1]))

    def add_tools(self, *widgets: QWidget) -> None:
        """Widgets of a feature (Data → Add points) in the bar above the views, before its stretch."""
        for w in widgets:
            w.setFont(palette.font(palette.APP_POINT_SIZE))
            self._top.insertWidget(self._top.count() - 1, w)
            self._tools.append(w)
        self._fit_bar()

    def _fit_bar(self) -> None:
        """The "Layer:" label only where the bar has room for it (1280 px beside both side panels has not;
        the chooser's entries and tooltip say what it is), so no control is squeezed and cut."""
        others = [w for w in (self.layer_combo, self.contributions, self.outlines, *self._tools) if not w.isHidden()]
        spacing = max(0, self._top.spacing())
        margins = self._top.contentsMargins()
        needed = (sum(w.sizeHint().width() for w in others) + spacing * len(others)
                  + margins.left() + margins.right() + self._layer_label.sizeHint().width())
        self._layer_label.setVisible(self._layers_shown and needed <= self.width())

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_bar()

    def hide_controls(self) -> None:
        """A figure (render, animate): the views without the layer choice, toggles and readout."""
        self._controls_hidden = True
        self._layers_shown = False
        for w in (self._layer_label, self.layer_combo, self.contributions, self.outlines, self.readout, *self._tools):
            w.hide()

    # --- presentation --------------------------------------------------------------------------------
    def set_presentation(self, on: bool, text_scale: float = 1.5, line_scale: float = 2.0) -> None:
        self._scale = line_scale if on else 1.0
        for w in (self._layer_label, self.layer_combo, self.contributions, self.outlines, self.readout, *self._tools):
            w.setFont(palette.font(round(palette.APP_POINT_SIZE * (text_scale if on else 1.0))))
        self._fit_bar()
        self.output.set_scale(text_scale if on else 1.0)
        self._on_data_changed()
        self.redraw_now()
