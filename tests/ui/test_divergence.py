"""Divergence: training pauses, the last finite network comes back, a banner says what to do."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from reluplay.core import Trainer


def test_divergence_pauses_restores_finite_parameters_and_explains(sine_window, qtbot):
    window, session = sine_window, sine_window.session
    session.set_training(optimizer="gd", learning_rate=1000.0)
    start = session.network.copy()
    reference = Trainer(start, session.x, session.y, session.settings)
    reference.step(10_000)
    assert reference.divergence is not None
    last_finite = reference.step_count
    qtbot.mouseClick(window.training_panel.buttons["play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not session.training_running and not window.controller.busy, timeout=10_000)
    assert session.step == last_finite
    assert np.all(np.isfinite(session.network.params))
    assert np.array_equal(session.network.params, reference.network.params)
    assert np.isfinite(session.loss())
    assert window.banner.isVisible()
    text = window.banner.text()
    assert f"step {last_finite + 1}" in text and "smaller learning rate" in text and "100" in text
    assert "Play" in window.shared_actions["play"].text()
    # History up to the last finite step is kept and exact.
    assert window.rewind.slider.maximum() == last_finite
    window.rewind.slider.setValue(last_finite - 10)
    again = Trainer(start, session.x, session.y, session.settings)
    again.step(last_finite - 10)
    assert np.array_equal(session.network.params, again.network.params)
    # "Lowest loss" goes back to where training did best, before it blew up.
    window.rewind.best_action.trigger()
    straight = Trainer(start, session.x, session.y, session.settings)
    losses = np.empty(last_finite)
    straight.step(last_finite, losses_out=losses)  # losses[k]: full-batch loss of the network at step k
    assert session.step == int(np.argmin(losses)) < last_finite
    assert np.isclose(session.loss(), losses.min(), rtol=1e-9)


def test_training_goes_on_with_a_smaller_learning_rate(sine_window, qtbot):
    # What the banner says: go back to the lowest loss, then train with a smaller rate. (The last
    # step before the blow-up is already far off: its weights are near the 1e12 a preset holds.)
    window, session = sine_window, sine_window.session
    session.set_training(optimizer="gd", learning_rate=1000.0)
    qtbot.mouseClick(window.training_panel.buttons["play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not session.training_running and not window.controller.busy, timeout=10_000)
    assert window.banner.isVisible()
    window.rewind.best_action.trigger()
    best_step, best_loss = session.step, session.loss()
    window.training_panel.learning_rate_spin.setValue(0.01)
    with qtbot.waitSignal(window.controller.steps_completed, timeout=10_000):
        qtbot.mouseClick(window.training_panel.buttons["step10"], Qt.MouseButton.LeftButton)
    assert session.step == best_step + 10
    assert np.all(np.isfinite(session.network.params)) and session.loss() < best_loss
    assert window.rewind.slider.maximum() == best_step + 10


def test_after_divergence_the_loss_plot_holds_only_the_steps_that_stand(sine_window, qtbot):
    window, session = sine_window, sine_window.session
    session.set_training(optimizer="gd", learning_rate=1000.0)
    reference = Trainer(session.network, session.x, session.y, session.settings)
    losses = np.empty(10_000)
    taken = reference.step(10_000, losses_out=losses)
    # Paced training takes one step per call: the step that diverges can undo the one before,
    # whose loss an earlier call already reported.
    window.controller.set_speed(5000)
    window.controller.play()
    qtbot.waitUntil(lambda: not session.training_running and not window.controller.busy, timeout=10_000)
    steps, recorded = session.loss_history.arrays()
    # One loss per step that stands, measured before its update: steps 0 .. last finite - 1.
    np.testing.assert_array_equal(steps, np.arange(session.step))
    np.testing.assert_array_equal(recorded, losses[:taken])
