"""The numbers panels: forward walkthrough at a clicked or typed x, the backward step, the gradient check."""
from __future__ import annotations

import time

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from reluplay.core import Network, Trainer
from reluplay.presets import load_preset
from reluplay.teach import explain
from reluplay.ui.panels.number_table import VALUE_ROLE


def dock_opener(open_window, dock, panel):
    def open_(preset):
        window = open_window(load_preset(preset) if isinstance(preset, str) else preset)
        getattr(window, dock).show()
        getattr(window, dock).raise_()
        return window, getattr(window, panel)
    return open_


@pytest.fixture
def forward(open_window):
    """forward(preset) -> (window, its walkthrough panel, on screen)."""
    return dock_opener(open_window, "walkthrough_dock", "walkthrough_panel")


@pytest.fixture
def backward(open_window):
    """backward(preset) -> (window, its backward-step panel, on screen)."""
    return dock_opener(open_window, "backward_dock", "backward_panel")


def click_plot(qtbot, window, plot, x, y=0.5):
    """A left click at data coordinates (x, y) of one of the three plots."""
    plots = window.plots
    view_pos = plots.canvas.mapFromScene(plot.vb.mapViewToScene(QPointF(x, y)))
    qtbot.mouseClick(plots.canvas.viewport(), Qt.MouseButton.LeftButton, pos=view_pos)


def assert_walkthrough_is_the_forward_pass(window, panel):
    """Every number in the table is the core's forward pass at the panel's x."""
    net = window.session.network
    run = net.forward([panel.x])
    model = panel.table_model
    last = len(net.layers) - 2
    n = net.layers[last].n_out
    assert model.headers[1:] == (["w·x + b"] if last == 0 else ["weighted input z"]) + [
        model.headers[2], "output w", "contribution", "running sum"]
    assert model.column_values(1)[:n] == run.pre[last][:, 0].tolist()
    assert model.column_values(2)[:n] == run.post[last][:, 0].tolist()
    out_w = net.output_layer.weights[0]
    assert model.column_values(3)[:n] == out_w.tolist()
    assert model.column_values(4)[:n] == pytest.approx((out_w * run.post[last][:, 0]).tolist(), rel=1e-15)
    assert model.column_values(5)[:n] == pytest.approx(np.cumsum(out_w * run.post[last][:, 0]).tolist(), rel=1e-12)
    bias_row, output_row = n, n + 1
    assert model.text(bias_row, 0) == "bias" and model.value(bias_row, 4) == net.output_layer.biases[0]
    assert model.value(bias_row, 5) == pytest.approx(run.pre[-1][0, 0], rel=1e-12, abs=1e-12)
    assert model.text(output_row, 0).startswith("output ŷ")
    assert model.row_texts(output_row)[1:5] == [""] * 4  # not under the hidden layer's activation heading
    assert model.value(output_row, 5) == run.output[0] == net([panel.x])[0]
    # What the view shows is what the model holds.
    index = model.index(output_row, 5)
    assert index.data(VALUE_ROLE) == run.output[0]


# --- forward walkthrough ------------------------------------------------------------------------------

def test_the_walkthrough_tells_the_dosage_story_at_the_middle_dose(forward):
    window, panel = forward("relu-in-action")
    assert panel.x == 0.5  # the middle data point
    assert_walkthrough_is_the_forward_pass(window, panel)
    model = panel.table_model
    assert [model.text(r, 0).strip() for r in range(model.rowCount())] == ["A", "B", "bias", "output ŷ = ReLU(sum)"]
    assert model.text(0, 1) == "1.7 × 0.5 − 0.85 = 0"  # unit A sits on its kink: off
    assert model.text(1, 1) == "12.6 × 0.5 + 0 = 6.3"
    assert model.row_texts(1)[2:] == ["6.3", "2.7", "17.01", "17.01"]
    assert model.row_style(0).muted and not model.row_style(1).muted
    assert model.row_style(0).colour == "#0072b2"  # unit A's blue, as in the editor and the plots
    assert model.text(2, 5) == "1.01" and model.text(3, 5) == "1.01"
    assert panel.output_label.text() == "ŷ(0.5) = 1.01"


def test_typing_an_x_recomputes_and_moves_the_marker(forward):
    window, panel = forward("relu-in-action")
    assert window.plots.marker_x() == 0.5
    panel.x_spin.setValue(0.8)
    assert panel.x == 0.8
    assert window.plots.marker_x() == 0.8
    assert_walkthrough_is_the_forward_pass(window, panel)
    assert panel.table_model.text(0, 1) == "1.7 × 0.8 − 0.85 = 0.51"


@pytest.mark.parametrize("which", ["unit_plot", "contribution_plot", "output_plot"])
def test_clicking_a_plot_picks_that_x_everywhere(forward, qtbot, which):
    window, panel = forward("relu-in-action")
    click_plot(qtbot, window, getattr(window.plots, which), 0.751)
    assert panel.x == 0.75  # rounded to the view's resolution
    assert window.plots.marker_x() == 0.75
    assert [line.value() for line in window.plots._markers] == [0.75] * 3
    assert panel.x_spin.value() == 0.75
    assert_walkthrough_is_the_forward_pass(window, panel)


def test_clicking_the_x_axis_and_near_a_data_point(forward, qtbot):
    window, panel = forward("relu-in-action")
    output_plot = window.plots.output_plot
    axis = output_plot.getAxis("bottom")
    below_the_plot = output_plot.vb.mapSceneToView(axis.sceneBoundingRect().center()).y()
    click_plot(qtbot, window, output_plot, 0.3, below_the_plot)
    assert panel.x == 0.3
    click_plot(qtbot, window, output_plot, 0.994)  # within a few pixels of the data point at x = 1
    assert panel.x == 1.0
    assert_walkthrough_is_the_forward_pass(window, panel)


def test_a_click_that_adds_a_data_point_does_not_move_x(forward, qtbot):
    window, panel = forward("relu-in-action")
    window.data_tools.editor.toggle_action.trigger()  # Data → Edit points on the plot
    click_plot(qtbot, window, window.plots.output_plot, 0.25, 0.8)
    assert window.session.x.size == 4  # the click added a point ...
    assert panel.x == 0.5 and window.plots.marker_x() == 0.5  # ... and left the walkthrough alone
    click_plot(qtbot, window, window.plots.unit_plot, 0.701)  # the other plots still pick x
    assert panel.x == 0.7


def test_the_new_keys_are_listed_in_help(relu_window):
    from reluplay.ui.features.shortcuts import describe, window_actions

    listed = dict(describe(a) for a in window_actions(relu_window))
    assert (listed["W"], listed["B"], listed["G"]) == ("Forward walkthrough", "Backward step", "Check gradients")


def test_the_marker_shows_only_while_the_walkthrough_is_open(forward, qtbot):
    window, panel = forward("relu-in-action")
    assert window.plots.marker_x() == 0.5
    window.walkthrough_dock.toggleViewAction().trigger()  # View → Forward walkthrough: close it
    assert not window.walkthrough_dock.isVisible()
    assert window.plots.marker_x() is None
    window.walkthrough_dock.toggleViewAction().trigger()
    assert window.plots.marker_x() == 0.5


def test_the_walkthrough_starts_hidden_and_does_not_mark_the_plots(relu_window):
    assert not relu_window.walkthrough_dock.isVisible() and not relu_window.backward_dock.isVisible()
    assert relu_window.plots.marker_x() is None
    assert "Walkthrough" in [a.iconText() for a in relu_window.toolbar.actions()]


def test_editing_a_weight_updates_the_walkthrough_at_once(forward):
    window, panel = forward("relu-in-action")
    window.editor.cards[0].bias.spin.setValue(-0.6)  # unit A switches on at x = 0.5
    assert panel.table_model.text(0, 1) == "1.7 × 0.5 − 0.6 = 0.25"
    assert_walkthrough_is_the_forward_pass(window, panel)


def test_the_walkthrough_follows_training_at_most_ten_times_a_second(open_window, sine_preset, qtbot):
    window = open_window(sine_preset)
    window.walkthrough_dock.show()
    panel = window.walkthrough_panel
    panel.refresh_count = 0
    started = time.monotonic()
    window.controller.play()
    # On a busy machine the first frames may come late: it must follow training all the same.
    qtbot.waitUntil(lambda: window.session.step > 100 and panel.refresh_count >= 1, timeout=10_000)
    window.controller.pause()
    elapsed = time.monotonic() - started
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=10_000)
    assert window.session.step > 100
    assert panel.refresh_count <= 10 * elapsed + 1  # at most ~10 refreshes a second
    qtbot.waitUntil(lambda: not panel.refresh_pending, timeout=2000)
    assert_walkthrough_is_the_forward_pass(window, panel)


def test_deeper_networks_show_the_last_layer_and_say_so(forward, qtbot):
    window, panel = forward("relu-in-action")
    qtbot.mouseClick(window.editor.add_layer_button, Qt.MouseButton.LeftButton)
    net = window.session.network
    assert net.sizes == [1, 2, 2, 1]
    assert not panel.layer_note.isHidden() and "the last hidden layer (layer 2)" in panel.layer_note.text()
    assert_walkthrough_is_the_forward_pass(window, panel)
    earlier = panel.earlier_model
    run = net.forward([panel.x])
    assert earlier.column_values(1) == run.pre[0][:, 0].tolist()
    assert earlier.column_values(2) == run.post[0][:, 0].tolist()
    assert earlier.text(0, 0).strip() == "layer 1 · A"


def test_kinks_pieces_and_dead_units_beside_the_walkthrough(forward):
    _, panel = forward("dead-unit")
    text = panel.shape_label.text()
    assert "Unit C: kink at x = −b/w = −(−1.5) / −1 = −1.5" in text
    assert "4 linear pieces" in text
    assert "Unit C is never active on any data point" in text


# --- backward step ------------------------------------------------------------------------------------

def test_the_gradient_table_is_network_gradient(backward):
    window, panel = backward("step-by-step")
    s = window.session
    _, grad = Network.gradient(s.network, s.x, s.y)
    model = panel.gradient_model
    assert model.headers == ["Parameter", "value", "gradient ∂L/∂p"]
    assert model.rowCount() == s.network.params.size
    assert model.row_texts(0)[0] == "w of A" and model.text(s.network.params.size - 1, 0) == "output bias"
    order = [0, 2, 1, 3, 4, 5, 6]  # w A, b A, w B, b B (flat: w A, w B, b A, b B), then the output layer
    assert model.column_values(1) == [s.network.params[i] for i in order]
    assert model.column_values(2) == [grad[i] for i in order]
    assert "MSE over all 5 data points" in panel.caption.text()


def test_after_a_step_the_update_shown_is_the_parameter_change(backward, qtbot):
    window, panel = backward("step-by-step")
    s = window.session
    before = s.network.params.copy()
    _, grad = s.network.gradient(s.x, s.y)
    with qtbot.waitSignal(window.controller.steps_completed, timeout=5000):
        window.shared_actions["step"].trigger()
    after = s.network.params.copy()
    assert not np.array_equal(before, after)
    assert panel.tabs.currentIndex() == 1 and not panel.update_table.isHidden()
    model = panel.update_model
    order = [r.index for r in explain.parameter_rows(s.network)]
    assert model.column_values(1) == before[order].tolist()  # old value
    assert model.column_values(2) == grad[order].tolist()  # the gradient the step used
    assert model.column_values(4) == (after - before)[order].tolist()  # the change applied
    assert model.column_values(5) == after[order].tolist()  # new value
    # Gradient descent: the change is −learning rate × gradient.
    assert np.allclose(model.column_values(3), (-0.2 * grad)[order], rtol=0, atol=1e-15)
    assert "Step 0 → 1, learning rate 0.2" in panel.update_caption.text()
    assert "Gradient descent: new value = old value − learning rate × gradient" in panel.update_caption.text()
    # The gradient table now shows the gradient for the next step.
    assert panel.gradient_model.column_values(2) == s.network.gradient(s.x, s.y)[1][order].tolist()


def test_adam_says_its_step_is_not_lr_times_gradient(backward, sine_preset, qtbot):
    window, panel = backward(sine_preset)  # Adam, full batch
    s = window.session
    for _ in range(2):  # the second step: Adam's running averages are no longer just this gradient
        with qtbot.waitSignal(window.controller.steps_completed, timeout=5000):
            window.controller.step(1)
    expected = Trainer(s.origin, s.x, s.y, s.settings)
    expected.step(1)
    old = expected.network.params.copy()
    expected.step(1)
    update = panel.last_update
    assert (update.first_step, update.last_step) == (1, 2)
    assert np.array_equal(update.old, old) and np.array_equal(update.new, expected.network.params)
    assert np.array_equal(update.change, expected.network.params - old)
    order = [r.index for r in explain.parameter_rows(s.network)]
    assert panel.update_model.column_values(4) == update.change[order].tolist()
    assert not np.allclose(update.change, update.scaled_gradient)
    assert "Adam does not step by learning rate × gradient" in panel.update_caption.text()


def test_step_ten_shows_the_total_change_of_ten_steps(backward, qtbot):
    window, panel = backward("step-by-step")
    s = window.session
    before = s.network.params.copy()
    with qtbot.waitSignal(window.controller.steps_completed, timeout=5000):
        window.shared_actions["step10"].trigger()
    assert (panel.last_update.first_step, panel.last_update.last_step) == (0, 10)
    assert panel.last_update.gradient is None
    assert np.array_equal(panel.last_update.change, s.network.params - before)
    assert panel.update_model.value(0, 2) is None and panel.update_model.text(0, 2) == ""
    assert "each of these 10 steps used its own gradient" in panel.update_caption.text()


def test_a_step_after_playing_is_measured_from_where_play_stopped(backward, qtbot):
    window, panel = backward("step-by-step")
    s = window.session
    window.controller.set_speed(None)  # the lesson's own pace (2 steps a second) is for a class
    window.controller.play()
    qtbot.waitUntil(lambda: s.step >= 30, timeout=10_000)
    with qtbot.waitSignal(window.controller.steps_completed, timeout=5000):
        window.controller.step(1)  # pauses, then one step
    expected = Trainer(s.origin, s.x, s.y, s.settings)
    expected.step(s.step - 1)
    assert panel.last_update.last_step == s.step and panel.last_update.n_steps == 1
    assert np.array_equal(panel.last_update.old, expected.network.params)
    expected.step(1)
    assert np.array_equal(panel.last_update.new, expected.network.params)


def test_an_edit_clears_the_last_update(backward, qtbot):
    window, panel = backward("step-by-step")
    with qtbot.waitSignal(window.controller.steps_completed, timeout=5000):
        window.controller.step(1)
    assert panel.last_update is not None
    window.editor.cards[0].bias.spin.setValue(0.3)
    assert panel.last_update is None and panel.update_table.isHidden()
    assert "Press <b>Step</b>" in panel.update_caption.text()


def test_relu_prime_at_zero_note_appears_exactly_when_a_point_is_on_a_kink(backward):
    window, panel = backward("step-by-step")
    assert "Data point x = 0.5 sits exactly on unit B's kink" in panel.notes_text()
    assert "ReLU′(0) = 0" in panel.notes_text()
    window.editor.cards[1].bias.spin.setValue(0.21)  # the kink leaves the data point
    assert "ReLU′(0)" not in panel.notes_text() and "kink" not in panel.notes_text()
    window.editor.cards[1].bias.spin.setValue(0.2)
    assert "unit B's kink" in panel.notes_text()


def test_check_gradients_from_the_training_menu(open_window, qtbot):
    window = open_window(load_preset("universal-approximation"))
    actions = {a.text(): a for a in window.menus["training"].actions()}
    actions["Check gradients"].trigger()
    panel = window.backward_panel
    assert window.backward_dock.isVisible()
    assert panel.check is not None and panel.check.agree
    assert "Backprop and finite differences agree to 2e−8: the gradients are right." in panel.check_text()


def test_check_gradients_explains_points_on_kinks(backward, qtbot):
    window, panel = backward("relu-in-action")
    qtbot.mouseClick(panel.check_button, Qt.MouseButton.LeftButton)
    assert not panel.check.agree
    assert "that is expected" in panel.check_text() and "x = 0.5 on unit A's" in panel.check_text()


def test_the_dead_unit_lesson_explains_unit_c(backward):
    window, panel = backward("dead-unit")
    assert "Unit C is never active on any data point: its gradient is zero, so training can never revive it" \
        in panel.notes_text()
    model = panel.gradient_model
    for name in ("w of C", "b of C", "output w of C"):
        r = model.find_row(name)
        assert model.value(r, 2) == 0.0 and model.row_style(r).muted
    assert not model.row_style(model.find_row("w of A")).muted


def test_minibatch_gradient_is_labelled_as_all_points(backward, sine_preset):
    window, panel = backward(sine_preset)
    window.session.set_training(optimizer="sgd", batch_size=5)
    assert "random batch of 5 of the 25 points" in panel.caption.text()
