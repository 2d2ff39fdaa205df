"""Classes from a network's output: the predicted class, accuracy, and checks on class labels.

Two classes: one sigmoid output unit gives p = P(class 1), and a point is predicted as class 1
when p >= 0.5 (the logit z >= 0). Three or four classes: k softmax units give each class's
probability, and the predicted class is the most probable one (the first of equal ones).
"""
from __future__ import annotations

import numpy as np

from .activations import SOFTMAX


class LabelError(ValueError):
    """Class labels that do not fit the classes (not whole numbers 0..k-1)."""


def n_classes(network) -> int:
    """2 for a sigmoid output, k for k softmax units, 0 for a regression output."""
    act = network.output_layer.activation
    if act == SOFTMAX.name:
        return network.output_layer.n_out
    return 2 if act == "sigmoid" else 0


def check_labels(labels, n_classes: int) -> np.ndarray:
    """The labels as whole-number ints, or LabelError naming the first one that is not 0..n_classes-1."""
    values = np.asarray(labels, dtype=float).reshape(-1)
    bad = ~np.isfinite(values) | (values != np.round(values)) | (values < 0) | (values > n_classes - 1)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise LabelError(
            f"class labels must be whole numbers 0 to {n_classes - 1} for {n_classes} classes; "
            f"point {i + 1} has {values[i]:g}"
        )
    return values.astype(np.int64)


def predicted_class(network, points) -> np.ndarray:
    """(n,) ints: each point's most probable class (two classes: 1 where p >= 0.5)."""
    k = n_classes(network)
    if k == 0:
        raise ValueError("a regression network (no sigmoid or softmax output) predicts no classes")
    p = network(points)
    if k == 2 and p.ndim == 1:
        return (p >= 0.5).astype(np.int64)
    return np.argmax(p, axis=1).astype(np.int64)


def accuracy(network, points, labels) -> float:
    """The share of points whose predicted class is their label, in [0, 1]."""
    predicted = predicted_class(network, points)
    truth = check_labels(labels, n_classes(network))
    if truth.size != predicted.size:
        raise ValueError(f"expected {predicted.size} labels, one per point, got {truth.size}")
    if truth.size == 0:
        raise ValueError("accuracy needs at least one point")
    return float(np.mean(predicted == truth))
