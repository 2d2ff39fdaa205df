"""Small typed readers for the dict that ``json.loads`` made: each returns the value or raises a
PresetError naming the field (schema.py and the version-2 fields in schema_2d.py use them)."""
from __future__ import annotations

import math
from typing import Any

import numpy as np

from .errors import PresetError


def type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    return {dict: "an object", list: "a list", str: "a string", int: "a number", float: "a number"}.get(
        type(value), type(value).__name__
    )


def obj(value: Any, field: str, known: tuple[str, ...]) -> dict:
    if not isinstance(value, dict):
        raise PresetError(f"expected an object, got {type_name(value)}", field=field)
    for key in value:
        if key not in known:
            where = f"{field}.{key}" if field else str(key)
            raise PresetError(f"unknown field (known here: {', '.join(known)})", field=where)
    return value


def number(value: Any, field: str, limit: float | None = None) -> float:
    """A finite JSON number (within ±limit). ``true``/``false`` are not numbers, even though Python says so."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PresetError(f"expected a number, got {type_name(value)}", field=field)
    try:
        result = float(value)
    except OverflowError:
        result = math.inf
    if not math.isfinite(result):
        shown = "NaN" if result != result else "a number too large to use" if isinstance(value, int) else str(value)
        raise PresetError(f"expected a finite number, got {shown}", field=field)
    if limit is not None and abs(result) > limit:
        raise PresetError(f"{result!r} is beyond the limit of ±{limit:g}", field=field)
    return result


def integer(value: Any, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        shown = repr(value) if isinstance(value, float) else type_name(value)
        raise PresetError(f"expected a whole number, got {shown}", field=field)
    if not low <= value <= high:
        raise PresetError(f"expected a whole number from {low} to {high}, got {value}", field=field)
    return value


def string(value: Any, field: str, max_chars: int) -> str:
    if not isinstance(value, str):
        raise PresetError(f"expected a string, got {type_name(value)}", field=field)
    if len(value) > max_chars:
        raise PresetError(f"at most {max_chars} characters, got {len(value)}", field=field)
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:  # JSON allows "\ud800", but it is no character: it cannot be shown or saved
        raise PresetError(f"character {exc.start + 1} is {value[exc.start]!r}, half of a UTF-16 pair, "
                          "not a valid Unicode character", field=field) from None
    return value


def numbers(value: Any, field: str, max_len: int, what: str = "numbers", limit: float | None = None) -> np.ndarray:
    if not isinstance(value, list):
        raise PresetError(f"expected a list of {what}, got {type_name(value)}", field=field)
    if len(value) > max_len:
        raise PresetError(f"at most {max_len} {what}, got {len(value)}", field=field)
    return np.array([number(v, f"{field}[{i}]", limit) for i, v in enumerate(value)], dtype=float)
