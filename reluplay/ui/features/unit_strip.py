"""The units strip: what a lesson asks the class to try, reachable in presentation mode (F5).

Presentation mode hides the network editor; the lessons still say "make A's bias 0" or "try
ReLU′(0) = 1". This strip, under the plots and shown only in F5, offers the editor's current
hidden layer in large type: each unit's letter in its colour with its weight, bias and output
weight, a few units at a time (◀ ▶ turn the page), ReLU′(0), and the Leaky ReLU slope when the
layer is leaky. "+ Unit" and "− Unit" add a unit to the layer and remove one (the highlighted
unit, else the last), for a lesson's "add units" with the editor hidden. Edits go to the Session like the editor's; after each one the keyboard goes back
to the plots, so Space and the arrows still drive training.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolBar,
    QWidget,
)

from reluplay.core import MAX_CLASSES, MAX_UNITS_PER_LAYER
from reluplay.core.activations import GRAD_AT_ZERO_CHOICES
from reluplay.core.features import FEATURES
from reluplay.teach.unit_names import unit_name
from reluplay.ui import palette
from reluplay.ui import presentation_style as big
from reluplay.ui.coalesce import Coalescer
from reluplay.ui.features.parts import Parts, ToolbarPart

OBJECT_NAME = "unit_strip_toolbar"  # presentation mode keeps this bar (features/presentation.py)
PAGE_SIZE = 2  # units side by side: what fits a 1280-wide projector in large type
REFRESH_MS = 60
# The strip must fit a 1280-wide projector in large type: tight spacing, number boxes just wide
# enough for "-40.80" and without arrows (the wheel, the arrow keys and dragging on the plots nudge).
SPIN_WIDTH = 90
BUTTON_PADDING = 14
SPACING = 3
#: A two-input unit (w1, w2, ...) or one with more than four boxes (softmax outputs) gets narrower boxes,
#: so the page still fits a 1280-wide projector beside ReLU′(0).
COMPACT_SPIN_WIDTH = 84
COMPACT_AFTER_BOXES = 4
POINT_SIZE = round(palette.APP_POINT_SIZE * big.TEXT_SCALE)


def _big_spin(tip: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(-1000.0, 1000.0)
    spin.setDecimals(2)
    spin.setSingleStep(0.05)
    spin.setKeyboardTracking(False)  # one edit when typing is done, not one per digit
    spin.setFont(palette.font(POINT_SIZE))
    spin.setButtonSymbols(QDoubleSpinBox.ButtonSymbols.NoButtons)
    spin.setFixedWidth(SPIN_WIDTH)
    spin.setToolTip(tip)
    return spin


class UnitControls(QWidget):
    """One unit: its letter, and its weight(s), bias and output weight(s) as big number boxes.

    One input: w, b, out. Two inputs (first layer): one weight per feature (w1, w2, ...); with
    softmax, one output weight per class (out 0, out 1, ...).
    """

    def __init__(self, strip: UnitStrip):
        super().__init__()
        self.unit = 0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 8, 0)
        layout.setSpacing(SPACING)
        self.letter = QLabel()
        self.letter.setFont(palette.font(POINT_SIZE + 6, bold=True))
        layout.addWidget(self.letter)
        #: (caption label, spin) per weight, the bias, per output weight; hidden when not used.
        self.weights = [self._add(layout, strip, ("weight", i), "w", "Weight: the unit's slope")
                        for i in range(len(FEATURES))]
        self.bias = self._add(layout, strip, ("bias", 0), "b", "Bias: where the unit's kink is")
        self.outputs = [self._add(layout, strip, ("output", o), "out", "Output weight: how much of the unit "
                                  "the output takes") for o in range(MAX_CLASSES)]
        #: The first of each (one input's w, b, out).
        self.spins: dict[str, QDoubleSpinBox] = {"weight": self.weights[0][1], "bias": self.bias[1],
                                                 "output": self.outputs[0][1]}

    def _add(self, layout, strip: UnitStrip, key: tuple[str, int], caption: str, tip: str):
        label = QLabel(caption)
        label.setFont(palette.font(POINT_SIZE))
        spin = _big_spin(tip)
        spin.valueChanged.connect(lambda value: strip.edit(self.unit, key, value))
        spin.editingFinished.connect(strip.give_focus_back)
        layout.addWidget(label)
        layout.addWidget(spin)
        return label, spin


def _show(pair, caption: str | None, value: float | None = None, enabled: bool = True) -> None:
    """Show a (label, spin) with this caption and value, or hide it (caption None)."""
    label, spin = pair
    label.setVisible(caption is not None)
    spin.setVisible(caption is not None)
    if caption is None:
        return
    label.setText(caption)
    spin.setEnabled(enabled)
    spin.blockSignals(True)
    spin.setValue(float(value or 0.0))
    spin.blockSignals(False)


class UnitStrip(QObject):
    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self._session = window.session
        self._first = 0
        self.bar = QToolBar("Units")
        self.bar.setObjectName(OBJECT_NAME)
        self.bar.setMovable(False)
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.setSpacing(SPACING)
        self.previous_button = self._page_button("◀", "Previous units", -1)
        layout.addWidget(self.previous_button)
        self.units = [UnitControls(self) for _ in range(PAGE_SIZE)]
        for controls in self.units:
            layout.addWidget(controls)
        self.next_button = self._page_button("▶", "Next units", +1)
        layout.addWidget(self.next_button)
        self.add_button = self._button("+ Unit", "Add a unit to this layer", self.add_unit)
        self.remove_button = self._button("− Unit", "Remove a unit", self.remove_unit)
        layout.addWidget(self.add_button)
        layout.addWidget(self.remove_button)
        layout.addStretch(1)
        self.slope_label = QLabel("Leaky slope")
        self.slope_spin = _big_spin("Slope of Leaky ReLU left of its kink")
        self.slope_spin.setRange(0.0, 1.0)
        self.slope_spin.setSingleStep(0.01)
        self.slope_spin.valueChanged.connect(self._session.set_leaky_slope)
        self.slope_spin.editingFinished.connect(self.give_focus_back)
        grad_label = QLabel("ReLU′(0)")
        self.grad_combo = QComboBox()
        for value in GRAD_AT_ZERO_CHOICES:
            self.grad_combo.addItem(f"{value:g}", value)
        self.grad_combo.setToolTip("ReLU has no slope exactly at its kink; frameworks pick 0")
        self.grad_combo.activated.connect(self._on_grad_chosen)
        for widget in (self.slope_label, self.slope_spin, grad_label, self.grad_combo):
            widget.setFont(palette.font(POINT_SIZE))
            layout.addWidget(widget)
        # Never wider than the window: a narrow window clips the strip's end, never widens itself.
        row.setMinimumWidth(1)
        self.bar.addWidget(row)
        self._refresh = Coalescer(self.refresh, REFRESH_MS, self)
        self._session.network_changed.connect(self._refresh.request)
        self._session.view_changed.connect(self._refresh.request)  # the palette
        window.editor.layer_combo.currentIndexChanged.connect(self._refresh.request)
        window.unit_focus.changed.connect(self._refresh.request)  # "− Unit" names the highlighted unit
        self.bar.visibilityChanged.connect(lambda visible: visible and self.refresh())
        self.refresh()

    def _page_button(self, text: str, tip: str, step: int) -> QPushButton:
        return self._button(text, tip, lambda: self.turn_page(step * self.page_size))

    @staticmethod
    def _button(text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setFont(palette.font(POINT_SIZE, bold=True))
        button.setToolTip(tip)
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays with the plots
        button.clicked.connect(slot)
        # Its text and a little room: the style's wide padding would cost the strip its last control.
        button.setFixedWidth(QFontMetrics(button.font()).horizontalAdvance(text) + BUTTON_PADDING)
        return button

    @property
    def layer(self) -> int:
        n_hidden = len(self._session.network.hidden_layers)
        return min(max(self._window.editor.layer, 0), n_hidden - 1)

    @property
    def page_size(self) -> int:
        """Units side by side: two with one input; one when a unit has more boxes (w1, w2, b, out...)
        or when the Leaky slope box takes the room of the second unit on a 1280-wide projector."""
        net = self._session.network
        layer = self.layer
        boxes = (net.hidden_layers[layer].n_in if layer == 0 and net.n_inputs == 2 else 1) + 1 \
            + (net.output_layer.n_out if layer == len(net.hidden_layers) - 1 else 0)
        leaky = net.hidden_layers[layer].activation == "leaky_relu"
        return PAGE_SIZE if boxes <= 3 and not leaky else 1

    def _compact(self, on: bool) -> None:
        for controls in self.units:
            for _, spin in (*controls.weights, controls.bias, *controls.outputs):
                spin.setFixedWidth(COMPACT_SPIN_WIDTH if on else SPIN_WIDTH)

    def turn_page(self, step: int) -> None:
        self._first += step
        self.refresh()

    def unit_to_remove(self) -> int:
        """The highlighted unit if it is in this layer, else the last one."""
        target = self._window.unit_focus.current
        n = self._session.network.hidden_layers[self.layer].n_out
        if target is not None and target[0] == self.layer and target[1] < n:
            return target[1]
        return n - 1

    @Slot()
    def add_unit(self) -> None:
        layer = self.layer
        self._session.add_unit(layer)
        n = self._session.network.hidden_layers[layer].n_out
        page = self.page_size
        self._first = (n - 1) // page * page  # the page with the new unit on it
        self.refresh()

    @Slot()
    def remove_unit(self) -> None:
        layer, unit = self.layer, self.unit_to_remove()
        n = self._session.network.hidden_layers[layer].n_out
        self._session.remove_unit(layer, unit)
        focus = self._window.unit_focus
        if self._session.network.hidden_layers[layer].n_out < n and focus.current == (layer, unit):
            focus.release()  # the highlighted unit is gone: its letter now names the next one
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        self._refresh.cancel()
        net = self._session.network
        layer = self.layer
        lay = net.hidden_layers[layer]
        last = layer == len(net.hidden_layers) - 1
        page = self.page_size
        k = net.output_layer.n_out if last else 0
        per_feature = layer == 0 and net.n_inputs == 2
        self._compact(per_feature or (lay.n_in if per_feature else 1) + 1 + k > COMPACT_AFTER_BOXES)
        self._first = max(0, min(self._first, (lay.n_out - 1) // page * page))
        scheme = self._session.view.palette
        for i, controls in enumerate(self.units):
            unit = self._first + i
            controls.setVisible(unit < lay.n_out and i < page)
            if unit >= lay.n_out:
                continue
            controls.unit = unit
            colour = palette.unit_colour(palette.network_style(net, layer, unit), scheme).name()
            controls.letter.setText(unit_name(unit, layer))
            controls.letter.setStyleSheet(f"color: {colour};")
            # The first layer of a two-input net: one weight per feature; a deeper layer's first
            # weight is shown greyed (it has one per unit below; the editor shows them all).
            per_feature = layer == 0 and net.n_inputs == 2
            n_weights = lay.n_in if per_feature else 1
            for i, pair in enumerate(controls.weights):
                _show(pair, (f"w{i + 1}" if per_feature else "w") if i < n_weights else None,
                      lay.weights[unit, i] if i < n_weights else None, enabled=lay.n_in == 1 or per_feature)
            _show(controls.bias, "b", lay.biases[unit])
            k = net.output_layer.n_out
            for o, pair in enumerate(controls.outputs):
                shown = last and o < k
                _show(pair, ("out" if k == 1 else f"out {o}") if shown else None,
                      net.output_layer.weights[o, unit] if shown else None)
        self.add_button.setEnabled(lay.n_out < MAX_UNITS_PER_LAYER)
        self.remove_button.setEnabled(lay.n_out > 1)  # a layer keeps one unit
        target = self._window.unit_focus.current
        highlighted = target is not None and target[0] == layer and target[1] < lay.n_out
        self.remove_button.setToolTip(f"Remove unit {unit_name(self.unit_to_remove(), layer)}" + (
            " (the highlighted one)" if highlighted else " (the last one; point at a unit to remove that one)"))
        self.previous_button.setVisible(lay.n_out > page)
        self.next_button.setVisible(lay.n_out > page)
        self.previous_button.setEnabled(self._first > 0)
        self.next_button.setEnabled(self._first + page < lay.n_out)
        leaky = lay.activation == "leaky_relu"
        self.slope_label.setVisible(leaky)
        self.slope_spin.setVisible(leaky)
        self.slope_spin.blockSignals(True)
        self.slope_spin.setValue(net.leaky_slope)
        self.slope_spin.blockSignals(False)
        index = self.grad_combo.findData(net.relu_grad_at_zero)
        if index >= 0:
            self.grad_combo.setCurrentIndex(index)

    def edit(self, unit: int, key: tuple[str, int], value: float) -> None:
        layer = self.layer
        what, index = key
        if what == "weight":
            self._session.set_weight(layer, unit, index, value)
        elif what == "bias":
            self._session.set_bias(layer, unit, value)
        else:
            self._session.set_output_weight(unit, value, index)

    @Slot(int)
    def _on_grad_chosen(self, index: int) -> None:
        self._session.set_relu_grad_at_zero(self.grad_combo.itemData(index))
        self.give_focus_back()

    @Slot()
    def give_focus_back(self) -> None:
        """Space, the arrows and Page Down drive training again, not the number just typed."""
        if self.bar.isVisible():
            self._window.plots.setFocus()


def build(window) -> tuple[UnitStrip, Parts]:
    strip = UnitStrip(window)
    return strip, Parts(toolbars=[ToolbarPart(strip.bar, Qt.ToolBarArea.BottomToolBarArea, visible=False)])
