"""The fields schema version 2 added: task and classes, input features, 2-D points, class labels,
the training loss and the record of a generated data set. Each reader raises a PresetError naming
the field, as schema.py's do; schema.py calls them in order (task, network, data, training, view).
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ..core import MAX_ABS_DATA_VALUE, MAX_CLASSES, MAX_DATA_POINTS, NetworkError
from ..core import SOFTMAX as SOFTMAX_ACTIVATION
from ..core.datasets_2d import (
    ALIASES,
    DATASETS_2D,
    MAX_NOISE_PERCENT,
    MAX_TRAIN_PERCENT,
    MIN_TRAIN_PERCENT,
    THREE_CLASS_SETS,
)
from ..core.features import DEFAULT_FEATURES_2D, ONE_INPUT, check_features
from ..core.losses import LOSSES
from .errors import PresetError
from .model import CLASSIFICATION, REGRESSION, TASKS, DatasetRecord
from .readers import integer, number, obj, type_name

#: Classification: two classes use one sigmoid output unit, three or four use that many softmax units.
MIN_CLASSES = 2
SOFTMAX = SOFTMAX_ACTIVATION.name
SIGMOID = "sigmoid"
MSE = "mse"
CROSS_ENTROPY = "cross_entropy"
DATASET_FIELDS = ("kind", "noise", "train_percent", "points", "seed")
#: ``data.dataset.kind``: TF Playground's sets (and their aliases), and the ones reluplay adds.
DATASET_KINDS = tuple(dict.fromkeys([*DATASETS_2D, *ALIASES, *THREE_CLASS_SETS]))
MAX_SEED = 2**63 - 1


def _shown(value: Any) -> str:
    return repr(value) if isinstance(value, str) else type_name(value)


def task(top: dict) -> str:
    """``task``: "regression" (the default) or "classification"."""
    value = top.get("task", REGRESSION)
    if not isinstance(value, str) or value not in TASKS:
        raise PresetError(f"unknown task {_shown(value)} (known: {', '.join(TASKS)})", field="task")
    return value


def input_features(net: dict) -> tuple[str, ...]:
    """The network's inputs: ``network.features`` (two inputs), or the one input "x".

    ``network.inputs`` (1 or 2) may say how many; with 2 and no features, x1 and x2 are the features.
    """
    inputs = None
    if "inputs" in net:
        inputs = integer(net["inputs"], "network.inputs", 1, 2)
    if "features" not in net:
        return DEFAULT_FEATURES_2D if inputs == 2 else ONE_INPUT
    value = net["features"]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        got = type_name(value) if not isinstance(value, list) else "a list holding " + next(
            type_name(v) for v in value if not isinstance(v, str))
        raise PresetError(f"expected a list of feature names such as [\"x1\", \"x2\"], got {got}",
                          field="network.features")
    features = tuple(value)
    if features == ONE_INPUT:
        n = 1
    else:
        try:
            check_features(features)
        except NetworkError as exc:
            raise PresetError(str(exc), field="network.features") from None
        n = 2
    if inputs is not None and inputs != n:
        raise PresetError(f"expected {n} to match network.features {list(features)!r}, got {inputs}",
                          field="network.inputs")
    return features


def output_units_field(index: int, n_rows: int, activation: str) -> None:
    """The output layer: one unit, or 2..4 softmax units (one per class)."""
    field = f"network.layers[{index}]"
    if activation == SOFTMAX and not MIN_CLASSES <= n_rows <= MAX_CLASSES:
        raise PresetError(
            f"a softmax output needs {MIN_CLASSES} to {MAX_CLASSES} rows (one unit per class), got {n_rows}; "
            "two classes use one sigmoid unit", field=f"{field}.weights")
    if activation != SOFTMAX and n_rows != 1:
        raise PresetError(
            f"expected 1 row (the output layer has one unit, or {MIN_CLASSES} to {MAX_CLASSES} softmax units "
            f"for classification), got {n_rows}", field=f"{field}.weights")


def classes(top: dict, the_task: str, n_inputs: int, output_index: int, n_outputs: int, activation: str) -> int:
    """The number of classes (0 for regression), checked against the output layer.

    ``classes`` may be left out: the output layer says it (one sigmoid unit: 2, k softmax units: k).
    """
    output = f"network.layers[{output_index}]"
    if the_task == REGRESSION:
        if "classes" in top:
            raise PresetError("only for classification (this lesson's task is regression)", field="classes")
        if activation == SOFTMAX:
            raise PresetError("softmax is for classification: set \"task\": \"classification\"",
                              field=f"{output}.activation")
        return 0
    if n_inputs != 2:
        raise PresetError("classification needs two inputs: give network.features, e.g. [\"x1\", \"x2\"]",
                          field="task")
    if activation == SOFTMAX:
        implied = n_outputs
    elif activation == SIGMOID:
        implied = 2
    else:
        raise PresetError(f"classification needs a sigmoid output (two classes) or softmax ({MIN_CLASSES + 1} to "
                          f"{MAX_CLASSES} classes), got {activation!r}", field=f"{output}.activation")
    if "classes" not in top:
        return implied
    wanted = integer(top["classes"], "classes", MIN_CLASSES, MAX_CLASSES)
    if wanted != implied:
        need = "one sigmoid unit" if wanted == 2 else f"{wanted} softmax units (one per class)"
        has = "one sigmoid unit" if activation == SIGMOID else f"{n_outputs} softmax units"
        raise PresetError(f"classes is {wanted}, so the output layer needs {need}, got {has}", field=output)
    return wanted


def points(value: Any, field: str, n_inputs: int) -> np.ndarray:
    """``data.x``: numbers (one input, shape (n,)) or [x1, x2] pairs (two inputs, shape (n, 2))."""
    if not isinstance(value, list):
        what = "numbers" if n_inputs == 1 else "[x1, x2] points"
        raise PresetError(f"expected a list of {what}, got {type_name(value)}", field=field)
    if len(value) > MAX_DATA_POINTS:
        raise PresetError(f"at most {MAX_DATA_POINTS} data points, got {len(value)}", field=field)
    if n_inputs == 1:
        for i, v in enumerate(value):
            if isinstance(v, list):
                raise PresetError("expected a number, got a list (pairs [x1, x2] need a network with two inputs: "
                                  "network.features)", field=f"{field}[{i}]")
        return np.array([number(v, f"{field}[{i}]", MAX_ABS_DATA_VALUE) for i, v in enumerate(value)], dtype=float)
    out = np.empty((len(value), 2))
    for i, pair in enumerate(value):
        if not isinstance(pair, list) or len(pair) != 2:
            got = f"{len(pair)} numbers" if isinstance(pair, list) else type_name(pair)
            raise PresetError(f"expected a point [x1, x2] (this lesson has two inputs), got {got}",
                              field=f"{field}[{i}]")
        out[i, 0] = number(pair[0], f"{field}[{i}][0]", MAX_ABS_DATA_VALUE)
        out[i, 1] = number(pair[1], f"{field}[{i}][1]", MAX_ABS_DATA_VALUE)
    return out


def check_labels(y: np.ndarray, field: str, n_classes: int) -> None:
    """Class labels: whole numbers 0 .. n_classes - 1 (the output can produce no others)."""
    bad = np.flatnonzero((y != np.round(y)) | (y < 0) | (y > n_classes - 1))
    if bad.size:
        i = int(bad[0])
        raise PresetError(f"expected a class label, a whole number from 0 to {n_classes - 1} "
                          f"({n_classes} classes), got {float(y[i])!r}", field=f"{field}[{i}]")


def loss(value: Any, the_task: str) -> str:
    """``training.loss``: "mse" or "cross_entropy" (classification only)."""
    if not isinstance(value, str) or value not in LOSSES:
        raise PresetError(f"unknown loss {_shown(value)} (known: {', '.join(LOSSES)})", field="training.loss")
    if value == CROSS_ENTROPY and the_task != CLASSIFICATION:
        raise PresetError("cross_entropy is for classification; a regression lesson uses mse",
                          field="training.loss")
    return value


def default_loss(the_task: str) -> str:
    return CROSS_ENTROPY if the_task == CLASSIFICATION else MSE


def dataset(value: Any, n_inputs: int) -> DatasetRecord:
    """``data.dataset``: where generated points came from (informational)."""
    field = "data.dataset"
    record = obj(value, field, DATASET_FIELDS)
    if n_inputs != 2:
        raise PresetError("only for two inputs (a data set from the plane)", field=field)
    if "kind" not in record:
        raise PresetError(f"missing (one of: {', '.join(DATASET_KINDS)})", field=f"{field}.kind")
    kind = record["kind"]
    if not isinstance(kind, str) or kind not in DATASET_KINDS:
        raise PresetError(f"unknown data set {_shown(kind)} (known: {', '.join(DATASET_KINDS)})",
                          field=f"{field}.kind")
    noise = number(record.get("noise", 0.0), f"{field}.noise")
    if not 0.0 <= noise <= MAX_NOISE_PERCENT:
        raise PresetError(f"expected a percentage from 0 to {MAX_NOISE_PERCENT:g}, got {noise!r}",
                          field=f"{field}.noise")
    share = number(record.get("train_percent", 50.0), f"{field}.train_percent")
    if not MIN_TRAIN_PERCENT <= share <= MAX_TRAIN_PERCENT:
        raise PresetError(f"expected a percentage from {MIN_TRAIN_PERCENT:g} to {MAX_TRAIN_PERCENT:g}, "
                          f"got {share!r}", field=f"{field}.train_percent")
    count = record.get("points")
    if count is not None:
        count = integer(count, f"{field}.points", 1, MAX_DATA_POINTS)
    seed = integer(record.get("seed", 0), f"{field}.seed", 0, MAX_SEED)
    return DatasetRecord(kind, noise, share, count, seed)


def dataset_dict(record: DatasetRecord) -> dict:
    out: dict = {"kind": record.kind, "noise": float(record.noise), "train_percent": float(record.train_percent)}
    if record.points is not None:
        out["points"] = int(record.points)
    out["seed"] = int(record.seed)
    return out
