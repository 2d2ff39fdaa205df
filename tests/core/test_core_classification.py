"""Predicted classes and accuracy (issue 12): hand-made networks, the p >= 0.5 rule, label checks."""
import numpy as np
import pytest

from reluplay.core import LabelError, Network, accuracy, check_labels, n_classes, predicted_class


def sign_of_x1(bias=0.0):
    """Two classes: logit = x1 + bias (through an identity hidden unit), so p >= 0.5 exactly where x1 >= -bias."""
    return Network([([[1.0, 0.0]], [0.0], "identity"), ([[1.0]], [bias], "sigmoid")], features=("x1", "x2"))


def three_way():
    """Three classes: logits (x1, x2, 0): class 0 where x1 is largest, 1 where x2 is, 2 where both < 0."""
    return Network([([[1.0, 0.0], [0.0, 1.0]], [0.0, 0.0], "identity"),
                    ([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]], [0.0, 0.0, 0.0], "softmax")], features=("x1", "x2"))


def test_two_classes_p_at_least_one_half_is_class_1():
    net = sign_of_x1()
    points = np.array([[-1.0, 5.0], [0.0, -3.0], [1e-300, 0.0], [-1e-12, 0.0], [2.0, 2.0]])
    assert net(points)[1] == 0.5  # exactly on the boundary ...
    assert predicted_class(net, points).tolist() == [0, 1, 1, 0, 1]  # ... counts as class 1
    assert predicted_class(net, points).dtype == np.int64


def test_three_classes_take_the_most_probable():
    net = three_way()
    points = np.array([[2.0, 1.0], [1.0, 2.0], [-1.0, -2.0], [-5.0, 0.5], [3.0, -4.0]])
    assert predicted_class(net, points).tolist() == [0, 1, 2, 1, 0]


def test_accuracy_counts_points_whose_class_is_their_label():
    net = three_way()
    points = np.array([[2.0, 1.0], [1.0, 2.0], [-1.0, -2.0], [-5.0, 0.5]])  # predicted 0, 1, 2, 1
    assert accuracy(net, points, [0, 1, 2, 1]) == 1.0
    assert accuracy(net, points, [0, 0, 2, 2]) == 0.5
    assert accuracy(net, points, [1, 2, 0, 0]) == 0.0
    assert accuracy(sign_of_x1(-1.0), [[0.5, 0.0], [1.5, 0.0], [1.0, 9.0]], [0, 1, 0]) == pytest.approx(2 / 3)


def test_one_input_networks_classify_too():
    net = Network([([[1.0]], [0.0], "relu"), ([[2.0]], [-1.0], "sigmoid")])  # class 1 where x >= 0.5
    assert predicted_class(net, [0.0, 0.49, 0.5, 3.0]).tolist() == [0, 0, 1, 1]


def test_number_of_classes():
    assert n_classes(sign_of_x1()) == 2 and n_classes(three_way()) == 3
    regression = Network.initialized([2], features=("x1", "x2"))
    assert n_classes(regression) == 0
    with pytest.raises(ValueError, match="predicts no classes"):
        predicted_class(regression, [[0.0, 0.0]])


def test_check_labels_accepts_whole_numbers_in_range():
    assert check_labels([0.0, 2.0, 1.0], 3).tolist() == [0, 2, 1]
    assert check_labels(np.array([1, 0]), 2).dtype == np.int64


@pytest.mark.parametrize("labels, k, shown", [([0, 2], 2, "point 2 has 2"), ([0.5], 2, "point 1 has 0.5"),
                                              ([1, -1], 3, "point 2 has -1"), ([np.nan], 4, "point 1 has nan")])
def test_check_labels_names_the_first_bad_label(labels, k, shown):
    with pytest.raises(LabelError, match=f"whole numbers 0 to {k - 1} for {k} classes; {shown}"):
        check_labels(labels, k)


def test_accuracy_refuses_labels_that_do_not_fit():
    with pytest.raises(LabelError):
        accuracy(three_way(), [[0.0, 1.0]], [3])
    with pytest.raises(ValueError, match="expected 2 labels"):
        accuracy(three_way(), [[0.0, 1.0], [1.0, 0.0]], [1])
