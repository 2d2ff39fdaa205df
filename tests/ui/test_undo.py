"""Undo and redo of edits to the network, the training settings and the data."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.ControlModifier):
    window.activateWindow()
    window.plots.setFocus()
    qtbot.keyClick(window.plots, key, modifiers)


def test_ctrl_z_restores_the_previous_network_exactly_and_ctrl_shift_z_reapplies(sine_window, qtbot):
    window, session = sine_window, sine_window.session
    before = session.network.params.copy()
    window.editor.cards[2].bias.spin.setValue(0.75)
    after = session.network.params.copy()
    assert not np.array_equal(before, after)
    press(qtbot, window, Qt.Key.Key_Z)
    assert np.array_equal(session.network.params, before)
    window.editor.refresh_values()
    assert window.editor.cards[2].bias.value() == before_bias(session, 2)
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert np.array_equal(session.network.params, after)
    window.editor.refresh_values()
    assert window.editor.cards[2].bias.value() == 0.75
    assert "bias" in window.undo_action.text().lower()


def before_bias(session, unit):
    return float(session.network.layers[0].biases[unit])


def test_a_slider_drag_is_one_undo_step(sine_window):
    window, session = sine_window, sine_window.session
    before = session.network.params.copy()
    slider = window.editor.cards[0].bias.slider
    count = window.undo_stack.count()
    slider.setSliderDown(True)
    for position in range(0, 400, 8):  # 50 values, like a mouse drag
        slider.setValue(position)
    slider.setSliderDown(False)
    assert window.undo_stack.count() == count + 1
    assert not np.array_equal(session.network.params, before)
    window.undo_action.trigger()
    assert np.array_equal(session.network.params, before)


def test_structural_edits_and_activation_changes_undo(sine_window, qtbot):
    window, session = sine_window, sine_window.session
    original = session.network.copy()
    qtbot.mouseClick(window.editor.add_unit_button, Qt.MouseButton.LeftButton)
    assert session.network.sizes != original.sizes
    session.set_activation(0, "tanh")
    window.undo_action.trigger()
    assert session.network.layers[0].activation == original.layers[0].activation
    window.undo_action.trigger()
    assert session.network.sizes == original.sizes
    assert np.array_equal(session.network.params, original.params)
    assert len(window.editor.cards) == original.sizes[1]  # the editor shows the old network again
    window.redo_action.trigger()
    assert session.network.sizes[1] == original.sizes[1] + 1


def test_randomize_undo(sine_window, qtbot):
    window, session = sine_window, sine_window.session
    before = session.network.params.copy()
    qtbot.mouseClick(window.editor.randomize_button, Qt.MouseButton.LeftButton)
    assert not np.array_equal(session.network.params, before)
    window.undo_action.trigger()
    assert np.array_equal(session.network.params, before)


def test_training_settings_undo_and_the_panel_shows_it(sine_window):
    window, session = sine_window, sine_window.session
    old_rate = session.settings.learning_rate
    window.training_panel.learning_rate_spin.setValue(0.5)
    assert session.settings.learning_rate == 0.5
    window.undo_action.trigger()
    assert session.settings.learning_rate == old_rate
    assert window.training_panel.learning_rate_spin.value() == old_rate
    window.redo_action.trigger()
    assert session.settings.learning_rate == 0.5


def test_data_edits_undo(sine_window):
    window, session = sine_window, sine_window.session
    x, y = session.x.copy(), session.y.copy()
    assert session.set_data(x[:5], y[:5] + 1.0, "edit data")
    window.undo_action.trigger()
    assert np.array_equal(session.x, x) and np.array_equal(session.y, y)


def test_undo_after_training_returns_to_the_network_before_the_edit(sine_window, qtbot):
    window, session = sine_window, sine_window.session
    window.editor.cards[1].bias.spin.setValue(0.3)
    with qtbot.waitSignal(window.controller.steps_completed, timeout=10_000):
        window.controller.step(25)
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=10_000)
    trained = session.network.params.copy()
    window.editor.cards[1].bias.spin.setValue(-0.4)
    window.undo_action.trigger()
    assert np.array_equal(session.network.params, trained)  # the trained network, before this edit
    assert session.step == 25
