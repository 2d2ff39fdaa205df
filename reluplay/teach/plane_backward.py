"""One chosen point on the plane, backward: its term of every parameter's gradient, by the chain rule.

The loss is the mean over the N training points of a loss term per point, so each parameter's
gradient is the sum of the points' terms. At one point, from the output down:

- at the logits: dL/dz = (p − y) / N for cross-entropy (sigmoid or softmax: the output's own slope
  cancels), 2/N × (a − y) × f′(z) for MSE (softmax: through its Jacobian);
- a hidden unit: dL/da = Σ over the units above of their weight from it × their dL/dz, then
  dL/dz = dL/da × its activation's slope f′(z);
- a weight: dL/dw = dL/dz of its unit × what the weight multiplies (x1, x2, a feature, or the
  activation below); a bias: dL/db = dL/dz.

``point_gradient`` computes these with its own arithmetic (tested: the terms of all training points
add up to the core's backprop gradient within 1e-12); ``point_chain_lines`` says them for one
parameter. No Qt here.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reluplay.core import Network, feature_rows, get_activation
from reluplay.teach.explain import MINUS, fmt, parameter_rows
from reluplay.teach.plane_point import feature_word
from reluplay.teach.unit_names import unit_name


@dataclass(frozen=True)
class PointGradient:
    """One point's share of the gradient, with the chain rule's numbers kept for the words."""

    n_points: int
    loss: str
    inputs: tuple[np.ndarray, ...]  # what each layer's weights multiply at this point (features, a below)
    z: tuple[np.ndarray, ...]  # each layer's pre-activations
    slopes: tuple[np.ndarray | None, ...]  # each layer's f′(z); None for the output under cross-entropy/softmax
    dL_da: tuple[np.ndarray, ...]  # each layer's dL/da (the output's: from the loss)
    dL_dz: tuple[np.ndarray, ...]  # each layer's dL/dz
    outputs: np.ndarray  # the output layer's a
    target: np.ndarray  # the target per output unit (one-hot for k classes)
    terms: np.ndarray  # this point's term of d(loss)/d(params), laid out like network.params


def point_gradient(network: Network, point, target: float, loss: str, n_points: int) -> PointGradient:
    """This point's term of the gradient of the mean loss over ``n_points`` points."""
    p = network.points(np.asarray(point, dtype=float).reshape(1, -1) if network.n_inputs == 2 else [point])
    run = network.forward(p)
    ctx = network.context
    z = [c.z[:, 0].copy() for c in run.caches]
    a = [c.a[:, 0].copy() for c in run.caches]
    inputs = [feature_rows(network.features, p)[:, 0]] + a[:-1]
    out = network.output_layer
    k = out.n_out
    t = np.array([float(target)]) if k == 1 else np.eye(k)[int(target)]
    n = max(int(n_points), 1)
    top = len(network.layers) - 1
    dL_da: list[np.ndarray] = [np.empty(0)] * len(network.layers)
    dL_dz: list[np.ndarray] = [np.empty(0)] * len(network.layers)
    slopes: list[np.ndarray | None] = [None] * len(network.layers)
    if loss == "cross_entropy":
        dL_da[top] = a[top] - t  # shown as p − y; the 1/N comes with dL/dz
        dL_dz[top] = (a[top] - t) / n
    else:
        dL_da[top] = 2.0 / n * (a[top] - t)
        if out.activation == "softmax":  # dL/dz_i = p_i (g_i − Σ_j p_j g_j)
            dL_dz[top] = a[top] * (dL_da[top] - np.dot(a[top], dL_da[top]))
        else:
            slopes[top] = get_activation(out.activation).derivative(z[top], ctx)
            dL_dz[top] = dL_da[top] * slopes[top]
    for layer in range(top - 1, -1, -1):
        dL_da[layer] = network.layers[layer + 1].weights.T @ dL_dz[layer + 1]
        slopes[layer] = get_activation(network.layers[layer].activation).derivative(z[layer], ctx)
        dL_dz[layer] = dL_da[layer] * slopes[layer]
    terms = np.concatenate([np.concatenate([np.outer(dL_dz[i], inputs[i]).ravel(), dL_dz[i]])
                            for i in range(len(network.layers))])
    return PointGradient(n, loss, tuple(inputs), tuple(z), tuple(slopes), tuple(dL_da), tuple(dL_dz),
                         a[top], t, terms)


@dataclass(frozen=True)
class ParameterPlace:
    layer: int
    unit: int  # the unit the parameter feeds (its row)
    source: int | None  # the column: feature or unit below; None for a bias


def parameter_place(network: Network, index: int) -> ParameterPlace:
    """Where parameter ``index`` of ``network.params`` sits: layer, unit, and input (None: the bias)."""
    offset = 0
    for layer, lay in enumerate(network.layers):
        n_w, n_b = lay.weights.size, lay.biases.size
        if index < offset + n_w:
            unit, source = divmod(index - offset, lay.n_in)
            return ParameterPlace(layer, unit, source)
        if index < offset + n_w + n_b:
            return ParameterPlace(layer, index - offset - n_w, None)
        offset += n_w + n_b
    raise IndexError(f"no parameter {index}")


def _v(value: float) -> str:
    return f"({fmt(value)})" if value < 0 else fmt(value)


def _unit(network: Network, layer: int, unit: int) -> str:
    if layer == len(network.layers) - 1:
        return "the output" if network.n_outputs == 1 else f"output {unit} (class {unit})"
    return f"unit {unit_name(unit, layer)}"


def _input_name(network: Network, layer: int, source: int) -> str:
    if layer == 0:
        return feature_word(network.features[source])
    return f"a of {unit_name(source, layer - 1)}"


def point_chain_lines(network: Network, index: int, g: PointGradient) -> list[str]:
    """The chain rule for parameter ``index`` at the chosen point, a line per factor, with the numbers."""
    place = parameter_place(network, index)
    name = {r.index: r.name for r in parameter_rows(network)}[index]
    top = len(network.layers) - 1
    n = g.n_points
    lines = []
    k = g.outputs.size
    if g.loss == "cross_entropy":
        if k == 1:
            lines.append(f"At the logit: dL/dz = (p {MINUS} y) / N = ({fmt(g.outputs[0])} {MINUS} "
                         f"{fmt(g.target[0])}) / {n} = {fmt(g.dL_dz[top][0])}  (cross-entropy: the sigmoid's "
                         "slope cancels)")
        else:
            for j in range(k):
                lines.append(f"At logit {j}: dL/dz{j} = (p{j} {MINUS} y{j}) / N = ({fmt(g.outputs[j])} {MINUS} "
                             f"{fmt(g.target[j])}) / {n} = {fmt(g.dL_dz[top][j])}")
    else:
        what = "ŷ" if k == 1 else "a"
        for j in range(k):
            sub = "" if k == 1 else str(j)
            lines.append(f"At the output{' ' + sub if sub else ''}: dL/d{what}{sub} = 2/N × ({what}{sub} {MINUS} "
                         f"y{sub}) = 2/{n} × ({fmt(g.outputs[j])} {MINUS} {fmt(g.target[j])}) = {fmt(g.dL_da[top][j])}")
        slope = g.slopes[top]
        if slope is not None and network.output_layer.activation != "identity":
            label = get_activation(network.output_layer.activation).label
            lines.append(f"× the output's slope {label}′(z) = {fmt(slope[0])}: dL/dz = {fmt(g.dL_dz[top][0])}")
        elif network.output_layer.activation == "softmax":
            lines.append("through softmax (dL/dz_i = p_i × (dL/da_i − Σ_j p_j dL/da_j)): dL/dz = ("
                         + ", ".join(fmt(v) for v in g.dL_dz[top]) + ")")
    # down from the output to the parameter's unit: each layer's dL/da, then × its slope
    for layer in range(top - 1, place.layer - 1, -1):
        unit = place.unit if layer == place.layer else None
        lines.extend(_hidden_step(network, g, layer, unit))
    dz = float(g.dL_dz[place.layer][place.unit])
    term = float(g.terms[index])
    who = _unit(network, place.layer, place.unit)
    if place.source is None:
        lines.append(f"{name}: dL/db = dL/dz of {who} = {fmt(term)}")
    else:
        what = _input_name(network, place.layer, place.source)
        value = float(g.inputs[place.layer][place.source])
        lines.append(f"{name}: dL/dw = dL/dz of {who} × {what} = {_v(dz)} × {_v(value)} = {fmt(term)}")
    return lines


def _hidden_step(network: Network, g: PointGradient, layer: int, unit: int | None) -> list[str]:
    """dL/da and dL/dz of one hidden unit (``unit``) or, on the way past a layer, its units in one line."""
    above = network.layers[layer + 1]
    label = get_activation(network.layers[layer].activation).label
    if unit is None:  # a layer between the parameter and the output: its dL/dz, unit by unit
        values = ", ".join(f"{unit_name(u, layer)} {fmt(v)}" for u, v in enumerate(g.dL_dz[layer]))
        return [f"Layer {layer + 1}: dL/dz = Σ (weight up × dL/dz above) × {label}′(z): {values}"]
    name = unit_name(unit, layer)
    weights = above.weights[:, unit]
    if weights.size == 1:
        up = "the output" if layer + 1 == len(network.layers) - 1 else f"unit {unit_name(0, layer + 1)}"
        da = f"dL/da of {name} = output w of {name} × dL/dz = {_v(float(weights[0]))} × {_v(float(g.dL_dz[layer + 1][0]))}"
        if layer + 1 != len(network.layers) - 1:
            da = f"dL/da of {name} = w to {up} × dL/dz of {up} = {_v(float(weights[0]))} × {_v(float(g.dL_dz[layer + 1][0]))}"
    else:
        pairs = " + ".join(f"{_v(float(w))} × {_v(float(d))}" for w, d in zip(weights, g.dL_dz[layer + 1]))
        da = f"dL/da of {name} = Σ over the units above of (weight from {name} × their dL/dz) = {pairs}"
    slope = float(g.slopes[layer][unit])
    state = ""
    if get_activation(network.layers[layer].activation).piecewise_linear:
        state = " (on)" if g.z[layer][unit] > 0 else " (off: nothing flows back through it)" if slope == 0 else " (off)"
    return [f"{da} = {fmt(float(g.dL_da[layer][unit]))}",
            f"× {label}′(z of {name}) = {fmt(slope)}{state}: dL/dz of {name} = {fmt(float(g.dL_dz[layer][unit]))}"]
