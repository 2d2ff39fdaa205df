"""Where the features' parts go in the window: menus, the main toolbar, toolbars, docks, status widgets.

The window (main_window.py) says what its own entries are; these put them first and then each
feature's declared parts (ui/features/parts.py) in their menu section, toolbar group or dock area,
so the order the features are built in does not change where anything ends up.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar

from reluplay.ui import palette
from reluplay.ui.features.parts import Menu, Parts, Section
from reluplay.ui.panels.docks import DOCK_HEIGHT

MENU_TITLES = {Menu.FILE: "&File", Menu.EDIT: "&Edit", Menu.TRAINING: "&Training", Menu.VIEW: "&View",
               Menu.DATA: "&Data", Menu.LESSON: "&Lesson", Menu.HELP: "&Help"}


def fill_menus(window: QMainWindow, own: dict[Menu, list], parts: list[Parts],
               quit_action: QAction) -> dict[str, QMenu]:
    """The menu bar: in each menu the window's ``own`` entries (None: a separator) in the MAIN
    section among the features' entries; Quit ends File. Returns the menus by Menu value."""
    menus = {}
    for menu in Menu:
        groups = []
        for section in Section:
            if section is Section.MAIN:
                groups.append(own.get(menu, []))
            groups += [[e.item for e in p.menu_entries if e.menu is menu and e.section is section] for p in parts]
        if menu is Menu.FILE:
            groups.append([quit_action])
        menus[menu.value] = _filled_menu(window, MENU_TITLES[menu], groups)
    return menus


def _filled_menu(window: QMainWindow, title: str, groups: list[list]) -> QMenu:
    menu = window.menuBar().addMenu(title)
    for group in (g for g in groups if g):
        if menu.actions() and not menu.actions()[-1].isSeparator():
            menu.addSeparator()
        for item in group:
            if item is None:
                if menu.actions() and not menu.actions()[-1].isSeparator():
                    menu.addSeparator()
            elif isinstance(item, QMenu):
                menu.addMenu(item)
            else:
                menu.addAction(item)
    return menu


def main_toolbar(window: QMainWindow, own: list[list[QAction]], parts: list[Parts]) -> QToolBar:
    """The window's own action groups, then each feature's, then the dock toggles; separated."""
    bar = QToolBar("Main")
    bar.setObjectName("main_toolbar")
    bar.setMovable(False)
    bar.setFont(palette.font(palette.APP_POINT_SIZE))
    groups = own + [p.toolbar_actions for p in parts] + [[d.toggle for p in parts for d in p.docks if d.toggle]]
    for group in (g for g in groups if g):
        if bar.actions():
            bar.addSeparator()
        for action in group:
            bar.addAction(action)
    window.addToolBar(bar)
    return bar


def place_features(window: QMainWindow, parts: list[Parts]) -> BottomDocks:
    """The features' own toolbars, status widgets, window-wide actions and docks (all hidden at first)."""
    for p in parts:
        for toolbar in p.toolbars:
            window.addToolBar(toolbar.area, toolbar.bar)
            toolbar.bar.setVisible(toolbar.visible)
        for widget in p.status_widgets:
            window.statusBar().addPermanentWidget(widget)
        for action in p.window_actions:
            window.addAction(action)
    bottom = Qt.DockWidgetArea.BottomDockWidgetArea
    bottom_docks = BottomDocks(window, [d.dock for p in parts for d in p.docks if d.area == bottom])
    for part in (d for p in parts for d in p.docks if d.area != bottom):  # beside the plots
        window.addDockWidget(part.area, part.dock, Qt.Orientation.Horizontal)
        shared = window.findChild(QDockWidget, part.tab_with) if part.tab_with else None
        if shared is not None:
            window.tabifyDockWidget(shared, part.dock)
        part.dock.hide()
    return bottom_docks


class BottomDocks:
    """Under the plots, side by side, hidden until asked for: the plots are what the class watches."""

    def __init__(self, window: QMainWindow, docks: list[QDockWidget]):
        # The bottom corners belong to the side panels: the docks sit under the plots only, and the
        # window keeps its size (a full-width dock would squeeze the training panel's loss plot).
        window.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)
        window.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.RightDockWidgetArea)
        self._window = window
        self.docks = list(docks)
        for i, dock in enumerate(docks):
            if i == 0:
                window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
            else:
                window.splitDockWidget(docks[i - 1], dock, Qt.Orientation.Horizontal)
            dock.hide()
            dock.visibilityChanged.connect(lambda visible, d=dock: self._size_dock(d, visible))

    def _size_dock(self, dock: QDockWidget, visible: bool) -> None:
        if visible and not dock.property("sized"):
            dock.setProperty("sized", True)
            self._window.resizeDocks([dock], [DOCK_HEIGHT], Qt.Orientation.Vertical)
            # Side by side (the step-by-step lesson opens both): an even share each, not whatever
            # width the first one had taken; once the layout has placed the new dock.
            QTimer.singleShot(0, self._window, self._share_width)

    def _share_width(self) -> None:
        shown = [d for d in self.docks if d.isVisible() and not d.isFloating()]
        if len(shown) > 1:
            width = sum(d.width() for d in shown) // len(shown)
            self._window.resizeDocks(shown, [width] * len(shown), Qt.Orientation.Horizontal)
