"""Tick labels never run into each other, however short a plot is (the loss plot in presentation
mode at 1280x720 gets ~65 px and stacked "0.0006", "0.0005", "0.0004" on top of each other)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF, QImage, QPainter
from PySide6.QtWidgets import QApplication

from reluplay.presets import load_preset
from reluplay.ui.plots.readable_axis import LABEL_GAP


def label_boxes(axis) -> list[tuple[QRectF, str]]:
    """The boxes of the tick labels the axis draws: where pyqtgraph puts them, as tall and as wide as the
    font really draws them (pyqtgraph itself reckons with 0.8 of the height)."""
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    painter.setFont(axis.style["tickFont"])
    _, _, texts = axis.generateDrawSpecs(painter)
    painter.end()
    metrics = QFontMetricsF(axis.style["tickFont"])
    boxes = []
    for rect, _, text in texts:
        width, height = metrics.horizontalAdvance(text), metrics.height()
        box = QRectF(0, 0, width, height)
        box.moveCenter(rect.center())
        boxes.append((box, text))
    return boxes


def assert_apart(axis, where: str) -> None:
    boxes = label_boxes(axis)
    assert boxes, f"{where}: no tick label at all"
    vertical = axis.orientation in ("left", "right")
    key = (lambda b: b[0].center().y()) if vertical else (lambda b: b[0].center().x())
    boxes.sort(key=key)
    for (a, text_a), (b, text_b) in zip(boxes, boxes[1:]):
        assert not a.intersects(b), f"{where}: '{text_a}' and '{text_b}' overlap ({a}, {b})"
        if vertical:  # and 1.3 times their ink's height apart
            metrics = QFontMetricsF(axis.style["tickFont"])
            ink = max(metrics.tightBoundingRect(text_a).height(), metrics.tightBoundingRect(text_b).height())
            assert key((b, "")) - key((a, "")) >= LABEL_GAP * ink - 0.5, (where, text_a, text_b)


def settle(window):
    for _ in range(4):
        QApplication.processEvents()
    window.plots.redraw_now()
    window.training_panel.refresh_progress()
    QApplication.processEvents()


LESSONS = ["relu-in-action", "softplus-squiggle", "linear-in-disguise", "universal-approximation"]


@pytest.mark.usefixtures("app_font")
@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "F5"])
@pytest.mark.parametrize("lesson", LESSONS)
def test_the_tick_labels_of_every_plot_stay_apart_at_1280x720(open_window, lesson, presenting):
    window = open_window(load_preset(lesson))
    window.resize(1280, 720)
    if presenting:
        window.presentation.set_active(True)
    settle(window)
    mode = "F5" if presenting else "normal"
    loss = window.training_panel.loss_plot
    for plot in (loss, *window.plots.plots):
        for side in ("left", "bottom"):
            assert_apart(plot.getAxis(side), f"{lesson} {mode}: {plot.titleLabel.text or 'loss plot'} {side}")


@pytest.mark.usefixtures("app_font")
def test_a_trained_loss_on_a_log_scale_keeps_its_labels_apart_in_presentation_mode(open_window, qtbot):
    window = open_window(load_preset("universal-approximation"))
    window.resize(1280, 720)
    window.presentation.set_active(True)
    with qtbot.waitSignal(window.controller.steps_completed, timeout=20_000):
        window.controller.step(300)  # the loss falls over decades
    settle(window)
    assert_apart(window.training_panel.loss_plot.getAxis("left"), "trained loss, F5")
