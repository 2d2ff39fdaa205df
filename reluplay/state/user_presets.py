"""The user's own presets: a per-user folder (QStandardPaths), listed beside the built-in lessons.

Linux: ~/.local/share/reluplay/presets; Windows: %LOCALAPPDATA%/reluplay/presets; macOS:
~/Library/Application Support/reluplay/presets
(QStandardPaths' generic data folder). It is created when first needed, not at start.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QStandardPaths

from reluplay.presets import PresetError, load_preset

MAX_LISTED = 200  # a folder of thousands of files must not stall the gallery


@dataclass(frozen=True)
class UserPreset:
    path: Path
    name: str
    description: str


def user_presets_dir(create: bool = False) -> Path:
    # The generic data folder plus our own name, not AppDataLocation: that one is named after
    # whichever QApplication exists (a test runner's, an embedding app's), not after reluplay.
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    folder = (Path(base) / "reluplay" if base else Path.home() / ".reluplay") / "presets"
    if create:
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError:
            pass  # a read-only home: Save As still works, it just starts elsewhere
    return folder


def user_presets() -> list[UserPreset]:
    """The presets in the user's folder, by name; unreadable files are listed with the reason."""
    folder = user_presets_dir()
    try:
        files = sorted(folder.glob("*.json"))[:MAX_LISTED]
    except OSError:
        return []
    found = []
    for path in files:
        try:
            preset = load_preset(path)
            found.append(UserPreset(path, preset.name or path.stem, preset.description))
        except PresetError as exc:
            found.append(UserPreset(path, path.stem, f"This file cannot be opened: {exc}"))
    return found
