"""Losses (issue 12): cross-entropy from the logits, MSE on classes, and their exact gradients."""
import numpy as np
import pytest

from reluplay.core import ACTIVATIONS, LOSSES, LabelError, Network, NetworkError, gradient_check
from reluplay.core.losses import loss_value

RNG = np.random.default_rng(7)
POINTS_2D = RNG.uniform(-3.0, 3.0, size=(12, 2))
X_1D = np.linspace(-1.0, 1.0, 12)


def net_with_logits(logits, features=("x1", "x2")):
    """A net whose output logits are the given constants at every point (weights 0, biases = logits)."""
    k = len(logits)
    out = "sigmoid" if k == 1 else "softmax"
    return Network([(np.zeros((1, len(features))), [0.0], "relu"), (np.zeros((k, 1)), logits, out)], features=features)


def test_losses_are_named():
    assert LOSSES == ("mse", "cross_entropy")


def test_cross_entropy_by_hand():
    # logit 0: p = 0.5 for either label, -log 0.5 = log 2
    assert net_with_logits([0.0]).loss(POINTS_2D[:2], [0, 1], "cross_entropy") == pytest.approx(np.log(2.0))
    # three equal logits: p = 1/3
    assert net_with_logits([5.0, 5.0, 5.0]).loss(POINTS_2D[:3], [0, 1, 2], "cross_entropy") == pytest.approx(np.log(3.0))
    # logit 2, label 1: -log σ(2); label 0: -log(1 - σ(2))
    s = 1.0 / (1.0 + np.exp(-2.0))
    expected = -(np.log(s) + np.log(1.0 - s)) / 2.0
    assert net_with_logits([2.0]).loss(POINTS_2D[:2], [1, 0], "cross_entropy") == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("logits, labels, expected", [
    ([1000.0], [1, 0], 500.0),  # right: -log 1 = 0; wrong: -log σ(-1000) = 1000
    ([-1000.0], [0, 1], 500.0),
    ([1000.0, -1000.0, 0.0], [0, 1], 1000.0),  # right: 0; label 1: log(e^1000 + ...) - (-1000) = 2000
    ([-1000.0, -1000.0, 1000.0], [2, 0], 1000.0),
])
def test_cross_entropy_is_finite_at_huge_logits(logits, labels, expected):
    net = net_with_logits(logits)
    loss, grad = net.gradient(POINTS_2D[:2], labels, "cross_entropy")
    assert loss == pytest.approx(expected, rel=1e-12)
    assert net.loss(POINTS_2D[:2], labels, "cross_entropy") == pytest.approx(expected, rel=1e-12)
    assert np.isfinite(grad).all()
    # the output biases' gradient is the mean of p - onehot: here (±1 on the wrong point) / 2
    out_bias_grad = grad[-len(logits):]
    assert np.max(np.abs(out_bias_grad)) == pytest.approx(0.5, rel=1e-12)


def test_the_gradient_of_cross_entropy_at_the_logits_is_p_minus_onehot():
    net = net_with_logits([0.3, -1.2, 2.0])
    labels = np.array([0, 2, 2, 1])
    _, grad = net.gradient(POINTS_2D[:4], labels, "cross_entropy")
    p = net(POINTS_2D[:1])[0]
    onehot_mean = np.bincount(labels, minlength=3) / 4
    np.testing.assert_allclose(grad[-3:], p - onehot_mean, rtol=1e-13)


def test_mse_on_classes_compares_with_the_label_or_its_one_hot():
    two = net_with_logits([0.0])  # p = 0.5
    assert two.loss(POINTS_2D[:2], [0, 1], "mse") == pytest.approx(0.25)
    three = net_with_logits([0.0, 0.0, 0.0])  # p = 1/3 each; label 0: (2/3)² + 2 (1/3)² = 2/3
    assert three.loss(POINTS_2D[:2], [0, 2], "mse") == pytest.approx(2.0 / 3.0)


def cases():
    for inputs in (1, 2):
        for act in sorted(ACTIVATIONS):
            for out, loss in (("sigmoid", "cross_entropy"), ("softmax", "cross_entropy"),
                              ("sigmoid", "mse"), ("softmax", "mse")):
                yield inputs, act, out, loss


@pytest.mark.parametrize("inputs, act, out, loss", list(cases()))
def test_gradient_matches_finite_differences(inputs, act, out, loss):
    k = 1 if out == "sigmoid" else 3
    features = ("x",) if inputs == 1 else ("x1", "x2", "x1^2", "x1*x2", "sin(x2)")
    seed = sum(map(ord, act + out + loss)) + inputs
    net = Network.initialized([4, 3], act, out, seed=seed, features=features, n_outputs=k)
    x = X_1D if inputs == 1 else POINTS_2D
    labels = np.random.default_rng(seed).integers(0, max(2, k), size=x.shape[0])
    assert gradient_check(net, x, labels, loss=loss) < 1e-5


@pytest.mark.parametrize("hidden", [[5], [3, 4, 3]])
def test_regression_on_the_plane_has_exact_gradients(hidden):
    net = Network.initialized(hidden, "tanh", seed=2, features=("x1", "x2", "x2^2", "sin(x1)"))
    y = np.sin(POINTS_2D[:, 0]) + POINTS_2D[:, 1]
    assert gradient_check(net, POINTS_2D, y) < 1e-5


def test_cross_entropy_needs_probabilities():
    net = Network.initialized([3], features=("x1", "x2"))  # identity output
    with pytest.raises(NetworkError, match="cross-entropy needs class probabilities.*'identity'"):
        net.loss(POINTS_2D, np.zeros(12), "cross_entropy")
    with pytest.raises(NetworkError, match="unknown loss 'hinge'"):
        net.gradient(POINTS_2D, np.zeros(12), "hinge")


@pytest.mark.parametrize("out, k, labels", [("sigmoid", 1, [0, 2]), ("sigmoid", 1, [0.5, 1]), ("softmax", 3, [3, 0]),
                                            ("softmax", 3, [-1, 0])])
def test_labels_the_output_cannot_produce_are_refused(out, k, labels):
    net = Network.initialized([3], "relu", out, features=("x1", "x2"), n_outputs=k)
    with pytest.raises(LabelError, match="class labels must be whole numbers"):
        net.loss(POINTS_2D[:2], labels, "cross_entropy")


def test_loss_value_matches_the_pass():
    net = Network.initialized([4], "relu", "softmax", seed=1, features=("x1", "x2"), n_outputs=4)
    labels = np.arange(12) % 4
    run = net.forward(POINTS_2D)
    for loss in LOSSES:
        assert loss_value(loss, run.pre[-1], run.post[-1], labels.astype(float)) == net.gradient(POINTS_2D, labels, loss)[0]
