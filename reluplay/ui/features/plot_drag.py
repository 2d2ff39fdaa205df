"""Drag on the plots themselves: the lesson's "drag unit A's bias" with the editor hidden (F5 too).

On plot 1 (units of the first hidden layer):
- a unit's kink marker dragged left or right moves its kink: the bias becomes b = −w·x_kink;
- a unit's curve dragged up or down changes its weight (slope) and keeps its kink where it is
  (the bias follows, b = −w·x_kink): where the curve was grabbed, it follows the pointer.
On plot 2 a unit's curve dragged up or down changes its output weight: the contribution where it
was grabbed follows the pointer (a kink marker there moves the kink, as on plot 1).

Where the grabbed curve is (nearly) flat, e.g. the off side of a ReLU, the drag acts as if the
unit's tallest point in view had been grabbed: dragging up always makes the curve taller.
Units of deeper layers are not dragged on plot 1 (their kinks are not one bias): the status bar
says why. The pointer's shape says what can be dragged (↔ a kink, ↕ a curve).

Every change goes through the Session's edit methods, so the editor, the units strip, the plots
and the status bar follow live; a whole drag is one gesture, one undo step. A drag pauses
training first (like any edit). Pressing without moving is still a click: it pins the unit
(features/unit_focus.py). The mouse is caught by an invisible item over each plot's view that
takes a drag only when it starts on a unit; anything else (panning, the legend) goes on as before.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QPointF, QRectF, Qt, Slot

from reluplay.state.changes import NetworkChange
from reluplay.teach.explain import fmt, unit_label
from reluplay.ui.features.parts import Parts
from reluplay.ui.plots.unit_hits import UnitHit, hit_at

if TYPE_CHECKING:
    from reluplay.ui.main_window import MainWindow

#: A grabbed point whose activation is below this share of the unit's tallest in view counts as
#: flat: the drag then works on the unit's tallest point instead (no jumps near a kink).
FLAT_SHARE = 0.25
#: The shortest lever (pixels between the kink and the grabbed x) of a weight drag.
MIN_LEVER_PX = 12.0
GRID_POINTS = 401
HINT_MS = 4000


class DragKind(Enum):
    KINK = "kink"  # left/right: the bias, the kink follows the pointer
    WEIGHT = "weight"  # up/down on plot 1: the weight, the kink stays
    OUTPUT = "output weight"  # up/down on plot 2


CURSORS = {DragKind.KINK: Qt.CursorShape.SizeHorCursor, DragKind.WEIGHT: Qt.CursorShape.SizeVerCursor,
           DragKind.OUTPUT: Qt.CursorShape.SizeVerCursor}


@dataclass
class Grab:
    """One drag under way."""

    kind: DragKind
    layer: int
    unit: int
    offset: float  # KINK: the kink's x minus the pointer's x when grabbed
    kink: float  # WEIGHT: the kink that stays
    lever: float  # WEIGHT: x − kink where the curve follows; OUTPUT: the activation there
    last_y: float  # the pointer's y at the last move


class DragOverlay(pg.GraphicsObject):
    """Covers a plot's view; takes a left drag only when it starts on a unit (else: panning)."""

    def __init__(self, drag: PlotDrag, plot_index: int, view_box: pg.ViewBox):
        super().__init__()
        self._drag = drag
        self._plot_index = plot_index
        self._view_box = view_box
        self.setZValue(1000)  # asked first; whatever it ignores goes on to the items below
        view_box.sigRangeChanged.connect(self._on_view_changed)
        view_box.sigResized.connect(self._on_view_changed)

    @Slot()
    def _on_view_changed(self, *_args) -> None:
        self.prepareGeometryChange()

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt's name
        return self._view_box.viewRect()

    def paint(self, painter, option, widget=None) -> None:
        pass  # invisible: only here for the mouse

    def mouseDragEvent(self, ev) -> None:  # noqa: N802 - pyqtgraph's name
        if ev.button() != Qt.MouseButton.LeftButton or ev.modifiers():
            ev.ignore()
            return
        if ev.isStart():
            if not self._drag.start(self._plot_index, ev.buttonDownScenePos(), ev.buttonDownPos()):
                ev.ignore()  # not on a unit: the view box pans as usual
                return
        elif not self._drag.holding:
            ev.ignore()
            return
        ev.accept()
        self._drag.move_to(ev.pos())
        if ev.isFinish():
            self._drag.finish()


class PlotDrag(QObject):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self._window = window
        self._session = window.session
        self._plots = window.plots
        self._focus = window.unit_focus
        self.grab: Grab | None = None
        self._refused = False  # a drag on a unit that cannot be dragged: held still, not a pan
        self._hovered: tuple[DragKind | None, UnitHit | None] = (None, None)
        self.overlays = [DragOverlay(self, index, plot.vb)
                         for index, plot in enumerate((self._plots.unit_plot, self._plots.contribution_plot))]
        for overlay, plot in zip(self.overlays, (self._plots.unit_plot, self._plots.contribution_plot)):
            plot.addItem(overlay, ignoreBounds=True)
        self._plots.canvas.scene().sigMouseMoved.connect(self._on_mouse_moved)
        self._session.network_changed.connect(self._on_network_changed)

    @property
    def dragging(self) -> bool:
        return self.grab is not None

    @property
    def holding(self) -> bool:
        """A drag that started on a unit is under way (perhaps refused: then nothing moves)."""
        return self.grab is not None or self._refused

    @Slot(object)
    def _on_network_changed(self, change: NetworkChange) -> None:
        if change.structural and self.dragging:
            self.finish()  # undo, Open, a unit removed mid-drag: the grabbed unit may be gone

    # --- what can be dragged -----------------------------------------------------------------------------
    def hit(self, scene_pos: QPointF) -> UnitHit | None:
        legend = self._plots.legend
        if legend.isVisible() and legend.sceneBoundingRect().contains(scene_pos):
            return None  # not a unit (it keeps clear of the kink markers: plots/legend_place.py)
        return hit_at(self._plots, scene_pos)

    def kind_of(self, hit: UnitHit | None) -> DragKind | None:
        """What dragging ``hit`` changes, or None if it cannot be dragged."""
        if hit is None:
            return None
        if hit.on_kink:
            return DragKind.KINK if hit.layer == 0 else None
        if hit.plot == 1:
            return DragKind.OUTPUT
        return DragKind.WEIGHT if hit.layer == 0 else None

    @Slot(QPointF)
    def _on_mouse_moved(self, scene_pos: QPointF) -> None:
        if self.dragging:
            return
        hit = self.hit(scene_pos)
        kind = self.kind_of(hit)
        for overlay in self.overlays:
            if kind is None:
                overlay.unsetCursor()
            else:
                overlay.setCursor(CURSORS[kind])
        key = (kind, None if hit is None else (hit.layer, hit.unit))
        if key != self._hovered and kind is not None:
            self._show(self._hint(kind, hit), HINT_MS)
        self._hovered = key

    def _hint(self, kind: DragKind, hit: UnitHit) -> str:
        name = unit_label(self._session.network, hit.layer, hit.unit)
        return {DragKind.KINK: f"Drag left or right: move the kink of {name} (its bias)",
                DragKind.WEIGHT: f"Drag up or down: the weight (slope) of {name}; its kink stays",
                DragKind.OUTPUT: f"Drag up or down: the output weight of {name}"}[kind]

    # --- the drag -------------------------------------------------------------------------------------------
    def start(self, plot_index: int, scene_pos: QPointF, view_pos: QPointF) -> bool:
        """Grab what is under the pointer; False if it is not a unit (the plot pans instead).

        A unit that cannot be dragged is held still, with the reason in the status bar: the
        teacher meant the unit, not the view.
        """
        hit = self.hit(scene_pos)
        if hit is None or hit.plot != plot_index:
            return False
        kind = self.kind_of(hit)
        if kind is None:
            self._show(f"{_capital(unit_label(self._session.network, hit.layer, hit.unit))} is in a deeper layer: "
                       "its kinks depend on the layers before it, so it is not dragged (use the network editor)")
            self._refused = True
            return True
        grab = self._grab(kind, hit, view_pos)
        if grab is None:
            self._refused = True
            return True
        self._window.controller.pause()  # like any edit; the drag acts on what is shown
        self.grab = grab
        self._session.begin_gesture(f"drag {unit_label(self._session.network, hit.layer, hit.unit)}'s {kind.value}")
        self._focus.hold((hit.layer, hit.unit))
        return True

    def _grab(self, kind: DragKind, hit: UnitHit, view_pos: QPointF) -> Grab | None:
        net = self._session.network
        x, y = float(view_pos.x()), float(view_pos.y())
        name = _capital(unit_label(net, hit.layer, hit.unit))
        if kind is not DragKind.OUTPUT:
            w = float(net.layers[0].weights[hit.unit, 0])
            if w == 0.0:
                self._show(f"{name} has no kink (its weight is 0): give it a weight first")
                return None
            kink = -float(net.layers[0].biases[hit.unit]) / w
            if kind is DragKind.KINK:
                return Grab(kind, hit.layer, hit.unit, kink - x, kink, 0.0, y)
        handle, activation = self._handle(hit.layer, hit.unit, x)
        if kind is DragKind.OUTPUT:
            if activation == 0.0:
                self._show(f"{name} is 0 everywhere in view: its output weight has nothing to scale")
                return None
            return Grab(kind, hit.layer, hit.unit, 0.0, 0.0, activation, y)
        min_lever = MIN_LEVER_PX * self._plots.unit_plot.vb.viewPixelSize()[0]
        lever = handle - kink
        if abs(lever) < min_lever:
            lever = min_lever if lever >= 0 else -min_lever
        return Grab(kind, hit.layer, hit.unit, 0.0, kink, lever, y)

    def _handle(self, layer: int, unit: int, x: float) -> tuple[float, float]:
        """Where the drag takes hold of the unit's curve, and its activation there.

        Where it was grabbed, unless the curve is (nearly) flat there: then its tallest point in view.
        """
        lo, hi = self._plots.unit_plot.viewRange()[0]
        grid = np.append(np.linspace(lo, hi, GRID_POINTS), x)
        with np.errstate(all="ignore"):
            a = self._session.network.forward(grid).post[layer][unit]
        a = np.where(np.isfinite(a), a, 0.0)
        tallest = int(np.argmax(np.abs(a[:-1])))
        if abs(a[-1]) >= FLAT_SHARE * abs(a[tallest]) and a[-1] != 0.0:
            return x, float(a[-1])
        return float(grid[tallest]), float(a[tallest])

    def move_to(self, view_pos: QPointF) -> None:
        grab = self.grab
        if grab is None:
            return
        s, net = self._session, self._session.network
        name = _capital(unit_label(net, grab.layer, grab.unit))
        if grab.kind is DragKind.KINK:
            w = float(net.layers[0].weights[grab.unit, 0])
            kink = float(view_pos.x()) + grab.offset
            s.set_bias(0, grab.unit, -w * kink)
            self._show(f"{name}: kink at x = {fmt(kink)}, bias b = {fmt(net.layers[0].biases[grab.unit])}")
            return
        dy = float(view_pos.y()) - grab.last_y
        grab.last_y = float(view_pos.y())
        if grab.kind is DragKind.WEIGHT:
            w = float(net.layers[0].weights[grab.unit, 0]) + dy / grab.lever
            s.set_weight(0, grab.unit, 0, w)
            s.set_bias(0, grab.unit, -w * grab.kink)
            self._show(f"{name}: weight w = {fmt(w)}, bias b = {fmt(net.layers[0].biases[grab.unit])} "
                       f"(kink stays at x = {fmt(grab.kink)})")
        else:
            v = float(net.layers[-1].weights[0, grab.unit]) + dy / grab.lever
            s.set_output_weight(grab.unit, v)
            self._show(f"{name}: output weight = {fmt(v)}")

    def finish(self) -> None:
        if self.grab is None:
            self._refused = False
            return
        self.grab = None
        self._session.end_gesture()
        self._focus.hold(None)

    def _show(self, text: str, timeout_ms: int = 0) -> None:
        self._window.statusBar().showMessage(text, timeout_ms)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def build(window: MainWindow) -> tuple[PlotDrag, Parts]:
    return PlotDrag(window), Parts()
