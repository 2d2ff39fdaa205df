"""When training stops, the plane shows the last frame's network everywhere: regions, status, test loss."""
from __future__ import annotations

import numpy as np

from reluplay.core.regions import linear_regions
from tests.ui.plane_lessons import xor_lesson


def _edges(window) -> np.ndarray:
    x, y = window.plane.output.edges.getData()
    return np.column_stack([x, y])


def test_after_the_last_step_the_regions_and_test_loss_are_those_of_the_last_network(open_window, qtbot):
    window = open_window(xor_lesson(units=4))
    session = window.session
    with qtbot.waitSignal(window.controller.steps_completed, timeout=20000):
        window.controller.step(40)
    # No waiting for the status bar's own pace (200 ms): the last frame asked for its numbers.
    assert window.two_inputs.wait()
    assert session.step == 40
    expected = linear_regions(session.network, session.view.x_range, session.view.x2_range)
    np.testing.assert_array_equal(_edges(window), expected.edges)
    assert window.plane.regions.count == expected.count
    assert f"Linear regions: {expected.count}" in window.two_inputs.status_regions.text()
    label = window.data_tools.held_out.loss_label.text()
    assert f"Test loss: {session.test_loss():.4g}" in label
    assert window.plane.redraw_count and np.array_equal(
        window.plane.sample.output[0], window.plane.output.values[0])


def test_pausing_play_draws_the_paused_network_s_regions(open_window, qtbot):
    window = open_window(xor_lesson(units=4))
    session, controller = window.session, window.controller
    controller.set_speed(None)
    controller.play()
    qtbot.waitUntil(lambda: session.step >= 30, timeout=20000)
    controller.pause()
    qtbot.waitUntil(lambda: not controller.busy, timeout=10000)
    assert window.two_inputs.wait()
    expected = linear_regions(session.network, session.view.x_range, session.view.x2_range)
    np.testing.assert_array_equal(_edges(window), expected.edges)
