"""A progress bar on stderr for long CLI work, with no dependency.

One carriage-return line, redrawn at most ~10 times a second::

    train  42% [########            ] 840/2000 steps  3.1 s

It draws only when its stream is a terminal (so piped output, logs and ``--json`` stay clean)
and only once the work has taken longer than ``START_DELAY_S``, so a quick command never
flashes a bar. ``finish()`` ends the line with a newline if anything was drawn.
"""
from __future__ import annotations

import sys
import time

#: Seconds before the bar first appears: quick commands print nothing extra.
START_DELAY_S = 0.5
#: Seconds between redraws (~10 a second): drawing more often only costs time.
REDRAW_INTERVAL_S = 0.1
BAR_WIDTH = 20


def is_terminal(stream) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # no isatty, or a closed stream
        return False


class Progress:
    """``update(done)`` as work advances, ``finish()`` at the end (or use it as a context manager)."""

    def __init__(self, label: str, total: int, unit: str, *, enabled: bool = True, stream=None,
                 clock=time.monotonic):
        self.label = label
        self.total = max(0, int(total))
        self.unit = unit
        self.stream = sys.stderr if stream is None else stream
        self.active = enabled and is_terminal(self.stream)
        self._clock = clock
        self._start = clock()
        self._last_draw: float | None = None
        self._done = 0
        self._width = 0  # of the last line drawn, to blank a longer one

    def update(self, done: int, total: int | None = None) -> None:
        """``done`` of the total so far; (done, total) is the shape of the core's and the UI's callbacks."""
        self._done = done
        if total is not None:
            self.total = total
        if not self.active:
            return
        now = self._clock()
        if now - self._start < START_DELAY_S:
            return
        if self._last_draw is not None and now - self._last_draw < REDRAW_INTERVAL_S and done < self.total:
            return
        self._draw(now)

    def _draw(self, now: float) -> None:
        self._last_draw = now
        total = self.total
        fraction = min(1.0, self._done / total) if total else 1.0
        filled = int(round(fraction * BAR_WIDTH))
        line = (f"{self.label} {fraction:4.0%} [{'#' * filled}{' ' * (BAR_WIDTH - filled)}] "
                f"{self._done}/{total} {self.unit}  {now - self._start:.1f} s")
        try:
            self.stream.write("\r" + line.ljust(self._width))
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: the work goes on without a bar
            self.active = False
        self._width = len(line)

    def finish(self) -> None:
        """End the line (showing the final count) if a bar was drawn; nothing otherwise."""
        if not self.active or self._last_draw is None:
            return
        self._draw(self._clock())
        try:
            self.stream.write("\n")
            self.stream.flush()
        except (OSError, ValueError):
            pass
        self.active = False

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.finish()
