"""Lesson data sets: shapes, seeds, limits."""
import numpy as np
import pytest

from reluplay.core import DOSAGE_X, DOSAGE_Y, GENERATORS, MAX_DATA_POINTS, make_dataset


@pytest.mark.parametrize("kind", GENERATORS)
def test_every_generator_is_sorted_finite_and_sized(kind):
    x, y = make_dataset(kind, 25)
    assert x.shape == y.shape == (25,)
    assert x.dtype == y.dtype == np.float64
    assert np.all(np.diff(x) > 0) and np.isfinite(y).all()


def test_curves_by_hand():
    x, y = make_dataset("sine", 5)
    assert x.tolist() == [-1.0, -0.5, 0.0, 0.5, 1.0]
    assert y == pytest.approx([0.0, -1.0, 0.0, 1.0, 0.0], abs=1e-15)
    assert make_dataset("abs", 3)[1].tolist() == [1.0, 0.0, 1.0]
    assert make_dataset("step", 3)[1].tolist() == [0.0, 1.0, 1.0]
    assert make_dataset("linear", 3)[1].tolist() == [-0.25, 0.25, 0.75]
    x, y = make_dataset("abs", 3, x_range=(-4.0, 2.0))
    assert x.tolist() == [-4.0, -1.0, 2.0] and y.tolist() == [4.0, 1.0, 2.0]


def test_dosage_is_the_seed_data_and_its_story():
    x, y = make_dataset("dosage", 3)
    assert (tuple(x), tuple(y)) == (DOSAGE_X, DOSAGE_Y)
    x, y = make_dataset("dosage", 9)
    assert x[0] == 0.0 and x[-1] == 1.0
    assert y[0] == 0.0 and y[4] == 1.0 and y[-1] == 0.0 and y.max() == 1.0


@pytest.mark.parametrize("kind", GENERATORS)
def test_noise_is_seeded(kind):
    a = make_dataset(kind, 30, noise=0.1, seed=5)
    b = make_dataset(kind, 30, noise=0.1, seed=5)
    c = make_dataset(kind, 30, noise=0.1, seed=6)
    clean = make_dataset(kind, 30)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert not np.array_equal(a[1], c[1])
    assert np.array_equal(a[0], clean[0])
    assert 0.03 < np.std(a[1] - clean[1]) < 0.3
    # without noise the seed makes no difference
    assert np.array_equal(make_dataset(kind, 30, seed=1)[1], make_dataset(kind, 30, seed=2)[1])


@pytest.mark.parametrize("kwargs, message", [
    ({"kind": "spiral"}, "unknown data set 'spiral'"),
    ({"n_points": 0}, "between 1 and"),
    ({"n_points": MAX_DATA_POINTS + 1}, f"between 1 and {MAX_DATA_POINTS}"),
    ({"noise": -0.1}, "noise"),
    ({"noise": float("nan")}, "noise"),
    ({"x_range": (1.0, 1.0)}, "x range"),
    ({"x_range": (2.0, -2.0)}, "x range"),
    ({"x_range": (0.0, float("inf"))}, "x range"),
])
def test_limits_are_value_errors(kwargs, message):
    args = {"kind": "sine", **kwargs}
    with pytest.raises(ValueError, match=message):
        make_dataset(**args)


def test_the_limit_itself_is_allowed():
    x, y = make_dataset("sine", MAX_DATA_POINTS)
    assert x.size == MAX_DATA_POINTS
    assert make_dataset("sine", 1)[0].tolist() == [-1.0]


def test_checked_points_refuse_what_training_cannot_use():
    import pytest

    from reluplay.core import MAX_ABS_DATA_VALUE, checked_points

    x, y = checked_points([0, 1], [2, 3])
    assert x.dtype == float and y.tolist() == [2.0, 3.0]
    for bad_x, bad_y, words in [([0, 1], [1], "as many"), ([], [], "at least one"),
                                ([0, float("nan")], [1, 1], "finite"),
                                ([0, 1], [1, 2 * MAX_ABS_DATA_VALUE], "within")]:
        with pytest.raises(ValueError, match=words):
            checked_points(bad_x, bad_y)
    assert checked_points([], [], "test points", allow_empty=True)[0].size == 0
