"""Training in the background (its own process, relayed by the worker thread), seen through the window's controls."""
from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QCoreApplication, Qt

from reluplay.core import Trainer


def wait_idle(qtbot, window, timeout=10_000):
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=timeout)


def test_play_then_pause_reduces_the_loss_and_moves_the_plots(sine_window, qtbot):
    session, plots = sine_window.session, sine_window.plots
    start_loss = session.loss()
    plots.redraw_now()
    _, output_before = plots.output_curve.getData()
    output_before = np.array(output_before)
    qtbot.mouseClick(sine_window.training_panel.buttons["play"], Qt.MouseButton.LeftButton)
    assert session.training_running
    assert "Pause" in sine_window.shared_actions["play"].text()
    qtbot.waitUntil(lambda: session.step >= 300, timeout=10_000)
    qtbot.mouseClick(sine_window.training_panel.buttons["play"], Qt.MouseButton.LeftButton)  # Pause
    assert not session.training_running
    wait_idle(qtbot, sine_window)
    assert session.loss() < 0.5 * start_loss
    plots.redraw_now()
    x, output = plots.output_curve.getData()
    assert not np.allclose(output, output_before)
    assert np.allclose(output, session.network(x))
    # The editor and the big counters follow the trained numbers.
    sine_window.editor.refresh_values()
    assert sine_window.editor.cards[0].bias.value() == session.network.layers[0].biases[0]
    sine_window.training_panel.refresh_progress()
    assert sine_window.training_panel.step_label.text() == f"{session.step:,}"
    steps, losses = session.loss_history.arrays()
    # Past its capacity the log keeps every 2nd (4th, ...) step: the last kept one is within a stride.
    stride = session.loss_history.stride
    assert steps[0] == 0 and session.step - 1 - stride < steps[-1] <= session.step - 1 and losses[-1] < losses[0]


def test_step_is_exactly_one_core_step(sine_window, qtbot):
    session = sine_window.session
    expected = Trainer(session.network, session.x, session.y, session.settings)
    with qtbot.waitSignal(sine_window.controller.steps_completed, timeout=5000):
        qtbot.mouseClick(sine_window.training_panel.buttons["step"], Qt.MouseButton.LeftButton)
    expected.step(1)
    assert session.step == 1
    assert np.array_equal(session.network.params, expected.network.params)
    # The next Steps continue the same trainer (Adam's moments, SGD's shuffle), not a fresh one.
    with qtbot.waitSignal(sine_window.controller.steps_completed, timeout=5000):
        qtbot.mouseClick(sine_window.training_panel.buttons["step10"], Qt.MouseButton.LeftButton)
    expected.step(10)
    assert session.step == 11
    assert np.array_equal(session.network.params, expected.network.params)


def test_sgd_steps_follow_the_core_mini_batches(sine_window, qtbot):
    session = sine_window.session
    session.set_training(optimizer="sgd", batch_size=4, learning_rate=0.05)
    expected = Trainer(session.network, session.x, session.y, session.settings)
    for _ in range(3):
        with qtbot.waitSignal(sine_window.controller.steps_completed, timeout=5000):
            sine_window.controller.step_once()
    expected.step(3)
    assert np.array_equal(session.network.params, expected.network.params)


def test_reset_returns_to_the_same_parameters(sine_window, qtbot):
    session = sine_window.session
    start = session.network.params.copy()
    with qtbot.waitSignal(sine_window.controller.steps_completed, timeout=5000):
        sine_window.controller.step(10)
    assert not np.array_equal(session.network.params, start)
    qtbot.mouseClick(sine_window.training_panel.buttons["reset"], Qt.MouseButton.LeftButton)
    assert np.array_equal(session.network.params, start)
    assert session.step == 0 and len(session.loss_history) == 0
    # And training from there retraces the same path.
    with qtbot.waitSignal(sine_window.controller.steps_completed, timeout=5000):
        sine_window.controller.step(10)
    expected = Trainer(sine_window.session.origin, session.x, session.y, session.settings)
    expected.step(10)
    assert np.array_equal(session.network.params, expected.network.params)


def test_editing_a_weight_while_training_pauses_and_keeps_the_edit(sine_window, qtbot):
    session = sine_window.session
    sine_window.controller.play()
    qtbot.waitUntil(lambda: session.step >= 50, timeout=10_000)
    sine_window.editor.cards[0].bias.spin.setValue(0.375)
    assert not session.training_running
    wait_idle(qtbot, sine_window)
    QCoreApplication.processEvents()  # any frame still in flight would arrive now
    assert session.network.layers[0].biases[0] == 0.375
    assert session.step == 0  # the edit starts a new training run from the edited network


def test_changing_the_learning_rate_while_training_applies_to_the_running_training(sine_window, qtbot):
    session = sine_window.session
    sine_window.controller.play()
    qtbot.waitUntil(lambda: session.step >= 50, timeout=10_000)
    sine_window.training_panel.learning_rate_spin.setValue(0.02)
    assert session.settings.learning_rate == 0.02
    assert session.training_running
    reached = session.step
    qtbot.waitUntil(lambda: session.step >= reached + 50, timeout=10_000)
    sine_window.controller.pause()
    wait_idle(qtbot, sine_window)


def test_slow_speed_takes_about_one_step_per_tick(sine_window, qtbot):
    session = sine_window.session
    sine_window.training_panel.speed_combo.setCurrentIndex(3)  # 10 steps / second
    assert sine_window.controller.speed == 10
    started = time.monotonic()
    sine_window.controller.play()
    qtbot.waitUntil(lambda: session.step >= 4, timeout=10_000)
    elapsed = time.monotonic() - started
    sine_window.controller.pause()
    wait_idle(qtbot, sine_window)
    # Flat out, 4 steps take well under a millisecond; at 10 steps a second they cannot come
    # sooner than ~0.3 s (a slow machine only makes it later).
    assert elapsed >= 0.25


def test_divergence_pauses_and_keeps_finite_parameters(sine_window, qtbot):
    session = sine_window.session
    session.set_training(optimizer="sgd", learning_rate=1000.0)
    with qtbot.waitSignal(sine_window.controller.stopped_with_message, timeout=10_000) as blocker:
        sine_window.controller.play()
    assert "diverged" in blocker.args[0]
    wait_idle(qtbot, sine_window)
    assert np.isfinite(session.network.params).all()
    assert not session.training_running
    assert sine_window.banner.isVisibleTo(sine_window)


def test_closing_during_training_leaves_no_thread_running(sine_window, qtbot, qthreads):
    sine_window.controller.play()
    qtbot.waitUntil(lambda: sine_window.session.step >= 20, timeout=10_000)
    thread = sine_window.controller._thread
    assert thread.isRunning()
    sine_window.close()
    assert not thread.isRunning()
    assert qthreads.running() == []


def test_a_failing_worker_reports_instead_of_crashing(open_window, sine_preset, qtbot, monkeypatch):
    def broken_step(self, n=1):
        raise RuntimeError("boom")

    monkeypatch.setenv("RELUPLAY_TRAINING", "thread")  # the patch below reaches this process only
    window = open_window(sine_preset)
    monkeypatch.setattr(Trainer, "step", broken_step)
    with qtbot.waitSignal(window.controller.stopped_with_message, timeout=5000) as blocker:
        window.controller.step_once()
    assert "boom" in blocker.args[0]
    wait_idle(qtbot, window)
