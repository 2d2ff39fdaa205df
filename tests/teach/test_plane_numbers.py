"""The 2-D walkthrough and backward numbers for one point agree with the core's arithmetic."""
from __future__ import annotations

import math

import numpy as np
import pytest

from reluplay.core import Network
from reluplay.core.datasets_2d import make_three_gauss, make_train_test_2d
from reluplay.teach import explain
from reluplay.teach.plane_backward import parameter_place, point_chain_lines, point_gradient
from reluplay.teach.plane_point import default_point, find_point, output_lines, point_numbers


def _xor(units=4, features=("x1", "x2"), seed=1, hidden=None):
    x, y, _, _ = make_train_test_2d("xor", noise_percent=0, train_percent=50, seed=seed)
    net = Network.initialized(hidden or [units], "relu", "sigmoid", seed=seed, features=features)
    return net, x, y.astype(float)


def _three():
    x, y = make_three_gauss(seed=2)[:2]
    return Network.initialized([6], "relu", "softmax", seed=3, features=("x1", "x2"), n_outputs=3), x, y.astype(float)


def _regression():
    rng = np.random.default_rng(0)
    x = rng.uniform(-6, 6, size=(40, 2))
    y = (x[:, 0] + x[:, 1]) / 10
    return Network.initialized([5, 3], "leaky_relu", "identity", seed=4, features=("x1", "x2")), x, y


CASES = {
    "sigmoid, cross-entropy": (_xor, "cross_entropy"),
    "sigmoid, MSE": (_xor, "mse"),
    "softmax, cross-entropy": (_three, "cross_entropy"),
    "softmax, MSE": (_three, "mse"),
    "regression, two hidden layers": (_regression, "mse"),
    "extra features, deeper": (lambda: _xor(features=("x1", "x2", "x1^2", "x1*x2", "sin(x2)"), hidden=[4, 3]),
                               "cross_entropy"),
}


@pytest.mark.parametrize("case", CASES)
def test_point_terms_add_up_to_the_core_gradient(case):
    make, loss = CASES[case]
    net, x, y = make()
    _, core = net.gradient(x, y, loss)
    total = sum(point_gradient(net, p, t, loss, len(x)).terms for p, t in zip(x, y))
    assert np.max(np.abs(total - core)) <= 1e-12 * max(1.0, float(np.max(np.abs(core))))


@pytest.mark.parametrize("case", CASES)
def test_loss_terms_average_to_the_core_loss(case):
    make, loss = CASES[case]
    net, x, y = make()
    terms = [point_numbers(net, p, t, loss).loss_term for p, t in zip(x, y)]
    assert math.isclose(float(np.mean(terms)), net.loss(x, y, loss), rel_tol=1e-12)


def test_forward_numbers_of_a_hand_made_net():
    layers = [(np.array([[1.0, -2.0], [0.5, 0.5]]), np.array([0.25, -3.0]), "relu"),
              (np.array([[2.0, -1.0]]), np.array([0.5]), "sigmoid")]
    net = Network(layers, features=("x1", "x2"))
    n = point_numbers(net, (1.0, -0.5), target=1, loss="cross_entropy")
    a, b = n.layers[0]
    assert (a.z, a.a) == (2.25, 2.25)  # 1·1 + (−2)(−0.5) + 0.25
    assert (b.z, b.a) == (-2.75, 0.0)  # off
    assert a.formula == "1 × 1 + (−2) × (−0.5) + 0.25 = 2.25"
    assert n.logits == (5.0,)
    p = 1 / (1 + math.exp(-5.0))
    assert n.outputs[0] == pytest.approx(p, rel=1e-15)
    assert n.errors[0] == pytest.approx(p - 1)
    assert n.loss_term == pytest.approx(-math.log(p), rel=1e-12)
    text = "\n".join(output_lines(n))
    assert "p(class 1) = sigmoid(z)" in text and "class 1: p(its class) = 0.9933" in text
    assert "−log p(its class) = −log 0.9933" in text


def test_a_class_0_point_has_p_of_its_class_one_minus_p():
    net, x, y = _xor()
    i = int(np.nonzero(y == 0)[0][0])
    n = point_numbers(net, x[i], y[i], "cross_entropy")
    assert n.p_label == pytest.approx(1 - n.outputs[0])
    assert n.loss_term == pytest.approx(-math.log(1 - n.outputs[0]), rel=1e-9)


def test_chain_for_a_first_layer_weight_reads_p_minus_y_times_weight_times_slope_times_x1():
    layers = [(np.array([[1.0, -2.0], [0.5, 0.5]]), np.array([0.25, -3.0]), "relu"),
              (np.array([[2.0, -1.0]]), np.array([0.5]), "sigmoid")]
    net = Network(layers, features=("x1", "x2"))
    g = point_gradient(net, (1.0, -0.5), 1, "cross_entropy", n_points=4)
    p = 1 / (1 + math.exp(-5.0))
    names = {r.name: r.index for r in explain.parameter_rows(net)}
    assert g.terms[names["w1 of A"]] == pytest.approx((p - 1) / 4 * 2.0 * 1.0 * 1.0, rel=1e-14)
    assert g.terms[names["w2 of A"]] == pytest.approx((p - 1) / 4 * 2.0 * 1.0 * -0.5, rel=1e-14)
    assert g.terms[names["w1 of B"]] == 0.0  # B is off at this point
    lines = point_chain_lines(net, names["w2 of A"], g)
    assert lines[0].startswith("At the logit: dL/dz = (p − y) / N = (0.9933 − 1) / 4")
    assert any("output w of A × dL/dz = 2 ×" in line for line in lines)
    assert any("ReLU′(z of A) = 1 (on)" in line for line in lines)
    assert lines[-1].endswith(f"× x2 = ({explain.fmt(g.dL_dz[0][0])}) × (−0.5) = {explain.fmt(g.terms[names['w2 of A']])}")
    off = point_chain_lines(net, names["b of B"], g)
    assert any("(off: nothing flows back through it)" in line for line in off)


def test_softmax_chain_names_every_logit_and_the_class_of_an_output_weight():
    net, x, y = _three()
    rows = explain.parameter_rows(net)
    names = [r.name for r in rows]
    assert "output w from A to class 2" in names and "output bias of class 0" in names
    assert len(set(names)) == len(names)  # every parameter has its own name
    g = point_gradient(net, x[0], y[0], "cross_entropy", len(x))
    index = next(r.index for r in rows if r.name == "w1 of C")
    lines = point_chain_lines(net, index, g)
    assert sum(line.startswith("At logit") for line in lines) == 3
    assert "Σ over the units above" in "\n".join(lines)


def test_every_parameter_has_a_place_and_a_chain():
    net, x, y = _regression()
    g = point_gradient(net, x[3], y[3], "mse", len(x))
    for r in explain.parameter_rows(net):
        place = parameter_place(net, r.index)
        assert 0 <= place.layer < len(net.layers)
        lines = point_chain_lines(net, r.index, g)
        assert lines[-1].endswith(explain.fmt(g.terms[r.index]))


def test_the_chosen_point_is_found_among_the_data():
    net, x, y = _xor()
    assert find_point(x, y, tuple(x[7])) == 7
    assert find_point(x, y, (99.0, 99.0)) is None
    assert default_point(x) == tuple(x[len(x) // 2])
    assert default_point(np.empty((0, 2))) is None


def test_last_step_numbers_on_the_plane_use_the_lessons_loss():
    from reluplay.core import Trainer, TrainingSettings
    from reluplay.teach import step_update

    net, x, y = _three()
    settings = TrainingSettings(optimizer="gd", learning_rate=0.5, loss="cross_entropy")
    trainer = Trainer(net.copy(), x, y, settings)
    trainer.step(1)
    update = step_update.step_update(net, trainer.network.params, x, y, settings, 0, 1)
    assert update.gradient is not None
    np.testing.assert_allclose(update.change, update.scaled_gradient, rtol=0, atol=1e-15)
    assert "cross-entropy over all 500 data points" in step_update.gradient_caption(settings, len(x), 0)
    assert step_update.kink_moves(net, trainer.network.params) == []  # fold lines, not kinks


def test_gradient_check_and_notes_on_the_plane():
    net, x, y = _xor()
    report = explain.gradient_check_report(net, x, y, loss="cross_entropy")
    assert report.agree and "agree" in report.message
    dead = net.with_changes(layers=[(np.zeros((4, 2)), np.full(4, -1.0), "relu"),
                                    (np.ones((1, 4)), np.zeros(1), "sigmoid")])
    notes = explain.dead_unit_notes(dead, x)
    assert len(notes) == 4 and "never active on any data point" in notes[0]
    layers = [(np.array([[1.0, -1.0]]), np.array([0.0]), "relu"), (np.ones((1, 1)), np.zeros(1), "sigmoid")]
    on_fold = Network(layers, features=("x1", "x2"))
    notes = explain.grad_at_zero_notes(on_fold, [[2.0, 2.0], [1.0, 3.0]], [1.0, 0.0], loss="cross_entropy")
    assert "(x1, x2) = (2, 2)" in notes[0]
