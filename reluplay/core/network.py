"""A feed-forward network from one input to one output, with its forward and backward pass.

All parameters live in one flat float64 vector; each layer's weights ``(n_out, n_in)`` and
biases ``(n_out,)`` are views into it. Optimizers, snapshots and finiteness checks then work
on a single array, which is what keeps a small network's training step at a few microseconds.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .activations import (
    GRAD_AT_ZERO_CHOICES,
    OUTPUT_ACTIVATIONS,
    ActivationContext,
    get_activation,
)

MAX_HIDDEN_LAYERS = 8
MAX_UNITS_PER_LAYER = 256


class NetworkError(ValueError):
    """A network that cannot be built as asked (bad shape, unknown activation, limits)."""


@dataclass
class Layer:
    """One layer: views into the owning network's parameter vector."""

    weights: np.ndarray  # (n_out, n_in)
    biases: np.ndarray  # (n_out,)
    activation: str

    @property
    def n_out(self) -> int:
        return self.weights.shape[0]

    @property
    def n_in(self) -> int:
        return self.weights.shape[1]


class Network:
    """Layers of units; the last layer is the single output unit."""

    def __init__(
        self,
        layers: Sequence[tuple[np.ndarray, np.ndarray, str]],
        leaky_slope: float = 0.01,
        relu_grad_at_zero: float = 0.0,
    ):
        shapes = _check_layers(layers)
        if not np.isfinite(leaky_slope) or not 0.0 <= leaky_slope <= 1.0:
            raise NetworkError(f"leaky_slope must be between 0 and 1, got {leaky_slope}")
        if relu_grad_at_zero not in GRAD_AT_ZERO_CHOICES:
            raise NetworkError(f"relu_grad_at_zero must be one of {GRAD_AT_ZERO_CHOICES}, got {relu_grad_at_zero}")
        self.context = ActivationContext(float(leaky_slope), float(relu_grad_at_zero))
        self.params = np.empty(sum(o * i + o for o, i in shapes))
        self.layers: list[Layer] = []
        offset = 0
        for (n_out, n_in), (w, b, act) in zip(shapes, layers):
            w_view = self.params[offset : offset + n_out * n_in].reshape(n_out, n_in)
            offset += n_out * n_in
            b_view = self.params[offset : offset + n_out]
            offset += n_out
            w_view[...] = w
            b_view[...] = b
            self.layers.append(Layer(w_view, b_view, act))
        if not np.isfinite(self.params).all():
            raise NetworkError("weights and biases must be finite numbers")

    # --- construction -------------------------------------------------------------------
    @classmethod
    def initialized(
        cls,
        hidden_sizes: Sequence[int],
        activation: str | Sequence[str] = "relu",
        output_activation: str = "identity",
        seed: int = 0,
        leaky_slope: float = 0.01,
        relu_grad_at_zero: float = 0.0,
    ) -> "Network":
        """A seeded random start: He init for ReLU-like layers, Glorot otherwise; zero biases."""
        acts = [activation] * len(hidden_sizes) if isinstance(activation, str) else list(activation)
        if len(acts) != len(hidden_sizes):
            raise NetworkError("one activation per hidden layer is needed")
        sizes = [1, *hidden_sizes, 1]
        rng = np.random.default_rng(seed)
        layers = []
        for n_in, n_out, act in zip(sizes[:-1], sizes[1:], [*acts, output_activation]):
            try:
                relu_like = get_activation(act).relu_like
            except ValueError as exc:
                raise NetworkError(str(exc)) from None
            if relu_like:
                std = np.sqrt(2.0 / n_in)
            else:
                std = np.sqrt(2.0 / (n_in + n_out))
            w = rng.normal(0.0, std, size=(n_out, n_in))
            b = np.zeros(n_out)
            if n_in == 1 and n_out > 1:
                # With one input, spread the kinks over the usual [-1, 1] lesson range
                # so a fresh network is not all kinked at x = 0.
                b = -w[:, 0] * rng.uniform(-1.0, 1.0, size=n_out)
            layers.append((w, b, act))
        return cls(layers, leaky_slope, relu_grad_at_zero)

    def copy(self) -> "Network":
        return Network(self.layer_specs(), self.context.leaky_slope, self.context.relu_grad_at_zero)

    def layer_specs(self) -> list[tuple[np.ndarray, np.ndarray, str]]:
        """Copies of (weights, biases, activation) for every layer, to rebuild or edit."""
        return [(lay.weights.copy(), lay.biases.copy(), lay.activation) for lay in self.layers]

    def with_changes(self, layers=None, leaky_slope=None, relu_grad_at_zero=None) -> "Network":
        return Network(
            self.layer_specs() if layers is None else layers,
            self.context.leaky_slope if leaky_slope is None else leaky_slope,
            self.context.relu_grad_at_zero if relu_grad_at_zero is None else relu_grad_at_zero,
        )

    # --- shape ---------------------------------------------------------------------------
    @property
    def sizes(self) -> list[int]:
        return [1] + [lay.n_out for lay in self.layers]

    @property
    def hidden_layers(self) -> list[Layer]:
        return self.layers[:-1]

    @property
    def output_layer(self) -> Layer:
        return self.layers[-1]

    @property
    def leaky_slope(self) -> float:
        return self.context.leaky_slope

    @property
    def relu_grad_at_zero(self) -> float:
        return self.context.relu_grad_at_zero

    def weight_mask(self) -> np.ndarray:
        """1.0 where the flat parameter vector holds a weight, 0.0 for a bias (for L2)."""
        mask = np.zeros_like(self.params)
        offset = 0
        for lay in self.layers:
            mask[offset : offset + lay.weights.size] = 1.0
            offset += lay.weights.size + lay.biases.size
        return mask

    def set_params(self, flat: np.ndarray) -> None:
        np.copyto(self.params, flat)

    def same_as(self, other: "Network") -> bool:
        return (
            self.sizes == other.sizes
            and [lay.activation for lay in self.layers] == [lay.activation for lay in other.layers]
            and self.context == other.context
            and np.array_equal(self.params, other.params)
        )

    # --- passes --------------------------------------------------------------------------
    def forward(self, x) -> "Pass":
        """Every layer's pre-activation and activation at the points x (a fresh workspace)."""
        x = np.asarray(x, dtype=float).reshape(-1)
        work = Pass(self, x.size)
        work.run_forward(x)
        return work

    def __call__(self, x) -> np.ndarray:
        return self.forward(x).output.copy()

    def loss(self, x, y) -> float:
        """Mean squared error: mean over points of (y_hat - y)^2."""
        out = self(x)
        return float(np.mean((out - _targets(y, out.size)) ** 2))

    def gradient(self, x, y) -> tuple[float, np.ndarray]:
        """(MSE, gradient of the MSE for every parameter, flat like ``params``)."""
        x = np.asarray(x, dtype=float).reshape(-1)
        work = Pass(self, x.size)
        loss = work.run_backward(x, _targets(y, x.size))
        return loss, work.grad


def _targets(y, n_points: int) -> np.ndarray:
    """y as a flat vector with one target per point (a column of targets is fine, a grid is not)."""
    y = np.asarray(y, dtype=float).reshape(-1)
    if y.size != n_points:
        raise ValueError(f"expected {n_points} targets, one per x, got {y.size}")
    return y


class Pass:
    """Buffers for one batch size, reused step after step by the trainer.

    ``grad`` is this pass's flat gradient vector, laid out like ``network.params``.

    Speed (a 1-8-1 step is ~30 NumPy calls, so each call counts): everything a step needs
    is looked up once here, and a product with a dimension of 1 (the first layer's ``W @ x``,
    the output unit's ``W.T @ delta``) is an outer product, which ``np.multiply`` computes
    faster than ``np.matmul`` and with the same numbers (one product per entry).
    """

    def __init__(self, network: Network, n_points: int):
        self.network = network
        self.n_points = n_points
        self.grad = np.empty_like(network.params)
        self.residual = np.empty(n_points)
        self.pre: list[np.ndarray] = []
        self.post: list[np.ndarray] = []
        self._forward = []
        backward = []
        offset = 0
        upstreams = []
        for lay in network.layers:
            z = np.empty((lay.n_out, n_points))
            identity = lay.activation == "identity"
            act = None if identity else get_activation(lay.activation)
            a = z if identity else np.empty_like(z)  # identity: no copy, no derivative pass
            upstream = np.empty_like(z)
            delta = upstream if identity else np.empty_like(z)
            n_w, n_b = lay.weights.size, lay.biases.size
            g_w = self.grad[offset : offset + n_w].reshape(lay.weights.shape)
            g_b = self.grad[offset + n_w : offset + n_w + n_b]
            offset += n_w + n_b
            mix = np.multiply if lay.n_in == 1 else np.matmul
            self._forward.append((mix, lay.weights, lay.biases[:, None], act, z, a))
            # (activation, z, a, upstream, delta, gradients, the layer below's output transposed
            # (None for the input, which comes with each call), how to send delta down)
            prev_t = self.post[-1].T if self.post else None
            back = np.multiply if lay.n_out == 1 else np.matmul
            backward.append([act, z, a, upstream, delta, g_w, g_b, prev_t, back, lay.weights.T, None])
            upstreams.append(upstream)
            self.pre.append(z)
            self.post.append(a)
        for i in range(1, len(backward)):
            backward[i][-1] = upstreams[i - 1]  # where this layer's delta goes
        self._backward = [tuple(step) for step in reversed(backward)]
        self.output = self.post[-1][0]
        self._top_upstream = upstreams[-1][0]
        first = network.layers[0]
        # weights (n, 1) then biases (n,) are adjacent in params: as (2, n) rows, transposed,
        # they are the (n, 2) matrix [w b].
        self._first_wb = network.params[: 2 * first.n_out].reshape(2, first.n_out).T
        self._x_and_ones = np.ones((2, n_points))
        self._one_hidden = None
        if len(network.layers) == 2:
            self._one_hidden = self._plan_one_hidden(network, n_points, backward, offset_end=offset)

    def _plan_one_hidden(self, network: Network, n_points: int, backward, offset_end: int):
        """Buffers for the shortcut that a network with one hidden layer of n units allows.

        The output unit's delta d (one row) reaches hidden unit j as w_j * d, times f'(z_j):
            dW_j = w_j * sum_i f'(z_ji) d_i x_i      db_j = w_j * sum_i f'(z_ji) d_i
        so both come from ONE product of the (n, N) derivative table with the two rows
        [d * x; d], instead of forming the (n, N) delta table and reducing it twice.
        The output layer writes its delta straight into the second row.
        """
        hidden, out = network.layers
        rows = np.empty((2, n_points))
        out_step = list(backward[1])
        if out.activation == "identity":
            out_step[3] = out_step[4] = rows[1:2]  # upstream is delta: no derivative pass
            self._top_upstream = rows[1]
        else:
            out_step[4] = rows[1:2]
        out_step[-1] = None  # nothing is sent down: the hidden layer is done by the shortcut
        n = hidden.n_out
        grads = self.grad[: 2 * n].reshape(2, n)  # the hidden layer's dW (n x 1) then db (n), adjacent
        return tuple(out_step), hidden.activation, backward[0][1], backward[0][2], backward[0][4], rows, grads, out.weights[0]

    def run_forward(self, x: np.ndarray) -> None:
        ctx = self.network.context
        # First layer: the input x and a row of ones against [w b], one matrix product that
        # adds the bias too (a broadcast multiply and a bias pass cost four times as much).
        np.copyto(self._x_and_ones[0], x)
        _, _, _, act, z, a = self._forward[0]
        np.matmul(self._first_wb, self._x_and_ones, out=z)
        if act is not None:
            act.forward(z, a, ctx)
        prev = a
        for mix, weights, bias, act, z, a in self._forward[1:]:
            mix(weights, prev, out=z)
            z += bias
            if act is not None:
                act.forward(z, a, ctx)
            prev = a

    def run_backward(self, x: np.ndarray, y: np.ndarray) -> float:
        """Forward, then fill ``self.grad`` with d(MSE)/d(params); returns the MSE."""
        self.run_forward(x)
        r = self.residual
        np.subtract(self.output, y, out=r)
        loss = float(np.dot(r, r)) / self.n_points
        np.multiply(r, 2.0 / self.n_points, out=self._top_upstream)
        ctx = self.network.context
        matmul, add_reduce = np.matmul, np.add.reduce
        if self._one_hidden is not None:
            out_step, _, z, a, slopes, rows, grads, w_out = self._one_hidden
            act, z2, a2, upstream, delta, g_w, g_b, prev_t, _, _, _ = out_step
            if act is not None:
                act.backward(z2, a2, upstream, delta, ctx)
            matmul(delta, prev_t, out=g_w)
            add_reduce(delta, axis=1, out=g_b)
            hidden_act = self._backward[1][0]
            if hidden_act is None:
                slopes.fill(1.0)
            else:
                hidden_act.backward(z, a, None, slopes, ctx)
            np.multiply(rows[1], x, out=rows[0])
            matmul(rows, slopes.T, out=grads)
            grads *= w_out
            return loss
        for act, z, a, upstream, delta, g_w, g_b, prev_t, back, weights_t, down in self._backward:
            if act is not None:
                act.backward(z, a, upstream, delta, ctx)
            matmul(delta, x.reshape(-1, 1) if prev_t is None else prev_t, out=g_w)
            add_reduce(delta, axis=1, out=g_b)
            if down is not None:
                back(weights_t, delta, out=down)
        return loss


def _check_layers(layers) -> list[tuple[int, int]]:
    if len(layers) < 2:
        raise NetworkError("a network needs at least one hidden layer and the output layer")
    if len(layers) - 1 > MAX_HIDDEN_LAYERS:
        raise NetworkError(f"at most {MAX_HIDDEN_LAYERS} hidden layers, got {len(layers) - 1}")
    shapes = []
    n_in = 1
    for index, (w, b, act) in enumerate(layers):
        is_output = index == len(layers) - 1
        where = "output layer" if is_output else f"hidden layer {index + 1}"
        w = _as_floats(w, where, "weights")
        b = _as_floats(b, where, "biases")
        if w.ndim != 2 or w.shape[1] != n_in:
            raise NetworkError(f"{where}: weights must have shape (units, {n_in}), got {w.shape}")
        n_out = w.shape[0]
        if n_out < 1:
            raise NetworkError(f"{where}: needs at least one unit")
        if is_output and n_out != 1:
            raise NetworkError(f"output layer must have exactly 1 unit, got {n_out}")
        if not is_output and n_out > MAX_UNITS_PER_LAYER:
            raise NetworkError(f"{where}: at most {MAX_UNITS_PER_LAYER} units, got {n_out}")
        if b.shape != (n_out,):
            raise NetworkError(f"{where}: biases must have shape ({n_out},), got {b.shape}")
        try:
            get_activation(act)
        except ValueError as exc:
            raise NetworkError(f"{where}: {exc}") from None
        if is_output and act not in OUTPUT_ACTIVATIONS:
            raise NetworkError(f"output activation must be one of {OUTPUT_ACTIVATIONS}, got {act!r}")
        shapes.append((n_out, n_in))
        n_in = n_out
    return shapes


def _as_floats(values, where: str, what: str) -> np.ndarray:
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise NetworkError(f"{where}: {what} must be a rectangular table of numbers") from None
