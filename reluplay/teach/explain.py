"""Plain words for the numbers panels: parameter names, kinks, dead units, ReLU′(0), the gradient check.

(The numbers of a training step, and their captions, are in step_update.py; the walkthrough's x
in walkthrough_x.py.)

No Qt here: every text is a pure function of a network, its data and the training settings, so
the wording is unit-tested directly and the panels only lay it out. Units are named as the
editor names them (A, B, C ...; "layer 2 unit B" once there is more than one hidden layer).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import numpy as np

from reluplay.core import (
    GRAD_AT_ZERO_CHOICES,
    Network,
    dead_units,
    get_activation,
    gradient_check,
    kinks,
    linear_pieces,
)
from reluplay.teach.unit_names import unit_name

MINUS = "\u2212"
#: Relative errors up to this are the rounding noise of central differences with h = 1e-6.
AGREE_ERROR = 1e-5
#: Up to this, and with no point on a kink, the difference is the finite-difference estimate's own
#: error where the loss curves sharply (steep smooth units), not a wrong gradient.
CLOSE_ERROR = 1e-2
#: A pre-activation this close to 0 (relative to 1 + |x|) is within the gradient check's nudge.
NEAR_KINK = 1e-5
#: The gradient check runs two forward passes per parameter, in the GUI thread. Measured: a
#: 1-256-1 network on 1700 points (work 2e9) takes ~1.6 s, so 1e9 keeps it under a second; and
#: each pass costs ~40 µs however small, hence the cap on parameters too.
MAX_CHECK_WORK = 1e9
MAX_CHECK_PARAMETERS = 10_000
MAX_LISTED = 6
KINKED = ("relu", "leaky_relu")


# --- numbers and names -----------------------------------------------------------------------

#: Small numbers down to this are written out (0.00003333): a class reads the zeros, not "3.333e-5".
#: Below it, and from 10,000 up, the e-notation ("1e-9", "1.235e5") is shorter and clearer.
SMALLEST_WRITTEN_OUT = 1e-5


def fmt(value: float | None, digits: int = 4) -> str:
    """A number as a class reads it: 4 significant digits, a real minus sign, no "-0", "1e-9" not "1e-09".

    Numbers from 0.00001 to 0.0001 are written out in full (3.333e-05 reads 0.00003333).
    """
    if value is None:
        return "—"
    value = float(value)
    if math.isnan(value):
        return "not a number"
    if math.isinf(value):
        return "∞" if value > 0 else f"{MINUS}∞"
    if value == 0.0:
        return "0"
    text = f"{value:.{digits}g}"
    if "e" in text and SMALLEST_WRITTEN_OUT <= abs(float(text)) < 1.0:
        exponent = int(text.split("e")[1])
        text = f"{float(text):.{digits - 1 - exponent}f}".rstrip("0").rstrip(".")
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}e{int(exponent)}"
    return text.replace("-", MINUS)


def fmt_error(error: float) -> str:
    """A relative error as an order of magnitude: 2.3e-09 -> "2e-9"; 0.056 -> "0.056"."""
    if error == 0.0 or error >= 1e-3:
        return fmt(error, 2)
    mantissa, exponent = f"{error:.0e}".split("e")
    return f"{mantissa}e{int(exponent)}".replace("-", MINUS)


def unit_label(network: Network, layer: int, unit: int) -> str:
    """"unit A" (one hidden layer), "layer 2 unit A" (deeper), "the output unit"."""
    if layer == len(network.layers) - 1:
        return "the output unit"
    name = f"unit {unit_name(unit, layer)}"
    return name if len(network.layers) == 2 else f"layer {layer + 1} {name}"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _xs(values) -> str:
    """ "x = 0.5", "x = 0 and x = 0.5", "x = 0, 0.5, 1 and 3 more"; points of the plane as
    "(x1, x2) = (0.5, 1)"."""
    pairs = bool(values) and isinstance(values[0], tuple)
    name = "(x1, x2)" if pairs else "x"
    values = [f"({fmt(v[0])}, {fmt(v[1])})" if pairs else fmt(v) for v in values]
    if len(values) == 1:
        return f"{name} = {values[0]}"
    shown = values[:MAX_LISTED]
    more = len(values) - len(shown)
    if more:
        return f"{name} = {', '.join(shown)} and {more} more"
    return f"{name} = {', '.join(shown[:-1])} and {name} = {shown[-1]}"


@dataclass(frozen=True)
class ParameterRow:
    index: int  # position in network.params
    name: str
    #: The hidden unit (layer, unit) whose colour the row wears: the unit the parameter belongs to, or
    #: for an output weight the unit it carries to the output; None for the output bias.
    unit: tuple[int, int] | None


def parameter_rows(network: Network) -> list[ParameterRow]:
    """Every parameter, unit by unit (its weights, then its bias), the output layer last."""
    rows: list[ParameterRow] = []
    deep = len(network.layers) > 2
    offset = 0
    last = len(network.layers) - 1
    for layer, lay in enumerate(network.layers):
        n_w = lay.weights.size
        for unit in range(lay.n_out):
            if layer == last:
                # several output units (softmax): each weight and bias names its class
                to = f" to class {unit}" if lay.n_out > 1 else ""
                for i in range(lay.n_in):
                    name = f"output w {'from' if deep or to else 'of'} {unit_name(i, layer - 1)}{to}"
                    rows.append(ParameterRow(offset + unit * lay.n_in + i, name, (layer - 1, i)))
                rows.append(ParameterRow(offset + n_w + unit, f"output bias of class {unit}" if to else "output bias",
                                         None))
                continue
            where = f"layer {layer + 1}: " if deep else ""
            letter = unit_name(unit, layer)
            for i in range(lay.n_in):
                # two inputs: one weight per feature, numbered as the editor numbers them (w1 · x1, w2 · x2)
                w = f"w{i + 1}" if layer == 0 and lay.n_in > 1 else "w"
                name = f"{w} of {letter}" if layer == 0 else f"w from {unit_name(i, layer - 1)} to {letter}"
                rows.append(ParameterRow(offset + unit * lay.n_in + i, where + name, (layer, unit)))
            rows.append(ParameterRow(offset + n_w + unit, f"{where}b of {letter}", (layer, unit)))
        offset += n_w + lay.biases.size
    return rows


def html_list(lines: list[str]) -> str:
    """Lines as an HTML bullet list for a rich-text label (escaped: the texts contain "<" and "&")."""
    items = "".join(f"<li>{escape(line, quote=False)}</li>" for line in lines)
    return f"<ul style='margin-left:-20px'>{items}</ul>"


# --- kinks, pieces, dead units -----------------------------------------------------------------

def kink_notes(network: Network, x_range: tuple[float, float]) -> list[str]:
    """One line per first-layer unit: where its kink is (x = −b/w), or why it has none."""
    first = network.layers[0]
    activation = get_activation(first.activation)
    if first.activation == "identity":
        return ["The first hidden layer has no activation (identity): no kinks."]
    if not activation.piecewise_linear:
        return [f"{activation.label} is smooth: its units bend gently and have no kinks."]
    lo, hi = x_range
    lines = []
    for unit, kink in enumerate(kinks(network)):
        w, b = float(first.weights[unit, 0]), float(first.biases[unit])
        name = _cap(unit_label(network, 0, unit))
        if w == 0.0:
            lines.append(f"{name}: no kink (w = 0, so w·x + b = {fmt(b)} at every x)")
        elif kink is None:
            lines.append(f"{name}: no kink at any x you could plot (w = {fmt(w)} is tiny next to b = {fmt(b)})")
        else:
            where = "" if lo <= kink <= hi else " (outside the view)"
            lines.append(f"{name}: kink at x = −b/w = {MINUS}({fmt(b)}) / {fmt(w)} = {fmt(kink)}{where}")
    return lines


def pieces_note(network: Network, x_range: tuple[float, float]) -> str:
    lo, hi = x_range
    pieces = linear_pieces(network, lo, hi)
    if pieces is None:
        return "The output is curved (smooth activations), so it is not made of linear pieces."
    span = f"from x = {fmt(lo)} to {fmt(hi)}"
    if pieces == 1:
        text = f"The output is one linear piece, a straight line {span}: no kink bends it."
    else:
        text = f"The output is made of {pieces} linear pieces {span}."
    if len(network.layers) > 2:
        text += " (Kinks are listed for the first hidden layer; deeper layers add bends of their own.)"
    return text


def dead_unit_notes(network: Network, x) -> list[str]:
    """Why each dead unit (off at every data point) stays dead, in words."""
    x = network.points(x)
    notes = []
    for layer in range(len(network.hidden_layers)):
        for unit in dead_units(network, x, layer):
            name = _cap(unit_label(network, layer, unit))
            where = _where_it_would_switch_on(network, layer, unit)
            notes.append(f"{name} is never active on any data point: its gradient is zero, so training can never "
                         f"revive it — try Leaky ReLU or another initialisation.{where}")
    return notes


def _where_it_would_switch_on(network: Network, layer: int, unit: int) -> str:
    if layer != 0 or network.n_inputs != 1:
        return ""
    w, b = float(network.layers[0].weights[unit, 0]), float(network.layers[0].biases[unit])
    if w == 0.0:
        return f" (w = 0 and b = {fmt(b)}: it is off at every x.)"
    side = "right" if w > 0 else "left"
    return f" (It would switch on only {side} of x = {fmt(-b / w + 0.0)}, where there is no data.)"


# --- data points on a kink: where the ReLU′(0) setting is used ------------------------------------

@dataclass(frozen=True)
class KinkHit:
    layer: int
    unit: int
    x: tuple  # the data points whose pre-activation at this unit is exactly 0 (x, or (x1, x2) pairs)


def points_on_kinks(network: Network, x, near: bool = False) -> list[KinkHit]:
    """Data points exactly on a kink of a ReLU/Leaky ReLU unit (any layer, the output too).

    There the activation has no derivative and backprop uses the ReLU′(0) setting. With
    ``near``, points within a gradient check's nudge of a kink (but not on it) instead.
    """
    x = network.points(x)
    if x.shape[0] == 0:
        return []
    run = network.forward(x)
    size = np.abs(x) if x.ndim == 1 else np.sum(np.abs(x), axis=1)  # how far out the point is
    hits = []
    for layer, lay in enumerate(network.layers):
        if lay.activation not in KINKED or (lay.activation == "leaky_relu" and network.leaky_slope == 1.0):
            continue  # a Leaky ReLU of slope 1 is a straight line: no kink
        z = run.pre[layer]
        on = np.abs(z) < NEAR_KINK * (1.0 + size) if near else z == 0.0
        if near:
            on &= z != 0.0
        for unit in np.nonzero(on.any(axis=1))[0]:
            chosen = x[on[unit]]
            hits.append(KinkHit(layer, int(unit), tuple(float(v) for v in chosen) if x.ndim == 1 else
                                tuple((float(a), float(b)) for a, b in chosen)))
    return hits


def _on_kink(network: Network, hit: KinkHit, exactly: bool = True) -> str:
    what = "w·x + b" if hit.layer == 0 else "its weighted input"
    how = "exactly" if exactly else "almost exactly"
    return (f"data point{'s' if len(hit.x) > 1 else ''} {_xs(hit.x)} {'sit' if len(hit.x) > 1 else 'sits'} "
            f"{how} on {unit_label(network, hit.layer, hit.unit)}'s kink ({what} = 0{'' if exactly else ', nearly'})")


def grad_at_zero_notes(network: Network, x, y, loss: str = "mse") -> list[str]:
    """Empty unless a data point is exactly on a kink; then which unit and point, and what it changes."""
    hits = points_on_kinks(network, x)
    if not hits:
        return []
    g0 = network.relu_grad_at_zero
    notes = [f"{_cap(_on_kink(network, hit))}. {get_activation(network.layers[hit.layer].activation).label} has no "
             f"slope there, so backprop used your setting ReLU′(0) = {g0:g} for {'them' if len(hit.x) > 1 else 'it'}."
             for hit in hits[:MAX_LISTED]]
    if len(hits) > MAX_LISTED:
        notes.append(f"… and {len(hits) - MAX_LISTED} more units with a data point on their kink.")
    _, grad = network.gradient(x, y, loss)
    others = [c for c in GRAD_AT_ZERO_CHOICES if c != g0]
    changes = [float(np.max(np.abs(network.with_changes(relu_grad_at_zero=c).gradient(x, y, loss)[1] - grad)))
               for c in others]
    if max(changes) == 0.0:
        notes.append("Here the choice makes no difference: the gradient is the same with ReLU′(0) = "
                     f"{' or '.join(f'{c:g}' for c in others)}.")
    else:
        parts = " and ".join(f"{fmt(d)} with ReLU′(0) = {c:g}" for c, d in zip(others, changes))
        notes.append(f"Another choice would change some gradient entries: by up to {parts}.")
    return notes


# --- the gradient check -----------------------------------------------------------------------------

@dataclass(frozen=True)
class GradientCheckReport:
    error: float | None  # the largest relative error; None when it could not be computed
    agree: bool
    message: str


def gradient_check_work(network: Network, n_points: int) -> float:
    """About how many multiply-adds the check costs: 2 passes x parameters x (points x parameters)."""
    return 2.0 * network.params.size * max(1, n_points) * network.params.size


def gradient_check_report(network: Network, x, y, loss: str = "mse") -> GradientCheckReport:
    """Run the finite-difference check and say what its largest relative error means."""
    x = network.points(x)
    n = x.shape[0]
    if n == 0:
        return GradientCheckReport(None, False, "There are no data points, so there is no loss and no gradient "
                                                "to check. Add some data first.")
    if gradient_check_work(network, n) > MAX_CHECK_WORK or network.params.size > MAX_CHECK_PARAMETERS:
        return GradientCheckReport(None, False, (
            f"This network ({network.params.size} parameters) and data ({n} points) are too big to check "
            "here without freezing the window. Try a smaller network, or `reluplay gradcheck` on a saved file."))
    with np.errstate(all="ignore"):
        error = gradient_check(network, x, y, loss=loss)
    return gradient_check_verdict(network, x, error)


def gradient_check_verdict(network: Network, x, error: float) -> GradientCheckReport:
    """What the check's largest relative error means here (the window and `reluplay gradcheck` say this)."""
    x = network.points(x)
    if not math.isfinite(error):
        return GradientCheckReport(None, False, "The loss is not a finite number here (the network's numbers "
                                                "overflow), so the gradients cannot be checked.")
    e = fmt_error(error)
    compare = ("The check nudges each parameter a tiny bit up and down and watches the loss (finite "
               "differences), and compares that slope with backprop's.")
    hits = points_on_kinks(network, x)
    if error <= AGREE_ERROR:
        return GradientCheckReport(error, True, (
            f"Backprop and finite differences agree to {e}: the gradients are right. {compare}"))
    if hits:
        if len(hits) == 1:
            where = _on_kink(network, hits[0])
        else:
            listed = ", ".join(f"{_xs(h.x)} on {unit_label(network, h.layer, h.unit)}'s" for h in hits[:MAX_LISTED])
            where = f"data points sit exactly on kinks ({listed}{', ...' if len(hits) > MAX_LISTED else ''})"
        return GradientCheckReport(error, False, (
            f"Backprop and finite differences disagree (largest relative error {e}), and that is expected: "
            f"{where}. A kink has no slope. Nudging a parameter both ways measures the "
            f"average of the slopes on the two sides; backprop uses your ReLU′(0) = {network.relu_grad_at_zero:g}, "
            "the slope of one side. Neither is a bug: at a kink there is no single right answer. Move the point "
            "or the kink a little and they agree again."))
    near = points_on_kinks(network, x, near=True)
    if near:
        return GradientCheckReport(error, False, (
            f"Backprop and finite differences disagree (largest relative error {e}) because "
            f"{_on_kink(network, near[0], exactly=False)}: the check's tiny nudges cross the kink, so they "
            "measure a mix of the slopes on both sides. The gradients themselves are right."))
    if error <= CLOSE_ERROR:
        return GradientCheckReport(error, True, (
            f"Backprop and finite differences agree to {e}: the gradients are right. (Finite differences only "
            "estimate the slope over a tiny step, so where the loss curves sharply, as with steep units, they "
            "are off by a little.)"))
    return GradientCheckReport(error, False, (
        f"Backprop and finite differences disagree (largest relative error {e}), and no data point sits on or "
        "near a kink. That should not happen: it would mean a bug in backpropagation. Please report it with "
        "this lesson saved as a file."))


# --- formulas with the numbers in -----------------------------------------------------------------

def pre_activation_formula(w: float, x: float, b: float, z: float) -> str:
    """ "1.7 × 0.5 − 0.85 = 0": a first-layer unit's w·x + b with the numbers in."""
    sign = MINUS if b < 0 or (b == 0 and math.copysign(1.0, b) < 0) else "+"
    return f"{fmt(w)} × {fmt(x) if x >= 0 else '(' + fmt(x) + ')'} {sign} {fmt(abs(b))} = {fmt(z)}"
