"""The headless commands on two-input lessons: presets, eval, info, train, gradcheck and regions."""
import json

import numpy as np
import pytest

import reluplay.cli.evaluate as evaluate
import reluplay.cli.plane as plane
from reluplay.cli.main import main
from reluplay.core import Network, accuracy
from reluplay.core.regions import linear_regions
from reluplay.presets import LESSON_ORDER, Preset, ViewRange, load_preset, save_preset


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_presets_lists_the_plane_lessons_after_the_line_ones_with_inputs_and_task(capsys):
    code, out, _ = run(capsys, "presets")
    lines = out.splitlines()
    assert code == 0 and [line.split()[0] for line in lines] == list(LESSON_ORDER)
    assert "1 input" in lines[0]
    three = next(line for line in lines if line.startswith("three-gaussians"))
    assert "2 inputs, 3 classes" in three
    assert "2 inputs, regression" in next(line for line in lines if line.startswith("folding-the-plane"))
    records = {r["slug"]: r for r in json.loads(run(capsys, "presets", "--json")[1])}
    assert records["xor"]["inputs"] == 2 and records["xor"]["task"] == "classification"
    assert records["xor"]["classes"] == 2 and records["relu-in-action"]["inputs"] == 1


# --- eval ------------------------------------------------------------------------------------

def test_three_ways_to_give_points_give_the_same_answer(capsys):
    forms = [["--x1", "1", "-3", "0.5", "--x2", "2", "-2", "0"], ["--points", "1,2", "-3,-2", "0.5,0"],
             ["--x", "1,2", "-3,-2", "0.5,0"]]
    outputs = [json.loads(run(capsys, "eval", "xor", "--json", *form)[1]) for form in forms]
    assert outputs[0] == outputs[1] == outputs[2]
    data = outputs[0]
    points = np.array([[1, 2], [-3, -2], [0.5, 0]], dtype=float)
    preset = load_preset("xor")
    assert data["x"] == points.tolist()
    assert data["y"] == preset.network(points).tolist()  # a probability per point
    assert data["class"] == (preset.network(points) >= 0.5).astype(int).tolist()
    assert np.array(data["units"]).shape == (4, 3) and data["unit_names"] == ["A", "B", "C", "D"]


def test_softmax_gives_k_probabilities_per_point_and_the_table_shows_them(capsys):
    data = json.loads(run(capsys, "eval", "three-gaussians", "--json", "--points", "0,3.5", "3,-2")[1])
    p = np.array(data["y"])
    assert p.shape == (2, 3) and np.allclose(p.sum(axis=1), 1.0)
    assert data["class"] == np.argmax(p, axis=1).tolist()
    code, out, _ = run(capsys, "eval", "three-gaussians", "--points", "0,3.5")
    header = out.splitlines()[1].split()
    assert code == 0 and header[:2] == ["x1", "x2"] and "p(class" in out and "class" in header


def test_a_long_eval_on_the_plane_is_chunked_with_the_same_numbers(capsys, monkeypatch):
    x1 = [str(v) for v in np.linspace(-6, 6, 50)]
    x2 = [str(v) for v in np.linspace(5, -5, 50)]
    whole = run(capsys, "eval", "spiral", "--json", "--x1", *x1, "--x2", *x2)[1]
    table = run(capsys, "eval", "spiral", "--x1", *x1, "--x2", *x2)[1]
    monkeypatch.setattr(evaluate, "CHUNK_BYTES", 1)  # one point per chunk
    chunked = json.loads(run(capsys, "eval", "spiral", "--json", "--x1", *x1, "--x2", *x2)[1])
    # The same numbers up to the last bits: BLAS may sum an 8 x 8 layer in another order for one point.
    for key in ("x", "y", "class", "units", "layers"):
        np.testing.assert_allclose(chunked[key], json.loads(whole)[key], rtol=1e-13, atol=1e-15)
    assert run(capsys, "eval", "spiral", "--x1", *x1, "--x2", *x2)[1] == table


@pytest.mark.parametrize("argv, words", [
    (["eval", "xor", "--x", "1"], ["--x:", "two inputs", "point X1,X2", "got 1"]),
    (["eval", "xor", "--x1", "1", "2", "--x2", "1"], ["--x2:", "expected 2 values, one per --x1 value, got 1"]),
    (["eval", "xor", "--x1", "1"], ["--x2: missing"]),
    (["eval", "xor", "--x1", "1", "--x2", "1", "--points", "1,1"], ["one way only"]),
    (["eval", "xor"], ["two inputs", "--x1", "--points"]),
    (["eval", "xor", "--points", "1,2,3"], ["--points", "expected a point X1,X2", "'1,2,3'"]),
    (["eval", "xor", "--points", "1,nan"], ["--points", "finite", "'1,nan'"]),
    (["eval", "relu-in-action", "--x", "1,2"], ["--x:", "one input", "got the point 1,2"]),
    (["eval", "relu-in-action", "--x1", "1"], ["--x1: this lesson has one input", "--x X"]),
    (["eval", "relu-in-action"], ["--x"]),
    (["regions", "relu-in-action"], ["regions are for lessons with two inputs", "reluplay info"]),
    (["regions", "xor", "--x1-range", "2", "1"], ["--x1-range: expected LOW < HIGH"]),
    (["regions", "xor", "--x2-range", "0"], ["--x2-range"]),
])
def test_every_mistake_is_one_line(capsys, one_error_line, argv, words):
    assert main(argv) == 2
    one_error_line(*words)


# --- info, train, gradcheck ------------------------------------------------------------------

def test_info_on_the_plane(capsys):
    code, out, _ = run(capsys, "info", "xor", "--json")
    info = json.loads(out)
    preset = load_preset("xor")
    assert code == 0 and info["inputs"] == 2 and info["task"] == "classification" and info["classes"] == 2
    assert info["features"] == ["x1", "x2"] and info["loss_name"] == "cross_entropy"
    assert info["accuracy"] == accuracy(preset.network, preset.x, preset.y)
    assert info["loss"] == pytest.approx(preset.network.loss(preset.x, preset.y, "cross_entropy"))
    assert info["linear_regions"] == linear_regions(preset.network, (-6, 6), (-6, 6)).count
    text = run(capsys, "info", "xor")[1]
    assert "task:             classification, 2 classes" in text and "accuracy:" in text
    assert f"linear regions in [-6, 6] × [-6, 6]: {info['linear_regions']}" in text
    regression = json.loads(run(capsys, "info", "folding-the-plane", "--json")[1])
    assert regression["task"] == "regression" and regression["accuracy"] is None and regression["linear_regions"] == 7
    assert "accuracy" not in run(capsys, "info", "folding-the-plane")[1]
    one = json.loads(run(capsys, "info", "relu-in-action", "--json")[1])
    assert one["inputs"] == 1 and one["linear_pieces"] == 4  # a one-input lesson answers as before


def test_a_smooth_network_on_the_plane_has_no_region_count(capsys, tmp_path):
    net = Network([(np.eye(2), np.zeros(2), "tanh"), (np.ones((1, 2)), np.zeros(1), "identity")],
                  features=("x1", "x2"))
    path = tmp_path / "smooth.json"
    save_preset(Preset(net, x=np.array([[0.0, 1.0]]), y=np.array([0.5]), view=ViewRange(x2_range=(-1.0, 1.0))),
                path)
    assert json.loads(run(capsys, "info", str(path), "--json")[1])["linear_regions"] is None
    out = run(capsys, "regions", str(path))[1]
    assert "n/a (not piecewise linear: hidden layer 1 uses 'tanh')" in out
    data = json.loads(run(capsys, "regions", str(path), "--json")[1])
    assert data["count"] is None and not data["piecewise_linear"] and data["regions"] == []


@pytest.mark.parametrize("lesson, steps, least", [("xor", 300, 0.97), ("circle", 300, 0.97),
                                                  ("three-gaussians", 300, 0.97)])
def test_train_reports_accuracy_and_cross_entropy(capsys, lesson, steps, least, tmp_path):
    before = json.loads(run(capsys, "info", lesson, "--json")[1])
    code, out, _ = run(capsys, "train", lesson, "--steps", str(steps), "--json", "--out", str(tmp_path / "t.json"))
    result = json.loads(out)
    assert code == 0 and result["loss_name"] == "cross_entropy"
    assert result["accuracy"] >= least > before["accuracy"] and result["test_accuracy"] >= 0.9
    assert result["loss"] < before["loss"]
    trained = load_preset(str(tmp_path / "t.json"))
    assert accuracy(trained.network, trained.x, trained.y) == result["accuracy"]
    text = run(capsys, "train", lesson, "--steps", "5")[1]
    assert "final loss (cross-entropy over all" in text and "% of the" in text and "test points" in text


def test_training_the_folding_lesson_reaches_its_roof(capsys, tmp_path):
    code, out, _ = run(capsys, "train", "folding-the-plane", "--steps", "1000", "--json", "--out",
                       str(tmp_path / "f.json"))
    assert code == 0 and json.loads(out)["loss"] < 1e-6 and "accuracy" not in json.loads(out)
    assert json.loads(run(capsys, "regions", str(tmp_path / "f.json"), "--json")[1])["count"] == 6


@pytest.mark.parametrize("lesson", ["xor", "three-gaussians", "folding-the-plane"])
def test_gradcheck_on_the_plane_with_the_lessons_loss(capsys, lesson):
    code, out, _ = run(capsys, "gradcheck", lesson, "--json")
    assert code == 0 and json.loads(out)["max_relative_error"] < 1e-6
    text = run(capsys, "gradcheck", lesson)[1]
    assert "agree" in text and "the gradients are right" in text


# --- regions ---------------------------------------------------------------------------------

def test_regions_lists_each_region_with_its_formula_and_area(capsys):
    code, out, _ = run(capsys, "regions", "folding-the-plane")
    lines = out.splitlines()
    found = linear_regions(load_preset("folding-the-plane").network, (-6, 6), (-6, 6))
    assert code == 0 and lines[1] == f"linear regions in [-6, 6] × [-6, 6]: {found.count}"
    assert len(lines) == 2 + found.count
    first = found.regions[0]
    assert lines[2] == (f"   1. area {first.area:.4g} ({100 * first.area / 144:.1f}% of the box): "
                        f"{first.formula(0, 'ŷ')}")
    data = json.loads(run(capsys, "regions", "folding-the-plane", "--json")[1])
    assert data["count"] == found.count and data["quantity"] == "ŷ" and not data["capped"]
    assert sum(r["area"] for r in data["regions"]) == pytest.approx(144.0)
    softmax = json.loads(run(capsys, "regions", "three-gaussians", "--json")[1])
    assert softmax["quantity"] == "logit" and len(softmax["regions"][0]["formulas"]) == 3
    assert softmax["regions"][0]["formulas"][2].startswith("logit 2 = ")


def test_regions_in_another_box(capsys):
    data = json.loads(run(capsys, "regions", "xor", "--x1-range", "0", "1", "--x2-range", "0", "1", "--json")[1])
    expected = linear_regions(load_preset("xor").network, (0, 1), (0, 1))
    assert data["box"] == [[0.0, 1.0], [0.0, 1.0]] and data["count"] == expected.count
    assert sum(r["area"] for r in data["regions"]) == pytest.approx(1.0)


def test_capped_regions_say_so(capsys, monkeypatch):
    monkeypatch.setattr(plane, "linear_regions", lambda net, a, b: linear_regions(net, a, b, max_polygons=5))
    out = run(capsys, "regions", "spiral")[1]
    assert "n/a (more than 5 pieces by" in out and "stopped counting" in out
    data = json.loads(run(capsys, "regions", "spiral", "--json")[1])
    assert data["capped"] and data["count"] is None and "stopped counting" in data["message"]
