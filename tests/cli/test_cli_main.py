"""The `reluplay` command through main([...]): exit codes, JSON shapes, one-line errors."""
import json
import os
import sys
import types

import numpy as np
import pytest

from reluplay import __version__
from reluplay.cli.main import main
from reluplay.presets import LESSON_ORDER, load_preset, read_preset_file, save_preset


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_error_line(err, *words):
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("reluplay: error: ")
    assert "Traceback" not in err
    for word in words:
        assert word in lines[0]


@pytest.fixture
def broken(tmp_path):
    path = tmp_path / "ReLU.json"
    text = '{"format": "reluplay-preset", "schema_version": 1, "network": {"layers": [' \
           '{"weights": [[1], [2]], "biases": [0, 0]}, {"weights": [[1, 2, 3]], "biases": [0]}]}}'
    path.write_text(text)
    return path


def test_presets_lists_every_builtin(capsys):
    code, out, err = run(capsys, "presets")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == list(LESSON_ORDER)
    assert "ReLU in action" in lines[0]
    code, out, _ = run(capsys, "presets", "--json")
    assert [r["slug"] for r in json.loads(out)] == list(LESSON_ORDER)


def test_eval_json_gives_outputs_and_first_layer_units(capsys):
    code, out, err = run(capsys, "eval", "ReLU in action", "--x", "0", "0.5", "1", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"x", "y", "units", "unit_names"}
    assert data["x"] == [0.0, 0.5, 1.0]
    np.testing.assert_allclose(data["y"], [0.0, 1.01, 0.0], atol=1e-12)
    np.testing.assert_allclose(data["units"], [[0.0, 0.0, 0.85], [0.0, 6.3, 12.6]], atol=1e-12)


def test_eval_of_a_deep_net_adds_every_hidden_layer(capsys, tmp_path):
    from reluplay.core import Network

    preset = load_preset("step-by-step")
    preset.network = Network.initialized([3, 2], seed=4)
    save_preset(preset, tmp_path / "deep.json")
    code, out, _ = run(capsys, "eval", str(tmp_path / "deep.json"), "--x", "-1", "2", "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"x", "y", "units", "unit_names", "layers"}
    assert np.array(data["units"]).shape == (3, 2)
    assert [np.array(layer).shape for layer in data["layers"]] == [(3, 2), (2, 2)]
    assert data["layers"][0] == data["units"]


def test_eval_text_is_a_table(capsys):
    code, out, _ = run(capsys, "eval", "relu-in-action", "--x", "0.5")
    assert code == 0
    assert out.splitlines()[1].split() == ["x", "y", "unit", "A", "unit", "B"]
    assert out.splitlines()[2].split() == ["0.5", "1.01", "0", "6.3"]


def test_info_json(capsys):
    code, out, _ = run(capsys, "info", "linear-in-disguise", "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"inputs", "task", "kinks", "linear_pieces", "linear_regions", "dead_units", "dead_unit_names",
                                     "loss"}
    assert data["kinks"] == [] and data["linear_regions"] == 1 and data["dead_units"] == [0]
    code, out, _ = run(capsys, "info", "relu-in-action", "--json")
    data = json.loads(out)
    assert data["kinks"] == [0.0, 0.5] and data["linear_regions"] == 4 and data["dead_units"] == []
    assert data["loss"] == pytest.approx((0.01**2) / 3)
    code, out, _ = run(capsys, "info", "softplus-squiggle", "--json")
    assert json.loads(out)["linear_regions"] is None  # smooth: no linear pieces to count


def test_train_json_and_out(capsys, tmp_path):
    out_file = tmp_path / "trained.json"
    code, out, err = run(capsys, "train", "universal-approximation", "--steps", "1000", "--json", "--out", str(out_file))
    assert code == 0 and err == ""
    data = json.loads(out)
    assert set(data) == {"steps", "loss", "steps_per_second"}
    assert data["steps"] == 1000 and data["loss"] < 0.01 and data["steps_per_second"] > 0
    trained = read_preset_file(out_file)
    assert trained.network.loss(trained.x, trained.y) == pytest.approx(data["loss"], rel=1e-12)


def test_train_overrides_are_used(capsys, tmp_path):
    out_file = tmp_path / "t.json"
    code, out, _ = run(capsys, "train", "step-by-step", "--steps", "3", "--optimizer", "momentum", "--lr", "0.05",
                       "--batch-size", "2", "--seed", "7", "--out", str(out_file))
    assert code == 0 and "trained 3 steps with momentum (learning rate 0.05)" in out
    settings = read_preset_file(out_file).training
    assert (settings.optimizer, settings.learning_rate, settings.batch_size, settings.seed) == ("momentum", 0.05, 2, 7)


def test_train_text_reports_loss_and_speed(capsys):
    code, out, _ = run(capsys, "train", "relu-in-action", "--steps", "100")
    assert code == 0
    assert "steps per second" in out and "final loss (MSE over all 3 data points)" in out


def test_diverging_training_is_reported_without_a_traceback(capsys):
    code, out, err = run(capsys, "train", "linear-in-disguise", "--steps", "200", "--lr", "0.05", "--json")
    assert code == 1
    assert json.loads(out)["steps"] < 200
    assert "training diverged" in err and "smaller learning rate" in err and "Traceback" not in err


def test_gradcheck_json(capsys):
    code, out, _ = run(capsys, "gradcheck", "universal-approximation", "--json")
    data = json.loads(out)
    assert code == 0 and set(data) == {"max_relative_error"}
    assert data["max_relative_error"] < 1e-5


@pytest.mark.parametrize(
    "argv, words",
    [
        (["train", "relu-in-action", "--steps", "0"], ["--steps", "from 1"]),
        (["train", "relu-in-action", "--steps", "5", "--lr", "-1"], ["--lr", "got -1"]),
        (["train", "relu-in-action", "--steps", "5", "--lr", "nan"], ["--lr", "finite"]),
        (["train", "relu-in-action", "--steps", "5", "--optimizer", "rmsprop"], ["--optimizer", "'rmsprop'"]),
        (["train", "relu-in-action", "--steps", "5", "--batch-size", "0"], ["--batch-size"]),
        (["train", "relu-in-action", "--steps", "5", "--out", "/no/such/folder/x.json"], ["/no/such/folder/x.json", "--out", "does not exist"]),
        (["train", "relu-in-action", "--steps", "5", "--out", "trained.txt"], ["--out", ".json"]),
        (["eval", "relu-in-action", "--x", "one"], ["--x", "'one'"]),
        (["eval", "relu-in-action"], ["--x"]),
        (["info", "no-such-lesson"], ["no-such-lesson: no such file, and no built-in preset"]),
        (["info", "missing.json"], ["missing.json: no such file"]),
        (["frobnicate"], ["frobnicate: no such file"]),
        (["render", "relu-in-action", "--out", "figure.jpg"], ["figure.jpg", "--out", ".png or .svg"]),
        (["animate", "relu-in-action", "--steps", "10", "--frames", "50", "--out", "run.gif"], ["--frames", "at most 11"]),
        (["--screenshot", "shot.jpg"], ["--screenshot", ".png"]),
    ],
)
def test_user_errors_exit_2_with_one_line(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert_one_error_line(err, *words)


def test_broken_file_names_file_and_field_for_every_command(capsys, broken):
    for argv in (["info", str(broken)], ["eval", str(broken), "--x", "0"], ["train", str(broken), "--steps", "1"],
                 ["gradcheck", str(broken)], [str(broken)], ["--screenshot", "x.png", str(broken)]):
        code, out, err = run(capsys, *argv)
        assert code == 2
        assert_one_error_line(err, f"{broken}: network.layers[1].weights: expected 2 columns, got 3")


def test_a_preset_without_data_cannot_be_trained(capsys, tmp_path):
    preset = load_preset("step-by-step")
    preset.x, preset.y = np.zeros(0), np.zeros(0)
    path = save_preset(preset, tmp_path / "nodata.json")
    code, _, err = run(capsys, "train", str(path), "--steps", "3")
    assert code == 2
    assert_one_error_line(err, f"{path}: data: training needs at least one data point")


def test_a_failed_save_of_the_trained_preset_is_an_error_line(capsys, tmp_path, monkeypatch):
    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    out_file = tmp_path / "t.json"
    code, _, err = run(capsys, "train", "step-by-step", "--steps", "2", "--out", str(out_file))
    assert code == 2
    assert_one_error_line(err, f"{out_file}: could not save the preset: Permission denied")
    assert not out_file.exists()


def test_version_and_help(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"reluplay {__version__}"
    code, out, _ = run(capsys, "--help")
    assert code == 0 and "presets, eval, info, train, gradcheck" in out
    code, out, _ = run(capsys, "train", "--help")
    assert code == 0 and "--steps" in out


def test_missing_desktop_ui_is_a_clear_error(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "reluplay.ui.launch", None)  # makes the import fail
    code, out, err = run(capsys, "dead-unit")
    assert code == 2
    assert_one_error_line(err, "the desktop UI is not available")


def test_gui_launch_gets_the_validated_preset(capsys, monkeypatch, tmp_path):
    calls = []
    fake = types.ModuleType("reluplay.ui.launch")
    fake.run_gui = lambda preset, **kw: calls.append((preset, kw)) or 0
    monkeypatch.setitem(sys.modules, "reluplay.ui.launch", fake)
    assert main([]) == 0
    assert main(["dead-unit", "--screenshot", str(tmp_path / "s.png"), "--train-steps", "5", "--presentation"]) == 0
    (default, kw0), (dead, kw1) = calls
    assert default.name == "ReLU in action" and kw0 == dict(source="relu-in-action", screenshot=None,
                                                             train_steps=0, presentation=False, size=None)
    assert dead.name == "Dead unit" and kw1["train_steps"] == 5 and kw1["presentation"] is True
    assert kw1["screenshot"] == tmp_path / "s.png" and kw1["source"] == "dead-unit"


def test_render_and_animate_call_the_ui_lazily(capsys, monkeypatch, tmp_path):
    calls = []
    render = types.ModuleType("reluplay.ui.plots.render")
    render.render_figure = lambda preset, out, **kw: calls.append(("render", preset.name, out, kw))
    animate = types.ModuleType("reluplay.ui.plots.animate")
    animate.animate_run = lambda preset, out, **kw: calls.append(("animate", preset.name, out, kw))
    monkeypatch.setitem(sys.modules, "reluplay.ui.plots.render", render)
    monkeypatch.setitem(sys.modules, "reluplay.ui.plots.animate", animate)
    assert main(["render", "dead-unit", "--out", str(tmp_path / "f.svg"), "--width", "640", "--height", "480"]) == 0
    assert main(["animate", "step-by-step", "--steps", "20", "--frames", "5", "--out", str(tmp_path / "frames")]) == 0
    assert calls == [
        ("render", "Dead unit", tmp_path / "f.svg", {"width": 640, "height": 480}),
        ("animate", "Step by step", tmp_path / "frames", {"steps": 20, "frames": 5, "spacing": "log"}),
    ]


def test_a_read_only_out_folder_is_refused_before_training(capsys, tmp_path, monkeypatch):
    import reluplay.cli.main as cli

    monkeypatch.setattr(cli.os, "access", lambda path, mode: False)  # tests run as root: simulate
    code, out, err = run(capsys, "train", "step-by-step", "--steps", "2", "--out", str(tmp_path / "t.json"))
    assert code == 2 and out == ""
    assert_one_error_line(err, f"{tmp_path / 't.json'}: --out: the folder", "is not writable")


def test_no_display_is_a_clear_error_not_a_qt_abort(monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert main(["relu-in-action"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reluplay: error: no display") and err.count("\n") == 1
    assert "--screenshot" in err and "QT_QPA_PLATFORM=offscreen" in err
