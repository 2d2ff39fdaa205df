"""Older preset files are brought up to the current schema, one version step at a time.

``MIGRATIONS[n]`` turns a version-n dict into a version-(n+1) dict. Adding schema version 3
means: bump ``schema.SCHEMA_VERSION``, teach ``schema.py`` (reading) and ``schema_write.py``
(writing) the new fields, and register ``MIGRATIONS[2] = _v2_to_v3`` here; every older file then
walks the chain on load.

Version 2 (two inputs, classification) only added fields, each with a default that means what
version 1 meant (one input "x", task "regression", loss "mse"): a version-1 file is a version-2
file as it stands.

Version 0 is the prototype format, written before the file had a ``schema_version``: one
hidden layer under ``"hidden"`` (weights as a flat list, one per unit, since there is one
input), the output unit under ``"output"`` (flat weights and a single ``"bias"``), and the
training settings and view ranges as top-level keys. See docs/PRESET_FORMAT.md.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .errors import PresetError
from .schema import FORMAT, SCHEMA_VERSION, _object, _type_name, number

_V0_FIELDS = (
    "format", "schema_version", "name", "description", "hidden", "output", "leaky_slope",
    "relu_grad_at_zero", "data", "optimizer", "learning_rate", "batch_size", "l2", "seed",
    "x_range", "y_range",
)
_V0_TRAINING = ("optimizer", "learning_rate", "batch_size", "l2", "seed")


def file_version(data: Any) -> int:
    """The schema version a parsed file claims (0 for the prototype format)."""
    if not isinstance(data, dict):
        raise PresetError(f"expected an object at the top of the file, got {_type_name(data)}")
    if "schema_version" not in data:
        if "hidden" in data or "output" in data:
            return 0
        if data.get("format") == FORMAT or "network" in data:
            raise PresetError("missing (expected a whole number such as 1)", field="schema_version")
        raise PresetError("missing: this is not a reluplay preset (expected 'reluplay-preset')", field="format")
    version = data["schema_version"]
    if isinstance(version, bool) or not isinstance(version, int):
        shown = repr(version) if isinstance(version, (float, str)) else _type_name(version)
        raise PresetError(f"expected a whole number, got {shown}", field="schema_version")
    if version > SCHEMA_VERSION:
        raise PresetError(
            f"this file was written by a newer reluplay (schema version {version}); "
            f"this version reads schema versions 0 to {SCHEMA_VERSION}. Update reluplay to open it",
            field="schema_version",
        )
    if version < 0:
        raise PresetError(f"expected 0 to {SCHEMA_VERSION}, got {version}", field="schema_version")
    return version


def _flat_numbers(value: Any, field: str) -> list[float]:
    if not isinstance(value, list):
        raise PresetError(f"expected a list of numbers, got {_type_name(value)}", field=field)
    return [number(v, f"{field}[{i}]") for i, v in enumerate(value)]


def _v0_to_v1(old: dict) -> dict:
    _object(old, "", _V0_FIELDS)
    if old.get("format", FORMAT) != FORMAT:
        raise PresetError(f"expected {FORMAT!r}, got {old['format']!r}: this is not a reluplay preset", field="format")
    for key in ("hidden", "output"):
        if key not in old:
            raise PresetError("missing (a version-0 preset has 'hidden' and 'output')", field=key)
    hidden = _object(old["hidden"], "hidden", ("activation", "weights", "biases"))
    output = _object(old["output"], "output", ("activation", "weights", "bias"))
    # Number checks here, so a mistake is reported with the field name the file really uses.
    w_hidden = _flat_numbers(hidden.get("weights"), "hidden.weights")
    b_hidden = _flat_numbers(hidden.get("biases"), "hidden.biases")
    w_out = _flat_numbers(output.get("weights"), "output.weights")
    b_out = number(output.get("bias", 0.0), "output.bias")
    new: dict = {"format": FORMAT, "schema_version": 1}
    for key in ("name", "description", "data"):
        if key in old:
            new[key] = old[key]
    new["network"] = {
        "layers": [
            {"activation": hidden.get("activation", "relu"), "weights": [[w] for w in w_hidden], "biases": b_hidden},
            {"activation": output.get("activation", "identity"), "weights": [w_out], "biases": [b_out]},
        ],
    }
    for key in ("leaky_slope", "relu_grad_at_zero"):
        if key in old:
            new["network"][key] = old[key]
    training = {key: old[key] for key in _V0_TRAINING if key in old}
    if training:
        new["training"] = training
    view = {key: old[key] for key in ("x_range", "y_range") if key in old}
    if view:
        new["view"] = view
    return new


def _v1_to_v2(old: dict) -> dict:
    """Nothing to change but the number: version 2's new fields all default to version 1's meaning."""
    return {**old, "schema_version": 2}


MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _v0_to_v1, 1: _v1_to_v2}


def migrate(data: Any) -> dict:
    """A current-version dict for any known version; PresetError for unknown or broken ones."""
    version = file_version(data)
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    return data
