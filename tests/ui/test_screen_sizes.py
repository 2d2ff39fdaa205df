"""Every plot whole and showing all the lesson's data on a 1280x720 projector and a 1366x768
laptop, in the normal window and in presentation mode; F5 twice gives back the same window."""
import numpy as np
import pytest
from PySide6.QtCore import QPoint, QRect, QRectF, Qt
from PySide6.QtWidgets import QApplication

from reluplay.presets import load_preset

#: Below this a plot's view box is too small to read from the back of a room.
USABLE_WIDTH, USABLE_HEIGHT = 180, 120


def settle(window):
    for _ in range(4):
        QApplication.processEvents()
    window.plots.redraw_now()
    QApplication.processEvents()


@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "F5"])
@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)], ids=["1280x720", "1366x768"])
@pytest.mark.parametrize("lesson", ["relu-in-action", "universal-approximation"])
def test_every_plot_is_whole_and_shows_all_the_data(open_window, size, presenting, lesson):
    window = open_window(load_preset(lesson))
    window.resize(*size)
    if presenting:
        window.presentation.set_active(True)
    settle(window)
    hint = window.minimumSizeHint()
    assert hint.width() <= 1280 and hint.height() <= 720
    assert (window.width(), window.height()) == size  # nothing made the window grow past the screen
    canvas = window.plots.canvas
    view = QRectF(0, 0, canvas.width(), canvas.height())
    session = window.session
    for plot in window.plots.plots:
        box = plot.vb.sceneBoundingRect()
        whole = plot.sceneBoundingRect()
        assert view.contains(whole), f"{plot.titleLabel.text!r} at {whole} is cut off in {view}"
        assert box.width() >= USABLE_WIDTH and box.height() >= USABLE_HEIGHT, (plot.titleLabel.text, box)
        (x_lo, x_hi), _ = plot.viewRange()
        assert x_lo <= session.x.min() and session.x.max() <= x_hi
    _, (y_lo, y_hi) = window.plots.output_plot.viewRange()
    assert y_lo <= np.min(session.y) and np.max(session.y) <= y_hi


def test_a_long_title_is_shortened_to_its_plot_not_cut_off(open_window):
    window = open_window(load_preset("relu-in-action"))
    window.resize(1280, 720)
    settle(window)
    title = window.plots.output_plot.titleLabel
    assert title.text.endswith("…") and title.text.startswith("3. ")
    shown = title.mapRectToScene(title.item.mapRectToParent(title.item.boundingRect()))
    assert QRectF(0, 0, window.plots.canvas.width(), window.plots.canvas.height()).contains(shown)


def test_presentation_mode_twice_gives_back_the_exact_geometry(relu_window):
    relu_window.resize(1280, 720)
    settle(relu_window)
    before = relu_window.geometry()
    relu_window.presentation.action.trigger()
    settle(relu_window)
    relu_window.presentation.action.trigger()
    settle(relu_window)
    assert relu_window.geometry() == before


def test_presentation_header_names_the_lesson_and_the_network(relu_window):
    relu_window.presentation.set_active(True)
    header = relu_window.presentation.header
    assert header.isVisible()
    assert "ReLU in action" in header.text() and "2 ReLU units → ReLU output" in header.text()
    relu_window.presentation.set_active(False)
    assert not header.isVisible()


def test_presentation_mode_enlarges_the_status_numbers_and_banner(relu_window):
    desk = relu_window.status_pieces.font().pointSizeF()
    banner = relu_window.banner.font().pointSizeF()
    relu_window.presentation.set_active(True)
    assert relu_window.status_pieces.font().pointSizeF() >= 1.5 * desk
    assert relu_window.banner.font().pointSizeF() >= 1.5 * banner
    relu_window.presentation.set_active(False)
    assert relu_window.status_pieces.font().pointSizeF() == desk


def test_page_down_steps_forward_and_page_up_steps_back(qtbot, relu_window):
    relu_window.presentation.set_active(True)
    relu_window.plots.canvas.setFocus()
    qtbot.keyClick(relu_window.plots.canvas, Qt.Key.Key_PageDown)
    qtbot.waitUntil(lambda: relu_window.session.step == 1, timeout=10_000)
    qtbot.keyClick(relu_window.plots.canvas, Qt.Key.Key_PageUp)
    qtbot.waitUntil(lambda: relu_window.session.step == 0, timeout=10_000)


def test_space_plays_after_a_speed_was_picked(qtbot, relu_window):
    combo = relu_window.training_panel.speed_combo
    combo.setFocus()
    combo.activated.emit(0)  # what picking an entry from the list sends
    assert not combo.hasFocus()
    qtbot.keyClick(relu_window, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: relu_window.session.training_running, timeout=10_000)
    relu_window.controller.pause()


def test_the_divergence_banner_in_presentation_mode_names_no_hidden_control(relu_window):
    from reluplay.teach.divergence import explain_divergence

    relu_window.presentation.set_active(True)
    relu_window.show_banner(explain_divergence(9, "diverged at step 3: the loss is inf. The last finite state", 5.0))
    assert "F5" in relu_window.banner.text()


@pytest.mark.usefixtures("app_font")  # the app's real type size: what fits is what the class sees
@pytest.mark.parametrize("presenting", [False, True], ids=["normal", "F5"])
@pytest.mark.parametrize("lesson", ["relu-in-action", "universal-approximation"])
def test_on_a_projector_plot_3_gets_the_most_height_and_every_plot_stays_whole(open_window, presenting, lesson):
    window = open_window(load_preset(lesson))
    window.resize(1280, 720)
    if presenting:
        window.presentation.set_active(True)
    settle(window)
    unit, contribution, output = (plot.vb.sceneBoundingRect().height() for plot in window.plots.plots)
    loss_plot = window.training_panel.loss_plot
    loss = loss_plot.vb.sceneBoundingRect().height()
    assert output >= max(unit, contribution, loss), (unit, contribution, output, loss)
    assert min(unit, contribution) >= USABLE_HEIGHT
    canvas = window.plots.canvas
    in_view = QRectF(0, 0, canvas.width(), canvas.height())
    session = window.session
    for plot in window.plots.plots:
        assert in_view.contains(plot.sceneBoundingRect()), plot.titleLabel.text
        (x_lo, x_hi), _ = plot.viewRange()
        assert x_lo <= session.x.min() and session.x.max() <= x_hi
    _, (y_lo, y_hi) = window.plots.output_plot.viewRange()
    assert y_lo <= np.min(session.y) and np.max(session.y) <= y_hi
    # The loss plot, title and axes, lies wholly inside the training panel's visible part.
    widget = window.training_panel.loss_plot_widget
    scroller = window.training_panel.parentWidget()  # the scroll area's viewport
    shown = QRect(widget.mapTo(scroller, QPoint(0, 0)), widget.size())
    assert QRect(QPoint(0, 0), scroller.size()).contains(shown), (shown, scroller.size())
    assert QRectF(0, 0, widget.width(), widget.height()).contains(loss_plot.sceneBoundingRect())
    assert loss > 0
