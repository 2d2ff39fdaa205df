"""The "Generate data…" dialog: a named curve, number of points, noise, seed and x range.

The points are the core's ``make_dataset`` (and ``make_test_dataset`` for test points), so a
lesson made here can be reproduced in a script with the same five numbers. The preview in the
dialog updates as the settings change; nothing changes in the window until OK.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reluplay.core import MAX_DATA_POINTS, make_dataset, make_test_dataset
from reluplay.ui.features.data.dialog_parts import error_label, ok_cancel
from reluplay.ui.features.data.held_out import held_out_scatter
from reluplay.ui.plots.plot_style import data_scatter, styled_plot

#: Names a class reads, in the order a lesson usually meets them.
GENERATOR_LABELS = {
    "sine": "Sine  sin(πx)",
    "abs": "Absolute value  |x|",
    "step": "Step (0 below x = 0, 1 above)",
    "dosage": "Dosage (only a medium dose works; x from 0 to 1)",
    "linear": "Straight line  0.5x + 0.25",
}
MAX_NOISE = 10.0
X_LIMIT = 1e6


class DataGeneratorDialog(QDialog):
    def __init__(self, x_range: tuple[float, float], parent: QWidget | None = None, seed: int = 0):
        super().__init__(parent)
        self.setWindowTitle("Generate data")
        self.kind_combo = QComboBox()
        for kind, label in GENERATOR_LABELS.items():
            self.kind_combo.addItem(label, kind)
        self.points_spin = QSpinBox()
        self.points_spin.setRange(1, MAX_DATA_POINTS)
        self.points_spin.setValue(20)
        self.noise_spin = QDoubleSpinBox()
        self.noise_spin.setRange(0.0, MAX_NOISE)
        self.noise_spin.setDecimals(3)
        self.noise_spin.setSingleStep(0.05)
        self.noise_spin.setToolTip("Standard deviation of the random noise added to each y")
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2 ** 31 - 1)
        self.seed_spin.setValue(seed)
        self.seed_spin.setToolTip("The same seed always gives the same noise and test points")
        self.x_low_spin, self.x_high_spin = self._x_spin(x_range[0]), self._x_spin(x_range[1])
        x_row = QHBoxLayout()
        x_row.addWidget(self.x_low_spin)
        x_row.addWidget(QLabel("to"))
        x_row.addWidget(self.x_high_spin)
        self.test_check = QCheckBox("Also make test points")
        self.test_check.setToolTip("Points of the same curve at random x, which training never sees")
        self.test_spin = QSpinBox()
        self.test_spin.setRange(1, MAX_DATA_POINTS)
        self.test_spin.setValue(10)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_check)
        test_row.addWidget(self.test_spin)

        form = QFormLayout()
        form.addRow("Curve", self.kind_combo)
        form.addRow("Number of points", self.points_spin)
        form.addRow("Noise", self.noise_spin)
        form.addRow("Seed", self.seed_spin)
        form.addRow("x from", x_row)
        form.addRow("Test points", test_row)

        self.preview = pg.PlotWidget()
        self.preview.setMinimumSize(420, 260)
        self.preview_plot = styled_plot(self.preview.getPlotItem(), "Preview", "y")
        self.preview_points = data_scatter()
        self.preview_test = held_out_scatter()
        self.preview_plot.addItem(self.preview_test)
        self.preview_plot.addItem(self.preview_points)
        self.message = error_label()

        buttons, self.ok_button = ok_cancel(self, "Use these points")

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        for spin in (self.points_spin, self.seed_spin, self.test_spin):
            spin.valueChanged.connect(self.update_preview)
        for spin in (self.noise_spin, self.x_low_spin, self.x_high_spin):
            spin.valueChanged.connect(self.update_preview)
        self.kind_combo.currentIndexChanged.connect(self.update_preview)
        self.test_check.toggled.connect(self.update_preview)
        self.points: tuple[np.ndarray, np.ndarray] | None = None
        self.test_points: tuple[np.ndarray, np.ndarray] = (np.zeros(0), np.zeros(0))
        self.update_preview()

    @staticmethod
    def _x_spin(value: float) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(-X_LIMIT, X_LIMIT)
        spin.setDecimals(3)
        spin.setSingleStep(0.1)
        spin.setValue(value)
        return spin

    def settings(self) -> dict:
        """The arguments of ``make_dataset`` the dialog stands for."""
        return {
            "kind": self.kind_combo.currentData(), "n_points": self.points_spin.value(),
            "noise": self.noise_spin.value(), "seed": self.seed_spin.value(),
            "x_range": (self.x_low_spin.value(), self.x_high_spin.value()),
        }

    @Slot()
    def update_preview(self, *_args) -> None:
        settings = self.settings()
        dosage = settings["kind"] == "dosage"
        # The dosage story is set on 0..1 whatever the range: say so rather than ignore the boxes.
        self.x_low_spin.setEnabled(not dosage)
        self.x_high_spin.setEnabled(not dosage)
        self.test_spin.setEnabled(self.test_check.isChecked())
        try:
            self.points = make_dataset(**settings)
            if self.test_check.isChecked():
                self.test_points = make_test_dataset(**{**settings, "n_points": self.test_spin.value()})
            else:
                self.test_points = (np.zeros(0), np.zeros(0))
        except ValueError as exc:
            self.points = None
            self.message.setText(str(exc)[0].upper() + str(exc)[1:] + ".")
            self.ok_button.setEnabled(False)
            self.preview_points.setData([], [])
            self.preview_test.setData([], [])
            return
        self.message.setText("")
        self.ok_button.setEnabled(True)
        self.preview_points.setData(*self.points)
        self.preview_test.setData(*self.test_points)
