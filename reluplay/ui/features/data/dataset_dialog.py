"""Data → "Data set…" for a two-input lesson: TF Playground's data sets, seeded, as one undoable edit.

The dialog offers the kinds of ``core.datasets_2d`` (classification: circle, xor, gauss, spiral and
the three-class three gaussians; regression: plane, multi-gauss), noise 0–50 %, the training share
10–90 %, the number of points and the seed; "Regenerate" draws again with the next seed. A
preview shows the points (training filled, test hollow). The points are the core's output for
these numbers, so a teacher can reproduce a TF Playground page; they are recorded in the lesson
as ``data.dataset``.

A data set of another kind than the network's output (classes against a regression output, three
classes against a sigmoid) cannot be learned as it is: the dialog says so and offers to adapt the
output layer (one sigmoid unit for 2 classes, k softmax units for 3–4, identity for regression)
and the loss in the same edit; without that it refuses in words.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reluplay.core import MAX_DATA_POINTS
from reluplay.core.datasets_2d import (
    MAX_NOISE_PERCENT,
    MAX_TRAIN_PERCENT,
    MIN_TRAIN_PERCENT,
    NUM_SAMPLES_CLASSIFY,
    NUM_SAMPLES_REGRESS,
    is_classification,
    make_dataset_2d,
    make_three_gauss,
    split_train_test_2d,
)
from reluplay.presets.model import DatasetRecord
from reluplay.state.plane_data import CLASSIFICATION, REGRESSION, output_name, task_mismatch
from reluplay.ui.features.data.dialog_parts import error_label, ok_cancel
from reluplay.ui.plots.plane import colours

#: The kinds, in TF Playground's order, with the names a class reads.
KINDS = {
    "circle": "Circle (2 classes)",
    "xor": "Exclusive or (2 classes)",
    "gauss": "Two gaussians (2 classes)",
    "spiral": "Spiral (2 classes)",
    "three-gauss": "Three gaussians (3 classes)",
    "reg-plane": "Plane (regression)",
    "reg-gauss": "Multi gaussian (regression)",
}


@dataclass(frozen=True)
class GeneratedData:
    x: np.ndarray
    y: np.ndarray
    test_x: np.ndarray
    test_y: np.ndarray
    record: DatasetRecord
    task: str
    classes: int


def generate(record: DatasetRecord) -> GeneratedData:
    """The core's points for these settings, split into training and test points (ValueError in words)."""
    n = record.points
    if record.kind == "three-gauss":
        x, y = make_three_gauss(NUM_SAMPLES_CLASSIFY if n is None else n, record.noise, record.seed)
        task, classes = CLASSIFICATION, 3
    else:
        x, y = make_dataset_2d(record.kind, n, record.noise, record.seed)
        task, classes = (CLASSIFICATION, 2) if is_classification(record.kind) else (REGRESSION, 0)
    x, y, tx, ty = split_train_test_2d(x, y, record.train_percent, record.seed)
    return GeneratedData(x, y.astype(float), tx, ty.astype(float), record, task, classes)


def default_points(kind: str) -> int:
    return NUM_SAMPLES_CLASSIFY if kind == "three-gauss" or is_classification(kind) else NUM_SAMPLES_REGRESS


class DatasetDialog(QDialog):
    def __init__(self, network, start: DatasetRecord | None = None, parent: QWidget | None = None, seed: int = 0):
        super().__init__(parent)
        self.setWindowTitle("Data set")
        self._network = network
        self.kind_combo = QComboBox()
        for kind, label in KINDS.items():
            self.kind_combo.addItem(label, kind)
        self.noise_spin = QSpinBox()
        self.noise_spin.setRange(0, int(MAX_NOISE_PERCENT))
        self.noise_spin.setSuffix(" %")
        self.noise_spin.setToolTip("As TF Playground's slider: how far each point's label is read from the point")
        self.train_spin = QSpinBox()
        self.train_spin.setRange(int(MIN_TRAIN_PERCENT), int(MAX_TRAIN_PERCENT))
        self.train_spin.setSingleStep(10)
        self.train_spin.setSuffix(" %")
        self.train_spin.setToolTip("The share of points training sees; the rest are test points (hollow)")
        self.points_spin = QSpinBox()
        self.points_spin.setRange(2, MAX_DATA_POINTS)
        self.seed_spin = QSpinBox()
        self.seed_spin.setRange(0, 2 ** 31 - 1)
        self.seed_spin.setToolTip("The same seed always gives the same points")
        self.regenerate_button = QPushButton("Regenerate")
        self.regenerate_button.setToolTip("New points of the same kind (the next seed)")
        self.regenerate_button.clicked.connect(lambda: self.seed_spin.setValue(self.seed_spin.value() + 1))
        seed_row = QHBoxLayout()
        seed_row.addWidget(self.seed_spin, 1)
        seed_row.addWidget(self.regenerate_button)
        form = QFormLayout()
        form.addRow("Data set", self.kind_combo)
        form.addRow("Noise", self.noise_spin)
        form.addRow("Training share", self.train_spin)
        form.addRow("Number of points", self.points_spin)
        form.addRow("Seed", seed_row)

        self.preview = pg.PlotWidget()
        self.preview.setMinimumSize(320, 320)
        self.preview.setAspectLocked(True)
        self.preview.setMenuEnabled(False)
        self.preview.setXRange(-6, 6, padding=0.02)
        self.preview.setYRange(-6, 6, padding=0.02)
        self.preview_train = pg.ScatterPlotItem(size=7, pen=pg.mkPen("#FFFFFF", width=1))
        self.preview_test = pg.ScatterPlotItem(size=8, brush=pg.mkBrush(255, 255, 255, 230))
        self.preview.addItem(self.preview_train)
        self.preview.addItem(self.preview_test)
        self.fit_note = QLabel()
        self.fit_note.setWordWrap(True)
        self.adapt_check = QCheckBox("Adapt the output layer and the loss to these points")
        self.adapt_check.setChecked(True)
        self.adapt_check.toggled.connect(self.update_preview)
        self.message = error_label()

        buttons, self.ok_button = ok_cancel(self, "Use these points")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.preview, 1)
        for widget in (self.fit_note, self.adapt_check, self.message, buttons):
            layout.addWidget(widget)

        start = start or DatasetRecord("circle", 0.0, 50.0, None, seed)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(_known_kind(start.kind))))
        self.noise_spin.setValue(round(start.noise))
        self.train_spin.setValue(round(start.train_percent))
        self.points_spin.setValue(start.points or default_points(self.kind))
        self.seed_spin.setValue(min(start.seed, self.seed_spin.maximum()))
        self.kind_combo.currentIndexChanged.connect(self._on_kind_changed)
        for spin in (self.noise_spin, self.train_spin, self.points_spin, self.seed_spin):
            spin.valueChanged.connect(self.update_preview)
        self.data: GeneratedData | None = None
        self.mismatch = ""
        self.update_preview()

    @property
    def kind(self) -> str:
        return self.kind_combo.currentData()

    def record(self) -> DatasetRecord:
        points = self.points_spin.value()
        return DatasetRecord(self.kind, float(self.noise_spin.value()), float(self.train_spin.value()),
                             points, self.seed_spin.value())

    @property
    def adapt(self) -> bool:
        """Whether the output layer must change to fit the points (and the user agreed)."""
        return self.data is not None and bool(self.mismatch) and self.adapt_check.isChecked()

    @Slot(int)
    def _on_kind_changed(self, _index: int) -> None:
        self.points_spin.setValue(default_points(self.kind))  # TF's count for the kind
        self.update_preview()

    @Slot()
    def update_preview(self, *_args) -> None:
        try:
            self.data = generate(self.record())
        except ValueError as exc:
            self.data = None
            self.message.setText(str(exc)[0].upper() + str(exc)[1:] + ".")
            self.ok_button.setEnabled(False)
            self.preview_train.setData([], [])
            self.preview_test.setData([], [])
            return
        data = self.data
        self.mismatch = task_mismatch(self._network, data.task, data.classes)
        self.fit_note.setText(self.mismatch)
        self.fit_note.setVisible(bool(self.mismatch))
        self.adapt_check.setVisible(bool(self.mismatch))
        self.adapt_check.setText(f"Change the output layer to {output_name(data.task, data.classes)} "
                                 f"and the loss to {'cross-entropy' if data.task == CLASSIFICATION else 'MSE'}")
        refused = bool(self.mismatch) and not self.adapt_check.isChecked()
        self.message.setText("The network cannot learn these points with its output as it is: "
                             "tick the box above, or choose a data set of the network's kind." if refused else "")
        self.ok_button.setEnabled(not refused)
        train_colours, test_colours = self._colours(data, data.y), self._colours(data, data.test_y)
        self.preview_train.setData(pos=data.x, brush=[pg.mkBrush(c) for c in train_colours])
        self.preview_test.setData(pos=data.test_x.reshape(-1, 2), pen=[pg.mkPen(c, width=2) for c in test_colours])

    @staticmethod
    def _colours(data: GeneratedData, y: np.ndarray) -> list:
        if data.task == CLASSIFICATION:
            table = colours.class_colours(data.classes)
            return [table[int(label)] for label in y]
        cmap = colours.values_map()
        lo, hi = (float(y.min()), float(y.max())) if y.size else (0.0, 1.0)
        return [cmap.map((v - lo) / (hi - lo) if hi > lo else 0.5, mode="qcolor") for v in y]


def apply_dataset(session, data: GeneratedData, adapt: bool = True) -> bool:
    """Make ``data`` the lesson's points in one edit (one undo step); ``adapt``: change the output
    layer and the loss if the points need another; without it a mismatch is refused in words."""
    mismatch = task_mismatch(session.network, data.task, data.classes)
    if mismatch and not adapt:
        session.error_raised.emit("These points do not fit the network", mismatch)
        return False
    return session.set_data(data.x, data.y, f"data set {data.record.kind}", test=(data.test_x, data.test_y),
                            dataset=data.record, task=(data.task, data.classes))


def _known_kind(kind: str) -> str:
    return {"plane": "reg-plane", "multi-gauss": "reg-gauss"}.get(kind, kind)
