"""An expensive frame drawn over several turns of the event loop, so input and timers get in between.

A frame of the largest network (the breakpoints of six layers, 128 curves, then their paint) holds
the GUI thread for tens of milliseconds, and a click, a key or a timer waits that long. The
spreader draws a cheap frame at once; an expensive one (its last measured cost above
``stage_above_ms``) is computed in one turn and handed to the plot items in the following turns,
one stage per turn (Qt paints what a stage changed before the next turn). A synchronous
``draw_now`` (an edit, a test reading the plots) drops a half-drawn frame and draws a whole one.
"""
from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QTimer, Slot

#: A frame whose arithmetic and hand-over to the plot items took longer than this (ms) is spread.
STAGE_ABOVE_MS = 8.0


class FrameSpreader(QObject):
    def __init__(self, compute: Callable[[], object], stages: Sequence[Callable[[object], None]],
                 fits: Callable[[object], bool], parent: QObject):
        """``compute()`` makes a frame; ``stages`` draw it in order; ``fits(frame)`` says whether a
        frame computed earlier still fits the plots (else it is dropped and ``compute`` runs again)."""
        super().__init__(parent)
        self._compute, self._stages, self._fits = compute, list(stages), fits
        #: What the last frame cost the GUI thread before painting (ms).
        self.frame_ms = 0.0
        self.stage_above_ms = STAGE_ABOVE_MS
        self._spreading = False  # the last coalesced frame was spread
        self._pending = None  # a spread frame not drawn whole yet
        self._next_stage = 0
        self._pending_ms = 0.0
        self._again = False  # a redraw was asked for while a frame was being drawn
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run_stage)

    @property
    def drawing(self) -> bool:
        """A frame is being drawn over several turns and is not complete yet."""
        return self._pending is not None

    def drop(self) -> None:
        """Forget a half-drawn frame (the plots are being rebuilt or redrawn whole)."""
        self._timer.stop()
        self._pending = None
        self._again = False

    def draw_now(self) -> None:
        """Compute and draw a whole frame in this turn."""
        self.drop()
        start = time.perf_counter()
        frame = self._compute()
        for stage in self._stages:
            stage(frame)
        self.frame_ms = (time.perf_counter() - start) * 1000.0

    @Slot()
    def draw_due(self) -> None:
        """A coalesced redraw: at once if frames are cheap, spread over turns if they are not."""
        # Half the threshold to go back: a spread frame measures a little cheaper than a whole one.
        limit = self.stage_above_ms / 2.0 if self._spreading else self.stage_above_ms
        self._spreading = self.frame_ms > limit
        if not self._spreading:
            self.draw_now()
            return
        if self.drawing:
            # Finish the frame on its way first: dropping it for each newer request would leave
            # plots 2 and 3 never drawn while frames come faster than their turns (a busy machine).
            self._again = True
            return
        start = time.perf_counter()
        self._pending, self._next_stage = self._compute(), 0
        self._pending_ms = (time.perf_counter() - start) * 1000.0
        self._timer.start(0)

    @Slot()
    def _run_stage(self) -> None:
        frame = self._pending
        if frame is None:
            if self._again:  # a redraw was asked for while the last frame was being drawn
                self._again = False
                self.draw_due()
            return
        if not self._fits(frame):  # the plots were rebuilt meanwhile: this frame no longer fits them
            self.drop()
            self.draw_due()
            return
        start = time.perf_counter()
        self._stages[self._next_stage](frame)
        self._next_stage += 1
        self._pending_ms += (time.perf_counter() - start) * 1000.0
        if self._next_stage < len(self._stages):
            self._timer.start(0)
        else:
            self._pending = None
            self.frame_ms = self._pending_ms
            if self._again:
                self._timer.start(0)  # the newer state, in a turn of its own
