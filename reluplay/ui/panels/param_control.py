"""One editable number: a label, a slider for dragging and a spin box for typing."""
from __future__ import annotations

import math

from PySide6.QtCore import QSize, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QStyleOptionSpinBox,
    QWidget,
)

from reluplay.presets.limits import MAX_ABS_PARAMETER

SLIDER_STEPS = 1000
SPIN_LIMIT = 10_000.0
#: The editor's spin boxes hold every value a preset may: a narrower range would show a clamped
#: number and write it back on the first click of an arrow.
PARAMETER_LIMIT = MAX_ABS_PARAMETER
#: From this size on a parameter shows as a whole number: three decimals of a billion would push
#: its digits out of the editor's narrow column (the value itself keeps every digit).
WHOLE_NUMBERS_FROM = 1e6
#: Round slider half-ranges, 1-2-5 up to the parameter limit.
NICE_LIMITS = tuple(m * 10.0**e for e in range(13) for m in (1, 2, 5) if m * 10.0**e <= PARAMETER_LIMIT)


def slider_limit_for(value: float) -> float:
    """A round slider half-range with room to drag either way from ``value``."""
    need = max(2.0, 2.0 * abs(value))
    return float(next((n for n in NICE_LIMITS if n >= need), NICE_LIMITS[-1]))


class ParameterSpinBox(QDoubleSpinBox):
    """A spin box over ±PARAMETER_LIMIT that is as wide as the number it shows, not as its range.

    Qt sizes a spin box for its longest possible text (±1e12 is 18 characters), which would
    squeeze the slider beside it; the usual weights fit in the width of "-10000.000".
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setRange(-PARAMETER_LIMIT, PARAMETER_LIMIT)
        self._hinted_chars = 0

    def show_value(self, value: float) -> None:
        """Set the value without emitting; grow the widget when the text gets longer."""
        self.blockSignals(True)
        self.setValue(value)
        self.blockSignals(False)
        if len(self.text()) > self._hinted_chars:
            self.updateGeometry()

    def textFromValue(self, value: float) -> str:  # noqa: N802 - Qt's name
        if abs(value) < WHOLE_NUMBERS_FROM:
            return super().textFromValue(value)
        locale = self.locale()
        return locale.toString(value, "f", 0).replace(locale.groupSeparator(), "")

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        self.ensurePolished()
        texts = [self.textFromValue(-SPIN_LIMIT), self.text()]
        self._hinted_chars = max(len(t) for t in texts)
        width = max(self.fontMetrics().horizontalAdvance(t + " ") for t in texts) + 2  # as Qt: cursor room
        option = QStyleOptionSpinBox()
        self.initStyleOption(option)
        return self.style().sizeFromContents(QStyle.ContentsType.CT_SpinBox, option,
                                             QSize(width, self.lineEdit().sizeHint().height()), self)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.sizeHint()


class ParamControl(QWidget):
    value_edited = Signal(float)  # only for the user's edits, never for set_value

    def __init__(self, label: str, value: float, tooltip: str = "", parent=None):
        super().__init__(parent)
        self.label = QLabel(label)
        self.label.setMinimumWidth(80)
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(-SLIDER_STEPS, SLIDER_STEPS)
        self.slider.setMinimumWidth(48)  # short on a 1280-pixel screen, long where there is room
        self.spin = ParameterSpinBox()
        self.spin.setDecimals(3)
        self.spin.setSingleStep(0.1)
        self.spin.setKeyboardTracking(False)  # apply a typed number on Enter, not per keystroke
        # No fixed minimum width: the box is never squeezed below its text (its minimumSizeHint);
        # the editor around it gets wider instead.
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
        self.spin.show_value(value)
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
        self.spin.show_value(value)
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
