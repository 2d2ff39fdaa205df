"""Older files are migrated on load; newer ones are refused with a clear message."""
import json

import pytest

from reluplay.presets import MIGRATIONS, SCHEMA_VERSION, PresetError, file_version, load_preset, preset_from_json

V0_RELU_IN_ACTION = {
    "name": "ReLU in action (prototype)",
    "hidden": {"activation": "relu", "weights": [1.70, 12.6], "biases": [-0.85, 0.0]},
    "output": {"activation": "relu", "weights": [-40.8, 2.70], "bias": -16.0},
    "data": {"x": [0.0, 0.5, 1.0], "y": [0.0, 1.0, 0.0]},
    "optimizer": "gd",
    "learning_rate": 0.01,
    "x_range": [0.0, 1.0],
    "y_range": [-0.5, 1.5],
}


def test_every_older_version_has_a_migration_step():
    assert sorted(MIGRATIONS) == list(range(SCHEMA_VERSION))


def test_version_0_is_migrated_to_the_same_network():
    old = preset_from_json(json.dumps(V0_RELU_IN_ACTION), "old.json")
    new = load_preset("relu-in-action")
    assert old.network.same_as(new.network)
    assert old.name == "ReLU in action (prototype)"
    assert old.training.optimizer == "gd" and old.training.learning_rate == 0.01
    assert old.view == new.view
    assert old.x.tolist() == new.x.tolist()


def test_version_0_defaults_and_explicit_version_0():
    minimal = {"schema_version": 0, "hidden": {"weights": [1.0], "biases": [0.0]}, "output": {"weights": [2.0]}}
    preset = preset_from_json(json.dumps(minimal))
    assert [lay.activation for lay in preset.network.layers] == ["relu", "identity"]
    assert preset.network.output_layer.biases.tolist() == [0.0]


def test_version_0_errors_use_the_files_own_field_names():
    broken = dict(V0_RELU_IN_ACTION, hidden={"weights": [1.0, "x"], "biases": [0.0, 0.0]})
    with pytest.raises(PresetError) as info:
        preset_from_json(json.dumps(broken), "old.json")
    assert str(info.value) == "old.json: hidden.weights[1]: expected a number, got a string"
    no_output = {k: v for k, v in V0_RELU_IN_ACTION.items() if k != "output"}
    with pytest.raises(PresetError, match="^old.json: output: missing"):
        preset_from_json(json.dumps(no_output), "old.json")


def test_a_newer_schema_version_is_a_clear_error():
    data = {"format": "reluplay-preset", "schema_version": SCHEMA_VERSION + 1, "network": {}}
    with pytest.raises(PresetError) as info:
        preset_from_json(json.dumps(data), "future.json")
    assert info.value.field == "schema_version"
    assert "written by a newer reluplay" in str(info.value) and "Update reluplay" in str(info.value)


@pytest.mark.parametrize("version, words", [(-1, "expected 0 to 2"), ("1", "whole number"), (1.0, "whole number"), (True, "whole number")])
def test_odd_schema_versions(version, words):
    with pytest.raises(PresetError, match=words):
        file_version({"format": "reluplay-preset", "schema_version": version})


def test_something_that_is_not_a_preset():
    with pytest.raises(PresetError, match="^x.json: format: missing: this is not a reluplay preset"):
        preset_from_json('{"hello": "world"}', "x.json")
