"""Two inputs (issue 12): input features, the network on points (x1, x2), and k softmax outputs."""
import numpy as np
import pytest

from reluplay.core import (
    DEFAULT_FEATURES_2D,
    FEATURES,
    ONE_INPUT,
    SOFTMAX,
    Network,
    NetworkError,
    check_features,
    feature_rows,
)

POINTS = np.array([[1.0, 2.0], [-0.5, 3.0], [0.0, 0.0], [2.0, -1.0]])


def plane_net(features=DEFAULT_FEATURES_2D, out="identity", k=1):
    """Two ReLU folds, then k output units: every number chosen by hand."""
    n = len(features)
    w1 = np.zeros((2, n))
    w1[0, 0], w1[1, min(1, n - 1)] = 1.0, -1.0
    w2 = np.array([[2.0, 1.0], [-1.0, 0.5], [0.0, 1.0], [1.0, 1.0]])[:k]
    return Network([(w1, [0.5, 1.0], "relu"), (w2, np.arange(k, dtype=float), out)], features=features)


# --- features ------------------------------------------------------------------------------

def test_feature_names_and_order_are_tf_playgrounds():
    assert FEATURES == ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
    assert ONE_INPUT == ("x",) and DEFAULT_FEATURES_2D == ("x1", "x2")


def test_feature_rows_compute_each_feature_at_each_point():
    rows = feature_rows(FEATURES, POINTS)
    x1, x2 = POINTS[:, 0], POINTS[:, 1]
    assert rows.shape == (7, 4)
    np.testing.assert_array_equal(rows, [x1, x2, x1 * x1, x2 * x2, x1 * x2, np.sin(x1), np.sin(x2)])
    assert feature_rows(ONE_INPUT, [1.0, 2.0]).tolist() == [[1.0, 2.0]]
    assert feature_rows(("x2^2", "x1"), POINTS[:1]).tolist() == [[4.0], [1.0]]  # the order asked for


@pytest.mark.parametrize("features, words", [
    ((), "at least one input feature"),
    (("x1", "x3"), "unknown input feature 'x3'"),
    (("x1", "x"), "'x' is the single input of a one-input network"),
    (("x1", "x2", "x1"), "'x1' is listed twice"),
    (3, "must be a list of names"),
])
def test_bad_features_are_refused_in_words(features, words):
    with pytest.raises(NetworkError, match=words.replace("(", r"\(").replace(")", r"\)")):
        check_features(features)
    with pytest.raises(NetworkError):
        Network.initialized([2], features=features)


# --- the network on the plane --------------------------------------------------------------

def test_a_two_input_network_computes_by_hand():
    net = plane_net()
    assert net.n_inputs == 2 and net.n_outputs == 1 and net.features == ("x1", "x2") and net.sizes == [2, 2, 1]
    # at (1, 2): z = (1 + 0.5, -2 + 1) = (1.5, -1), a = (1.5, 0), y = 2·1.5 + 1·0 + 0 = 3
    out = net(POINTS)
    assert out.shape == (4,)
    assert out[0] == 3.0
    # at (2, -1): z = (2.5, 2), y = 5 + 2 = 7
    assert out[3] == 7.0
    np.testing.assert_array_equal(net.logits(POINTS), out)  # identity output: logits are the output
    assert net(np.array([1.0, 2.0])).tolist() == [3.0]  # one pair is one point


def test_features_feed_the_first_layer():
    net = plane_net(features=("x1^2", "sin(x2)"))
    # at (1, 2): z = (1 + 0.5, -sin 2 + 1), both positive
    expected = 2.0 * 1.5 + (1.0 - np.sin(2.0))
    assert net(POINTS[:1])[0] == pytest.approx(expected, rel=1e-15)


def test_first_layer_needs_one_weight_column_per_feature():
    with pytest.raises(NetworkError, match=r"hidden layer 1: weights must have shape \(units, 3\)"):
        Network([(np.ones((2, 2)), np.zeros(2), "relu"), (np.ones((1, 2)), [0.0], "identity")],
                features=("x1", "x2", "x1*x2"))


@pytest.mark.parametrize("points", [np.ones((3, 3)), np.ones(3), np.ones((2, 2, 2))])
def test_points_that_are_not_pairs_are_refused(points):
    with pytest.raises(NetworkError, match=r"\(x1, x2\) pairs"):
        plane_net()(points)


def test_softmax_outputs_are_probabilities_by_point():
    net = plane_net(out="softmax", k=3)
    p = net(POINTS)
    z = net.logits(POINTS)
    assert p.shape == z.shape == (4, 3) and net.n_outputs == 3
    np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=0, atol=1e-15)
    np.testing.assert_allclose(p, np.exp(z) / np.exp(z).sum(axis=1, keepdims=True), rtol=1e-14)
    # at (1, 2): a = (1.5, 0); logits = (3 + 0, -1.5 + 1, 0 + 2)
    np.testing.assert_allclose(z[0], [3.0, -0.5, 2.0])
    assert net.forward(POINTS).output.shape == (3, 4)  # the pass keeps a row per unit


def test_softmax_is_finite_at_huge_logits():
    z = np.array([[1000.0, -1000.0], [-1000.0, 1000.0], [999.0, 0.0]])
    p = SOFTMAX.value(z)
    assert np.isfinite(p).all()
    np.testing.assert_allclose(p[:, 0], [1 / (1 + np.exp(-1.0)), 0.0, np.exp(-1.0) / (1 + np.exp(-1.0))])
    np.testing.assert_array_equal(p[:, 1], [0.0, 1.0, 0.0])


def test_sigmoid_output_gives_probabilities():
    net = plane_net(out="sigmoid")
    p = net(POINTS)
    np.testing.assert_allclose(p, 1.0 / (1.0 + np.exp(-net.logits(POINTS))), rtol=1e-14)
    assert p[3] == pytest.approx(1.0 / (1.0 + np.exp(-7.0)))


@pytest.mark.parametrize("out, k, words", [
    ("softmax", 1, "softmax output needs 2 to 4 units"),
    ("softmax", 5, "softmax output needs 2 to 4 units"),
    ("sigmoid", 2, "exactly 1 unit"),
    ("identity", 3, "exactly 1 unit"),
])
def test_output_units_and_activation_must_agree(out, k, words):
    layers = [(np.ones((2, 2)), np.zeros(2), "relu"), (np.ones((k, 2)), np.zeros(k), out)]
    with pytest.raises(NetworkError, match=words):
        Network(layers, features=("x1", "x2"))


def test_softmax_is_for_the_output_only():
    layers = [(np.ones((2, 2)), np.zeros(2), "softmax"), (np.ones((1, 2)), np.zeros(1), "identity")]
    with pytest.raises(NetworkError, match="hidden layer 1: softmax is only for the output layer"):
        Network(layers, features=("x1", "x2"))


def test_initialized_carries_features_and_outputs_through_copies_and_changes():
    net = Network.initialized([5, 4], "relu", "softmax", seed=3, features=("x1", "x2", "x1*x2"), n_outputs=4)
    assert net.features == ("x1", "x2", "x1*x2") and net.n_outputs == 4 and net.sizes == [3, 5, 4, 4]
    assert net.layers[0].weights.shape == (5, 3)
    assert net.copy().same_as(net) and net.copy().features == net.features
    changed = net.with_changes(leaky_slope=0.2)
    assert changed.features == net.features and changed.n_outputs == 4
    same_shape = net.with_changes(features=("x1", "x2", "x1^2"))
    assert same_shape.sizes == net.sizes and not same_shape.same_as(net)  # other features, other network
    again = Network.initialized([5, 4], "relu", "softmax", seed=3, features=("x1", "x2", "x1*x2"), n_outputs=4)
    assert again.same_as(net)  # seeded


def test_a_fresh_two_input_network_folds_away_from_the_origin():
    net = Network.initialized([8], "relu", seed=0, features=DEFAULT_FEATURES_2D)
    w, b = net.layers[0].weights, net.layers[0].biases
    through = -b[:, None] * w / np.sum(w * w, axis=1, keepdims=True)  # each fold line's nearest point to (0, 0)
    distance = np.hypot(*through.T)
    assert np.all(distance < 3.0 * np.sqrt(2.0)) and np.median(distance) > 0.3


def test_one_input_networks_are_as_before():
    net = Network.initialized([3], seed=1)
    assert net.features == ONE_INPUT and net.n_inputs == 1 and net.n_outputs == 1 and net.sizes == [1, 3, 1]
    assert net([0.0, 0.5]).shape == (2,)
    np.testing.assert_array_equal(net.logits([0.0, 0.5]), net([0.0, 0.5]))
