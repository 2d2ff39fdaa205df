"""Presentation mode's units strip: what a lesson asks the class to try, with the editor hidden."""
from __future__ import annotations


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
