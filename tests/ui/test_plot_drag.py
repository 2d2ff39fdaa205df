"""Drag on the plots: a kink marker moves the bias, a curve the weight, plot 2 the output weight (issue 13, item 4)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication

LEFT = Qt.MouseButton.LeftButton


@pytest.fixture(autouse=True)
def every_mouse_move(monkeypatch):
    """pyqtgraph drops moves closer together than 1/100 s (a hand never sends them); a test does."""
    monkeypatch.setitem(pg.CONFIG_OPTIONS, "mouseRateLimit", 0)


def pixel(plots, plot, x: float, y: float) -> QPoint:
    """The canvas (viewport) pixel showing the data point (x, y) of ``plot``."""
    return plots.canvas.mapFromScene(plot.vb.mapViewToScene(QPointF(x, y)))


def view_point(plots, plot, pos: QPoint) -> QPointF:
    """The data point of ``plot`` that the viewport pixel ``pos`` shows: the plot's own mapping."""
    return plot.vb.mapSceneToView(plots.canvas.mapToScene(pos))


def mouse(viewport, kind: QEvent.Type, pos: QPoint, button=Qt.MouseButton.NoButton, held=LEFT) -> None:
    # Real mouse events: QTest's mouseMove does not say that a button is held (a drag needs a move
    # that does), and its presses in one spot across tests can read as a double click.
    event = QMouseEvent(kind, QPointF(pos), viewport.mapToGlobal(QPointF(pos)), button, held,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, event)


def hover(plots, pos: QPoint) -> None:
    mouse(plots.canvas.viewport(), QEvent.Type.MouseMove, pos, held=Qt.MouseButton.NoButton)


def drag(qtbot, plots, start: QPoint, end: QPoint, steps: int = 8) -> None:
    """Press at ``start``, move in ``steps`` to ``end`` with the button held, release there."""
    viewport = plots.canvas.viewport()
    hover(plots, start)  # first the hand comes to the spot
    mouse(viewport, QEvent.Type.MouseButtonPress, start, LEFT)
    for i in range(1, steps + 1):
        mouse(viewport, QEvent.Type.MouseMove, start + (end - start) * (i / steps))
    mouse(viewport, QEvent.Type.MouseButtonRelease, end, LEFT, Qt.MouseButton.NoButton)


def params(window) -> np.ndarray:
    return window.session.network.params.copy()


@pytest.mark.parametrize("presenting", [False, True], ids=["window", "presentation"])
def test_dragging_a_kink_marker_moves_the_kink_and_one_undo_puts_it_back(relu_window, qtbot, presenting):
    window, plots = relu_window, relu_window.plots
    if presenting:
        window.presentation.action.trigger()  # F5: the editor is hidden, the drag still works
        assert not window.editor.isVisible()
    plots.redraw_now()
    before, steps = params(window), window.undo_stack.count()
    start = pixel(plots, plots.unit_plot, 0.5, 0.0)  # unit A's kink marker (w 1.7, b −0.85)
    end = start + QPoint(60, -15)  # right, and a little up: only x counts
    drag(qtbot, plots, start, end)

    moved = view_point(plots, plots.unit_plot, end).x() - view_point(plots, plots.unit_plot, start).x()
    assert moved > 0.05
    expected_bias = -1.7 * (0.5 + moved)  # b = −w·x_kink
    lay = window.session.network.layers[0]
    assert lay.biases[0] == pytest.approx(expected_bias, abs=1e-9)
    assert lay.weights[0, 0] == 1.7 and lay.biases[1] == 0.0  # nothing else moved
    assert -lay.biases[0] / lay.weights[0, 0] == pytest.approx(0.5 + moved, abs=1e-9)
    # The plots, the status bar, the strip and the editor follow.
    qtbot.waitUntil(lambda: any(abs(s.pos().x() - (0.5 + moved)) < 1e-9 for s in plots.unit_kinks.points()))
    assert "kink at x" in window.statusBar().currentMessage()
    if presenting:
        shown = window.unit_strip.units[0].spins["bias"]
        qtbot.waitUntil(lambda: shown.value() == pytest.approx(round(expected_bias, 2)))
    # The whole drag is one undo step.
    assert window.undo_stack.count() == steps + 1
    assert "kink" in window.undo_action.text()
    window.undo_action.trigger()
    assert np.array_equal(params(window), before)


def test_dragging_a_curve_up_changes_its_weight_and_keeps_its_kink(relu_window, qtbot):
    window, plots = relu_window, relu_window.plots
    plots.redraw_now()
    before, steps = params(window), window.undo_stack.count()
    start = pixel(plots, plots.unit_plot, 0.9, 1.7 * 0.9 - 0.85)  # on unit A's curve, right of its kink
    end = start + QPoint(3, -30)  # up (and a sideways wobble that does not count)
    drag(qtbot, plots, start, end)

    grabbed = view_point(plots, plots.unit_plot, start)
    rise = view_point(plots, plots.unit_plot, end).y() - grabbed.y()
    assert rise > 0.5
    # Where it was grabbed, the curve follows the pointer: w·(x − kink) grows by the rise.
    expected_w = 1.7 + rise / (grabbed.x() - 0.5)
    lay = window.session.network.layers[0]
    assert lay.weights[0, 0] == pytest.approx(expected_w, rel=1e-9)
    assert -lay.biases[0] / lay.weights[0, 0] == pytest.approx(0.5, abs=1e-12)  # the kink stayed
    assert window.undo_stack.count() == steps + 1  # weight and bias moved together: one step
    window.undo_action.trigger()
    assert np.array_equal(params(window), before)


def test_dragging_a_curve_on_plot_2_changes_its_output_weight(relu_window, qtbot):
    window, plots = relu_window, relu_window.plots
    plots.redraw_now()
    before = params(window)
    plot = plots.contribution_plot
    start = pixel(plots, plot, 0.8, 2.7 * 12.6 * 0.8)  # unit B's contribution
    end = start + QPoint(0, 25)  # down
    drag(qtbot, plots, start, end)

    grabbed = view_point(plots, plot, start)
    drop = view_point(plots, plot, end).y() - grabbed.y()
    assert drop < -0.5
    expected = 2.7 + drop / (12.6 * grabbed.x())  # B's contribution there follows the pointer
    net = window.session.network
    assert net.layers[-1].weights[0, 1] == pytest.approx(expected, rel=1e-9)
    changed = np.flatnonzero(params(window) != before)
    assert len(changed) == 1  # only the output weight of B
    window.undo_action.trigger()
    assert np.array_equal(params(window), before)


def test_a_click_without_moving_still_pins_and_changes_nothing(relu_window, qtbot):
    window, plots = relu_window, relu_window.plots
    plots.redraw_now()
    before, steps = params(window), window.undo_stack.count()
    pos = pixel(plots, plots.unit_plot, 0.5, 0.0)
    hover(plots, pos)
    mouse(plots.canvas.viewport(), QEvent.Type.MouseButtonPress, pos, LEFT)
    mouse(plots.canvas.viewport(), QEvent.Type.MouseButtonRelease, pos, LEFT, Qt.MouseButton.NoButton)
    qtbot.waitUntil(lambda: window.unit_focus.pinned == (0, 0))
    assert np.array_equal(params(window), before) and window.undo_stack.count() == steps


def test_the_pointer_shows_what_can_be_dragged(relu_window, qtbot):
    plots, overlay = relu_window.plots, relu_window.plot_drag.overlays[0]
    plots.redraw_now()
    hover(plots, pixel(plots, plots.unit_plot, 0.5, 0.0))  # a kink marker: left/right
    qtbot.waitUntil(lambda: overlay.hasCursor() and overlay.cursor().shape() == Qt.CursorShape.SizeHorCursor)
    hover(plots, pixel(plots, plots.unit_plot, 0.6, 12.6 * 0.6))  # a curve: up/down
    qtbot.waitUntil(lambda: overlay.hasCursor() and overlay.cursor().shape() == Qt.CursorShape.SizeVerCursor)
    assert "weight" in relu_window.statusBar().currentMessage()
    hover(plots, pixel(plots, plots.unit_plot, 0.1, 9.0))  # empty space: the plot's own
    qtbot.waitUntil(lambda: not overlay.hasCursor())


def empty_spot(window, plot) -> QPoint:
    """A pixel of ``plot`` above its curves where no legend and no unit lies: empty space."""
    plots = window.plots
    for x in (0.1, 0.3, 0.5, 0.7, 0.9):
        for y in (9.0, 11.0, 13.0):
            spot = pixel(plots, plot, x, y)
            scene_pos = plots.canvas.mapToScene(spot)
            if not plots.legend.sceneBoundingRect().contains(scene_pos) and window.plot_drag.hit(scene_pos) is None:
                return spot
    raise AssertionError("no empty space on the plot")


def test_dragging_empty_space_still_pans(relu_window, qtbot):
    window, plots = relu_window, relu_window.plots
    plots.redraw_now()
    before, x_range = params(window), plots.unit_plot.viewRange()[0]
    start = empty_spot(window, plots.unit_plot)
    drag(qtbot, plots, start, start + QPoint(50, 0))
    assert np.array_equal(params(window), before)
    assert plots.unit_plot.viewRange()[0][0] < x_range[0] - 0.05


def test_units_of_a_deeper_layer_are_not_dragged(relu_window, qtbot):
    window, plots = relu_window, relu_window.plots
    window.editor.add_layer_button.click()
    plots.layer_combo.setCurrentIndex(1)
    plots.fit_view()
    before, x_range = params(window), plots.unit_plot.viewRange()
    x, y = plots.unit_curves[1].getData()  # unit B′ (relu of B: 12.6·x right of 0)
    middle = float(np.mean(x_range[0]))
    start = pixel(plots, plots.unit_plot, middle, float(np.interp(middle, x, y)))
    assert window.plot_drag.hit(plots.canvas.mapToScene(start)).unit == 1
    hover(plots, start)
    assert not window.plot_drag.overlays[0].hasCursor()  # nothing says "drag me"
    drag(qtbot, plots, start, start + QPoint(40, -30))
    assert np.array_equal(params(window), before)
    assert plots.unit_plot.viewRange() == x_range  # held still: not a pan either
    assert "deeper layer" in window.statusBar().currentMessage()


def test_dragging_while_training_pauses_it_and_the_drag_counts(sine_window, qtbot):
    window, plots = sine_window, sine_window.plots
    window.controller.set_speed(10)  # a pace a class watches: the kink marker stays under the pointer
    window.shared_actions["play"].trigger()
    qtbot.waitUntil(lambda: window.session.step >= 2, timeout=5000)
    assert window.controller.running
    plots.redraw_now()
    drag_ = window.plot_drag

    def grabbed(spot):  # what a press on this marker grabs (another marker or the legend may be over it)
        hit = drag_.hit(plots.canvas.mapToScene(pixel(plots, plots.unit_plot, spot.pos().x(), spot.pos().y())))
        return None if hit is None else hit.unit

    spot = next(s for s in plots.unit_kinks.points() if -0.8 < s.pos().x() < 0.8 and grabbed(s) == s.data())
    unit, kink = int(spot.data()), spot.pos().x()
    start = pixel(plots, plots.unit_plot, kink, spot.pos().y())
    end = start + QPoint(-40, 0)
    drag(qtbot, plots, start, end)
    assert not window.controller.running  # paused by the drag, as by any edit
    qtbot.waitUntil(lambda: not window.controller.busy)  # the last frame of the run is in (and dropped)
    moved = view_point(plots, plots.unit_plot, end).x() - view_point(plots, plots.unit_plot, start).x()
    lay = window.session.network.layers[0]
    # Where the marker was when grabbed, moved by the pointer (training moves it < 1 px a step here).
    assert -lay.biases[unit] / lay.weights[unit, 0] == pytest.approx(kink + moved, abs=0.01)
    assert window.session.step == 0  # an edit starts a new training run
    dragged = params(window)
    window.undo_action.trigger()  # one step takes the whole drag back
    lay = window.session.network.layers[0]
    assert abs(-lay.biases[unit] / lay.weights[unit, 0] - kink) < 0.01
    window.redo_action.trigger()
    assert np.array_equal(params(window), dragged)
