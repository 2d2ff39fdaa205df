"""Editing the data points with the mouse, on the output plot.

With "Edit points on the plot" switched on, a left click on empty space adds a point where the
pointer is, dragging a point moves it, and a right click on a point (or selecting it and pressing
Delete) removes it. Everything else still reaches the plot: a drag that does not start on a
point pans, a right click on empty space opens the plot's menu, and the crosshair keeps following
the pointer (it listens to the scene, not to items).

The mouse is caught by an invisible item laid over the output plot's view. It accepts a click or
a drag only when it acts on it; an ignored event goes on to the view box as if we were not there.
A drag moves a preview of the point and commits once, on release, through ``Session.set_data``:
one edit (one undo step, one pause of training) per drag rather than one per mouse move.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence

from reluplay.state.session import Session
from reluplay.ui import palette

#: How near (in screen pixels) the pointer must be to a point to grab it: a little more than
#: the drawn radius, because a point is a small target on a laptop's touchpad.
GRAB_RADIUS_PX = 14
EDIT_HINT = "Editing data: click to add a point · drag to move · right-click or Delete to remove"


class PointEditOverlay(pg.GraphicsObject):
    """Covers the view box's visible area and turns mouse events into data edits."""

    def __init__(self, editor: DataPointEditor, view_box: pg.ViewBox):
        super().__init__()
        self._editor = editor
        self._view_box = view_box
        self.setZValue(1000)  # asked first; whatever it ignores goes on to the items below
        self.setCursor(Qt.CursorShape.CrossCursor)
        view_box.sigRangeChanged.connect(self._on_view_changed)
        view_box.sigResized.connect(self._on_view_changed)

    @Slot()
    def _on_view_changed(self, *_args) -> None:
        self.prepareGeometryChange()

    def boundingRect(self) -> QRectF:
        return self._view_box.viewRect()

    def paint(self, painter, option, widget=None) -> None:
        pass  # invisible: only here for the mouse

    def nearest_point(self, scene_pos) -> int | None:
        """Index of the data point under the pointer (within GRAB_RADIUS_PX), or None."""
        x, y = self._editor.points()
        if x.size == 0:
            return None
        t = self.sceneTransform()  # view coordinates -> scene pixels, vectorised below
        sx = t.m11() * x + t.m21() * y + t.m31()
        sy = t.m12() * x + t.m22() * y + t.m32()
        distance = np.hypot(sx - scene_pos.x(), sy - scene_pos.y())
        index = int(np.argmin(distance))
        return index if distance[index] <= GRAB_RADIUS_PX else None

    def mouseClickEvent(self, ev) -> None:
        index = self.nearest_point(ev.scenePos())
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self._take_keyboard_focus()
            if index is None:
                pos = ev.pos()
                self._editor.add_point(pos.x(), pos.y())
            else:
                self._editor.select(index)
        elif ev.button() == Qt.MouseButton.RightButton and index is not None:
            ev.accept()
            self._editor.remove_point(index)
        else:
            ev.ignore()  # right click on empty space: the plot's own menu

    def mouseDragEvent(self, ev) -> None:
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        if ev.isStart():
            index = self.nearest_point(ev.buttonDownScenePos())
            if index is None:
                ev.ignore()  # not on a point: the view box pans as usual
                return
            self._editor.begin_drag(index)
        elif not self._editor.dragging:
            ev.ignore()
            return
        ev.accept()
        pos = ev.pos()
        self._editor.drag_to(pos.x(), pos.y())
        if ev.isFinish():
            self._editor.finish_drag()

    def _take_keyboard_focus(self) -> None:
        # So that Delete, whose shortcut lives on the plots, reaches us after a click.
        views = self.scene().views() if self.scene() is not None else []
        if views:
            views[0].setFocus(Qt.FocusReason.MouseFocusReason)


class DataPointEditor:
    """The edit mode, the selected point and the edits; all changes go through the Session."""

    def __init__(self, session: Session, plot: pg.PlotItem, data_scatter: pg.ScatterPlotItem, status_bar=None,
                 parent=None):
        self._session = session
        self._plot = plot
        self._data_scatter = data_scatter  # the plots' own data markers: moved live during a drag
        self._status_bar = status_bar
        self.selected: int | None = None
        self._drag_index: int | None = None
        self._preview: tuple[np.ndarray, np.ndarray] | None = None

        self.selection_ring = pg.ScatterPlotItem(
            size=palette.DATA_SIZE + 14, symbol="o", brush=pg.mkBrush(None),
            pen=pg.mkPen(palette.UNIT_COLOURS[0], width=3.5))
        self.selection_ring.setZValue(31)
        plot.addItem(self.selection_ring, ignoreBounds=True)
        self.overlay = PointEditOverlay(self, plot.vb)
        self.overlay.hide()
        plot.addItem(self.overlay, ignoreBounds=True)

        self.toggle_action = QAction("✎  Edit points on the plot", parent)
        self.toggle_action.setCheckable(True)
        tip = "Click the output plot to add data points, drag to move them, right-click to remove"
        self.toggle_action.setToolTip(tip)
        self.toggle_action.setStatusTip(tip)
        self.toggle_action.toggled.connect(self.set_enabled)
        self.delete_action = QAction("Delete selected point", parent)
        self.delete_action.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(self.delete_selected)
        self.delete_action.setEnabled(False)
        session.data_changed.connect(self._on_data_changed)

    # --- mode and selection -------------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        return self.overlay.isVisible()

    @property
    def dragging(self) -> bool:
        return self._drag_index is not None

    @Slot(bool)
    def set_enabled(self, on: bool) -> None:
        if self.toggle_action.isChecked() != on:
            self.toggle_action.setChecked(on)  # comes back here through toggled
            return
        self.overlay.setVisible(on)
        if not on:
            self.select(None)
        self._show_status(EDIT_HINT if on else "Editing data: off")

    def select(self, index: int | None) -> None:
        self.selected = index
        self.delete_action.setEnabled(index is not None)
        if index is None:
            self.selection_ring.setData([], [])
        else:
            x, y = self.points()
            self.selection_ring.setData([x[index]], [y[index]])

    def points(self) -> tuple[np.ndarray, np.ndarray]:
        """The points as shown: the drag preview while dragging, else the session's data."""
        return self._preview if self._preview is not None else (self._session.x, self._session.y)

    @Slot()
    def _on_data_changed(self) -> None:
        # Any other change of the data (undo, open, import) makes the old index meaningless.
        self._preview = None
        self._drag_index = None
        self.select(None)

    # --- edits ----------------------------------------------------------------------------------
    def add_point(self, x: float, y: float) -> None:
        s = self._session
        if s.set_data(np.append(s.x, x), np.append(s.y, y), "add a data point"):
            self.select(s.x.size - 1)
            self._show_status(f"Added the point ({x:.3g}, {y:.3g}); {s.x.size} points")

    def remove_point(self, index: int) -> None:
        s = self._session
        if s.x.size <= 1:
            self._show_status("The last data point stays: training needs at least one")
            return
        x, y = float(s.x[index]), float(s.y[index])
        if s.set_data(np.delete(s.x, index), np.delete(s.y, index), "remove a data point"):
            self._show_status(f"Removed the point ({x:.3g}, {y:.3g}); {s.x.size} points")

    @Slot()
    def delete_selected(self) -> None:
        if self.enabled and self.selected is not None:
            self.remove_point(self.selected)

    def begin_drag(self, index: int) -> None:
        self._drag_index = index
        self._preview = (self._session.x.copy(), self._session.y.copy())
        self.select(index)

    def drag_to(self, x: float, y: float) -> None:
        px, py = self._preview
        px[self._drag_index], py[self._drag_index] = x, y
        self._data_scatter.setData(px, py)
        self.selection_ring.setData([x], [y])

    def finish_drag(self) -> None:
        index, (px, py) = self._drag_index, self._preview
        self._drag_index, self._preview = None, None
        if self._session.set_data(px, py, "move a data point"):
            self.select(index)
            self._show_status(f"Moved the point to ({px[index]:.3g}, {py[index]:.3g})")
        else:  # refused (a message said why): show the session's data again
            self._data_scatter.setData(self._session.x, self._session.y)

    def _show_status(self, text: str) -> None:
        if self._status_bar is not None:
            self._status_bar.showMessage(text)
