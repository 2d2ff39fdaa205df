"""The training worker: a parentless QObject living on its own QThread (no widgets here).

It owns a Trainer that no other thread touches. Commands arrive as queued signals (``load``,
``run``) and run in order on the worker thread. A run stops cooperatively through its own
``threading.Event``; it reports progress as at most 40 frames a second (the plots redraw at
about that rate; more frames only cost GIL time) plus one final frame.
Every frame is a frozen dataclass of copies, so the GUI can never see an array mid-update.

Python threads share the GIL: a tight NumPy loop would starve the GUI's event loop, so the
loop calls ``time.sleep(0)`` every ~1.5 ms to let the main thread in (measured in DESIGN.md:
p99 lateness ~3 ms for ~15% of speed).
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QObject, QThread, Signal, Slot

from reluplay.core import Network, Trainer, TrainingSettings
from reluplay.core.training import TrainerState
from reluplay.state.gil_handoff import wait_until_gui_idle
from reluplay.state.pace import due_time

FRAME_INTERVAL_S = 1.0 / 40.0
YIELD_INTERVAL_S = 0.0015
#: Longest the worker steps aside for a busy GUI before taking one step anyway (never starve).
GUI_WAIT_MAX_S = 0.05
#: Free-running training takes steps in chunks of about this much work (at most MAX_CHUNK).
CHUNK_S = 0.0008
MAX_CHUNK = 256
#: A frame costs the GUI a redraw and the worker a pass of the data, both growing with the
#: network and data: beyond this many multiply-adds in a pass, frames come proportionally less
#: often (the largest network, 6 x 64 units on 2,000 points, gets ~5 frames a second).
FRAME_WORK_MULTIPLY_ADDS = 5e6
#: Within a long frame, the trainer's full state is kept at least this often (seconds of training),
#: so that rewinding to any step replays at most this much training on the GUI thread (a frame of
#: the largest network carries ~0.2 s of steps; a small network's frames come more often anyway).
STATE_INTERVAL_S = 0.04


def frame_interval_for(network, x: np.ndarray) -> float:
    """Seconds between frames while training runs free on the data ``x`` (n values, or (n, 2)
    points): FRAME_INTERVAL_S, longer for big work. The work counts points, not coordinates."""
    work = len(x) * sum(lay.n_in * lay.n_out for lay in network.layers)
    return FRAME_INTERVAL_S * max(1.0, work / FRAME_WORK_MULTIPLY_ADDS)

def start_thread(worker: QObject, name: str) -> QThread:
    thread = QThread()
    thread.setObjectName(name)
    worker.moveToThread(thread)
    thread.start()
    return thread


@dataclass(frozen=True)
class LoadRequest:
    run_id: int
    network: Network  # a copy that the worker owns from now on
    x: np.ndarray
    y: np.ndarray
    settings: TrainingSettings
    base_step: int  # the session's step count the new trainer continues from
    #: After a rewind: the exact trainer state (optimizer, shuffle) to continue from.
    resume: TrainerState | None = None


@dataclass
class RunControl:
    """Shared between the threads for one run: a stop flag and a speed the GUI may change."""

    stop: threading.Event = field(default_factory=threading.Event)
    #: Steps per second; None: as fast as possible; pace.SLOW_START: slow, then faster and faster.
    steps_per_second: float | str | None = None


@dataclass(frozen=True)
class RunRequest:
    run_id: int
    serial: int  # which request this is, so the controller knows which run finished
    max_steps: int | None  # None: until stopped
    control: RunControl


@dataclass(frozen=True)
class TrainingFrame:
    run_id: int
    step: int
    loss: float  # on all the data, at ``params``
    params: np.ndarray
    first_loss_step: int  # losses[i] is the batch loss of step first_loss_step + i
    losses: np.ndarray
    divergence: str | None = None
    final: bool = False
    #: The trainer's full state at ``step`` (None after divergence): the rewind history keeps some.
    state: TrainerState | None = None
    #: Dead units of each ReLU hidden layer on the data at ``params`` (from the pass that gave
    #: ``loss``), so the GUI thread need not run the data through the network again.
    dead_units: dict[int, list[int]] | None = None
    #: States at steps inside a long frame (oldest first, before ``step``; see STATE_INTERVAL_S).
    states: tuple[TrainerState, ...] = ()


def loss_and_dead_units(network, x: np.ndarray, y: np.ndarray, loss_name: str = "mse") -> tuple[float, dict[int, list[int]]]:
    """One pass of the data: the loss (as ``Network.loss``) and the dead units of each ReLU layer."""
    run = network.forward(x)
    if loss_name == "mse" and network.n_outputs == 1:
        loss = float(np.mean((run.output.reshape(-1) - y.reshape(-1)) ** 2))
    else:  # cross-entropy from the logits, or MSE against one-hot labels: the core's own arithmetic
        loss = float(network.loss(x, y, loss=loss_name))
    dead = {i: [int(u) for u in np.nonzero(np.all(run.pre[i] <= 0.0, axis=1))[0]]
            for i, lay in enumerate(network.hidden_layers) if lay.activation == "relu"}  # as dead_units_by_layer
    return loss, dead


class TrainingWorker(QObject):
    progressed = Signal(object)  # TrainingFrame
    finished = Signal(int, int)  # run_id, serial
    failed = Signal(int, str)  # run_id, message

    def __init__(self):
        super().__init__()  # parentless: it is moved to its thread
        self._trainer: Trainer | None = None
        self._run_id = -1
        self._base_step = 0

    @Slot(object)
    def load(self, request: LoadRequest) -> None:
        self._run_id = request.run_id
        self._base_step = request.base_step
        try:
            self._trainer = Trainer(request.network, request.x, request.y, request.settings)
            if request.resume is not None:
                self._trainer.restore(request.resume)
        except Exception as exc:  # noqa: BLE001 - any failure must reach the GUI, not kill the thread
            self._trainer = None
            self.failed.emit(request.run_id, f"{type(exc).__name__}: {exc}")

    @Slot(object)
    def run(self, request: RunRequest) -> None:
        try:
            if self._trainer is not None and request.run_id == self._run_id:
                self._train(request)
        except Exception as exc:  # noqa: BLE001
            self.failed.emit(request.run_id, f"{type(exc).__name__}: {exc}")
        finally:
            self.finished.emit(request.run_id, request.serial)

    def _train(self, request: RunRequest) -> None:
        trainer = self._trainer
        control = request.control
        stop = control.stop
        losses: list[float] = []
        states: list[TrainerState] = []  # kept inside the frame being gathered
        first_loss_step = trainer.step_count
        taken = 0
        now = time.perf_counter()
        last_emit = last_yield = last_state = now
        speed = control.steps_per_second
        pace_start, pace_taken = now, 0
        chunk, chunk_losses = 1, np.empty(MAX_CHUNK)
        frame_interval = frame_interval_for(trainer.network, trainer.x)
        while not stop.is_set() and (request.max_steps is None or taken < request.max_steps):
            if control.steps_per_second != speed:  # the GUI changed the speed: restart pacing
                speed = control.steps_per_second
                pace_start, pace_taken = time.perf_counter(), 0
            due = due_time(speed, pace_taken)
            if due is not None and request.max_steps is None:
                wait = pace_start + due - time.perf_counter()
                if wait > 0:
                    # Event.wait releases the GIL and wakes at once on stop.
                    stop.wait(min(wait, FRAME_INTERVAL_S))
                    continue
            wait_until_gui_idle(GUI_WAIT_MAX_S)  # the GUI is drawing a frame: it goes first
            # Free-running: steps in chunks of ~CHUNK_S (each step() call has a fixed cost);
            # paced or counted runs step exactly as asked.
            n = 1 if due is not None else chunk
            if request.max_steps is not None:
                n = min(n, request.max_steps - taken)
            started = time.perf_counter()
            if n == 1:
                done = trainer.step(1)
                losses += [trainer.last_loss] * done
            else:
                done = trainer.step(n, chunk_losses)
                losses.extend(chunk_losses[:done].tolist())
            taken += done
            pace_taken += done
            now = time.perf_counter()
            if trainer.divergence is not None or done == 0:
                # Diverged: the trainer fell back to its last finite state, which may undo the
                # step before as well; keep only the losses of the steps that stand.
                del losses[max(0, trainer.step_count - first_loss_step):]
                break
            if done == n:  # aim the next chunk at CHUNK_S of work
                per_step = (now - started) / n
                chunk = max(1, min(MAX_CHUNK, int(CHUNK_S / max(per_step, 1e-7))))
            if now - last_emit >= frame_interval:
                self._emit(request.run_id, first_loss_step, losses, final=False, states=states)
                first_loss_step = trainer.step_count
                losses, states = [], []
                last_emit = last_state = now
            elif now - last_state >= STATE_INTERVAL_S:
                states.append(trainer.snapshot())
                last_state = now
            if now - last_yield >= YIELD_INTERVAL_S:
                time.sleep(0)  # let the GUI thread take the GIL
                last_yield = time.perf_counter()
        self._emit(request.run_id, first_loss_step, losses, final=True, states=states)

    def _emit(self, run_id: int, first_loss_step: int, losses: list[float], final: bool,
              states: list[TrainerState] = ()) -> None:
        trainer = self._trainer
        loss, dead = loss_and_dead_units(trainer.network, trainer.x, trainer.y, trainer.settings.loss)
        self.progressed.emit(
            TrainingFrame(
                run_id=run_id,
                step=self._base_step + trainer.step_count,
                loss=loss,
                dead_units=dead,
                params=trainer.network.params.copy(),
                first_loss_step=self._base_step + first_loss_step,
                losses=np.array(losses, dtype=float),
                divergence=trainer.divergence,
                final=final,
                # a diverged trainer's shuffle state is past its step: not a state to continue from
                state=trainer.snapshot() if trainer.divergence is None else None,
                # before the frame's step (a diverged trainer may have fallen back behind one)
                states=tuple(state for state in states if state.step < trainer.step_count),
            )
        )
