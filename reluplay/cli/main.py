"""The `reluplay` command: opens the GUI, or runs a headless subcommand.

The preset is loaded and validated here, before anything imports Qt, so a broken file costs
one line on stderr and exit status 2, whether or not the desktop UI is installed. User errors
never print a traceback; a traceback means a bug.
"""
from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from reluplay.cli.args import (
    PROG,
    SUBCOMMANDS,
    CliError,
    ParserExit,
    checked_frames_folder,
    gui_parser,
    subcommand_parser,
    writable_target,
)
from reluplay.cli.progress import Progress
from reluplay.presets.errors import printable


def _load(source: str):
    from reluplay.presets import load_preset

    return load_preset(source)  # PresetError is turned into the error line by main()


def _ui(module: str, name: str):
    """Import a UI entry point lazily; a missing or broken Qt install is a user-facing error."""
    import importlib

    try:
        return getattr(importlib.import_module(f"reluplay.ui.{module}"), name)
    except (ImportError, AttributeError) as exc:
        raise CliError(f"the desktop UI is not available: {exc}") from None


def _require_display() -> None:
    """On Linux, Qt aborts the process with a core dump when there is no display, when the X display
    does not answer, or when a library of its X11 platform is missing; say which in one line first."""
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if not sys.platform.startswith("linux") or (platform and not platform.startswith("xcb")):
        return  # offscreen, minimal, wayland...: not the X11 platform
    if not platform:
        if os.environ.get("WAYLAND_DISPLAY"):
            return  # Qt may well use Wayland
        if not os.environ.get("DISPLAY"):
            raise CliError("no display to open the window on (DISPLAY and WAYLAND_DISPLAY are not set); "
                           "use --screenshot OUT.png, or set QT_QPA_PLATFORM=offscreen")
    from reluplay.cli.display_check import x11_problem

    problem = x11_problem(os.environ.get("DISPLAY", ""))
    if problem is not None:
        raise CliError(problem)


def _run_gui(args: argparse.Namespace) -> int:
    from reluplay.presets import DEFAULT_PRESET

    source = args.preset or DEFAULT_PRESET
    preset = _load(source)
    screenshot = None
    if args.screenshot is not None:
        screenshot = writable_target(args.screenshot, "--screenshot", (".png",))
    if screenshot is None:
        if args.size is not None:
            raise CliError("--size sets the size of a --screenshot: use it with --screenshot OUT.png")
        _require_display()
    run_gui = _ui("launch", "run_gui")
    status = run_gui(preset, source=source, screenshot=screenshot, train_steps=args.train_steps,
                     presentation=args.presentation, size=args.size)
    return int(status or 0)


def _run_render(args: argparse.Namespace) -> int:
    preset = _load(args.preset)
    out = writable_target(args.out, "--out", (".png", ".svg"))
    render_figure = _ui("plots.render", "render_figure")
    try:
        status = render_figure(preset, out, width=args.width, height=args.height)
    except OSError as exc:
        raise CliError(f"{out}: --out: could not write the figure: {exc.strerror or exc}") from None
    return _report_written(out, status)


def _report_written(out: Path, status) -> int:
    """The UI functions return an exit status (None counts as success)."""
    status = int(status or 0) if isinstance(status, int) or status is None else 0
    if status == 0:
        print(printable(f"wrote {out}"))
    return status


def _run_animate(args: argparse.Namespace) -> int:
    preset = _load(args.preset)
    out: Path = args.out
    if out.suffix.lower() == ".gif":
        writable_target(out, "--out")
    elif out.suffix:
        raise CliError(f"{out}: --out: expected a .gif file or a folder for PNG frames")
    else:
        checked_frames_folder(out)
    if args.frames > args.steps + 1:
        raise CliError(f"--frames: expected at most {args.steps + 1} frames for {args.steps} steps, got {args.frames}")
    animate_run = _ui("plots.animate", "animate_run")
    bar = Progress("animate", args.frames, "frames")
    # The callback is passed only when a bar is shown: on a pipe the call is as it always was.
    extra = {"progress": bar.update} if bar.active else {}
    try:
        with bar:
            status = animate_run(preset, out, steps=args.steps, frames=args.frames, spacing=args.spacing, **extra)
    except OSError as exc:
        raise CliError(f"{out}: --out: could not write the animation: {exc.strerror or exc}") from None
    return _report_written(out, status)


def _dispatch(argv: list[str]) -> int:
    from reluplay.cli import commands as cli_commands

    if argv and argv[0] in SUBCOMMANDS:
        args = subcommand_parser().parse_args(argv)
        if args.command == "render":
            return _run_render(args)
        if args.command == "animate":
            return _run_animate(args)
        command = getattr(cli_commands, f"cmd_{args.command}")
        preset = None if args.command == "presets" else _load(args.preset)
        return command(args, preset)
    return _run_gui(gui_parser().parse_args(argv))


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `reluplay` console script; returns the exit status."""
    from reluplay.presets import PresetError

    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        status = _dispatch(argv)
        if sys.stdout is not None:
            sys.stdout.flush()  # a closed pipe shows up here, not as a traceback at exit
        return status
    except ParserExit as done:  # --help and --version
        return done.status
    except BrokenPipeError:  # `reluplay presets | head -c5`: the reader has all it wanted
        _quiet_stdout()
        return 141  # 128 + SIGPIPE, as a tool killed by the closed pipe reports
    except (CliError, PresetError) as exc:
        print(f"{PROG}: error: {printable(str(exc))}", file=sys.stderr)
        return 2
    except OSError as exc:  # a path the system refuses where no check above words it: still one line
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"{PROG}: error: {printable(where + str(exc.strerror or exc))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130


def _quiet_stdout() -> None:
    """Point stdout at the null device, so Python's own flush at exit cannot fail on the closed pipe again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass  # no real stdout to redirect: nothing left to flush either


def gui_main() -> int:
    """Entry point of the `reluplay-gui` script (no console window on Windows)."""
    return main(sys.argv[1:])
