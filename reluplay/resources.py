"""Where the shipped files (built-in presets, icon) are, installed or in a source tree."""
from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resources_dir() -> Path:
    """``reluplay/resources`` inside an installed wheel, else ``resources/`` of the source tree."""
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if (candidate / "presets").is_dir():
            return candidate
    raise FileNotFoundError("reluplay's resources folder is missing; reinstall the package")


def resource_path(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
