"""Edit → Undo / Redo (Ctrl+Z, Ctrl+Shift+Z): the window's side of the undo recorder in state/undo.py."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence, QUndoStack

from reluplay.state.undo import UndoRecorder
from reluplay.ui.features.parts import Menu, Parts, Section

if TYPE_CHECKING:
    from reluplay.ui.main_window import MainWindow

UNDO_LIMIT = 200


@dataclass(frozen=True)
class Undo:
    stack: QUndoStack
    recorder: UndoRecorder
    undo_action: QAction
    redo_action: QAction


def build(window: MainWindow) -> tuple[Undo, Parts]:
    stack = QUndoStack(window)
    stack.setUndoLimit(UNDO_LIMIT)
    recorder = UndoRecorder(window.session, stack, parent=window)
    undo_action = stack.createUndoAction(window, "&Undo")
    undo_action.setShortcut(QKeySequence("Ctrl+Z"))
    redo_action = stack.createRedoAction(window, "&Redo")
    redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    parts = Parts()
    parts.add_menu(Menu.EDIT, undo_action, redo_action, section=Section.TOP)
    return Undo(stack, recorder, undo_action, redo_action), parts
