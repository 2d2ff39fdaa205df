"""Activation functions and their derivatives, as a table of named entries.

Every function writes into a caller-supplied ``out`` array so the training loop
allocates nothing per step. ``backward`` multiplies the upstream gradient by the
derivative in one go (fusing the two saves a pass over the batch).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

#: Choices for the derivative of ReLU-like functions at exactly 0. 0 picks the left slope,
#: 1 the right slope and 0.5 their average; frameworks use 0.
GRAD_AT_ZERO_CHOICES = (0.0, 0.5, 1.0)

_SQRT_2_OVER_PI = float(np.sqrt(2.0 / np.pi))
_GELU_C = 0.044715
#: Beyond this |z| the tanh in GELU is exactly ±1 in float64 (it is from |z| > ~10), so its
#: argument is computed from z clipped here: the cube of a huge z would overflow to inf.
_GELU_SATURATED = 1e4


@dataclass(frozen=True)
class ActivationContext:
    """Settings shared by the activations of one network."""

    leaky_slope: float = 0.01
    relu_grad_at_zero: float = 0.0


@dataclass(frozen=True)
class Activation:
    name: str
    label: str
    #: piecewise linear (ReLU family): the network output is made of linear pieces.
    piecewise_linear: bool
    #: ReLU-like: He initialisation, and "dead unit" analysis makes sense.
    relu_like: bool
    forward: Callable[[np.ndarray, np.ndarray, ActivationContext], None]
    backward: Callable[[np.ndarray, np.ndarray, np.ndarray, np.ndarray, ActivationContext], None]

    def value(self, z, ctx: ActivationContext = ActivationContext()) -> np.ndarray:
        z = np.asarray(z, dtype=float)
        out = np.empty_like(z)
        self.forward(z, out, ctx)
        return out

    def derivative(self, z, ctx: ActivationContext = ActivationContext()) -> np.ndarray:
        z = np.asarray(z, dtype=float)
        a = self.value(z, ctx)
        out = np.empty_like(z)
        self.backward(z, a, None, out, ctx)
        return out


# --- forward functions: out = f(z) -------------------------------------------------------

def _relu(z, out, ctx):
    np.maximum(z, 0.0, out=out)


def _leaky_relu(z, out, ctx):
    # For 0 <= slope <= 1, max(z, slope*z) is the leaky ReLU.
    np.multiply(z, ctx.leaky_slope, out=out)
    np.maximum(z, out, out=out)


def _softplus(z, out, ctx):
    np.logaddexp(0.0, z, out=out)  # log(1 + e^z) without overflow


def _sigmoid(z, out, ctx):
    # 0.5 * (1 + tanh(z/2)) is the logistic function without exp overflow.
    np.multiply(z, 0.5, out=out)
    np.tanh(out, out=out)
    out += 1.0
    out *= 0.5


def _tanh(z, out, ctx):
    np.tanh(z, out=out)


def _swish(z, out, ctx):
    _sigmoid(z, out, ctx)
    out *= z


def _gelu(z, out, ctx):
    # The tanh approximation of GELU (as PyTorch's approximate="tanh"); NumPy has no erf.
    zc = np.clip(z, -_GELU_SATURATED, _GELU_SATURATED)
    np.multiply(zc, zc, out=out)
    out *= _GELU_C * zc
    out += zc
    out *= _SQRT_2_OVER_PI
    np.tanh(out, out=out)
    out += 1.0
    out *= 0.5  # halve before multiplying by z: 2 * z overflows for the largest z
    out *= z


def _elu(z, out, ctx):
    np.minimum(z, 0.0, out=out)
    np.expm1(out, out=out)
    np.maximum(z, out, out=out)  # for z > 0, z > expm1(0) = 0


def _identity(z, out, ctx):
    np.copyto(out, z)


def _softmax(z, out, ctx):
    # Over the column of k output units (axis 0), for every point at once. Subtracting each
    # column's largest z first changes nothing in exact arithmetic and keeps exp from overflowing:
    # the largest term is e^0 = 1, so the sum is between 1 and k.
    np.subtract(z, np.max(z, axis=0, keepdims=True), out=out)
    np.exp(out, out=out)
    out /= np.sum(out, axis=0, keepdims=True)


# --- backward functions: out = upstream * f'(z) -------------------------------------------
# With upstream=None they write just f'(z): a one-hidden-layer network folds the upstream
# gradient in later, in one matrix product (see network.Pass._first_under_one_unit).

_LARGE_TABLE = 8192


def _times(out, upstream):
    if upstream is not None:
        out *= upstream


def _right_of_kink(z, g0, out):
    """out = 0 left of the kink, 1 right of it and the chosen g0 exactly on it."""
    # heaviside(z, g0) says exactly that; for g0 = 0 or 1 a comparison gives the same
    # numbers (cast to float) in about 60% of the time.
    if g0 == 0.0:
        np.greater(z, 0.0, out=out)
    elif g0 == 1.0:
        np.greater_equal(z, 0.0, out=out)
    else:
        np.heaviside(z, g0, out=out)


def _relu_backward(z, a, upstream, out, ctx):
    if ctx.relu_grad_at_zero == 0.0:
        # a = max(z, 0) is positive exactly right of the kink: its sign is the step. On small
        # tables a float-to-float sign is quicker than a comparison cast to float; on large
        # ones (a 32-unit layer over 1000 points) the comparison takes half the time.
        if out.size > _LARGE_TABLE:
            np.greater(a, 0.0, out=out)
        else:
            np.sign(a, out=out)
    else:
        _right_of_kink(z, ctx.relu_grad_at_zero, out)
    _times(out, upstream)


def _leaky_relu_backward(z, a, upstream, out, ctx):
    # slope + (1 - slope) * step: the chosen value at 0 interpolates the two one-sided slopes.
    slope = ctx.leaky_slope
    _right_of_kink(z, ctx.relu_grad_at_zero, out)
    out *= 1.0 - slope
    out += slope
    _times(out, upstream)


def _softplus_backward(z, a, upstream, out, ctx):
    _sigmoid(z, out, ctx)  # d/dz log(1 + e^z) = sigmoid(z)
    _times(out, upstream)


def _sigmoid_backward(z, a, upstream, out, ctx):
    np.subtract(1.0, a, out=out)
    out *= a
    _times(out, upstream)


def _tanh_backward(z, a, upstream, out, ctx):
    np.multiply(a, a, out=out)
    np.subtract(1.0, out, out=out)
    _times(out, upstream)


def _swish_backward(z, a, upstream, out, ctx):
    # d/dz z*s(z) = s + z*s*(1-s) = s*(1 + z - a) where a = z*s
    s = np.empty_like(z)
    _sigmoid(z, s, ctx)
    np.subtract(z, a, out=out)
    out += 1.0
    out *= s
    _times(out, upstream)


def _gelu_backward(z, a, upstream, out, ctx):
    zc = np.clip(z, -_GELU_SATURATED, _GELU_SATURATED)  # see _gelu: keeps z**3 finite
    z2 = zc * zc
    inner = _SQRT_2_OVER_PI * (zc + _GELU_C * zc * z2)
    t = np.tanh(inner)
    d_inner = _SQRT_2_OVER_PI * (1.0 + 3.0 * _GELU_C * z2)
    # Where |z| is clipped, 1 - t*t is exactly 0, so using zc for the factor z is exact too.
    np.multiply(1.0 - t * t, d_inner, out=out)
    out *= 0.5 * zc
    out += 0.5 * (1.0 + t)
    _times(out, upstream)


def _elu_backward(z, a, upstream, out, ctx):
    # f'(z) = 1 for z > 0, e^z = f(z) + 1 otherwise
    np.add(a, 1.0, out=out)
    np.minimum(out, 1.0, out=out)
    _times(out, upstream)


def _identity_backward(z, a, upstream, out, ctx):
    if upstream is None:
        out.fill(1.0)
    else:
        np.copyto(out, upstream)


def _softmax_backward(z, a, upstream, out, ctx):
    # Softmax mixes the k units, so there is no elementwise f'(z): dL/dz_i = a_i (g_i - Σ_j a_j g_j).
    # (Cross-entropy never comes here: its dL/dz is p - onehot, see losses.py.)
    if upstream is None:
        raise ValueError("softmax has no elementwise derivative: it needs the gradient from above")
    np.multiply(a, upstream, out=out)
    weighted = np.sum(out, axis=0, keepdims=True)
    np.subtract(upstream, weighted, out=out)
    out *= a


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("relu", "ReLU", True, True, _relu, _relu_backward),
        Activation("leaky_relu", "Leaky ReLU", True, True, _leaky_relu, _leaky_relu_backward),
        Activation("softplus", "Softplus", False, False, _softplus, _softplus_backward),
        Activation("sigmoid", "Sigmoid", False, False, _sigmoid, _sigmoid_backward),
        Activation("tanh", "tanh", False, False, _tanh, _tanh_backward),
        Activation("swish", "Swish", False, False, _swish, _swish_backward),
        Activation("gelu", "GELU (tanh approx.)", False, False, _gelu, _gelu_backward),
        Activation("elu", "ELU", False, True, _elu, _elu_backward),
        Activation("identity", "Identity (none)", True, False, _identity, _identity_backward),
    )
}

#: Activations allowed on a single output unit ("sigmoid": the probability of class 1).
OUTPUT_ACTIVATIONS = ("identity", "relu", "sigmoid")
#: The output of 2..MAX_CLASSES units for 3-4 classes: their probabilities, summing to 1. Not in
#: ACTIVATIONS (those act on each unit alone and may be used in hidden layers); get_activation knows it.
SOFTMAX = Activation("softmax", "Softmax", False, False, _softmax, _softmax_backward)
#: Outputs that give class probabilities (cross-entropy needs one of them).
CLASSIFIER_OUTPUTS = ("sigmoid", "softmax")
#: The most classes (softmax output units) a network may have.
MAX_CLASSES = 4


def get_activation(name: str) -> Activation:
    if name == SOFTMAX.name:
        return SOFTMAX
    try:
        return ACTIVATIONS[name]
    except KeyError:
        known = ", ".join(ACTIVATIONS)
        raise ValueError(f"unknown activation {name!r} (known: {known})") from None
