"""The chain rule taken apart: per-point terms that add up to backprop's gradient, in words."""
import numpy as np
import pytest

from reluplay.core import Network
from reluplay.presets import load_preset
from reluplay.teach import chain_rule, explain, step_update


def _one_layer(out_act="identity", act="relu"):
    return Network([(np.array([[1.5], [-2.0]]), [0.25, 0.5], act), ([[0.75, -1.25]], [0.1], out_act)])


X = np.array([-1.0, -0.25, 0.0, 0.5, 1.0])
Y = np.array([0.5, 0.0, 0.25, 1.0, -0.5])


@pytest.mark.parametrize("out_act", ["identity", "relu"])
@pytest.mark.parametrize("act", ["relu", "leaky_relu", "tanh"])
def test_terms_add_up_to_backprops_gradient_for_every_parameter(out_act, act):
    net = _one_layer(out_act, act)
    _, grad = net.gradient(X, Y)
    for row in explain.parameter_rows(net):
        d = chain_rule.derive(net, row.index, X, Y)
        assert d.name == row.name
        assert d.gradient == pytest.approx(grad[row.index], rel=1e-12, abs=1e-15)
        assert len(d.terms) == d.n_points == X.size


def test_w_of_a_reads_as_error_times_output_weight_times_slope_times_x():
    net = _one_layer()
    d = chain_rule.derive(net, 0, X, Y)  # w of A
    assert d.factor_names == ("output w of A", "ReLU′(z)", "x")
    t = d.terms[3]  # x = 0.5: z = 1.5 × 0.5 + 0.25 = 1 > 0, so ReLU′ = 1
    assert t.factors == (0.75, 1.0, 0.5)
    assert t.term == pytest.approx(2 / 5 * (net([0.5])[0] - 1.0) * 0.75 * 1.0 * 0.5)
    lines = chain_rule.derivation_lines(d)
    assert lines[0] == "∂L/∂(w of A) = Σ over the 5 points of 2/N × error × output w of A × ReLU′(z) × x"
    assert lines[5].startswith("x = 0.5: 2/5 × ") and lines[5].endswith(f"× 0.75 × 1 × 0.5 = {explain.fmt(t.term)}")
    assert lines[-1].endswith(f"gradient = {explain.fmt(d.gradient)}")


def test_output_weight_and_bias_factors_and_the_output_relu():
    net = _one_layer(out_act="relu")
    rows = {r.name: r.index for r in explain.parameter_rows(net)}
    assert chain_rule.derive(net, rows["output w of B"], X, Y).factor_names == ("ReLU′(sum)", "activation of B")
    assert chain_rule.derive(net, rows["output bias"], X, Y).factor_names == ("ReLU′(sum)",)
    assert chain_rule.derive(_one_layer(), rows["output bias"], X, Y).factor_names == ()


def test_l2_penalty_is_added_for_weights_only():
    net = _one_layer()
    d = chain_rule.derive(net, 0, X, Y, l2=0.01)
    assert d.l2_term == pytest.approx(2 * 0.01 * 1.5)
    assert "plus the L2 penalty's 2 × 0.01 × w = 0.03" in chain_rule.derivation_lines(d)[-1]
    assert chain_rule.derive(net, 2, X, Y, l2=0.01).l2_term == 0.0  # b of A


def test_deeper_networks_give_one_factor_per_point_that_still_adds_up():
    net = Network.initialized([3, 2], seed=4)
    x = np.linspace(-1, 1, 7)
    y = np.sin(3 * x)
    _, grad = net.gradient(x, y)
    for row in explain.parameter_rows(net):
        d = chain_rule.derive(net, row.index, x, y)
        assert d.gradient == pytest.approx(grad[row.index], rel=1e-9, abs=1e-12)
    assert d.factor_names == ("∂ŷ/∂(output bias)",)


def test_many_points_are_summed_in_one_line_and_no_data_says_so():
    net = _one_layer()
    x = np.linspace(-1, 1, 20)
    lines = chain_rule.derivation_lines(chain_rule.derive(net, 0, x, x))
    assert len(lines) == 2 + chain_rule.MAX_POINT_LINES + 2
    assert lines[-2].startswith("… 12 more points add ")
    empty = chain_rule.derivation_lines(chain_rule.derive(net, 0, [], []))
    assert "no data points" in empty[0]


def test_point_error_at_a_data_point_and_the_nearest_one():
    p = load_preset("relu-in-action")
    exact = chain_rule.point_error(p.network, p.x, p.y, 0.5)
    i = int(np.argmin(np.abs(p.x - 0.5)))
    assert exact.exact and exact.y == p.y[i] and exact.output == p.network([0.5])[0]
    assert exact.squared == pytest.approx(exact.error ** 2)
    near = chain_rule.point_error(p.network, p.x, p.y, 0.52)
    assert not near.exact and near.x == 0.5
    assert chain_rule.point_error_text(near) == (
        f"Nearest data point x = 0.5: ŷ = {explain.fmt(near.output)}, target y = {explain.fmt(near.y)}, "
        f"error ŷ − y = {explain.fmt(near.error)}, squared error = {explain.fmt(near.squared)}")
    assert chain_rule.point_error_text(exact).startswith("Data point x = 0.5: target y = ")
    assert "mean of the squared errors over all 5 data points" in chain_rule.point_error_tip(5)
    assert chain_rule.point_error(p.network, [], [], 0.5) is None


def test_kink_moves_say_old_and_new_position():
    net = Network([(np.array([[2.0], [1.0], [0.0]]), [0.25, -0.5, 1.0], "relu"), ([[1.0, 1.0, 1.0]], [0.0], "identity")])
    new = net.params.copy()
    new[3] = 0.3  # b of A: kink −0.125 → −0.15
    assert step_update.kink_moves(net, new) == [
        "Kink of unit A moved from x = −0.125 to −0.15", "Kink of unit B stayed at x = 0.5"]
    tanh = Network.initialized([2], activation="tanh")
    assert step_update.kink_moves(tanh, tanh.params) == []


def test_small_numbers_are_written_out():
    assert explain.fmt(3.333e-05) == "0.00003333"
    assert explain.fmt(-1e-5) == "−0.00001"
    assert explain.fmt(9.99e-6) == "9.99e−6"
    assert explain.fmt(123456.7) == "1.235e5"


def test_deeper_networks_list_a_few_points_and_sum_the_rest():
    net = Network.initialized([3, 2], seed=4)
    x = np.linspace(-1, 1, 30)
    d = chain_rule.derive(net, 0, x, np.cos(x))
    assert len(d.terms) == chain_rule.MAX_POINT_LINES and d.rest_count == 30 - chain_rule.MAX_POINT_LINES
    assert d.gradient == pytest.approx(net.gradient(x, np.cos(x))[1][0], rel=1e-9, abs=1e-12)
    assert chain_rule.derivation_lines(d)[-2].startswith("… 22 more points add ")


def test_the_step_by_step_lessons_w_of_a_as_in_the_docs():
    p = load_preset("step-by-step")
    lines = chain_rule.derivation_lines(chain_rule.derive(p.network, 0, p.x, p.y))
    assert lines[2:] == ["x = −1: 2/5 × (−0.7) × 0.6 × 0 × (−1) = 0", "x = −0.5: 2/5 × (−0.3) × 0.6 × 0 × (−0.5) = 0",
                         "x = 0: 2/5 × 0.16 × 0.6 × 1 × 0 = 0", "x = 0.5: 2/5 × (−0.2) × 0.6 × 1 × 0.5 = −0.024",
                         "x = 1: 2/5 × (−0.46) × 0.6 × 1 × 1 = −0.1104", "Sum over the points = −0.1344; gradient = −0.1344"]
