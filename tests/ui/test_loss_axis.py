"""The loss plot's axis label clears its tick labels, and presentation mode gives it large type too."""
from __future__ import annotations

from PySide6.QtGui import QImage, QPainter


def drawn_tick_labels(axis):
    """The rects pyqtgraph draws the axis's tick labels in (as its paint() computes them)."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.setFont(axis.style["tickFont"])
    _, _, texts = axis.generateDrawSpecs(painter)
    painter.end()
    return [(rect, text) for rect, _, text in texts]


def assert_label_clears_ticks(qtbot, axis):
    qtbot.waitUntil(lambda: axis.width() == axis.minimumWidth())  # laid out as it will be drawn
    label = axis.label.mapRectToParent(axis.label.boundingRect())
    ticks = drawn_tick_labels(axis)
    assert len(ticks) >= 3  # the labels fit and are drawn, none dropped for lack of room
    for rect, text in ticks:
        assert rect.left() >= label.right(), f"'{axis.labelText}' overlaps the tick label {text}"


def train(window, qtbot, steps):
    with qtbot.waitSignal(window.controller.steps_completed, timeout=20_000):
        window.controller.step(steps)
    window.training_panel.refresh_progress()


def test_the_loss_axis_label_clears_its_tick_labels(sine_window, qtbot):
    train(sine_window, qtbot, 300)  # the loss falls over decades: log ticks like 10⁻²
    axis = sine_window.training_panel.loss_plot.getAxis("left")
    assert_label_clears_ticks(qtbot, axis)


def test_presentation_mode_makes_the_loss_plot_large_and_leaving_restores_it(sine_window, qtbot):
    panel = sine_window.training_panel
    train(sine_window, qtbot, 300)
    axis, bottom = panel.loss_plot.getAxis("left"), panel.loss_plot.getAxis("bottom")
    desk_tick = axis.style["tickFont"].pointSize()
    desk_label = axis.label.boundingRect().height()
    desk_pen = panel.loss_curve.opts["pen"].widthF()

    sine_window.presentation.action.trigger()
    assert axis.style["tickFont"].pointSize() >= 1.5 * desk_tick
    assert bottom.style["tickFont"].pointSize() >= 1.5 * desk_tick
    assert axis.label.boundingRect().height() > 1.3 * desk_label
    assert panel.loss_curve.opts["pen"].widthF() > desk_pen
    panel.refresh_progress()
    assert_label_clears_ticks(qtbot, axis)
    assert panel.loss_plot_widget.getPlotItem().width() <= panel.loss_plot_widget.width()  # nothing cut off

    sine_window.presentation.action.trigger()
    assert axis.style["tickFont"].pointSize() == desk_tick
    assert panel.loss_curve.opts["pen"].widthF() == desk_pen
    assert panel.loss_plot.titleLabel.isVisible() and "Loss during training" in panel.loss_plot.titleLabel.text
    assert_label_clears_ticks(qtbot, axis)
