"""Properties of the two-input core (issue 12) on random networks, points and labels (hypothesis)."""
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from reluplay.core import ACTIVATIONS, FEATURES, ONE_INPUT, Network, accuracy, predicted_class

nets = st.fixed_dictionaries({
    "features": st.one_of(st.just(ONE_INPUT), st.lists(st.sampled_from(FEATURES), min_size=1, max_size=7, unique=True)),
    "hidden": st.lists(st.integers(1, 6), min_size=1, max_size=3),
    "activation": st.sampled_from(sorted(ACTIVATIONS)),
    "classes": st.integers(2, 4),
    "seed": st.integers(0, 2**16),
    "scale": st.sampled_from([1.0, 1e3]),  # 1e3: logits in the hundreds and thousands
    "n_points": st.integers(1, 40),
})


def build(case):
    k = case["classes"]
    out, n_out = ("sigmoid", 1) if k == 2 else ("softmax", k)
    net = Network.initialized(case["hidden"], case["activation"], out, seed=case["seed"],
                              features=case["features"], n_outputs=n_out)
    net.output_layer.weights[...] *= case["scale"]
    rng = np.random.default_rng(case["seed"])
    n = case["n_points"]
    shape = (n,) if net.n_inputs == 1 else (n, 2)
    points = rng.uniform(-6.0, 6.0, size=shape)
    labels = rng.integers(0, k, size=n)
    return net, points, labels, k


@settings(max_examples=150, deadline=None)
@given(nets)
def test_outputs_are_probabilities_of_the_right_shape(case):
    net, points, _, k = build(case)
    n = case["n_points"]
    p, z = net(points), net.logits(points)
    assert p.shape == z.shape == ((n,) if k == 2 else (n, k))
    assert np.isfinite(z).all() and np.all((p >= 0.0) & (p <= 1.0))
    if k > 2:
        np.testing.assert_allclose(p.sum(axis=1), 1.0, rtol=0, atol=1e-12)
    classes = predicted_class(net, points)
    assert classes.shape == (n,) and np.all((classes >= 0) & (classes < k))


@settings(max_examples=150, deadline=None)
@given(nets)
def test_losses_are_finite_and_not_negative_and_accuracy_is_a_share(case):
    net, points, labels, k = build(case)
    for loss in ("cross_entropy", "mse"):
        value, grad = net.gradient(points, labels, loss)
        assert np.isfinite(value) and value >= 0.0
        assert np.isfinite(grad).all()
        assert abs(net.loss(points, labels, loss) - value) <= 1e-12 * max(1.0, value)  # (summed in another order)
    share = accuracy(net, points, labels)
    assert 0.0 <= share <= 1.0
    assert share == np.sum(predicted_class(net, points) == labels) / case["n_points"]
