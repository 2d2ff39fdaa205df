"""A training history for rewind: every step's loss, and snapshots to replay from, in bounded memory.

Scrubbing back to step k restores the nearest snapshot at or before k and replays the steps
in between. Training is deterministic (seeded shuffles, in-place updates), so the replay gives
bit for bit the parameters, optimizer state and shuffle order the trainer had at step k.

Memory policy (see docs/DATA_AND_HISTORY.md):

- Snapshots are taken every ``interval`` steps. When there are more than ``max_snapshots`` of
  them, or they use more than their share of ``max_bytes``, the interval doubles and the
  snapshots are thinned to that spacing (about every other one goes). The first snapshot, where
  the history starts, is always kept. A scrub therefore replays at most ``interval`` steps,
  and the interval grows with the logarithm of how long training ran.
- Losses are kept for every step until ``max_loss_points`` of them are stored (a quarter of
  ``max_bytes``); then every other one is dropped and from then on only every 2nd (4th, ...)
  step's loss is kept: ``losses[j]`` belongs to step ``j * loss_stride``. Each kept value is a
  real step's loss, never an average.
"""
from __future__ import annotations

import bisect
import math

import numpy as np

from .loss_log import LossLog
from .training import Trainer, TrainerState

DEFAULT_INTERVAL = 64
DEFAULT_MAX_BYTES = 64 * 1024**2
DEFAULT_MAX_SNAPSHOTS = 1024
#: What a snapshot costs besides its arrays: the dataclass, the generator's state dict and
#: three array headers (about 1.2 KB measured with tracemalloc; rounded up).
SNAPSHOT_OVERHEAD_BYTES = 1536
#: ``advance`` steps the trainer in chunks of at most this many steps.
_CHUNK = 4096


class HistoryError(ValueError):
    """A history used with a trainer it does not fit (another run, or not truncated after a scrub)."""


def state_nbytes(state: TrainerState) -> int:
    """Bytes one snapshot holds (its arrays plus a fixed estimate for the Python objects)."""
    return state.params.nbytes + state.optimizer_state.nbytes + state.order.nbytes + SNAPSHOT_OVERHEAD_BYTES


class TrainingHistory:
    """The losses and snapshots of one training run, for scrubbing back and continuing from there.

    Create it from the trainer before the first step (or from a snapshot of it); after steps,
    call ``record(trainer)`` (or let ``advance`` step and record in one go). Everything it keeps
    belongs to that trainer's network, data and settings: after an edit to any of them, start a
    new history with ``reset``.
    """

    def __init__(
        self,
        start: Trainer | TrainerState,
        interval: int = DEFAULT_INTERVAL,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_snapshots: int = DEFAULT_MAX_SNAPSHOTS,
        max_loss_points: int | None = None,
    ):
        if interval < 1:
            raise ValueError(f"snapshot interval must be at least 1 step, got {interval}")
        if max_snapshots < 2:
            raise ValueError(f"max_snapshots must be at least 2, got {max_snapshots}")
        if max_loss_points is None:
            max_loss_points = max(2, max_bytes // 4 // 8)
        if max_loss_points < 2:
            raise ValueError(f"max_loss_points must be at least 2, got {max_loss_points}")
        self.initial_interval = int(interval)
        self.max_bytes = int(max_bytes)
        self.max_snapshots = int(max_snapshots)
        self.max_loss_points = int(max_loss_points)
        # Snapshots get what the losses cannot use, at worst (the loss array is preallocated
        # lazily, but its cap is reserved so the total never passes max_bytes).
        self.snapshot_budget = self.max_bytes - 8 * self.max_loss_points
        self.reset(start)

    # --- starting over ---------------------------------------------------------------------
    def reset(self, start: Trainer | TrainerState) -> None:
        """Forget everything and start again from this trainer (or snapshot): after an edit."""
        if isinstance(start, Trainer):
            if start.divergence is not None:
                # its step count was rolled back but its shuffle state was not: not a state to keep
                raise HistoryError("the trainer has diverged: restore a finite state before starting a history")
            start = start.snapshot()
        self.interval = self.initial_interval
        self._snaps: list[TrainerState] = [start]
        self._snap_steps: list[int] = [start.step]
        self._snap_bytes = state_nbytes(start)
        self._first = start.step
        self._latest = start.step
        self._losses = LossLog(self.max_loss_points)
        self.divergence: str | None = None
        if start.step:  # a history that starts mid-run: the earlier steps' losses are unknown
            self._losses.extend(0, np.full(start.step, np.nan))

    # --- what it holds ---------------------------------------------------------------------
    @property
    def first_step(self) -> int:
        """The step the history starts at (the earliest step ``state_at`` can return)."""
        return self._first

    @property
    def latest_step(self) -> int:
        return self._latest

    @property
    def losses(self) -> np.ndarray:
        """Kept losses (a view, valid until the next change): ``losses[j]`` is the loss of the
        batch that step ``j * loss_stride + 1`` trained on, measured before its update, i.e. the
        loss of the network as it was at step ``j * loss_stride``. With ``loss_stride == 1`` the
        index is the step. Steps before ``first_step`` are NaN."""
        return self._losses.arrays()[1]

    @property
    def loss_stride(self) -> int:
        return self._losses.stride

    def loss_steps(self) -> np.ndarray:
        """The step each entry of ``losses`` belongs to (for the x axis of a loss plot)."""
        return self._losses.arrays()[0]

    @property
    def snapshot_steps(self) -> list[int]:
        return list(self._snap_steps)

    @property
    def nbytes(self) -> int:
        """Memory held: the loss array's allocation plus every snapshot (see ``state_nbytes``)."""
        return self._losses.nbytes + self._snap_bytes

    # --- recording -------------------------------------------------------------------------
    def record(self, trainer: Trainer, losses=None) -> None:
        """Take note of the steps the trainer took since the last call.

        After ``trainer.step(1)`` no losses are needed (``trainer.last_loss`` is the one).
        After ``taken = trainer.step(n, losses_out=buf)`` pass ``buf[:taken]`` (or ``buf``:
        only as many entries as the trainer moved are read). O(1) per step, amortised; a
        snapshot is copied only when a full interval has passed since the last one.

        If the trainer diverged, its fall-back to the last finite state may have moved it back
        a step: the history then ends where the trainer stands, and ``divergence`` keeps the
        trainer's message.
        """
        new = trainer.step_count
        gained = new - self._latest
        if gained > 0:
            if losses is None:
                if gained != 1:
                    raise HistoryError(
                        f"the trainer took {gained} steps since the last record: pass their losses "
                        "(trainer.step(n, losses_out=buffer)) or use TrainingHistory.advance"
                    )
                # A step(n) that diverged after one good step set last_loss for the bad one.
                self._losses.append_one(trainer.last_loss if trainer.divergence is None else math.nan)
            else:
                values = np.asarray(losses, dtype=float).reshape(-1)
                if values.size < gained:
                    raise HistoryError(f"the trainer took {gained} steps but only {values.size} losses were given")
                self._losses.extend(self._latest, values[:gained])
            self._latest = new
        elif gained < 0:
            if trainer.divergence is None:
                raise HistoryError(
                    f"the trainer is at step {new}, behind the history (step {self._latest}): "
                    "after scrubbing back, call truncate(step) before training on"
                )
            self.truncate(max(new, self._first))
        if trainer.divergence is not None:
            self.divergence = trainer.divergence
            return  # a diverged trainer's shuffle state is past its step: never snapshot it
        if new - self._snap_steps[-1] >= self.interval:
            self._add_snapshot(trainer.snapshot())

    def advance(self, trainer: Trainer, n: int) -> int:
        """Step the trainer up to n times and record every step; returns how many were taken.

        Stops at snapshot boundaries on the way, so snapshots fall exactly every ``interval``
        steps and a scrub never replays more than that.
        """
        if trainer.step_count != self._latest:
            raise HistoryError(f"the trainer is at step {trainer.step_count}, the history at {self._latest}")
        buffer = np.empty(min(n, _CHUNK))
        done = 0
        while done < n and trainer.divergence is None:
            to_boundary = self._snap_steps[-1] + self.interval - trainer.step_count
            chunk = min(n - done, _CHUNK, max(1, to_boundary))
            before = trainer.step_count
            trainer.step(chunk, losses_out=buffer)
            self.record(trainer, buffer)
            done += trainer.step_count - before
            if trainer.step_count - before < chunk:
                break
        return max(0, done)

    def _add_snapshot(self, state: TrainerState) -> None:
        self._snaps.append(state)
        self._snap_steps.append(state.step)
        self._snap_bytes += state_nbytes(state)
        while len(self._snaps) > 1 and (
            len(self._snaps) > self.max_snapshots or self._snap_bytes > self.snapshot_budget
        ):
            self._thin_snapshots()

    def _thin_snapshots(self) -> None:
        # Double the spacing and keep, from the first on, each snapshot at least that far from
        # the last one kept. Snapshots on multiples of the interval lose every other one.
        self.interval *= 2
        kept = [self._snaps[0]]
        for state in self._snaps[1:]:
            if state.step - kept[-1].step >= self.interval:
                kept.append(state)
        self._set_snapshots(kept)

    def _set_snapshots(self, kept: list[TrainerState]) -> None:
        self._snaps = kept
        self._snap_steps = [s.step for s in kept]
        self._snap_bytes = sum(state_nbytes(s) for s in kept)

    # --- rewind ----------------------------------------------------------------------------
    def state_at(self, step: int, trainer: Trainer) -> TrainerState:
        """Put the trainer exactly where it was at ``step`` and return a snapshot of that state.

        Restores the nearest snapshot at or before ``step`` and replays the rest (at most
        ``interval`` steps). ``trainer`` must train the same network, data and settings as the
        run that was recorded (a fresh ``Trainer`` made the same way will do); it is left at
        ``step``, its ``last_loss`` the loss of the step that led there.
        """
        step = int(step)
        if not self._first <= step <= self._latest:
            raise HistoryError(f"step {step} is outside the history (steps {self._first} to {self._latest})")
        i = bisect.bisect_right(self._snap_steps, step) - 1
        snap = self._snaps[i]
        trainer.restore(snap)
        if step > snap.step:
            trainer.step(step - snap.step)
        if trainer.step_count != step:
            raise HistoryError(
                f"replaying to step {step} stopped at step {trainer.step_count} "
                f"({trainer.divergence or 'no reason given'}): the trainer is not the one this history recorded"
            )
        return trainer.snapshot()

    def truncate(self, step: int) -> None:
        """Forget everything after ``step`` (the later branch), to continue training from there.

        The trainer must then be at ``step`` (``state_at(step, trainer)``) before the next
        ``record``. The snapshot interval and loss stride stay as they are.
        """
        step = int(step)
        if not self._first <= step <= self._latest:
            raise HistoryError(f"step {step} is outside the history (steps {self._first} to {self._latest})")
        self._losses.keep_before(step)
        keep = bisect.bisect_right(self._snap_steps, step)
        if keep < len(self._snaps):
            self._set_snapshots(self._snaps[:keep])
        self._latest = step
        self.divergence = None
