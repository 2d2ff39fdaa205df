"""The forward walkthrough: for one x, every number of the forward pass, unit by unit.

Pick x by clicking any plot (or its x axis) or by typing it. For each unit of the last hidden
layer the table shows w·x + b, the activation, × the output weight, the contribution and the
running sum; then the output bias and the output activation give the network's output. A
marker line shows the chosen x on all three plots while the panel is on screen. Beside the
table: the kinks (x = −b/w), the number of linear pieces and the dead units, in words.

With two inputs the panel follows one data point instead (click it on the output view): its
features, each unit's z = w1·x1 + w2·x2 + b and activation, the logit(s), probabilities, label,
error and loss term (panels/plane_numbers.py); the point is ringed on the output view.

The numbers follow every edit at once and training at most 10 times a second.
"""
from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from reluplay.core import get_activation, walkthrough
from reluplay.state.changes import ChangeKind, NetworkChange
from reluplay.state.session import Session
from reluplay.teach import chain_rule, explain, plane_point, walkthrough_x
from reluplay.teach.explain import fmt
from reluplay.ui import palette
from reluplay.ui.features.parts import DockPart, Parts
from reluplay.ui.panels import plane_numbers
from reluplay.ui.panels.docks import LivePanel, bottom_dock, wrapping_label
from reluplay.ui.panels.number_table import (
    Cell,
    NumberTableModel,
    fill,
    row,
    table_view,
)
from reluplay.ui.panels.param_control import SPIN_LIMIT


class WalkthroughPanel(LivePanel):
    #: The x to mark on the plots, or None while the panel is not on screen.
    marker_changed = Signal(object)
    #: Two inputs: the chosen point (x1, x2), or None.
    point_changed = Signal(object)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._session = session
        self._x = walkthrough_x.default_x(session.x, session.view.x_range) if session.network.n_inputs == 1 else 0.0
        self._point = plane_point.default_point(session.x) if session.network.n_inputs == 2 else None

        self.x_spin = QDoubleSpinBox()
        self.x_spin.setRange(-SPIN_LIMIT, SPIN_LIMIT)
        self.x_spin.setDecimals(4)
        self.x_spin.setKeyboardTracking(False)  # a typed x applies on Enter
        self.x_spin.setMinimumWidth(110)
        self.x_spin.setToolTip("The input x to follow through the network (or click any plot)")
        self.x_spin.valueChanged.connect(self._on_spin)
        self.x_label = QLabel("x =")
        self.point_label = QLabel()  # two inputs: the chosen point and the output there
        self.point_label.setFont(palette.font(palette.APP_POINT_SIZE + 2, bold=True))
        self.point_label.hide()
        hint = self.hint = QLabel("click any plot to pick x")
        hint.setStyleSheet(f"color: {palette.CROSSHAIR_COLOUR};")
        # Only a hint: it gives way first when the panel shares the width with the backward step.
        hint.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        hint.setMinimumWidth(0)
        self.output_label = QLabel()
        self.output_label.setFont(palette.font(palette.APP_POINT_SIZE + 4, bold=True))
        self.output_label.setTextFormat(Qt.TextFormat.RichText)
        top = QHBoxLayout()
        self.x_label.setFont(palette.font(palette.APP_POINT_SIZE + 1, bold=True))
        top.addWidget(self.x_label)
        top.addWidget(self.x_spin)
        top.addWidget(self.point_label)
        top.addWidget(hint)
        top.addStretch(1)
        top.addWidget(self.output_label)

        # The data point at x (or the nearest one): target, error and squared error, what the loss adds up.
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.layer_note = QLabel()
        self.layer_note.setWordWrap(True)
        self.table_model = NumberTableModel([])
        self.table = table_view(self.table_model)
        self.earlier_model = NumberTableModel([])
        self.earlier_table = table_view(self.earlier_model)
        tables = QSplitter(Qt.Orientation.Vertical)  # the last layer's table first; drag for more of the rest
        tables.addWidget(self.table)
        tables.addWidget(self.earlier_table)
        tables.setStretchFactor(0, 2)
        tables.setStretchFactor(1, 1)

        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.error_label)
        column.addWidget(self.layer_note)
        column.addWidget(tables, 1)

        self.shape_label = wrapping_label()
        self.lay_out(left, self.shape_label, 680, 190)

        session.network_changed.connect(self._on_network_changed)
        session.data_changed.connect(self._on_data_changed)
        self._show_x_in_spin()
        self.refresh()

    # --- x -----------------------------------------------------------------------------------------
    @property
    def x(self) -> float:
        return self._x

    @Slot(float)
    def set_x(self, x: float) -> None:
        """Follow this x (exactly as given)."""
        self._x = float(x)
        self._show_x_in_spin()
        self.refresh()
        self._emit_marker()

    @Slot(float)
    def pick_x(self, raw: float) -> None:
        """A clicked x: snapped to a data point that close, else rounded to a readable number."""
        s = self._session
        self.set_x(walkthrough_x.nice_x(raw, s.view.x_range, s.x))

    @Slot(float)
    def _on_spin(self, value: float) -> None:
        if value != self._x:
            self.set_x(value)

    def _show_x_in_spin(self) -> None:
        self.x_spin.blockSignals(True)
        self.x_spin.setSingleStep(walkthrough_x.x_step(self._session.view.x_range, 20.0))
        self.x_spin.setValue(self._x)
        self.x_spin.blockSignals(False)

    # --- two inputs: the chosen point ---------------------------------------------------------------------
    @property
    def point(self) -> tuple[float, float] | None:
        return self._point

    def set_point(self, x1: float, x2: float) -> None:
        """Follow the data point (x1, x2) (two inputs)."""
        self._point = (float(x1), float(x2))
        self.refresh()
        self.point_changed.emit(self._point)

    # --- marker: only while the numbers are on screen ------------------------------------------------
    def marker_x(self) -> float | None:
        return self._x if self.isVisible() and self._session.network.n_inputs == 1 else None

    def _emit_marker(self) -> None:
        self.marker_changed.emit(self.marker_x())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._emit_marker()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._emit_marker()

    # --- following the session --------------------------------------------------------------------------
    @Slot(object)
    def _on_network_changed(self, change: NetworkChange) -> None:
        if change.kind is ChangeKind.LOAD:
            s = self._session
            if s.network.n_inputs == 1:
                self._x = walkthrough_x.default_x(s.x, s.view.x_range)
                self._show_x_in_spin()
            self._point = plane_point.default_point(s.x) if s.network.n_inputs == 2 else None
            self._show_mode()
            self._emit_marker()
            self.point_changed.emit(self._point)
        if change.kind is ChangeKind.TRAINING:
            self.schedule_refresh()
        else:
            self.refresh()

    @Slot()
    def _on_data_changed(self) -> None:
        self.refresh()  # the dead units listed beside the table depend on the data

    def _show_mode(self) -> None:
        one = self._session.network.n_inputs == 1
        for w in (self.x_label, self.x_spin):
            w.setVisible(one)
        self.point_label.setVisible(not one)
        self.hint.setText("click any plot to pick x" if one else "click a data point on the output view")

    def redraw(self) -> None:
        net = self._session.network
        self._show_mode()
        if net.n_inputs == 2:
            self._redraw_point()
            return
        result = walkthrough(net, self._x)
        deep = len(net.layers) > 2
        last = len(net.hidden_layers) - 1
        activation = get_activation(net.layers[last].activation).label
        out_activation = get_activation(net.output_layer.activation)
        headers = ["Unit", "w·x + b" if not deep else "weighted input z", activation,
                   "output w", "contribution", "running sum"]
        rows = []
        running = 0.0
        first = net.layers[0]
        for step in result.layers[-1]:
            running += step.contribution
            z_cell = step.pre_activation
            if not deep:
                z_cell = Cell(step.pre_activation, explain.pre_activation_formula(
                    float(first.weights[step.unit, 0]), self._x, float(first.biases[step.unit]), step.pre_activation))
            off = step.activation == 0.0
            colour = palette.unit_colour(palette.network_style(net, last, step.unit), self._session.view.palette)
            rows.append(row(f" {palette.unit_name(step.unit, last)} ", z_cell, step.activation, step.output_weight,
                            step.contribution, running, colour=colour.name(), muted=off,
                            tooltip="off at this x: it adds 0" if off else ""))
        rows.append(row("bias", None, None, None, result.output_bias, running + result.output_bias))
        # The output row names its own activation: under the hidden layer's heading ("ReLU") it
        # would read as if the output were clipped when it has no activation at all.
        if net.output_layer.activation == "identity":
            rows.append(row("output ŷ (no activation)", None, None, None, None, Cell(result.output, tooltip=(
                "the network's output ŷ: the running sum plus the output bias, as it is")), bold=True))
        else:
            rows.append(row(f"output ŷ = {out_activation.label}(sum)", None, None, None, None, Cell(
                result.output, tooltip=(f"the output activation, {out_activation.label}, of the running sum "
                                        f"{fmt(result.output_pre_activation)}: the network's output ŷ")), bold=True))
        fill(self.table, headers, rows)
        self.output_label.setText(f"ŷ({fmt(self._x)}) = {fmt(result.output)}")
        point = chain_rule.point_error(net, self._session.x, self._session.y, self._x)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setText("" if point is None else chain_rule.point_error_text(point))
        self.error_label.setToolTip(chain_rule.point_error_tip(self._session.x.size))
        self.error_label.setVisible(point is not None)

        if deep:
            self.layer_note.setText(f"The table follows the last hidden layer (layer {last + 1}), which feeds the "
                                    "output; the earlier layers are below it.")
            earlier = []
            for layer, steps in enumerate(result.layers[:-1]):
                for step in steps:
                    colour = palette.unit_colour(palette.network_style(net, layer, step.unit), self._session.view.palette)
                    earlier.append(row(f" layer {layer + 1} · {palette.unit_name(step.unit, layer)} ", step.pre_activation,
                                       step.activation, colour=colour.name(),
                                       muted=step.activation == 0.0))
            fill(self.earlier_table, ["Unit", "weighted input z", "activation"], earlier)
        self.layer_note.setVisible(deep)
        self.earlier_table.setVisible(deep)
        self._refresh_shape()

    def _redraw_point(self) -> None:
        s = self._session
        n = plane_numbers.chosen_point_numbers(s, self._point)
        self.layer_note.setVisible(False)
        if n is None:
            self.point_label.setText("")
            self.output_label.setText("")
            self.error_label.setText(plane_numbers.NO_POINT)
            self.error_label.setVisible(True)
            fill(self.table, ["Unit"], [])
            self.earlier_table.setVisible(False)
        else:
            self.point_label.setText(plane_numbers.point_heading(n))
            self.output_label.setText("")
            headers, rows, earlier = plane_numbers.walkthrough_tables(s, n)
            fill(self.table, headers, rows)
            self.error_label.setTextFormat(Qt.TextFormat.PlainText)
            self.error_label.setText(plane_numbers.loss_line(n))
            self.error_label.setToolTip("The loss training makes small is the mean of the loss terms over the "
                                        f"{len(s.y)} training points.")
            self.error_label.setVisible(bool(self.error_label.text()))
            deep = bool(earlier)
            if deep:
                self.layer_note.setText(f"The table follows the last hidden layer (layer {len(n.layers)}), which "
                                        "feeds the output; the earlier layers are below it.")
                fill(self.earlier_table, ["Unit", "weighted input z", "activation"], earlier)
            self.layer_note.setVisible(deep)
            self.earlier_table.setVisible(deep)
        self.shape_label.setText(plane_numbers.shape_html(s, n))

    def _refresh_shape(self) -> None:
        s = self._session
        net = s.network
        parts = ["<b>Kinks</b> (where a unit switches on: w·x + b = 0)",
                 explain.html_list(explain.kink_notes(net, s.view.x_range)),
                 f"<p>{escape(explain.pieces_note(net, s.view.x_range), quote=False)}</p>"]
        dead = explain.dead_unit_notes(net, s.x)
        parts.append("<b>Dead units</b>")
        parts.append(explain.html_list(dead) if dead else "<p>None: every unit is active on some data point.</p>")
        self.shape_label.setText("".join(parts))


def build(window) -> tuple[WalkthroughPanel, Parts]:
    """The "Forward walkthrough" dock; clicks on the plots pick its x, and the plots mark it."""
    panel = WalkthroughPanel(window.session)
    dock = bottom_dock(window, "Forward walkthrough", panel, "Walkthrough", "W",
                       "The numbers of the forward pass at one x; click a plot to choose x")
    window.plots.x_clicked.connect(panel.pick_x)
    panel.marker_changed.connect(window.plots.set_marker)
    panel.dock = dock
    return panel, Parts(docks=[DockPart(dock, toggle=dock.toggleViewAction())])
