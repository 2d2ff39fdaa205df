"""The seed examples from the design notes, with their exact numbers."""
import numpy as np
import pytest

from reluplay.core import (
    DOSAGE_X,
    DOSAGE_Y,
    Network,
    Trainer,
    TrainingSettings,
    dead_units,
    kinks,
    kinks_in_range,
    linear_pieces,
    make_dataset,
    walkthrough,
)

DOSES = [0.0, 0.5, 1.0]


def relu_in_action() -> Network:
    return Network([
        ([[1.70], [12.6]], [-0.85, 0.0], "relu"),
        ([[-40.8, 2.70]], [-16.0], "relu"),
    ])


def softplus_forerunner() -> Network:
    return Network([
        ([[-34.4], [-2.52]], [2.14, 1.29], "softplus"),
        ([[-1.30, 2.28]], [-0.58], "identity"),
    ])


def linear_in_disguise() -> Network:
    return Network([
        ([[1.0], [1.0], [1.0]], [-10.0, 10.0, 10.0], "relu"),
        ([[0.5, -0.25, 0.75]], [0.3], "identity"),
    ])


def test_dosage_data_is_the_seed_data():
    x, y = make_dataset("dosage", 3)
    assert x.tolist() == list(DOSAGE_X) == DOSES
    assert y.tolist() == list(DOSAGE_Y) == [0.0, 1.0, 0.0]


def test_relu_in_action_outputs_a_pointy_bump():
    out = relu_in_action()(DOSES)
    # By hand: x=0 -> relu(-16) = 0; x=0.5 -> 2.7*6.3 - 16 = 1.01; x=1 -> -40.8*0.85 + 2.7*12.6 - 16 < 0 -> 0.
    assert out == pytest.approx([0.0, 1.01, 0.0], abs=1e-12)
    assert out[0] == 0.0 and out[2] == 0.0  # the output ReLU clips exactly


def test_relu_in_action_units_by_hand():
    run = relu_in_action().forward(DOSES)
    assert run.pre[0][0] == pytest.approx([-0.85, 0.0, 0.85])
    assert run.post[0][0] == pytest.approx([0.0, 0.0, 0.85])
    assert run.post[0][1] == pytest.approx([0.0, 6.3, 12.6])
    assert run.pre[1][0] == pytest.approx([-16.0, 1.01, -16.0 - 40.8 * 0.85 + 2.7 * 12.6])


def test_relu_in_action_kinks_and_pieces():
    net = relu_in_action()
    assert kinks(net) == pytest.approx([0.5, 0.0])
    assert kinks_in_range(net, 0.0, 1.0) == pytest.approx([0.0, 0.5])
    # flat 0, rising to 1.01 at 0.5, falling, flat 0 again
    assert linear_pieces(net, 0.0, 1.0) == 4


def test_relu_in_action_walkthrough_at_medium_dose():
    step = walkthrough(relu_in_action(), 0.5)
    units = step.layers[0]
    assert [u.pre_activation for u in units] == pytest.approx([0.0, 6.3])
    assert [u.contribution for u in units] == pytest.approx([0.0, 2.7 * 6.3])
    assert step.output_bias == -16.0
    assert step.output == pytest.approx(1.01)


def test_softplus_forerunner_is_a_smooth_squiggle():
    out = softplus_forerunner()(DOSES)
    # The seed gives the numbers rounded to two decimals.
    assert np.round(out, 2) + 0.0 == pytest.approx([-0.01, 1.03, 0.00], abs=1e-12)
    assert out == pytest.approx([-0.01, 1.03, 0.0], abs=0.006)
    assert linear_pieces(softplus_forerunner(), 0.0, 1.0) is None


def test_linear_in_disguise_first_unit_is_dead_and_output_is_a_line():
    net = linear_in_disguise()
    x = np.linspace(-4.0, 4.0, 41)
    assert dead_units(net, x) == [0]
    assert linear_pieces(net, -4.0, 4.0) == 1
    assert kinks_in_range(net, -4.0, 4.0) == []
    y = net(x)
    # exactly a straight line: every point is on the line through the ends
    line = y[0] + (y[-1] - y[0]) * (x - x[0]) / (x[-1] - x[0])
    assert y == pytest.approx(line, abs=1e-12)
    slopes = np.diff(y) / np.diff(x)
    assert np.ptp(slopes) < 1e-12
    assert slopes[0] == pytest.approx(-0.25 + 0.75)


@pytest.mark.parametrize("optimizer", ["gd", "sgd", "momentum", "adam"])
def test_linear_in_disguise_dead_unit_never_moves(optimizer):
    net = linear_in_disguise()
    x = np.linspace(-4.0, 4.0, 41)
    y = np.sin(x)
    # a small rate: with biases of 10 a larger one overshoots and kills the living units too
    settings = TrainingSettings(optimizer=optimizer, learning_rate=0.001, batch_size=8, seed=3)
    trainer = Trainer(net, x, y, settings)
    _, grad = trainer.gradient()
    g_w = grad[:3]
    g_b = grad[3:6]
    assert g_w[0] == 0.0 and g_b[0] == 0.0
    assert trainer.step(200) == 200
    trained = trainer.network
    # unit 0's incoming weight and bias and its outgoing weight are untouched ...
    assert trained.layers[0].weights[0, 0] == 1.0
    assert trained.layers[0].biases[0] == -10.0
    assert trained.layers[1].weights[0, 0] == 0.5
    # ... while the living units moved
    assert not np.array_equal(trained.layers[0].weights[1:], net.layers[0].weights[1:])
    assert not np.array_equal(trained.layers[0].biases[1:], net.layers[0].biases[1:])
    assert not np.array_equal(trained.layers[1].weights[0, 1:], net.layers[1].weights[0, 1:])
    assert dead_units(trained, x) == [0]
