"""The forward and backward pass of a Network, layer by layer, with buffers reused step after step.

``Pass`` is what a student reads beside the walkthrough panel: every layer's z = W·inputs + b and
a = f(z) on the way up, then the chain rule on the way down, with the names of ``LayerCache``.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

from .activations import Activation, ActivationContext, get_activation
from .features import ONE_INPUT, feature_rows
from .losses import output_gradient, takes_logits

if TYPE_CHECKING:
    from .network import Network


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
    inputs: np.ndarray  # (n_in, N): the layer below's a; for the first layer the row of x (one
    # input) or the rows of the input features (two inputs: x1, x2, x1², ... see features.py)
    z: np.ndarray  # (n_out, N)
    a: np.ndarray  # (n_out, N)
    dL_da: np.ndarray  # (n_out, N): from the layer above (for the output layer: from the loss)
    dL_dz: np.ndarray  # (n_out, N); with one hidden layer, the first layer's dL/da and dL/dz
    # are never built as tables (see Pass._first_under_one_unit)
    dL_dW: np.ndarray  # (n_out, n_in): a view into Pass.grad
    dL_db: np.ndarray  # (n_out,): a view into Pass.grad
    above: LayerCache | None = None  # the next layer up; None for the output layer


class Pass:
    """The forward and backward pass for one batch size, its buffers reused step after step.

    ``caches`` holds a :class:`LayerCache` per layer; ``pre`` and ``post`` list every layer's z and a;
    ``output`` is ŷ (N,) for one output unit, the probabilities (k, N) for softmax; ``grad`` is
    d(loss)/d(params), laid out like ``network.params``; ``loss`` is one of losses.LOSSES.

    Speed (a 1-8-1 step is ~30 NumPy calls, so each call counts): every buffer and view is made
    here, once, and written with ``out=``; with one input the first layer's z = w·x + b is one
    matrix product with the two rows [x; 1]; a product with a dimension of 1 (the output unit's
    Wᵀ·dL/dz) is an outer product, which ``np.multiply`` computes faster than ``np.matmul`` and
    with the same numbers. Two inputs take the plain z = W·features + b.
    """

    def __init__(self, network: Network, n_points: int, loss: str = "mse"):
        self.network = network
        self.n_points = n_points
        self.loss = loss
        self.grad = np.empty_like(network.params)
        self.residual = np.empty(n_points)
        one_input = network.features == ONE_INPUT
        n_outputs = network.n_outputs
        if one_input:
            # [x; 1]: the data as a row, and a row of ones that multiplies the first layer's biases
            self.x_and_ones = np.ones((2, n_points))
            inputs = self.x_and_ones[:1]
        else:
            self.x_and_ones = None
            inputs = np.empty((len(network.features), n_points))  # the feature rows
        self.caches: list[LayerCache] = []
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
        self.output = self.caches[-1].a[0] if n_outputs == 1 else self.caches[-1].a
        n = network.layers[0].n_out
        if one_input:
            # The first layer's weights w (n x 1) and biases b (n) sit next to each other in params,
            # so as two rows they are [w b] transposed: z = [w b]·[x; 1], and [dL/dw; dL/db] is a view.
            self._first_wb = network.params[: 2 * n].reshape(2, n).T
            self._first_grads = self.grad[: 2 * n].reshape(2, n)
        self._top_down = self.caches[::-1]
        # One input, one hidden layer, one output unit: the first layer takes its steps in a
        # cheaper order (_first_under_one_unit); the output unit's dL/dz goes straight into the
        # rows [δ·x; δ] that it needs.
        self._delta_rows = self._first_slopes = None
        if one_input and len(self.caches) == 2 and n_outputs == 1:
            top = self.caches[1]
            self._top_down = [top]
            self._delta_rows = np.empty((2, n_points))
            self._first_slopes = np.empty((n, n_points))
            top.dL_dz = self._delta_rows[1:2]
            if top.f is None:
                top.dL_da = top.dL_dz
        self._dL_dyhat = self.caches[-1].dL_da[0]
        # MSE on one output unit is written out in run_backward (the tuned path of every 1-D
        # lesson); other losses come from losses.py.
        self._inline_mse = loss == "mse" and n_outputs == 1
        self._logits_seeded = takes_logits(loss)
        if self._logits_seeded:
            # Cross-entropy gives dL/dz of the logits directly, (p - onehot) / N: going down, the
            # output layer takes it as it is, as an identity output would (no f'(z) step).
            top = self._top_down[0]
            self._top_down[0] = replace(top, f=None, dL_da=top.dL_dz)

    def run_forward(self, x: np.ndarray) -> None:
        ctx = self.network.context
        first = self.caches[0]
        if self.x_and_ones is not None:
            np.copyto(self.x_and_ones[0], x)
            # the first layer's z = w·x + b as one product [w b]·[x; 1] (cheaper than a multiply + a bias pass)
            np.matmul(self._first_wb, self.x_and_ones, out=first.z)
        else:  # two inputs: x is (N, 2) points; the first layer sees their feature rows
            feature_rows(self.network.features, x, out=first.inputs)
            np.matmul(first.W, first.inputs, out=first.z)
            first.z += first.b
        for c in self.caches:
            if c is not first:
                np.matmul(c.W, c.inputs, out=c.z)  # z = W·inputs ...
                c.z += c.b  # ... + b
            if c.f is not None:
                c.f.forward(c.z, c.a, ctx)  # a = f(z)

    def run_backward(self, x: np.ndarray, y: np.ndarray) -> float:
        """Forward, then fill ``self.grad`` with d(loss)/d(params); returns the loss.

        y holds one target per point (regression) or one class label per point (classification).

        The chain rule, layer by layer from the output down; every layer takes the same steps:
            dL/da = Wᵀ_above·dL/dz_above   (for the output layer: dL/dŷ)
            dL/dz = dL/da ⊙ f'(z)
            dL/dW = dL/dz·inputsᵀ          dL/db = Σ over points of dL/dz
        """
        self.run_forward(x)
        if self._inline_mse:
            N = self.n_points
            r = self.residual
            np.subtract(self.output, y, out=r)  # ŷ - y
            loss = float(np.dot(r, r)) / N  # L = Σ (ŷ - y)² / N
            np.multiply(r, 2.0 / N, out=self._dL_dyhat)  # dL/dŷ = 2 (ŷ - y) / N
        else:  # the loss's gradient: dL/dz of the logits for cross-entropy, else dL/da
            top = self.caches[-1]
            loss = output_gradient(self.loss, top.z, top.a, y, top.dL_dz if self._logits_seeded else top.dL_da)
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
