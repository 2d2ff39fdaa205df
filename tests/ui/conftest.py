"""Fixtures for the UI tests: a main window per test; no QThread, QTimer or modal dialog left behind."""
from __future__ import annotations

import time
import traceback
from pathlib import Path

import numpy as np
import pytest
import shiboken6
from PySide6.QtCore import QSettings, QThread, QTimer
from PySide6.QtWidgets import QMessageBox

import reluplay
from reluplay.core import Network, TrainingSettings
from reluplay.presets import Preset, ViewRange, load_preset


def pytest_collection_modifyitems(items):
    # The offscreen platform cannot propagate size hints and says so for every shown window;
    # that is the test platform talking, not the app.
    for item in items:
        if "tests/ui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints"))


APP_DIR = str(Path(reluplay.__file__).parent)
TESTS_DIR = str(Path(__file__).parents[1])


def _started_here() -> tuple[bool, str]:
    """Whether app code started a thread or timer, and where: the innermost app and test frames."""
    frames = [f for f in traceback.extract_stack()[:-2] if f.filename.startswith((APP_DIR, TESTS_DIR))]
    by_app = any(f.filename.startswith(APP_DIR) for f in frames)
    return by_app, "".join(traceback.format_list(frames[-6:]))


class QThreadTracker:
    """Every QThread started during one test, with where it was started (napari's pattern)."""

    def __init__(self):
        self.started: list[tuple[QThread, str]] = []

    def running(self) -> list[QThread]:
        return [t for t, _ in self.started if shiboken6.isValid(t) and t.isRunning()]


@pytest.fixture(autouse=True)
def qthreads(monkeypatch):
    """Fails a test that leaves a QThread running, naming where it was started."""
    tracker = QThreadTracker()
    original_start = QThread.start

    def start(thread, *args):
        tracker.started.append((thread, _started_here()[1]))
        return original_start(thread, *args)

    monkeypatch.setattr(QThread, "start", start)
    yield tracker
    leaked = [(t, where) for t, where in tracker.started if shiboken6.isValid(t) and t.isRunning()]
    for thread, _ in leaked:  # clean up so one leak does not cascade into every later test
        thread.quit()
        thread.wait(2000)
    assert not leaked, "QThreads left running, started at:\n" + "\n".join(where for _, where in leaked)


@pytest.fixture(autouse=True)
def no_qtimer_left_running(monkeypatch, qapp):
    """Fails a test whose app code leaves a timer running after its windows closed.

    A pending one-shot refresh may finish (up to a second); a timer still active after that
    repeats for ever, or fires into a closed window.
    """
    started: list[tuple[QTimer, str]] = []
    original_start = QTimer.start

    def start(timer, *args):
        by_app, where = _started_here()
        if by_app:  # pyqtgraph's and pytest-qt's own timers are theirs to manage
            started.append((timer, where))
        return original_start(timer, *args)

    monkeypatch.setattr(QTimer, "start", start)
    yield

    def active():
        return [(t, w) for t, w in started if shiboken6.isValid(t) and t.isActive()]

    deadline = time.monotonic() + 1.0
    while active() and time.monotonic() < deadline:
        qapp.processEvents()
        time.sleep(0.01)
    leaked = active()
    for timer, _ in leaked:
        timer.stop()
    assert not leaked, "QTimers left running, started at:\n" + "\n".join(w for _, w in leaked)


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
def app_font(qapp):
    """The font the app itself sets (make_application), for tests that measure what fits on a
    screen: the test application's default font is smaller, and fits where the real one does not."""
    from reluplay.ui import palette

    before = qapp.font()
    qapp.setFont(palette.font(palette.APP_POINT_SIZE))
    yield
    qapp.setFont(before)


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
