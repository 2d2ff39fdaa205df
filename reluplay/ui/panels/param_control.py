"""One editable number: a label, a slider for dragging and a spin box for typing."""
from __future__ import annotations

import math

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import QDoubleSpinBox, QHBoxLayout, QLabel, QSlider, QWidget

SLIDER_STEPS = 1000
SPIN_LIMIT = 10_000.0
NICE_LIMITS = (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000)


def slider_limit_for(value: float) -> float:
    """A round slider half-range with room to drag either way from ``value``."""
    need = max(2.0, 2.0 * abs(value))
    return float(next((n for n in NICE_LIMITS if n >= need), NICE_LIMITS[-1]))


class ParamControl(QWidget):
    value_edited = Signal(float)  # only for the user's edits, never for set_value

    def __init__(self, label: str, value: float, tooltip: str = "", parent=None):
        super().__init__(parent)
        self.label = QLabel(label)
        self.label.setMinimumWidth(92)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(-SLIDER_STEPS, SLIDER_STEPS)
        self.slider.setMinimumWidth(120)
        self.spin = QDoubleSpinBox()
        self.spin.setRange(-SPIN_LIMIT, SPIN_LIMIT)
        self.spin.setDecimals(3)
        self.spin.setSingleStep(0.1)
        self.spin.setKeyboardTracking(False)  # apply a typed number on Enter, not per keystroke
        self.spin.setMinimumWidth(104)
        self.spin.setAlignment(Qt.AlignmentFlag.AlignRight)
        for widget in (self.label, self.slider, self.spin):
            widget.setToolTip(tooltip)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.slider, 1)
        layout.addWidget(self.spin)
        self._limit = slider_limit_for(value)
        self._value = math.nan
        self.set_value(value)
        self.slider.valueChanged.connect(self._on_slider)
        self.spin.valueChanged.connect(self._on_spin)
        self.slider.sliderReleased.connect(self._recentre_slider)

    def value(self) -> float:
        return self._value

    def set_value(self, value: float) -> None:
        """Show a value that changed elsewhere (training, undo) without echoing an edit back."""
        if value == self._value:
            return
        self._value = value
        dragging = self.slider.isSliderDown()
        if not dragging and abs(value) > self._limit:
            self._limit = slider_limit_for(value)
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)
        if not dragging:
            self.slider.blockSignals(True)
            self.slider.setValue(self._to_slider(value))
            self.slider.blockSignals(False)

    def _to_slider(self, value: float) -> int:
        return int(round(max(-1.0, min(1.0, value / self._limit)) * SLIDER_STEPS))

    @Slot(int)
    def _on_slider(self, position: int) -> None:
        value = round(position / SLIDER_STEPS * self._limit, 3)
        self._value = value
        self.spin.blockSignals(True)
        self.spin.setValue(value)
        self.spin.blockSignals(False)
        self.value_edited.emit(value)

    @Slot(float)
    def _on_spin(self, value: float) -> None:
        self._value = value
        if abs(value) > self._limit:
            self._limit = slider_limit_for(value)
        self.slider.blockSignals(True)
        self.slider.setValue(self._to_slider(value))
        self.slider.blockSignals(False)
        self.value_edited.emit(value)

    @Slot()
    def _recentre_slider(self) -> None:
        # After a drag, give the slider room around the new value for the next drag.
        if abs(self._value) > 0.8 * self._limit:
            self._limit = slider_limit_for(self._value)
            self.slider.blockSignals(True)
            self.slider.setValue(self._to_slider(self._value))
            self.slider.blockSignals(False)
