"""How fast Play trains: a fixed number of steps per second, as fast as possible, or a slow start.

The slow start begins at a pace the class can follow (SLOW_START_RATE steps a second), so the first
moves of the kinks, the largest ones, are seen, and then doubles every DOUBLING_S seconds until it
is as fast as possible: the long tail of a fit does not keep the class waiting. Qt-free, so the
worker thread and the tests use it alike.
"""
from __future__ import annotations

import math

from reluplay.presets.model import FASTEST, SLOW_START

SLOW_START_RATE = 5.0
DOUBLING_S = 2.0
#: From this many steps a second on the slow start stops pacing (no eye follows single steps there).
SLOW_START_TOP_RATE = 1000.0


def due_time(speed: float | str | None, taken: int) -> float | None:
    """Seconds after Play at which step number ``taken`` (0-based) may run; None: right away.

    ``speed`` is steps per second, None (as fast as possible) or SLOW_START.
    """
    if speed is None:
        return None
    if speed == SLOW_START:
        # Steps done by time t at a rate r0·2^(t/T): n(t) = r0·T/ln2·(2^(t/T) − 1); solved for t.
        k = taken * math.log(2) / (SLOW_START_RATE * DOUBLING_S)
        if SLOW_START_RATE * (1.0 + k) >= SLOW_START_TOP_RATE:
            return None
        return DOUBLING_S * math.log2(1.0 + k)
    return taken / float(speed)


def slow_start_rate(seconds: float) -> float | None:
    """The slow start's pace after ``seconds`` of Play, in steps a second (None: as fast as possible)."""
    rate = SLOW_START_RATE * 2.0 ** (seconds / DOUBLING_S)
    return None if rate >= SLOW_START_TOP_RATE else rate


def from_lesson(speed: float | str) -> float | str | None:
    """A lesson's ``training.speed`` ("fastest", "slow-start" or a number) as the controller takes it."""
    return None if speed == FASTEST else speed


def to_lesson(speed: float | str | None) -> float | str:
    """The controller's speed (None: as fast as possible) as a lesson stores it."""
    return FASTEST if speed is None else speed
