"""Rewind: the history slider shows exactly what the trainer had at any earlier step."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from reluplay.core import Trainer

STEPS = 300


def train_steps(qtbot, window, n):
    with qtbot.waitSignal(window.controller.steps_completed, timeout=20_000):
        window.controller.step(n)
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=10_000)


def reference_params(session_like, steps):
    """Parameters a straight core run had after each of ``steps`` (a dict step -> params)."""
    network, x, y, settings = session_like
    trainer = Trainer(network, x, y, settings)
    wanted, out = sorted(set(steps)), {}
    for step in wanted:
        trainer.step(step - trainer.step_count)
        out[step] = trainer.network.params.copy()
    return out


def start_of(window):
    s = window.session
    return s.network.copy(), s.x.copy(), s.y.copy(), s.settings


@pytest.mark.parametrize("settings", [
    dict(optimizer="gd", learning_rate=0.05),
    dict(optimizer="sgd", learning_rate=0.05, batch_size=4),
    dict(optimizer="adam", learning_rate=0.01),
], ids=["gd", "shuffled-sgd", "adam"])
def test_scrubbing_back_gives_the_parameters_of_that_step_bit_for_bit(sine_window, qtbot, settings):
    window = sine_window
    window.session.set_training(**settings)
    start = start_of(window)
    train_steps(qtbot, window, STEPS)
    slider = window.rewind.slider
    assert window.session.step == STEPS
    assert (slider.minimum(), slider.maximum(), slider.value()) == (0, STEPS, STEPS)
    checks = [0, 1, 63, 64, 65, 137, 299, STEPS, 12]
    expected = reference_params(start, checks)
    for k in checks:
        slider.setValue(k)
        assert window.session.step == k
        assert np.array_equal(window.session.network.params, expected[k]), f"step {k}"
    window.training_panel.refresh_progress()
    assert window.training_panel.step_label.text() == "12"
    assert "Step 12 of 300" in window.rewind.position_label.text()


def test_step_from_a_rewound_step_continues_exactly_and_drops_the_later_branch(sine_window, qtbot):
    window = sine_window
    window.session.set_training(optimizer="sgd", learning_rate=0.05, batch_size=4)
    start = start_of(window)
    train_steps(qtbot, window, 200)
    window.rewind.slider.setValue(90)
    qtbot.mouseClick(window.training_panel.buttons["step10"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.step == 100 and not window.controller.busy, timeout=10_000)
    expected = reference_params(start, [100, 50])
    # The same shuffle order and state as the straight run: not a fresh trainer.
    assert np.array_equal(window.session.network.params, expected[100])
    assert window.rewind.slider.maximum() == 100  # steps 101..200 of the old branch are gone
    steps, _ = window.session.loss_history.arrays()
    assert steps[-1] == 99 and np.all(np.diff(steps) > 0)
    window.rewind.slider.setValue(50)  # the kept part is still exact
    assert np.array_equal(window.session.network.params, expected[50])


def test_play_from_a_rewound_step_trains_on_from_there(sine_window, qtbot):
    window = sine_window
    train_steps(qtbot, window, 150)
    window.rewind.slider.setValue(40)
    loss_at_40 = window.session.loss()
    qtbot.mouseClick(window.training_panel.buttons["play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.session.step >= 60, timeout=10_000)
    qtbot.mouseClick(window.training_panel.buttons["play"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=10_000)
    assert window.session.loss() < loss_at_40
    window.rewind.refresh()
    assert window.rewind.slider.maximum() == window.session.step  # a new branch from step 40


def test_left_arrow_steps_back_one_step_in_history(sine_window, qtbot):
    window = sine_window
    start = start_of(window)
    train_steps(qtbot, window, 30)
    expected = reference_params(start, [29, 28])
    window.activateWindow()
    window.plots.setFocus()
    qtbot.keyClick(window.plots, Qt.Key.Key_Left)
    assert window.session.step == 29
    assert np.array_equal(window.session.network.params, expected[29])
    qtbot.keyClick(window.plots, Qt.Key.Key_Left)
    assert window.session.step == 28
    assert np.array_equal(window.session.network.params, expected[28])


def test_an_edit_starts_a_new_history(sine_window, qtbot):
    window = sine_window
    train_steps(qtbot, window, 20)
    assert window.rewind.slider.isEnabled()
    window.editor.cards[0].bias.spin.setValue(0.25)
    assert window.session.step == 0
    assert not window.rewind.slider.isEnabled()
    assert "No training yet" in window.rewind.position_label.text()
