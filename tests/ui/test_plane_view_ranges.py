"""Issue 12 item 5: on the plane, view.x_range and view.y_range are the box (x1's and x2's ranges); a
regression's colour scale follows its data instead of a range in the file."""
from __future__ import annotations

import json

import numpy as np
import pytest

from reluplay.presets import load_preset
from tests.ui.plane_lessons import plane_regression_lesson, with_view


def _levels(window, qtbot):
    plane = window.plane
    qtbot.waitUntil(lambda: plane.redraw_count > 0 and plane.output.levels is not None)
    return tuple(plane.output.levels)


def test_a_regression_colour_scale_is_the_data_range_symmetric_about_zero(open_window, qtbot):
    lesson = plane_regression_lesson()  # heights (x1 + x2) / 10, between about -1.2 and 1.2
    lesson = with_view(lesson, y_range=(-30.0, 30.0))  # not a colour scale: ignored
    window = open_window(lesson)
    lo, hi = _levels(window, qtbot)
    assert lo == -hi and 0.9 < hi <= np.max(np.abs(lesson.y))
    assert tuple(window.plane.output.colour_bar.levels()) == (lo, hi)


def test_one_outlier_does_not_wash_out_the_colours(open_window, qtbot):
    lesson = plane_regression_lesson()
    rng = np.random.default_rng(3)
    lesson.x = rng.uniform(-6.0, 6.0, size=(300, 2))
    lesson.y = rng.uniform(0.0, 2.0, size=300)  # all positive: the scale starts near 0, not at -max
    lesson.y[0] = 500.0
    lo, hi = _levels(open_window(lesson), qtbot)
    assert 0.0 <= lo < 0.2 and 1.8 < hi < 10.0


def test_saving_a_plane_lesson_keeps_its_box_and_colours(open_window, qtbot, tmp_path):
    lesson = with_view(plane_regression_lesson(), x_range=(-5.0, 5.0), x2_range=(-4.0, 3.0))
    window = open_window(lesson)
    window.session.set_palette("projector")
    assert window.files.save_to(tmp_path / "plane.json")
    view = json.loads((tmp_path / "plane.json").read_text())["view"]
    assert view["x_range"] == [-5.0, 5.0] and view["y_range"] == [-4.0, 3.0] and "x2_range" not in view
    assert view["palette"] == "projector"
    back = load_preset(str(tmp_path / "plane.json"))
    assert (back.view.x_range, back.view.x2_range) == ((-5.0, 5.0), (-4.0, 3.0))


@pytest.mark.parametrize("palette", ["projector"])
def test_saving_a_line_lesson_keeps_its_palette(open_window, qtbot, tmp_path, palette):
    window = open_window(load_preset("relu-in-action"))
    window.session.set_palette(palette)
    assert window.files.save_to(tmp_path / "line.json")
    assert json.loads((tmp_path / "line.json").read_text())["view"]["palette"] == palette
