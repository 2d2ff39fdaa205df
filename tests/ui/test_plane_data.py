"""Data on the plane: the data set dialog (one undoable edit, the core's points) and clicking points in."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from reluplay.core.datasets_2d import make_dataset_2d, make_three_gauss, split_train_test_2d
from reluplay.ui.features.data import dataset_dialog
from reluplay.ui.features.data.dataset_dialog import DatasetDialog
from tests.ui.plane_lessons import plane_regression_lesson, three_class_lesson, xor_lesson


def choose(dialog: DatasetDialog, kind: str, noise: int, train: int, points: int, seed: int) -> None:
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData(kind))
    dialog.noise_spin.setValue(noise)
    dialog.train_spin.setValue(train)
    dialog.points_spin.setValue(points)
    dialog.seed_spin.setValue(seed)


@pytest.fixture
def answer_dialog(monkeypatch):
    """answer_dialog(kind, ...): the next "Data set…" dialog is filled in so and accepted (or not adapted)."""
    shown = []

    def set_answer(kind, noise=0, train=50, points=200, seed=0, adapt=True):
        def exec_(dialog):
            choose(dialog, kind, noise, train, points, seed)
            dialog.adapt_check.setChecked(adapt)
            shown.append(dialog)
            return 1 if dialog.ok_button.isEnabled() else 0

        monkeypatch.setattr(DatasetDialog, "exec", exec_)
        return shown

    return set_answer


def test_a_data_set_is_the_cores_points_for_its_seed_and_one_undo_restores(open_window, answer_dialog):
    window = open_window(xor_lesson())
    s = window.session
    before_x, before_y, before_tx = s.x.copy(), s.y.copy(), s.test_x.copy()
    steps = window.undo_stack.count()
    answer_dialog("spiral", noise=10, train=70, points=300, seed=5)
    assert window.data_tools.dataset_action.isEnabled()
    window.data_tools.dataset_action.trigger()

    x, y = make_dataset_2d("spiral", 300, 10, 5)
    tx_expected = split_train_test_2d(x, y, 70, 5)
    np.testing.assert_array_equal(s.x, tx_expected[0])
    np.testing.assert_array_equal(s.y, tx_expected[1])
    np.testing.assert_array_equal(s.test_x, tx_expected[2])
    assert s.x.shape == (210, 2) and s.test_x.shape == (90, 2)
    assert (s.dataset.kind, s.dataset.noise, s.dataset.train_percent, s.dataset.points, s.dataset.seed) == \
        ("spiral", 10.0, 70.0, 300, 5)
    assert s.to_preset().dataset == s.dataset  # saved as data.dataset
    assert sorted(map(tuple, window.plane.output.train_points.drawn())) == sorted(map(tuple, s.x))
    assert window.undo_stack.count() == steps + 1

    window.undo_action.trigger()
    np.testing.assert_array_equal(s.x, before_x)
    np.testing.assert_array_equal(s.y, before_y)
    np.testing.assert_array_equal(s.test_x, before_tx)
    assert s.dataset is None or s.dataset.kind == "xor"


def test_regenerate_draws_the_next_seed(open_window):
    window = open_window(xor_lesson())
    dialog = DatasetDialog(window.session.network, None, window, seed=3)
    choose(dialog, "circle", 0, 50, 100, 3)
    first = dialog.data.x.copy()
    dialog.regenerate_button.click()
    assert dialog.seed_spin.value() == 4
    np.testing.assert_array_equal(dialog.data.x, dataset_dialog.generate(dialog.record()).x)
    assert not np.array_equal(first, dialog.data.x)
    dialog.deleteLater()


def test_three_classes_adapt_the_output_layer_and_loss_in_one_undo_step(open_window, answer_dialog, qtbot):
    window = open_window(xor_lesson())
    s = window.session
    assert (s.network.output_layer.n_out, s.network.output_layer.activation) == (1, "sigmoid")
    steps = window.undo_stack.count()
    shown = answer_dialog("three-gauss", points=150, seed=2)
    window.data_tools.dataset_action.trigger()
    assert "3 classes" in shown[0].fit_note.text() and shown[0].adapt_check.isVisibleTo(shown[0])

    x, y = make_three_gauss(150, 0, 2)
    np.testing.assert_array_equal(s.x, split_train_test_2d(x, y, 50, 2)[0])
    assert (s.task, s.classes) == ("classification", 3)
    assert (s.network.output_layer.n_out, s.network.output_layer.activation) == (3, "softmax")
    assert s.settings.loss == "cross_entropy"
    qtbot.waitUntil(lambda: window.plane.output.values.shape[0] == 3)  # the winning class's colours
    assert len(window.editor.output_biases) == 3
    assert window.undo_stack.count() == steps + 1

    window.undo_action.trigger()
    assert (s.task, s.classes) == ("classification", 2)
    assert (s.network.output_layer.n_out, s.network.output_layer.activation) == (1, "sigmoid")
    qtbot.waitUntil(lambda: window.plane.output.values.shape[0] == 1)


def test_a_regression_set_on_a_classifier_is_refused_in_words_unless_adapted(open_window, answer_dialog):
    window = open_window(xor_lesson())
    s = window.session
    before = s.x.copy()
    shown = answer_dialog("reg-plane", points=100, adapt=False)
    window.data_tools.dataset_action.trigger()
    assert not shown[0].ok_button.isEnabled()
    assert "cannot learn these points" in shown[0].message.text()
    np.testing.assert_array_equal(s.x, before)

    answer_dialog("reg-plane", points=100, adapt=True)
    window.data_tools.dataset_action.trigger()
    assert (s.task, s.network.output_layer.activation, s.settings.loss) == ("regression", "identity", "mse")
    assert not window.two_inputs.status_accuracy.isVisible()


def test_a_1d_lesson_offers_no_plane_data_tools(relu_window):
    tools = relu_window.data_tools
    assert not tools.dataset_action.isEnabled() and "two inputs" in tools.dataset_action.toolTip()
    assert not tools.plane_points.toggle_action.isEnabled()


# --- clicking points in ----------------------------------------------------------------------------

def click(qtbot, window, x1, x2, button=Qt.MouseButton.LeftButton, shift=False):
    output = window.plane.output
    scene = output.plot.vb.mapViewToScene(QPointF(x1, x2))
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.mouseClick(output.viewport(), button, modifier, output.mapFromScene(scene))


@pytest.fixture
def adding(open_window):
    def open_(preset):
        window = open_window(preset)
        window.data_tools.plane_points.toggle_action.trigger()
        return window
    return open_


def test_clicks_add_points_of_the_chosen_class_and_right_click_the_other(adding, qtbot):
    window = adding(xor_lesson())
    s, points = window.session, window.data_tools.plane_points
    n, steps = s.y.size, window.undo_stack.count()
    assert points.class_combo.isVisible() and points.class_combo.count() == 2
    points.class_combo.setCurrentIndex(1)
    click(qtbot, window, 2.0, -3.0)
    assert s.y.size == n + 1 and s.x[-1] == pytest.approx([2.0, -3.0], abs=0.1) and s.y[-1] == 1
    click(qtbot, window, -4.0, 1.0, Qt.MouseButton.RightButton)
    assert s.y.size == n + 2 and s.x[-1] == pytest.approx([-4.0, 1.0], abs=0.1) and s.y[-1] == 0
    assert window.undo_stack.count() == steps + 2  # one undo step per click
    window.undo_action.trigger()
    assert s.y.size == n + 1


def test_three_classes_left_click_adds_the_chosen_class(adding, qtbot):
    window = adding(three_class_lesson())
    s, points = window.session, window.data_tools.plane_points
    assert points.class_combo.count() == 3
    points.class_combo.setCurrentIndex(2)
    n = s.y.size
    click(qtbot, window, 5.5, 5.5)
    assert s.y.size == n + 1 and s.y[-1] == 2


def test_regression_click_adds_the_chosen_value(adding, qtbot):
    window = adding(plane_regression_lesson())
    s, points = window.session, window.data_tools.plane_points
    assert points.value_spin.isVisible() and not points.class_combo.isVisible()
    points.value_spin.setValue(0.75)
    n = s.y.size
    click(qtbot, window, 1.0, 1.0)
    assert s.y.size == n + 1 and s.y[-1] == 0.75


def test_shift_click_removes_the_nearest_point(adding, qtbot):
    window = adding(xor_lesson())
    s = window.session
    n, target = s.y.size, s.x[7].copy()
    click(qtbot, window, target[0] + 0.05, target[1] - 0.05, shift=True)
    assert s.y.size == n - 1
    assert not any(np.array_equal(p, target) for p in s.x)
    n_test, test_target = s.test_y.size, s.test_x[3].copy()
    click(qtbot, window, *test_target, shift=True)
    assert s.test_y.size == n_test - 1 and s.y.size == n - 1


def test_adding_points_leaves_the_walkthrough_click_alone(adding, qtbot):
    window = adding(xor_lesson())
    with qtbot.assertNotEmitted(window.plane.point_selected):
        click(qtbot, window, *window.session.x[0])
