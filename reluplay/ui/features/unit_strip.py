"""The units strip: what a lesson asks the class to try, reachable in presentation mode (F5).

Presentation mode hides the network editor; the lessons still say "make A's bias 0" or "try
ReLU′(0) = 1". This strip, under the plots and shown only in F5, offers the editor's current
hidden layer in large type: each unit's letter in its colour with its weight, bias and output
weight, a few units at a time (◀ ▶ turn the page), ReLU′(0), and the Leaky ReLU slope when the
layer is leaky. "+ Unit" and "− Unit" add a unit to the layer and remove one (the highlighted
unit, else the last), for a lesson's "add units" with the editor hidden. Edits go to the Session
like the editor's; after each one the keyboard goes back to the plots, so Space and the arrows
still drive training.
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QHBoxLayout, QLabel, QPushButton, QToolBar, QWidget

from reluplay.core import MAX_UNITS_PER_LAYER
from reluplay.core.activations import GRAD_AT_ZERO_CHOICES
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
    """One unit: its letter, and its weight, bias and output weight as big number boxes."""

    def __init__(self, strip: UnitStrip):
        super().__init__()
        self.unit = 0
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 0, 8, 0)
        layout.setSpacing(SPACING)
        self.letter = QLabel()
        self.letter.setFont(palette.font(POINT_SIZE + 6, bold=True))
        layout.addWidget(self.letter)
        self.spins: dict[str, QDoubleSpinBox] = {}
        for key, caption, tip in (("weight", "w", "Weight: the unit's slope"),
                                  ("bias", "b", "Bias: where the unit's kink is"),
                                  ("output", "out", "Output weight: how much of the unit the output takes")):
            label = QLabel(caption)
            label.setFont(palette.font(POINT_SIZE))
            spin = _big_spin(tip)
            spin.valueChanged.connect(lambda value, k=key: strip.edit(self.unit, k, value))
            spin.editingFinished.connect(strip.give_focus_back)
            layout.addWidget(label)
            layout.addWidget(spin)
            self.spins[key] = spin


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
        self.previous_button = self._page_button("◀", "Previous units", -PAGE_SIZE)
        layout.addWidget(self.previous_button)
        self.units = [UnitControls(self) for _ in range(PAGE_SIZE)]
        for controls in self.units:
            layout.addWidget(controls)
        self.next_button = self._page_button("▶", "Next units", PAGE_SIZE)
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
        return self._button(text, tip, lambda: self.turn_page(step))

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
        self._first = (n - 1) // PAGE_SIZE * PAGE_SIZE  # the page with the new unit on it
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
        self._first = max(0, min(self._first, (lay.n_out - 1) // PAGE_SIZE * PAGE_SIZE))
        scheme = self._session.view.palette
        for i, controls in enumerate(self.units):
            unit = self._first + i
            controls.setVisible(unit < lay.n_out)
            if unit >= lay.n_out:
                continue
            controls.unit = unit
            colour = palette.unit_colour(palette.network_style(net, layer, unit), scheme).name()
            controls.letter.setText(unit_name(unit, layer))
            controls.letter.setStyleSheet(f"color: {colour};")
            values = {"weight": lay.weights[unit, 0], "bias": lay.biases[unit],
                      "output": net.layers[-1].weights[0, unit] if last else None}
            controls.spins["weight"].setEnabled(lay.n_in == 1)  # one input: the unit's slope
            for key, spin in controls.spins.items():
                spin.setVisible(values[key] is not None)
                spin.blockSignals(True)
                spin.setValue(float(values[key] or 0.0))
                spin.blockSignals(False)
        self.add_button.setEnabled(lay.n_out < MAX_UNITS_PER_LAYER)
        self.remove_button.setEnabled(lay.n_out > 1)  # a layer keeps one unit
        target = self._window.unit_focus.current
        highlighted = target is not None and target[0] == layer and target[1] < lay.n_out
        self.remove_button.setToolTip(f"Remove unit {unit_name(self.unit_to_remove(), layer)}" + (
            " (the highlighted one)" if highlighted else " (the last one; point at a unit to remove that one)"))
        self.previous_button.setVisible(lay.n_out > PAGE_SIZE)
        self.next_button.setVisible(lay.n_out > PAGE_SIZE)
        self.previous_button.setEnabled(self._first > 0)
        self.next_button.setEnabled(self._first + PAGE_SIZE < lay.n_out)
        leaky = lay.activation == "leaky_relu"
        self.slope_label.setVisible(leaky)
        self.slope_spin.setVisible(leaky)
        self.slope_spin.blockSignals(True)
        self.slope_spin.setValue(net.leaky_slope)
        self.slope_spin.blockSignals(False)
        index = self.grad_combo.findData(net.relu_grad_at_zero)
        if index >= 0:
            self.grad_combo.setCurrentIndex(index)

    def edit(self, unit: int, key: str, value: float) -> None:
        layer = self.layer
        if key == "weight":
            self._session.set_weight(layer, unit, 0, value)
        elif key == "bias":
            self._session.set_bias(layer, unit, value)
        else:
            self._session.set_output_weight(unit, value)

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
