"""Activation values and derivatives: by hand, and against central finite differences."""
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reluplay.core import ACTIVATIONS, GRAD_AT_ZERO_CHOICES, OUTPUT_ACTIVATIONS, ActivationContext, get_activation

ALL = ["relu", "leaky_relu", "softplus", "sigmoid", "tanh", "swish", "gelu", "elu", "identity"]
KINKED = {"relu", "leaky_relu", "elu"}  # not differentiable (elu: not twice) at 0


def test_every_activation_the_issue_names_exists():
    assert sorted(ACTIVATIONS) == sorted(ALL)
    assert set(OUTPUT_ACTIVATIONS) == {"identity", "relu", "sigmoid"}  # sigmoid: two classes (issue 12)
    assert GRAD_AT_ZERO_CHOICES == (0.0, 0.5, 1.0)


def test_unknown_activation_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown activation 'rectifier'"):
        get_activation("rectifier")


def test_relu_is_max_zero_x():
    relu = get_activation("relu")
    z = np.array([-3.0, -1e-300, 0.0, 1e-300, 2.5, 1e300])
    assert relu.value(z).tolist() == [0.0, 0.0, 0.0, 1e-300, 2.5, 1e300]
    assert not np.signbit(relu.value([-0.0])).any()  # no -0.0 shows up in a table


@pytest.mark.parametrize("g0", [0.0, 0.5, 1.0])
def test_relu_derivative_with_the_chosen_value_at_zero(g0):
    relu = get_activation("relu")
    ctx = ActivationContext(relu_grad_at_zero=g0)
    z = np.array([-2.0, -1e-12, 0.0, -0.0, 1e-12, 3.0])
    assert relu.derivative(z, ctx).tolist() == [0.0, 0.0, g0, g0, 1.0, 1.0]


@pytest.mark.parametrize("slope", [0.0, 0.01, 0.2, 1.0])
@pytest.mark.parametrize("g0", [0.0, 0.5, 1.0])
def test_leaky_relu_value_and_interpolated_derivative_at_zero(slope, g0):
    leaky = get_activation("leaky_relu")
    ctx = ActivationContext(leaky_slope=slope, relu_grad_at_zero=g0)
    z = np.array([-4.0, 0.0, 2.0])
    assert leaky.value(z, ctx) == pytest.approx([-4.0 * slope, 0.0, 2.0])
    # at 0 the chosen value interpolates the two one-sided slopes: 0 -> slope, 1 -> 1, 0.5 -> their mean
    at_zero = slope + g0 * (1.0 - slope)
    assert leaky.derivative(z, ctx) == pytest.approx([slope, at_zero, 1.0])


def test_leaky_relu_default_slope_is_one_hundredth():
    assert ActivationContext().leaky_slope == 0.01
    assert get_activation("leaky_relu").value([-100.0]) == pytest.approx([-1.0])


def test_values_by_hand():
    z = np.array([-1.0, 0.0, 2.0])
    sig = 1.0 / (1.0 + np.exp(-z))
    expect = {
        "softplus": np.log1p(np.exp(z)),
        "sigmoid": sig,
        "tanh": np.tanh(z),
        "swish": z * sig,
        "gelu": 0.5 * z * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (z + 0.044715 * z**3))),
        "elu": np.where(z > 0, z, np.exp(z) - 1.0),
        "identity": z,
    }
    for name, want in expect.items():
        assert get_activation(name).value(z) == pytest.approx(want, rel=1e-14, abs=1e-15), name


def test_no_overflow_for_huge_inputs():
    z = np.array([-1e308, -800.0, 800.0, 1e308])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        for name in ("softplus", "sigmoid", "tanh", "elu"):
            out = get_activation(name).value(z)
            assert np.isfinite(out).all(), name
    assert get_activation("sigmoid").value(z).tolist() == [0.0, 0.0, 1.0, 1.0]
    assert get_activation("softplus").value([800.0]) == pytest.approx([800.0])


def _finite_difference(act, z, ctx, h=1e-6):
    return (act.value(z + h, ctx) - act.value(z - h, ctx)) / (2.0 * h)


@pytest.mark.parametrize("name", ALL)
def test_derivative_matches_central_differences(name):
    act = get_activation(name)
    ctx = ActivationContext(leaky_slope=0.07)
    z = np.linspace(-6.0, 6.0, 241) + 0.0123  # never exactly on the kink at 0
    assert act.derivative(z, ctx) == pytest.approx(_finite_difference(act, z, ctx), rel=1e-6, abs=1e-8)


@pytest.mark.parametrize("name", ALL)
@settings(max_examples=60, deadline=None)
@given(z=st.floats(-30.0, 30.0).filter(lambda v: abs(v) > 1e-4), slope=st.floats(0.0, 1.0))
def test_derivative_matches_central_differences_anywhere(name, z, slope):
    act = get_activation(name)
    ctx = ActivationContext(leaky_slope=slope)
    zz = np.array([z])
    numeric = _finite_difference(act, zz, ctx, h=1e-6 * max(1.0, abs(z)))
    assert act.derivative(zz, ctx) == pytest.approx(numeric, rel=1e-5, abs=1e-7)


@pytest.mark.parametrize("name", sorted(set(ALL) - KINKED))
def test_smooth_derivatives_at_zero(name):
    act = get_activation(name)
    want = _finite_difference(act, np.array([0.0]), ActivationContext())
    assert act.derivative([0.0]) == pytest.approx(want, abs=1e-9)


def test_derivative_multiplies_the_upstream_gradient():
    z = np.array([-1.5, -0.2, 0.3, 2.0])
    up = np.array([2.0, -3.0, 0.5, 7.0])
    ctx = ActivationContext()
    for name, act in ACTIVATIONS.items():
        a = act.value(z, ctx)
        out = np.empty_like(z)
        act.backward(z, a, up, out, ctx)
        assert out == pytest.approx(up * act.derivative(z, ctx), rel=1e-14), name


def test_piecewise_linear_and_relu_like_flags():
    assert {n for n, a in ACTIVATIONS.items() if a.piecewise_linear} == {"relu", "leaky_relu", "identity"}
    assert {n for n, a in ACTIVATIONS.items() if a.relu_like} == {"relu", "leaky_relu", "elu"}
