"""Lesson presets: the JSON file format, its validation and migration, load/save, built-ins.

NumPy and the standard library only: no Qt, so the CLI and tests can use it headless.
"""
from ..core import MAX_DATA_POINTS, MAX_HIDDEN_LAYERS, MAX_UNITS_PER_LAYER
from .builtin import DEFAULT_PRESET, LESSON_ORDER, BuiltinPreset, builtin_path, builtin_presets, find_builtin, slugify
from .csv_data import MAX_CSV_BYTES, csv_points_text, parse_csv_points, read_csv_points, write_csv_points
from .errors import PresetError
from .io import preset_from_json, preset_to_json, read_preset_file, save_preset
from .library import load_preset
from .limits import MAX_DESCRIPTION_CHARS, MAX_FILE_BYTES, MAX_NAME_CHARS
from .migrate import MIGRATIONS, file_version, migrate
from .model import FASTEST, PANELS, SLOW_START, Preset, Teaching, ViewRange
from .schema import FORMAT, SCHEMA_VERSION, preset_from_dict
from .schema_write import preset_to_dict

__all__ = [
    "MAX_CSV_BYTES", "csv_points_text", "parse_csv_points", "read_csv_points", "write_csv_points",
    "BuiltinPreset", "DEFAULT_PRESET", "FORMAT", "LESSON_ORDER", "MAX_DATA_POINTS", "MAX_DESCRIPTION_CHARS",
    "MAX_FILE_BYTES", "MAX_HIDDEN_LAYERS", "MAX_NAME_CHARS", "MAX_UNITS_PER_LAYER", "MIGRATIONS", "Preset",
    "PresetError", "SCHEMA_VERSION", "ViewRange", "builtin_path", "builtin_presets", "file_version",
    "find_builtin", "load_preset", "migrate", "preset_from_dict", "preset_from_json", "preset_to_dict",
    "preset_to_json", "read_preset_file", "save_preset", "slugify",
    "FASTEST", "PANELS", "SLOW_START", "Teaching",
]
