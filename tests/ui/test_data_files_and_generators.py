"""CSV import/export, the generator dialog and held-out test points, through the Data menu."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from reluplay.core import make_dataset, make_test_dataset, split_train_test
from reluplay.presets import load_preset
from reluplay.ui.features.data import menu as data_feature
from reluplay.ui.features.data.generator_dialog import DataGeneratorDialog


def menu_action(window, menu: str, text: str):
    return next(a for a in window.menus[menu].actions() if a.text().startswith(text))


@pytest.fixture
def choose_file(monkeypatch):
    """choose_file(path): the next open/save file dialog answers with path."""
    def choose(path):
        answer = (str(path), "")
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: answer)
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: answer)
    return choose


@pytest.fixture
def warnings_shown(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append((title, text)))
    return shown


# --- CSV -------------------------------------------------------------------------------------------
def test_import_then_export_round_trips_exactly(relu_window, choose_file, tmp_path):
    x = np.array([-1.0, 0.1, 1 / 3, 2.5e-17, 7.0])
    y = np.array([0.3, -2.0 / 7.0, 1e6, -0.0, np.pi])
    source = tmp_path / "points.csv"
    source.write_text("dose,effect\n" + "".join(f"{a!r},{b!r}\n" for a, b in zip(x.tolist(), y.tolist())))
    choose_file(source)
    menu_action(relu_window, "data", "Import data (CSV)").trigger()
    s = relu_window.session
    assert s.x.tobytes() == x.tobytes() and s.y.tobytes() == y.tobytes()
    shown_x, shown_y = relu_window.plots.data_points.getData()
    np.testing.assert_array_equal(shown_x, x)
    assert s.dirty

    exported = tmp_path / "out.csv"
    choose_file(exported)
    menu_action(relu_window, "file", "Export data (CSV)").trigger()
    assert exported.read_text().splitlines()[0] == "x,y"
    s.set_data([0.0], [0.0], "something else")
    choose_file(exported)
    menu_action(relu_window, "file", "Import data (CSV)").trigger()
    assert s.x.tobytes() == x.tobytes() and s.y.tobytes() == y.tobytes()


def test_bad_csv_changes_nothing_and_names_the_line(relu_window, choose_file, warnings_shown, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y\n0,1\n0.5,oops\n1,0\n")
    s = relu_window.session
    x0, y0 = s.x.copy(), s.y.copy()
    choose_file(bad)
    menu_action(relu_window, "data", "Import data (CSV)").trigger()
    assert len(warnings_shown) == 1
    title, text = warnings_shown[0]
    assert "line 3" in text and "bad.csv" in text and "kept unchanged" in text
    np.testing.assert_array_equal(s.x, x0)
    np.testing.assert_array_equal(s.y, y0)
    assert not s.dirty


def test_export_failure_is_a_message(relu_window, choose_file, warnings_shown, tmp_path):
    choose_file(tmp_path / "no such folder" / "out.csv")
    menu_action(relu_window, "data", "Export data (CSV)").trigger()
    assert len(warnings_shown) == 1 and "Nothing was changed" in warnings_shown[0][1]


# --- generators ----------------------------------------------------------------------------------------
def accept_generator(monkeypatch, configure):
    def fake_exec(dialog):
        configure(dialog)
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(DataGeneratorDialog, "exec", fake_exec)


def test_generator_dialog_gives_the_cores_data(relu_window, monkeypatch):
    def configure(d):
        d.kind_combo.setCurrentIndex(d.kind_combo.findData("sine"))
        d.points_spin.setValue(17)
        d.noise_spin.setValue(0.2)
        d.seed_spin.setValue(5)
        d.x_low_spin.setValue(-2.0)
        d.x_high_spin.setValue(1.5)
        d.test_check.setChecked(True)
        d.test_spin.setValue(6)
        # the preview shows what OK will use
        np.testing.assert_array_equal(d.preview_points.getData()[0], d.points[0])
    accept_generator(monkeypatch, configure)
    relu_window.data_tools.generate_action.trigger()
    s = relu_window.session
    x, y = make_dataset("sine", 17, 0.2, 5, (-2.0, 1.5))
    tx, ty = make_test_dataset("sine", 6, 0.2, 5, (-2.0, 1.5))
    np.testing.assert_array_equal(s.x, x)
    np.testing.assert_array_equal(s.y, y)
    np.testing.assert_array_equal(s.test_x, tx)
    np.testing.assert_array_equal(s.test_y, ty)


def test_generator_x_range_defaults_to_the_lessons_view(relu_window, monkeypatch):
    seen = {}
    accept_generator(monkeypatch, lambda d: seen.update(d.settings()))
    relu_window.data_tools.generate_action.trigger()
    assert seen["x_range"] == pytest.approx(relu_window.session.view.x_range)


def test_cancelled_generator_changes_nothing(relu_window, monkeypatch):
    monkeypatch.setattr(DataGeneratorDialog, "exec", lambda d: QDialog.DialogCode.Rejected)
    x0 = relu_window.session.x.copy()
    assert not data_feature.open_generator(relu_window)
    np.testing.assert_array_equal(relu_window.session.x, x0)


def test_generator_with_a_bad_range_cannot_be_accepted(relu_window):
    dialog = DataGeneratorDialog((0.0, 1.0), relu_window)
    dialog.x_low_spin.setValue(2.0)
    assert not dialog.ok_button.isEnabled()
    assert "x range must be" in dialog.message.text().lower()
    dialog.deleteLater()


# --- test points ---------------------------------------------------------------------------------------
def test_test_points_are_drawn_and_their_loss_is_the_cores_mse(sine_window, qtbot):
    s = sine_window.session
    held_out = sine_window.data_tools.held_out
    assert not held_out.loss_label.isVisible()
    x, y = s.x.copy(), s.y.copy()
    held_out.hold_out_action.trigger()
    x_train, y_train, x_test, y_test = split_train_test(x, y, 0.25, seed=s.settings.seed)
    np.testing.assert_array_equal(s.x, x_train)
    np.testing.assert_array_equal(s.test_x, x_test)
    np.testing.assert_array_equal(held_out.scatter.getData()[0], x_test)
    assert held_out.loss_label.isVisible()
    expected = float(np.mean((s.network(x_test) - y_test) ** 2))
    assert held_out.loss_label.text().strip() == f"Test loss: {expected:.4g}"
    # the test loss follows the network
    s.set_output_bias(s.network.output_layer.biases[0] + 0.5)
    expected = float(np.mean((s.network(x_test) - y_test) ** 2))
    qtbot.waitUntil(lambda: held_out.loss_label.text().strip() == f"Test loss: {expected:.4g}", timeout=3000)


def test_training_never_sees_the_test_points(sine_window, qtbot):
    s = sine_window.session
    sine_window.data_tools.held_out.hold_out()
    n_train = s.x.size
    sine_window.controller.step(5)
    qtbot.waitUntil(lambda: s.step == 5, timeout=5000)
    assert s.x.size == n_train and s.test_x.size > 0


def test_returning_test_points_restores_the_data(sine_window):
    s = sine_window.session
    x0, y0 = s.x.copy(), s.y.copy()
    sine_window.data_tools.held_out.hold_out()
    sine_window.data_tools.held_out.return_action.trigger()
    np.testing.assert_array_equal(s.x, x0)
    np.testing.assert_array_equal(s.y, y0)
    assert s.test_x.size == 0 and not sine_window.data_tools.held_out.loss_label.isVisible()


def test_opening_a_preset_drops_the_test_points(sine_window):
    sine_window.data_tools.held_out.hold_out()
    sine_window.session.load(load_preset("relu-in-action"))
    assert sine_window.session.test_x.size == 0
    assert sine_window.data_tools.held_out.scatter.getData()[0].size == 0


def test_undo_state_includes_the_test_points(sine_window):
    s = sine_window.session
    sine_window.data_tools.held_out.hold_out()
    state = s.capture_state()
    sine_window.data_tools.held_out.return_to_training()
    s.restore_state(state)
    np.testing.assert_array_equal(s.test_x, state.test_x)
    np.testing.assert_array_equal(sine_window.data_tools.held_out.scatter.getData()[0], state.test_x)


def test_saving_a_lesson_keeps_its_test_points(relu_window, tmp_path):
    s = relu_window.session
    s.set_data(s.x, s.y, "hold out", test=(np.array([0.25, 0.75]), np.array([0.5, 0.5])))
    path = tmp_path / "held.json"
    assert relu_window.files.save_to(path)
    s.set_data(s.x, s.y, "forget", test=(np.zeros(0), np.zeros(0)))
    assert relu_window.files.open_path(path, ask_to_save=False)
    assert s.test_x.tolist() == [0.25, 0.75] and s.test_y.tolist() == [0.5, 0.5]
    assert np.isfinite(s.test_loss())
