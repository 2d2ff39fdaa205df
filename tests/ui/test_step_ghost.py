"""Issue 13 item 3: after each Step the previous curves stay as a faint ghost, with the kinks' moves marked."""
import numpy as np

from reluplay.presets import load_preset


def _kink_x(network, unit):
    layer = network.layers[0]
    return -layer.biases[unit] / layer.weights[unit, 0]


def test_a_step_leaves_a_ghost_of_the_curves_and_marks_each_kinks_move(open_window, qtbot):
    window = open_window(load_preset("step-by-step"))
    ghost = window.step_trace.ghost
    before = window.session.network.copy()
    assert not ghost.visible
    with qtbot.waitSignal(window.controller.steps_completed, timeout=10_000):
        window.shared_actions["step"].trigger()
    assert ghost.visible
    # The ghost is the network before the Step, on all three plots.
    xs, ys = ghost.output_ghost.getData()
    assert np.allclose(ys, before(xs))
    assert not np.allclose(ys, window.session.network(xs))
    assert ghost.unit_ghost.getData()[0].size and ghost.contribution_ghost.getData()[0].size
    # Each kink's move is drawn from its old x to its new x.
    after = window.session.network
    moves = ghost.kink_moves_shown()
    expected = [(_kink_x(before, u), _kink_x(after, u)) for u in range(2)]
    lo, hi = window.plots.unit_plot.viewRange()[0]
    expected = [m for m in expected if lo < m[0] < hi and lo < m[1] < hi]
    assert expected and np.allclose(sorted(moves), sorted(expected))
    # ...for about a second, then it is gone.
    qtbot.waitUntil(lambda: not ghost.visible, timeout=3_000)


def test_play_and_edits_leave_no_ghost(sine_window, qtbot):
    ghost = sine_window.step_trace.ghost
    with qtbot.waitSignal(sine_window.controller.steps_completed, timeout=10_000):
        sine_window.controller.step_once()
    assert ghost.visible
    sine_window.session.set_bias(0, 0, 0.3)  # the old curves are no longer the step before
    assert not ghost.visible
    sine_window.controller.play()
    qtbot.waitUntil(lambda: sine_window.session.step >= 20, timeout=10_000)
    sine_window.controller.pause()
    qtbot.waitUntil(lambda: not sine_window.controller.busy, timeout=10_000)
    assert not ghost.visible


def test_a_long_run_of_steps_leaves_no_ghost(sine_window, qtbot):
    with qtbot.waitSignal(sine_window.controller.steps_completed, timeout=10_000):
        sine_window.controller.step(200)  # as --train-steps does for a screenshot
    assert not sine_window.step_trace.ghost.visible


def test_the_ghost_can_be_turned_off(sine_window, qtbot):
    sine_window.step_trace.action.setChecked(False)
    with qtbot.waitSignal(sine_window.controller.steps_completed, timeout=10_000):
        sine_window.controller.step_once()
    assert not sine_window.step_trace.ghost.visible
