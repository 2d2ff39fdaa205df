"""Reading and writing preset files: bytes -> JSON -> migrated dict -> validated Preset, and back.

JSON only (never pickle, never eval). Every failure, from a missing file to a NaN deep in a
weight matrix, becomes one PresetError naming the file and the field.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

from .errors import DATA_SOURCE, PresetError
from .files import read_limited, write_atomically
from .limits import MAX_FILE_BYTES
from .migrate import migrate
from .model import Preset
from .schema import DEFAULT_NAME, preset_from_dict
from .schema_write import preset_to_dict

#: Saved files wrap numeric lists at this width so short arrays stay on one line.
LINE_WIDTH = 100


# --- parsing ---------------------------------------------------------------------------------

def preset_from_json(raw: bytes | str, source: str = DATA_SOURCE, default_name: str = DEFAULT_NAME) -> Preset:
    """A Preset from the bytes (or text) of a preset file; PresetError if anything is wrong."""
    source = str(source)
    if isinstance(raw, (bytes, bytearray)):
        if len(raw) > MAX_FILE_BYTES:
            raise PresetError(f"file is larger than the {MAX_FILE_BYTES // 1024 ** 2} MB limit for presets", source)
        try:
            # utf-8-sig: editors on Windows may put a byte-order mark in front; it is harmless.
            text = bytes(raw).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            bad = raw[exc.start]
            raise PresetError(f"not UTF-8 text (byte 0x{bad:02x} at offset {exc.start})", source) from None
    elif isinstance(raw, str):
        text = raw
        if len(text) > MAX_FILE_BYTES:
            raise PresetError(f"text is larger than the {MAX_FILE_BYTES // 1024 ** 2} MB limit for presets", source)
    else:
        raise TypeError(f"expected bytes or str, got {type(raw).__name__}")
    repeated: list[bool] = []
    try:
        data = json.loads(text, object_pairs_hook=lambda pairs: _object_once(pairs, repeated))
    except json.JSONDecodeError as exc:
        raise PresetError(f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}", source) from None
    except RecursionError:
        raise PresetError("invalid preset: lists or objects are nested too deeply", source) from None
    except ValueError as exc:  # e.g. an integer with more digits than Python will convert
        raise PresetError(f"invalid JSON: {exc}", source) from None
    if repeated:
        field, key = _first_repeated_key(data)
        raise PresetError(f"the key {key!r} appears more than once in this object; keep one", source, field)
    try:
        data = migrate(data)
    except PresetError as exc:
        raise exc.with_source(source) from None
    return preset_from_dict(data, source, default_name)


class _RepeatedKey(dict):
    """A JSON object that names a key twice (``json`` would silently keep the last value)."""

    key = ""


def _object_once(pairs: list, repeated: list) -> dict:
    obj = dict(pairs)
    if len(obj) == len(pairs):
        return obj
    seen = set()
    marked = _RepeatedKey(obj)
    for key, _ in pairs:
        if key in seen:
            marked.key = key
            break
        seen.add(key)
    repeated.append(True)
    return marked


def _first_repeated_key(data) -> tuple[str, str]:
    """(field path, key) of the first repeated key in file order, as ``training.l2``."""
    stack = [(data, "")]
    while stack:  # a loop, not recursion: nesting as deep as json accepts must not overflow
        value, path = stack.pop()
        if isinstance(value, _RepeatedKey):
            return (f"{path}.{value.key}" if path else value.key), value.key
        if isinstance(value, dict):
            children = [(v, f"{path}.{k}" if path else k) for k, v in value.items()]
        else:
            children = [(v, f"{path}[{i}]") for i, v in enumerate(value)]
        stack.extend(reversed([c for c in children if isinstance(c[0], (dict, list))]))
    return "", ""


def read_preset_file(path: str | Path) -> Preset:
    """Load and validate one preset file. The error names the path as it was given."""
    source = str(path)
    raw = read_limited(path, MAX_FILE_BYTES, "preset")
    # A file name that is not UTF-8 holds lone surrogates on Linux: shown as "?" in the title.
    stem = Path(path).stem.encode("utf-8", "replace").decode("utf-8")
    return preset_from_json(raw, source, default_name=stem or DEFAULT_NAME)


# --- writing ---------------------------------------------------------------------------------

def _scalar(value) -> str:
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, float):
        if not math.isfinite(value):  # JSON has no NaN or Infinity; the validator prevents this
            raise ValueError(f"cannot write the non-finite number {value!r}")
        return repr(value)  # shortest text that reads back as exactly the same float
    if isinstance(value, int):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


def _is_flat(value) -> bool:
    return isinstance(value, list) and not any(isinstance(v, (list, dict)) for v in value)


def _dump(value, depth: int) -> str:
    pad = "  " * (depth + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{pad}{json.dumps(k, ensure_ascii=False)}: {_dump(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + "  " * depth + "}"
    if not isinstance(value, list):
        return _scalar(value)
    if not value:
        return "[]"
    if all(_is_flat(v) or not isinstance(v, (list, dict)) for v in value):
        # Numbers, or rows of numbers: one line if it fits, else as many items per line as fit.
        parts = [_dump(v, depth + 1) if isinstance(v, list) else _scalar(v) for v in value]
        inline = "[" + ", ".join(parts) + "]"
        if len(inline) + len(pad) <= LINE_WIDTH and "\n" not in inline:
            return inline
        if all(len(p) + len(pad) < LINE_WIDTH and "\n" not in p for p in parts):
            lines, line = [], ""
            for part in parts:
                if line and len(pad) + len(line) + len(part) + 3 > LINE_WIDTH:
                    lines.append(line + ",")
                    line = ""
                line = f"{line}, {part}" if line else part
            lines.append(line)
            return "[\n" + "\n".join(pad + ln for ln in lines) + "\n" + "  " * depth + "]"
    items = [pad + _dump(v, depth + 1) for v in value]
    return "[\n" + ",\n".join(items) + "\n" + "  " * depth + "]"


def preset_to_json(preset: Preset, source: str = DATA_SOURCE) -> str:
    """The preset as pretty JSON (indent 2, short arrays on one line, exact float round-trip).

    The dict is validated first, so what is written will always load again; MAX_FILE_BYTES
    follows from the schema's limits, and the check here keeps that promise if they change.
    """
    data = preset_to_dict(preset)
    preset_from_dict(data, source)
    text = _dump(data, 0) + "\n"
    if len(text) * 4 > MAX_FILE_BYTES and len(text.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES:
        raise PresetError(f"the preset would be larger than the {MAX_FILE_BYTES // 1024 ** 2} MB limit for presets",
                          source)
    return text


def save_preset(preset: Preset, path: str | Path) -> Path:
    """Write atomically: a temporary file in the same folder, then a rename over the target.

    A reader (or a crash) sees either the old file or the new one, never half of one. On any
    failure the old file is left as it was and a PresetError names the path.
    """
    source = str(path)
    text = preset_to_json(preset, source)
    return write_atomically(path, text, "preset", "lesson.json")
