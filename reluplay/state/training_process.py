"""Training in its own process, so it never shares Python's GIL with the window.

On a thread, every frame the window draws (tens of milliseconds of Python in pyqtgraph) is time
the trainer cannot run: measured at 32 units with Adam, the window trained at 0.30-0.40 of the
bare core's rate. In a process of its own the trainer runs on the second core while the window
draws on the first. The child runs the same ``TrainingLoop``; requests and frames cross a pipe
(they pickle), and two shared values carry what the GUI changes during a run: the stop flag and
the speed. Nothing here imports Qt: the child starts fast and small.

``TrainingProcess`` is the parent's handle. A process outlives its window: a closed window parks
its idle process for the next one (``release``/``acquire``), so New, Open and the tests do not
pay a process start each time; parked processes are daemons and end with the application.
"""
from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
import threading
import types

from reluplay.presets.model import SLOW_START
from reluplay.state.training_loop import LoadRequest, TrainingLoop

#: The shared speed value's codes for the two speeds that are not a number of steps a second.
_FASTEST_CODE, _SLOW_START_CODE = -1.0, -2.0
#: How many idle processes are kept for the next window.
SPARE_PROCESSES = 1
_spares: list[TrainingProcess] = []
_spares_lock = threading.Lock()


def encode_speed(speed: float | str | None) -> float:
    if speed is None:
        return _FASTEST_CODE
    if speed == SLOW_START:
        return _SLOW_START_CODE
    return float(speed)


def decode_speed(code: float) -> float | str | None:
    if code == _FASTEST_CODE:
        return None
    if code == _SLOW_START_CODE:
        return SLOW_START
    return code


class _SharedControl:
    """A run's control in the child: the shared stop event and speed, read where the loop reads them."""

    def __init__(self, stop, speed):
        self.stop = stop
        self._speed = speed

    @property
    def steps_per_second(self) -> float | str | None:
        return decode_speed(self._speed.value)


def serve(conn, stop, speed) -> None:
    """The child's main loop: ("load", LoadRequest), ("run", run_id, max_steps) or ("quit",) in;
    ("frame", TrainingFrame), ("failed", run_id, message) and ("finished",) out."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C in the terminal is the parent's to handle
    loop = TrainingLoop(share_gil=False)
    control = _SharedControl(stop, speed)
    try:
        while True:
            message = conn.recv()
            if message[0] == "load":
                request: LoadRequest = message[1]
                error = loop.load(request)
                if error is not None:
                    conn.send(("failed", request.run_id, error))
            elif message[0] == "run":
                _, run_id, max_steps = message
                error = loop.run(run_id, max_steps, control, lambda frame: conn.send(("frame", frame)))
                if error is not None:
                    conn.send(("failed", run_id, error))
                conn.send(("finished",))
            else:
                return
    except (EOFError, OSError):  # the parent has gone: nothing is left to train for
        return


class TrainingLost(RuntimeError):
    """The training process ended while a run was waiting for it."""


class TrainingProcess:
    """The parent's handle on one training process."""

    def __init__(self):
        context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt
        self._conn, child_conn = context.Pipe()
        self._stop = context.Event()
        self._speed = context.RawValue("d", _FASTEST_CODE)
        self._process = context.Process(target=serve, args=(child_conn, self._stop, self._speed),
                                        name="reluplay-training", daemon=True)
        with _main_module_hidden():
            self._process.start()
        child_conn.close()  # the child's end lives in the child now: EOF here when it dies
        #: Whether the child has sent anything yet: one that dies before has never worked here.
        self.answered = False

    @property
    def pid(self) -> int | None:
        return self._process.pid

    @property
    def alive(self) -> bool:
        return self._process.is_alive()

    def load(self, request: LoadRequest) -> None:
        self._send(("load", request))

    def begin_run(self, run_id: int, max_steps: int | None, speed: float | str | None) -> None:
        self._stop.clear()
        self.set_speed(speed)
        self._send(("run", run_id, max_steps))

    def stop(self) -> None:
        self._stop.set()

    def set_speed(self, speed: float | str | None) -> None:
        self._speed.value = encode_speed(speed)

    def receive(self, timeout_s: float):
        """The next message from the child, or None when none came within ``timeout_s``."""
        try:
            if not self._conn.poll(timeout_s):
                return None
            message = self._conn.recv()
            self.answered = True
            return message
        except (EOFError, OSError) as exc:
            raise TrainingLost(self._lost_message()) from exc

    def drain(self) -> None:
        """Drop messages left from before (a failed load that no run followed)."""
        while self.receive(0.0) is not None:
            pass

    def close(self, timeout_s: float = 1.0) -> None:
        try:
            self._send(("quit",))
        except TrainingLost:
            pass
        self._process.join(timeout_s)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout_s)
        self._conn.close()

    def _send(self, message) -> None:
        try:
            self._conn.send(message)
        except (OSError, ValueError) as exc:  # a broken pipe, or a handle already closed
            raise TrainingLost(self._lost_message()) from exc

    def _lost_message(self) -> str:
        self._process.join(0.5)  # a child that just died may not be reaped yet
        code = self._process.exitcode
        if code is None:
            how = "stopped answering"
        else:
            how = f"ended with exit code {code}"
            if code < 0:
                with contextlib.suppress(ValueError):  # a number no signal has
                    how = f"was stopped by {signal.Signals(-code).name}"
        hint = " (out of memory?)" if code == -signal.SIGKILL else ""
        return f"the training process {how}{hint}"


@contextlib.contextmanager
def _main_module_hidden():
    """Start a child that does not run the parent's main script again.

    ``spawn`` imports the parent's ``__main__`` in the child to find objects defined there; the
    child needs none, and a script without an ``if __name__ == "__main__"`` guard (a teacher's
    own script that opens a window) would open a second window in the training process. The child
    is told about a bare ``__main__`` instead, for the moment of starting it. (A frozen app's child
    is started by ``multiprocessing.freeze_support`` before any main script runs.)
    """
    main = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if main is not None:
            sys.modules["__main__"] = main


def acquire() -> TrainingProcess:
    """A running process with no trainer in use: a parked one, or a new one."""
    while True:
        with _spares_lock:  # two windows' worker threads may ask at once
            if not _spares:
                break
            process = _spares.pop()
        if process.alive:
            try:
                process.drain()
                return process
            except TrainingLost:
                pass
        process.close(0.1)
    return TrainingProcess()


def release(process: TrainingProcess) -> None:
    """Park an idle process for the next window, or end it."""
    with _spares_lock:
        parked = process.alive and len(_spares) < SPARE_PROCESSES
        if parked:
            _spares.append(process)
    if not parked:
        process.close()
