"""Clicking points into a two-input lesson (Data → Add points, and the toggle above the output view).

With "Add points" on, a left click on the output view adds a training point there: of the class
chosen beside the toggle (classification), or with the value in the spin box (regression). With
two classes a right click adds a point of the other class, as TF Playground's teachers expect of
a left/right button. Shift+click removes the nearest point (training or test) within reach. Each
click is one edit through ``Session.set_data``: one undo step, one pause of training.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QColor, QIcon, QPixmap
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QToolButton

from reluplay.state.plane_data import CLASSIFICATION
from reluplay.state.session import Session
from reluplay.ui.plots.plane import colours
from reluplay.ui.plots.plane.plane_views import PlaneViews

#: Shift+click removes the nearest point only if it is within this share of the view's width.
REMOVE_REACH = 0.08
MAX_VALUE = 1000.0
ADD_HINT = ("Adding points: left click adds a point of the chosen class (right click: the other class) · "
            "Shift+click removes the nearest point · Ctrl+Z undoes")
ADD_HINT_REGRESSION = ("Adding points: click adds a point with the chosen value · Shift+click removes "
                       "the nearest point · Ctrl+Z undoes")


def _swatch(colour: str) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class PlanePoints(QObject):
    def __init__(self, session: Session, views: PlaneViews, status_bar=None, parent=None):
        super().__init__(parent)
        self._session = session
        self._views = views
        self._status_bar = status_bar
        self.toggle_action = QAction("✚  Add points", parent)
        self.toggle_action.setCheckable(True)
        tip = ("Click the output view to add data points; with two classes, right click adds the other class; "
               "Shift+click removes the nearest point")
        self.toggle_action.setToolTip(tip)
        self.toggle_action.setStatusTip(tip)
        self.toggle_action.toggled.connect(self.set_enabled)
        self.button = QToolButton()
        self.button.setDefaultAction(self.toggle_action)
        self.class_combo = QComboBox()
        self.class_combo.setToolTip("The class a left click adds")
        self.value_spin = QDoubleSpinBox()
        self.value_spin.setRange(-MAX_VALUE, MAX_VALUE)
        self.value_spin.setDecimals(2)
        self.value_spin.setSingleStep(0.1)
        self.value_spin.setValue(1.0)
        self.value_spin.setPrefix("y = ")
        self.value_spin.setToolTip("The value (target y) a click adds")
        views.add_tools(self.button, self.class_combo, self.value_spin)
        views.output.plane_clicked.connect(self._on_clicked)
        session.network_changed.connect(self.refresh_choices)
        session.data_changed.connect(self.refresh_choices)
        self.refresh_choices()

    @property
    def enabled(self) -> bool:
        return self._views.output.adding_points

    @property
    def classification(self) -> bool:
        return self._session.task == CLASSIFICATION

    @Slot(bool)
    def set_enabled(self, on: bool) -> None:
        if self.toggle_action.isChecked() != on:
            self.toggle_action.setChecked(on)  # comes back here through toggled
            return
        output = self._views.output
        output.adding_points = on
        output.setCursor(Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor)
        self.refresh_choices()
        self._show_status((ADD_HINT if self.classification else ADD_HINT_REGRESSION) if on else "Adding points: off")

    @Slot()
    def refresh_choices(self, *_args) -> None:
        """The class list fits the lesson's classes; the value box shows for regression."""
        classes = self._session.classes if self.classification else 0
        if self.class_combo.count() != classes:
            chosen = self.class_combo.currentIndex()
            self.class_combo.clear()
            for label, colour in enumerate(colours.class_colours(classes)[:classes]):
                self.class_combo.addItem(_swatch(colour), f"class {label}", label)
            self.class_combo.setCurrentIndex(min(max(chosen, 0), classes - 1) if classes else -1)
        on = self.toggle_action.isChecked()
        self.class_combo.setVisible(on and classes > 0)
        self.value_spin.setVisible(on and classes == 0)

    # --- clicks --------------------------------------------------------------------------------------
    @Slot(float, float, bool, bool)
    def _on_clicked(self, x1: float, x2: float, right: bool, shift: bool) -> None:
        if shift:
            self.remove_nearest(x1, x2)
        elif not self.classification:
            self.add_point(x1, x2, self.value_spin.value())
        elif right and self._session.classes != 2:
            self._show_status("Right click adds the other class with two classes; choose the class in the list")
        else:
            label = self.class_combo.currentData() or 0
            self.add_point(x1, x2, 1 - label if right else label)

    def add_point(self, x1: float, x2: float, y: float) -> bool:
        s = self._session
        what = f"class {int(y)}" if self.classification else f"value {y:g}"
        x = np.vstack([s.x.reshape(-1, 2), [[x1, x2]]])
        if s.set_data(x, np.append(s.y, y), f"add a point of {what}"):
            self._show_status(f"Added a point of {what} at ({x1:.2f}, {x2:.2f}); {s.y.size} training points")
            return True
        return False

    def remove_nearest(self, x1: float, x2: float) -> bool:
        s = self._session
        train, test = s.x.reshape(-1, 2), s.test_x.reshape(-1, 2)
        points = np.vstack([train, test])
        if not points.size:
            return False
        distance = np.hypot(points[:, 0] - x1, points[:, 1] - x2)
        index = int(np.argmin(distance))
        (lo, hi), _ = self._views.box
        if distance[index] > REMOVE_REACH * (hi - lo):
            self._show_status("No point near the click to remove")
            return False
        if index < len(train):
            if len(train) <= 1:
                self._show_status("The last training point stays: training needs at least one")
                return False
            done = s.set_data(np.delete(train, index, axis=0), np.delete(s.y, index), "remove a point")
        else:
            i = index - len(train)
            done = s.set_data(train, s.y, "remove a test point",
                              test=(np.delete(test, i, axis=0), np.delete(s.test_y, i)))
        if done:
            self._show_status(f"Removed the point at ({points[index, 0]:.2f}, {points[index, 1]:.2f})")
        return done

    def _show_status(self, text: str) -> None:
        if self._status_bar is not None:
            self._status_bar.showMessage(text, 6000)
