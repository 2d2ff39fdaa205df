"""The headless subcommands of `reluplay`: presets, eval, info, train, gradcheck (regions: plane.py).

Each takes the parsed arguments and the loaded preset, prints text or JSON on stdout and
returns the exit status. NumPy and the presets layer only: no Qt is imported here.
"""
from __future__ import annotations

import json
import math
import sys
import time
from dataclasses import replace

import numpy as np

from reluplay.cli.args import CliError, writable_target
from reluplay.cli.evaluate import eval_json, eval_table
from reluplay.cli.plane import (
    cmd_regions,  # noqa: F401 (main dispatches `reluplay regions` to cmd_regions here)
    eval_points,
    plane_gradcheck_verdict,
    plane_summary,
    print_plane_info,
)
from reluplay.cli.progress import Progress, is_terminal
from reluplay.core import (
    Trainer,
    TrainingError,
    dead_units,
    gradient_check,
    kinks_in_range,
    linear_pieces,
)
from reluplay.core.classification import accuracy
from reluplay.presets import Preset, PresetError, builtin_presets, save_preset
from reluplay.presets.errors import printable
from reluplay.teach.unit_names import unit_name

#: gradcheck runs the network twice over the data per parameter checked: work ~ checked x points x
#: parameters. This bound is what 20,000 parameters on 10,000 points cost (~15 minutes on 2 cores);
#: past it, --parameters N checks a random sample.
MAX_GRADCHECK_WORK = 20_000 * 10_000 * 20_000


def _finite_or_none(value):
    """JSON has no NaN/Infinity: an undefined number is reported as null."""
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _print_json(data) -> None:
    print(json.dumps(data, allow_nan=False))


def _fmt(value) -> str:
    return "n/a" if value is None else f"{value:.6g}"


def _title(preset: Preset, args) -> str:
    # A file's name may hold terminal escapes: shown escaped, never sent to the terminal.
    return printable(f"{preset.name} ({args.preset})")


def _one_line(text: str, width: int = 72) -> str:
    first = text.strip().split(". ")[0].rstrip(".")
    first = first + "." if first else ""
    return first if len(first) <= width else first[: width - 1].rstrip() + "..."


def _mse(preset: Preset):
    if preset.x.size == 0:
        return None
    with np.errstate(all="ignore"):
        return _finite_or_none(preset.network.loss(preset.x, preset.y))


def _loss_words(loss: str) -> str:
    return "cross-entropy" if loss == "cross_entropy" else "MSE"


def _accuracy(network, points, labels):
    if len(points) == 0:
        return None
    with np.errstate(all="ignore"):
        return accuracy(network, points, labels)


def _need_data(preset: Preset, args, what: str) -> None:
    if len(preset.x) == 0:
        raise PresetError(f"{what} needs at least one data point, and this preset has none", args.preset, "data")


# --- presets ---------------------------------------------------------------------------------

def cmd_presets(args, preset=None) -> int:
    records = builtin_presets()
    if args.json:
        _print_json([{"slug": r.slug, "name": r.name, "description": r.description, "inputs": r.inputs,
                      "task": r.task, "classes": r.classes} for r in records])
        return 0
    slug_w = max(len(r.slug) for r in records) + 2
    name_w = max(len(r.name) for r in records) + 2
    kinds = {r.slug: _kind(r) for r in records}
    kind_w = max(len(k) for k in kinds.values()) + 2
    for r in records:
        print(printable(f"{r.slug:<{slug_w}}{r.name:<{name_w}}{kinds[r.slug]:<{kind_w}}{_one_line(r.description)}"))
    return 0


def _kind(record) -> str:
    """"1 input", or "2 inputs, regression" / "2 inputs, 3 classes": what a lesson's plots will be."""
    if record.inputs == 1:
        return "1 input"
    return "2 inputs, " + (f"{record.classes} classes" if record.task == "classification" else record.task)


# --- eval ------------------------------------------------------------------------------------

def cmd_eval(args, preset: Preset) -> int:

    x = eval_points(args, preset)
    classify = preset.is_classification
    if args.json:
        eval_json(preset.network, x, classify)
    else:
        # When the table scrolls by on the terminal it is its own progress; a bar shows when it goes to a file.
        eval_table(preset.network, x, _title(preset, args), _fmt, show_progress=not is_terminal(sys.stdout),
                   classify=classify)
    return 0


# --- info ------------------------------------------------------------------------------------

def cmd_info(args, preset: Preset) -> int:
    if preset.n_inputs == 2:
        if args.json:
            _print_json(plane_summary(preset))
        else:
            print_plane_info(preset, _title(preset, args), _fmt)
        return 0
    net = preset.network
    lo, hi = preset.view.x_range
    with np.errstate(all="ignore"):
        kinks = [float(k) for k in kinks_in_range(net, lo, hi)]
        regions = linear_pieces(net, lo, hi)
        dead = dead_units(net, preset.x) if preset.x.size else []
    loss = _mse(preset)
    if args.json:
        # "linear_regions" is the old name of "linear_pieces", kept for scripts that read it.
        _print_json({"inputs": 1, "task": preset.task, "kinks": kinks, "linear_pieces": regions,
                     "linear_regions": regions, "dead_units": dead, "dead_unit_names": [unit_name(u) for u in dead],
                     "loss": loss})
        return 0
    sizes = "-".join(str(s) for s in net.sizes)
    acts = ", ".join(layer.activation for layer in net.layers)
    print(_title(preset, args))
    print(f"network:          {sizes} ({acts})")
    print(f"data points:      {preset.x.size}")
    label = f"kinks in [{lo:g}, {hi:g}]:"
    print(f"{label:<17} " + (", ".join(f"{k:.6g}" for k in kinks) or "none"))  # a space after a long label
    print(f"linear pieces:    {regions if regions is not None else 'n/a (smooth activations)'}")
    print(f"dead units:       {', '.join(unit_name(u) for u in dead) or 'none'} (first hidden layer, on the data)")
    print(f"loss (MSE):       {_fmt(loss)}")
    return 0


# --- train -----------------------------------------------------------------------------------

def cmd_train(args, preset: Preset) -> int:

    out = writable_target(args.out, "--out", (".json",)) if args.out is not None else None
    changes = {
        key: value
        for key, value in (("optimizer", args.optimizer), ("learning_rate", args.lr),
                           ("batch_size", args.batch_size), ("seed", args.seed))
        if value is not None
    }
    _need_data(preset, args, "training")
    try:
        settings = replace(preset.training, **changes).validated()
        trainer = Trainer(preset.network, preset.x, preset.y, settings)
    except TrainingError as exc:
        raise PresetError(str(exc), args.preset, "training") from None
    start = time.perf_counter()
    # Divergence is detected by the trainer and reported below; NumPy's overflow warnings would
    # only repeat it (and pytest turns them into errors).
    with np.errstate(all="ignore"):
        taken = _train_steps(trainer, args.steps, Progress("train", args.steps, "steps", enabled=not args.json))
        elapsed = time.perf_counter() - start
        loss = _finite_or_none(trainer.loss())
        acc = _accuracy(trainer.network, preset.x, preset.y) if preset.is_classification else None
        test_acc = _accuracy(trainer.network, preset.test_x, preset.test_y) if preset.is_classification else None
    rate = taken / elapsed if elapsed > 0 else None
    if out is not None:
        trained = replace(preset, network=trainer.network.copy(), training=settings)
        save_preset(trained, out)
    if args.json:
        data = {"steps": taken, "loss": loss, "steps_per_second": _finite_or_none(rate)}
        if preset.is_classification:
            data.update(loss_name=settings.loss, accuracy=acc, test_accuracy=test_acc)
        _print_json(data)
    else:
        lr = f"{settings.learning_rate:g}"
        print(f"{printable(preset.name)}: trained {taken} steps with {settings.optimizer} (learning rate {lr}) "
              f"in {elapsed:.3g} s, {_fmt(rate)} steps per second")
        print(f"final loss ({_loss_words(settings.loss)} over all {len(preset.x)} data points): {_fmt(loss)}")
        if acc is not None:
            tested = f"; on the {len(preset.test_x)} test points {100 * test_acc:.1f}%" if test_acc is not None else ""
            print(f"accuracy: {100 * acc:.1f}% of the {len(preset.x)} data points classified right{tested}")
        if out is not None:
            print(printable(f"saved the trained network to {out}"))
    if trainer.divergence:
        print(f"reluplay: {trainer.divergence}", file=sys.stderr)
        return 1
    return 0


def _train_steps(trainer: Trainer, steps: int, bar: Progress) -> int:
    """``trainer.step(steps)``, in blocks of ~0.05 s when a progress bar is shown (same numbers)."""
    if not bar.active:
        return trainer.step(steps)
    taken, block = 0, 1
    with bar:
        while taken < steps:
            todo = min(block, steps - taken)
            begin = time.perf_counter()
            done = trainer.step(todo)
            taken += done
            bar.update(taken)
            if done < todo:  # diverged
                break
            if time.perf_counter() - begin < 0.05:
                block *= 2
    return taken


# --- gradcheck -------------------------------------------------------------------------------

def cmd_gradcheck(args, preset: Preset) -> int:

    _need_data(preset, args, "the gradient check")
    total = preset.network.params.size
    points = len(preset.x)
    wanted = total if args.parameters is None else min(args.parameters, total)
    most = max(1, int(MAX_GRADCHECK_WORK // (points * total)))
    if wanted > most:
        # Each parameter costs two passes over the data: past this the check would run for hours.
        hint = ("give --parameters N to check N of them chosen at random" if args.parameters is None
                else "give a smaller --parameters")
        raise CliError(f"{args.preset}: network: checking {wanted:,} of {total:,} parameters on {points:,} data "
                       f"points is too much work (two passes over the data per parameter); the check takes at "
                       f"most {most:,} parameters of this network on this data: {hint}")
    subset = wanted < total
    indices = None
    if subset:
        indices = np.sort(np.random.default_rng(args.seed).choice(total, size=wanted, replace=False))
    with np.errstate(all="ignore"), Progress("gradcheck", wanted, "parameters", enabled=not args.json) as bar:
        error = _finite_or_none(gradient_check(preset.network, preset.x, preset.y, indices=indices,
                                               progress=bar.update, loss=preset.training.loss))
    if args.json:
        data = {"max_relative_error": error}
        if subset:
            data.update(parameters_checked=wanted, parameters_total=total, seed=args.seed)
        _print_json(data)
        return 0
    from reluplay.teach.explain import gradient_check_verdict  # no Qt: the window's words for the same check

    print(_title(preset, args))
    if subset:
        print(f"checked {wanted} of {total} parameters, chosen at random (seed {args.seed})")
    print(f"largest relative error, backprop vs central differences over {wanted} parameters: {_fmt(error)}")
    if preset.n_inputs == 2:
        print(plane_gradcheck_verdict(preset.network, preset.x, error))
        return 0
    with np.errstate(all="ignore"):
        print(gradient_check_verdict(preset.network, preset.x, math.nan if error is None else error).message)
    return 0
