"""Schema version 2: two inputs, classification, the loss, the data-set record; every bad field one clear line."""
import copy
import json

import numpy as np
import pytest

from reluplay.core import Network
from reluplay.presets import (
    SCHEMA_VERSION,
    Preset,
    PresetError,
    ViewRange,
    preset_from_dict,
    preset_from_json,
    preset_to_json,
    read_preset_file,
    save_preset,
)
from reluplay.presets.model import DatasetRecord

FIRST = {"activation": "relu", "weights": [[1.0, -1.0], [0.5, 2.0], [-1.0, 0.25]], "biases": [0.0, 1.0, -0.5]}
CLASSIFY = {
    "format": "reluplay-preset", "schema_version": 2, "name": "XOR", "task": "classification", "classes": 2,
    "network": {"features": ["x1", "x2"], "layers": [
        FIRST, {"activation": "sigmoid", "weights": [[1.0, -1.0, 2.0]], "biases": [0.5]}]},
    "data": {"x": [[1.0, 2.0], [-3.0, 0.5], [0.0, -1.0]], "y": [1, 0, 1],
             "test": {"x": [[2.0, 2.0]], "y": [0]},
             "dataset": {"kind": "xor", "noise": 10, "train_percent": 50, "points": 4, "seed": 3}},
    "training": {"optimizer": "adam", "learning_rate": 0.03, "loss": "cross_entropy"},
    "view": {"x_range": [-6.0, 6.0], "y_range": [-5.0, 5.0]},  # the plane: x1's range, x2's range
}
SOFTMAX = copy.deepcopy(CLASSIFY)
SOFTMAX.update(classes=3)
SOFTMAX["network"]["layers"][1] = {"activation": "softmax", "weights": [[1.0, 0.0, 0.0], [0.0, 1.0, 0.0],
                                                                         [0.0, 0.0, 1.0]], "biases": [0.0, 0.0, 0.0]}
SOFTMAX["data"]["y"] = [0, 2, 1]
REGRESS = {
    "format": "reluplay-preset", "schema_version": 2, "name": "Fold",
    "network": {"features": ["x1", "x2"], "layers": [
        FIRST, {"activation": "identity", "weights": [[1.0, 1.0, 1.0]], "biases": [0.0]}]},
    "data": {"x": [[1.0, 2.0], [-3.0, 0.5]], "y": [0.25, -1.5]},
}


def load(doc):
    return preset_from_dict(copy.deepcopy(doc), "p.json")


def test_a_classification_lesson_loads_with_its_points_labels_and_record():
    preset = load(CLASSIFY)
    assert preset.n_inputs == 2 and preset.network.features == ("x1", "x2")
    assert preset.task == "classification" and preset.classes == 2 and preset.is_classification
    assert preset.x.shape == (3, 2) and preset.x[1].tolist() == [-3.0, 0.5]
    assert preset.y.tolist() == [1.0, 0.0, 1.0] and preset.test_x.shape == (1, 2)
    assert preset.training.loss == "cross_entropy"
    assert preset.view.x2_range == (-5.0, 5.0) and preset.view.x_range == (-6.0, 6.0)  # view.y_range is x2's
    assert preset.dataset == DatasetRecord("xor", 10.0, 50.0, 4, 3)
    assert preset.network(preset.x).shape == (3,)


def test_three_classes_use_softmax_and_classes_may_be_left_to_the_output_layer():
    doc = copy.deepcopy(SOFTMAX)
    del doc["classes"]
    preset = load(doc)
    assert preset.classes == 3 and preset.network.n_outputs == 3
    assert preset.network(preset.x).shape == (3, 3)
    del doc["training"]["loss"]
    assert load(doc).training.loss == "cross_entropy"  # the default for classification


def test_a_two_input_regression_and_its_defaults():
    preset = load(REGRESS)
    assert preset.task == "regression" and preset.classes == 0
    assert preset.training.loss == "mse"
    assert preset.view.x_range == preset.view.x2_range == (-6.0, 6.0)  # no view: TF Playground's box
    assert preset.test_x.shape == (0, 2) and preset.dataset is None
    doc = copy.deepcopy(REGRESS)
    doc["network"] = {"inputs": 2, "layers": doc["network"]["layers"]}  # inputs 2: features x1, x2
    assert load(doc).network.features == ("x1", "x2")


def test_version_1_files_load_unchanged_and_files_are_written_as_version_2():
    v1 = {"format": "reluplay-preset", "schema_version": 1, "network": {"layers": [
        {"weights": [[1.0], [-1.0]], "biases": [0.0, 0.0]}, {"weights": [[1.0, 1.0]], "biases": [0.0]}]},
        "data": {"x": [0.0, 1.0], "y": [1.0, 2.0]}}
    preset = preset_from_json(json.dumps(v1), "old.json")
    assert preset.n_inputs == 1 and preset.task == "regression" and preset.x.shape == (2,)
    text = preset_to_json(preset)
    saved = json.loads(text)
    assert SCHEMA_VERSION == 2 and saved["schema_version"] == 2
    # a one-input lesson carries none of the two-input fields
    assert "features" not in saved["network"] and "x2_range" not in saved["view"] and "classes" not in saved
    assert saved["task"] == "regression" and saved["training"]["loss"] == "mse"


def _bits(values):
    return np.asarray(values, dtype=float).view(np.int64)


@pytest.mark.parametrize("doc", [CLASSIFY, SOFTMAX, REGRESS], ids=["sigmoid", "softmax", "regression"])
def test_write_then_read_is_bit_identical(tmp_path, doc):
    preset = load(doc)
    rng = np.random.default_rng(1)
    params = preset.network.params.copy()
    params[:] = rng.normal(size=params.size) * 1e-7
    params[0] = -0.0
    preset.network.set_params(params)
    if not preset.is_classification:
        preset.x = rng.uniform(-6, 6, (50, 2)) / 3
        preset.y = rng.normal(size=50)
    path = save_preset(preset, tmp_path / "p.json")
    back = read_preset_file(path)
    assert np.array_equal(_bits(back.network.params), _bits(preset.network.params))
    for before, after in ((preset.x, back.x), (preset.y, back.y), (preset.test_x, back.test_x)):
        assert after.shape == before.shape and np.array_equal(_bits(after), _bits(before))
    assert (back.task, back.classes, back.dataset, back.view) == (preset.task, preset.classes, preset.dataset,
                                                                   preset.view)
    assert back.network.features == preset.network.features and back.training == preset.training
    assert preset_to_json(back) == path.read_text()  # and the text is stable


def test_the_plane_box_is_written_as_view_x_range_and_view_y_range(tmp_path):
    """Issue 12 item 5: in 2-D, view.x_range and view.y_range are x1's and x2's ranges (the regions' box)."""
    preset = load(CLASSIFY)
    preset.view = ViewRange((-4.0, 4.0), (0.0, 1.0), (-2.0, 3.0))  # y_range means nothing on the plane
    saved = json.loads(save_preset(preset, tmp_path / "p.json").read_text())
    assert saved["view"]["x_range"] == [-4.0, 4.0] and saved["view"]["y_range"] == [-2.0, 3.0]
    assert "x2_range" not in saved["view"]
    back = read_preset_file(tmp_path / "p.json")
    assert back.view.x_range == (-4.0, 4.0) and back.view.x2_range == (-2.0, 3.0)


def test_labels_are_written_as_whole_numbers():
    saved = json.loads(preset_to_json(load(SOFTMAX)))
    assert saved["data"]["y"] == [0, 2, 1] and all(type(v) is int for v in saved["data"]["y"])
    assert saved["classes"] == 3 and saved["network"]["features"] == ["x1", "x2"]


def test_a_preset_built_in_code_round_trips():
    net = Network([(np.ones((2, 3)), np.zeros(2), "relu"), (np.ones((1, 2)), np.zeros(1), "sigmoid")],
                  features=("x1", "x2", "x1*x2"))
    preset = Preset(net, x=np.array([[0.5, 1.5]]), y=np.array([1.0]), task="classification", classes=2,
                    view=ViewRange((-2.0, 2.0), (0.0, 1.0), (-3.0, 3.0)))
    back = preset_from_json(preset_to_json(preset))
    assert back.network.features == ("x1", "x2", "x1*x2") and back.view.x2_range == (-3.0, 3.0)


def _broken(base, path, value):
    doc = copy.deepcopy(base)
    *parents, last = path
    node = doc
    for key in parents:
        node = node[key]
    if value is DELETE:
        del node[last]
    else:
        node[last] = value
    return doc


DELETE = object()
NET = ("network",)
L0, L1 = ("network", "layers", 0), ("network", "layers", 1)


@pytest.mark.parametrize("base, path, value, field, words", [
    (CLASSIFY, ("task",), "clustering", "task", "unknown task 'clustering' (known: regression, classification)"),
    (CLASSIFY, NET + ("features",), ["x1", "x3"], "network.features", "unknown input feature 'x3'"),
    (CLASSIFY, NET + ("features",), ["x1", "x1"], "network.features", "'x1' is listed twice"),
    (CLASSIFY, NET + ("features",), [], "network.features", "at least one input feature"),
    (CLASSIFY, NET + ("features",), "x1", "network.features", "expected a list of feature names"),
    (CLASSIFY, NET + ("inputs",), 1, "network.inputs", "expected 2 to match network.features"),
    (CLASSIFY, NET + ("inputs",), 3, "network.inputs", "expected a whole number from 1 to 2, got 3"),
    (CLASSIFY, L0 + ("weights", 1), [1.0, 2.0, 3.0], "network.layers[0].weights",
     "expected 2 columns (one per input feature: x1, x2), got 3"),
    (CLASSIFY, ("data", "x", 1), [1.0, 2.0, 3.0], "data.x[1]", "expected a point [x1, x2] (this lesson has two "
     "inputs), got 3 numbers"),
    (CLASSIFY, ("data", "x", 0), 1.5, "data.x[0]", "expected a point [x1, x2] (this lesson has two inputs), got a number"),
    (CLASSIFY, ("data", "x", 0), [1.0, "2"], "data.x[0][1]", "expected a number, got a string"),
    (CLASSIFY, ("data", "test", "x", 0), [1.0], "data.test.x[0]", "got 1 numbers"),
    (CLASSIFY, ("data", "y", 2), 2, "data.y[2]", "expected a class label, a whole number from 0 to 1 (2 classes), got 2.0"),
    (CLASSIFY, ("data", "y", 0), 0.5, "data.y[0]", "got 0.5"),
    (CLASSIFY, ("data", "test", "y", 0), -1, "data.test.y[0]", "got -1.0"),
    (SOFTMAX, ("data", "y", 1), 3, "data.y[1]", "from 0 to 2 (3 classes), got 3.0"),
    (CLASSIFY, ("classes",), 3, "network.layers[1]", "classes is 3, so the output layer needs 3 softmax units "
     "(one per class), got one sigmoid unit"),
    (SOFTMAX, ("classes",), 4, "network.layers[1]", "needs 4 softmax units (one per class), got 3 softmax units"),
    (SOFTMAX, ("classes",), 2, "network.layers[1]", "needs one sigmoid unit, got 3 softmax units"),
    (CLASSIFY, ("classes",), 5, "classes", "expected a whole number from 2 to 4, got 5"),
    (CLASSIFY, L1 + ("activation",), "identity", "network.layers[1].activation",
     "classification needs a sigmoid output (two classes) or softmax (3 to 4 classes), got 'identity'"),
    (CLASSIFY, L1 + ("activation",), "softmax", "network.layers[1].weights", "a softmax output needs 2 to 4 rows"),
    (CLASSIFY, L0 + ("activation",), "softmax", "network.layers[0].activation", "softmax is only for the output layer"),
    (REGRESS, L1 + ("weights",), [[1.0, 1.0, 1.0]] * 2, "network.layers[1].weights", "expected 1 row (the output "
     "layer has one unit, or 2 to 4 softmax units for classification), got 2"),
    (SOFTMAX, ("task",), DELETE, "classes", "only for classification (this lesson's task is regression)"),
    (REGRESS, ("training",), {"loss": "cross_entropy"}, "training.loss",
     "cross_entropy is for classification; a regression lesson uses mse"),
    (CLASSIFY, ("training", "loss"), "hinge", "training.loss", "unknown loss 'hinge' (known: mse, cross_entropy)"),
    (REGRESS, NET + ("features",), DELETE, "network.layers[0].weights", "expected 1 column, got 2"),
    (CLASSIFY, ("data", "dataset", "kind"), "moons", "data.dataset.kind", "unknown data set 'moons'"),
    (CLASSIFY, ("data", "dataset", "kind"), DELETE, "data.dataset.kind", "missing"),
    (CLASSIFY, ("data", "dataset", "noise"), 80, "data.dataset.noise", "expected a percentage from 0 to 50, got 80.0"),
    (CLASSIFY, ("data", "dataset", "train_percent"), 5, "data.dataset.train_percent", "from 10 to 90"),
    (CLASSIFY, ("data", "dataset", "points"), 2.5, "data.dataset.points", "expected a whole number, got 2.5"),
    (CLASSIFY, ("data", "dataset", "colour"), "red", "data.dataset.colour", "unknown field"),
    (CLASSIFY, ("view", "y_range"), [1.0, 1.0], "view.y_range", "low must be less than high"),
    (CLASSIFY, ("view", "x2_range"), [-5.0, 5.0], "view.x2_range",
     "unknown field: the plane's x2 range is view.y_range (x1's is view.x_range)"),
])
def test_every_bad_two_input_field_is_one_clear_line(base, path, value, field, words):
    with pytest.raises(PresetError) as info:
        load(_broken(base, path, value))
    err = info.value
    assert err.field == field and words in err.message, (err.field, err.message)
    assert str(err).startswith(f"p.json: {field}: ") and "\n" not in str(err)


@pytest.mark.parametrize("path, value, field, words", [
    (("data", "x"), [[0.0, 1.0]], "data.x[0]", "expected a number, got a list (pairs [x1, x2] need a network with "
     "two inputs: network.features)"),
    (("view", "x2_range"), [-1.0, 1.0], "view.x2_range", "unknown field"),
    (("data", "dataset"), {"kind": "spiral"}, "data.dataset", "only for two inputs"),
    (("classes",), 2, "classes", "only for classification"),
    (("task",), "classification", "task", "classification needs two inputs: give network.features"),
])
def test_two_input_fields_in_a_one_input_lesson_are_refused(path, value, field, words):
    doc = {"format": "reluplay-preset", "schema_version": 2, "network": {"layers": [
        {"weights": [[1.0]], "biases": [0.0]}, {"weights": [[1.0]], "biases": [0.0]}]},
        "data": {"x": [0.5], "y": [1.0]}, "view": {}}
    with pytest.raises(PresetError) as info:
        load(_broken(doc, path, value))
    assert info.value.field == field and words in info.value.message, info.value.message
