"""TF Playground's 2-D data sets: its geometry and sizes, seeded, with labels 0/1."""
import numpy as np
import pytest

from reluplay.core.datasets_2d import (
    CLASSIFICATION_SETS,
    DATASETS_2D,
    make_dataset_2d,
    make_train_test_2d,
    split_train_test_2d,
)


@pytest.mark.parametrize("kind", DATASETS_2D)
def test_shapes_types_and_tf_default_sizes(kind):
    X, y = make_dataset_2d(kind)
    n = 500 if kind in CLASSIFICATION_SETS else 1200
    assert X.shape == (n, 2) and X.dtype == np.float64 and y.shape == (n,)
    if kind in CLASSIFICATION_SETS:
        assert y.dtype.kind == "i" and set(np.unique(y)) <= {0, 1}
    else:
        assert y.dtype == np.float64
    assert np.isfinite(X).all() and np.isfinite(y).all()


@pytest.mark.parametrize("kind", DATASETS_2D)
def test_same_seed_same_points_other_seed_other_points(kind):
    X1, y1 = make_dataset_2d(kind, noise_percent=20, seed=3)
    X2, y2 = make_dataset_2d(kind, noise_percent=20, seed=3)
    X3, _ = make_dataset_2d(kind, noise_percent=20, seed=4)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert not np.array_equal(X1, X3)


@pytest.mark.parametrize("kind", ["circle", "gauss", "spiral"])
def test_two_classes_in_equal_halves_without_noise(kind):
    _, y = make_dataset_2d(kind, n_points=501)
    assert y.size == 501 and np.sum(y == 1) == 251 and np.sum(y == 0) == 250


def test_xor_label_balance_is_roughly_even():
    _, y = make_dataset_2d("xor", seed=1)
    assert 200 < np.sum(y) < 300


def test_circle_without_noise_inner_disc_is_class_one_ring_class_zero():
    X, y = make_dataset_2d("circle", seed=5)
    r = np.hypot(X[:, 0], X[:, 1])
    assert np.all(r[y == 1] <= 2.5) and np.all((r[y == 0] >= 3.5) & (r[y == 0] <= 5.0))
    assert np.sum(y == 1) == 250


def test_circle_noise_moves_where_the_label_is_read_not_the_point():
    X, y = make_dataset_2d("circle", noise_percent=50, seed=5)
    r = np.hypot(X[:, 0], X[:, 1])
    assert r.max() <= 5.0  # points stay on the disc and ring
    assert np.any((r < 2.5) & (y == 0)) and np.any((r > 3.5) & (y == 1))  # some labels flipped


def test_xor_keeps_a_gap_of_0_3_from_the_axes_and_labels_by_quadrant():
    X, y = make_dataset_2d("xor", seed=2)
    assert np.all(np.abs(X) >= 0.3) and np.all(np.abs(X) <= 5.3)
    assert np.array_equal(y, (X[:, 0] * X[:, 1] > 0).astype(int))


def test_gauss_centres_and_spread_grows_with_noise():
    X, y = make_dataset_2d("gauss", seed=0)
    assert np.allclose(X[y == 1].mean(axis=0), [2, 2], atol=0.2)
    assert np.allclose(X[y == 0].mean(axis=0), [-2, -2], atol=0.2)
    assert np.std(X[y == 1]) == pytest.approx(np.sqrt(0.5), rel=0.15)  # TF: variance 0.5 at noise 0
    X_noisy, y_noisy = make_dataset_2d("gauss", noise_percent=50, seed=0)
    assert np.std(X_noisy[y_noisy == 1]) == pytest.approx(2.0, rel=0.15)  # variance 4 at noise 50


def test_spiral_arms_follow_tf_formula_and_are_half_a_turn_apart():
    X, y = make_dataset_2d("spiral", n_points=500)
    i = np.arange(250)
    r, t = i / 250 * 5, 1.75 * i / 250 * 2 * np.pi
    assert np.allclose(X[y == 1], np.column_stack([r * np.sin(t), r * np.cos(t)]))
    assert np.allclose(X[y == 0], -X[y == 1])  # + pi: the second arm is the first turned half a turn
    assert np.hypot(*X.T).max() < 5.0


def test_reg_plane_targets_and_range():
    X, y = make_dataset_2d("reg-plane", seed=1)
    assert np.all(np.abs(X) <= 6.0)
    assert np.allclose(y, (X[:, 0] + X[:, 1]) / 10)
    _, y_noisy = make_dataset_2d("plane", noise_percent=30, seed=1)  # TF's title as an alias
    assert not np.allclose(y_noisy, y)


def test_reg_gauss_bump_heights_and_signs():
    X, y = make_dataset_2d("multi-gauss", seed=1)
    assert np.all(np.abs(X) <= 6.0) and np.all(np.abs(y) <= 1.0)
    near_positive = np.hypot(X[:, 0] - 4, X[:, 1] - 2.5) < 0.3
    near_negative = np.hypot(X[:, 0] - 0, X[:, 1] - 2.5) < 0.3
    assert np.all(y[near_positive] > 0.8) and np.all(y[near_negative] < -0.8)
    far = np.min(np.hypot(X[:, None, 0] - np.array([-4, 0, 4]), np.abs(X[:, None, 1]) - 2.5), axis=1) > 2
    assert np.all(y[far] == 0.0)


@pytest.mark.parametrize("percent, n_train", [(10, 50), (50, 250), (90, 450), (33, 165)])
def test_split_sizes_follow_tf_floor(percent, n_train):
    X_tr, y_tr, X_te, y_te = make_train_test_2d("circle", train_percent=percent, seed=1)
    assert X_tr.shape == (n_train, 2) and y_tr.shape == (n_train,)
    assert X_te.shape == (500 - n_train, 2) and y_te.shape == (500 - n_train,)
    X, _y = make_dataset_2d("circle", seed=1)
    both = np.concatenate([X_tr, X_te])
    assert np.array_equal(np.sort(both, axis=0), np.sort(X, axis=0))  # every point once


def test_split_is_seeded_and_shuffles():
    X, y = make_dataset_2d("spiral")
    a = split_train_test_2d(X, y, 50, seed=7)
    b = split_train_test_2d(X, y, 50, seed=7)
    c = split_train_test_2d(X, y, 50, seed=8)
    assert all(np.array_equal(p, q) for p, q in zip(a, b))
    assert not np.array_equal(a[0], c[0])
    assert 0 < np.sum(a[1]) < a[1].size  # both classes in training, not the first half only


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"kind": "moons"}, "'moons'"),
        ({"kind": "circle", "noise_percent": 60}, "60"),
        ({"kind": "circle", "noise_percent": -1}, "-1"),
        ({"kind": "circle", "noise_percent": float("nan")}, "nan"),
        ({"kind": "circle", "n_points": 0}, "0"),
        ({"kind": "circle", "n_points": 2.5}, "2.5"),
        ({"kind": "circle", "n_points": 10**6}, "1000000"),
        ({"kind": "circle", "seed": -3}, "-3"),
        ({"kind": "circle", "seed": "a"}, "'a'"),
    ],
)
def test_bad_arguments_are_refused_naming_the_value(kwargs, words):
    with pytest.raises(ValueError, match=words):
        make_dataset_2d(**kwargs)


@pytest.mark.parametrize("percent", [5, 95, float("inf"), "50"])
def test_bad_train_percent_is_refused(percent):
    X, y = make_dataset_2d("xor", n_points=20)
    with pytest.raises(ValueError, match="train percent"):
        split_train_test_2d(X, y, percent)


def test_split_refuses_points_that_are_not_pairs():
    with pytest.raises(ValueError, match=r"\(n, 2\)"):
        split_train_test_2d(np.zeros((4, 3)), np.zeros(4))
    with pytest.raises(ValueError, match="one label per point"):
        split_train_test_2d(np.zeros((4, 2)), np.zeros(3))
