"""Edit → Undo / Redo (Ctrl+Z, Ctrl+Shift+Z): the window's side of the undo recorder in state/undo.py."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence, QUndoStack

from reluplay.state.undo import UndoRecorder

if TYPE_CHECKING:
    from reluplay.ui.main_window import MainWindow

UNDO_LIMIT = 200


def install(window: "MainWindow") -> None:
    stack = QUndoStack(window)
    stack.setUndoLimit(UNDO_LIMIT)
    window.undo_stack = stack
    window.undo_recorder = UndoRecorder(window.session, stack, parent=window)
    undo_action = stack.createUndoAction(window, "&Undo")
    undo_action.setShortcut(QKeySequence("Ctrl+Z"))
    redo_action = stack.createRedoAction(window, "&Redo")
    redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    window.undo_action, window.redo_action = undo_action, redo_action
    menu = window.menus["edit"]
    first = menu.actions()[0] if menu.actions() else None
    menu.insertAction(first, undo_action)
    menu.insertAction(first, redo_action)
    if first is not None:
        menu.insertSeparator(first)
