"""What a teacher points at: kinks, linear pieces, dead units, a forward walkthrough, gradient check.

Kinks, breakpoints and linear pieces are about one input x (regions.py cuts the plane for two);
dead units, the walkthrough and the gradient check work for one input and for two.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .activations import get_activation
from .features import LINEAR_FEATURES, ONE_INPUT, feature_rows
from .network import Network


def kinks(network: Network) -> list[float | None]:
    """x = -b/w for each first-layer unit.

    None where w = 0 (that unit has no kink), and where -b/w is too far out to be a number
    (w tiny next to b): no finite x range can contain such a kink.
    """
    _one_input_only(network, "kinks")
    first = network.layers[0]
    out: list[float | None] = []
    for w, b in zip(first.weights[:, 0].tolist(), first.biases.tolist()):
        k = -b / w + 0.0 if w != 0.0 else None  # + 0.0 turns -0.0 into 0.0
        out.append(k if k is not None and math.isfinite(k) else None)
    return out


def kinks_in_range(network: Network, x_min: float, x_max: float) -> list[float]:
    """The first-layer kinks inside [x_min, x_max], sorted; only for ReLU-family layers."""
    if not get_activation(network.layers[0].activation).piecewise_linear:
        return []
    if network.layers[0].activation == "identity":
        return []
    return sorted(k for k in kinks(network) if k is not None and x_min <= k <= x_max)


def is_piecewise_linear(network: Network) -> bool:
    """True when the output is made of flat pieces: ReLU-family layers on linear input features."""
    linear_inputs = network.features == ONE_INPUT or all(f in LINEAR_FEATURES for f in network.features)
    return linear_inputs and all(get_activation(lay.activation).piecewise_linear for lay in network.layers)


def _one_input_only(network: Network, what: str) -> None:
    if network.n_inputs != 1:
        raise ValueError(f"{what} are for one input x; a network on the plane has linear regions (regions.py)")


def breakpoints(network: Network, x_min: float, x_max: float) -> np.ndarray:
    """Every x in [x_min, x_max] where some unit of a piecewise-linear network switches, with the ends.

    Layer by layer: between two known breakpoints every earlier unit keeps its state, so each
    pre-activation is a straight line there and its zero crossing is found exactly.
    """
    return breakpoints_by_depth(network, x_min, x_max)[-1]


def breakpoints_by_depth(network: Network, x_min: float, x_max: float) -> list[np.ndarray]:
    """``breakpoints`` after each layer: entry d holds, sorted, the ends and every x where a unit of
    layers 0..d switches (the last entry is ``breakpoints``).

    Hidden layer d's units are straight between the points of entry d, so they are drawn exactly
    from those alone; the units of deeper layers bend at more points.
    """
    _one_input_only(network, "breakpoints")
    if not is_piecewise_linear(network):
        raise ValueError("only ReLU-family networks are made of linear pieces")
    points = np.array([float(x_min), float(x_max)])
    by_depth = []
    for depth in range(len(network.layers)):
        z = network.forward(points).pre[depth]  # (units, points)
        z0, z1 = z[:, :-1], z[:, 1:]
        # signs, not z0 * z1 < 0: the product of two tiny values underflows to 0 (missing a
        # kink that a large next weight makes plain) and of two huge ones overflows.
        crossing = ((z0 < 0.0) & (z1 > 0.0)) | ((z0 > 0.0) & (z1 < 0.0))
        if network.layers[depth].activation != "identity" and crossing.any():
            unit, seg = np.nonzero(crossing)
            t = z0[unit, seg] / (z0[unit, seg] - z1[unit, seg])
            new = points[seg] + t * (points[seg + 1] - points[seg])
            points = np.unique(np.concatenate([points, new]))
        by_depth.append(points)
    return by_depth


def linear_pieces(network: Network, x_min: float, x_max: float) -> int | None:
    """How many linear pieces the output has over [x_min, x_max]; None if it is curved.

    Neighbouring pieces with the same slope are one piece (a kink that cancels out is no kink).
    """
    _one_input_only(network, "linear pieces")
    if not is_piecewise_linear(network):
        return None
    if x_max <= x_min:
        return 1
    pts = breakpoints(network, x_min, x_max)
    pts = pts[np.concatenate([[True], np.diff(pts) > 1e-12 * max(1.0, abs(x_max - x_min))])]
    if pts.size < 2:
        return 1
    y = network(pts)
    slopes = np.diff(y) / np.diff(pts)
    scale = max(1.0, float(np.max(np.abs(slopes))))
    changes = np.abs(np.diff(slopes)) > 1e-9 * scale
    return int(1 + np.count_nonzero(changes))


def dead_units(network: Network, x, layer: int = 0) -> list[int]:
    """Units of a ReLU hidden layer that are off (pre-activation <= 0) at every data point.

    Their gradient is zero for every point, so training can never revive them.
    """
    if network.layers[layer].activation != "relu":
        return []
    x = network.points(x)
    if x.shape[0] == 0:
        return []
    z = network.forward(x).pre[layer]
    return [int(i) for i in np.nonzero(np.all(z <= 0.0, axis=1))[0]]


def dead_units_by_layer(network: Network, x) -> dict[int, list[int]]:
    """``dead_units`` of every ReLU hidden layer, from one pass of the data (layer -> units)."""
    x = network.points(x)
    relu_layers = [i for i, lay in enumerate(network.hidden_layers) if lay.activation == "relu"]
    if not relu_layers or x.shape[0] == 0:
        return {}
    pre = network.forward(x).pre
    return {i: [int(u) for u in np.nonzero(np.all(pre[i] <= 0.0, axis=1))[0]] for i in relu_layers}


@dataclass(frozen=True)
class UnitStep:
    unit: int
    pre_activation: float  # w·x + b
    activation: float
    output_weight: float
    contribution: float  # output weight × activation


@dataclass(frozen=True)
class Walkthrough:
    """The arithmetic of one forward pass at one point, unit by unit.

    Rows, top to bottom: the input features, each hidden unit's z and a, the output's logits and
    activations (probabilities for a sigmoid or softmax output). With several output units the
    single-number fields (weighted_sum ... output) are the first output unit's.
    """

    x: float | tuple[float, float]  # x, or the point (x1, x2)
    layers: list[list[UnitStep]]  # per hidden layer; contributions are into the next layer's first unit
    weighted_sum: float  # sum of the last hidden layer's contributions
    output_bias: float
    output_pre_activation: float
    output_activation: str
    output: float
    features: tuple[tuple[str, float], ...] = ()  # (name, value) of each input feature
    logits: tuple[float, ...] = ()  # every output unit's z
    outputs: tuple[float, ...] = ()  # every output unit's a (two classes: p; softmax: the k probabilities)


def walkthrough(network: Network, x) -> Walkthrough:
    """The walkthrough at x (one input) or at the point (x1, x2) (two inputs)."""
    point = network.points([x] if network.n_inputs == 1 else x)
    if point.shape[0] != 1:
        raise ValueError(f"the walkthrough is for one point, got {point.shape[0]}")
    run = network.forward(point)
    values = feature_rows(network.features, point)[:, 0]
    layers = []
    for i, lay in enumerate(network.hidden_layers):
        nxt = network.layers[i + 1].weights[0]
        layers.append([
            UnitStep(u, float(run.pre[i][u, 0]), float(run.post[i][u, 0]), float(nxt[u]),
                     float(nxt[u] * run.post[i][u, 0]))
            for u in range(lay.n_out)
        ])
    out = network.output_layer
    weighted = float(sum(step.contribution for step in layers[-1]))
    return Walkthrough(
        x=float(point[0]) if network.n_inputs == 1 else (float(point[0, 0]), float(point[0, 1])),
        layers=layers,
        weighted_sum=weighted,
        output_bias=float(out.biases[0]),
        output_pre_activation=float(run.pre[-1][0, 0]),
        output_activation=out.activation,
        output=float(run.post[-1][0, 0]),
        features=tuple((name, float(v)) for name, v in zip(network.features, values)),
        logits=tuple(float(v) for v in run.pre[-1][:, 0]),
        outputs=tuple(float(v) for v in run.post[-1][:, 0]),
    )


#: Each gradient entry's error is taken relative to its size, but to no less than this fraction of
#: the largest entry: near an optimum some entries are almost 0, and there central differences
#: measure the loss's rounding over 2h (1e-12 or so), which relative to ~0 looked like a real error.
GRADCHECK_SCALE_FLOOR = 1e-3


def gradient_check(network: Network, x, y, h: float = 1e-6, indices=None, progress=None, loss: str = "mse") -> float:
    """Largest relative error between backprop's gradient and central finite differences.

    An entry's error |a - n| is divided by |a| + |n|, or by GRADCHECK_SCALE_FLOOR times the
    largest |a| + |n| (at least 1e-8) where that is more: a wrong gradient still shows, rounding
    noise in entries a thousand times smaller than the rest does not.

    ``indices`` (positions in ``params``) limits the check to those parameters (the largest entry
    is then the sample's): each costs two passes over the data, so a large network is checked on a
    sample. ``progress(done, total)``, if given, is called after each parameter. ``loss`` is the
    loss whose gradient is checked ("mse" or "cross_entropy").
    """
    x = network.points(x)
    y = np.asarray(y, dtype=float)
    _, analytic = network.gradient(x, y, loss)
    which = np.arange(network.params.size) if indices is None else np.asarray(indices, dtype=int)
    analytic = analytic[which]  # a copy: the pass's buffer is reused
    probe = network.copy()
    numeric = np.empty_like(analytic)
    for k, i in enumerate(which):
        keep = probe.params[i]
        probe.params[i] = keep + h
        up = probe.loss(x, y, loss)
        probe.params[i] = keep - h
        down = probe.loss(x, y, loss)
        probe.params[i] = keep
        numeric[k] = (up - down) / (2.0 * h)
        if progress is not None:
            progress(k + 1, which.size)
    size = np.abs(analytic) + np.abs(numeric)
    floor = max(GRADCHECK_SCALE_FLOOR * float(np.max(size, initial=0.0)), 1e-8)
    return float(np.max(np.abs(analytic - numeric) / np.maximum(size, floor), initial=0.0))
