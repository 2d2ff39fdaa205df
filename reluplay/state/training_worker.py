"""The training worker: a parentless QObject living on its own QThread (no widgets here).

Commands arrive as queued signals (``load``, ``run``) and run in order on the worker thread.
By default the trainer itself lives in a training process (training_process.py): this thread
forwards requests to it, relays its frames as ``progressed`` signals and passes on Pause and speed
changes while a run goes on. Where a process cannot be started (or with RELUPLAY_TRAINING=thread)
the same ``TrainingLoop`` runs on this thread instead, sharing the GIL with the GUI.
"""
from __future__ import annotations

import os
import sys

from PySide6.QtCore import QObject, QThread, Signal, Slot

from reluplay.state.training_loop import LoadRequest, RunRequest, TrainingLoop

#: How often the thread looks at the run's stop flag and speed while the process trains.
POLL_S = 0.005
#: RELUPLAY_TRAINING=thread trains on the worker thread (for debugging, or where processes fail).
MODE_VARIABLE = "RELUPLAY_TRAINING"
#: Python's GIL switch interval while training shares the GIL with the GUI (the default is 5 ms). Mini-batch
#: steps are NumPy calls on a few points that never release the GIL, so each time the GUI thread wanted it
#: back it waited a whole interval: 6.5 frames/s and lateness p50 127 ms (batches of 10, 32 units); at 1 ms,
#: 31 frames/s and p50 16 ms, with full-batch training as fast as before.
THREAD_SWITCH_INTERVAL_S = 0.001


def start_thread(worker: QObject, name: str) -> QThread:
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.start()
    return thread


def wants_process() -> bool:
    return os.environ.get(MODE_VARIABLE, "process").strip().lower() != "thread"


class TrainingWorker(QObject):
    progressed = Signal(object)  # TrainingFrame
    finished = Signal(int, int)  # run_id, serial
    failed = Signal(int, str)  # run_id, message

    def __init__(self, in_process: bool | None = None):
        super().__init__()  # parentless: it is moved to its thread
        self._in_process = wants_process() if in_process is None else in_process
        self._process = None  # started at the first load, on the worker thread
        self._loop: TrainingLoop | None = None  # the fallback: training on this thread
        self._last_load: LoadRequest | None = None  # to load on the thread if the process never answers
        #: Why training runs on the thread although a process was wanted (None: it did not have to).
        self.process_error: str | None = None

    @property
    def process_pid(self) -> int | None:
        """The training process's id (None while training runs on the thread or has not started)."""
        return self._process.pid if self._process is not None else None

    @Slot(object)
    def load(self, request: LoadRequest) -> None:
        from reluplay.state.training_process import TrainingLost

        if self._in_process and self._process is None:
            self._start_process()
        self._last_load = request
        if self._process is not None:
            process = self._process
            try:
                process.load(request)
                return
            except TrainingLost as exc:
                self._drop_process()
                if process.answered:
                    self.failed.emit(request.run_id, str(exc))
                    return
                self._fall_back_to_thread(str(exc))
        if self._loop is None:
            self._loop = self._thread_loop()
        error = self._loop.load(request)
        if error is not None:
            self.failed.emit(request.run_id, error)

    @Slot(object)
    def run(self, request: RunRequest) -> None:
        try:
            if self._process is not None:
                self._run_in_process(request)
            elif self._loop is not None:
                error = self._loop.run(request.run_id, request.max_steps, request.control, self.progressed.emit)
                if error is not None:
                    self.failed.emit(request.run_id, error)
        finally:
            self.finished.emit(request.run_id, request.serial)

    def close(self) -> None:
        """After the thread has ended: hand the idle process on for the next window."""
        if self._process is not None:
            from reluplay.state.training_process import release

            release(self._process)
            self._process = None

    # --- the process ---------------------------------------------------------------------------
    def _start_process(self) -> None:
        from reluplay.state.training_process import acquire

        try:
            self._process = acquire()
        except (OSError, ImportError, RuntimeError) as exc:  # no /dev/shm, no semaphores, a frozen app
            self._fall_back_to_thread(f"{type(exc).__name__}: {exc}")

    def _fall_back_to_thread(self, reason: str) -> None:
        self._in_process = False
        self.process_error = reason
        self._loop = self._thread_loop()

    @staticmethod
    def _thread_loop() -> TrainingLoop:
        sys.setswitchinterval(min(sys.getswitchinterval(), THREAD_SWITCH_INTERVAL_S))
        return TrainingLoop(share_gil=True)

    def _drop_process(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.close(0.2)

    def _run_in_process(self, request: RunRequest) -> None:
        from reluplay.state.training_process import TrainingLost

        process, control = self._process, request.control
        speed = control.steps_per_second
        stopped = False
        try:
            process.begin_run(request.run_id, request.max_steps, speed)
            while True:
                if not stopped and control.stop.is_set():
                    process.stop()
                    stopped = True
                if control.steps_per_second != speed:
                    speed = control.steps_per_second
                    process.set_speed(speed)
                message = process.receive(POLL_S)
                if message is None:
                    continue
                if message[0] == "frame":
                    self.progressed.emit(message[1])
                elif message[0] == "failed":
                    self.failed.emit(message[1], message[2])
                elif message[0] == "finished":
                    return
        except TrainingLost as exc:
            self._drop_process()  # the next load starts a new one
            if process.answered:
                self.failed.emit(request.run_id, str(exc))
            else:  # it never worked here (a frozen app without freeze_support, a sandbox): train on the thread
                self._fall_back_to_thread(str(exc))
                error = self._loop.load(self._last_load) if self._last_load is not None else "nothing to train"
                if error is None:
                    error = self._loop.run(request.run_id, request.max_steps, control, self.progressed.emit)
                if error is not None:
                    self.failed.emit(request.run_id, error)
