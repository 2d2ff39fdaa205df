"""One redraw for many changes: the window's single throttle helper.

Training sends tens of frames a second and a dragged slider hundreds of edits; a panel that
redrew on each would starve the event loop. A panel asks ``request()`` on every change; the
callback runs once, ``delay_ms`` after the first request, however many came in between.
"""
from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer


class Coalescer(QObject):
    def __init__(self, callback: Callable[[], object], delay_ms: int, parent: QObject):
        super().__init__(parent)
        self.delay_ms = int(delay_ms)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(callback)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def request(self, *_signal_args, delay_ms: int | None = None) -> None:
        """Run the callback once soon; a request while one is pending joins it."""
        if not self._timer.isActive():
            self._timer.start(max(0, int(self.delay_ms if delay_ms is None else delay_ms)))

    def cancel(self) -> None:
        """The caller is redrawing now: the pending run has nothing left to do."""
        self._timer.stop()
