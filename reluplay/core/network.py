"""A feed-forward network from one input x (or two, x1 and x2) to its output, and its losses.

One input: x is a number and the first layer's weights have one column. Two inputs: a point is
(x1, x2) and the first layer's weights have one column per input feature (``features``: x1, x2,
x1^2, ... see features.py). The output is one unit (any of OUTPUT_ACTIVATIONS; "sigmoid" gives the
probability of class 1 of 2) or k = 2..4 "softmax" units (the probabilities of k classes).

All parameters live in one flat float64 vector; each layer's weights ``(n_out, n_in)`` and
biases ``(n_out,)`` are views into it. Optimizers, snapshots and finiteness checks then work
on a single array, which is what keeps a small network's training step at a few microseconds.
The forward and backward pass are in passes.py.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .activations import (
    GRAD_AT_ZERO_CHOICES,
    MAX_CLASSES,
    OUTPUT_ACTIVATIONS,
    SOFTMAX,
    ActivationContext,
    get_activation,
)
from .classification import check_labels
from .errors import NetworkError
from .features import ONE_INPUT, as_points, check_features, n_inputs_of
from .losses import loss_problem, loss_value
from .passes import LayerCache, Pass

__all__ = ["MAX_HIDDEN_LAYERS", "MAX_UNITS_PER_LAYER", "Layer", "LayerCache", "Network", "NetworkError", "Pass"]

#: The largest network the app takes: every size it accepts must train, draw, pause and rewind
#: smoothly in the window (issue 11; tests/bench/bench_ui.py --largest measures it). At 8 x 256
#: units on 10,000 points one full-batch step took 2.6-7 s on the 2-core reference machine, so
#: Pause, rewind and the editor could not be smooth; 6 x 64 on 2,000 points meets every target.
#: (TF Playground stops at 6 x 8.)
MAX_HIDDEN_LAYERS = 6
MAX_UNITS_PER_LAYER = 64


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
    """Layers of units; the last layer is the output: one unit, or 2..4 softmax units."""

    def __init__(
        self,
        layers: Sequence[tuple[np.ndarray, np.ndarray, str]],
        leaky_slope: float = 0.01,
        relu_grad_at_zero: float = 0.0,
        features: Sequence[str] = ONE_INPUT,
    ):
        self.features = check_features(features)
        shapes = _check_layers(layers, len(self.features))
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
        features: Sequence[str] = ONE_INPUT,
        n_outputs: int = 1,
    ) -> Network:
        """A seeded random start: He init for ReLU-like layers, Glorot otherwise; zero biases.

        ``features`` are the inputs (ONE_INPUT, or some of features.FEATURES for two inputs);
        ``n_outputs`` is 1, or 2..4 with ``output_activation="softmax"``.
        """
        acts = [activation] * len(hidden_sizes) if isinstance(activation, str) else list(activation)
        if len(acts) != len(hidden_sizes):
            raise NetworkError("one activation per hidden layer is needed")
        features = check_features(features)
        sizes = [len(features), *hidden_sizes, n_outputs]
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
            elif n_in == len(features) and features != ONE_INPUT and len(layers) == 0:
                # Two inputs: each fold line w·x + b = 0 passes through a random point of
                # [-3, 3]² (the middle of the usual [-6, 6]² view) instead of all through (0, 0).
                through = rng.uniform(-3.0, 3.0, size=(n_out, 2))
                for column, name in enumerate(features):
                    if name in ("x1", "x2"):
                        b -= w[:, column] * through[:, 0 if name == "x1" else 1]
            layers.append((w, b, act))
        return cls(layers, leaky_slope, relu_grad_at_zero, features)

    def copy(self) -> Network:
        return Network(self.layer_specs(), self.context.leaky_slope, self.context.relu_grad_at_zero, self.features)

    def layer_specs(self) -> list[tuple[np.ndarray, np.ndarray, str]]:
        """Copies of (weights, biases, activation) for every layer, to rebuild or edit."""
        return [(lay.weights.copy(), lay.biases.copy(), lay.activation) for lay in self.layers]

    def with_changes(self, layers=None, leaky_slope=None, relu_grad_at_zero=None, features=None) -> Network:
        return Network(
            self.layer_specs() if layers is None else layers,
            self.context.leaky_slope if leaky_slope is None else leaky_slope,
            self.context.relu_grad_at_zero if relu_grad_at_zero is None else relu_grad_at_zero,
            self.features if features is None else features,
        )

    # --- shape ---------------------------------------------------------------------------
    @property
    def sizes(self) -> list[int]:
        """Units per layer, starting with the inputs the first layer sees (1, or the features)."""
        return [len(self.features)] + [lay.n_out for lay in self.layers]

    @property
    def n_inputs(self) -> int:
        """1 (x) or 2 (x1, x2)."""
        return n_inputs_of(self.features)

    @property
    def n_outputs(self) -> int:
        """1, or the number of classes k (2..4) of a softmax output."""
        return self.layers[-1].n_out

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
            and self.features == other.features
            and [lay.activation for lay in self.layers] == [lay.activation for lay in other.layers]
            and self.context == other.context
            and np.array_equal(self.params, other.params)
        )

    # --- passes --------------------------------------------------------------------------
    def points(self, x) -> np.ndarray:
        """x as this network takes it: (n,) numbers for one input, (n, 2) pairs for two."""
        return as_points(self.features, x)

    def forward(self, x) -> Pass:
        """Every layer's pre-activation and activation at the points x (a fresh workspace)."""
        x = self.points(x)
        work = Pass(self, x.shape[0])
        work.run_forward(x)
        return work

    def __call__(self, x) -> np.ndarray:
        """The output at each point: (n,) for one output unit, (n, k) probabilities for softmax."""
        return _by_point(self.forward(x).post[-1])

    def logits(self, x) -> np.ndarray:
        """The output layer's pre-activations z at each point, shaped like ``network(x)``."""
        return _by_point(self.forward(x).pre[-1])

    def loss(self, x, y, loss: str = "mse") -> float:
        """The mean loss over the points (losses.py): "mse" or "cross_entropy"."""
        x, y = self._loss_inputs(x, y, loss)
        run = self.forward(x)
        return loss_value(loss, run.pre[-1], run.post[-1], y)

    def gradient(self, x, y, loss: str = "mse") -> tuple[float, np.ndarray]:
        """(loss, gradient of the loss for every parameter, flat like ``params``)."""
        x, y = self._loss_inputs(x, y, loss)
        work = Pass(self, x.shape[0], loss)
        value = work.run_backward(x, y)
        return value, work.grad

    def _loss_inputs(self, x, y, loss: str) -> tuple[np.ndarray, np.ndarray]:
        problem = loss_problem(loss, self.output_layer.activation)
        if problem:
            raise NetworkError(problem)
        x = self.points(x)
        y = _targets(y, x.shape[0])
        if loss == "cross_entropy" or self.n_outputs > 1:
            check_labels(y, max(2, self.n_outputs))
        return x, y


def _by_point(table: np.ndarray) -> np.ndarray:
    """A layer's (k, N) table as (N,) for one unit, (N, k) for several: one row per point."""
    return table[0].copy() if table.shape[0] == 1 else table.T.copy()


def _targets(y, n_points: int) -> np.ndarray:
    """y as a flat vector with one target per point (a column of targets is fine, a grid is not)."""
    y = np.asarray(y, dtype=float).reshape(-1)
    if y.size != n_points:
        raise ValueError(f"expected {n_points} targets, one per x, got {y.size}")
    return y


def _check_layers(layers, n_features: int = 1) -> list[tuple[int, int]]:
    if len(layers) < 2:
        raise NetworkError("a network needs at least one hidden layer and the output layer")
    if len(layers) - 1 > MAX_HIDDEN_LAYERS:
        raise NetworkError(f"at most {MAX_HIDDEN_LAYERS} hidden layers, got {len(layers) - 1}")
    shapes = []
    n_in = n_features
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
        if is_output and act == SOFTMAX.name and not 2 <= n_out <= MAX_CLASSES:
            raise NetworkError(f"a softmax output needs 2 to {MAX_CLASSES} units (one per class), got {n_out}")
        if is_output and act != SOFTMAX.name and n_out != 1:
            raise NetworkError(f"output layer must have exactly 1 unit (or 2 to {MAX_CLASSES} softmax units), got {n_out}")
        if not is_output and n_out > MAX_UNITS_PER_LAYER:
            raise NetworkError(f"{where}: at most {MAX_UNITS_PER_LAYER} units, got {n_out}")
        if b.shape != (n_out,):
            raise NetworkError(f"{where}: biases must have shape ({n_out},), got {b.shape}")
        try:
            get_activation(act)
        except ValueError as exc:
            raise NetworkError(f"{where}: {exc}") from None
        if not is_output and act == SOFTMAX.name:
            raise NetworkError(f"{where}: softmax is only for the output layer")
        if is_output and act not in (*OUTPUT_ACTIVATIONS, SOFTMAX.name):
            raise NetworkError(f"output activation must be one of {(*OUTPUT_ACTIVATIONS, SOFTMAX.name)}, got {act!r}")
        shapes.append((n_out, n_in))
        n_in = n_out
    return shapes


def _as_floats(values, where: str, what: str) -> np.ndarray:
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        raise NetworkError(f"{where}: {what} must be a rectangular table of numbers") from None
