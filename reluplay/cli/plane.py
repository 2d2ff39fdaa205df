"""The headless commands' two-input side: points from the command line, `info` on the plane, and
`reluplay regions` (the exact linear regions, their formulas and areas). NumPy and presets only.
"""
from __future__ import annotations

import json
import math

import numpy as np

from reluplay.cli.args import MAX_EVAL_POINTS, CliError
from reluplay.core import dead_units
from reluplay.core.classification import accuracy
from reluplay.core.regions import linear_regions
from reluplay.presets import Preset
from reluplay.presets.errors import printable
from reluplay.teach.unit_names import unit_name

#: Text output lists at most this many regions (the JSON lists all): a teacher reads a few dozen.
MAX_REGIONS_SHOWN = 200


def _finite_or_none(value):
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


# --- eval: the points ------------------------------------------------------------------------

def eval_points(args, preset: Preset) -> np.ndarray:
    """The inputs `eval` was given: (n,) numbers for one input, (n, 2) points for two.

    One input takes ``--x X ...``; two inputs take ``--x1 ... --x2 ...`` (as many of each),
    ``--points X1,X2 ...`` or ``--x X1,X2 ...``: exactly one of these forms.
    """
    given = [name for name, value in (("--x", args.x), ("--x1", args.x1), ("--x2", args.x2),
                                      ("--points", args.points)) if value is not None]
    if preset.n_inputs == 1:
        if given != ["--x"]:
            if not given:
                raise CliError("--x: give the input values, --x X [X ...] (see 'reluplay eval --help')")
            raise CliError(f"{given[-1] if given[-1] != '--x' else given[0]}: this lesson has one input: give its "
                           "values with --x X [X ...]")
        pairs = [v for v in args.x if isinstance(v, tuple)]
        if pairs:
            raise CliError(f"--x: this lesson has one input, so each value is one number; got the point "
                           f"{pairs[0][0]:g},{pairs[0][1]:g}")
        points = np.asarray(args.x, dtype=float)
    else:
        points = _plane_points(args, given)
    if len(points) > MAX_EVAL_POINTS:
        raise CliError(f"{given[0]}: at most {MAX_EVAL_POINTS} values, got {len(points)}")
    return points


def _plane_points(args, given: list[str]) -> np.ndarray:
    forms = {"--x1": "xs", "--x2": "xs", "--points": "points", "--x": "x"}
    used = {forms[name] for name in given}
    how = "give the points with --x1 X1 ... --x2 X2 ..., or --points X1,X2 ..."
    if not used:
        raise CliError(f"--points: this lesson has two inputs: {how}")
    if len(used) > 1:
        raise CliError(f"{given[-1]}: give the points one way only: {how}")
    if used == {"xs"}:
        if args.x1 is None or args.x2 is None:
            missing = "--x2" if args.x2 is None else "--x1"
            raise CliError(f"{missing}: missing; --x1 and --x2 give each point's two coordinates")
        if len(args.x1) != len(args.x2):
            raise CliError(f"--x2: expected {len(args.x1)} values, one per --x1 value, got {len(args.x2)}")
        return np.column_stack([np.asarray(args.x1, dtype=float), np.asarray(args.x2, dtype=float)])
    values = args.points if used == {"points"} else args.x
    single = [v for v in values if not isinstance(v, tuple)]
    if single:
        raise CliError(f"--x: this lesson has two inputs, so each value is a point X1,X2; got {single[0]:g}")
    return np.array(values, dtype=float).reshape(-1, 2)


# --- info ------------------------------------------------------------------------------------

def regions_of(preset: Preset, x1_range=None, x2_range=None):
    lo_hi1 = tuple(preset.view.x_range if x1_range is None else x1_range)
    lo_hi2 = tuple(preset.view.x2_range if x2_range is None else x2_range)
    with np.errstate(all="ignore"):
        return linear_regions(preset.network, lo_hi1, lo_hi2)


def plane_summary(preset: Preset) -> dict:
    """What `info` reports for a two-input lesson (the JSON keys; the text shows the same)."""
    net = preset.network
    found = regions_of(preset)
    with np.errstate(all="ignore"):
        dead = dead_units(net, preset.x) if len(preset.x) else []
        loss = _finite_or_none(net.loss(preset.x, preset.y, preset.training.loss)) if len(preset.x) else None
        acc = accuracy(net, preset.x, preset.y) if preset.is_classification and len(preset.x) else None
        test_acc = (accuracy(net, preset.test_x, preset.test_y)
                    if preset.is_classification and len(preset.test_x) else None)
    return {
        "inputs": 2, "features": list(net.features), "task": preset.task, "classes": preset.classes,
        "linear_regions": found.count, "regions_capped": found.capped,
        "regions_box": [list(preset.view.x_range), list(preset.view.x2_range)],
        "dead_units": dead, "dead_unit_names": [unit_name(u) for u in dead],
        "loss": loss, "loss_name": preset.training.loss, "accuracy": acc, "test_accuracy": test_acc,
        "regions_message": found.message,
    }


def print_plane_info(preset: Preset, title: str, fmt) -> None:
    info = plane_summary(preset)
    net = preset.network
    sizes = "-".join(str(s) for s in net.sizes)
    acts = ", ".join(layer.activation for layer in net.layers)
    (a, b), (c, d) = info["regions_box"]
    print(title)
    print(f"network:          {sizes} ({acts})")
    print(f"inputs:           2 (features {', '.join(net.features)})")
    task = preset.task + (f", {preset.classes} classes" if preset.is_classification else "")
    print(f"task:             {task}")
    print(f"data points:      {len(preset.x)}" + (f" (+ {len(preset.test_x)} test points)" if len(preset.test_x) else ""))
    count = info["linear_regions"]
    label = f"linear regions in [{a:g}, {b:g}] × [{c:g}, {d:g}]:"
    shown = count if count is not None else f"n/a ({info['regions_message']})"
    print(f"{label} {shown}")
    print(f"dead units:       {', '.join(info['dead_unit_names']) or 'none'} (first hidden layer, on the data)")
    name = "cross-entropy" if info["loss_name"] == "cross_entropy" else "MSE"
    print(f"loss ({name}):{' ' * max(1, 12 - len(name))}{fmt(info['loss'])}")
    if preset.is_classification:
        print(f"accuracy:         {_percent(info['accuracy'])} (training data)"
              + (f", {_percent(info['test_accuracy'])} (test data)" if info["test_accuracy"] is not None else ""))


def _percent(value) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


# --- regions ---------------------------------------------------------------------------------

def _box(args, preset: Preset):
    boxes = []
    for option, given, default in (("--x1-range", args.x1_range, preset.view.x_range),
                                   ("--x2-range", args.x2_range, preset.view.x2_range)):
        low, high = default if given is None else given
        if not low < high:
            raise CliError(f"{option}: expected LOW < HIGH, got {low:g} {high:g}")
        boxes.append((float(low), float(high)))
    return boxes


def cmd_regions(args, preset: Preset) -> int:
    if preset.n_inputs != 2:
        raise CliError(f"{args.preset}: regions are for lessons with two inputs (the plane); for one input, "
                       "'reluplay info' counts the linear pieces")
    box1, box2 = _box(args, preset)
    found = regions_of(preset, box1, box2)
    quantity = found.quantity
    k = preset.network.n_outputs
    names = [quantity] if k == 1 else [f"{quantity} {c}" for c in range(k)]
    box_area = (box1[1] - box1[0]) * (box2[1] - box2[0])
    if args.json:
        regions = [] if found.count is None else [
            {"formulas": [r.formula(u, names[u]) for u in range(k)],
             "weights": r.weights.tolist(), "bias": r.bias.tolist(), "area": r.area}
            for r in found.regions
        ]
        print(json.dumps({"box": [list(box1), list(box2)], "count": found.count,
                          "piecewise_linear": found.piecewise_linear, "capped": found.capped,
                          "message": found.message, "quantity": quantity, "regions": regions}, allow_nan=False))
        return 0
    print(printable(f"{preset.name} ({args.preset})"))
    where = f"in [{box1[0]:g}, {box1[1]:g}] × [{box2[0]:g}, {box2[1]:g}]"
    if found.count is None:
        print(f"linear regions {where}: n/a ({found.message})")
        return 0
    print(f"linear regions {where}: {found.count}")
    shown = found.regions[:MAX_REGIONS_SHOWN]
    for index, region in enumerate(shown, start=1):
        share = 100 * region.area / box_area
        formulas = "; ".join(region.formula(u, names[u]) for u in range(k))
        print(f"{index:>4}. area {region.area:.4g} ({share:.1f}% of the box): {formulas}")
    if found.count > len(shown):
        print(f"... and {found.count - len(shown)} more (use --json for all of them)")
    return 0


# --- gradcheck -------------------------------------------------------------------------------

def plane_gradcheck_verdict(network, points, error: float | None) -> str:
    """What the gradient check's largest error means for a two-input lesson, in the window's words.

    As in one input, the only honest disagreement is a data point exactly on a fold (a hidden
    ReLU-family unit's pre-activation exactly 0), where the slope does not exist.
    """
    from reluplay.teach.explain import AGREE_ERROR, CLOSE_ERROR, fmt_error

    if error is None:
        return ("The loss is not a finite number here (the network's numbers overflow), so the gradients "
                "cannot be checked.")
    e = fmt_error(error)
    if error <= AGREE_ERROR:
        return (f"Backprop and finite differences agree to {e}: the gradients are right. The check nudges each "
                "parameter a tiny bit up and down and watches the loss (finite differences), and compares that "
                "slope with backprop's.")
    with np.errstate(all="ignore"):
        run = network.forward(points)
    on_fold = [(layer, int(unit), int(point))
               for layer, (lay, z) in enumerate(zip(network.hidden_layers, run.pre))
               if lay.activation in ("relu", "leaky_relu")
               for unit, point in zip(*np.nonzero(z == 0.0))]
    if on_fold:
        layer, unit, point = on_fold[0]
        x1, x2 = points[point]
        return (f"Backprop and finite differences disagree (largest relative error {e}), and that is expected: "
                f"the data point ({x1:g}, {x2:g}) sits exactly on the fold of unit {unit_name(unit, layer)}, "
                "where a ReLU has no slope; backprop uses your ReLU′(0), finite differences the average of the "
                "two sides. Neither is a bug.")
    if error <= CLOSE_ERROR:
        return (f"Backprop and finite differences agree to {e}: the gradients are right. (Finite differences only "
                "estimate the slope over a tiny step, so where the loss curves sharply they are off by a little.)")
    return (f"Backprop and finite differences disagree (largest relative error {e}), and no data point sits on a "
            "fold. That should not happen: it would mean a bug in backpropagation. Please report it with this "
            "lesson saved as a file.")
