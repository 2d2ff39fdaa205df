"""Session.set_data on the plane: (n, 2) points, class labels checked in words, the output adapted in one edit."""
from __future__ import annotations

import numpy as np

from reluplay.presets import load_preset
from reluplay.state.session import Session


def test_plane_points_and_labels_are_checked_and_a_bad_one_changes_nothing(qtbot):
    s = Session(load_preset("xor"))
    errors = []
    s.error_raised.connect(lambda title, text: errors.append(text))
    before = s.x.copy()
    assert not s.set_data(np.array([[0.0, 1.0], [2.0, 3.0]]), np.array([0.0, 2.0]))  # 2 is not a class of 2
    assert "class labels" in errors[-1] and "point 2" in errors[-1]
    assert not s.set_data(np.array([0.0, 1.0]), np.array([0.0, 1.0]))  # numbers, not points
    assert "(x1, x2)" in errors[-1]
    np.testing.assert_array_equal(s.x, before)
    assert s.set_data(np.array([[0.0, 1.0], [2.0, 3.0]]), np.array([0.0, 1.0]))
    assert s.x.shape == (2, 2) and s.dataset is None  # clicked points: no generator record


def test_a_data_set_of_three_classes_brings_softmax_and_cross_entropy(qtbot):
    s = Session(load_preset("folding-the-plane"))  # regression, identity output, MSE
    hidden = s.network.layers[0].weights.copy()
    x = np.array([[0.0, 0.0], [1.0, 1.0], [2.0, 0.0]])
    assert s.set_data(x, np.array([0.0, 1.0, 2.0]), task=("classification", 3))
    assert (s.task, s.classes, s.settings.loss) == ("classification", 3, "cross_entropy")
    assert (s.network.output_layer.n_out, s.network.output_layer.activation) == (3, "softmax")
    np.testing.assert_array_equal(s.network.layers[0].weights, hidden)  # the hidden units stay
    assert s.to_preset().classes == 3
