"""Issue 12 items 5-7: each two-input lesson trains to what its text claims, and the plane's box is the
file's view.x_range × view.y_range, answered by `info`, `eval` and `regions`."""
import json

import numpy as np
import pytest

from reluplay.cli.main import main
from reluplay.core import Network
from reluplay.presets import Preset, ViewRange, load_preset, preset_to_json, save_preset


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err, err
    return out


def trained(capsys, tmp_path, lesson, steps):
    """`reluplay train LESSON --steps N --json --out`, then `reluplay info` of the result."""
    path = tmp_path / f"{lesson}.json"
    result = json.loads(run(capsys, "train", lesson, "--steps", str(steps), "--json", "--out", str(path)))
    info = json.loads(run(capsys, "info", str(path), "--json"))
    assert info["loss"] == pytest.approx(result["loss"], rel=1e-9)
    return result, info


def test_xor_with_two_units_gets_stuck_where_four_units_get_every_point(capsys, tmp_path):
    two, two_info = trained(capsys, tmp_path, "xor-with-two-units", 1000)
    four, _ = trained(capsys, tmp_path, "xor", 300)
    assert two_info["linear_regions"] <= 4  # two lines: at most 1 + 2 + 1 pieces
    assert 0.7 <= two["accuracy"] <= 0.85 and two["test_accuracy"] <= 0.8  # "about 80 %"
    assert four["accuracy"] == 1.0 and four["test_accuracy"] == 1.0


def test_two_gaussians_need_one_fold(capsys, tmp_path):
    result, info = trained(capsys, tmp_path, "two-gaussians", 100)
    assert len(load_preset("two-gaussians").network.layers[0].biases) == 1
    assert result["accuracy"] == 1.0 and result["test_accuracy"] == 1.0 and info["linear_regions"] == 2


def test_squared_inputs_make_the_circle_one_unit_and_not_piecewise_linear(capsys, tmp_path):
    before = json.loads(run(capsys, "info", "circle-with-squared-inputs", "--json"))
    assert before["features"] == ["x1^2", "x2^2"] and before["accuracy"] < 0.95
    result, info = trained(capsys, tmp_path, "circle-with-squared-inputs", 100)
    assert result["accuracy"] == 1.0 and result["test_accuracy"] == 1.0
    assert info["linear_regions"] is None  # curved features: no count
    assert "n/a (not piecewise linear" in run(capsys, "regions", "circle-with-squared-inputs")


def test_depth_multiplies_pieces_the_same_units_in_one_layer_and_in_two(capsys, tmp_path):
    one_layer, two_layers = load_preset("depth-multiplies-pieces").network, load_preset("spiral").network
    assert list(one_layer.sizes) == [2, 16, 1] and list(two_layers.sizes) == [2, 8, 8, 1]
    one, one_info = trained(capsys, tmp_path, "depth-multiplies-pieces", 3000)
    two, two_info = trained(capsys, tmp_path, "spiral", 3000)
    # 16 lines make at most 1 + 16 + 120 = 137 pieces; two layers of 8 make more, and fit better
    assert one_info["linear_regions"] <= 137 < two_info["linear_regions"]
    assert one["accuracy"] < 0.97 < two["accuracy"] == 1.0 and one["test_accuracy"] < two["test_accuracy"]


def test_bumps_is_a_regression_fitted_by_flat_pieces(capsys, tmp_path):
    before = json.loads(run(capsys, "info", "bumps", "--json"))
    assert before["task"] == "regression" and before["accuracy"] is None
    result, info = trained(capsys, tmp_path, "bumps", 3000)
    assert result["loss"] < 0.02 < before["loss"] and info["linear_regions"] >= 50


def test_the_box_is_view_x_range_by_view_y_range(capsys, tmp_path):
    """Two folds x1 = 1 and x2 = 1: four regions in [-3, 3]², one in [-3, 0] × [-2, 0]."""
    net = Network([(np.eye(2), -np.ones(2), "relu"), (np.ones((1, 2)), np.zeros(1), "identity")],
                  features=("x1", "x2"))
    path = tmp_path / "box.json"
    save_preset(Preset(net, x=np.array([[0.0, 1.0]]), y=np.array([0.5]),
                       view=ViewRange((-3.0, 3.0), (-3.0, 3.0), (-3.0, 3.0))), path)
    assert json.loads(run(capsys, "info", str(path), "--json"))["linear_regions"] == 4
    doc = json.loads(path.read_text())
    doc["view"].update(x_range=[-3.0, 0.0], y_range=[-2.0, 0.0])
    path.write_text(json.dumps(doc))
    info = json.loads(run(capsys, "info", str(path), "--json"))
    assert info["linear_regions"] == 1 and info["regions_box"] == [[-3.0, 0.0], [-2.0, 0.0]]
    assert json.loads(run(capsys, "regions", str(path), "--json"))["box"] == [[-3.0, 0.0], [-2.0, 0.0]]


def test_a_pre_release_file_with_view_x2_range_is_one_line(capsys, tmp_path):
    path = tmp_path / "old.json"
    doc = json.loads(preset_to_json(load_preset("xor")))
    doc["view"]["x2_range"] = [-6.0, 6.0]
    path.write_text(json.dumps(doc))
    assert main(["info", str(path)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err == (f"reluplay: error: {path}: view.x2_range: unknown field: the plane's x2 range is "
                                 "view.y_range (x1's is view.x_range)\n")
