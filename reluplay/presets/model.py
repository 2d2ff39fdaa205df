"""The in-memory form of a lesson preset (the file format lives in schema.py / io.py)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from ..core import Network, TrainingSettings


@dataclass(frozen=True)
class ViewRange:
    x_range: tuple[float, float] = (-1.0, 1.0)
    y_range: tuple[float, float] = (-1.5, 1.5)
    #: The unit colours: "standard", or "projector" (high contrast for a washed-out projector).
    palette: str = "standard"


@dataclass
class Preset:
    """A lesson: a network, the data it is fitted to, training settings and the plot view."""

    network: Network
    name: str = "Untitled"
    description: str = ""
    x: np.ndarray = field(default_factory=lambda: np.zeros(0))
    y: np.ndarray = field(default_factory=lambda: np.zeros(0))
    training: TrainingSettings = field(default_factory=TrainingSettings)
    view: ViewRange = field(default_factory=ViewRange)
    #: Held-out points: drawn and scored beside the training data, never trained on.
    test_x: np.ndarray = field(default_factory=lambda: np.zeros(0))
    test_y: np.ndarray = field(default_factory=lambda: np.zeros(0))

    def copy(self) -> Preset:
        return replace(self, network=self.network.copy(), x=self.x.copy(), y=self.y.copy(),
                       test_x=self.test_x.copy(), test_y=self.test_y.copy())
