"""Impatient and untidy users: double Play, rapid Steps, opening or quitting while training,
saving where it cannot be saved. No crash, no Qt warning, no thread left, nothing lost."""
from __future__ import annotations

import os

import numpy as np
import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox

from reluplay.presets import load_preset


def wait_idle(qtbot, window, timeout=10_000):
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=timeout)


def test_pressing_play_twice_runs_one_training(sine_window, qtbot, qthreads):
    controller = sine_window.controller
    controller.play()
    controller.play()  # a second Play while running is not a second run
    qtbot.waitUntil(lambda: sine_window.session.step >= 20, timeout=10_000)
    assert len(qthreads.running()) == 1
    controller.pause()
    wait_idle(qtbot, sine_window)
    assert not sine_window.session.training_running


def test_rapid_step_clicks_each_take_exactly_one_step(sine_window, qtbot):
    button = sine_window.training_panel.buttons["step"]
    for _ in range(12):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: sine_window.session.step == 12, timeout=10_000)
    wait_idle(qtbot, sine_window)
    QCoreApplication.processEvents()  # a frame still queued would land now
    assert sine_window.session.step == 12  # none lost, none doubled


def test_opening_a_lesson_while_training_stops_and_opens_it(sine_window, qtbot):
    sine_window.controller.play()
    qtbot.waitUntil(lambda: sine_window.session.step >= 20, timeout=10_000)
    assert sine_window.files.open_path("dead-unit", ask_to_save=False, builtin=True)
    wait_idle(qtbot, sine_window)
    QCoreApplication.processEvents()  # frames of the old run that were on their way must not land
    expected = load_preset("dead-unit").network
    assert sine_window.session.network.same_as(expected)
    assert sine_window.session.step == 0 and not sine_window.session.training_running


def test_quitting_the_app_while_training_stops_the_thread(sine_window, qtbot, qthreads):
    sine_window.controller.play()
    qtbot.waitUntil(lambda: sine_window.session.step >= 20, timeout=10_000)
    QCoreApplication.instance().aboutToQuit.emit()  # what QApplication.quit() sends first
    assert qthreads.running() == []


def test_a_failed_save_says_so_and_leaves_the_old_file(relu_window, tmp_path, monkeypatch):
    path = tmp_path / "lesson.json"
    assert relu_window.files.save_to(path)
    before = path.read_bytes()
    relu_window.editor.output_bias.spin.setValue(-15.0)

    def read_only_folder(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    messages = []
    monkeypatch.setattr(os, "replace", read_only_folder)
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append(text))
    assert not relu_window.files.save_to(path)
    assert path.read_bytes() == before
    assert len(messages) == 1 and "lesson.json" in messages[0] and "Permission denied" in messages[0]
    assert relu_window.session.dirty  # the edit is still there, still unsaved
    assert [p.name for p in tmp_path.iterdir()] == ["lesson.json"]  # no temporary file left


@pytest.mark.parametrize("lr", [1e6, -1.0, float("nan")])
def test_an_absurd_learning_rate_is_refused_in_words(relu_window, lr, monkeypatch):
    before = relu_window.session.settings
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: messages.append(text))
    relu_window.session.set_training(learning_rate=lr)
    assert relu_window.session.settings == before
    assert messages and "learning rate" in messages[0]
    assert np.isfinite(relu_window.session.network.params).all()
