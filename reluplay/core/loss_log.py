"""The loss of every training step, in bounded memory (no Qt).

Training can run at tens of thousands of steps a second for as long as a lesson lasts, so
the history keeps at most ``capacity`` points: when full it drops every other point and from
then on keeps every 2nd (then 4th, ...) step. The loss plot never needs more points than
pixels, and memory stays flat however long training runs.
"""
from __future__ import annotations

import numpy as np


class LossHistory:
    def __init__(self, capacity: int = 20_000):
        self.capacity = capacity
        self._steps = np.empty(capacity, dtype=np.int64)
        self._losses = np.empty(capacity)
        self._size = 0
        self._stride = 1  # keep steps that are multiples of this

    def __len__(self) -> int:
        return self._size

    def clear(self) -> None:
        self._size = 0
        self._stride = 1

    def extend(self, first_step: int, losses: np.ndarray) -> None:
        """Add the losses of steps first_step, first_step + 1, ..."""
        if losses.size == 0:
            return
        steps = np.arange(first_step, first_step + losses.size, dtype=np.int64)
        keep = steps % self._stride == 0
        steps, losses = steps[keep], losses[keep]
        while self._size + steps.size > self.capacity:
            self._halve()
            keep = steps % self._stride == 0
            steps, losses = steps[keep], losses[keep]
        end = self._size + steps.size
        self._steps[self._size : end] = steps
        self._losses[self._size : end] = losses
        self._size = end

    def _halve(self) -> None:
        self._stride *= 2
        keep = self._steps[: self._size] % self._stride == 0
        n = int(np.count_nonzero(keep))
        self._steps[:n] = self._steps[: self._size][keep]
        self._losses[:n] = self._losses[: self._size][keep]
        self._size = n

    def keep_before(self, step: int) -> None:
        """Forget the losses of ``step`` and later (after a rewind to ``step``)."""
        self._size = int(np.searchsorted(self._steps[: self._size], step))

    def arrays(self) -> tuple[np.ndarray, np.ndarray]:
        """Views (not copies) of the kept steps and losses; valid until the next change."""
        return self._steps[: self._size], self._losses[: self._size]

    @property
    def last_step(self) -> int | None:
        return int(self._steps[self._size - 1]) if self._size else None
