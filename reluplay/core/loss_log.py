"""The loss of every training step, in bounded memory (no Qt): one log for the loss plot and for rewind.

Training can run at tens of thousands of steps a second for as long as a lesson lasts, so the
log keeps at most ``capacity`` values: when full it drops every other one and from then on
keeps only every 2nd (then 4th, ...) step. Entry ``j`` always belongs to step ``j * stride``,
so no step numbers need storing, and each kept value is a real step's loss, never an average.
A plot never needs more points than pixels, and memory stays flat however long training runs.
"""
from __future__ import annotations

import numpy as np

_FIRST_ALLOCATION = 1024  # grown by doubling up to the capacity: a short run costs little


class LossLog:
    def __init__(self, capacity: int = 20_000):
        if capacity < 2:
            raise ValueError(f"a loss log needs room for at least 2 values, got {capacity}")
        self.capacity = int(capacity)
        self.stride = 1  # entry j is the loss at step j * stride
        self._values = np.empty(min(_FIRST_ALLOCATION, self.capacity))
        self._size = 0

    def __len__(self) -> int:
        return self._size

    @property
    def nbytes(self) -> int:
        return self._values.nbytes

    @property
    def next_step(self) -> int:
        """The first step the log has no entry for (steps before it are logged or thinned away)."""
        return self._size * self.stride

    @property
    def last_step(self) -> int | None:
        return (self._size - 1) * self.stride if self._size else None

    def clear(self) -> None:
        self._size = 0
        self.stride = 1

    def extend(self, first_step: int, losses) -> None:
        """Log the losses of steps first_step, first_step + 1, ...

        Steps already logged from ``first_step`` on are replaced (training went on from an
        earlier step); a gap before ``first_step`` is filled with NaN (a loss nobody measured).
        """
        values = np.asarray(losses, dtype=float).reshape(-1)
        if values.size == 0:
            return
        first_step = int(first_step)
        if first_step < self.next_step:
            self.keep_before(first_step)
        if first_step > self.next_step:
            self._append(self.next_step, np.full(first_step - self.next_step, np.nan))
        self._append(first_step, values)

    def append_one(self, loss: float) -> None:
        """Log the loss of ``next_step`` (the cheap path of a single training step)."""
        if self.stride == 1 and self._size < len(self._values):
            self._values[self._size] = loss
            self._size += 1
        else:
            self._append(self.next_step, np.array([loss]))

    def keep_before(self, step: int) -> None:
        """Forget the losses of ``step`` and later (after a rewind to ``step``)."""
        self._size = min(self._size, max(0, -(-int(step) // self.stride)))

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """The kept steps and a view (not a copy) of their losses; valid until the next change."""
        return np.arange(self._size, dtype=np.int64) * self.stride, self._values[: self._size]

    def _append(self, first_step: int, values: np.ndarray) -> None:
        # first_step == next_step here; keep only the steps on the stride.
        while True:
            kept = values[(-first_step) % self.stride :: self.stride]
            end = self._size + kept.size
            if end <= self.capacity:
                break
            self._halve()
        if end > len(self._values):
            grown = np.empty(min(self.capacity, max(end, 2 * len(self._values))))
            grown[: self._size] = self._values[: self._size]
            self._values = grown
        self._values[self._size : end] = kept
        self._size = end

    def _halve(self) -> None:
        # entries are steps 0, s, 2s, ...: keeping the even ones leaves 0, 2s, 4s, ...
        kept = self._values[: self._size : 2].copy()
        self._values[: kept.size] = kept
        self._size = kept.size
        self.stride *= 2
