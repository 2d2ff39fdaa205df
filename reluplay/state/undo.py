"""Undo and redo (Ctrl+Z / Ctrl+Shift+Z) for every edit of the network, the settings and the data.

Each undo step holds the Session's state before and after one edit (``capture_state``), and
undoing puts the "before" back with ``restore_state``. The recorder keeps the state after the
last change it saw; training and rewinds move the network without being edits, so they only mark
that state stale, and it is captured afresh when the next edit starts (``edit_started`` comes
before the change). Dragging a slider sends many edits of one number: consecutive edits of the
same single parameter within a moment merge into one undo step, and so do all the edits of one
gesture (``Session.begin_gesture``: a drag on the plots, which may move a weight and a bias
together and pause as long as it likes). Opening a file or a lesson is
not an edit: it starts a new document with an empty stack (``document_replaced``).
"""
from __future__ import annotations

import time
from dataclasses import replace

import numpy as np
from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack

from reluplay.state.changes import ChangeKind, Edit, NetworkChange
from reluplay.state.session import Session, SessionState

#: Edits of one number closer together than this are one gesture (a drag, a held arrow key).
MERGE_SECONDS = 1.0
_VALUE_EDIT_ID = 1  # QUndoCommand.id() of single-number edits, the only ones that merge


def _same_network(a, b) -> bool:
    return (a.sizes == b.sizes
            and [lay.activation for lay in a.layers] == [lay.activation for lay in b.layers]
            and a.context == b.context
            and np.array_equal(a.params, b.params))


def same_state(a: SessionState, b: SessionState) -> bool:
    return (a.settings == b.settings and a.step == b.step
            and (a.task, a.classes, a.dataset) == (b.task, b.classes, b.dataset)
            and _same_network(a.network, b.network) and _same_network(a.origin, b.origin)
            and all(np.array_equal(getattr(a, f), getattr(b, f)) for f in ("x", "y", "test_x", "test_y")))


def changed_parameter(before: SessionState, after: SessionState) -> int | None:
    """The index of the one parameter an edit changed, if that is all it changed."""
    a, b = before.network, after.network
    if a.sizes != b.sizes or a.params.shape != b.params.shape:
        return None
    changed = np.flatnonzero(a.params != b.params)
    if changed.size != 1 or not same_state(replace(before, network=b, origin=after.origin, step=after.step), after):
        return None
    return int(changed[0])


class EditCommand(QUndoCommand):
    def __init__(self, recorder: UndoRecorder, before: SessionState, after: SessionState, text: str,
                 gesture: int = 0):
        super().__init__(text)
        self.recorder = recorder
        self.before, self.after = before, after
        self.parameter = changed_parameter(before, after)
        self.gesture = gesture
        self.time = time.monotonic()
        self._done = True  # pushed after the edit happened: the first redo() has nothing to do

    def id(self) -> int:  # noqa: A003 - Qt's name
        return _VALUE_EDIT_ID if self.parameter is not None or self.gesture else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not (isinstance(other, EditCommand) and other.gesture == self.gesture
                and same_state(self.after, other.before)):
            return False
        one_number = other.parameter is not None and other.parameter == self.parameter
        if not self.gesture and not (one_number and other.time - self.time <= MERGE_SECONDS):
            return False  # outside a gesture only quick edits of one number merge
        self.after, self.time = other.after, other.time
        self.setObsolete(same_state(self.before, self.after))  # dragged back to where it was
        return True

    def undo(self) -> None:
        self.recorder.apply(self.before)

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.recorder.apply(self.after)


class UndoRecorder(QObject):
    """Turns the Session's changes into undo steps on ``stack``."""

    def __init__(self, session: Session, stack: QUndoStack, parent=None):
        super().__init__(parent)
        self.session = session
        self.stack = stack
        self._last = session.capture_state()
        self._network_stale = False  # training moved the network since _last was captured
        self._applying = False
        self._edit: Edit | None = None  # the edit under way, announced by edit_started
        session.edit_started.connect(self._on_edit_started)
        session.network_changed.connect(self._on_network_changed)
        session.data_changed.connect(self._on_changed)
        session.settings_changed.connect(self._on_changed)
        session.document_replaced.connect(self._on_document_replaced)

    def apply(self, state: SessionState) -> None:
        """Put a state back (undo/redo) without recording that as a new edit."""
        self._applying = True
        try:
            self.session.restore_state(state)
        finally:
            self._applying = False
        self._last, self._network_stale = self.session.capture_state(), False

    @Slot()
    def _on_document_replaced(self) -> None:
        # Another file's states must never come back into this one: undoing past an Open
        # would show the old network under the new file's name, and Save would overwrite it.
        self.stack.clear()
        self._last, self._network_stale, self._edit = self.session.capture_state(), False, None

    @Slot(object)
    def _on_edit_started(self, edit: Edit) -> None:
        if self._applying:
            return
        if self._network_stale:  # the edit has not happened yet: this is the state before it
            self._last, self._network_stale = self.session.capture_state(), False
        self._edit = edit

    @Slot(object)
    def _on_network_changed(self, change: NetworkChange) -> None:
        if change.kind.moves_along_training:
            self._network_stale = True  # moving along training is not an edit (rewind has its slider)
            self._edit = None
        else:
            self._on_changed()

    @Slot()
    def _on_changed(self) -> None:
        if self._applying:
            return
        after = self.session.capture_state()
        if self._edit is not None and self._edit.kind is ChangeKind.REWIND:
            # Scrubbing into an older stretch of training brings back its settings: that is
            # moving along the history (the slider), not an edit to undo.
            self._last = after
            return
        # Settings can change while training runs, without edit_started: training moved only
        # the network and the step, so the state before is the current one with the old settings.
        before = replace(after, settings=self._last.settings) if self._network_stale else self._last
        self._last, self._network_stale = after, False
        if same_state(before, after):
            return  # the second signal of one edit (a file load changes everything at once)
        text = self._edit.description if self._edit is not None else "change training settings"
        gesture = self._edit.gesture if self._edit is not None else 0
        self._edit = None
        self.stack.push(EditCommand(self, before, after, text, gesture))
