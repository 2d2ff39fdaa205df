"""The in-memory form of a lesson preset (the file format lives in schema.py / io.py)."""
from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from ..core import Network, TrainingSettings

#: ``task``: what the network's output means.
REGRESSION = "regression"
CLASSIFICATION = "classification"
TASKS = (REGRESSION, CLASSIFICATION)


@dataclass(frozen=True)
class ViewRange:
    #: x's range (one input), or x1's (two inputs).
    x_range: tuple[float, float] = (-1.0, 1.0)
    #: The output's range (one input). Two inputs: a file's ``view.y_range`` is x2's range, read into x2_range
    #: (and here too); the colour scale of a regression on the plane follows its data, not this.
    y_range: tuple[float, float] = (-1.5, 1.5)
    #: x2's range (two inputs only): with x_range, the box the plane views show and regions are counted in.
    #: Written to the file as ``view.y_range``.
    x2_range: tuple[float, float] = (-6.0, 6.0)
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


@dataclass(frozen=True)
class DatasetRecord:
    """Where generated points came from (``data.dataset``): informational, the points are always stored.

    ``kind`` is a name from ``core.datasets_2d`` ("spiral", "circle", ...); the numbers are the
    arguments it was called with (noise in percent, as TF Playground's slider shows it).
    """

    kind: str
    noise: float = 0.0
    train_percent: float = 50.0
    points: int | None = None  # None: the data set's own default count
    seed: int = 0


@dataclass
class Preset:
    """A lesson: a network, the data it is fitted to, training settings and the plot view.

    One input: ``x`` has shape (n,). Two inputs: ``x`` has shape (n, 2), columns x1 and x2. ``y``
    is always (n,) floats: targets, or whole-number class labels for classification.
    """

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
    #: REGRESSION (y are numbers) or CLASSIFICATION (y are class labels 0 .. classes - 1).
    task: str = REGRESSION
    #: Number of classes, 2 to 4, for classification; 0 for regression.
    classes: int = 0
    #: Where the points came from, when a generator made them (None: typed, clicked or imported).
    dataset: DatasetRecord | None = None

    @property
    def n_inputs(self) -> int:
        """1 (x is a vector of numbers) or 2 (x is an (n, 2) array of (x1, x2) points)."""
        return self.network.n_inputs

    @property
    def is_classification(self) -> bool:
        return self.task == CLASSIFICATION

    def copy(self) -> Preset:
        return replace(self, network=self.network.copy(), x=self.x.copy(), y=self.y.copy(),
                       test_x=self.test_x.copy(), test_y=self.test_y.copy())
