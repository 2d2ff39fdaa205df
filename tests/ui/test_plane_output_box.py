"""The output view shows exactly the lesson's box, at its true shape, as large as the space allows."""
from __future__ import annotations

import pytest

from reluplay.presets import load_preset
from tests.ui.plane_lessons import three_class_lesson


def _plane_pixels(view):
    size = view.plot.vb.size()
    return size.width(), size.height()


def _shows_exactly_the_box(qtbot, window):
    view, session = window.plane.output, window.session
    (a, b), (c, d) = session.view.x_range, session.view.x2_range

    def fitted():
        w, h = _plane_pixels(view)
        return abs(h / w - (d - c) / (b - a)) < 0.02

    qtbot.waitUntil(fitted)
    (x0, x1), (y0, y1) = view.plot.vb.viewRange()
    assert (x0, x1) == pytest.approx((a, b), abs=1e-9) and (y0, y1) == pytest.approx((c, d), abs=1e-9)
    for points in (session.x, session.test_x):
        pts = points.reshape(-1, 2)
        assert ((pts[:, 0] >= a) & (pts[:, 0] <= b) & (pts[:, 1] >= c) & (pts[:, 1] <= d)).all()


@pytest.mark.parametrize("size", [(1280, 720), (1366, 768), (1600, 1000)])
def test_the_spiral_fills_its_view_with_exactly_its_box(open_window, qtbot, size):
    window = open_window(load_preset("spiral"))
    window.resize(*size)
    _shows_exactly_the_box(qtbot, window)
    view = window.plane.output
    side = min(_plane_pixels(view))
    # As large as the view allows: its narrower side, less the axes and the colour bar's room.
    assert side >= min(view.width(), view.height()) - 130
    if size == (1280, 720):
        assert side >= 300  # it was 218 pixels, with x2 from -10 to 10 above and below the box


def test_three_classes_have_no_colour_bar_and_the_box_fills_the_view(open_window, qtbot):
    window = open_window(three_class_lesson())
    window.resize(1280, 720)
    _shows_exactly_the_box(qtbot, window)
    assert window.plane.output.colour_bar is None
