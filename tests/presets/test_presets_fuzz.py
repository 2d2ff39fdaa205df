"""Hypothesis throws broken presets at the loader: the only outcomes are a Preset or a PresetError.

Random JSON values, valid presets with one part mutated (wrong types, NaN/Infinity/1e400, huge
arrays, deep nesting, unknown versions), text-level damage and random bytes, non-UTF-8 included.
The built-in lessons include two-input ones (pairs, labels, features, softmax), so their fields are
damaged too. About 1,500 cases in a few seconds.
"""
import json
import math
import re

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reluplay.presets import Preset, PresetError, builtin_presets, preset_from_json, preset_to_json

FUZZ = settings(
    max_examples=300,
    deadline=None,
    database=None,  # keep the source tree clean
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SOURCE = "fuzz.json"
KEYS = ["format", "schema_version", "name", "description", "network", "layers", "activation", "weights",
        "biases", "leaky_slope", "relu_grad_at_zero", "data", "x", "y", "training", "optimizer",
        "learning_rate", "batch_size", "l2", "seed", "view", "x_range", "y_range", "hidden", "output", "bias",
        "task", "classes", "inputs", "features", "loss", "x2_range", "dataset", "kind", "noise", "train_percent",
        "points", "test"]
VALID_TEXTS = [path.read_text(encoding="utf-8") for path in (r.path for r in builtin_presets())]

scalars = (
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
    | st.sampled_from([math.nan, math.inf, -math.inf, 10**400, -0.0, 1e308, 5e-324, 2**63, "relu", "adam",
                       "classification", "regression", "softmax", "sigmoid", "cross_entropy", "x1", "x1^2", "spiral"])
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.sampled_from(KEYS) | st.text(max_size=8), inner, max_size=5),
    max_leaves=25,
)
nasty = (
    json_values
    | st.integers(0, 3000).map(lambda n: [0.5] * n)  # long arrays
    | st.integers(0, 300).map(lambda n: [[1.0]] * n)  # many units
    | st.integers(1, 200).map(lambda depth: _nested(depth))
    | st.integers(-5, 10**6)  # versions, sizes, seeds
    | st.lists(st.lists(st.floats() | st.integers(-3, 5), max_size=3), max_size=4)  # points, not quite pairs
    | st.lists(st.sampled_from(["x1", "x2", "x1^2", "x2^2", "x1*x2", "sin(x1)", "sin(x2)", "x", "x3"]), max_size=8)
)


def _nested(depth):
    value = [1.0]
    for _ in range(depth):
        value = [value]
    return value


def _slots(node, out):
    """Every (container, key) pair in a parsed preset, to pick one to damage."""
    items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in items:
        out.append((node, key))
        _slots(child, out)
    return out


def check(raw):
    try:
        result = preset_from_json(raw, SOURCE)
    except PresetError as exc:
        text = str(exc)
        assert text.startswith(SOURCE + ": ") and "\n" not in text and exc.source == SOURCE
    else:
        assert isinstance(result, Preset)
        assert np.isfinite(result.network.params).all() and np.isfinite(result.x).all()
        # Two inputs: (n, 2) points; classification: labels the output can produce; and it saves and reopens.
        assert result.x.shape == ((len(result.y),) if result.n_inputs == 1 else (len(result.y), 2))
        if result.is_classification:
            assert set(np.unique(np.concatenate([result.y, result.test_y]))) <= set(range(result.classes))
        preset_from_json(preset_to_json(result), SOURCE)


@FUZZ
@given(json_values)
def test_random_json_values(value):
    check(json.dumps(value))


@FUZZ
@given(st.sampled_from(VALID_TEXTS), st.data())
def test_mutated_valid_presets(text, data):
    doc = json.loads(text)
    slots = _slots(doc, [])
    container, key = data.draw(st.sampled_from(slots))
    action = data.draw(st.sampled_from(["replace", "replace", "delete", "add"]))
    if action == "replace":
        container[key] = data.draw(nasty)
    elif action == "delete":
        del container[key]
    elif isinstance(container, dict):
        container[data.draw(st.sampled_from(KEYS) | st.text(max_size=6))] = data.draw(nasty)
    else:
        container.append(data.draw(nasty))
    check(json.dumps(doc))


@FUZZ
@given(st.sampled_from(VALID_TEXTS), st.data())
def test_text_level_damage(text, data):
    kind = data.draw(st.sampled_from(["token", "truncate", "insert", "version"]))
    if kind == "token":
        token = data.draw(st.sampled_from(["NaN", "Infinity", "-Infinity", "1e400", "-0", "1" + "0" * 5000, "true", '"1"']))
        text = text.replace(data.draw(st.sampled_from(["0.0", "1.0", "0.01", "1"])), token, data.draw(st.integers(1, 3)))
    elif kind == "truncate":
        text = text[: data.draw(st.integers(0, len(text)))]
    elif kind == "insert":
        at = data.draw(st.integers(0, len(text)))
        text = text[:at] + data.draw(st.text(max_size=5)) + text[at:]
    else:
        text = re.sub(r'"schema_version": \d+', f'"schema_version": {data.draw(st.integers(-(10**30), 10**30))}', text)
    check(text)


@FUZZ
@given(st.sampled_from(VALID_TEXTS), st.binary(max_size=64), st.data())
def test_random_bytes_including_non_utf8(text, junk, data):
    raw = text.encode("utf-8")
    at = data.draw(st.integers(0, len(raw)))
    check(raw[:at] + junk + raw[at:])
    check(junk)


@FUZZ
@given(st.integers(1, 50_000), st.sampled_from(["[", "{\"a\":", "[{\"x\":"]))
def test_deep_nesting(depth, opener):
    check(opener * depth)
    check("[" * depth + "]" * depth)


def test_a_field_name_with_a_newline_still_gives_one_line():
    # Found by test_random_json_values: an unknown key "\n" was printed as a line break.
    try:
        preset_from_json(json.dumps({"hidden": None, "\n": None}), SOURCE)
    except PresetError as exc:
        assert "\n" not in str(exc) and "\\n" in str(exc)
    else:
        raise AssertionError("a preset with an unknown field loaded")
