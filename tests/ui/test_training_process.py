"""Training runs in a process of its own (issue 11, item 5): what a user could notice of it.

The window trains exactly as the core does, a killed training process is reported in words and
the next Step works again, and where no process can be started the window trains on its thread.
"""
from __future__ import annotations

import os
import signal

import numpy as np
import pytest

from reluplay.core import Trainer
from reluplay.state import training_process
from reluplay.state.training_process import decode_speed, encode_speed


def wait_idle(qtbot, window, timeout=10_000):
    qtbot.waitUntil(lambda: not window.controller.busy, timeout=timeout)


def step_and_wait(qtbot, window, n: int) -> None:
    target = window.session.step + n
    window.controller.step(n)
    qtbot.waitUntil(lambda: window.session.step == target and not window.controller.busy, timeout=20_000)


def test_training_runs_in_another_process_and_gives_the_cores_numbers(sine_window, sine_preset, qtbot):
    step_and_wait(qtbot, sine_window, 25)
    pid = sine_window.controller.training_pid
    assert pid is not None and pid != os.getpid()
    trainer = Trainer(sine_preset.network, sine_preset.x, sine_preset.y, sine_preset.training)
    trainer.step(25)
    assert np.array_equal(sine_window.session.network.params, trainer.network.params)  # exact, not close


def test_a_killed_training_process_is_reported_and_the_next_step_starts_a_new_one(sine_window, qtbot):
    controller = sine_window.controller
    step_and_wait(qtbot, sine_window, 1)
    pid = controller.training_pid
    controller.play()
    qtbot.waitUntil(lambda: sine_window.session.step >= 30, timeout=10_000)
    with qtbot.waitSignal(controller.stopped_with_message, timeout=10_000) as blocker:
        os.kill(pid, signal.SIGKILL)
    assert blocker.args[0] == ("Training stopped because of an error: the training process was stopped by "
                               "SIGKILL (out of memory?)")
    wait_idle(qtbot, sine_window)
    assert not controller.running
    before = sine_window.session.step
    step_and_wait(qtbot, sine_window, 3)
    assert sine_window.session.step == before + 3
    assert controller.training_pid not in (None, pid)


def test_without_processes_the_window_trains_on_its_thread(open_window, sine_preset, qtbot, monkeypatch):
    def no_process():
        raise OSError(38, "Function not implemented")  # as where /dev/shm is missing

    monkeypatch.setattr(training_process, "acquire", no_process)
    window = open_window(sine_preset)
    step_and_wait(qtbot, window, 12)
    assert window.controller.training_pid is None
    assert "Function not implemented" in window.controller._worker.process_error
    trainer = Trainer(sine_preset.network, sine_preset.x, sine_preset.y, sine_preset.training)
    trainer.step(12)
    assert np.array_equal(window.session.network.params, trainer.network.params)


def test_a_process_that_dies_before_it_answers_leaves_training_to_the_thread(open_window, sine_preset, qtbot,
                                                                             monkeypatch):
    def stillborn():
        process = training_process.TrainingProcess()
        os.kill(process.pid, signal.SIGKILL)  # as a frozen app whose child cannot start
        process._process.join(5)
        return process

    monkeypatch.setattr(training_process, "acquire", stillborn)
    window = open_window(sine_preset)
    messages = []
    window.controller.stopped_with_message.connect(messages.append)
    step_and_wait(qtbot, window, 7)
    assert messages == [] and window.controller.training_pid is None
    trainer = Trainer(sine_preset.network, sine_preset.x, sine_preset.y, sine_preset.training)
    trainer.step(7)
    assert np.array_equal(window.session.network.params, trainer.network.params)


def test_a_closed_window_hands_its_idle_process_to_the_next(open_window, sine_preset, qtbot):
    first = open_window(sine_preset)
    step_and_wait(qtbot, first, 2)
    pid = first.controller.training_pid
    first.close()
    second = open_window(sine_preset)
    step_and_wait(qtbot, second, 2)
    assert second.controller.training_pid == pid  # no new process started


@pytest.mark.parametrize("speed", [None, "slow-start", 1, 2.5, 1000])
def test_the_speed_crosses_to_the_process_unchanged(speed):
    from reluplay.presets.model import SLOW_START

    speed = SLOW_START if speed == "slow-start" else speed
    assert decode_speed(encode_speed(speed)) == speed


def test_a_script_without_a_main_guard_opens_one_window_only(tmp_path):
    # spawn would run the parent's main script again in the training process: a second window there
    import subprocess
    import sys
    import textwrap

    script = tmp_path / "lesson_script.py"
    script.write_text(textwrap.dedent("""
        import sys
        from PySide6.QtCore import QTimer
        from reluplay.presets import load_preset
        from reluplay.ui.application import make_application
        from reluplay.ui.main_window import MainWindow

        print("window opened", flush=True)
        app = make_application()
        window = MainWindow(load_preset("relu-in-action"))
        window.ask_to_save_on_close = False
        window.show()
        window.controller.step(5)

        def check():
            if window.session.step == 5 and not window.controller.busy:
                print("trained in", "a process" if window.controller.training_pid else "the thread", flush=True)
                window.close()
                app.quit()

        timer = QTimer()
        timer.timeout.connect(check)
        timer.start(20)
        QTimer.singleShot(30_000, app.quit)
        app.exec()
    """))
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop("RELUPLAY_TRAINING", None)
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["window opened", "trained in a process"]


def test_a_speed_changed_while_playing_reaches_the_process(sine_window, qtbot):
    controller, session = sine_window.controller, sine_window.session
    controller.set_speed(2)  # two steps a second: 200 steps would take 100 s
    controller.play()
    qtbot.waitUntil(lambda: session.step >= 1, timeout=10_000)
    assert session.step < 50
    controller.set_speed(None)  # as fast as possible, during the same run
    qtbot.waitUntil(lambda: session.step >= 200, timeout=15_000)
    controller.pause()
    wait_idle(qtbot, sine_window)
