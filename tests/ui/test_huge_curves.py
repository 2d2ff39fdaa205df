"""Curves far beyond the view are clipped before Qt draws them: no frozen window."""
from __future__ import annotations

import json
import os
import subprocess
import sys

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from reluplay.ui.plots.curve_bundle import clip_polyline

RECT = (-1.0, -2.0, 1.0, 2.0)  # x0, y0, x1, y1


def on_segment(point, a, b) -> bool:
    """``point`` lies on the segment a-b (to rounding, relative to the segment's size)."""
    (px, py), (ax, ay), (bx, by) = point, a, b
    cross = (bx - ax) * (py - ay) - (by - ay) * (px - ax)
    scale = max(abs(bx - ax), abs(by - ay)) * max(abs(bx - ax), abs(by - ay), 1.0)
    return abs(cross) <= 1e-12 * scale and min(ax, bx) <= px <= max(ax, bx) and min(ay, by) <= py <= max(ay, by)


def test_a_curve_inside_the_view_is_left_as_it_is():
    x, y = np.linspace(-1, 1, 50), np.sin(np.linspace(-1, 1, 50))
    [(cx, cy)] = clip_polyline(x, y, RECT)
    assert cx is x and cy is y


def test_a_segment_towards_1e15_is_cut_at_the_border_on_the_same_line():
    x, y = np.array([-0.5, -0.4, -0.3]), np.array([0.0, 0.0, 1e15])
    [(cx, cy)] = clip_polyline(x, y, RECT)
    assert list(cx[:2]) == [-0.5, -0.4] and list(cy[:2]) == [0.0, 0.0]
    assert cy[2] == 2.0  # on the top border
    assert on_segment((cx[2], cy[2]), (-0.4, 0.0), (-0.3, 1e15))


def test_a_segment_crossing_the_whole_view_keeps_only_its_middle():
    x, y = np.array([-0.5, 0.5]), np.array([-1e15, 1e15])
    [(cx, cy)] = clip_polyline(x, y, RECT)
    assert list(cy) == [-2.0, 2.0]
    assert cx[0] == pytest.approx(0.0, abs=1e-12) and cx[1] == pytest.approx(0.0, abs=1e-12)


def test_leaving_and_coming_back_gives_two_pieces_and_outside_gives_none():
    x = np.array([-0.8, -0.6, -0.4, 0.0, 0.4, 0.6])
    y = np.array([0.0, 1.0, 10.0, 10.0, 1.0, 0.0])
    pieces = clip_polyline(x, y, RECT)
    assert len(pieces) == 2
    (ax, ay), (bx, by) = pieces
    assert list(ax[:2]) == [-0.8, -0.6] and ay[-1] == 2.0 and list(bx[-2:]) == [0.4, 0.6] and by[0] == 2.0
    assert on_segment((ax[-1], ay[-1]), (-0.6, 1.0), (-0.4, 10.0))
    assert on_segment((bx[0], by[0]), (0.0, 10.0), (0.4, 1.0))
    assert clip_polyline(np.array([-0.5, 0.5]), np.array([5.0, 1e300]), RECT) == []


def test_a_non_finite_point_breaks_the_line():
    x = np.array([-0.5, -0.25, 0.0, 0.25, 0.5])
    y = np.array([0.0, 0.5, np.nan, 0.5, 0.0])
    pieces = clip_polyline(x, y, RECT)
    assert [list(px) for px, _ in pieces] == [[-0.5, -0.25], [0.25, 0.5]]


def exploding_lesson(path):
    """7 ReLU units, a sine, gradient descent at learning rate 1000: two steps put a dead unit's
    dashed contribution near 1e15 while the view is 3 high (issue 9, item 5)."""
    x = np.linspace(-1.0, 1.0, 40)
    preset = {
        "format": "reluplay-preset", "schema_version": 1, "name": "Blow-up",
        "network": {"layers": [
            {"activation": "relu",
             "weights": [[0.001739699561950655], [0.42248999084291833], [-0.387689473013122],
                         [-1.25948705690933], [-0.643001590804674], [-1.4024000071565546],
                         [0.08505589848327522]],
             "biases": [-0.0011176818774932004, -0.251017720466326, -0.024862562468317598,
                        -0.49615621810383176, -0.28494536780154933, -0.6875417840562896,
                        0.009343168302344147]},
            {"activation": "identity",
             "weights": [[-0.014625911231636745, 0.3476515972291439, -0.672107273642541,
                          -0.22880788052010909, -0.950611369900422, -0.644768869892488,
                          -0.9208675188958662]],
             "biases": [0.0]}]},
        "data": {"x": x.tolist(), "y": np.sin(np.pi * x).tolist()},
        "training": {"optimizer": "gd", "learning_rate": 1000.0, "batch_size": None},
        "view": {"x_range": [-1.2, 1.2], "y_range": [-1.5, 1.5]},
    }
    path.write_text(json.dumps(preset))
    return path


def test_two_exploding_steps_are_drawn_in_bounded_time(tmp_path):
    lesson = exploding_lesson(tmp_path / "blow-up.json")
    out = tmp_path / "s.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    try:
        result = subprocess.run([sys.executable, "-m", "reluplay", "--screenshot", str(out), "--train-steps", "2",
                                 str(lesson)], capture_output=True, text=True, timeout=60, env=env)
    except subprocess.TimeoutExpired:
        pytest.fail("the window froze drawing the exploded curves (no screenshot after 60 s)")
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0


def test_random_polylines_clip_to_pieces_on_the_line_that_cover_all_that_shows():
    rng = np.random.default_rng(9)
    for _ in range(100):
        m = int(rng.integers(2, 30))
        x = np.sort(rng.uniform(-3.0, 3.0, m))
        y = rng.normal(0.0, 3.0, m) * 10.0 ** rng.integers(0, 16)
        pieces = clip_polyline(x, y, RECT)
        slope = np.max(np.abs(np.diff(y) / np.diff(x)))
        for px, py in pieces:
            assert np.all((px >= -1) & (px <= 1) & (py >= -2) & (py <= 2))
            assert np.all(np.abs(np.interp(px, x, y) - py) <= 1e-9 * max(1.0, slope))  # on the line
        dense_x = np.linspace(x[0], x[-1], 2000)
        dense_y = np.interp(dense_x, x, y)
        shows = (np.abs(dense_x) <= 1) & (np.abs(dense_y) <= 2)
        covered = np.zeros(dense_x.size, dtype=bool)
        for px, _ in pieces:
            covered |= (dense_x >= px.min() - 1e-12) & (dense_x <= px.max() + 1e-12)
        assert np.all(covered[shows])


def test_the_exploding_lesson_pauses_with_the_divergence_banner_and_stays_saveable(open_window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtCore import Qt

    from reluplay.core.training import MAX_TRAINED_PARAMETER
    from reluplay.presets import load_preset

    window = open_window(load_preset(exploding_lesson(tmp_path / "blow-up.json")))
    session = window.session
    qtbot.mouseClick(window.training_panel.buttons["step10"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.banner.isVisible() and not window.controller.busy, timeout=10_000)
    assert "1e12" in window.banner.text() and "smaller learning rate" in window.banner.text()
    assert session.step < 10 and np.max(np.abs(session.network.params)) <= MAX_TRAINED_PARAMETER
    window.plots.redraw_now()
    saved = tmp_path / "after.json"
    # Save asks which network the lesson starts from: the trained one here.
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Yes)
    assert window.files.save_to(saved)  # what training left can be saved and opened again
    assert load_preset(saved).network.same_as(session.network)
