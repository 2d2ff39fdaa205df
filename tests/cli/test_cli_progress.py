"""Progress bars on stderr for long CLI work: shown on a terminal, never on a pipe or with --json."""
import io
import json
import sys
import types

import reluplay.cli.progress as progress_module
from reluplay.cli.main import main
from reluplay.cli.progress import Progress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_bar_line_names_the_work_and_ends_with_a_newline():
    stream, clock = FakeTerminal(), Clock()
    bar = Progress("train", 2000, "steps", stream=stream, clock=clock)
    clock.now += 3.1
    bar.update(840)
    bar.finish()
    text = stream.getvalue()
    assert text.startswith("\rtrain  42% [########            ] 840/2000 steps  3.1 s")
    assert text.endswith("840/2000 steps  3.1 s\n")


def test_the_bar_is_throttled_and_waits_before_showing():
    stream, clock = FakeTerminal(), Clock()
    bar = Progress("eval", 1000, "x values", stream=stream, clock=clock)
    bar.update(1)  # within the start delay: a quick command shows nothing
    assert stream.getvalue() == ""
    clock.now += 1.0
    for done in range(2, 500):
        bar.update(done)  # no time passes: drawn once
    clock.now += 0.2
    bar.update(600)
    assert stream.getvalue().count("\r") == 2
    bar.update(1000)  # the end is always drawn
    assert stream.getvalue().count("\r") == 3


def test_nothing_is_written_when_the_stream_is_not_a_terminal():
    stream, clock = io.StringIO(), Clock()
    bar = Progress("train", 10, "steps", stream=stream, clock=clock)
    clock.now += 5
    bar.update(5)
    bar.finish()
    assert stream.getvalue() == "" and not bar.active


def terminal_stderr(monkeypatch) -> FakeTerminal:
    """stderr that says it is a terminal, and a bar that shows at once and at every update.
    Called in the test itself: pytest's capture sets sys.stderr again after the fixtures."""
    monkeypatch.setattr(progress_module, "START_DELAY_S", 0.0)
    monkeypatch.setattr(progress_module, "REDRAW_INTERVAL_S", 0.0)
    stream = FakeTerminal()
    monkeypatch.setattr(sys, "stderr", stream)
    return stream


def test_train_shows_progress_on_a_terminal(monkeypatch, capsys):
    stderr = terminal_stderr(monkeypatch)
    assert main(["train", "universal-approximation", "--steps", "300"]) == 0
    err = stderr.getvalue()
    assert "\rtrain 100% [####################] 300/300 steps" in err and err.endswith("\n")
    assert "trained 300 steps" in capsys.readouterr().out


def test_train_gives_the_same_network_with_and_without_the_bar(tmp_path, monkeypatch):
    stderr = terminal_stderr(monkeypatch)
    shown, piped = tmp_path / "shown.json", tmp_path / "piped.json"
    assert main(["train", "universal-approximation", "--steps", "300", "--out", str(shown)]) == 0
    assert "300/300 steps" in stderr.getvalue()  # trained in blocks, for the bar
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert main(["train", "universal-approximation", "--steps", "300", "--out", str(piped)]) == 0
    assert shown.read_text() == piped.read_text()


def test_json_output_stays_pure_and_stderr_quiet_on_a_terminal(monkeypatch, capsys):
    stderr = terminal_stderr(monkeypatch)
    assert main(["train", "universal-approximation", "--steps", "300", "--json"]) == 0
    assert main(["gradcheck", "universal-approximation", "--json"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [set(json.loads(line)) for line in out] == [{"steps", "loss", "steps_per_second"}, {"max_relative_error"}]
    assert stderr.getvalue() == ""


def test_piped_runs_print_nothing_extra_on_stderr(monkeypatch, capsys):
    monkeypatch.setattr(progress_module, "START_DELAY_S", 0.0)
    assert main(["train", "universal-approximation", "--steps", "300"]) == 0
    assert main(["gradcheck", "universal-approximation"]) == 0
    assert capsys.readouterr().err == ""


def test_gradcheck_shows_progress_per_parameter(monkeypatch, capsys):
    stderr = terminal_stderr(monkeypatch)
    assert main(["gradcheck", "universal-approximation"]) == 0
    assert "\rgradcheck 100% [####################] 49/49 parameters" in stderr.getvalue()


def test_eval_into_a_file_shows_progress_but_not_over_a_table_on_the_terminal(monkeypatch, capsys):
    stderr = terminal_stderr(monkeypatch)
    xs = [str(v / 100) for v in range(200)]
    assert main(["eval", "relu-in-action", "--x", *xs]) == 0  # stdout is captured: not a terminal
    assert "\reval 100% [####################] 200/200 x values" in stderr.getvalue()
    stderr.truncate(0)
    monkeypatch.setattr(sys, "stdout", FakeTerminal())
    assert main(["eval", "relu-in-action", "--x", *xs]) == 0
    assert stderr.getvalue() == ""


def test_animate_shows_a_bar_fed_by_the_frame_callback(monkeypatch, tmp_path, capsys):
    stderr = terminal_stderr(monkeypatch)
    def animate_run(preset, out, steps, frames, progress=None, spacing="log"):
        for done in range(1, frames + 1):
            progress(done, frames)
        return 0

    animate = types.ModuleType("reluplay.ui.plots.animate")
    animate.animate_run = animate_run
    monkeypatch.setitem(sys.modules, "reluplay.ui.plots.animate", animate)
    assert main(["animate", "step-by-step", "--steps", "20", "--frames", "5", "--out", str(tmp_path / "f")]) == 0
    assert "\ranimate 100% [####################] 5/5 frames" in stderr.getvalue()
