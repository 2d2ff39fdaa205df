"""Editing data points with the mouse on the output plot, through the real scene and view box."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt

MOVE_PAUSE_MS = 40  # pyqtgraph drops mouse moves that come faster than its rate limit


def widget_pos(window, x: float, y: float) -> QPoint:
    """Where the data coordinates (x, y) of the output plot are on the canvas' viewport."""
    plots = window.plots
    scene_pos = plots.output_plot.vb.mapViewToScene(QPointF(x, y))
    return plots.canvas.mapFromScene(scene_pos)


def click(qtbot, window, x, y, button=Qt.MouseButton.LeftButton):
    qtbot.mouseClick(window.plots.canvas.viewport(), button, pos=widget_pos(window, x, y))


def drag(qtbot, window, start, end, steps=6):
    viewport = window.plots.canvas.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=widget_pos(window, *start))
    for i in range(1, steps + 1):
        t = i / steps
        qtbot.wait(MOVE_PAUSE_MS)
        point = widget_pos(window, start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1]))
        qtbot.mouseMove(viewport, pos=point)
    qtbot.wait(MOVE_PAUSE_MS)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=widget_pos(window, *end))


@pytest.fixture
def editing(relu_window):
    relu_window.data_tools.editor.toggle_action.trigger()
    return relu_window


def test_edit_mode_is_a_menu_toggle_with_a_hint(relu_window):
    tools = relu_window.data_tools
    assert tools.editor.toggle_action in relu_window.menus["data"].actions()
    assert tools.editor.toggle_action in relu_window.toolbar.actions()
    assert not tools.editor.enabled
    tools.editor.toggle_action.trigger()
    assert tools.editor.enabled
    assert "click to add" in relu_window.statusBar().currentMessage()


def test_click_adds_a_point_where_clicked(editing, qtbot):
    before = editing.session.x.size
    click(qtbot, editing, 0.25, 0.75)
    s = editing.session
    assert s.x.size == before + 1
    # One screen pixel is ~0.001 in x here: the point lands within a couple of pixels.
    assert s.x[-1] == pytest.approx(0.25, abs=0.005)
    assert s.y[-1] == pytest.approx(0.75, abs=0.01)
    # ...and the output plot shows it.
    shown_x, shown_y = editing.plots.data_points.getData()
    assert shown_x[-1] == s.x[-1] and shown_y[-1] == s.y[-1]


def test_click_does_nothing_when_editing_is_off(relu_window, qtbot):
    x0 = relu_window.session.x.copy()
    click(qtbot, relu_window, 0.25, 0.75)
    np.testing.assert_array_equal(relu_window.session.x, x0)


def test_drag_moves_a_point_in_one_edit(editing, qtbot):
    s = editing.session
    edits = []
    s.edit_started.connect(edits.append)
    drag(qtbot, editing, (0.5, 1.0), (0.7, 0.4))
    assert s.x.size == 3
    assert s.x[1] == pytest.approx(0.7, abs=0.005)
    assert s.y[1] == pytest.approx(0.4, abs=0.01)
    assert s.x[0] == 0.0 and s.x[2] == 1.0
    assert [e.description for e in edits] == ["move a data point"]  # one undoable edit, not one per mouse move


def test_drag_on_empty_space_pans_instead(editing, qtbot):
    x0 = editing.session.x.copy()
    before = editing.plots.output_plot.viewRange()[0]
    drag(qtbot, editing, (0.3, 0.5), (0.2, 0.5))
    np.testing.assert_array_equal(editing.session.x, x0)
    after = editing.plots.output_plot.viewRange()[0]
    assert after[0] > before[0] + 0.05  # dragged to the left: the view moved right


def test_right_click_removes_a_point(editing, qtbot):
    click(qtbot, editing, 0.5, 1.0, Qt.MouseButton.RightButton)
    np.testing.assert_array_equal(editing.session.x, [0.0, 1.0])
    np.testing.assert_array_equal(editing.session.y, [0.0, 0.0])


def test_select_then_delete_removes_it(editing, qtbot):
    click(qtbot, editing, 1.0, 0.0)
    assert editing.data_tools.editor.selected == 2
    # the selection ring is drawn on the point
    ring_x, ring_y = editing.data_tools.editor.selection_ring.getData()
    assert list(ring_x) == [1.0] and list(ring_y) == [0.0]
    qtbot.keyClick(editing.plots.canvas, Qt.Key.Key_Delete)
    np.testing.assert_array_equal(editing.session.x, [0.0, 0.5])


def test_last_point_cannot_be_removed(editing, qtbot):
    assert editing.session.set_data([0.5], [1.0], "one point")
    click(qtbot, editing, 0.5, 1.0, Qt.MouseButton.RightButton)
    np.testing.assert_array_equal(editing.session.x, [0.5])
    assert "at least one" in editing.statusBar().currentMessage()


def test_data_edit_pauses_training(editing, qtbot):
    editing.controller.play()
    assert editing.session.training_running
    click(qtbot, editing, 0.25, 0.5)
    assert not editing.session.training_running
    qtbot.waitUntil(lambda: not editing.controller.busy, timeout=5000)


def test_crosshair_still_follows_the_pointer_while_editing(editing, qtbot):
    for x in (0.2, 0.25, 0.3):  # the first move of a test only tells Qt where the pointer is
        qtbot.wait(MOVE_PAUSE_MS)
        qtbot.mouseMove(editing.plots.canvas.viewport(), pos=widget_pos(editing, x, 0.5))
    # within a screen pixel (~0.0035 in x at this size) of where the pointer is
    qtbot.waitUntil(lambda: any(f"x = <b>{v:.3f}</b>" in editing.plots.readout.text()
                                for v in np.arange(0.296, 0.3045, 0.001)), timeout=2000)
