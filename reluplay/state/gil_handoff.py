"""Let the GUI thread draw a frame without fighting the training thread for the GIL.

Python threads share one GIL. While training runs, a GUI that draws a frame (dozens of Python
calls into pyqtgraph, each a chance to lose the GIL to the worker) spends much of the frame
waiting. So code that is about to draw calls ``claim()``; the worker then steps aside (blocking
on an Event, which releases the GIL) until the main event loop is about to sleep again, which
Qt announces with ``QAbstractEventDispatcher.aboutToBlock``. The worker trains in exactly the
time the GUI does not need, and never waits longer than its timeout if the GUI stays busy.
"""
from __future__ import annotations

import threading

_idle = threading.Event()
_idle.set()
_installed_on: set[int] = set()


def install() -> None:
    """Release claims whenever the main thread's event loop is about to sleep (idempotent)."""
    from PySide6.QtCore import QAbstractEventDispatcher

    dispatcher = QAbstractEventDispatcher.instance()
    if dispatcher is not None and id(dispatcher) not in _installed_on:
        dispatcher.aboutToBlock.connect(_idle.set)
        _installed_on.add(id(dispatcher))


def claim() -> None:
    """Main thread: a frame is being drawn; training waits until the event loop is idle."""
    _idle.clear()


def release() -> None:
    _idle.set()


def wait_until_gui_idle(timeout_s: float) -> None:
    """Worker thread: wait (without the GIL) while the GUI draws; at most ``timeout_s``."""
    if not _idle.is_set():
        _idle.wait(timeout_s)
