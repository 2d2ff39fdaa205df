"""One chosen point on the plane, forward: every number from (x1, x2) to the loss term, in words.

For a network with two inputs the walkthrough follows one data point: its input features (x1, x2
and any extra ones), each hidden unit's z = w1·x1 + w2·x2 + b (one weight per feature) and
activation, the output's logit(s) and probability or probabilities, the point's target or class
label, the error (output − target, the one-hot label for several classes) and its loss term:
−log p(label) for cross-entropy, the squared error for MSE. The training loss is the mean of the
loss terms over the training points (tested against the core).

No Qt here: the walkthrough panel lays these numbers out.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from reluplay.core import Network, feature_rows, get_activation
from reluplay.teach.explain import MINUS, fmt
from reluplay.teach.unit_names import unit_name

#: What a feature's value is called in a formula: x1^2 reads x1².
FEATURE_WORDS = {"x1^2": "x1²", "x2^2": "x2²", "x1*x2": "x1·x2"}


def feature_word(name: str) -> str:
    return FEATURE_WORDS.get(name, name)


def weight_name(network: Network, feature: int) -> str:
    """The editor's name of a first-layer weight: w1 (of x1), w2 (of x2), w3 ..."""
    return f"w{feature + 1}" if len(network.features) > 1 else "w"


def class_name(k: int) -> str:
    return f"class {k}"


@dataclass(frozen=True)
class UnitRow:
    layer: int
    unit: int
    name: str  # "A", or "layer 2 · A" in deeper networks
    z: float
    a: float
    formula: str  # first layer: "w1·x1 + w2·x2 + b" with the numbers in; deeper layers: ""


@dataclass(frozen=True)
class PointNumbers:
    """The forward pass at one point, with its target and loss term."""

    point: tuple[float, float]
    features: tuple[tuple[str, float], ...]
    layers: tuple[tuple[UnitRow, ...], ...]
    logits: tuple[float, ...]  # the output layer's z (one per output unit)
    outputs: tuple[float, ...]  # its a: ŷ, p(class 1), or the k probabilities
    output_activation: str
    loss: str  # "mse" or "cross_entropy"
    target: float | None  # the point's target (regression) or class label; None if not a data point
    is_test: bool = False

    @property
    def classification(self) -> bool:
        return self.output_activation in ("sigmoid", "softmax")

    def target_vector(self) -> np.ndarray | None:
        """The target per output unit: y itself for one output unit, the one-hot label for k."""
        if self.target is None:
            return None
        if len(self.outputs) == 1:
            return np.array([self.target])
        hot = np.zeros(len(self.outputs))
        hot[int(self.target)] = 1.0
        return hot

    @property
    def errors(self) -> tuple[float, ...]:
        """output − target per output unit (p − y for classification); () without a target."""
        t = self.target_vector()
        return () if t is None else tuple(float(v) for v in np.asarray(self.outputs) - t)

    @property
    def p_label(self) -> float | None:
        """The probability the network gives the point's own class (classification)."""
        if self.target is None or not self.classification:
            return None
        if len(self.outputs) == 1:
            return self.outputs[0] if self.target == 1 else 1.0 - self.outputs[0]
        return self.outputs[int(self.target)]

    @property
    def loss_term(self) -> float | None:
        """This point's term of the loss (the loss is their mean over the training points)."""
        if self.target is None:
            return None
        if self.loss == "cross_entropy":
            z = np.asarray(self.logits)
            if z.size == 1:  # −log p(label) = log(1 + e^z) − y·z, finite at any z
                return float(np.logaddexp(0.0, z[0]) - self.target * z[0])
            top = float(np.max(z))
            return float(top + np.log(np.sum(np.exp(z - top))) - z[int(self.target)])
        e = np.asarray(self.errors)
        return float(np.sum(e * e))


def point_numbers(network: Network, point, target: float | None = None, loss: str = "mse",
                  is_test: bool = False) -> PointNumbers:
    """Every number of the forward pass at ``point`` (x1, x2)."""
    p = network.points(np.asarray(point, dtype=float).reshape(1, 2))
    run = network.forward(p)
    values = feature_rows(network.features, p)[:, 0]
    first = network.layers[0]
    deep = len(network.hidden_layers) > 1
    layers = []
    for i, lay in enumerate(network.hidden_layers):
        rows = []
        for u in range(lay.n_out):
            name = f"layer {i + 1} · {unit_name(u, i)}" if deep else unit_name(u, i)
            z = float(run.pre[i][u, 0])
            formula = _first_formula(network, first.weights[u], float(first.biases[u]), values, z) if i == 0 else ""
            rows.append(UnitRow(i, u, name, z, float(run.post[i][u, 0]), formula))
        layers.append(tuple(rows))
    return PointNumbers(
        point=(float(p[0, 0]), float(p[0, 1])),
        features=tuple((name, float(v)) for name, v in zip(network.features, values)),
        layers=tuple(layers),
        logits=tuple(float(v) for v in run.pre[-1][:, 0]),
        outputs=tuple(float(v) for v in run.post[-1][:, 0]),
        output_activation=network.output_layer.activation,
        loss=loss,
        target=None if target is None else float(target),
        is_test=is_test,
    )


def _signed(value: float) -> str:
    return f"({fmt(value)})" if value < 0 else fmt(value)


def _first_formula(network: Network, weights, bias: float, values, z: float) -> str:
    """ "0.5 × 1.2 + (−1) × 0.3 − 0.2 = 0.1": w1·x1 + w2·x2 + b with the numbers in."""
    terms = [f"{_signed(float(w))} × {_signed(float(v))}" for w, v in zip(weights, values)]
    sign = MINUS if bias < 0 else "+"
    return f"{' + '.join(terms)} {sign} {fmt(abs(bias))} = {fmt(z)}"


def z_heading(network: Network) -> str:
    """The first layer's z in symbols: "w1·x1 + w2·x2 + b"."""
    parts = [f"{weight_name(network, i)}·{feature_word(f)}" for i, f in enumerate(network.features)]
    return " + ".join(parts) + " + b"


def find_point(points, targets, point) -> int | None:
    """The index of the data point equal to ``point`` (x1, x2), or None."""
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    if not pts.size:
        return None
    hit = np.nonzero((pts[:, 0] == point[0]) & (pts[:, 1] == point[1]))[0]
    return int(hit[0]) if hit.size and hit[0] < np.asarray(targets).size else None


def default_point(points) -> tuple[float, float] | None:
    """Where the 2-D walkthrough starts: the middle training point (None without data)."""
    pts = np.asarray(points, dtype=float).reshape(-1, 2)
    if not pts.size:
        return None
    mid = pts[pts.shape[0] // 2]
    return float(mid[0]), float(mid[1])


def output_lines(n: PointNumbers) -> list[str]:
    """The output, target, error and loss term at the point, one line each, as a class reads them."""
    k = len(n.logits)
    act = n.output_activation
    lines = []
    if act == "sigmoid":
        lines.append(f"logit z = {fmt(n.logits[0])}, p(class 1) = sigmoid(z) = 1 / (1 + e^{MINUS}z) = "
                     f"{fmt(n.outputs[0])}")
    elif act == "softmax":
        logits = ", ".join(f"z{j} = {fmt(v)}" for j, v in enumerate(n.logits))
        probs = ", ".join(f"p{j} = {fmt(v)}" for j, v in enumerate(n.outputs))
        lines.append(f"logits {logits}")
        lines.append(f"softmax: p_k = e^z_k / Σ e^z_j: {probs}")
    elif act == "identity":
        lines.append(f"output ŷ = z = {fmt(n.outputs[0])}")
    else:
        label = get_activation(act).label
        lines.append(f"output ŷ = {label}(z) = {label}({fmt(n.logits[0])}) = {fmt(n.outputs[0])}")
    if n.target is None:
        return lines
    where = "test point (not in the training loss)" if n.is_test else "training point"
    if n.classification:
        label = int(n.target)
        lines.append(f"This {where} is {class_name(label)}: p(its class) = {fmt(n.p_label)}")
        errors = n.errors
        if k == 1:
            lines.append(f"error p {MINUS} y = {fmt(n.outputs[0])} {MINUS} {label} = {fmt(errors[0])}")
        else:
            lines.append("error p " + MINUS + " one-hot label = (" + ", ".join(fmt(e) for e in errors) + ")")
        if n.loss == "cross_entropy":
            p = n.p_label
            log_text = fmt(math.log(p)) if p and p > 0 else f"{MINUS}∞"
            lines.append(f"loss term {MINUS}log p(its class) = {MINUS}log {fmt(p)} = {MINUS}({log_text}) = "
                         f"{fmt(n.loss_term)}")
        else:
            lines.append(f"loss term (squared error{'s summed over the classes' if k > 1 else ''}) = "
                         f"{fmt(n.loss_term)}")
    else:
        lines.append(f"This {where}'s target y = {fmt(n.target)}: error ŷ {MINUS} y = {fmt(n.errors[0])}, "
                     f"loss term (squared error) = {fmt(n.loss_term)}")
    lines.append("The loss is the mean of these terms over the training points." if not n.is_test else
                 "Training does not see test points: this term is not in the loss it makes small.")
    return lines
