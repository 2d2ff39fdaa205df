"""The network: construction and its limits, seeded starts, forward and backward passes."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reluplay.core import (
    ACTIVATIONS,
    MAX_HIDDEN_LAYERS,
    MAX_UNITS_PER_LAYER,
    Network,
    NetworkError,
    gradient_check,
)

HIDDEN = ["relu", "leaky_relu", "softplus", "sigmoid", "tanh", "swish", "gelu", "elu", "identity"]
KINKED = {"relu", "leaky_relu", "elu"}


def small(act="relu", out="identity"):
    return Network([([[1.0], [-2.0]], [0.5, 1.0], act), ([[3.0, -1.0]], [0.25], out)])


# --- construction and validation ------------------------------------------------------------

def test_layout_of_the_flat_parameter_vector():
    net = small()
    assert net.sizes == [1, 2, 1]
    assert net.params.tolist() == [1.0, -2.0, 0.5, 1.0, 3.0, -1.0, 0.25]
    assert net.weight_mask().tolist() == [1, 1, 0, 0, 1, 1, 0]
    net.params[0] = 7.0  # layers are views: editing the vector edits the layer
    assert net.layers[0].weights[0, 0] == 7.0
    net.layers[1].biases[0] = -1.0
    assert net.params[-1] == -1.0


def test_network_owns_a_copy_of_the_given_arrays():
    w = np.array([[1.0], [2.0]])
    net = Network([(w, np.zeros(2), "relu"), (np.ones((1, 2)), np.zeros(1), "identity")])
    w[0, 0] = 99.0
    assert net.layers[0].weights[0, 0] == 1.0
    copy = net.copy()
    copy.params[:] = 0.0
    assert net.params[0] == 1.0
    assert copy.same_as(copy) and not copy.same_as(net) and net.same_as(net.copy())


@pytest.mark.parametrize(
    "layers, message",
    [
        ([([[1.0]], [0.0], "identity")], "at least one hidden layer"),
        ([([[1.0, 2.0]], [0.0], "relu"), ([[1.0]], [0.0], "identity")], r"hidden layer 1: weights must have shape \(units, 1\)"),
        ([([[1.0], [2.0]], [0.0], "relu"), ([[1.0, 1.0]], [0.0], "identity")], r"biases must have shape \(2,\)"),
        ([([[1.0], [2.0]], [0.0, 0.0], "relu"), ([[1.0, 1.0, 1.0]], [0.0], "identity")], r"output layer: weights must have shape \(units, 2\)"),
        ([([[1.0]], [0.0], "relu"), ([[1.0], [1.0]], [0.0, 0.0], "identity")], "exactly 1 unit"),
        ([(np.zeros((0, 1)), np.zeros(0), "relu"), (np.zeros((1, 0)), [0.0], "identity")], "at least one unit"),
        ([([[1.0]], [0.0], "rectifier"), ([[1.0]], [0.0], "identity")], "hidden layer 1: unknown activation"),
        ([([[1.0]], [0.0], "relu"), ([[1.0]], [0.0], "tanh")], "output activation must be one of"),
        ([([[np.nan]], [0.0], "relu"), ([[1.0]], [0.0], "identity")], "finite"),
        ([([[1.0]], [np.inf], "relu"), ([[1.0]], [0.0], "identity")], "finite"),
        ([([1.0], [0.0], "relu"), ([[1.0]], [0.0], "identity")], "weights must have shape"),
        ([([[1.0], [2.0, 3.0]], [0.0, 0.0], "relu"), ([[1.0, 1.0]], [0.0], "identity")], "weights"),
        ([([["a"]], [0.0], "relu"), ([[1.0]], [0.0], "identity")], "weights"),
    ],
)
def test_bad_networks_raise_network_error(layers, message):
    with pytest.raises(NetworkError, match=message):
        Network(layers)


def test_limits_on_layers_and_units():
    layer = ([[1.0]], [0.0], "relu")
    hidden = [layer] + [([[1.0]], [0.0], "relu")] * (MAX_HIDDEN_LAYERS - 1)
    Network([*hidden, ([[1.0]], [0.0], "identity")])  # exactly at the limit is fine
    with pytest.raises(NetworkError, match=f"at most {MAX_HIDDEN_LAYERS} hidden layers"):
        Network([*hidden, layer, ([[1.0]], [0.0], "identity")])
    n = MAX_UNITS_PER_LAYER
    Network([(np.ones((n, 1)), np.zeros(n), "relu"), (np.ones((1, n)), [0.0], "identity")])
    with pytest.raises(NetworkError, match=f"at most {n} units, got {n + 1}"):
        Network([(np.ones((n + 1, 1)), np.zeros(n + 1), "relu"), (np.ones((1, n + 1)), [0.0], "identity")])
    with pytest.raises(NetworkError, match="at most"):
        Network.initialized([4] * (MAX_HIDDEN_LAYERS + 1))


@pytest.mark.parametrize("kwargs, message", [
    ({"leaky_slope": -0.1}, "leaky_slope"),
    ({"leaky_slope": 1.5}, "leaky_slope"),
    ({"leaky_slope": float("nan")}, "leaky_slope"),
    ({"relu_grad_at_zero": 0.3}, "relu_grad_at_zero"),
    ({"relu_grad_at_zero": float("nan")}, "relu_grad_at_zero"),
])
def test_bad_settings_raise_network_error(kwargs, message):
    with pytest.raises(NetworkError, match=message):
        small().with_changes(**kwargs)


def test_initialized_rejects_bad_requests_with_network_error():
    with pytest.raises(NetworkError, match="unknown activation"):
        Network.initialized([4], activation="rectifier")
    with pytest.raises(NetworkError, match="unknown activation"):
        Network.initialized([4], output_activation="rectifier")
    with pytest.raises(NetworkError, match="output activation"):
        Network.initialized([4], output_activation="tanh")
    with pytest.raises(NetworkError, match="one activation per hidden layer"):
        Network.initialized([4, 4], activation=["relu"])
    with pytest.raises(NetworkError):
        Network.initialized([])
    with pytest.raises(NetworkError, match="at least one unit"):
        Network.initialized([0])


# --- seeded starts --------------------------------------------------------------------------

def test_initialized_is_reproducible_per_seed():
    a = Network.initialized([16, 8], seed=42)
    b = Network.initialized([16, 8], seed=42)
    c = Network.initialized([16, 8], seed=43)
    assert a.same_as(b)
    assert not np.array_equal(a.params, c.params)
    # "reset" after edits and training returns to the same start
    a.params += 1.0
    assert Network.initialized([16, 8], seed=42).same_as(b)


def test_initialization_scales_and_kink_spread():
    n = MAX_UNITS_PER_LAYER
    net = Network.initialized([n, n], activation=["relu", "tanh"], seed=2)
    w1, w2, w3 = (lay.weights for lay in net.layers)
    assert np.std(w1) == pytest.approx(np.sqrt(2.0), rel=0.15)  # He, fan-in 1
    assert np.std(w2) == pytest.approx(np.sqrt(2.0 / (2 * n)), rel=0.1)  # Glorot for tanh
    assert np.std(w3) == pytest.approx(np.sqrt(2.0 / (n + 1)), rel=0.3)  # Glorot for the identity output
    kinks = -net.layers[0].biases / w1[:, 0]
    assert np.all(np.abs(kinks) <= 1.0) and np.std(kinks) > 0.4  # spread over [-1, 1]
    assert np.all(net.layers[1].biases == 0.0) and np.all(net.layers[2].biases == 0.0)
    assert net.layers[0].activation == "relu" and net.layers[1].activation == "tanh"
    assert net.output_layer.activation == "identity"


# --- forward ---------------------------------------------------------------------------------

def test_forward_keeps_every_layer_by_hand():
    net = small(act="relu")
    run = net.forward([-1.0, 0.0, 2.0])
    assert run.pre[0].tolist() == [[-0.5, 0.5, 2.5], [3.0, 1.0, -3.0]]
    assert run.post[0].tolist() == [[0.0, 0.5, 2.5], [3.0, 1.0, 0.0]]
    assert run.output.tolist() == [0.25 - 3.0, 0.25 + 1.5 - 1.0, 0.25 + 7.5]
    assert net([-1.0, 0.0, 2.0]).tolist() == run.output.tolist()
    assert net(np.array([[2.0]])).shape == (1,)


def test_loss_is_mean_squared_error():
    net = small()
    x = np.array([-1.0, 0.0, 2.0])
    y = np.array([1.0, -1.0, 0.5])
    want = np.mean((net(x) - y) ** 2)
    assert net.loss(x, y) == pytest.approx(want, rel=1e-15)
    assert net.gradient(x, y)[0] == pytest.approx(want, rel=1e-15)
    # a column of targets is the same data, not a grid of differences
    assert net.loss(x, y.reshape(-1, 1)) == pytest.approx(want, rel=1e-15)


# --- backward against finite differences ------------------------------------------------------

def _away_from_kinks(net, x, margin=1e-3):
    """The points of x where no unit of a kinked layer sits within margin of its kink."""
    run = net.forward(x)
    keep = np.ones(x.size, dtype=bool)
    for lay, z in zip(net.layers, run.pre):
        if lay.activation in KINKED:
            keep &= np.all(np.abs(z) > margin, axis=0)
    return x[keep]


@pytest.mark.parametrize("act", HIDDEN)
@pytest.mark.parametrize("out", ["identity", "relu"])
def test_whole_net_gradient_for_every_activation(act, out):
    net = Network.initialized([5], activation=act, output_activation=out, seed=7, leaky_slope=0.1)
    if out == "relu":  # keep the output unit on for most points, so its gradient is not all zero
        net.output_layer.biases[0] = 2.0
    x = _away_from_kinks(net, np.linspace(-2.0, 2.0, 23) + 0.013)
    assert x.size > 10
    y = np.sin(2.0 * x)
    assert gradient_check(net, x, y) < 1e-5


@pytest.mark.parametrize("seed", range(6))
def test_deep_mixed_net_gradient(seed):
    rng = np.random.default_rng(seed)
    depth = 3 + seed % 2
    acts = list(rng.choice(HIDDEN, size=depth))
    sizes = list(rng.integers(2, 7, size=depth))
    net = Network.initialized(sizes, activation=acts, output_activation=["identity", "relu"][seed % 2],
                              seed=seed, leaky_slope=0.2)
    net.output_layer.biases[0] = 1.0
    x = _away_from_kinks(net, np.linspace(-1.5, 1.5, 31) + 0.0071)
    assert x.size >= 5, "too many points near kinks for this seed"
    y = np.cos(3.0 * x)
    err = gradient_check(net, x, y)
    assert err < 1e-4, (acts, sizes, err)


@pytest.mark.parametrize("act", ["relu", "leaky_relu"])
def test_deep_relu_family_nets_gradient(act):
    net = Network.initialized([6, 6, 6, 6], activation=act, seed=11, leaky_slope=0.05)
    x = _away_from_kinks(net, np.linspace(-1.0, 1.0, 40) + 0.003)
    assert x.size >= 10
    assert gradient_check(net, x, x**2) < 1e-5


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), act=st.sampled_from(HIDDEN), n_points=st.integers(1, 12))
def test_gradient_matches_finite_differences_for_random_nets(seed, act, n_points):
    net = Network.initialized([3, 4], activation=act, seed=seed)
    rng = np.random.default_rng(seed)
    x = _away_from_kinks(net, rng.uniform(-1.0, 1.0, n_points))
    if x.size == 0:
        return
    y = rng.normal(size=x.size)
    _, analytic = net.gradient(x, y)
    # component by component with an absolute floor: a leaky unit's 1e-7 gradient carries
    # finite-difference noise of ~1e-10, a large *relative* error that means nothing
    assert analytic == pytest.approx(_central_differences(net, x, y), rel=1e-5, abs=1e-8)


def _central_differences(net, x, y, h=1e-6):
    probe = net.copy()
    numeric = np.empty_like(probe.params)
    for i, keep in enumerate(net.params):
        probe.params[i] = keep + h
        up = probe.loss(x, y)
        probe.params[i] = keep - h
        numeric[i] = (up - probe.loss(x, y)) / (2.0 * h)
        probe.params[i] = keep
    return numeric


def test_gradient_check_notices_a_wrong_gradient(monkeypatch):
    net = small(act="tanh")
    x = np.linspace(-1.0, 1.0, 9)
    y = x**2
    assert gradient_check(net, x, y) < 1e-6
    real = Network.gradient

    def off_by_a_bit(self, xx, yy, loss="mse"):
        loss, grad = real(self, xx, yy, loss)
        grad = grad.copy()
        grad[0] *= 1.01
        return loss, grad

    monkeypatch.setattr(Network, "gradient", off_by_a_bit)
    assert gradient_check(net, x, y) == pytest.approx(0.01 / 2.01, rel=1e-3)


def test_dead_relu_unit_has_exactly_zero_gradient():
    net = Network([([[1.0], [1.0]], [-10.0, 0.5], "relu"), ([[1.0, 1.0]], [0.0], "identity")])
    _, grad = net.gradient(np.linspace(-1.0, 1.0, 11), np.zeros(11))
    assert grad[0] == 0.0 and grad[2] == 0.0 and grad[4] == 0.0
    assert grad[1] != 0.0


def test_all_activations_are_covered():
    assert sorted(HIDDEN) == sorted(ACTIVATIONS)
