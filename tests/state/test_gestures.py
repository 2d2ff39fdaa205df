"""A gesture (a drag on the plots) is one undo step, however many numbers it moves and however long it lasts."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtGui import QUndoStack

from reluplay.presets import load_preset
from reluplay.state import undo
from reluplay.state.session import Session
from reluplay.state.undo import MERGE_SECONDS, UndoRecorder


@pytest.fixture
def recorded(qapp, monkeypatch):
    """A session of the dosage lesson, its undo stack, and a clock the test moves."""
    clock = [100.0]
    monkeypatch.setattr(undo.time, "monotonic", lambda: clock[0])
    session = Session(load_preset("relu-in-action"))
    stack = QUndoStack()
    recorder = UndoRecorder(session, stack)
    yield session, stack, clock
    del recorder
    stack.deleteLater()
    session.deleteLater()


def test_a_gesture_that_moves_a_weight_and_a_bias_for_long_is_one_undo_step(recorded):
    session, stack, clock = recorded
    before = session.network.params.copy()
    session.begin_gesture("drag unit A's weight")
    for w in (1.8, 1.9, 2.0):
        session.set_weight(0, 0, 0, w)
        session.set_bias(0, 0, -w * 0.5)  # the kink stays at 0.5
        clock[0] += 2 * MERGE_SECONDS  # the hand rests between moves
    session.end_gesture()
    assert stack.count() == 1 and stack.undoText() == "drag unit A's weight"
    stack.undo()
    assert np.array_equal(session.network.params, before)
    stack.redo()
    assert session.network.layers[0].weights[0, 0] == 2.0 and session.network.layers[0].biases[0] == -1.0


def test_the_next_gesture_and_the_next_edit_are_steps_of_their_own(recorded):
    session, stack, _clock = recorded
    session.set_bias(0, 0, -0.9)  # a typed number just before the drag
    for value in (-1.0, -1.1):  # two drags of the same number, at once
        session.begin_gesture("drag unit A's kink")
        session.set_bias(0, 0, value)
        session.end_gesture()
    session.set_bias(0, 0, -1.2)  # and a typed one just after
    assert stack.count() == 4
    assert [stack.text(i) for i in range(4)][1:3] == ["drag unit A's kink"] * 2


def test_a_gesture_dragged_back_to_where_it_began_leaves_no_step(recorded):
    session, stack, _clock = recorded
    session.begin_gesture("drag unit B's output weight")
    session.set_output_weight(1, 3.0)
    session.set_output_weight(1, 2.7)
    session.end_gesture()
    assert stack.count() == 0
