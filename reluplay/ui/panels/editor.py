"""The network editor: every unit's numbers, the layers' activations and the network-wide rules.

It shows one hidden layer at a time (a selector picks which). Every change goes to the Session;
the editor redraws itself from the Session's signals, and only rebuilds its rows when the
network's shape changes. While training runs, values refresh at ~5 Hz: a teacher cannot read
numbers changing faster, and 96 spin boxes repainting at 60 Hz would cost the plots frames.
A wide layer shows its unit cards a page at a time (Previous/Next): nobody reads 64 cards at
once, and building (and laying out) them all froze the window for seconds.
"""
from __future__ import annotations

from PySide6.QtCore import QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reluplay.core import ACTIVATIONS, GRAD_AT_ZERO_CHOICES, SOFTMAX, get_activation
from reluplay.state import gil_handoff as gui_priority
from reluplay.state.changes import ChangeKind, NetworkChange
from reluplay.state.session import Session
from reluplay.ui import palette
from reluplay.ui.coalesce import Coalescer
from reluplay.ui.panels.param_control import ParamControl
from reluplay.ui.panels.unit_card import MAX_SHOWN_INPUT_WEIGHTS, UnitCard
from reluplay.ui.window_fit import VerticalScroller

TRAINING_REFRESH_MS = 200
#: A regression output: ŷ as it is, or clipped at 0 (the dosage lesson's ReLU on the output).
REGRESSION_OUTPUTS = ("identity", "relu")
CLASSIFICATION = "classification"
#: A page of unit cards holds at most this many number controls: 16 cards of the first (or only)
#: layer, 6 of a deeper one. Building a page takes ~0.1 s; all 64 cards of a deep layer took ~2 s
#: and every later relayout (a value growing a digit) walked them all (loaded 2-core machine).
CONTROLS_PER_PAGE = 48


class NetworkEditor(QWidget):
    #: The pointer entered a unit's card ((layer, unit)) or left it (None).
    unit_hovered = Signal(object)
    #: A unit's card was clicked: (layer, unit).
    unit_clicked = Signal(object)

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._session = session
        self._layer = 0
        self.cards: list[UnitCard] = []
        self.scheme = palette.STANDARD
        self._highlight: tuple[int, int] | None = None

        self.layer_combo = QComboBox()
        self.layer_combo.currentIndexChanged.connect(self._on_layer_selected)
        self.activation_combo = QComboBox()
        for name, act in ACTIVATIONS.items():
            self.activation_combo.addItem(act.label, name)
        self.activation_combo.activated.connect(self._on_activation_chosen)
        self.add_unit_button = QPushButton("+ Add unit")
        self.add_unit_button.clicked.connect(lambda: session.add_unit(self._layer))
        self.add_layer_button = QPushButton("+ Add layer")
        self.add_layer_button.clicked.connect(session.add_layer)
        self.remove_layer_button = QPushButton("− Remove layer")
        self.remove_layer_button.clicked.connect(lambda: session.remove_layer(self._layer))

        layer_box = QGroupBox("Hidden layers")
        grid = QGridLayout(layer_box)
        grid.addWidget(QLabel("Layer"), 0, 0)
        grid.addWidget(self.layer_combo, 0, 1)
        grid.addWidget(QLabel("Activation"), 1, 0)
        grid.addWidget(self.activation_combo, 1, 1)
        # Two rows of buttons: three side by side made the editor too wide for a 1280-pixel screen.
        buttons = QGridLayout()
        buttons.addWidget(self.add_unit_button, 0, 0)
        buttons.addWidget(self.add_layer_button, 0, 1)
        buttons.addWidget(self.remove_layer_button, 1, 0, 1, 2)
        grid.addLayout(buttons, 2, 0, 1, 2)
        self._first_unit = 0  # of the page shown
        self.page_label = QLabel()
        self.previous_page_button = QToolButton()
        self.previous_page_button.setText("◀")
        self.previous_page_button.setToolTip("The previous units of this layer")
        self.previous_page_button.clicked.connect(lambda: self.show_page(-1))
        self.next_page_button = QToolButton()
        self.next_page_button.setText("▶")
        self.next_page_button.setToolTip("The next units of this layer")
        self.next_page_button.clicked.connect(lambda: self.show_page(+1))
        self._page_row = QWidget()
        pages = QHBoxLayout(self._page_row)
        pages.setContentsMargins(0, 0, 0, 0)
        pages.addWidget(self.page_label, 1)
        pages.addWidget(self.previous_page_button)
        pages.addWidget(self.next_page_button)
        grid.addWidget(self._page_row, 3, 0, 1, 2)

        self._cards_holder = QWidget()
        self._cards_layout = QVBoxLayout(self._cards_holder)
        self._cards_layout.setContentsMargins(0, 0, 0, 0)
        self._cards_layout.setSpacing(4)
        self._cards_layout.addStretch(1)
        # As wide as the widest card needs (a big number's box grows): never cut off on the right.
        scroll = self.cards_scroll = VerticalScroller(self._cards_holder, frame=True)

        output_box = QGroupBox("Output and rules")
        form = QFormLayout(output_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels go above on a narrow screen
        self._output_form = form
        #: One per output unit: each class's logit has its own bias with softmax.
        self.output_biases: list[ParamControl] = []
        self._sync_output_biases()
        self.output_activation_combo = QComboBox()
        self._sync_output_choices()
        self.output_activation_combo.activated.connect(
            lambda i: session.set_output_activation(self.output_activation_combo.itemData(i)))
        form.addRow("Output activation", self.output_activation_combo)
        self.leaky_slope = ParamControl("", session.network.leaky_slope, "Slope of Leaky ReLU left of its kink")
        self.leaky_slope.label.hide()
        self.leaky_slope.spin.setRange(0.0, 1.0)
        self.leaky_slope.spin.setSingleStep(0.01)
        self.leaky_slope.value_edited.connect(lambda v: session.set_leaky_slope(min(1.0, max(0.0, v))))
        form.addRow("Leaky ReLU slope", self.leaky_slope)
        self.grad_at_zero_combo = QComboBox()
        for value in GRAD_AT_ZERO_CHOICES:
            self.grad_at_zero_combo.addItem(f"{value:g}", value)
        self.grad_at_zero_combo.setToolTip("ReLU has no slope exactly at its kink; frameworks pick 0")
        self.grad_at_zero_combo.activated.connect(
            lambda i: session.set_relu_grad_at_zero(self.grad_at_zero_combo.itemData(i)))
        form.addRow("ReLU′(0) =", self.grad_at_zero_combo)
        self.randomize_button = QPushButton("Randomize")
        self.randomize_button.setToolTip("A new random start (new seed)")
        self.randomize_button.clicked.connect(session.randomize)
        self.reset_start_button = QPushButton("Reset to start")
        self.reset_start_button.setToolTip("Back to the network the lesson (or Randomize) started with")
        self.reset_start_button.clicked.connect(session.reset_to_start)
        row = QHBoxLayout()
        row.addWidget(self.randomize_button)
        row.addWidget(self.reset_start_button)
        form.addRow(row)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(layer_box)
        layout.addWidget(scroll, 1)
        layout.addWidget(output_box)

        self._values_refresh = Coalescer(self.refresh_values, TRAINING_REFRESH_MS, self)
        session.network_changed.connect(self._on_network_changed)
        session.data_changed.connect(self._schedule_refresh)
        self.rebuild()

    # --- session -> widgets -----------------------------------------------------------------------
    @Slot(object)
    def _on_network_changed(self, change: NetworkChange) -> None:
        if change.structural:
            self.rebuild()
        elif change.kind is ChangeKind.TRAINING:
            self._schedule_refresh()
        else:
            self.refresh_values()

    @Slot()
    def _schedule_refresh(self) -> None:
        self._values_refresh.request()

    def rebuild(self) -> None:
        net = self._session.network
        hidden = net.hidden_layers
        self._layer = min(self._layer, len(hidden) - 1)
        self.layer_combo.blockSignals(True)
        self.layer_combo.clear()
        self.layer_combo.addItems([f"{i + 1} of {len(hidden)} · {lay.n_out} units" for i, lay in enumerate(hidden)])
        self.layer_combo.setCurrentIndex(self._layer)
        self.layer_combo.blockSignals(False)
        self.remove_layer_button.setEnabled(len(hidden) > 1)
        self._build_page()

    @property
    def page_size(self) -> int:
        """Unit cards on one page of the shown layer."""
        net = self._session.network
        lay = net.hidden_layers[self._layer]
        per_card = min(lay.n_in, MAX_SHOWN_INPUT_WEIGHTS) + 1 + (self._layer == len(net.hidden_layers) - 1)
        return max(1, CONTROLS_PER_PAGE // per_card)

    @property
    def shown_units(self) -> range:
        n_units = self._session.network.hidden_layers[self._layer].n_out
        self._first_unit = min(self._first_unit, (n_units - 1) // self.page_size * self.page_size)
        return range(self._first_unit, min(n_units, self._first_unit + self.page_size))

    def show_page(self, direction: int) -> None:
        """The next (+1) or previous (-1) page of unit cards."""
        first = self._first_unit + direction * self.page_size
        if 0 <= first < self._session.network.hidden_layers[self._layer].n_out:
            self._first_unit = first
            self._build_page()

    def _build_page(self) -> None:
        for card in self.cards:
            self._cards_layout.removeWidget(card)
            card.deleteLater()  # may be the sender of the click that got us here
        n_units = self._session.network.hidden_layers[self._layer].n_out
        units = self.shown_units
        self.cards = []
        for unit in units:
            card = UnitCard(self._session, self._layer, unit, self.scheme)
            card.hovered.connect(self.unit_hovered)
            card.clicked.connect(self.unit_clicked)
            card.set_highlighted(self._highlight == (self._layer, unit))
            card.remove_button.setEnabled(n_units > 1)
            self._cards_layout.insertWidget(len(self.cards), card)
            self.cards.append(card)
        self._page_row.setVisible(len(units) < n_units)
        self.page_label.setText(f"Units {palette.unit_name(units.start)}–{palette.unit_name(units.stop - 1)}"
                                f" ({units.start + 1}–{units.stop} of {n_units})")
        self.previous_page_button.setEnabled(units.start > 0)
        self.next_page_button.setEnabled(units.stop < n_units)
        self.refresh_values()

    @Slot()
    def refresh_values(self) -> None:
        self._values_refresh.cancel()
        gui_priority.claim()  # this frame is drawn before training continues
        s = self._session
        net = s.network
        lay = net.layers[self._layer]
        _select(self.activation_combo, lay.activation)
        self._sync_output_choices()
        _select(self.grad_at_zero_combo, net.relu_grad_at_zero)
        self._sync_output_biases()
        for control, bias in zip(self.output_biases, net.output_layer.biases):
            control.set_value(float(bias))
        self.leaky_slope.set_value(net.leaky_slope)
        dead = set(s.dead_units(self._layer))
        piecewise = lay.activation in ("relu", "leaky_relu")
        for unit, card in zip(self.shown_units, self.cards):
            kink = None
            if self._layer == 0 and piecewise and net.n_inputs == 1 and lay.weights[unit, 0] != 0.0:
                kink = float(-lay.biases[unit] / lay.weights[unit, 0]) + 0.0  # no "-0"
            card.refresh(s, unit in dead, kink)

    def output_choices(self) -> tuple[str, ...]:
        """The output activations that fit the lesson's task, the network's own among them."""
        s, net = self._session, self._session.network
        own = net.output_layer.activation
        if net.n_outputs > 1:
            return (SOFTMAX.name,)  # k classes: their probabilities
        if s.task == CLASSIFICATION:
            return ("sigmoid",)  # two classes: p(class 1)
        return tuple(REGRESSION_OUTPUTS) + ((own,) if own not in REGRESSION_OUTPUTS else ())

    def _sync_output_choices(self) -> None:
        """Offer only the output activations that fit the task, and show the network's own."""
        combo, choices = self.output_activation_combo, self.output_choices()
        if tuple(combo.itemData(i) for i in range(combo.count())) != choices:
            combo.blockSignals(True)
            combo.clear()
            for name in choices:
                combo.addItem(get_activation(name).label, name)
            combo.blockSignals(False)
            combo.setEnabled(len(choices) > 1)
            combo.setToolTip("" if len(choices) > 1 else
                             "A classifier's output gives class probabilities: sigmoid for two classes, softmax "
                             "(one unit per class) for three or four. Data → Data set… changes the task.")
        _select(combo, self._session.network.output_layer.activation)

    @property
    def output_bias(self) -> ParamControl:
        """The (first) output unit's bias."""
        return self.output_biases[0]

    def _sync_output_biases(self) -> None:
        """One bias control per output unit ("output bias", or "bias of class k" with softmax)."""
        k = self._session.network.output_layer.n_out
        if len(self.output_biases) == k:
            return
        for control in self.output_biases:
            self._output_form.removeRow(control)
        self.output_biases = []
        for o in range(k):
            control = ParamControl("output bias" if k == 1 else f"bias of class {o}",
                                   float(self._session.network.output_layer.biases[o]),
                                   "Added to the sum of the contributions" if k == 1 else
                                   f"Added to class {o}'s logit (its sum of contributions)")
            control.value_edited.connect(lambda v, o=o: self._session.set_output_bias(v, o))
            self._output_form.insertRow(o, control)
            self.output_biases.append(control)

    # --- palette and the pointed-at unit ------------------------------------------------------------
    def set_palette(self, scheme: str) -> None:
        if scheme != self.scheme:
            self.scheme = scheme
            self.rebuild()

    @property
    def layer(self) -> int:
        return self._layer

    def show_layer(self, layer: int) -> None:
        if 0 <= layer < self.layer_combo.count():
            self.layer_combo.setCurrentIndex(layer)

    def set_highlight(self, target: tuple[int, int] | None) -> None:
        """Frame the pointed-at unit's card in its colour, turning to its page and scrolling it into view."""
        self._highlight = target
        if target is not None and target[0] == self._layer and target[1] not in self.shown_units:
            self._first_unit = target[1] // self.page_size * self.page_size
            self._build_page()
        for card in self.cards:
            card.set_highlighted(target == (self._layer, card.unit))
        if self._card_of(target) is not None:
            self.cards_scroll.ensureWidgetVisible(self._card_of(target))
            # A card laid out just now (the layer was switched to show it) has its place only
            # after the layout ran: scroll again then.
            QTimer.singleShot(0, self, lambda: self._scroll_to(target))

    def _card_of(self, target: tuple[int, int] | None) -> UnitCard | None:
        if target is None or target[0] != self._layer:
            return None
        return next((card for card in self.cards if card.unit == target[1]), None)

    def _scroll_to(self, target: tuple[int, int]) -> None:
        if self._highlight == target and self._card_of(target) is not None:
            self.cards_scroll.ensureWidgetVisible(self._card_of(target))

    # --- widgets -> session ---------------------------------------------------------------------------
    @Slot(int)
    def _on_layer_selected(self, index: int) -> None:
        if index >= 0 and index != self._layer:
            self._layer, self._first_unit = index, 0
            self.rebuild()

    @Slot(int)
    def _on_activation_chosen(self, index: int) -> None:
        self._session.set_activation(self._layer, self.activation_combo.itemData(index))


def _select(combo: QComboBox, data) -> None:
    index = combo.findData(data)
    if index >= 0 and index != combo.currentIndex():
        combo.blockSignals(True)
        combo.setCurrentIndex(index)
        combo.blockSignals(False)
