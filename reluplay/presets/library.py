"""The one place that turns what a user typed into a lesson: a file path, or a built-in lesson's name.

io.py reads and writes files and builtin.py lists the shipped lessons (reading them with io);
this module sits above both, so neither imports the other back.
"""
from __future__ import annotations

import os
from pathlib import Path

from .builtin import builtin_slugs, find_builtin
from .errors import PresetError
from .io import read_preset_file
from .model import Preset


def load_preset(source: str | Path) -> Preset:
    """A preset from a file path or a built-in lesson's name or slug ("ReLU in action", "dead-unit")."""
    if isinstance(source, Path) or _exists(source):
        return read_preset_file(source)
    found = find_builtin(source)
    if found is not None:
        return read_preset_file(found)
    if source.endswith(".json") or "/" in source or os.sep in source:
        return read_preset_file(source)  # reports "no such file"
    raise PresetError(
        f"no such file, and no built-in preset by that name (built-ins: {', '.join(builtin_slugs())})", source
    )


def _exists(source: str) -> bool:
    try:
        return Path(source).exists()
    except OSError:  # a name too long for the system, say: read_preset_file words the error
        return True
