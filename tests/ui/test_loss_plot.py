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


def test_the_loss_plot_keeps_every_point_in_view_while_training(sine_window, qtbot):
    panel = sine_window.training_panel
    sine_window.controller.play()
    qtbot.waitUntil(lambda: sine_window.session.step >= 2000, timeout=20_000)
    sine_window.controller.pause()
    qtbot.waitUntil(lambda: not sine_window.controller.busy, timeout=10_000)
    panel.refresh_progress()
    steps, shown = panel.loss_curve.getData()
    (x0, x1), (y0, y1) = panel.loss_plot.getViewBox().viewRange()
    assert x0 <= steps.min() and steps.max() <= x1
    assert y0 <= shown.min() and shown.max() <= y1
    assert steps.max() > 0.4 * x1  # and the curve fills the plot, not a corner of it
