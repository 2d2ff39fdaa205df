"""Seeded data sets for lessons: every generator returns (x, y) sorted by x."""
from __future__ import annotations

from typing import Callable

import numpy as np

MAX_DATA_POINTS = 10_000

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
    if kind not in GENERATORS:
        raise ValueError(f"unknown data set {kind!r} (known: {', '.join(GENERATORS)})")
    if not 1 <= n_points <= MAX_DATA_POINTS:
        raise ValueError(f"number of points must be between 1 and {MAX_DATA_POINTS}, got {n_points}")
    if not (np.isfinite(noise) and noise >= 0.0):
        raise ValueError(f"noise must be a finite number >= 0, got {noise}")
    lo, hi = float(x_range[0]), float(x_range[1])
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise ValueError(f"x range must be two finite numbers, low < high, got {x_range}")
    rng = np.random.default_rng(seed)
    if kind == "dosage":
        # Dosage runs from 0 (low) to 1 (high); three points are exactly the seed's data,
        # more points sample the same story: only a medium dose is effective.
        if n_points == 3:
            x, y = np.array(DOSAGE_X), np.array(DOSAGE_Y)
        else:
            x = np.linspace(0.0, 1.0, n_points)
            y = np.clip(1.0 - 4.0 * np.abs(x - 0.5), 0.0, None)
    else:
        x = np.linspace(lo, hi, n_points)
        y = _SHAPES[kind](x)
    if noise:
        y = y + rng.normal(0.0, noise, size=y.shape)
    return x.astype(float), np.asarray(y, dtype=float)
