"""Validation of the current schema (version 2) for one-input lessons: defaults, and errors that name the file and the field."""
import copy
import json

import pytest

from reluplay.core import MAX_DATA_POINTS, MAX_HIDDEN_LAYERS, MAX_UNITS_PER_LAYER, TrainingSettings
from reluplay.presets import PresetError, ViewRange, preset_from_dict, preset_from_json, preset_to_dict

MINIMAL = {
    "format": "reluplay-preset",
    "schema_version": 2,
    "network": {
        "layers": [
            {"activation": "relu", "weights": [[1.70], [12.6]], "biases": [-0.85, 0.0]},
            {"activation": "relu", "weights": [[-40.8, 2.70]], "biases": [-16.0]},
        ]
    },
}


def minimal(**changes):
    data = copy.deepcopy(MINIMAL)
    data.update(changes)
    return data


def error_for(data, source="ReLU.json") -> PresetError:
    text = data if isinstance(data, (str, bytes)) else json.dumps(data)
    with pytest.raises(PresetError) as info:
        preset_from_json(text, source)
    return info.value


def test_only_format_version_and_layers_are_required():
    preset = preset_from_dict(minimal())
    assert preset.name == "Untitled" and preset.description == ""
    assert preset.x.size == 0 and preset.y.size == 0
    assert preset.training == TrainingSettings()
    assert preset.view == ViewRange()
    assert preset.network.leaky_slope == 0.01 and preset.network.relu_grad_at_zero == 0.0
    layers = [{"weights": lay["weights"], "biases": lay["biases"]} for lay in MINIMAL["network"]["layers"]]
    net = preset_from_dict(minimal(network={"layers": layers})).network
    assert [lay.activation for lay in net.layers] == ["relu", "identity"]  # documented defaults


def test_the_issue_example_message():
    data = minimal()
    data["network"]["layers"][1]["weights"] = [[1.0, 2.0, 3.0]]
    err = error_for(data)
    assert str(err) == "ReLU.json: network.layers[1].weights: expected 2 columns, got 3"
    assert err.source == "ReLU.json" and err.field == "network.layers[1].weights"
    assert isinstance(err, ValueError)


@pytest.mark.parametrize(
    "mutate, field, words",
    [
        (lambda d: d["network"]["layers"][0].update(biases=[0.0]), "network.layers[0].biases", "expected 2 numbers"),
        (lambda d: d["network"]["layers"][0].update(activation="relu6"), "network.layers[0].activation", "unknown activation 'relu6'"),
        (lambda d: d["network"]["layers"][1].update(activation="tanh"), "network.layers[1].activation", "identity, relu"),
        (lambda d: d["network"]["layers"][1].update(weights=[[1.0, 2.0], [3.0, 4.0]]), "network.layers[1].weights", "expected 1 row"),
        (lambda d: d["network"]["layers"][0]["weights"][1].__setitem__(0, True), "network.layers[0].weights[1][0]", "expected a number, got true/false"),
        (lambda d: d["network"]["layers"][0]["weights"][0].__setitem__(0, "1.7"), "network.layers[0].weights[0][0]", "expected a number, got a string"),
        (lambda d: d["network"].update(layers=d["network"]["layers"][1:]), "network.layers", "at least 2 layers"),
        (lambda d: d["network"].update(relu_grad_at_zero=0.25), "network.relu_grad_at_zero", "one of 0, 0.5, 1"),
        (lambda d: d["network"].update(leaky_slope=2), "network.leaky_slope", "from 0 to 1"),
        (lambda d: d.update(data={"x": [0.0, 1.0], "y": [1.0]}), "data.y", "expected 2 values"),
        (lambda d: d.update(training={"optimizer": "rmsprop"}), "training.optimizer", "unknown optimizer 'rmsprop'"),
        (lambda d: d.update(training={"learning_rate": -1}), "training.learning_rate", "> 0"),
        (lambda d: d.update(training={"batch_size": 0}), "training.batch_size", "from 1"),
        (lambda d: d.update(training={"batch_size": 2.5}), "training.batch_size", "whole number"),
        (lambda d: d.update(training={"seed": False}), "training.seed", "whole number"),
        (lambda d: d.update(view={"x_range": [1.0, 0.0]}), "view.x_range", "low must be less than high"),
        (lambda d: d.update(view={"y_range": [0.0]}), "view.y_range", "expected [low, high]"),
        (lambda d: d.update(name=5), "name", "expected a string"),
        (lambda d: d.update(colour="red"), "colour", "unknown field"),
        (lambda d: d["network"]["layers"][0].update(bias=[0, 0]), "network.layers[0].bias", "unknown field"),
        (lambda d: d.update(format="something-else"), "format", "not a reluplay preset"),
        (lambda d: d.pop("network"), "network", "missing"),
    ],
)
def test_errors_name_the_file_and_the_field(mutate, field, words):
    data = minimal()
    mutate(data)
    err = error_for(data)
    assert err.field == field
    assert str(err).startswith(f"ReLU.json: {field}: ")
    assert words in err.message


@pytest.mark.parametrize("token, shown", [("NaN", "NaN"), ("Infinity", "inf"), ("-Infinity", "-inf"), ("1e400", "inf")])
def test_non_finite_numbers_are_rejected_with_their_field(token, shown):
    text = json.dumps(minimal()).replace("-0.85", token)
    err = error_for(text)
    assert err.field == "network.layers[0].biases[0]"
    assert f"expected a finite number, got {shown}" in err.message


def test_a_huge_integer_is_not_a_usable_number():
    text = json.dumps(minimal()).replace("-0.85", "1" + "0" * 400)
    assert "too large" in error_for(text).message


def test_limits_are_named_constants_with_clear_messages():
    too_many_units = minimal()
    too_many_units["network"]["layers"][0] = {"weights": [[1.0]] * (MAX_UNITS_PER_LAYER + 1), "biases": [0.0]}
    assert f"at most {MAX_UNITS_PER_LAYER} units" in error_for(too_many_units).message

    deep = minimal()
    hidden = [{"weights": [[1.0]], "biases": [0.0]}] + [{"weights": [[1.0]], "biases": [0.0]}] * MAX_HIDDEN_LAYERS
    deep["network"]["layers"] = hidden + [{"weights": [[1.0]], "biases": [0.0]}]
    err = error_for(deep)
    assert err.field == "network.layers" and f"at most {MAX_HIDDEN_LAYERS} hidden layers" in err.message

    points = minimal(data={"x": [0.0] * (MAX_DATA_POINTS + 1), "y": [0.0] * (MAX_DATA_POINTS + 1)})
    err = error_for(points)
    assert err.field == "data.x" and f"at most {MAX_DATA_POINTS} data points" in err.message


def test_the_top_level_must_be_an_object():
    assert "expected an object" in str(error_for("[1, 2, 3]"))


def test_dict_round_trip_is_identity():
    data = preset_to_dict(preset_from_dict(minimal(name="x", data={"x": [0.0, 0.5], "y": [1.0, -0.0]})))
    assert preset_to_dict(preset_from_dict(data)) == data
