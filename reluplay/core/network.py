"""A feed-forward network from one input to one output, with its forward and backward pass.

All parameters live in one flat float64 vector; each layer's weights ``(n_out, n_in)`` and
biases ``(n_out,)`` are views into it. Optimizers, snapshots and finiteness checks then work
on a single array, which is what keeps a small network's training step at a few microseconds.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .activations import (
    GRAD_AT_ZERO_CHOICES,
    OUTPUT_ACTIVATIONS,
    Activation,
    ActivationContext,
    get_activation,
)

#: The largest network the app takes: every size it accepts must train, draw, pause and rewind
#: smoothly in the window (issue 11; tests/bench/bench_ui.py --largest measures it). At 8 x 256
#: units on 10,000 points one full-batch step took 2.6-7 s on the 2-core reference machine, so
#: Pause, rewind and the editor could not be smooth; 6 x 64 on 2,000 points meets every target.
#: (TF Playground stops at 6 x 8.)
MAX_HIDDEN_LAYERS = 6
MAX_UNITS_PER_LAYER = 64


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
    ) -> Network:
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

    def copy(self) -> Network:
        return Network(self.layer_specs(), self.context.leaky_slope, self.context.relu_grad_at_zero)

    def layer_specs(self) -> list[tuple[np.ndarray, np.ndarray, str]]:
        """Copies of (weights, biases, activation) for every layer, to rebuild or edit."""
        return [(lay.weights.copy(), lay.biases.copy(), lay.activation) for lay in self.layers]

    def with_changes(self, layers=None, leaky_slope=None, relu_grad_at_zero=None) -> Network:
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

    def same_as(self, other: Network) -> bool:
        return (
            self.sizes == other.sizes
            and [lay.activation for lay in self.layers] == [lay.activation for lay in other.layers]
            and self.context == other.context
            and np.array_equal(self.params, other.params)
        )

    # --- passes --------------------------------------------------------------------------
    def forward(self, x) -> Pass:
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


@dataclass(slots=True, eq=False)
class LayerCache:
    """One layer's numbers for one batch of N points: what the forward pass keeps for the backward pass.

    Every table has a row per unit and a column per point. The names are the walkthrough panel's:
    z = W·inputs + b (pre-activation), a = f(z) (activation); ``dL_d*`` is the gradient of the
    loss L with respect to that value.
    """

    W: np.ndarray  # (n_out, n_in): the layer's weights (a view into Network.params)
    b: np.ndarray  # (n_out, 1): its biases, as a column that adds to every point
    f: Activation | None  # None for the identity: then a is z, and dL/dz is dL/da (no copies)
    inputs: np.ndarray  # (n_in, N): the layer below's a; for the first layer the row of x
    z: np.ndarray  # (n_out, N)
    a: np.ndarray  # (n_out, N)
    dL_da: np.ndarray  # (n_out, N): from the layer above (for the output layer: dL/dŷ)
    dL_dz: np.ndarray  # (n_out, N); with one hidden layer, the first layer's dL/da and dL/dz
    # are never built as tables (see Pass._first_under_one_unit)
    dL_dW: np.ndarray  # (n_out, n_in): a view into Pass.grad
    dL_db: np.ndarray  # (n_out,): a view into Pass.grad
    above: LayerCache | None = None  # the next layer up; None for the output layer


class Pass:
    """The forward and backward pass for one batch size, its buffers reused step after step.

    ``caches`` holds a :class:`LayerCache` per layer; ``pre`` and ``post`` list every layer's z and a;
    ``output`` is ŷ; ``grad`` is d(MSE)/d(params), laid out like ``network.params``.

    Speed (a 1-8-1 step is ~30 NumPy calls, so each call counts): every buffer and view is made
    here, once, and written with ``out=``; the first layer's z = w·x + b is one matrix product with
    the two rows [x; 1]; a product with a dimension of 1 (the output unit's Wᵀ·dL/dz) is an outer
    product, which ``np.multiply`` computes faster than ``np.matmul`` and with the same numbers.
    """

    def __init__(self, network: Network, n_points: int):
        self.network = network
        self.n_points = n_points
        self.grad = np.empty_like(network.params)
        self.residual = np.empty(n_points)
        # [x; 1]: the data as a row, and a row of ones that multiplies the first layer's biases
        self.x_and_ones = np.ones((2, n_points))
        self.caches: list[LayerCache] = []
        inputs = self.x_and_ones[:1]
        offset = 0
        for lay in network.layers:
            z = np.empty((lay.n_out, n_points))
            f = None if lay.activation == "identity" else get_activation(lay.activation)
            a = z if f is None else np.empty_like(z)
            dL_da = np.empty_like(z)
            dL_dz = dL_da if f is None else np.empty_like(z)
            n_w, n_b = lay.weights.size, lay.biases.size
            dL_dW = self.grad[offset : offset + n_w].reshape(lay.weights.shape)
            dL_db = self.grad[offset + n_w : offset + n_w + n_b]
            offset += n_w + n_b
            cache = LayerCache(lay.weights, lay.biases[:, None], f, inputs, z, a, dL_da, dL_dz, dL_dW, dL_db)
            if self.caches:
                self.caches[-1].above = cache
            self.caches.append(cache)
            inputs = a
        self.pre = [c.z for c in self.caches]
        self.post = [c.a for c in self.caches]
        self.output = self.caches[-1].a[0]
        n = network.layers[0].n_out
        # The first layer's weights w (n x 1) and biases b (n) sit next to each other in params,
        # so as two rows they are [w b] transposed: z = [w b]·[x; 1], and [dL/dw; dL/db] is a view.
        self._first_wb = network.params[: 2 * n].reshape(2, n).T
        self._first_grads = self.grad[: 2 * n].reshape(2, n)
        self._top_down = self.caches[::-1]
        # One hidden layer: the first layer sits under the single output unit and takes its steps
        # in a cheaper order (_first_under_one_unit); the output unit's dL/dz goes straight into
        # the rows [δ·x; δ] that it needs.
        self._delta_rows = self._first_slopes = None
        if len(self.caches) == 2:
            top = self.caches[1]
            self._top_down = [top]
            self._delta_rows = np.empty((2, n_points))
            self._first_slopes = np.empty((n, n_points))
            top.dL_dz = self._delta_rows[1:2]
            if top.f is None:
                top.dL_da = top.dL_dz
        self._dL_dyhat = self.caches[-1].dL_da[0]

    def run_forward(self, x: np.ndarray) -> None:
        ctx = self.network.context
        np.copyto(self.x_and_ones[0], x)
        first = self.caches[0]
        # the first layer's z = w·x + b as one product [w b]·[x; 1] (cheaper than a multiply + a bias pass)
        np.matmul(self._first_wb, self.x_and_ones, out=first.z)
        for c in self.caches:
            if c is not first:
                np.matmul(c.W, c.inputs, out=c.z)  # z = W·inputs ...
                c.z += c.b  # ... + b
            if c.f is not None:
                c.f.forward(c.z, c.a, ctx)  # a = f(z)

    def run_backward(self, x: np.ndarray, y: np.ndarray) -> float:
        """Forward, then fill ``self.grad`` with d(MSE)/d(params); returns the MSE.

        The chain rule, layer by layer from the output down; every layer takes the same steps:
            dL/da = Wᵀ_above·dL/dz_above   (for the output layer: dL/dŷ)
            dL/dz = dL/da ⊙ f'(z)
            dL/dW = dL/dz·inputsᵀ          dL/db = Σ over points of dL/dz
        """
        self.run_forward(x)
        N = self.n_points
        r = self.residual
        np.subtract(self.output, y, out=r)  # ŷ - y
        loss = float(np.dot(r, r)) / N  # L = Σ (ŷ - y)² / N
        np.multiply(r, 2.0 / N, out=self._dL_dyhat)  # dL/dŷ = 2 (ŷ - y) / N
        ctx = self.network.context
        matmul, add_reduce = np.matmul, np.add.reduce
        for c in self._top_down:  # every layer from the output down (one hidden layer: see below)
            above = c.above
            if above is not None:
                # dL/da = Wᵀ_above·dL/dz_above (one unit above: an outer product, see the class doc)
                product = np.multiply if above.W.shape[0] == 1 else matmul
                product(above.W.T, above.dL_dz, out=c.dL_da)
            if c.f is not None:
                c.f.backward(c.z, c.a, c.dL_da, c.dL_dz, ctx)  # dL/dz = dL/da ⊙ f'(z)
            matmul(c.dL_dz, c.inputs.T, out=c.dL_dW)  # dL/dW = dL/dz·inputsᵀ (sums over the points)
            add_reduce(c.dL_dz, axis=1, out=c.dL_db)  # dL/db = Σ over points of dL/dz
        if self._delta_rows is not None:
            self._first_under_one_unit(x, ctx)
        return loss

    def _first_under_one_unit(self, x: np.ndarray, ctx: ActivationContext) -> None:
        """The first layer's steps when the layer above is the single output unit (one hidden layer).

        With w the output weights and δ the output unit's dL/dz, dL/da = w ⊗ δ is an outer product,
        so unit j's dL/dz_j = w_j f'(z_j) δ, and its gradients are
            dL/dw_j = w_j Σ_i f'(z_ji) δ_i x_i      dL/db_j = w_j Σ_i f'(z_ji) δ_i
        Both come from ONE product of the slopes f'(z) with the two rows [δ·x; δ], instead of
        building the n × N tables dL/da and dL/dz and reducing them twice.
        """
        first = self.caches[0]
        slopes = self._first_slopes
        if first.f is None:
            slopes.fill(1.0)
        else:
            first.f.backward(first.z, first.a, None, slopes, ctx)  # f'(z)
        rows = self._delta_rows  # its second row is δ, written there by the output layer
        np.multiply(rows[1], x, out=rows[0])  # [δ·x; δ]
        np.matmul(rows, slopes.T, out=self._first_grads)  # [Σ f'(z) δ x; Σ f'(z) δ]
        self._first_grads *= first.above.W[0]  # times w_j: [dL/dw; dL/db]


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
