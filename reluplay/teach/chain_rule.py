"""One parameter's gradient taken apart: the chain rule's factors, point by point, with the numbers.

The loss is the MSE, L = 1/N · Σ (ŷ − y)², so every parameter's gradient is a sum over the data of
2/N × error × ∂ŷ/∂p. For one hidden layer ∂ŷ/∂p is spelled out as the chain rule's factors (for
"w of A": output w × ReLU′(z) × x); in deeper networks it is one number per point. The terms add
up to exactly the gradient backprop computes (tested), plus the L2 penalty's 2 × λ × w when set.

No Qt here: the backward panel shows these lines for the parameter a teacher clicks.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reluplay.core import Network, get_activation
from reluplay.teach.explain import MINUS, fmt, parameter_rows
from reluplay.teach.unit_names import unit_name

#: Points listed one by one; the rest are summed in one line (a projector shows ~a dozen lines).
MAX_POINT_LINES = 8


@dataclass(frozen=True)
class PointTerm:
    x: float
    y: float
    output: float  # ŷ at x
    factors: tuple[float, ...]  # the chain rule's factors after 2/N × error, as named in Derivation
    term: float  # 2/N × error × product of factors

    @property
    def error(self) -> float:
        return self.output - self.y


@dataclass(frozen=True)
class Derivation:
    name: str  # "w of A"
    factor_names: tuple[str, ...]  # ("output w of A", "ReLU′(z)", "x")
    terms: tuple[PointTerm, ...]
    l2_term: float  # 2 × λ × w (0 for biases or without L2)
    l2: float
    #: Points not in ``terms`` (deeper networks list only the first few, each costing a backprop
    #: pass): how many, and the sum of their terms.
    rest_count: int = 0
    rest_sum: float = 0.0

    @property
    def n_points(self) -> int:
        return len(self.terms) + self.rest_count

    @property
    def data_sum(self) -> float:
        return float(sum(t.term for t in self.terms)) + self.rest_sum

    @property
    def gradient(self) -> float:
        return self.data_sum + self.l2_term


def derive(network: Network, index: int, x, y, l2: float = 0.0) -> Derivation:
    """The gradient of parameter ``index`` (its place in ``network.params``) as per-point terms."""
    x = np.asarray(x, dtype=float).reshape(-1)
    y = np.asarray(y, dtype=float).reshape(-1)
    rows = {r.index: r for r in parameter_rows(network)}
    name = rows[index].name
    run = network.forward(x)
    n = max(x.size, 1)
    out = run.output
    out_layer = network.output_layer
    out_slope_name = _slope_name(out_layer.activation)
    out_slope = get_activation(out_layer.activation).derivative(run.pre[-1][0], network.context)
    factor_names: tuple[str, ...]
    if len(network.layers) == 2:
        factor_names, per_point = _one_hidden_layer(network, index, run, x)
        if out_slope_name:
            factor_names = (out_slope_name.replace("z", "sum"),) + factor_names
            per_point = [out_slope] + per_point
        factors = np.array(per_point, dtype=float).reshape(len(factor_names), -1) if factor_names else np.ones((0, x.size))
    else:  # deeper: ∂ŷ/∂p from a backprop pass per listed point; the rest from the whole gradient
        factor_names = (f"∂ŷ/∂({name})",)
        factors = np.array([[_dy_dp(network, index, xi) for xi in x[:MAX_POINT_LINES]]])
    listed = factors.shape[1] if factors.size else x.size
    product = np.prod(factors, axis=0) if factors.size else np.ones(listed)
    terms = tuple(PointTerm(float(x[i]), float(y[i]), float(out[i]), tuple(float(f) for f in factors[:, i]),
                            float(2.0 / n * (out[i] - y[i]) * product[i])) for i in range(listed))
    rest_sum = 0.0
    if listed < x.size:
        rest_sum = float(network.gradient(x, y)[1][index]) - float(sum(t.term for t in terms))
    weight = bool(network.weight_mask()[index])
    l2_term = float(network.params[index] * (2.0 * l2)) if l2 and weight else 0.0
    return Derivation(name, factor_names, terms, l2_term, l2 if weight else 0.0, x.size - listed, rest_sum)


def _slope_name(activation: str) -> str:
    """ "ReLU′(z)" for an activation with a slope worth naming; "" for identity (slope 1)."""
    if activation == "identity":
        return ""
    return f"{get_activation(activation).label}′(z)"


def _one_hidden_layer(network: Network, index: int, run, x: np.ndarray) -> tuple[tuple[str, ...], list]:
    hidden, out_layer = network.layers
    n_units = hidden.n_out
    z = run.pre[0]
    a = run.post[0]
    slope = get_activation(hidden.activation).derivative(z, network.context)
    slope_name = _slope_name(hidden.activation)
    v = out_layer.weights[0]
    if index < n_units:  # w of unit u
        u = index
        names = (f"output w of {unit_name(u)}",) + ((slope_name,) if slope_name else ()) + ("x",)
        values = [np.full(z.shape[1], v[u])] + ([slope[u]] if slope_name else []) + [x]
        return names, values
    if index < 2 * n_units:  # b of unit u
        u = index - n_units
        names = (f"output w of {unit_name(u)}",) + ((slope_name,) if slope_name else ())
        values = [np.full(z.shape[1], v[u])] + ([slope[u]] if slope_name else [])
        return names, values
    if index < 3 * n_units:  # output w of unit u
        u = index - 2 * n_units
        return (f"activation of {unit_name(u)}",), [a[u]]
    return (), []  # the output bias: ∂ŷ/∂b = 1


def _dy_dp(network: Network, index: int, xi: float) -> float:
    """∂ŷ/∂p at one point: the gradient of (ŷ − t)² with t = ŷ − 1/2 is exactly 2 × 1/2 × ∂ŷ/∂p."""
    y_hat = float(network([xi])[0])
    _, grad = network.gradient([xi], [y_hat - 0.5])
    return float(grad[index])


def derivation_lines(d: Derivation) -> list[str]:
    """The derivation as lines a class can read aloud, with every number."""
    n = d.n_points
    if n == 0:
        return [f"∂L/∂({d.name}): there are no data points, so the loss has no gradient from the data."]
    chain = " × ".join(("error",) + d.factor_names)
    lines = [f"∂L/∂({d.name}) = Σ over the {n} points of 2/N × {chain}",
             f"(N = {n}, error = ŷ {MINUS} y: how far the network's output is from the target)"]
    for t in d.terms[:MAX_POINT_LINES]:
        numbers = " × ".join([f"({fmt(t.error)})" if t.error < 0 else fmt(t.error)]
                             + [f"({fmt(f)})" if f < 0 else fmt(f) for f in t.factors])
        lines.append(f"x = {fmt(t.x)}: 2/{n} × {numbers} = {fmt(t.term)}")
    rest = d.terms[MAX_POINT_LINES:]
    if rest or d.rest_count:
        lines.append(f"… {len(rest) + d.rest_count} more points add {fmt(sum(t.term for t in rest) + d.rest_sum)}")
    total = f"Sum over the points = {fmt(d.data_sum)}"
    if d.l2_term:
        total += f"; plus the L2 penalty's 2 × {fmt(d.l2)} × w = {fmt(d.l2_term)}"
    lines.append(f"{total}; gradient = {fmt(d.gradient)}")
    return lines


# --- the error at one point, for the walkthrough ---------------------------------------------------------

@dataclass(frozen=True)
class PointError:
    x: float  # the data point's x
    y: float  # its target
    output: float  # ŷ there
    exact: bool  # the walkthrough's x is this data point (not just the nearest)

    @property
    def error(self) -> float:
        return self.output - self.y

    @property
    def squared(self) -> float:
        return self.error ** 2


def point_error(network: Network, x_data, y_data, x: float) -> PointError | None:
    """The data point at x, or the one nearest to it, with its target, error and squared error."""
    x_data = np.asarray(x_data, dtype=float).reshape(-1)
    if x_data.size == 0:
        return None
    i = int(np.argmin(np.abs(x_data - x)))
    xi = float(x_data[i])
    return PointError(xi, float(np.asarray(y_data, dtype=float).reshape(-1)[i]), float(network([xi])[0]), xi == x)


def point_error_text(p: PointError) -> str:
    """One line: the point's target, error and squared error (ŷ too when it is not the walkthrough's x)."""
    where = f"Data point x = {fmt(p.x)}" if p.exact else f"Nearest data point x = {fmt(p.x)}: ŷ = {fmt(p.output)},"
    return (f"{where}{':' if p.exact else ''} target y = {fmt(p.y)}, error ŷ {MINUS} y = {fmt(p.error)}, "
            f"squared error = {fmt(p.squared)}")


def point_error_tip(n_points: int) -> str:
    return (f"The error is how far the network's output ŷ is from the data point's target y. The loss (MSE, mean "
            f"squared error) is the mean of the squared errors over all {n_points} data points.")
