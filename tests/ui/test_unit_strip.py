"""Presentation mode's units strip: what a lesson asks the class to try, with the editor hidden."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QLabel

from reluplay.presets import load_preset


def test_unit_strip_in_presentation_mode_edits_through_the_session(relu_window, qtbot):
    window = relu_window
    strip = window.unit_strip
    assert not strip.bar.isVisible()

    window.presentation.action.trigger()  # F5
    qtbot.waitUntil(lambda: strip.bar.isVisible())
    shown = [c for c in strip.units if c.isVisible()]
    assert [c.letter.text() for c in shown] == ["A", "B"]
    assert [c.spins["bias"].value() for c in shown] == [-0.85, 0.0]
    assert window.training_panel.buttons["step10"].isVisible()

    shown[0].spins["bias"].setValue(0.25)  # what typing a number and Enter ends with
    assert window.session.network.layers[0].biases[0] == 0.25
    window.session.set_bias(0, 1, -0.5)  # the strip follows the session
    qtbot.waitUntil(lambda: shown[1].spins["bias"].value() == -0.5)

    window.presentation.action.trigger()
    qtbot.waitUntil(lambda: not window.presentation.active)
    assert not strip.bar.isVisible()



def test_plus_and_minus_unit_in_presentation_mode(relu_window, qtbot):
    """A lesson's "add units" with the editor hidden: + Unit adds one, − Unit removes the highlighted (else last)."""
    window = relu_window
    strip, session = window.unit_strip, window.session
    window.presentation.action.trigger()
    qtbot.waitUntil(lambda: strip.add_button.isVisible() and strip.remove_button.isVisible())

    strip.add_button.click()
    assert session.network.hidden_layers[0].n_out == 3
    qtbot.waitUntil(lambda: [c.letter.text() for c in strip.units if c.isVisible()] == ["C"])  # its page
    assert len(window.plots.unit_curves) == 3
    window.undo_action.trigger()  # one undo step
    assert session.network.hidden_layers[0].n_out == 2

    strip.add_button.click()
    window.unit_focus.toggle_pin((0, 0))  # unit A pinned: − Unit removes A, not the last
    qtbot.waitUntil(lambda: "Remove unit A" in strip.remove_button.toolTip())
    strip.remove_button.click()
    assert list(session.network.hidden_layers[0].weights[:, 0]) == [12.6, 1.0]  # B and the new unit
    strip.remove_button.click()  # nothing highlighted now: the last unit goes
    assert list(session.network.hidden_layers[0].weights[:, 0]) == [12.6]
    qtbot.waitUntil(lambda: not strip.remove_button.isEnabled())  # a layer keeps one unit


@pytest.mark.parametrize("lesson", ["universal-approximation", "leaky-vs-relu"])
def test_the_strip_fits_a_1280_wide_projector(open_window, qtbot, lesson):
    """Every control of the strip is whole and none covers another, at 1280 × 720 in F5 (16 units: the
    page buttons too; a leaky layer: the Leaky slope box too)."""
    window = open_window(load_preset(lesson))
    window.resize(1280, 720)
    window.presentation.action.trigger()
    strip = window.unit_strip
    qtbot.waitUntil(lambda: strip.bar.isVisible() and window.width() <= 1280)
    leaves = [w for c in strip.units for w in (c.letter, *c.findChildren(QLabel), *c.spins.values())]
    shown = [w for w in (*leaves, strip.previous_button, strip.next_button, strip.add_button,
                         strip.remove_button, strip.slope_label, strip.slope_spin, strip.grad_combo) if w.isVisible()]
    assert strip.add_button in shown and strip.grad_combo in shown and strip.next_button in shown
    spans = sorted({(w.mapTo(window, QPoint(0, 0)).x(), w.width()) for w in shown})
    assert spans[0][0] >= 0 and spans[-1][0] + spans[-1][1] <= window.width()
    for (x, width), (next_x, _) in zip(spans, spans[1:]):
        assert x + width <= next_x, (x, width, next_x)


def test_unit_strip_shows_a_two_input_units_w1_w2_bias_and_each_class_output_weight(open_window, qtbot):
    from tests.ui.plane_lessons import three_class_lesson

    window = open_window(three_class_lesson())
    strip = window.unit_strip
    window.presentation.action.trigger()
    qtbot.waitUntil(lambda: strip.bar.isVisible())
    net = window.session.network
    first = strip.units[0]
    shown = [(label.text(), spin.value()) for label, spin in [*first.weights, first.bias, *first.outputs]
             if spin.isVisible()]
    expected = [("w1", net.layers[0].weights[0, 0]), ("w2", net.layers[0].weights[0, 1]),
                ("b", net.layers[0].biases[0])] + [(f"out {o}", net.layers[1].weights[o, 0]) for o in range(3)]
    assert [name for name, _ in shown] == [name for name, _ in expected]
    assert [value for _, value in shown] == pytest.approx([round(v, 2) for _, v in expected])
    assert all(spin.isEnabled() for _, spin in first.weights[:2])
    assert not strip.units[1].isVisible()  # one unit at a time: six boxes fill a projector's width

    first.weights[1][1].setValue(0.75)  # w2 of unit A
    assert window.session.network.layers[0].weights[0, 1] == 0.75
    first.outputs[2][1].setValue(-1.25)  # A's weight into class 2
    assert window.session.network.layers[1].weights[2, 0] == -1.25
    strip.next_button.click()
    assert strip.units[0].letter.text() == "B"
    window.presentation.action.trigger()
    qtbot.waitUntil(lambda: not window.presentation.active)


def test_every_class_has_its_own_editable_output_bias(open_window):
    from tests.ui.plane_lessons import three_class_lesson

    window = open_window(three_class_lesson())
    biases = window.editor.output_biases
    assert [c.isVisible() for c in biases] == [True, True, True]
    for o, control in enumerate(biases):
        control.spin.setValue(0.5 * (o + 1))
    assert list(window.session.network.output_layer.biases) == [0.5, 1.0, 1.5]
    window.session.set_output_bias(-2.0, 1)
    assert biases[1].spin.value() == -2.0
