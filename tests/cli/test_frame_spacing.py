"""Issue 13 item 3: a GIF's frames follow the fit (log scale of steps) instead of showing a finished fit."""
import pytest

from reluplay.cli.args import subcommand_parser
from reluplay.ui.plots.animate import frame_steps


def test_log_spacing_puts_most_frames_early_and_never_repeats_a_step():
    steps = frame_steps(3000, 40, "log")
    assert steps[0] == 0 and steps[-1] == 3000 and len(steps) == 40
    assert all(a < b for a, b in zip(steps, steps[1:]))
    # Universal approximation has 90% of its fit in its first ~80 steps: most frames show that part.
    assert sum(s <= 100 for s in steps) >= 20
    assert sum(s <= 100 for s in frame_steps(3000, 40, "linear")) == 2


def test_log_spacing_with_few_steps_shows_each_step():
    assert frame_steps(7, 8, "log") == list(range(8))
    assert frame_steps(100, 1, "log") == [100]
    with pytest.raises(ValueError, match="unknown frame spacing"):
        frame_steps(100, 5, "cubic")


def test_animate_takes_a_spacing_and_defaults_to_log():
    parser = subcommand_parser()
    base = ["animate", "step-by-step", "--steps", "10", "--frames", "3", "--out", "x.gif"]
    assert parser.parse_args(base).spacing == "log"
    assert parser.parse_args(base + ["--spacing", "linear"]).spacing == "linear"


def test_animate_run_spaces_frames_on_a_log_scale_by_default(monkeypatch, tmp_path):
    from reluplay.presets import load_preset
    from reluplay.ui.plots import animate

    seen = []
    monkeypatch.setattr(animate, "_frames", lambda preset, targets, size: seen.append(targets) or (i for i in ()))
    animate.animate_run(load_preset("step-by-step"), tmp_path / "frames", steps=1000, frames=10)
    assert seen == [frame_steps(1000, 10, "log")]
