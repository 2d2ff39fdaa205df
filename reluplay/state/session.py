"""The one owner of the playground's state in the main thread.

Widgets read from the Session and send every edit to it; they never talk to each other. Every
change goes through a few funnels (``_edit_network`` in network_editing.py, ``set_data`` in
data_editing.py, ``set_training``, ``load``, ``apply_training_frame``) that emit one signal when
something really changed. Those funnels are where an undo stack (``capture_state`` /
``restore_state``) and a training history hook in.

Training vocabulary: the *start* network is the one a preset or Randomize produced ("Reset to
start"); the *origin* is where the current training trajectory began (training's "Reset"). A
user edit of the network begins a new trajectory: the step counter returns to 0.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal

from reluplay.core import (
    Network,
    TrainingError,
    TrainingSettings,
    linear_pieces,
)
from reluplay.core.analysis import dead_units_by_layer
from reluplay.core.loss_log import LossLog
from reluplay.presets.model import DatasetRecord, Preset, Teaching, ViewRange
from reluplay.state.changes import ChangeKind, Edit, NetworkChange
from reluplay.state.data_editing import DataEditing
from reluplay.state.network_editing import NetworkEditing
from reluplay.state.plane_analysis import dead_units_on_points


@dataclass(frozen=True)
class SessionState:
    """Everything an undo step or a rewind needs to put back (copies)."""

    network: Network
    origin: Network
    x: np.ndarray
    y: np.ndarray
    settings: TrainingSettings
    step: int
    #: Held-out test points (saved in presets as data.test).
    test_x: np.ndarray = field(default_factory=lambda: np.zeros(0))
    test_y: np.ndarray = field(default_factory=lambda: np.zeros(0))
    #: The lesson's task and classes (a data set of another kind changes them with the output layer).
    task: str = "regression"
    classes: int = 0
    #: Where generated points came from (the preset's data.dataset), or None.
    dataset: DatasetRecord | None = None


class Session(QObject, NetworkEditing, DataEditing):
    network_changed = Signal(object)  # NetworkChange (state/changes.py)
    data_changed = Signal()
    settings_changed = Signal()
    progress_changed = Signal()  # step, loss or loss history
    training_state_changed = Signal(bool)  # running
    file_changed = Signal()  # path, name or dirty flag
    error_raised = Signal(str, str)  # title, message
    #: Emitted before a user edit is applied, so running training can pause first.
    edit_started = Signal(object)  # Edit (state/changes.py)
    #: A file or lesson replaced the whole document: it starts with no undo or training history
    #: of its own (emitted after the new state is in place, before the change signals).
    document_replaced = Signal()
    #: The lesson's title, description, notes or questions changed (Lesson → Properties).
    lesson_changed = Signal()
    #: The lesson's training speed changed (steps per second, "fastest" or "slow-start").
    speed_changed = Signal()
    #: The lesson's view settings that are not ranges changed (the unit palette).
    view_changed = Signal()

    def __init__(self, preset: Preset | None = None, path: str | Path | None = None, parent=None):
        super().__init__(parent)
        self.loss_history = LossLog()
        self._training_running = False
        # Dead units of every layer, from one pass of the data: the plots, the editor and the
        # walkthrough all ask for them each frame. Connected first, so it is cleared before any
        # widget hears of a change.
        self._dead_by_layer: dict[int, list[int]] | None = None
        # Likewise the loss on the data; a training frame brings it along (the worker computed it).
        self._loss: float | None = None
        self._frame_loss: float | None = None
        self._frame_dead: dict[int, list[int]] | None = None
        self.network_changed.connect(self._forget_derived)
        self.data_changed.connect(self._forget_derived)
        self._gesture = 0  # the gesture under way (begin_gesture), 0 if none
        self._gestures_begun = 0
        self._gesture_description = ""
        self.settings_changed.connect(self._forget_derived)  # the loss (MSE or cross-entropy) may change
        self._load_fields(preset or default_preset(), path)

    # --- reading -------------------------------------------------------------------------
    @property
    def network(self) -> Network:
        """The current network. Treat as read-only: edit through the Session's methods."""
        return self._network

    @property
    def x(self) -> np.ndarray:
        return self._x

    @property
    def y(self) -> np.ndarray:
        return self._y

    @property
    def test_x(self) -> np.ndarray:
        """Held-out test points: drawn and scored, never trained on. Empty when there are none."""
        return self._test_x

    @property
    def test_y(self) -> np.ndarray:
        return self._test_y

    @property
    def settings(self) -> TrainingSettings:
        return self._settings

    @property
    def view(self) -> ViewRange:
        return self._view

    @property
    def loss_name(self) -> str:
        """The training loss: "mse" or "cross_entropy" (TrainingSettings.loss)."""
        return self._settings.loss

    @property
    def task(self) -> str:
        """"regression" or "classification" (the lesson's, presets/model.py)."""
        return self._task

    @property
    def classes(self) -> int:
        """Number of classes (2..4) for classification, 0 for regression."""
        return self._classes

    @property
    def dataset(self) -> DatasetRecord | None:
        """Where the points came from when a data set generator made them (data.dataset), else None."""
        return self._dataset

    @property
    def name(self) -> str:
        return self._name

    @property
    def description(self) -> str:
        return self._description

    @property
    def teaching(self) -> Teaching:
        """The lesson's pace, notes, questions and screen setup."""
        return self._teaching

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def step(self) -> int:
        return self._step

    @property
    def origin(self) -> Network:
        return self._origin

    @property
    def training_running(self) -> bool:
        return self._training_running

    def loss(self) -> float:
        if self._x.size == 0:
            return float("nan")
        if self._loss is None:
            self._loss = self._network.loss(self._x, self._y, loss=self.loss_name)
        return self._loss

    def test_loss(self) -> float:
        """The network's MSE on the test points (NaN when there are none)."""
        if self._test_x.size == 0:
            return float("nan")
        return self._network.loss(self._test_x, self._test_y, loss=self.loss_name)

    def dead_units(self, layer: int = 0) -> list[int]:
        if self._dead_by_layer is None:
            self._dead_by_layer = self._find_dead_units()
        return list(self._dead_by_layer.get(layer, []))

    def _find_dead_units(self) -> dict[int, list[int]]:
        if self._network.n_inputs == 2:
            return dead_units_on_points(self._network, self._x)
        return dead_units_by_layer(self._network, self._x)

    def _forget_derived(self, *_args) -> None:
        self._dead_by_layer, self._frame_dead = self._frame_dead, None
        self._loss, self._frame_loss = self._frame_loss, None

    def linear_pieces(self) -> int | None:
        return linear_pieces(self._network, *self._view.x_range)

    def to_preset(self, start_of_run: bool = False) -> Preset:
        """The lesson as it is now; ``start_of_run``: with the network this training run began
        from (step 0) instead of the trained one."""
        network = self._origin if start_of_run else self._network
        return Preset(
            network=network.copy(), name=self._name, description=self._description,
            x=self._x.copy(), y=self._y.copy(), training=self._settings, view=self._view,
            test_x=self._test_x.copy(), test_y=self._test_y.copy(), teaching=self._teaching,
            task=self._task, classes=self._classes, dataset=self._dataset,
        )

    def capture_state(self) -> SessionState:
        return SessionState(self._network.copy(), self._origin.copy(), self._x.copy(), self._y.copy(),
                            self._settings, self._step, self._test_x.copy(), self._test_y.copy(),
                            self._task, self._classes, self._dataset)

    # --- loading and files -----------------------------------------------------------------
    def load(self, preset: Preset, path: str | Path | None = None) -> None:
        """Open a new document. Not an edit: undo and rewind start afresh, as in every editor."""
        self.edit_started.emit(Edit(ChangeKind.LOAD, "open"))
        self._load_fields(preset, path)
        self.document_replaced.emit()
        self.network_changed.emit(NetworkChange(True, ChangeKind.LOAD, "open"))
        self.data_changed.emit()
        self.settings_changed.emit()
        self.progress_changed.emit()
        self.file_changed.emit()
        self.view_changed.emit()

    def _load_fields(self, preset: Preset, path) -> None:
        self._network = preset.network.copy()
        self._start = preset.network.copy()
        self._origin = preset.network.copy()
        self._x = np.array(preset.x, dtype=float)
        self._y = np.array(preset.y, dtype=float)
        self._test_x = np.array(preset.test_x, dtype=float)
        self._test_y = np.array(preset.test_y, dtype=float)
        self._settings = preset.training
        self._task, self._classes = preset.task, preset.classes
        self._dataset = preset.dataset
        self._view = preset.view
        self._name = preset.name
        self._description = preset.description
        self._teaching = preset.teaching
        self._path = Path(path) if path is not None else None
        self._dirty = False
        self._seed = preset.training.seed
        self._step = 0
        self.loss_history.clear()

    # --- the lesson's words and teaching setup ---------------------------------------------------
    def set_lesson_text(self, name: str, description: str, notes: str, questions: tuple[str, ...]) -> None:
        """Lesson → Properties: the title, what the class reads, the teacher's notes, the questions."""
        questions = tuple(q for q in questions if q.strip())
        if (name, description, notes, questions) == (self._name, self._description, self._teaching.notes,
                                                     self._teaching.questions):
            return
        self._name, self._description = name, description
        self._teaching = replace(self._teaching, notes=notes, questions=questions)
        self._mark_dirty()
        self.lesson_changed.emit()
        self.file_changed.emit()

    def set_speed(self, speed: float | str) -> None:
        """The pace Play trains at, kept with the lesson (a number of steps a second, or a word)."""
        if speed == self._teaching.speed:
            return
        self._teaching = replace(self._teaching, speed=speed)
        self._mark_dirty()
        self.speed_changed.emit()

    def set_teaching_setup(self, view: ViewRange, panels: tuple[str, ...], loss_log_scale: bool) -> None:
        """What the window shows, to be saved with the lesson (called just before saving)."""
        self._view = view
        self._teaching = replace(self._teaching, panels=tuple(panels), loss_log_scale=loss_log_scale)

    def mark_saved(self, path: str | Path) -> None:
        self._path = Path(path)
        self._dirty = False
        self.file_changed.emit()

    def _mark_dirty(self) -> None:
        if not self._dirty:
            self._dirty = True
            self.file_changed.emit()

    def set_palette(self, palette: str) -> None:
        """The unit colours ("standard" or "projector"); saved with the lesson as view.palette."""
        if palette != self._view.palette:
            self._view = replace(self._view, palette=palette)
            self._mark_dirty()
            self.view_changed.emit()

    def restore_state(self, state: SessionState) -> None:
        """Put back a captured state exactly (for undo and rewind)."""
        self.edit_started.emit(Edit(ChangeKind.RESTORE, "restore"))
        self._network = state.network.copy()
        self._origin = state.origin.copy()
        self._x, self._y = state.x.copy(), state.y.copy()
        self._test_x, self._test_y = state.test_x.copy(), state.test_y.copy()
        self._settings = state.settings
        self._task, self._classes, self._dataset = state.task, state.classes, state.dataset
        self._step = state.step
        self.loss_history.clear()
        self._mark_dirty()
        self.network_changed.emit(NetworkChange(True, ChangeKind.RESTORE, "restore"))
        self.data_changed.emit()
        self.settings_changed.emit()
        self.progress_changed.emit()

    # --- training settings -------------------------------------------------------------------
    def set_training(self, **changes) -> None:
        """Change training settings (optimizer, learning_rate, batch_size, l2, seed)."""
        try:
            new = self._settings.with_changes(**changes)
        except (TrainingError, TypeError) as exc:
            self.error_raised.emit("Cannot use these training settings", str(exc))
            return
        if new == self._settings:
            return
        self._settings = new
        self._mark_dirty()
        self.settings_changed.emit()

    # --- training progress (called by the training controller) -----------------------------
    def set_training_running(self, running: bool) -> None:
        if running != self._training_running:
            self._training_running = running
            self.training_state_changed.emit(running)

    def rewind_to(self, step: int, params: np.ndarray, settings: TrainingSettings) -> None:
        """Show the network as training had it at an earlier ``step`` of this trajectory.

        Not a new trajectory (the origin stays): the rewind feature keeps the later steps
        until training continues from here. ``settings`` are the ones that step trained with.
        """
        self.edit_started.emit(Edit(ChangeKind.REWIND, "rewind"))  # pauses training first
        self._network.set_params(params)
        self._step = int(step)
        self.loss_history.keep_before(step)
        self._mark_dirty()
        if settings != self._settings:
            self._settings = settings
            self.settings_changed.emit()
        self.network_changed.emit(NetworkChange(False, ChangeKind.REWIND, f"back to step {step}"))
        self.progress_changed.emit()

    def apply_training_frame(self, step: int, params: np.ndarray, first_loss_step: int,
                             losses: np.ndarray, loss: float | None = None,
                             dead_units: dict[int, list[int]] | None = None, final: bool = False) -> None:
        """Take the trained parameters of a frame; the network's shape is unchanged.

        ``loss``, ``dead_units``: what the worker found for these parameters on these data, if it
        did (the same arithmetic as ``loss()``, ``dead_units()``): the GUI thread need not run
        the data through the network again.
        """
        self._network.set_params(params)
        self._frame_loss = None if loss is None else float(loss)
        self._frame_dead = dead_units
        self._step = step
        self.loss_history.extend(first_loss_step, losses)
        self._mark_dirty()
        self.network_changed.emit(NetworkChange(False, ChangeKind.TRAINING, "training", final=final))
        self.progress_changed.emit()


def default_preset() -> Preset:
    """What the window shows with no preset: the built-in "ReLU in action" lesson (the seed's dosage example)."""
    from reluplay.presets import load_preset

    return load_preset("relu-in-action")
