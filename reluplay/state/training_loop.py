"""The training loop the worker runs, without Qt: requests in, frames out.

It runs in the training process (training_process.py) or, as a fallback, on the worker thread
(training_worker.py). A run stops cooperatively through its control's ``stop`` event; it reports
progress as at most 40 frames a second (the plots redraw at about that rate) plus one final frame.
Every frame is a frozen dataclass of copies, so the GUI can never see an array mid-update, and
everything here pickles, so frames cross from the training process unchanged.

On a thread, Python's GIL is shared with the GUI: ``share_gil`` makes the loop step aside while
the GUI draws a frame and call ``time.sleep(0)`` every ~1.5 ms (see gil_handoff.py).
"""
from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

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


class TrainingLoop:
    """Owns one Trainer at a time; ``load`` replaces it, ``run`` trains it and emits frames."""

    def __init__(self, share_gil: bool):
        self._share_gil = share_gil
        self._trainer: Trainer | None = None
        self._run_id = -1
        self._base_step = 0

    def load(self, request: LoadRequest) -> str | None:
        """Build the trainer for ``request``; the error message if that fails."""
        self._run_id = request.run_id
        self._base_step = request.base_step
        try:
            self._trainer = Trainer(request.network, request.x, request.y, request.settings)
            if request.resume is not None:
                self._trainer.restore(request.resume)
        except Exception as exc:  # noqa: BLE001 - any failure must reach the GUI, not kill the worker
            self._trainer = None
            return f"{type(exc).__name__}: {exc}"
        return None

    def run(self, run_id: int, max_steps: int | None, control, emit: Callable[[TrainingFrame], None]) -> str | None:
        """Train until ``control.stop`` or ``max_steps``; the error message if training failed.
        ``control`` has ``stop`` (an Event) and ``steps_per_second``; ``emit`` takes each frame."""
        try:
            if self._trainer is not None and run_id == self._run_id:
                self._train(run_id, max_steps, control, emit)
        except Exception as exc:  # noqa: BLE001
            return f"{type(exc).__name__}: {exc}"
        return None

    def _train(self, run_id: int, max_steps: int | None, control, emit) -> None:
        trainer = self._trainer
        stop = control.stop
        share_gil = self._share_gil
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
        while not stop.is_set() and (max_steps is None or taken < max_steps):
            if control.steps_per_second != speed:  # the GUI changed the speed: restart pacing
                speed = control.steps_per_second
                pace_start, pace_taken = time.perf_counter(), 0
            due = due_time(speed, pace_taken)
            if due is not None and max_steps is None:
                wait = pace_start + due - time.perf_counter()
                if wait > 0:
                    # Event.wait releases the GIL and wakes at once on stop.
                    stop.wait(min(wait, FRAME_INTERVAL_S))
                    continue
            if share_gil:
                wait_until_gui_idle(GUI_WAIT_MAX_S)  # the GUI is drawing a frame: it goes first
            # Free-running: steps in chunks of ~CHUNK_S (each step() call has a fixed cost);
            # paced or counted runs step exactly as asked.
            n = 1 if due is not None else chunk
            if max_steps is not None:
                n = min(n, max_steps - taken)
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
                emit(self._frame(run_id, first_loss_step, losses, final=False, states=states))
                first_loss_step = trainer.step_count
                losses, states = [], []
                last_emit = last_state = now
            elif now - last_state >= STATE_INTERVAL_S:
                states.append(trainer.snapshot())
                last_state = now
            if share_gil and now - last_yield >= YIELD_INTERVAL_S:
                time.sleep(0)  # let the GUI thread take the GIL
                last_yield = time.perf_counter()
        emit(self._frame(run_id, first_loss_step, losses, final=True, states=states))

    def _frame(self, run_id: int, first_loss_step: int, losses: list[float], final: bool,
               states: list[TrainerState] = ()) -> TrainingFrame:
        trainer = self._trainer
        loss, dead = loss_and_dead_units(trainer.network, trainer.x, trainer.y, trainer.settings.loss)
        return TrainingFrame(
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
