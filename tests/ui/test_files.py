"""Open, Save, Save As, the examples, recent files and unsaved changes."""
from __future__ import annotations

import json

import numpy as np
from PySide6.QtWidgets import QMessageBox

from reluplay.presets import load_preset


def test_save_then_open_restores_the_same_network(relu_window, tmp_path):
    session, files = relu_window.session, relu_window.files
    relu_window.editor.cards[0].weights[0].spin.setValue(2.25)
    session.add_unit(0)
    session.set_training(optimizer="adam", learning_rate=0.05)
    saved = session.network.copy()
    path = tmp_path / "lesson.json"
    assert files.save_to(path)
    assert not relu_window.isWindowModified() and session.path == path
    assert files.open_path("dead-unit", builtin=True)
    assert not session.network.same_as(saved)
    assert files.open_path(path)
    assert session.network.same_as(saved)
    assert session.settings.optimizer == "adam" and session.settings.learning_rate == 0.05
    assert session.path == path and not session.dirty
    assert str(path.resolve()) in files.recent.paths()
    relu_window.plots.redraw_now()
    assert len(relu_window.plots.unit_curves) == 3


def test_opening_a_broken_preset_keeps_the_network(relu_window, tmp_path, monkeypatch):
    session = relu_window.session
    before = session.network.copy()
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps({"format": "reluplay-preset", "schema_version": 1,
                                  "network": {"layers": [{"activation": "relu", "weights": [[1, 2]],
                                                          "biases": [0]}]}}))
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append((title, text)))
    assert not relu_window.files.open_path(broken)
    assert session.network.same_as(before)
    assert len(messages) == 1
    title, text = messages[0]
    assert "broken.json" in text and "network" in text and "kept" in text


def test_a_missing_file_is_reported_too(relu_window, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append(text))
    assert not relu_window.files.open_path(tmp_path / "nowhere.json")
    assert "no such file" in messages[0]


def test_unsaved_changes_are_offered_on_open_and_cancel_keeps_everything(relu_window, monkeypatch):
    session = relu_window.session
    relu_window.editor.output_bias.spin.setValue(-15.5)
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *args, **kwargs: asked.append(args) or QMessageBox.StandardButton.Cancel)
    assert not relu_window.files.open_path("dead-unit", builtin=True)
    assert asked and session.network.output_layer.biases[0] == -15.5 and session.dirty


def test_discarding_changes_opens_the_example(relu_window, monkeypatch):
    relu_window.editor.output_bias.spin.setValue(-15.5)
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Discard)
    assert relu_window.files.open_path("dead-unit", builtin=True)
    assert relu_window.session.name == load_preset("dead-unit").name
    assert relu_window.session.path is None  # a shipped lesson is never overwritten by Save
    assert relu_window.windowTitle().startswith(relu_window.session.name)


def test_close_with_unsaved_changes_can_be_cancelled(relu_window, monkeypatch):
    relu_window.ask_to_save_on_close = True
    relu_window.editor.output_bias.spin.setValue(-15.5)
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Cancel)
    relu_window.close()
    assert relu_window.isVisible()
    assert relu_window.controller._thread.isRunning()
    monkeypatch.setattr(QMessageBox, "question", lambda *args, **kwargs: QMessageBox.StandardButton.Discard)
    relu_window.close()
    assert not relu_window.isVisible()


def test_examples_menu_lists_every_built_in_lesson(relu_window):
    from reluplay.presets import builtin_presets

    names = [a.text() for a in relu_window.files.examples_menu.actions() if a.text()]
    for lesson in builtin_presets():
        assert lesson.name in names


def test_gallery_describes_each_lesson(qtbot):  # one- and two-input lessons alike
    from reluplay.ui.features.gallery import GalleryDialog

    dialog = GalleryDialog()
    qtbot.addWidget(dialog)
    assert dialog.lessons.count() >= 5
    dialog.lessons.setCurrentRow(2)
    assert dialog.chosen_path is not None and dialog.chosen_path.suffix == ".json"
    assert load_preset(dialog.chosen_path).name in dialog.description.text()


def test_recent_files_keep_the_latest_first(relu_window, tmp_path):
    files = relu_window.files
    for name in ("a.json", "b.json"):
        assert files.save_to(tmp_path / name)
    assert files.recent.paths()[:2] == [str((tmp_path / "b.json").resolve()), str((tmp_path / "a.json").resolve())]
    files._fill_recent_menu()
    assert [a.text() for a in files.recent_menu.actions()][:2] == ["b.json", "a.json"]


def test_saving_into_a_missing_folder_says_so(relu_window, tmp_path, monkeypatch):
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append(text))
    assert not relu_window.files.save_to(tmp_path / "no" / "such" / "folder.json")
    assert messages and relu_window.session.path is None
    assert np.isfinite(relu_window.session.loss())
