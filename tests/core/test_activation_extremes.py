"""Every activation and its derivative take any finite input without a NumPy warning (issue 9, item 8).

Weights may be as large as ±1e12, so pre-activations can be anywhere in the float range. A warning
is an error under the test settings, and in the window it stopped the build. Underflow is NumPy's
"ignore" by default (a subnormal result is the right answer), so it is not counted here.
"""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reluplay.core import ACTIVATIONS, ActivationContext

BIGGEST = float(np.finfo(float).max)
MAGNITUDES = np.concatenate([10.0 ** np.arange(-320, 309, 4.0), [1e12, 1e103, 1e155, 1e308, BIGGEST]])
SWEEP = np.concatenate([-MAGNITUDES, [0.0], MAGNITUDES])
CONTEXTS = [ActivationContext(), ActivationContext(leaky_slope=0.3, relu_grad_at_zero=0.5)]

# (value, derivative) far left and far right of zero; None means "equals z" / "slope * z".
LIMITS = {
    "relu": ((0.0, 0.0), (None, 1.0)),
    "leaky_relu": (("slope", "slope"), (None, 1.0)),
    "softplus": ((0.0, 0.0), (None, 1.0)),
    "sigmoid": ((0.0, 0.0), (1.0, 0.0)),
    "tanh": ((-1.0, 0.0), (1.0, 0.0)),
    "swish": ((0.0, 0.0), (None, 1.0)),
    "gelu": ((0.0, 0.0), (None, 1.0)),
    "elu": ((-1.0, 0.0), (None, 1.0)),
    "identity": ((None, 1.0), (None, 1.0)),
}


def _evaluate(name, z, ctx):
    activation = ACTIVATIONS[name]
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        value = activation.value(z, ctx)
        derivative = activation.derivative(z, ctx)
        upstream = np.full_like(np.asarray(z, dtype=float), 0.5)
        fused = np.empty_like(upstream)
        activation.backward(np.asarray(z, dtype=float), value, upstream, fused, ctx)
    return value, derivative, fused


@pytest.mark.parametrize("ctx", CONTEXTS)
@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_no_warning_and_finite_across_the_whole_float_range(name, ctx):
    value, derivative, fused = _evaluate(name, SWEEP, ctx)
    assert np.isfinite(value).all() and np.isfinite(derivative).all() and np.isfinite(fused).all()
    np.testing.assert_array_equal(fused, 0.5 * derivative)


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
@pytest.mark.parametrize("z", [1e12, 1e103, 1e155, BIGGEST])
def test_far_from_zero_the_values_reach_their_limits(name, z):
    ctx = ActivationContext(leaky_slope=0.25)
    (left_value, left_slope), (right_value, right_slope) = LIMITS[name]
    value, derivative, _ = _evaluate(name, np.array([-z, z]), ctx)
    slope = ctx.leaky_slope
    expected_left = -z if left_value is None else -z * slope if left_value == "slope" else left_value
    expected_left_slope = slope if left_slope == "slope" else left_slope
    assert value[0] == expected_left
    assert derivative[0] == expected_left_slope
    assert value[1] == (z if right_value is None else right_value)
    assert derivative[1] == right_slope


@settings(max_examples=300, deadline=None)
@given(z=st.floats(allow_nan=False, allow_infinity=False), name=st.sampled_from(sorted(ACTIVATIONS)))
def test_any_finite_input_is_warning_free(z, name):
    value, derivative, fused = _evaluate(name, np.array([z]), CONTEXTS[1])
    assert np.isfinite(value).all() and np.isfinite(derivative).all() and np.isfinite(fused).all()


def test_a_deep_gelu_network_with_the_largest_valid_weights_computes_without_warning():
    from reluplay.core import MAX_HIDDEN_LAYERS, Network

    big = 1e12  # presets.schema.MAX_ABS_PARAMETER: the largest weight a file may hold
    layers = [(np.full((3, 1), big), np.full(3, big), "gelu")]
    layers += [(np.full((3, 3), big), np.full(3, big), "gelu")] * (MAX_HIDDEN_LAYERS - 1)
    layers += [(np.full((1, 3), big), np.zeros(1), "identity")]
    network = Network(layers)
    x = np.linspace(-1e6, 1e6, 5)  # the data limit; the last layers see |z| far beyond 1e103
    with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
        loss, grad = network.gradient(x, np.zeros(5))
    assert np.isfinite(network(x)).all() and np.isfinite(loss) and np.isfinite(grad).all()
