"""The three-class data set (three Gaussian blobs) that the softmax lesson is made from."""
import numpy as np
import pytest

from reluplay.core.datasets_2d import THREE_GAUSS_CENTRES, make_three_gauss, split_train_test_2d


def test_three_blobs_one_per_class_around_their_centres():
    X, y = make_three_gauss(300, seed=4)
    assert X.shape == (300, 2) and X.dtype == np.float64
    assert np.bincount(y).tolist() == [100, 100, 100]
    for label, centre in enumerate(THREE_GAUSS_CENTRES):
        mean = X[y == label].mean(axis=0)
        assert np.hypot(*(mean - centre)) < 0.25  # std 0.71 over 100 points: the mean is within ~0.1
    # at noise 0 the nearest centre is the label for nearly every point: the classes barely touch
    nearest = np.argmin(np.linalg.norm(X[:, None, :] - THREE_GAUSS_CENTRES[None], axis=2), axis=1)
    assert np.mean(nearest == y) > 0.97


def test_seeded_sizes_and_noise():
    a = make_three_gauss(101, noise_percent=20, seed=1)
    b = make_three_gauss(101, noise_percent=20, seed=1)
    assert np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert np.bincount(a[1]).tolist() == [34, 34, 33]
    wide = make_three_gauss(300, noise_percent=50, seed=1)[0]
    narrow = make_three_gauss(300, noise_percent=0, seed=1)[0]
    assert wide.std() > narrow.std()  # variance 4 against 0.5
    X_train, y_train, X_test, y_test = split_train_test_2d(*a, train_percent=50, seed=1)
    assert len(X_train) == 50 and set(np.unique(y_test)) <= {0, 1, 2}


@pytest.mark.parametrize("kwargs, words", [
    ({"n_points": 0}, "number of points"), ({"noise_percent": 60}, "noise"), ({"seed": -1}, "seed"),
])
def test_bad_arguments_are_clear(kwargs, words):
    with pytest.raises(ValueError, match=words):
        make_three_gauss(**kwargs)
