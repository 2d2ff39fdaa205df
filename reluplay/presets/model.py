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


#: ``training.speed``: steps per second (a number), or one of these words.
FASTEST = "fastest"
#: Starts slowly (a few steps a second) so the class sees the first moves, then doubles its pace.
SLOW_START = "slow-start"
SPEED_WORDS = (FASTEST, SLOW_START)
#: Panels a lesson can open (``view.panels``), by the name the window gives them.
PANELS = ("notes", "walkthrough", "backward")


@dataclass(frozen=True)
class Teaching:
    """How a lesson is taught, beside what it computes: pace, the teacher's words, the screen setup."""

    #: Steps per second, FASTEST or SLOW_START.
    speed: float | str = FASTEST
    #: For the teacher only (the notes panel): what to point at, what to say.
    notes: str = ""
    #: Questions to ask the class, in order.
    questions: tuple[str, ...] = ()
    #: Panels open when the lesson opens (names from PANELS).
    panels: tuple[str, ...] = ()
    #: The loss plot's scale.
    loss_log_scale: bool = True


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
    teaching: Teaching = field(default_factory=Teaching)

    def copy(self) -> Preset:
        return replace(self, network=self.network.copy(), x=self.x.copy(), y=self.y.copy(),
                       test_x=self.test_x.copy(), test_y=self.test_y.copy())
