"""The numbers panels for a lesson with two inputs: one chosen data point, forward and backward.

The walkthrough shows the point's features, each unit's z = w1·x1 + w2·x2 + b and activation,
the output's logit(s) and probabilities, the label, error and loss term (teach/plane_point.py);
the backward panel shows the point's term of each parameter's gradient and, for the parameter
clicked, the chain rule at that point (teach/plane_backward.py). Only layout lives here.
"""
from __future__ import annotations

from html import escape

import numpy as np

from reluplay.core import get_activation
from reluplay.teach import explain
from reluplay.teach.plane_backward import PointGradient, point_chain_lines, point_gradient
from reluplay.teach.plane_point import (
    PointNumbers,
    feature_word,
    find_point,
    output_lines,
    point_numbers,
    z_heading,
)
from reluplay.ui import palette
from reluplay.ui.panels.number_table import Cell, Row, row

NO_POINT = ("Click a data point on the output view to follow it through the network "
            "(there are no data points yet).")


def chosen_point_numbers(session, point) -> PointNumbers | None:
    """The forward numbers at ``point``, with its target when it is a training or test point."""
    if point is None:
        return None
    net = session.network
    target, is_test = None, False
    i = find_point(session.x, session.y, point)
    if i is None:
        i = find_point(session.test_x, session.test_y, point)
        is_test = i is not None
    if i is not None:
        target = float((session.test_y if is_test else session.y)[i])
    return point_numbers(net, point, target, session.loss_name, is_test)


def point_heading(n: PointNumbers) -> str:
    x1, x2 = n.point
    if n.output_activation == "sigmoid":
        out = f"p(class 1) = {explain.fmt(n.outputs[0])}"
    elif n.output_activation == "softmax":
        out = "p = (" + ", ".join(explain.fmt(p) for p in n.outputs) + ")"
    else:
        out = f"ŷ = {explain.fmt(n.outputs[0])}"
    return f"(x1, x2) = ({explain.fmt(x1)}, {explain.fmt(x2)}): {out}"


def walkthrough_tables(session, n: PointNumbers) -> tuple[list[str], list[Row], list[Row]]:
    """(headers, rows of the last hidden layer, rows of the earlier layers) for the walkthrough."""
    net = session.network
    last = len(net.hidden_layers) - 1
    deep = last > 0
    scheme = session.view.palette
    act = get_activation(net.layers[last].activation).label
    out_w = net.output_layer.weights
    k = out_w.shape[0]
    headers = ["Unit", "weighted input z" if deep else z_heading(net), act]
    headers += ["output w"] if k == 1 else [f"w to class {j}" for j in range(k)]
    rows = [row(f" {feature_word(name)} ", value, None, *([None] * k), bold=True) for name, value in n.features]
    for step in n.layers[-1]:
        colour = palette.unit_colour(palette.network_style(net, last, step.unit), scheme)
        z_cell = Cell(step.z) if deep or not step.formula else Cell(step.z, tooltip=step.formula, text=step.formula)
        off = step.a == 0.0
        rows.append(row(f" {step.name} ", z_cell, step.a, *[float(out_w[j, step.unit]) for j in range(k)],
                        colour=colour.name(), muted=off, tooltip="off at this point: it adds 0" if off else ""))
    bias = net.output_layer.biases
    rows.append(row("output bias", None, None, *[float(b) for b in bias]))
    rows.append(row("logit z = Σ w·a + bias", None, None, *n.logits, bold=True))
    name = {"sigmoid": "p(class 1)", "softmax": "p(class)", "identity": "ŷ"}.get(n.output_activation, "ŷ")
    rows.append(row(f"{name} = {get_activation(n.output_activation).label}(z)"
                    if n.output_activation != "identity" else "ŷ = z", None, None, *n.outputs, bold=True))
    if n.target is not None:
        target = n.target_vector()
        rows.append(row("target (one-hot label)" if k > 1 else "target y", None, None, *target))
        rows.append(row("error (output − target)", None, None, *n.errors))
        term = "loss term −log p(its class)" if n.loss == "cross_entropy" else "loss term (squared error)"
        rows.append(row(term, None, None, n.loss_term, *([None] * (k - 1)), bold=True))
    earlier: list[Row] = []
    for layer, steps in enumerate(n.layers[:-1]):
        for step in steps:
            colour = palette.unit_colour(palette.network_style(net, layer, step.unit), scheme)
            z_cell = Cell(step.z, tooltip=step.formula) if step.formula else step.z
            earlier.append(row(f" {step.name} ", z_cell, step.a, colour=colour.name(), muted=step.a == 0.0))
    return headers, rows, earlier


def loss_line(n: PointNumbers) -> str:
    """The line under the heading: the point's loss term (what it adds to the loss), or nothing."""
    lines = [line for line in output_lines(n) if line.startswith(("loss term", "This "))]
    return lines[-1] if lines else ""


def shape_html(session, n: PointNumbers | None = None) -> str:
    """Beside the table: the output at the point in words, the dead units, where the pieces are counted."""
    s = session
    parts = []
    if n is not None:
        parts.append("<b>At this point</b>" + explain.html_list(output_lines(n)))
    parts += ["<p>On the plane a unit's kink is a <b>fold line</b> (w1·x1 + w2·x2 + b = 0), drawn on its heatmap; "
             "the status bar counts the flat pieces (linear regions).</p>"]
    dead = explain.dead_unit_notes(s.network, s.x)
    parts.append("<b>Dead units</b>")
    parts.append(explain.html_list(dead) if dead else "<p>None: every unit is active on some data point.</p>")
    return "".join(parts)


# --- backward ----------------------------------------------------------------------------------------

def training_point_gradient(session, point) -> tuple[PointGradient | None, str]:
    """The chosen point's term of the training gradient, and a caption naming the point."""
    n = chosen_point_numbers(session, point)
    if n is None or n.target is None:
        return None, "Click a data point on the output view to see its share of each gradient."
    g = point_gradient(session.network, n.point, n.target, session.loss_name, len(np.asarray(session.y)))
    x1, x2 = n.point
    where = (f"test point ({explain.fmt(x1)}, {explain.fmt(x2)}): it is not in the training loss; this is the term "
             "it would add") if n.is_test else f"point ({explain.fmt(x1)}, {explain.fmt(x2)})"
    return g, f"“this point”: the {where}."


def chain_html(session, index: int, g: PointGradient, name: str, gradient: float) -> str:
    lines = point_chain_lines(session.network, index, g)
    lines.append(f"This point's term is {explain.fmt(float(g.terms[index]))}; the gradient, the sum over all "
                 f"{g.n_points} training points{' plus the L2 term' if session.settings.l2 else ''}, is "
                 f"{explain.fmt(gradient)}.")
    head = f"<b>The gradient of {escape(name, quote=False)} at the chosen point</b> (click another row to choose)"
    return head + explain.html_list(lines)
