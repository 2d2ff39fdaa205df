"""The editor shows and edits every weight the preset format allows, and never changes one the user did not touch."""
from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtWidgets import QDoubleSpinBox

from reluplay.presets import load_preset
from reluplay.presets.limits import MAX_ABS_PARAMETER


def lesson_with_weight(value: float):
    preset = load_preset("relu-in-action")
    network = preset.network.copy()
    network.layers[0].weights[0, 0] = value
    network.layers[0].biases[1] = -value
    return replace(preset, network=network)


@pytest.mark.parametrize("value", [50_000.0, 1e11, -MAX_ABS_PARAMETER])
def test_a_large_weight_is_shown_exactly_and_left_alone(open_window, value):
    window = open_window(lesson_with_weight(value))
    weight, bias = window.editor.cards[0].weights[0], window.editor.cards[1].bias
    window.editor.refresh_values()
    assert weight.spin.value() == value and bias.spin.value() == -value
    assert weight.spin.text() == (f"{value:.3f}" if abs(value) < 1e6 else f"{value:.0f}")
    # The whole number fits in the box, and the slider has room around it (up to the format's limit).
    assert weight.spin.lineEdit().width() >= weight.spin.fontMetrics().horizontalAdvance(weight.spin.text())
    assert abs(weight.slider.value()) < weight.slider.maximum() or abs(value) == MAX_ABS_PARAMETER
    session = window.session
    assert session.network.layers[0].weights[0, 0] == value and session.network.layers[0].biases[1] == -value
    assert not session.dirty and window.undo_stack.count() == 0


def test_one_step_down_from_50000_gives_49999_9(open_window):
    window = open_window(lesson_with_weight(50_000.0))
    weight = window.editor.cards[0].weights[0]
    weight.spin.stepDown()
    assert window.session.network.layers[0].weights[0, 0] == pytest.approx(49_999.9, abs=1e-9)
    assert weight.spin.text() == "49999.900"
    window.undo_action.trigger()
    assert window.session.network.layers[0].weights[0, 0] == 50_000.0


def test_typing_beyond_the_format_limit_is_held_at_the_limit(open_window):
    window = open_window(lesson_with_weight(1.0))
    weight = window.editor.cards[0].weights[0]
    weight.spin.lineEdit().setText("5000000000000")
    weight.spin.interpretText()
    assert abs(window.session.network.layers[0].weights[0, 0]) <= MAX_ABS_PARAMETER


def test_everyday_weights_keep_their_compact_spin_box(relu_window):
    reference = QDoubleSpinBox()
    reference.setDecimals(3)
    reference.setRange(-10_000, 10_000)
    spin = relu_window.editor.cards[0].weights[0].spin
    assert spin.sizeHint().width() == reference.sizeHint().width()


def test_big_trained_values_fit_in_their_boxes(open_window, qtbot):
    from reluplay.core import Network
    from reluplay.ui import palette

    network = Network.initialized([7], "relu", seed=7)
    network.set_params(network.params * -1.0520381426117934e9)  # where lr 1000 takes it in two steps
    window = open_window(replace(load_preset("universal-approximation"), network=network))
    window.setFont(palette.font(palette.APP_POINT_SIZE))  # the app's font (launch.make_application)
    window.editor.refresh_values()
    spins = [control.spin for card in window.editor.cards
             for control in (*card.weights, card.bias, card.output_weight)]

    def cut_off() -> list[str]:
        return [spin.text() for spin in spins
                if spin.lineEdit().width() < spin.fontMetrics().horizontalAdvance(spin.text())]

    qtbot.waitUntil(lambda: spins[0].font().pointSizeF() == palette.APP_POINT_SIZE)
    qtbot.waitUntil(lambda: not cut_off(), timeout=3000)
