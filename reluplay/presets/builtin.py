"""The lessons shipped with reluplay (resources/presets/*.json), found by name or slug."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..resources import resources_dir
from .io import read_preset_file

#: Lesson order for menus and `reluplay presets`: the story a class would follow.
#: Files not listed here come after these, by slug.
LESSON_ORDER = (
    "relu-in-action",
    "softplus-squiggle",
    "linear-in-disguise",
    "dead-unit",
    "leaky-vs-relu",
    "universal-approximation",
    "step-by-step",
    # Two inputs (the plane): made by tools/make_2d_lessons.py.
    "folding-the-plane",
    "bumps",
    "two-gaussians",
    "xor-with-two-units",
    "xor",
    "circle",
    "circle-with-squared-inputs",
    "depth-multiplies-pieces",
    "spiral",
    "three-gaussians",
)
#: The lessons with two inputs, in LESSON_ORDER.
LESSONS_2D = ("folding-the-plane", "bumps", "two-gaussians", "xor-with-two-units", "xor", "circle",
              "circle-with-squared-inputs", "depth-multiplies-pieces", "spiral", "three-gaussians")
DEFAULT_PRESET = "relu-in-action"


@dataclass(frozen=True)
class BuiltinPreset:
    slug: str
    name: str
    description: str
    path: Path
    #: 1 or 2 inputs, "regression" or "classification", classes (0 for regression): what the window will show.
    inputs: int = 1
    task: str = "regression"
    classes: int = 0


def slugify(name: str) -> str:
    """"ReLU in action" -> "relu-in-action": lower case, runs of other characters become '-'."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _files() -> list[Path]:
    folder = resources_dir() / "presets"
    files = {p.stem: p for p in folder.glob("*.json") if p.is_file()}
    ordered = [files.pop(slug) for slug in LESSON_ORDER if slug in files]
    return ordered + [files[slug] for slug in sorted(files)]


def builtin_slugs() -> list[str]:
    return [p.stem for p in _files()]


def builtin_presets() -> list[BuiltinPreset]:
    """Every built-in lesson, in teaching order (each file is read and validated)."""
    records = []
    for path in _files():
        preset = read_preset_file(path)
        records.append(BuiltinPreset(path.stem, preset.name, preset.description, path, preset.n_inputs,
                                     preset.task, preset.classes))
    return records


def find_builtin(name_or_slug: str) -> Path | None:
    """The file of a built-in lesson given its slug, file name or display name (any case)."""
    wanted = slugify(str(name_or_slug).removesuffix(".json"))
    if not wanted:
        return None
    for path in _files():
        if path.stem == wanted:
            return path
    return None


def builtin_path(name_or_slug: str) -> Path:
    """Like find_builtin, but an unknown name is an error that lists the known ones."""
    from .errors import PresetError

    path = find_builtin(name_or_slug)
    if path is None:
        raise PresetError(f"no built-in preset by that name (built-ins: {', '.join(builtin_slugs())})", name_or_slug)
    return path
