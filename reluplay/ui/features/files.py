"""File menu behaviour: Open, Save, Save As, the examples gallery, recent files, unsaved changes.

A file that cannot be read or saved shows one message naming the file and the field, and the
current network stays as it was (the preset is fully validated before the Session sees it).
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from reluplay.presets import MAX_NAME_CHARS, PresetError, builtin_presets, load_preset, save_preset, slugify
from reluplay.state.session import Session

MAX_RECENT_FILES = 8
FILE_FILTER = "reluplay presets (*.json);;All files (*)"


class RecentFiles:
    """Most recent first, stored in the user's settings (an INI file, so tests can redirect it)."""

    KEY = "recent_files"

    def __init__(self, settings: QSettings | None = None):
        self._settings = settings or QSettings(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                                               "reluplay", "reluplay")

    def paths(self) -> list[str]:
        value = self._settings.value(self.KEY, [])
        if isinstance(value, str):  # QSettings returns a lone string for a one-item list
            value = [value]
        return [str(v) for v in value or []]

    def add(self, path: str | Path) -> None:
        path = str(Path(path).resolve())
        paths = [path] + [p for p in self.paths() if p != path]
        self._settings.setValue(self.KEY, paths[:MAX_RECENT_FILES])

    def remove(self, path: str) -> None:
        self._settings.setValue(self.KEY, [p for p in self.paths() if p != path])


class FileActions(QObject):
    def __init__(self, session: Session, window: QWidget, recent: RecentFiles | None = None):
        super().__init__(window)
        self._session = session
        self._window = window
        self.recent = recent or RecentFiles()
        #: Called just before a save: features put what the window shows (view, panels) into the lesson.
        self.before_save: list[Callable[[], None]] = []
        self.open_action = _action("&Open…", self, "Ctrl+O", self.open_dialog)
        self.save_action = _action("&Save", self, "Ctrl+S", self.save)
        self.save_as_action = _action("Save &As…", self, "Ctrl+Shift+S", self.save_as)
        self.gallery_action = _action("Examples &gallery…", self, "Ctrl+E", self.show_gallery)
        self.examples_menu = QMenu("&Examples", window)
        self.recent_menu = QMenu("Open &Recent", window)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_examples_menu()

    # --- opening ------------------------------------------------------------------------------
    @Slot()
    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        start = str(self._session.path.parent) if self._session.path else ""
        path, _ = QFileDialog.getOpenFileName(self._window, "Open a preset", start, FILE_FILTER)
        if path:
            self.open_path(path, ask_to_save=False)

    def open_path(self, path: str | Path, ask_to_save: bool = True, builtin: bool = False) -> bool:
        """Open a preset file (or a built-in lesson). False, with a message, if it could not be read."""
        if ask_to_save and not self.maybe_save():
            return False
        try:
            preset = load_preset(Path(path) if not builtin else str(path))
        except PresetError as exc:
            QMessageBox.warning(self._window, "Cannot open preset",
                                f"{exc}\n\nThe current network was kept unchanged.")
            return False
        # A built-in lesson opens as a new, unsaved document: saving must not overwrite the shipped file.
        self._session.load(preset, None if builtin else path)
        if not builtin:
            self.recent.add(path)
        return True

    def _fill_examples_menu(self) -> None:
        self.examples_menu.clear()
        try:
            lessons = builtin_presets()
        except PresetError as exc:  # a broken installation: say so, but keep the app usable
            self.examples_menu.addAction(f"(examples unavailable: {exc})").setEnabled(False)
            return
        for lesson in lessons:
            action = self.examples_menu.addAction(lesson.name)
            action.setStatusTip(lesson.description[:160])
            action.setToolTip(lesson.description)
            action.triggered.connect(lambda _=False, p=lesson.path: self.open_path(p, builtin=True))
        self.examples_menu.addSeparator()
        self.examples_menu.addAction(self.gallery_action)

    @Slot()
    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        paths = self.recent.paths()
        if not paths:
            self.recent_menu.addAction("(no recent files)").setEnabled(False)
        for path in paths:
            action = self.recent_menu.addAction(Path(path).name)
            action.setStatusTip(path)
            action.triggered.connect(lambda _=False, p=path: self._open_recent(p))

    def _open_recent(self, path: str) -> None:
        if not Path(path).exists():
            self.recent.remove(path)
        self.open_path(path)

    @Slot()
    def show_gallery(self) -> None:
        from reluplay.ui.features.gallery import GalleryDialog

        dialog = GalleryDialog(self._window)
        if dialog.exec() and dialog.chosen_path is not None:
            self.open_path(dialog.chosen_path, builtin=dialog.chosen_is_builtin)

    # --- saving ---------------------------------------------------------------------------------
    @Slot()
    def save(self) -> bool:
        if self._session.path is None:
            return self.save_as()
        return self.save_to(self._session.path)

    @Slot()
    def save_as(self) -> bool:
        from reluplay.state.user_presets import (
            user_presets_dir,  # new presets go where the gallery lists them
        )
        start = str(self._session.path or user_presets_dir(create=True) / f"{self._session.name or 'preset'}.json")
        path, _ = QFileDialog.getSaveFileName(self._window, "Save preset", start, FILE_FILTER)
        if not path:
            return False
        if not Path(path).suffix:
            path += ".json"
        return self.save_to(path)

    def save_to(self, path: str | Path) -> bool:
        for store in self.before_save:
            store()
        start_of_run = self._ask_which_start()
        if start_of_run is None:
            return False
        preset = self._session.to_preset(start_of_run=start_of_run)
        # Saving over the lesson's own file keeps its name; a new file is a copy, named as such.
        current = self._session.path
        own_name = None if current is not None and _same_file(current, Path(path)) else \
            name_for_copy(preset.name, Path(path))
        if own_name is not None:
            preset.name = own_name
        try:
            save_preset(preset, path)
        except (PresetError, OSError) as exc:
            QMessageBox.warning(self._window, "Cannot save preset", f"{exc}\n\nNothing was changed on disk.")
            return False
        if own_name is not None:
            s = self._session
            s.set_lesson_text(own_name, s.description, s.teaching.notes, s.teaching.questions)
        self._session.mark_saved(path)
        self.recent.add(path)
        return True

    def _ask_which_start(self) -> bool | None:
        """After training, the lesson may start from the trained network or from where training
        began. True: where it began; False: the trained network; None: the teacher cancelled."""
        step = self._session.step
        if step == 0:
            return False
        answer = QMessageBox.question(
            self._window, "Which network does the lesson start from?",
            f"The network has been trained for {step:,} steps.\n\n"
            f"Yes: the lesson starts from the trained network (step {step:,}).\n"
            "No: the lesson starts from where this training began (step 0), so the class can train it.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Cancel:
            return None
        return answer == QMessageBox.StandardButton.No

    def maybe_save(self) -> bool:
        """Offer to save unsaved changes; False if the user cancelled (stay where we are)."""
        if not self._session.dirty:
            return True
        answer = QMessageBox.question(
            self._window, "Unsaved changes",
            f"“{self._session.name}” has changes that are not saved. Save them first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard


def name_for_copy(name: str, path: Path) -> str | None:
    """A built-in lesson saved as the user's own file gets a name of its own, so the gallery does not
    list a second "Universal approximation": the file's name if it was given one, else "… (my copy)".
    None: the name may stay."""
    try:
        builtin = {lesson.name: lesson.path for lesson in builtin_presets()}
    except PresetError:
        return None
    if name not in builtin or _same_file(builtin[name], path):
        return None
    stem = path.stem.encode("utf-8", "replace").decode("utf-8")
    if stem and slugify(stem) != slugify(name) and len(stem) <= MAX_NAME_CHARS:
        return stem
    return f"{name} (my copy)"


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symlink loop (the save then says what is wrong)
        return a == b


def _action(text: str, parent: QObject, shortcut: str, slot) -> QAction:
    action = QAction(text, parent)
    action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    return action
