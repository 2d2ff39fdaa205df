"""The network on the plane: the output view's grid and the unit heatmaps' grid, every frame.

The output view's grid (OUTPUT_CELLS² cells) and the unit heatmaps' grid (UNIT_CELLS² cells) are
evaluated by the core's own forward pass, so every value is the network's own at a cell's centre.
A ``PlaneSampler`` (what the window uses, once per frame while training) keeps the grids and the
forward pass's buffers from frame to frame and runs the points through in blocks of
BLOCK_VALUES / (widest layer) points: one pass over all 44,000 points at once made tables of several MB per layer, new
each frame, and the time went into page faults and cache misses rather than arithmetic.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reluplay.core import Network
from reluplay.core.passes import Pass
from reluplay.ui.plots.plane.geometry import Box, cell_centres, grid_points

OUTPUT_CELLS = 200  # TF Playground draws 100 × 100
UNIT_CELLS = 64  # TF Playground draws 10 × 10
#: Values per table of one forward pass (units × points): a block's tables stay in a core's cache
#: (8,000 points for 8 units; measured 2.2 ms for a 2-8-8-1 frame, against 10 ms in one pass).
BLOCK_VALUES = 64_000


@dataclass(frozen=True)
class PlaneSample:
    """One frame's values: ``[row = x2, column = x1]`` images, float32, contiguous."""

    box: Box
    unit_pre: list[np.ndarray]  # per hidden layer: (units, UNIT_CELLS, UNIT_CELLS) pre-activations z
    unit_post: list[np.ndarray]  # per hidden layer: activations a = f(z)
    output: np.ndarray  # (k, OUTPUT_CELLS, OUTPUT_CELLS): ŷ, p(class 1) or the k class probabilities
    logits: np.ndarray  # the output layer's pre-activations, same shape

    @property
    def unit_axes(self) -> tuple[np.ndarray, np.ndarray]:
        return cell_centres(self.box, self.unit_pre[0].shape[-1])

    @property
    def output_axes(self) -> tuple[np.ndarray, np.ndarray]:
        return cell_centres(self.box, self.output.shape[-1])


class PlaneSampler:
    """Samples networks on the plane, reusing its grids and forward-pass buffers between calls."""

    def __init__(self, output_cells: int = OUTPUT_CELLS, unit_cells: int = UNIT_CELLS):
        self.output_cells, self.unit_cells = output_cells, unit_cells
        self._grids: tuple[Box, np.ndarray, np.ndarray] | None = None
        self._passes: dict[int, Pass] = {}
        self._pass_key = None

    def _grid(self, box: Box) -> tuple[np.ndarray, np.ndarray]:
        if self._grids is None or self._grids[0] != box:
            self._grids = (box, grid_points(box, self.output_cells), grid_points(box, self.unit_cells))
        return self._grids[1], self._grids[2]

    def _pass(self, network, n_points: int) -> Pass:
        # A Pass reads the weights through views of network.params (training updates them in
        # place) and picks each layer's activation when it is made: a new network, or one with
        # other activations, gets new passes.
        key = (id(network), network.features, tuple((lay.weights.shape, lay.activation) for lay in network.layers))
        if key != self._pass_key:
            self._pass_key, self._passes = key, {}
            self._network = network  # keeps id(network) from being reused while the key names it
        work = self._passes.get(n_points)
        if work is None:
            work = self._passes[n_points] = Pass(network, n_points)
        return work

    def _run(self, network, points: np.ndarray, layers: list[int]) -> list[tuple[np.ndarray, np.ndarray]]:
        """(pre, post) of each layer in ``layers`` at ``points``, as (units, n) float32 tables."""
        n = len(points)
        block = max(500, BLOCK_VALUES // max(lay.n_out for lay in network.layers))
        tables = [(np.empty((network.layers[i].n_out, n), np.float32),
                   np.empty((network.layers[i].n_out, n), np.float32)) for i in layers]
        for start in range(0, n, block):
            stop = min(n, start + block)
            if isinstance(network, Network):
                work = self._pass(network, stop - start)
                work.run_forward(points[start:stop])
            else:  # anything else with a forward pass (the tests' hand-made networks)
                work = network.forward(points[start:stop])
            for i, (pre, post) in zip(layers, tables):
                pre[:, start:stop] = work.pre[i]
                post[:, start:stop] = work.post[i]
        return tables

    def sample(self, network, box: Box) -> PlaneSample:
        """Every hidden layer on the unit grid, the output layer on the output grid."""
        output_points, unit_points = self._grid(box)
        hidden = list(range(len(network.layers) - 1))
        units = self._run(network, unit_points, hidden)
        ((logits, output),) = self._run(network, output_points, [len(network.layers) - 1])

        def images(table: np.ndarray, cells: int) -> np.ndarray:
            return table.reshape(table.shape[0], cells, cells)  # contiguous: a view, no copy

        u, o = self.unit_cells, self.output_cells
        return PlaneSample(box, [images(pre, u) for pre, _ in units], [images(post, u) for _, post in units],
                           images(output, o), images(logits, o))


def sample(network, box: Box, output_cells: int = OUTPUT_CELLS, unit_cells: int = UNIT_CELLS) -> PlaneSample:
    """Every layer of ``network`` at the centres of both grids (a fresh sampler: for one picture)."""
    return PlaneSampler(output_cells, unit_cells).sample(network, box)
