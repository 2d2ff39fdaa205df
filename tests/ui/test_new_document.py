"""Opening a file or a lesson starts a new document: its own undo and training history, as in every editor."""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reluplay.presets import load_preset, save_preset
from reluplay.ui.features import gallery


def press(qtbot, window, key, modifiers=Qt.KeyboardModifier.ControlModifier):
    window.activateWindow()
    window.plots.setFocus()
    qtbot.keyClick(window.plots, key, modifiers)


def open_with_dialog(window, monkeypatch, path):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.files.open_action.trigger()


def open_from_gallery(window, monkeypatch, lesson_name):
    def choose(dialog):
        for row in range(dialog.lessons.count()):
            if lesson_name in dialog.lessons.item(row).text():
                dialog.lessons.setCurrentRow(row)
                return True
        raise AssertionError(f"{lesson_name} is not in the gallery")

    monkeypatch.setattr(gallery.GalleryDialog, "exec", choose)
    window.files.gallery_action.trigger()


def two_files(tmp_path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    save_preset(load_preset("relu-in-action"), a)
    save_preset(load_preset("universal-approximation"), b)
    return a, b


def test_undo_after_open_does_nothing_and_save_keeps_the_opened_file(relu_window, qtbot, monkeypatch, tmp_path):
    window, session = relu_window, relu_window.session
    a, b = two_files(tmp_path)
    b_bytes = b.read_bytes()
    open_with_dialog(window, monkeypatch, a)
    open_with_dialog(window, monkeypatch, b)
    assert session.path == b and session.network.sizes == load_preset(b).network.sizes
    assert not window.undo_action.isEnabled()
    press(qtbot, window, Qt.Key.Key_Z)  # Ctrl+Z
    assert session.network.same_as(load_preset(b).network)
    b.write_bytes(b_bytes + b"\n")  # so that we see Save write the file
    press(qtbot, window, Qt.Key.Key_S)  # Ctrl+S
    assert b.read_bytes() == b_bytes


def test_an_edit_after_open_undoes_to_the_opened_file_not_the_one_before(relu_window, qtbot, monkeypatch, tmp_path):
    window, session = relu_window, relu_window.session
    a, b = two_files(tmp_path)
    open_with_dialog(window, monkeypatch, a)
    window.editor.cards[0].bias.spin.setValue(0.5)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    open_with_dialog(window, monkeypatch, b)
    window.editor.cards[0].bias.spin.setValue(0.25)
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert session.network.same_as(load_preset(b).network)
    assert not window.undo_action.isEnabled()  # nothing of a.json before that
    assert window.redo_action.isEnabled()


def test_undo_after_choosing_a_lesson_in_the_gallery_does_nothing(relu_window, qtbot, monkeypatch):
    window, session = relu_window, relu_window.session
    open_from_gallery(window, monkeypatch, "ReLU in action")
    open_from_gallery(window, monkeypatch, "Universal approximation")
    press(qtbot, window, Qt.Key.Key_Z)
    universal = load_preset("universal-approximation")
    assert session.name == universal.name
    assert session.network.same_as(universal.network)
    assert np.array_equal(session.x, universal.x)
    assert window.windowTitle().startswith(universal.name)


def test_rewind_after_open_cannot_reach_the_previous_documents_steps(sine_window, qtbot, monkeypatch, tmp_path):
    window, session = sine_window, sine_window.session
    with qtbot.waitSignal(window.controller.steps_completed, timeout=20_000):
        window.controller.step(20)
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=10_000)
    assert window.rewind.slider.isEnabled()
    a, _ = two_files(tmp_path)
    session.mark_saved(tmp_path / "sine.json")  # nothing to ask about on open
    open_with_dialog(window, monkeypatch, a)
    opened = load_preset(a).network
    assert session.step == 0 and not window.rewind.slider.isEnabled()
    assert not window.rewind.go_to(10)
    press(qtbot, window, Qt.Key.Key_Left)  # one step back: there is nothing before step 0
    press(qtbot, window, Qt.Key.Key_Z)  # nor an undo step back into the sine's training
    assert session.step == 0 and session.network.same_as(opened)
    assert "No training yet" in window.rewind.position_label.text()
