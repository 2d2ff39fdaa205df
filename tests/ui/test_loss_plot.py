"""The loss plot while a class steps through training: every step is a visible point."""
import numpy as np
from PySide6.QtCore import Qt

from reluplay.core import Trainer


def test_each_step_adds_a_point_from_the_start_to_now(sine_window, qtbot):
    session, panel = sine_window.session, sine_window.training_panel
    expected = Trainer(session.network, session.x, session.y, session.settings)
    losses = [expected.loss()]
    for _ in range(3):
        with qtbot.waitSignal(sine_window.controller.steps_completed, timeout=5000):
            qtbot.mouseClick(panel.buttons["step"], Qt.MouseButton.LeftButton)
        expected.step(1)
        losses.append(expected.loss())
    panel.refresh_progress()
    steps, shown = panel.loss_curve.getData()
    np.testing.assert_array_equal(steps, [0.0, 1.0, 2.0, 3.0])
    np.testing.assert_allclose(shown, np.log10(losses), rtol=1e-12)  # the plot is in log scale
    assert panel.loss_curve.opts["symbol"] == "o"  # few points: each one drawn as a dot
