"""What a teaching feature adds to the window, declared, so the window places it.

A feature module offers ``build(window) -> (feature, Parts)``: it makes its actions, docks and
toolbars from the window's declared parts (session, controller, plots, shared actions...) and
returns them here. The window puts each part where it belongs: menu entries in their menu and
section, toolbar actions after the window's own, docks in their area. Nothing is attached to
the window from outside, nothing is found by its label, and the order features are built in
does not change where anything ends up.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QToolBar, QWidget


class Menu(Enum):
    FILE = "file"
    EDIT = "edit"
    TRAINING = "training"
    VIEW = "view"
    DATA = "data"
    LESSON = "lesson"
    HELP = "help"


class Section(Enum):
    """Where in its menu an entry goes; within a section, entries keep their feature's order."""

    TOP = 0  # before the window's own entries (Edit → Undo, Redo)
    MAIN = 1  # after the window's own entries
    FILES = 2  # File menu: data files and exports, between Save As and Quit
    LAST = 3  # the end of the menu (View → presentation, Help → About)


@dataclass(frozen=True)
class MenuEntry:
    menu: Menu
    item: QAction | QMenu | None  # None: a separator
    section: Section = Section.MAIN


@dataclass(frozen=True)
class ToolbarPart:
    bar: QToolBar
    area: Qt.ToolBarArea = Qt.ToolBarArea.TopToolBarArea
    visible: bool = True  # presentation mode's own bar waits for F5


@dataclass(frozen=True)
class DockPart:
    dock: QDockWidget
    area: Qt.DockWidgetArea = Qt.DockWidgetArea.BottomDockWidgetArea
    #: The toggle goes into View and the toolbar; the dock starts hidden (the plots come first).
    toggle: QAction | None = None
    #: A dock of the window's own (its object name) to share a place with, as a tab: the plots keep
    #: their width. Only for docks outside the bottom area.
    tab_with: str = ""


@dataclass
class Parts:
    menu_entries: list[MenuEntry] = field(default_factory=list)
    #: Added to the main toolbar, each feature's group after a separator.
    toolbar_actions: list[QAction] = field(default_factory=list)
    toolbars: list[ToolbarPart] = field(default_factory=list)
    docks: list[DockPart] = field(default_factory=list)
    status_widgets: list[QWidget] = field(default_factory=list)
    #: Window-wide shortcuts with no menu entry (Esc, Delete on the plots).
    window_actions: list[QAction] = field(default_factory=list)

    def add_menu(self, menu: Menu, *items: QAction | QMenu | None, section: Section = Section.MAIN) -> None:
        """Entries for one menu; None between two of them is a separator."""
        self.menu_entries += [MenuEntry(menu, item, section) for item in items]
