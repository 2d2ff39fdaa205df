"""Seeded data sets for lessons: every generator returns (x, y) sorted by x."""
from __future__ import annotations

from collections.abc import Callable

import numpy as np

#: Training (and test) points at most: a step's work grows with points x weights, and 2,000 points
#: already fill a projected plot's width twice over (see MAX_HIDDEN_LAYERS in network.py).
MAX_DATA_POINTS = 2_000
#: Data values beyond this are refused: squared errors of 1e300 overflow, and no lesson needs them.
MAX_ABS_DATA_VALUE = 1e6

#: The seed's dosage example: low and high doses do nothing, a medium dose works.
DOSAGE_X = (0.0, 0.5, 1.0)
DOSAGE_Y = (0.0, 1.0, 0.0)

_SHAPES: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sine": lambda x: np.sin(np.pi * x),
    "abs": np.abs,
    "step": lambda x: np.where(x >= 0.0, 1.0, 0.0),
    "linear": lambda x: 0.5 * x + 0.25,
}
GENERATORS = (*_SHAPES, "dosage")


def make_dataset(
    kind: str,
    n_points: int = 40,
    noise: float = 0.0,
    seed: int = 0,
    x_range: tuple[float, float] = (-1.0, 1.0),
) -> tuple[np.ndarray, np.ndarray]:
    """Evenly spaced points of a named curve, with optional Gaussian noise on y."""
    lo, hi = _checked_request(kind, n_points, noise, x_range)
    rng = np.random.default_rng(seed)
    if kind == "dosage":
        # Dosage runs from 0 (low) to 1 (high); three points are exactly the seed's data,
        # more points sample the same story: only a medium dose is effective.
        if n_points == 3:
            x, y = np.array(DOSAGE_X), np.array(DOSAGE_Y)
        else:
            x = np.linspace(lo, hi, n_points)
            y = _curve(kind, x)
    else:
        x = np.linspace(lo, hi, n_points)
        y = _curve(kind, x)
    if noise:
        y = y + rng.normal(0.0, noise, size=y.shape)
    return x.astype(float), np.asarray(y, dtype=float)


def _checked_request(kind: str, n_points: int, noise: float, x_range) -> tuple[float, float]:
    """Validate a generator request; the x range to use (dosage is always 0..1)."""
    if kind not in GENERATORS:
        raise ValueError(f"unknown data set {kind!r} (known: {', '.join(GENERATORS)})")
    if not 1 <= n_points <= MAX_DATA_POINTS:
        raise ValueError(f"number of points must be between 1 and {MAX_DATA_POINTS}, got {n_points}")
    if not (np.isfinite(noise) and noise >= 0.0):
        raise ValueError(f"noise must be a finite number >= 0, got {noise}")
    lo, hi = float(x_range[0]), float(x_range[1])
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise ValueError(f"x range must be two finite numbers, low < high, got {x_range}")
    return (0.0, 1.0) if kind == "dosage" else (lo, hi)


def _curve(kind: str, x: np.ndarray) -> np.ndarray:
    if kind == "dosage":  # the shape make_dataset samples for more than three points
        return np.clip(1.0 - 4.0 * np.abs(x - 0.5), 0.0, None)
    return _SHAPES[kind](x)


def make_test_dataset(
    kind: str,
    n_points: int = 20,
    noise: float = 0.0,
    seed: int = 0,
    x_range: tuple[float, float] = (-1.0, 1.0),
) -> tuple[np.ndarray, np.ndarray]:
    """Test points for ``make_dataset(kind, ..., seed=seed)``: the same curve, drawn differently.

    The training points sit on an even grid; these sit at random x in the same range (dosage:
    0..1), with their own noise. Both come from a generator seeded with ``(seed, 1)``, so the
    test set never shares draws with the training noise (seeded with ``seed``), and the same
    arguments always give the same points. A network that only threads the training points
    shows it here: the test loss stays high between them.
    """
    lo, hi = _checked_request(kind, n_points, noise, x_range)
    rng = np.random.default_rng([seed, 1])
    x = np.sort(rng.uniform(lo, hi, n_points))
    y = np.asarray(_curve(kind, x), dtype=float)
    if noise:
        y = y + rng.normal(0.0, noise, size=y.shape)
    return x, y


def split_train_test(
    x, y, test_fraction: float = 0.25, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Hold out a seeded random share of the points: (x_train, y_train, x_test, y_test).

    For data that did not come from a generator (clicked or imported points). Each part keeps
    the original order of its points. The test part gets ``round(n * test_fraction)`` points,
    but the training part always keeps at least one, and a fraction > 0 of two or more points
    always tests at least one.
    """
    x = np.asarray(x, dtype=float).reshape(-1)
    y = np.asarray(y, dtype=float).reshape(-1)
    if x.shape != y.shape:
        raise ValueError(f"x and y must have the same number of points, got {x.size} and {y.size}")
    if not (np.isfinite(test_fraction) and 0.0 <= test_fraction < 1.0):
        raise ValueError(f"test fraction must be in [0, 1), got {test_fraction}")
    n = x.size
    n_test = int(round(n * test_fraction))
    if test_fraction > 0.0 and n >= 2:
        n_test = max(n_test, 1)
    n_test = min(n_test, max(n - 1, 0))
    rng = np.random.default_rng([seed, 2])
    test = np.zeros(n, dtype=bool)
    test[rng.choice(n, size=n_test, replace=False)] = True
    return x[~test], y[~test], x[test], y[test]


def checked_points(x, y, what: str = "data", allow_empty: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """x and y as float vectors, or ValueError in words for the user (same length, finite, limits)."""
    x = np.array(x, dtype=float).reshape(-1)
    y = np.array(y, dtype=float).reshape(-1)
    if x.shape != y.shape:
        raise ValueError(f"The {what} need as many y values as x values ({x.size} and {y.size}).")
    if not allow_empty and x.size == 0:
        raise ValueError(f"The {what} need at least one point.")
    if x.size > MAX_DATA_POINTS:
        raise ValueError(f"{x.size} points is more than the limit of {MAX_DATA_POINTS}.")
    if not (np.isfinite(x).all() and np.isfinite(y).all()):
        raise ValueError(f"Every point of the {what} must be a finite number.")
    if x.size and max(np.abs(x).max(), np.abs(y).max()) > MAX_ABS_DATA_VALUE:
        raise ValueError(f"Every point of the {what} must lie within ±{MAX_ABS_DATA_VALUE:g}.")
    return x, y
