"""Whatever the app can hold, it saves to a file it opens again, bit for bit (issue 9, item 2).

The largest preset the limits allow: MAX_HIDDEN_LAYERS x MAX_UNITS_PER_LAYER units, MAX_DATA_POINTS
training and test points, the longest name and description, every number in its longest form; with one
input, and with two inputs on every feature (a regression, whose y are long numbers, and four classes,
whose output layer is the widest).
"""
import json

import numpy as np
import pytest

from reluplay.cli.main import main
from reluplay.core import FEATURES, MAX_CLASSES, MAX_DATA_POINTS, MAX_HIDDEN_LAYERS, MAX_UNITS_PER_LAYER, Network
from reluplay.presets import MAX_FILE_BYTES, Preset, read_preset_file, save_preset
from reluplay.presets.limits import MAX_ABS_PARAMETER, MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, MAX_PARAMETERS


def _long_numbers(rng, shape):
    """Random floats whose shortest round-trip text is 23-24 characters ("-1.2345678901234567e-101")."""
    return rng.uniform(-1.0, 1.0, shape) * 1e-100


def _network(rng, hidden_layers, units, features=("x",), outputs=1):
    specs = [(_long_numbers(rng, (units, len(features))), _long_numbers(rng, units), "leaky_relu")]
    specs += [(_long_numbers(rng, (units, units)), _long_numbers(rng, units), "leaky_relu")
              for _ in range(hidden_layers - 1)]
    output = "identity" if outputs == 1 else "softmax"
    specs += [(_long_numbers(rng, (outputs, units)), _long_numbers(rng, outputs), output)]
    return Network(specs, features=features)


def _bits(values):
    return np.asarray(values, dtype=float).view(np.int64)


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["one input", "two inputs", "four classes"])
def test_the_largest_preset_saves_and_reopens_bit_identical(tmp_path, kind):
    rng = np.random.default_rng(9)
    features = ("x",) if kind == "one input" else FEATURES
    outputs = MAX_CLASSES if kind == "four classes" else 1
    network = _network(rng, MAX_HIDDEN_LAYERS, MAX_UNITS_PER_LAYER, features, outputs)
    if kind == "four classes":
        assert network.params.size == MAX_PARAMETERS  # the bound's network
    # Edge values the writer must keep exactly, too.
    specials = [-0.0, 5e-324, -2.2250738585072014e-308, MAX_ABS_PARAMETER, -MAX_ABS_PARAMETER, 0.1 + 0.2]
    params = network.params.copy()
    params[: len(specials)] = specials
    network.set_params(params)
    shape = MAX_DATA_POINTS if kind == "one input" else (MAX_DATA_POINTS, 2)
    points = [_long_numbers(rng, shape), _long_numbers(rng, MAX_DATA_POINTS)] * 2
    task, classes = "regression", 0
    if kind == "four classes":
        task, classes = "classification", MAX_CLASSES
        points[1] = rng.integers(0, MAX_CLASSES, MAX_DATA_POINTS).astype(float)
        points[3] = points[1][::-1].copy()
    preset = Preset(network, name="\x01" * MAX_NAME_CHARS, description="\x1f" * MAX_DESCRIPTION_CHARS,
                    x=points[0], y=points[1], test_x=points[2], test_y=points[3], task=task, classes=classes)

    path = save_preset(preset, tmp_path / "largest.json")
    size = path.stat().st_size
    assert size <= MAX_FILE_BYTES
    print(f"largest preset ({kind}): {size:,} bytes of a {MAX_FILE_BYTES:,}-byte limit")

    back = read_preset_file(path)
    assert np.array_equal(_bits(back.network.params), _bits(network.params))
    for before, after in zip(points, (back.x, back.y, back.test_x, back.test_y)):
        assert np.array_equal(_bits(after), _bits(before))
    assert back.name == preset.name and back.description == preset.description


def test_a_trained_network_of_the_widest_layers_saved_by_the_cli_opens_again(capsys, tmp_path):
    rng = np.random.default_rng(3)
    n = MAX_UNITS_PER_LAYER
    specs = [(rng.normal(size=(n, 1)), rng.normal(size=n), "relu")]
    specs += [(rng.normal(size=(n, n)) / 16, rng.normal(size=n), "relu") for _ in range(2)]
    specs += [(rng.normal(size=(1, n)) / 16, np.zeros(1), "identity")]
    x = np.linspace(-1, 1, 40)
    start = tmp_path / "wide.json"
    save_preset(Preset(Network(specs), name="wide", x=x, y=np.sin(3 * x)), start)

    trained = tmp_path / "t.json"
    assert main(["train", str(start), "--steps", "1", "--out", str(trained)]) == 0
    capsys.readouterr()
    assert main(["info", str(trained), "--json"]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "loss" in json.loads(out)


def test_a_preset_over_the_limit_is_refused_before_anything_is_written(tmp_path, monkeypatch):
    import reluplay.presets.io as preset_io
    from reluplay.presets import PresetError

    monkeypatch.setattr(preset_io, "MAX_FILE_BYTES", 100)  # as if the limits and the bound drifted apart
    x = np.linspace(-1, 1, 40)
    network = Network([(np.ones((2, 1)), np.zeros(2), "relu"), (np.ones((1, 2)), np.zeros(1), "identity")])
    target = tmp_path / "old.json"
    target.write_text("keep me")
    with pytest.raises(PresetError, match="would be larger than the 0 MB limit"):
        save_preset(Preset(network, x=x, y=x), target)
    assert target.read_text() == "keep me"
