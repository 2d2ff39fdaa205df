"""TensorFlow Playground's two-input data sets, seeded, so a teacher can reproduce its pages.

The definitions follow TF Playground's ``src/dataset.ts`` and ``src/playground.ts`` (sizes, radii,
padding, noise scales, the train/test split): what differs is that ours are seeded (a NumPy
generator, so the same arguments give the same points) and that class labels are 0/1 instead of
-1/+1 (TF's +1 is our 1). Noise is given as TF's slider shows it, a percentage 0..50, and divided
by 100 as TF does. With an odd number of points TF makes one point too many (each half loops while
``i < n / 2``); ours makes exactly ``n_points``, the first class getting the extra point.
"""
from __future__ import annotations

import numbers

import numpy as np

from .datasets import MAX_DATA_POINTS

CLASSIFICATION_SETS = ("circle", "xor", "gauss", "spiral")
#: TF Playground's own keys (its URL says ``regDataset=reg-plane``); the aliases are its titles.
REGRESSION_SETS = ("reg-plane", "reg-gauss")
ALIASES = {"plane": "reg-plane", "multi-gauss": "reg-gauss"}
DATASETS_2D = (*CLASSIFICATION_SETS, *REGRESSION_SETS)

#: TF Playground's NUM_SAMPLES_CLASSIFY and NUM_SAMPLES_REGRESS.
NUM_SAMPLES_CLASSIFY = 500
NUM_SAMPLES_REGRESS = 1200
#: TF Playground's sliders: noise 0..50 %, training share 10..90 %.
MAX_NOISE_PERCENT = 50.0
MIN_TRAIN_PERCENT = 10.0
MAX_TRAIN_PERCENT = 90.0

_CIRCLE_RADIUS = 5.0  # inner disc r < 2.5 is class 1, the ring 3.5..5 class 0
_XOR_PADDING = 0.3
_PLANE_RADIUS = 6.0
#: reg-gauss: (centre x1, centre x2, sign) of TF's six bumps.
_BUMPS = np.array(
    [[-4.0, 2.5, 1.0], [0.0, 2.5, -1.0], [4.0, 2.5, 1.0], [-4.0, -2.5, -1.0], [0.0, -2.5, 1.0], [4.0, -2.5, -1.0]]
)


def is_classification(kind: str) -> bool:
    return _canonical(kind) in CLASSIFICATION_SETS


def make_dataset_2d(
    kind: str, n_points: int | None = None, noise_percent: float = 0.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """(X, y): X (n, 2) float64; y int labels 0/1 (classification) or float targets (regression).

    ``n_points`` defaults to TF Playground's 500 (classification) or 1,200 (regression). Points
    come in generation order (class 1 first); ``split_train_test_2d`` shuffles as TF does.
    """
    kind = _canonical(kind)
    if n_points is None:
        n_points = NUM_SAMPLES_CLASSIFY if kind in CLASSIFICATION_SETS else NUM_SAMPLES_REGRESS
    _check_count(n_points)
    _check_seed(seed)
    noise = _checked_noise(noise_percent) / 100.0
    rng = np.random.default_rng(seed)
    X, y = _GENERATORS[kind](rng, int(n_points), noise)
    return np.ascontiguousarray(X, dtype=np.float64), y


def split_train_test_2d(
    X, y, train_percent: float = 50.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(X_train, y_train, X_test, y_test): a seeded shuffle, then the first floor(n * percent / 100)
    points train, as TF Playground's ``generateData`` does."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y)
    if X.ndim != 2 or X.shape[1] != 2:
        raise ValueError(f"points must be an (n, 2) array of (x1, x2), got shape {X.shape}")
    if y.shape != (X.shape[0],):
        raise ValueError(f"need one label per point: {X.shape[0]} points, labels of shape {y.shape}")
    percent = _checked_number(train_percent, "train percent")
    if not MIN_TRAIN_PERCENT <= percent <= MAX_TRAIN_PERCENT:
        raise ValueError(
            f"train percent must be between {MIN_TRAIN_PERCENT:g} and {MAX_TRAIN_PERCENT:g}, got {train_percent!r}"
        )
    _check_seed(seed)
    # Its own stream ([seed, 2]): splitting never shares draws with the points' generation.
    order = np.random.default_rng([seed, 2]).permutation(X.shape[0])
    n_train = int(np.floor(X.shape[0] * percent / 100.0))
    train, test = order[:n_train], order[n_train:]
    return X[train], y[train], X[test], y[test]


def make_train_test_2d(
    kind: str,
    noise_percent: float = 0.0,
    train_percent: float = 50.0,
    seed: int = 0,
    n_points: int | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A TF Playground page in one call: the data set, shuffled and split (defaults: TF's)."""
    X, y = make_dataset_2d(kind, n_points, noise_percent, seed)
    return split_train_test_2d(X, y, train_percent, seed)


# --- the generators (TF's definitions; rng draws vectorised) -----------------------------------

def _halves(n: int) -> tuple[int, int]:
    return n - n // 2, n // 2


def _circle(rng, n, noise):
    radius = _CIRCLE_RADIUS
    parts = []
    for count, (r_lo, r_hi) in zip(_halves(n), ((0.0, 0.5 * radius), (0.7 * radius, radius))):
        r = rng.uniform(r_lo, r_hi, count)
        angle = rng.uniform(0.0, 2.0 * np.pi, count)
        parts.append(np.column_stack([r * np.sin(angle), r * np.cos(angle)]))
    X = np.concatenate(parts)
    # The label is read where noise moves the point; the point itself stays put (as in TF).
    moved = X + rng.uniform(-radius, radius, X.shape) * noise
    y = (np.hypot(moved[:, 0], moved[:, 1]) < 0.5 * radius).astype(np.int64)
    return X, y


def _xor(rng, n, noise):
    X = rng.uniform(-5.0, 5.0, (n, 2))
    X += np.where(X > 0.0, _XOR_PADDING, -_XOR_PADDING)  # keeps a gap of 0.3 either side of each axis
    moved = X + rng.uniform(-5.0, 5.0, X.shape) * noise
    y = (moved[:, 0] * moved[:, 1] >= 0.0).astype(np.int64)
    return X, y


def _gauss(rng, n, noise):
    variance = 0.5 + (4.0 - 0.5) * noise / 0.5  # TF: d3 scale [0, 0.5] -> [0.5, 4]
    n_pos, n_neg = _halves(n)
    X = np.concatenate(
        [rng.normal(2.0, np.sqrt(variance), (n_pos, 2)), rng.normal(-2.0, np.sqrt(variance), (n_neg, 2))]
    )
    y = np.concatenate([np.ones(n_pos, np.int64), np.zeros(n_neg, np.int64)])
    return X, y


def _spiral(rng, n, noise):
    per_arm = n / 2.0  # TF divides by numSamples / 2 for both arms
    parts, labels = [], []
    for count, delta, label in zip(_halves(n), (0.0, np.pi), (1, 0)):
        i = np.arange(count)
        r = i / per_arm * 5.0
        t = 1.75 * i / per_arm * 2.0 * np.pi + delta
        xy = np.column_stack([r * np.sin(t), r * np.cos(t)]) + rng.uniform(-1.0, 1.0, (count, 2)) * noise
        parts.append(xy)
        labels.append(np.full(count, label, np.int64))
    return np.concatenate(parts), np.concatenate(labels)


def _uniform_plane_points(rng, n, noise):
    X = rng.uniform(-_PLANE_RADIUS, _PLANE_RADIUS, (n, 2))
    moved = X + rng.uniform(-_PLANE_RADIUS, _PLANE_RADIUS, X.shape) * noise
    return X, moved


def _reg_plane(rng, n, noise):
    X, moved = _uniform_plane_points(rng, n, noise)
    return X, (moved[:, 0] + moved[:, 1]) / 10.0  # TF: d3 scale [-10, 10] -> [-1, 1]


def _reg_gauss(rng, n, noise):
    X, moved = _uniform_plane_points(rng, n, noise)
    dist = np.hypot(moved[:, None, 0] - _BUMPS[:, 0], moved[:, None, 1] - _BUMPS[:, 1])
    signed = _BUMPS[:, 2] * np.clip(1.0 - dist / 2.0, 0.0, 1.0)  # TF: [0, 2] -> [1, 0], clamped
    # The bump largest in absolute value wins; the first on a tie, as TF's strict ">" keeps it.
    strongest = np.argmax(np.abs(signed), axis=1)
    return X, signed[np.arange(n), strongest] + 0.0  # + 0.0: no "-0" labels


_GENERATORS = {
    "circle": _circle,
    "xor": _xor,
    "gauss": _gauss,
    "spiral": _spiral,
    "reg-plane": _reg_plane,
    "reg-gauss": _reg_gauss,
}


# --- argument checks ----------------------------------------------------------------------------

def _canonical(kind) -> str:
    name = ALIASES.get(kind, kind) if isinstance(kind, str) else kind
    if name not in _GENERATORS:
        known = ", ".join([*DATASETS_2D, *ALIASES])
        raise ValueError(f"unknown 2-D data set {kind!r} (known: {known})")
    return name


def _checked_number(value, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real) or not np.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {value!r}")
    return float(value)


def _checked_noise(noise_percent) -> float:
    noise = _checked_number(noise_percent, "noise")
    if not 0.0 <= noise <= MAX_NOISE_PERCENT:
        raise ValueError(f"noise must be between 0 and {MAX_NOISE_PERCENT:g} (percent), got {noise_percent!r}")
    return noise


def _check_count(n_points) -> None:
    if isinstance(n_points, bool) or not isinstance(n_points, numbers.Integral) or not 1 <= n_points <= MAX_DATA_POINTS:
        raise ValueError(f"number of points must be a whole number from 1 to {MAX_DATA_POINTS}, got {n_points!r}")


def _check_seed(seed) -> None:
    if isinstance(seed, bool) or not isinstance(seed, numbers.Integral) or seed < 0:
        raise ValueError(f"seed must be a whole number >= 0, got {seed!r}")


# --- three classes (not in TF Playground: its data sets have two) --------------------------------

#: Data sets with three classes (labels 0, 1, 2); made by their own function, not make_dataset_2d.
THREE_CLASS_SETS = ("three-gauss",)
#: three-gauss: the blobs' centres, 3.5 from the origin at 90°, 210° and 330° (class 0, 1, 2).
THREE_GAUSS_CENTRES = 3.5 * np.array(
    [[np.cos(a), np.sin(a)] for a in np.radians([90.0, 210.0, 330.0])]
)


def make_three_gauss(
    n_points: int = NUM_SAMPLES_CLASSIFY, noise_percent: float = 0.0, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """(X, y): three Gaussian blobs, labels 0, 1, 2 (a softmax lesson's data), with TF's gauss spread.

    As TF Playground's ``gauss``, the variance grows from 0.5 (noise 0) to 4 (noise 50 %); the
    centres sit on a circle of radius 3.5, so at noise 0 the classes barely touch. The points
    come class by class, the first classes getting the extra points when n is not a multiple of 3.
    """
    _check_count(n_points)
    _check_seed(seed)
    noise = _checked_noise(noise_percent) / 100.0
    variance = 0.5 + (4.0 - 0.5) * noise / 0.5
    rng = np.random.default_rng(seed)
    counts = [n_points // 3 + (1 if c < n_points % 3 else 0) for c in range(3)]
    X = np.concatenate([rng.normal(centre, np.sqrt(variance), (count, 2))
                        for centre, count in zip(THREE_GAUSS_CENTRES, counts)])
    y = np.concatenate([np.full(count, label, np.int64) for label, count in enumerate(counts)])
    return np.ascontiguousarray(X, dtype=np.float64), y
