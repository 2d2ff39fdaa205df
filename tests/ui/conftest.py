"""Fixtures for the UI tests: a main window per test, no QThread and no modal dialog left behind."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from reluplay.core import Network, TrainingSettings
from reluplay.presets import Preset, ViewRange, load_preset
from reluplay.state import training_worker


def pytest_collection_modifyitems(items):
    # The offscreen platform cannot propagate size hints and says so for every shown window;
    # that is the test platform talking, not the app.
    for item in items:
        if "tests/ui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))


@pytest.fixture(autouse=True)
def no_qthread_left_running():
    yield
    running = training_worker.running_threads()
    for thread in running:  # clean up so one leak does not cascade into every later test
        thread.quit()
        thread.wait(2000)
    assert not running, f"QThreads left running: {[t.objectName() for t in running]}"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Recent files go to a temporary INI file, never the user's real settings."""
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """A modal message box would block the test forever: record it and fail instead."""
    shown = []

    def unexpected(*args, **kwargs):
        shown.append(args)
        raise AssertionError(f"unexpected message box: {args[1:3]}")

    monkeypatch.setattr(QMessageBox, "warning", unexpected)
    monkeypatch.setattr(QMessageBox, "question", unexpected)
    monkeypatch.setattr(QMessageBox, "critical", unexpected)
    return shown


@pytest.fixture
def open_window(qtbot):
    """open_window(preset) -> a shown MainWindow, closed (and its thread stopped) after the test."""
    from reluplay.ui.main_window import MainWindow

    windows = []

    def open_(preset: Preset, path=None):
        window = MainWindow(preset, path)
        window.ask_to_save_on_close = False
        qtbot.addWidget(window)
        window.resize(1400, 900)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield open_
    for window in windows:
        window.ask_to_save_on_close = False
        window.close()


@pytest.fixture
def relu_window(open_window):
    return open_window(load_preset("relu-in-action"))


@pytest.fixture
def sine_preset() -> Preset:
    """Eight random ReLU units and a sine: training has a lot to do, quickly."""
    x = np.linspace(-1.0, 1.0, 25)
    return Preset(
        network=Network.initialized([8], "relu", seed=3),
        name="Sine", x=x, y=np.sin(np.pi * x),
        training=TrainingSettings(optimizer="adam", learning_rate=0.01, batch_size=None),
        view=ViewRange((-1.0, 1.0), (-1.5, 1.5)),
    )


@pytest.fixture
def sine_window(open_window, sine_preset):
    return open_window(sine_preset)
