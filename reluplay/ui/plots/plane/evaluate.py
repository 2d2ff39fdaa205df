"""The network on the plane: one forward call per frame over two grids at once.

The output view's grid (OUTPUT_CELLS² cells) and the unit heatmaps' grid (UNIT_CELLS² cells) are
stacked into one batch of points, so a frame costs one vectorised forward pass; every value is
the network's own at a cell's centre.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reluplay.ui.plots.plane.geometry import Box, cell_centres, grid_points

OUTPUT_CELLS = 200  # TF Playground draws 100 × 100
UNIT_CELLS = 64  # TF Playground draws 10 × 10


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


def sample(network, box: Box, output_cells: int = OUTPUT_CELLS, unit_cells: int = UNIT_CELLS) -> PlaneSample:
    """Every layer of ``network`` at the centres of both grids, from one ``network.forward`` call."""
    points = np.concatenate([grid_points(box, output_cells), grid_points(box, unit_cells)])
    run = network.forward(points)
    n_out = output_cells * output_cells

    def images(table: np.ndarray, start: int, cells: int) -> np.ndarray:
        block = np.asarray(table)[:, start : start + cells * cells]
        return np.ascontiguousarray(block.reshape(block.shape[0], cells, cells), dtype=np.float32)

    hidden = len(run.pre) - 1
    return PlaneSample(
        box,
        [images(run.pre[i], n_out, unit_cells) for i in range(hidden)],
        [images(run.post[i], n_out, unit_cells) for i in range(hidden)],
        images(run.post[-1], 0, output_cells),
        images(run.pre[-1], 0, output_cells),
    )
