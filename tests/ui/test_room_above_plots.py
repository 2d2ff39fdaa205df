"""In presentation mode the lesson's first hint takes at most two lines (one while the header wraps), with
the whole hint in its tooltip, and with it shown every plot of every one-input lesson is whole on a
1280x720 projector and a 1366x768 laptop: it wrapped to three lines and plot 3 lost its x axis."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from reluplay.presets import load_preset
from reluplay.teach.plain_words import try_hint
from reluplay.ui.features.plain_words import forget_shown_hints

ONE_INPUT_LESSONS = ["relu-in-action", "softplus-squiggle", "linear-in-disguise", "dead-unit", "leaky-vs-relu",
                     "universal-approximation", "step-by-step"]


@pytest.fixture(autouse=True)
def fresh_run():
    forget_shown_hints()  # as when the app has just started: the lesson's hint is shown
    yield
    forget_shown_hints()


def settle(window):
    for _ in range(4):
        QApplication.processEvents()
    window.plots.redraw_now()
    QApplication.processEvents()


def lines_of(label) -> int:
    return round(label.heightForWidth(label.width()) / QFontMetrics(label.font()).lineSpacing())


@pytest.mark.usefixtures("app_font")
def test_in_presentation_mode_the_hint_takes_two_lines_and_keeps_the_rest_in_its_tooltip(open_window, qtbot):
    lesson = load_preset("relu-in-action")
    window = open_window(lesson)
    window.resize(1280, 720)
    hint = window.first_hint
    full = try_hint(lesson.description)
    window.presentation.set_active(True)
    settle(window)
    assert hint.isVisible()
    assert lines_of(hint.label) <= 2
    assert hint.label.text().endswith("…") and full.startswith(hint.label.text()[:-1])
    assert hint.label.toolTip() == full  # the whole hint, for the teacher who points at it
    window.presentation.set_active(False)
    settle(window)
    assert hint.label.text() == full and hint.label.toolTip() == ""
    window.presentation.set_active(True)
    settle(window)
    qtbot.mouseClick(hint.close_button, Qt.MouseButton.LeftButton)  # still closes in F5
    assert not hint.isVisible()


@pytest.mark.usefixtures("app_font")
def test_while_the_header_wraps_the_hint_takes_one_line(open_window):
    window = open_window(load_preset("leaky-vs-relu"))  # "… (leaky slope 0.01 below 0)" wraps at 1280
    window.resize(1280, 720)
    window.presentation.set_active(True)
    settle(window)
    header = window.presentation.header
    header_lines = round(header.height() / QFontMetrics(header.font()).lineSpacing())
    assert header_lines == 2
    assert lines_of(window.first_hint.label) == 1


@pytest.mark.usefixtures("app_font")
@pytest.mark.parametrize(("size", "presenting"), [((1280, 720), False), ((1280, 720), True), ((1366, 768), True)],
                         ids=["1280x720", "1280x720-F5", "1366x768-F5"])
@pytest.mark.parametrize("lesson", ONE_INPUT_LESSONS)
def test_with_the_hint_shown_every_plot_is_whole(open_window, lesson, size, presenting):
    window = open_window(load_preset(lesson))
    window.resize(*size)
    if presenting:
        window.presentation.set_active(True)
    settle(window)
    assert window.first_hint.isVisible()
    assert (window.width(), window.height()) == size
    canvas = window.plots.canvas
    in_view = QRectF(0, 0, canvas.width(), canvas.height())
    for plot in window.plots.plots:
        assert in_view.contains(plot.sceneBoundingRect()), f"{plot.titleLabel.text!r} is cut off"
        assert plot.vb.sceneBoundingRect().height() >= 100, plot.titleLabel.text  # readable from the back
    session = window.session
    (x_lo, x_hi), (y_lo, y_hi) = window.plots.output_plot.viewRange()
    assert x_lo <= session.x.min() and session.x.max() <= x_hi
    assert y_lo <= np.min(session.y) and np.max(session.y) <= y_hi
