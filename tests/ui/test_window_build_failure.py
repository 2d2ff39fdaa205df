"""A window that fails to build stops its training thread (issue 9, item 8)."""
from __future__ import annotations

import pytest

from reluplay.presets import load_preset
from reluplay.state import gil_handoff as gui_priority
from reluplay.ui import main_window


def boom(*_args, **_kwargs):
    raise RuntimeError("a build step failed")


def test_a_failure_after_the_training_thread_started_stops_it(qapp, monkeypatch, qthreads):
    monkeypatch.setattr(main_window.MainWindow, "_build_features", boom)  # the plots and panels exist by then
    with pytest.raises(RuntimeError, match="a build step failed"):
        main_window.MainWindow(load_preset("relu-in-action"))
    assert qthreads.running() == []


def test_a_failure_while_setting_up_training_starts_no_thread(qapp, monkeypatch, qthreads):
    monkeypatch.setattr(gui_priority, "install", boom)
    with pytest.raises(RuntimeError, match="a build step failed"):
        main_window.MainWindow(load_preset("relu-in-action"))
    assert qthreads.running() == []
