"""`reluplay gradcheck` says what the window's Check gradients says, kinks only where they are (issue 9, item 11)."""
import json

from reluplay.cli.main import main
from reluplay.presets import load_preset
from reluplay.teach import explain


def _gradcheck(capsys, *argv):
    assert main(["gradcheck", *argv]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    return out


def test_a_smooth_lesson_passes_without_blaming_a_kink(capsys):
    data = json.loads(_gradcheck(capsys, "softplus-squiggle", "--json"))
    assert data["max_relative_error"] <= explain.AGREE_ERROR
    out = _gradcheck(capsys, "softplus-squiggle")
    assert "kink" not in out and "the gradients are right" in out


def test_a_relu_lesson_with_points_on_kinks_still_says_so(capsys):
    out = _gradcheck(capsys, "relu-in-action")
    assert "data points sit exactly on kinks" in out and "x = 0.5 on unit A's" in out


def test_the_command_line_and_the_window_say_the_same(capsys):
    for lesson in ("softplus-squiggle", "relu-in-action", "step-by-step"):
        preset = load_preset(lesson)
        window = explain.gradient_check_report(preset.network, preset.x, preset.y).message
        assert _gradcheck(capsys, lesson).splitlines()[-1] == window
