"""The status bar's numbers for a network with two inputs, off the GUI thread.

The exact linear regions (``core.regions``: count, outlines, decision boundary, formulas), the
dead units and, for classification, the accuracy on the training points. Counting regions of a
deep network can take longer than a frame, so it runs in ``AnalysisRunner``'s pool like the 1-D
analysis: the newest request wins, older results are dropped.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reluplay.core import Network
from reluplay.core.classification import accuracy
from reluplay.core.regions import LinearRegions, linear_regions
from reluplay.state.analysis_worker import AnalysisRunner

#: The window stops counting regions beyond this many pieces (`reluplay regions` and `info` go on to the
#: core's 20,000). On a plot, 5,000 outlines are a grey blur already, and at the largest network the limits
#: allow, counting to 20,000 five times a second kept ~140 MB more memory (289 against 151 MB of growth in
#: 5 s of training) and took ~1.5 s a count.
WINDOW_MAX_REGION_POLYGONS = 5_000


def dead_units_on_points(network: Network, x: np.ndarray) -> dict[int, list[int]]:
    """Units of each ReLU hidden layer that are off at every point (n, 2), as ``dead_units_by_layer``
    (which takes one input's x; a 2-D version in the core would replace this)."""
    relu_layers = [i for i, lay in enumerate(network.hidden_layers) if lay.activation == "relu"]
    if not relu_layers or len(x) == 0:
        return {}
    pre = network.forward(np.asarray(x, dtype=float).reshape(-1, 2)).pre
    return {i: [int(u) for u in np.nonzero(np.all(pre[i] <= 0.0, axis=1))[0]] for i in relu_layers}


@dataclass(frozen=True)
class PlaneAnalysis:
    generation: int
    regions: LinearRegions | None  # None: the analysis failed
    dead_units: int  # over all hidden layers; -1 unknown
    accuracy: float | None  # classification on the training points; None for regression or no data


def analyse_plane(network: Network, x: np.ndarray, y: np.ndarray, box, classification: bool):
    """(regions in the box, dead units, accuracy) of ``network`` on the points x (n, 2)."""
    regions = linear_regions(network, *box, max_polygons=WINDOW_MAX_REGION_POLYGONS)
    dead = sum(len(units) for units in dead_units_on_points(network, x).values())
    acc = accuracy(network, x, y) if classification and len(x) else None
    return regions, dead, acc


class PlaneAnalysisRunner(AnalysisRunner):
    """``ready`` brings a :class:`PlaneAnalysis`."""

    def __init__(self, parent=None):
        super().__init__(compute=analyse_plane, parent=parent)

    def request(self, network: Network, x: np.ndarray, y: np.ndarray, box, classification: bool) -> int:  # type: ignore[override]
        box = (tuple(map(float, box[0])), tuple(map(float, box[1])))
        return self._start((network.copy(), np.array(x, dtype=float).reshape(-1, 2), np.array(y, dtype=float),
                            box, bool(classification)))

    @staticmethod
    def _result(generation: int, value) -> PlaneAnalysis:
        if value is None:
            return PlaneAnalysis(generation, None, -1, None)
        return PlaneAnalysis(generation, *value)
