"""Input features: what the first layer sees of a point.

A one-input network sees x itself (``ONE_INPUT``). A two-input network takes points (x1, x2) and
feeds its first layer some of TensorFlow Playground's features, with its names and in its order:
the first layer's weights have one column per chosen feature.
"""
from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .errors import NetworkError

#: TensorFlow Playground's input features (names and order as on its page).
FEATURES = ("x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)")
#: The features of a one-input network: x itself.
ONE_INPUT = ("x",)
#: A two-input network's features when none are chosen.
DEFAULT_FEATURES_2D = ("x1", "x2")
#: Features that are linear in (x1, x2): with only these (and ReLU-family units) the output is
#: made of flat pieces.
LINEAR_FEATURES = ("x1", "x2")


def check_features(features) -> tuple[str, ...]:
    """``features`` as a tuple, or NetworkError saying what is wrong with it."""
    if isinstance(features, str):
        features = (features,)
    try:
        names = tuple(features)
    except TypeError:
        raise NetworkError(f"features must be a list of names, got {features!r}") from None
    if not names:
        raise NetworkError(f"a network needs at least one input feature (choose from {', '.join(FEATURES)})")
    if names == ONE_INPUT:
        return names
    for name in names:
        if name not in FEATURES:
            hint = " ('x' is the single input of a one-input network)" if name == "x" else ""
            raise NetworkError(f"unknown input feature {name!r}{hint} (known: {', '.join(FEATURES)})")
    repeated = sorted({n for n in names if names.count(n) > 1}, key=FEATURES.index)
    if repeated:
        raise NetworkError(f"input feature {repeated[0]!r} is listed twice")
    return names


def n_inputs_of(features: Sequence[str]) -> int:
    """1 for a one-input network, 2 for one that takes (x1, x2)."""
    return 1 if tuple(features) == ONE_INPUT else 2


def as_points(features: Sequence[str], points) -> np.ndarray:
    """Points as the network takes them: (n,) for one input, (n, 2) for two (one pair is (2,))."""
    if n_inputs_of(features) == 1:
        return np.asarray(points, dtype=float).reshape(-1)
    points = np.asarray(points, dtype=float)
    if points.shape == (2,):
        points = points[None, :]
    if points.ndim != 2 or points.shape[1] != 2:
        raise NetworkError(f"a network with two inputs takes points as (x1, x2) pairs, shape (n, 2); got shape {points.shape}")
    return points


def feature_rows(features: Sequence[str], points, out: np.ndarray | None = None) -> np.ndarray:
    """The first layer's inputs: one row per feature, one column per point, shape (n_features, n).

    ``points`` must already have the network's shape (see ``as_points``); ``out`` is reused if given.
    """
    features = tuple(features)
    if features == ONE_INPUT:
        x = np.asarray(points, dtype=float).reshape(-1)
        rows = np.empty((1, x.size)) if out is None else out
        rows[0] = x
        return rows
    points = np.asarray(points, dtype=float)
    x1, x2 = points[:, 0], points[:, 1]
    rows = np.empty((len(features), points.shape[0])) if out is None else out
    for row, name in zip(rows, features):
        if name == "x1":
            row[...] = x1
        elif name == "x2":
            row[...] = x2
        elif name == "x1^2":
            np.multiply(x1, x1, out=row)
        elif name == "x2^2":
            np.multiply(x2, x2, out=row)
        elif name == "x1*x2":
            np.multiply(x1, x2, out=row)
        elif name == "sin(x1)":
            np.sin(x1, out=row)
        elif name == "sin(x2)":
            np.sin(x2, out=row)
        else:
            raise NetworkError(f"unknown input feature {name!r}")
    return rows
