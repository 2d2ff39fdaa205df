"""The Session's data edits: the one funnel for clicks, drags, CSV import, generators and splits.

A mixin of ``Session`` (state/session.py), as network_editing.py is: it uses the Session's fields
(``_network``, ``_settings``, ``_x``, ``_y``, ``_test_x``, ``_test_y``, ``_task``, ``_classes``,
``_dataset``, ``_seed``), methods (``_new_trajectory``, ``_mark_dirty``) and signals
(``edit_started``, ``network_changed``, ``settings_changed``, ``data_changed``, ``error_raised``).
"""
from __future__ import annotations

import numpy as np

from reluplay.core import NetworkError, TrainingError
from reluplay.presets.model import DatasetRecord
from reluplay.state.changes import ChangeKind, Edit, NetworkChange
from reluplay.state.plane_data import CLASSIFICATION, checked_data, task_mismatch
from reluplay.teach import network_edits


class DataEditing:
    """Every change of the training and test points that a user makes (not undo, not a new file)."""

    def set_data(self, x, y, description: str = "edit data", test: tuple | None = None,
                 dataset: DatasetRecord | None = None, task: tuple[str, int] | None = None) -> bool:
        """Replace the training points (and the test points if ``test`` is given as (x, y)).

        ``test=None`` keeps the current test points. Two inputs: x is (n, 2) points (x1, x2)
        and, for classification, y are class labels 0..classes-1. ``dataset`` records where
        generated points came from (None: clicked, typed or imported points). ``task`` =
        (task, classes) of the new points when they are of another kind than the lesson's: the
        output layer and the loss are adapted to it in the same edit (one undo step). Returns
        False, with an error message, if the points are unusable; then nothing changes.
        Training pauses (the controller listens to ``edit_started`` and ``data_changed``).
        """
        new_task, new_classes = task if task is not None else (self._task, self._classes)
        network, settings = self._network, self._settings
        try:
            if task is not None and task_mismatch(network, new_task, new_classes):
                classification = new_task == CLASSIFICATION
                network = network_edits.output_for_task(network, classification, new_classes, self._seed)
                settings = settings.with_changes(loss="cross_entropy" if classification else "mse")
            new_x, new_y, new_tx, new_ty = checked_data(x, y, (self._test_x, self._test_y) if test is None else test,
                                                        network.n_inputs,
                                                        new_classes if new_task == CLASSIFICATION else 0)
        except (ValueError, NetworkError, TrainingError) as exc:
            self.error_raised.emit("Cannot use these data points", str(exc))
            return False
        if (network is self._network and dataset == self._dataset
                and np.array_equal(new_x, self._x) and np.array_equal(new_y, self._y)
                and np.array_equal(new_tx, self._test_x) and np.array_equal(new_ty, self._test_y)):
            return True
        self.edit_started.emit(Edit(ChangeKind.EDIT, description))
        self._x, self._y = new_x, new_y
        self._test_x, self._test_y = new_tx.copy(), new_ty.copy()
        self._dataset = dataset
        new_output = network is not self._network
        new_settings = settings != self._settings
        self._network, self._settings = network, settings
        self._task, self._classes = new_task, new_classes
        self._new_trajectory()
        self._mark_dirty()
        if new_output:
            self.network_changed.emit(NetworkChange(True, ChangeKind.EDIT, description))
        if new_settings:
            self.settings_changed.emit()
        self.data_changed.emit()
        return True
