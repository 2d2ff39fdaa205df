"""The plain-words texts of the numbers panels (no Qt needed): names, kinks, dead units, ReLU′(0), gradcheck."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reluplay.core import Network, dead_units
from reluplay.presets import load_preset
from reluplay.teach import explain, walkthrough_x

ROOT = Path(__file__).resolve().parents[2]


def one_layer(w, b, out_w, act="relu", out_b=0.0):
    n = len(w)
    return Network([(np.reshape(w, (n, 1)), b, act), ([out_w], [out_b], "identity")])


def test_explain_imports_no_qt():
    code = ("import sys, reluplay.teach.explain, reluplay.teach.step_update\n"
            "print([m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')])\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)), cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


def test_numbers_read_like_a_class_writes_them():
    assert explain.fmt(-0.85) == "−0.85"
    assert explain.fmt(-0.0) == "0"
    assert explain.fmt(17.010000000000002) == "17.01"
    assert explain.fmt(123456.7) == "1.235e5"
    assert explain.fmt(None) == "—"
    assert explain.fmt_error(2.3e-9) == "2e−9"
    assert explain.fmt_error(0.0561) == "0.056"


def test_parameter_rows_name_every_parameter_once_in_the_editors_words():
    net = load_preset("relu-in-action").network
    rows = explain.parameter_rows(net)
    assert [r.name for r in rows] == ["w of A", "b of A", "w of B", "b of B", "output w of A", "output w of B",
                                      "output bias"]
    values = [float(net.params[r.index]) for r in rows]
    assert values == [1.7, -0.85, 12.6, 0.0, -40.8, 2.7, -16.0]
    assert [r.unit for r in rows] == [(0, 0), (0, 0), (0, 1), (0, 1), (0, 0), (0, 1), None]
    deep = Network.initialized([3, 2], seed=1)
    rows = explain.parameter_rows(deep)
    assert sorted(r.index for r in rows) == list(range(deep.params.size))
    names = [r.name for r in rows]
    assert "layer 1: w of C" in names and "layer 2: w from C to B′" in names and "layer 2: b of B′" in names
    assert names[-3:] == ["output w from A′", "output w from B′", "output bias"]


def test_kinks_are_listed_as_minus_b_over_w_and_no_kink_where_w_is_zero():
    net = one_layer([1.7, 0.0, 2.0], [-0.85, 0.3, -10.0], [1.0, 1.0, 1.0])
    lines = explain.kink_notes(net, (0.0, 1.0))
    assert lines[0] == "Unit A: kink at x = −b/w = −(−0.85) / 1.7 = 0.5"
    assert lines[1].startswith("Unit B: no kink (w = 0")
    assert lines[2].endswith("= 5 (outside the view)")
    assert explain.kink_notes(one_layer([1.0], [0.0], [1.0], act="tanh"), (0, 1)) == [
        "tanh is smooth: its units bend gently and have no kinks."]


def test_linear_pieces_are_counted_in_words():
    assert explain.pieces_note(load_preset("relu-in-action").network, (0.0, 1.0)).startswith(
        "The output is made of 4 linear pieces from x = 0 to 1")
    assert "one linear piece" in explain.pieces_note(load_preset("linear-in-disguise").network, (-4.0, 4.0))
    assert "curved" in explain.pieces_note(load_preset("softplus-squiggle").network, (0.0, 1.0))


def test_the_dead_unit_lesson_names_unit_c_and_says_why_it_stays_dead():
    preset = load_preset("dead-unit")
    notes = explain.dead_unit_notes(preset.network, preset.x)
    assert len(notes) == 1
    assert notes[0].startswith("Unit C is never active on any data point: its gradient is zero, so training can "
                               "never revive it — try Leaky ReLU or another initialisation.")
    assert "only left of x = −1.5, where there is no data" in notes[0]
    assert explain.dead_unit_notes(load_preset("relu-in-action").network, [0.0, 0.5, 1.0]) == []


def test_grad_at_zero_note_names_the_unit_and_the_point_on_its_kink():
    preset = load_preset("step-by-step")  # unit B: w = -0.4, b = 0.2, kink at x = 0.5, a data point
    notes = explain.grad_at_zero_notes(preset.network, preset.x, preset.y)
    assert notes[0] == ("Data point x = 0.5 sits exactly on unit B's kink (w·x + b = 0). ReLU has no slope there, "
                        "so backprop used your setting ReLU′(0) = 0 for it.")
    assert notes[-1].startswith("Another choice would change some gradient entries")
    moved = preset.network.copy()
    moved.layers[0].biases[1] = 0.21  # the kink moves off the data point
    assert explain.grad_at_zero_notes(moved, preset.x, preset.y) == []


def test_grad_at_zero_note_covers_the_output_unit():
    net = Network([([[1.0]], [0.0], "relu"), ([[1.0]], [-1.0], "relu")])  # output input is 0 at x = 1
    hits = explain.points_on_kinks(net, [1.0, 2.0])
    assert hits == [explain.KinkHit(1, 0, (1.0,))]
    assert "the output unit's kink" in explain.grad_at_zero_notes(net, [1.0, 2.0], [0.0, 1.0])[0]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-4, 4), min_size=2, max_size=4), st.lists(st.integers(-8, 8), min_size=4, max_size=4),
       st.lists(st.integers(-4, 4), min_size=1, max_size=6))
def test_grad_at_zero_note_appears_exactly_when_a_point_is_on_a_kink(weights, biases, quarter_points):
    n = len(weights)
    net = one_layer([w / 2 for w in weights], [b / 4 for b in biases[:n]], [1.0] * n)
    x = np.array(quarter_points, dtype=float) / 4
    on_kink = bool(np.any(net.forward(x).pre[0] == 0.0))
    assert bool(explain.grad_at_zero_notes(net, x, np.zeros_like(x))) == on_kink


def test_gradient_check_in_words():
    smooth = load_preset("universal-approximation")
    report = explain.gradient_check_report(smooth.network, smooth.x, smooth.y)
    assert report.agree and report.error < 1e-6
    assert report.message.startswith("Backprop and finite differences agree to 2e−8: the gradients are right.")
    kinked = load_preset("relu-in-action")
    report = explain.gradient_check_report(kinked.network, kinked.x, kinked.y)
    assert not report.agree and report.error == 1.0
    assert "disagree (largest relative error 1), and that is expected" in report.message
    assert "x = 0.5 on unit A's" in report.message and "x = 0 on unit B's" in report.message
    assert "ReLU′(0) = 0" in report.message
    smooth_at_optimum = load_preset("softplus-squiggle")  # no kink; some gradients near 0 (issue 9, item 11)
    report = explain.gradient_check_report(smooth_at_optimum.network, smooth_at_optimum.x, smooth_at_optimum.y)
    assert report.agree and report.error <= explain.AGREE_ERROR and "kink" not in report.message
    empty = explain.gradient_check_report(smooth.network, [], [])
    assert empty.error is None and "no data points" in empty.message


def test_gradient_check_explains_a_point_a_hair_from_a_kink():
    net = one_layer([1.0, 1.0], [-0.5 + 1e-9, 0.3], [1.0, 1.0])
    report = explain.gradient_check_report(net, [0.5, 1.0], [2.0, 0.0])
    assert not report.agree and "almost exactly on unit A's kink" in report.message


def test_gradient_check_refuses_a_network_too_big_for_the_window():
    from reluplay.core import MAX_HIDDEN_LAYERS, MAX_UNITS_PER_LAYER

    net = Network.initialized([MAX_UNITS_PER_LAYER] * MAX_HIDDEN_LAYERS, seed=0)  # the largest allowed
    report = explain.gradient_check_report(net, np.linspace(-1, 1, 100), np.zeros(100))
    assert report.error is None and "too big to check here" in report.message


def test_clicked_x_snaps_to_a_data_point_or_rounds():
    assert walkthrough_x.nice_x(0.4987, (-0.1, 1.1), [0.0, 0.5, 1.0]) == 0.5
    assert walkthrough_x.nice_x(0.4234, (-0.1, 1.1), [0.0, 0.5, 1.0]) == 0.42
    assert walkthrough_x.nice_x(-1.2345, (-4.5, 4.5)) == -1.2
    assert walkthrough_x.default_x([1.0, 0.0, 0.5], (0, 1)) == 0.5
    assert walkthrough_x.default_x([], (-2.0, 4.0)) == 1.0


def test_dead_units_match_the_core():
    preset = load_preset("linear-in-disguise")
    assert dead_units(preset.network, preset.x) == [0]
    assert explain.dead_unit_notes(preset.network, preset.x)[0].startswith("Unit A is never active")


@pytest.mark.parametrize("x, expected", [(0.5, "1.7 × 0.5 − 0.85 = 0"),
                                         (-0.25, "1.7 × (−0.25) − 0.85 = −1.275")])
def test_pre_activation_formula(x, expected):
    assert explain.pre_activation_formula(1.7, x, -0.85, 1.7 * x - 0.85) == expected
