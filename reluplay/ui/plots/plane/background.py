"""The plane views' grid pass on a pool thread, for networks too big to sample within a frame.

At the largest size the limits allow (6 hidden layers of 64 units) one frame's pass over the
44,096 grid points is ~0.9e9 multiply-adds: 125-320 ms of the GUI thread, which then answered a
click or a key a third of a second late while training ran. Above BACKGROUND_WORK multiply-adds the
views ask this runner instead and draw the sample when it arrives; the big matrix products and
array operations release the GIL, so the window stays responsive meanwhile. Small networks (every
lesson) are sampled at once, on the GUI thread, as before.
"""
from __future__ import annotations

from dataclasses import dataclass

from reluplay.state.analysis_worker import AnalysisRunner
from reluplay.ui.plots.plane import evaluate
from reluplay.ui.plots.plane.folds import fold_segments

#: A frame's grid pass above this many multiply-adds runs on the pool thread. The spiral lesson's
#: 2-8-8-1 network is 3.9e6 (39 frames/s at once, lateness p99 7 ms); three layers of 16 units, 2.5e7,
#: drawn at once gave p99 190 ms while training, 34 ms from the pool.
BACKGROUND_WORK = 1e7


def grid_work(network) -> float:
    """Multiply-adds of one frame's pass over both grids."""
    points = evaluate.OUTPUT_CELLS ** 2 + evaluate.UNIT_CELLS ** 2
    return float(points * sum(lay.n_in * lay.n_out for lay in network.layers))


@dataclass(frozen=True)
class BackgroundSample:
    generation: int
    epoch: int  # the views' drawing epoch when it was asked for (an older one is stale)
    layer: int
    sample: evaluate.PlaneSample | None  # None: the pass failed (nothing is drawn from it)
    folds: list | None


def sample_and_folds(sampler: evaluate.PlaneSampler, network, box, layer: int, epoch: int):
    sample = sampler.sample(network, box)
    folds = fold_segments(network, layer, sample.unit_pre[layer], sample.unit_axes, box)
    return epoch, layer, sample, folds


class PlaneSampleRunner(AnalysisRunner):
    """``ready`` brings a :class:`BackgroundSample`; one job at a time, on its own sampler."""

    def __init__(self, parent=None):
        super().__init__(compute=sample_and_folds, parent=parent)
        self._sampler = evaluate.PlaneSampler()  # used by the pool's one thread only

    def request(self, network, box, layer: int, epoch: int) -> int:  # type: ignore[override]
        return self._start((self._sampler, network.copy(), box, int(layer), int(epoch)))

    @staticmethod
    def _result(generation: int, value) -> BackgroundSample:
        if value is None:
            return BackgroundSample(generation, -1, -1, None, None)
        epoch, layer, sample, folds = value
        return BackgroundSample(generation, epoch, layer, sample, folds)
