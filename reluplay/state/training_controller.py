"""The training controller: the main-thread side of training (Play, Pause, Step, Reset, speed).

It keeps the worker's trainer in step with the Session: any change of the network, data or
settings that did not come from training makes the trainer stale, and it is reloaded from the
Session before the next run. Each reload gets a new run id; frames of older ids are dropped,
so a frame that was in flight when the user edited a weight can never overwrite the edit.

Edits while training: a change to the network or data pauses training (the teacher is pointing
at something); a change of training settings applies to the running training at once (training
restarts from the current parameters with the new settings, without a visible stop).

Training runs in its own process (training_process.py), so the GUI drawing a frame and the
trainer never wait for each other; on the thread fallback the worker steps aside while the GUI
draws (gil_handoff.py).
"""
from __future__ import annotations

import math

from PySide6.QtCore import QObject, Signal, Slot

from reluplay.presets.model import SLOW_START
from reluplay.state import gil_handoff as gui_priority
from reluplay.state.changes import ChangeKind, Edit, NetworkChange
from reluplay.state.session import Session
from reluplay.state.training_loop import LoadRequest, RunControl, RunRequest, TrainingFrame
from reluplay.state.training_worker import TrainingWorker, start_thread
from reluplay.teach.divergence import explain_divergence

#: Speeds offered by the speed control, in steps per second; None is "as fast as possible";
#: SLOW_START starts at a few steps a second and doubles its pace every few seconds (state/pace.py).
SPEEDS: tuple[float | str | None, ...] = (1, 2, 5, 10, 20, 30, 60, 100, 1000, SLOW_START, None)
SHUTDOWN_WAIT_MS = 3000


class TrainingController(QObject):
    load_requested = Signal(object)  # LoadRequest, to the worker
    run_requested = Signal(object)  # RunRequest, to the worker
    #: Training stopped by itself (divergence) or failed; the message explains why.
    stopped_with_message = Signal(str)
    steps_completed = Signal(int)  # the step count after a Step / Step x10 finished
    #: A frame of the current run, before the session applies it (the rewind history records it).
    frame_received = Signal(object)  # TrainingFrame

    def __init__(self, session: Session, parent=None):
        super().__init__(parent)
        self._session = session
        self._worker = TrainingWorker()
        self.load_requested.connect(self._worker.load)
        self.run_requested.connect(self._worker.run)
        self._worker.progressed.connect(self._on_progressed)
        self._worker.finished.connect(self._on_finished)
        self._worker.failed.connect(self._on_failed)
        self._run_id = 0
        self._serial = 0
        self._trainer_stale = True
        self._resume = None  # (TrainerState, base_step) after a rewind
        self._play_serial: int | None = None
        self._controls: dict[int, RunControl] = {}  # serial -> control of requests not yet finished
        self._speed: float | str | None = None
        self._shut_down = False
        gui_priority.install()
        session.network_changed.connect(self._on_network_changed)
        session.data_changed.connect(self._invalidate_and_pause)
        session.settings_changed.connect(self._on_settings_changed)
        session.edit_started.connect(self._on_edit_started)
        # Last, so that a failure above leaves no thread running.
        self._thread = start_thread(self._worker, "reluplay-training")

    # --- state -------------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._play_serial is not None

    @property
    def busy(self) -> bool:
        """Some run (Play or Step) has not finished yet."""
        return bool(self._controls)

    @property
    def training_pid(self) -> int | None:
        """The training process's id, None while training runs on the worker thread."""
        return self._worker.process_pid

    @property
    def speed(self) -> float | str | None:
        return self._speed

    def set_speed(self, steps_per_second: float | str | None) -> None:
        self._speed = steps_per_second
        for control in self._controls.values():
            control.steps_per_second = steps_per_second

    # --- commands --------------------------------------------------------------------------------
    @Slot()
    def play(self) -> None:
        if self.running or self._shut_down:
            return
        self._play_serial = self._request_run(None)
        self._session.set_training_running(True)

    @Slot()
    def pause(self) -> None:
        """Stop after the current step; the final frame brings the session up to date."""
        if self._play_serial is not None:
            self._controls[self._play_serial].stop.set()
            self._play_serial = None
            self._session.set_training_running(False)

    @Slot()
    def toggle(self) -> None:
        self.pause() if self.running else self.play()

    @Slot()
    def step_once(self) -> None:
        self.step(1)

    @Slot()
    def step_ten(self) -> None:
        self.step(10)

    def step(self, n: int) -> None:
        if self._shut_down:
            return
        self.pause()
        self._request_run(n)

    @Slot()
    def reset(self) -> None:
        """Back to step 0 of the current trajectory (the session stales the trainer)."""
        self._session.reset_training()

    def shutdown(self) -> None:
        """Stop training, end the thread and wait for it: on window close and aboutToQuit."""
        if self._shut_down:
            return
        self._shut_down = True
        gui_priority.release()
        for control in self._controls.values():
            control.stop.set()
        self._play_serial = None
        self._thread.quit()
        if not self._thread.wait(SHUTDOWN_WAIT_MS):
            # Never terminate(): a run checks its stop flag every step, so this means a bug.
            raise RuntimeError("the training thread did not stop")
        self._worker.close()  # its idle training process waits for the next window
        self._worker.deleteLater()

    # --- internals ---------------------------------------------------------------------------------
    def _request_run(self, max_steps: int | None) -> int:
        if self._trainer_stale:
            self._run_id += 1
            s = self._session
            state, base_step = self._resume if self._resume is not None else (None, s.step)
            self.load_requested.emit(LoadRequest(self._run_id, s.network.copy(), s.x.copy(), s.y.copy(),
                                                 s.settings, base_step, resume=state))
            self._resume = None
            self._trainer_stale = False
        self._serial += 1
        control = RunControl(steps_per_second=self._speed)
        self._controls[self._serial] = control
        self.run_requested.emit(RunRequest(self._run_id, self._serial, max_steps, control))
        return self._serial

    def _invalidate(self) -> None:
        """Frames in flight belong to the old trainer now: stop runs and drop their frames."""
        for control in self._controls.values():
            control.stop.set()
        self._run_id += 1
        self._trainer_stale = True
        self._resume = None

    def resume_from(self, state, base_step: int) -> None:
        """The next Play or Step continues exactly from this trainer state (after a rewind):
        same optimizer moments and shuffle order, as if training had never gone further."""
        self._invalidate_and_pause()
        self._resume = (state, base_step)

    @Slot()
    def _invalidate_and_pause(self) -> None:
        self._invalidate()
        self.pause()

    @Slot(object)
    def _on_edit_started(self, edit: Edit) -> None:
        self._invalidate_and_pause()

    @Slot(object)
    def _on_network_changed(self, change: NetworkChange) -> None:
        if change.kind is not ChangeKind.TRAINING:
            self._invalidate_and_pause()

    @Slot()
    def _on_settings_changed(self) -> None:
        was_running = self.running
        self._invalidate()
        if was_running:
            self._play_serial = None
            self.play()  # new settings apply to the training already running

    @Slot(object)
    def _on_progressed(self, frame: TrainingFrame) -> None:
        if frame.run_id != self._run_id:
            return  # a frame of a trainer the session has moved on from
        gui_priority.claim()  # the thread fallback steps aside while the window takes this frame in
        self.frame_received.emit(frame)
        self._session.apply_training_frame(frame.step, frame.params, frame.first_loss_step, frame.losses,
                                           frame.loss, frame.dead_units, final=frame.final)
        if frame.divergence is not None:
            self.pause()
            self._trainer_stale = True  # reload: the trainer refuses to step after diverging
            self.stopped_with_message.emit(explain_divergence(frame.step, frame.divergence,
                                                              self._session.settings.learning_rate))
        elif not math.isfinite(frame.loss):
            self.pause()

    @Slot(int, int)
    def _on_finished(self, run_id: int, serial: int) -> None:
        control = self._controls.pop(serial, None)
        if serial == self._play_serial:  # the run ended by itself
            self._play_serial = None
            self._session.set_training_running(False)
        if control is not None and not control.stop.is_set() and run_id == self._run_id:
            self.steps_completed.emit(self._session.step)

    @Slot(int, str)
    def _on_failed(self, run_id: int, message: str) -> None:
        self._trainer_stale = True
        self.pause()
        self.stopped_with_message.emit(f"Training stopped because of an error: {message}")
