"""The network's slow analysis (linear pieces, dead units) off the GUI thread.

Counting the linear pieces walks every unit's breakpoints layer by layer and finding dead units
runs the data through the network: at the largest sizes that takes long enough to stall a frame,
so the status bar asks for it here and shows the numbers when they arrive. Each request gets a
generation number; a result of an older generation than the newest request is dropped, so a
slow stale answer never overwrites a newer one. The work runs on a copy of the network and data
(the GUI keeps editing and training the original).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from reluplay.core import Network
from reluplay.core.analysis import dead_units_by_layer, linear_pieces

#: How long closing waits for an analysis that is still running (it is never longer than a frame
#: of the largest network's forward pass, and its result is thrown away).
SHUTDOWN_WAIT_MS = 5000


@dataclass(frozen=True)
class NetworkAnalysis:
    generation: int
    linear_pieces: int | None  # None: a smooth activation, no straight pieces
    dead_units: int  # over all hidden layers


def analyse(network: Network, x: np.ndarray, x_range: tuple[float, float]) -> tuple[int | None, int]:
    """(linear pieces over x_range, dead units on x in all hidden layers) of ``network``."""
    pieces = linear_pieces(network, *x_range)
    dead = sum(len(units) for units in dead_units_by_layer(network, x).values())
    return pieces, dead


class _Relay(QObject):
    """Lives in the GUI thread: a signal emitted from the pool thread arrives there queued."""

    finished = Signal(object)


class _Job(QRunnable):
    def __init__(self, compute: Callable, args: tuple, generation: int, relay: _Relay):
        super().__init__()
        self._compute, self._args, self._generation, self._relay = compute, args, generation, relay

    def run(self) -> None:
        try:
            value = self._compute(*self._args)
        except Exception:  # noqa: BLE001 - a network the analysis cannot handle shows no numbers
            value = None
        self._relay.finished.emit((self._generation, value))


class AnalysisRunner(QObject):
    """Runs ``analyse`` on copies in a one-thread pool; ``ready`` brings the newest result."""

    ready = Signal(object)  # NetworkAnalysis

    def __init__(self, compute: Callable = analyse, threads: int = 1, parent=None):
        super().__init__(parent)
        self._compute = compute
        self._pool = QThreadPool(self)  # created before the relay: destroyed (and joined) first
        self._pool.setMaxThreadCount(threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._on_finished)
        self._generation = 0
        self.latest: NetworkAnalysis | None = None
        self._shut_down = False

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def pending(self) -> bool:
        """A request has been made whose result has not arrived yet."""
        return self.latest is None or self.latest.generation != self._generation

    def request(self, network: Network, x: np.ndarray, x_range: tuple[float, float]) -> int:
        """Analyse (copies of) these; returns the request's generation."""
        return self._start((network.copy(), np.array(x, dtype=float), tuple(x_range)))

    def _start(self, args: tuple) -> int:
        """Run the analysis on ``args`` (copies: the GUI keeps editing the originals)."""
        self._generation += 1
        if self._shut_down:
            return self._generation
        self._pool.clear()  # requests still queued are already stale
        self._pool.start(_Job(self._compute, args, self._generation, self._relay))
        return self._generation

    @staticmethod
    def _result(generation: int, value) -> NetworkAnalysis:
        """The computed value as the result ``ready`` brings (None: the analysis failed)."""
        pieces, dead = (None, -1) if value is None else value
        return NetworkAnalysis(generation, pieces, dead)

    @Slot(object)
    def _on_finished(self, done: tuple) -> None:
        generation, value = done
        if generation != self._generation:
            return  # a newer request is on its way: this one would show stale numbers
        result = self._result(generation, value)
        self.latest = result
        self.ready.emit(result)

    def wait(self, timeout_ms: int = SHUTDOWN_WAIT_MS) -> bool:
        """Block until the newest result has been delivered (for screenshots); True if it was."""
        self._pool.waitForDone(timeout_ms)
        # The queued results, in order: the relay's signal is delivered to this object's slot.
        QCoreApplication.sendPostedEvents(self._relay)
        QCoreApplication.sendPostedEvents(self)
        return not self.pending

    def shutdown(self) -> None:
        """Drop queued work and wait for the running job (closing the window)."""
        self._shut_down = True
        self._pool.clear()
        self._pool.waitForDone(SHUTDOWN_WAIT_MS)
