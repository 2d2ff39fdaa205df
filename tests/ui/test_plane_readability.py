"""What a class at the back of the room sees of a two-input lesson: points stand out, the status bar fits."""
from __future__ import annotations

import numpy as np
from PySide6.QtGui import QColor

from reluplay.ui.plots.plane import colours
from reluplay.ui.plots.plane.output_view import CLASSIFICATION, OutputView
from tests.ui.plane_lessons import three_class_lesson, xor_lesson


def _lightness(rgb) -> int:
    return QColor(*[int(c) for c in rgb[:3]]).lightness()


def test_class_points_are_darker_than_their_own_classs_background(qtbot):
    view = OutputView()
    qtbot.addWidget(view)
    view.set_task(CLASSIFICATION, 2)
    lut = view.table.rgba
    point_0, point_1 = (QColor(c) for c in colours.TWO_CLASS_COLOURS)
    # p = 0 (class 0's region) and p = 1 (class 1's): paler than the points drawn on them.
    assert _lightness(lut[0]) >= point_0.lightness() + 40
    assert _lightness(lut[-1]) >= point_1.lightness() + 40
    sure = np.zeros((3, 4, 4))
    sure[2] = 1.0  # every cell certainly class 2
    rgba = colours.winning_class_image(sure, colours.BACKGROUND_PALER)
    assert _lightness(rgba[0, 0]) >= QColor(colours.CLASS_COLOURS[2]).lightness() + 40


def test_presentation_mode_keeps_the_plane_status_numbers_whole(open_window, qtbot):
    window = open_window(xor_lesson())
    window.resize(1280, 720)
    window.presentation.action.trigger()
    qtbot.waitUntil(lambda: window.presentation.active)
    assert not window.status_loss.isVisible()  # the training panel shows it in large type
    for label in (window.two_inputs.status_regions, window.two_inputs.status_accuracy, window.status_dead):
        qtbot.waitUntil(lambda label=label: label.width() >= label.sizeHint().width())
    window.presentation.action.trigger()
    qtbot.waitUntil(lambda: not window.presentation.active)
    assert window.status_loss.isVisible()


def test_a_one_input_lesson_keeps_its_loss_in_the_status_bar_in_presentation(relu_window, qtbot):
    relu_window.presentation.action.trigger()
    qtbot.waitUntil(lambda: relu_window.presentation.active)
    assert relu_window.status_loss.isVisible()
    relu_window.presentation.action.trigger()


def test_three_class_lesson_is_drawn_pale_behind_its_points(open_window, qtbot):
    window = open_window(three_class_lesson())
    qtbot.waitUntil(lambda: window.plane.output.values is not None and window.plane.output.values.shape[0] == 3)
    darkest = min(_lightness(px) for px in window.plane.output.image.rgba().reshape(-1, 4)[::97])
    assert darkest >= min(QColor(c).lightness() for c in colours.CLASS_COLOURS[:3]) + 30


def test_presentation_mode_enlarges_the_plane_views_and_gives_them_back(open_window, qtbot):
    window = open_window(xor_lesson())
    plane = window.plane
    ticks = plane.output.plot.getAxis("bottom")

    def sizes():
        return (plane.outlines.font().pointSize(), ticks.style["tickFont"].pointSize(),
                plane.output.boundary.opts["pen"].widthF())

    normal = sizes()
    window.presentation.action.trigger()
    qtbot.waitUntil(lambda: window.presentation.active)
    enlarged = sizes()
    assert all(big > small for big, small in zip(enlarged, normal))  # type, ticks and boundary, for the back row
    window.presentation.action.trigger()
    qtbot.waitUntil(lambda: not window.presentation.active)
    assert sizes() == normal


def test_in_presentation_mode_the_unit_letters_leave_small_heatmaps_visible(open_window, qtbot):
    from reluplay.presets import load_preset
    from reluplay.ui.plots.plane.unit_heatmaps import LETTER_MAX_SHARE

    window = open_window(load_preset("bumps"))  # 16 units: small tiles at a projector's 1280 × 720
    window.resize(1280, 720)
    window.presentation.action.trigger()
    qtbot.waitUntil(lambda: window.presentation.active)
    tiles = window.plane.units.tiles
    assert len(tiles) == 16

    def letters_fit() -> bool:
        window.plane.redraw_now()
        return all(t.letter.textItem.font().pointSize() <= round(LETTER_MAX_SHARE * t.view.sceneBoundingRect().height() * 0.75)
                   for t in tiles)

    qtbot.waitUntil(letters_fit)
    window.presentation.action.trigger()
    qtbot.waitUntil(lambda: not window.presentation.active)
