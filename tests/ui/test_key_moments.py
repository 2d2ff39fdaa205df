"""Plots that show the key moments (issue 13, item 6)."""
from __future__ import annotations

import numpy as np
import pytest

from reluplay.core import linear_pieces
from reluplay.presets import load_preset


def relu(z):
    return np.maximum(z, 0.0)


def test_with_an_output_relu_plot_3_draws_the_sum_before_it(relu_window):
    plots = relu_window.plots
    plots.redraw_now()
    assert "then ReLU = network output" in plots.output_plot.titleLabel.text
    moments = plots.key_moments
    assert moments.sum_curve.isVisible()
    x, total = moments.sum_curve.getData()
    expected = -40.8 * relu(1.7 * x - 0.85) + 2.7 * relu(12.6 * x) - 16.0
    assert np.allclose(total, expected)
    assert total.min() < -10  # the part the output ReLU clips away
    _, output = plots.output_curve.getData()
    assert np.allclose(output, relu(expected))
    assert moments.sum_curve.opts["pen"].style() != 1  # dashed, not solid (Qt.SolidLine == 1)
    relu_window.session.set_output_activation("identity")
    plots.redraw_now()
    assert not moments.sum_curve.isVisible()
    assert plots.output_plot.titleLabel.text.startswith("3. Sum + output bias = network output")


def test_kink_lines_run_through_all_three_plots(relu_window):
    plots = relu_window.plots
    action = relu_window.unit_focus.kink_lines_action
    assert action in relu_window.menus["view"].actions()
    assert plots.key_moments.kink_line_positions(2) == []
    action.setChecked(True)
    for index in range(3):
        assert sorted(plots.key_moments.kink_line_positions(index)) == pytest.approx([0.0, 0.5], abs=1e-9)
    action.setChecked(False)
    assert plots.key_moments.kink_line_positions(1) == []


def test_shading_marks_each_linear_piece_of_the_output(relu_window):
    plots = relu_window.plots
    relu_window.unit_focus.pieces_action.setChecked(True)
    edges = plots.key_moments.piece_edges()
    lo, hi = plots.unit_plot.viewRange()[0]
    assert edges.size - 1 == linear_pieces(relu_window.session.network, lo, hi)
    assert edges[0] == pytest.approx(lo) and edges[-1] == pytest.approx(hi)
    relu_window.unit_focus.pieces_action.setChecked(False)
    assert plots.key_moments.piece_edges().size == 0


@pytest.mark.parametrize("activation", ["tanh", "elu", "identity"])
def test_a_new_activation_refits_the_heights(relu_window, activation):
    plots = relu_window.plots
    relu_window.session.set_activation(0, activation)
    plots.redraw_now()
    for plot, curves in ((plots.unit_plot, plots.unit_curves), (plots.contribution_plot, plots.contribution_curves),
                         (plots.output_plot, [plots.output_curve])):
        values = np.concatenate([c.getData()[1] for c in curves])
        y0, y1 = plot.viewRange()[1]
        assert y0 <= values.min() and values.max() <= y1, (plot, activation)
        assert (y1 - y0) < 3 * max(values.max() - values.min(), 1.0)


def test_units_that_coincide_are_told_apart(open_window):
    window = open_window(load_preset("linear-in-disguise"))
    plots = window.plots
    plots.redraw_now()
    assert plots.twins["units"] == {2: 1}  # C lies exactly on B
    b, c = plots.unit_curves[1], plots.unit_curves[2]
    assert np.array_equal(b.getData()[1], c.getData()[1])
    assert len(c.opts["pen"].dashPattern()) > 0 and len(b.opts["pen"].dashPattern()) == 0
    note = plots.key_moments.overlap_note
    assert note.isVisible() and note.textItem.toPlainText() == "B and C overlap"
    assert [label.text for _, label in plots.legend.items][2] == "unit C (dashed: on B)"
