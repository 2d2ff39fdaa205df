"""Import and export of the data points as CSV, from the Data and File menus: two columns x,y, or
for a lesson with two inputs three columns x1,x2,y (y a class label 0..k-1 for classification).

Reading and writing are ``presets.csv_data``'s: a bad file is reported with its line number and
nothing is loaded (all or nothing), so the window keeps its data. Only the training points are
exported; held-out test points are a session's experiment, not part of the lesson's data.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from reluplay.presets import PresetError
from reluplay.presets.csv_data import read_csv_points, write_csv_points
from reluplay.state.session import Session

CSV_FILTER = "CSV data (*.csv *.txt);;All files (*)"


class DataFiles(QObject):
    def __init__(self, session: Session, window: QWidget, status_bar=None):
        super().__init__(window)
        self._session = session
        self._window = window
        self._status_bar = status_bar
        self._folder = ""  # where the last CSV came from or went to
        self.import_action = QAction("Import data (CSV)…", self)
        self.import_action.setStatusTip("Replace the data points with the rows of a CSV file: x,y "
                                        "(x1,x2,y with two inputs)")
        self.import_action.triggered.connect(self.import_dialog)
        self.export_action = QAction("Export data (CSV)…", self)
        self.export_action.setStatusTip("Save the data points as a CSV file with columns x,y "
                                        "(x1,x2,y with two inputs)")
        self.export_action.triggered.connect(self.export_dialog)

    def _start_folder(self) -> str:
        if self._folder:
            return self._folder
        return str(self._session.path.parent) if self._session.path else ""

    @Slot()
    def import_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self._window, "Import data points", self._start_folder(), CSV_FILTER)
        if path:
            self.import_path(path)

    def import_path(self, path: str | Path) -> bool:
        """Replace the data with a CSV file's points. False, with a message, if it cannot be read."""
        try:
            s = self._session
            # the lesson's kind of points: x1,x2,y with two inputs, labels 0..k-1 for k classes
            x, y = read_csv_points(path, s.network.n_inputs, s.classes if s.task == "classification" else 0)
        except PresetError as exc:
            QMessageBox.warning(self._window, "Cannot import data", f"{exc}\n\nThe data was kept unchanged.")
            return False
        self._folder = str(Path(path).parent)
        # Imported data replaces the test points too: they belonged to the old data.
        no_test = np.zeros((0, 2)) if x.ndim == 2 else np.zeros(0)
        if not self._session.set_data(x, y, "import data", test=(no_test, np.zeros(0))):
            return False
        self._show_status(f"Imported {y.size} points from {Path(path).name}")
        return True

    @Slot()
    def export_dialog(self) -> None:
        start = str(Path(self._start_folder() or Path.home()) / f"{self._session.name or 'data'}.csv")
        path, _ = QFileDialog.getSaveFileName(self._window, "Export data points", start, CSV_FILTER)
        if not path:
            return
        if not Path(path).suffix:
            path += ".csv"
        self.export_path(path)

    def export_path(self, path: str | Path) -> bool:
        s = self._session
        try:
            write_csv_points(path, s.x, s.y)
        except PresetError as exc:
            QMessageBox.warning(self._window, "Cannot export data", f"{exc}\n\nNothing was changed on disk.")
            return False
        self._folder = str(Path(path).parent)
        note = f" (the {s.test_y.size} test points are not included)" if s.test_y.size else ""
        self._show_status(f"Exported {s.y.size} points to {Path(path).name}{note}")
        return True

    def _show_status(self, text: str) -> None:
        if self._status_bar is not None:
            self._status_bar.showMessage(text, 8000)
