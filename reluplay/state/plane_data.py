"""Data on the plane: checks for (x1, x2) points and class labels, and what a data set asks of the network.

The Session's one data funnel (``set_data``) calls ``checked_plane_points`` for a two-input
network: points are an (n, 2) array, finite and within the data limits; class labels are whole
numbers 0..k-1. ``task_mismatch`` says in words why a data set does not fit the network's output
(a classification set needs one sigmoid unit for 2 classes, k softmax units for 3-4; a regression
set an identity output), or returns "" when it fits.
"""
from __future__ import annotations

import numpy as np

from reluplay.core import MAX_ABS_DATA_VALUE, MAX_DATA_POINTS, checked_points
from reluplay.core.classification import LabelError, check_labels, n_classes

REGRESSION = "regression"
CLASSIFICATION = "classification"


def checked_plane_points(x, y, what: str = "data", allow_empty: bool = False,
                         classes: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(x (n, 2), y (n,)) as floats, or ValueError in words for the user."""
    x = np.array(x, dtype=float)
    y = np.array(y, dtype=float).reshape(-1)
    if x.size == 0:
        x = x.reshape(0, 2)
    if x.ndim != 2 or x.shape[1] != 2:
        raise ValueError(f"The {what} of a two-input lesson are points (x1, x2); got an array of shape {x.shape}.")
    if x.shape[0] != y.size:
        raise ValueError(f"The {what} need one value per point ({x.shape[0]} points, {y.size} values).")
    if not allow_empty and y.size == 0:
        raise ValueError(f"The {what} need at least one point.")
    if y.size > MAX_DATA_POINTS:
        raise ValueError(f"{y.size} points is more than the limit of {MAX_DATA_POINTS}.")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise ValueError(f"Every point of the {what} must be a finite number.")
    if y.size and max(np.abs(x).max(), np.abs(y).max()) > MAX_ABS_DATA_VALUE:
        raise ValueError(f"Every point of the {what} must lie within ±{MAX_ABS_DATA_VALUE:g}.")
    if classes:
        try:
            check_labels(y, classes)
        except LabelError as exc:
            raise ValueError(f"The {what}: {exc}.") from None
    return np.ascontiguousarray(x), y


def checked_data(x, y, test: tuple, n_inputs: int, classes: int = 0):
    """(x, y, test_x, test_y) checked for a network with ``n_inputs`` inputs, or ValueError in words."""
    if n_inputs == 2:
        return (*checked_plane_points(x, y, "data", allow_empty=False, classes=classes),
                *checked_plane_points(test[0], test[1], "test points", allow_empty=True, classes=classes))
    return (*checked_points(x, y, "data", allow_empty=False),
            *checked_points(test[0], test[1], "test points", allow_empty=True))


def output_name(task: str, classes: int) -> str:
    """What output layer a task needs, in words."""
    if task != CLASSIFICATION:
        return "one identity output unit (ŷ)"
    if classes == 2:
        return "one sigmoid output unit (p of class 1)"
    return f"{classes} softmax output units (one per class)"


def task_mismatch(network, task: str, classes: int) -> str:
    """Why the network's output does not fit ``task`` with ``classes`` classes, or "" if it does."""
    have = n_classes(network)
    if task == CLASSIFICATION:
        if have == classes:
            return ""
        what = "a regression output" if have == 0 else f"an output for {have} classes"
        return (f"These points have {classes} classes, but the network has {what}. "
                f"Classifying them needs {output_name(task, classes)} and the cross-entropy loss.")
    if have == 0:
        return ""
    return (f"These points are numbers to fit (regression), but the network has an output for {have} classes. "
            f"Fitting them needs {output_name(task, 0)} and the MSE loss.")
