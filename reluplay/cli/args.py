"""The `reluplay` command's arguments: the parser, its types and limits, and the one user-error type.

A usage mistake or a bad value is a :class:`CliError`: printed as one `reluplay: error:` line,
exit status 2, never a traceback. No Qt here, and nothing from the commands.
"""
from __future__ import annotations

import argparse
import math
import os
import re
import sys
from pathlib import Path

from reluplay.core import OPTIMIZERS
from reluplay.core.training import MAX_LEARNING_RATE

PROG = "reluplay"
SUBCOMMANDS = ("presets", "eval", "info", "train", "gradcheck", "regions", "render", "animate")
MAX_STEPS = 10_000_000
MAX_FRAMES = 2_000
MAX_IMAGE_SIDE = 8_000
MAX_EVAL_POINTS = 100_000
#: More than any allowed network has (8 x 256 units: 461,313); the real bound is the work (commands.py).
MAX_GRADCHECK_SAMPLE = 10_000_000


class CliError(Exception):
    """A user error: printed as one `reluplay: error:` line, exit status 2."""


_NUMBER = r"(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?"
#: A negative number, or a point X1,X2 whose X1 is negative ("-3,-2"): values, not options.
_NEGATIVE_NUMBER = re.compile(rf"^-{_NUMBER}(,\s*[-+]?{_NUMBER})?$|^-(inf|infinity|nan)$", re.IGNORECASE)


class Parser(argparse.ArgumentParser):
    """argparse, but a usage mistake is one error line (no usage dump) and never exits the caller."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # argparse takes "-1e-3" (and "-inf") for an option, as its pattern knows only -1 and -1.5;
        # every negative number float() reads is a value, so `--x 0 -1e-3` means two numbers.
        self._negative_number_matcher = _NEGATIVE_NUMBER

    def error(self, message: str):
        raise CliError(f"{message} (see '{self.prog} --help')")

    def exit(self, status: int = 0, message: str | None = None):
        if message:
            sys.stderr.write(message)
        raise ParserExit(status)


class ParserExit(Exception):
    def __init__(self, status: int):
        self.status = status


# --- argument types: each names the bad value; argparse adds the option name -------------------

def _whole_number(low: int, high: int, shown_high: str | None = None):
    """An argparse type: a whole number in [low, high], with a message naming the bad value."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(
                f"expected a whole number from {low} to {shown_high or high}, got {value}")
        return value
    return parse


def _positive_int(limit: int):
    return _whole_number(1, limit)


_non_negative_int = _whole_number(0, MAX_STEPS)
_seed = _whole_number(0, 2**63 - 1, "2**63 - 1")


def _finite(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"expected a finite number, got {text!r}")
    return value


#: The smallest window the app is laid out for (a 1280x720 projector); --size refuses less.
MIN_WINDOW_SIZE = (640, 480)
_WINDOW_SIZE = re.compile(r"^\s*(\d+)\s*[xX×]\s*(\d+)\s*$")


def _window_size(text: str) -> tuple[int, int]:
    """WxH, e.g. 1280x720: the window's size in pixels for --screenshot."""
    match = _WINDOW_SIZE.match(text)
    if match is None:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT in pixels such as 1280x720, got {text!r}")
    width, height = int(match.group(1)), int(match.group(2))
    low_w, low_h = MIN_WINDOW_SIZE
    if not (low_w <= width <= MAX_IMAGE_SIDE and low_h <= height <= MAX_IMAGE_SIDE):
        raise argparse.ArgumentTypeError(
            f"expected a width from {low_w} to {MAX_IMAGE_SIDE} and a height from {low_h} to {MAX_IMAGE_SIDE}, "
            f"got {width}x{height}")
    return width, height


def _number_or_pair(text: str) -> float | tuple[float, float]:
    """``--x``: a number (one input), or ``X1,X2`` (two inputs)."""
    if "," not in text:
        try:
            float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"expected a number (or X1,X2 for a lesson with two inputs), got {text!r}") from None
        return _finite(text)
    return _pair(text)


def _pair(text: str) -> tuple[float, float]:
    """``--points``: a point X1,X2 of the plane."""
    parts = text.split(",")
    if len(parts) != 2:
        raise argparse.ArgumentTypeError(f"expected a point X1,X2 (two numbers and a comma), got {text!r}")
    try:
        a, b = (_finite(p.strip()) for p in parts)
    except argparse.ArgumentTypeError:
        raise argparse.ArgumentTypeError(f"expected a point X1,X2 of two finite numbers, got {text!r}") from None
    return a, b


def _learning_rate(text: str) -> float:
    value = _finite(text)
    if not 0.0 < value <= MAX_LEARNING_RATE:
        raise argparse.ArgumentTypeError(f"expected a number > 0 and <= {MAX_LEARNING_RATE:g}, got {text}")
    return value


def _optimizer(text: str) -> str:
    if text not in OPTIMIZERS:
        raise argparse.ArgumentTypeError(f"unknown optimizer {text!r} (known: {', '.join(OPTIMIZERS)})")
    return text


# --- parsers -----------------------------------------------------------------------------------

def gui_parser() -> Parser:
    from reluplay import __version__

    parser = Parser(
        prog=PROG,
        description="A playground for how networks of ReLU units build functions. "
        "Opens the desktop app with a lesson preset.",
        epilog="Headless subcommands: " + ", ".join(SUBCOMMANDS) + f" (see '{PROG} SUBCOMMAND --help').",
    )
    parser.add_argument("preset", nargs="?", default=None,
                        help="a preset file or a built-in lesson's name or slug (default: 'ReLU in action')")
    parser.add_argument("--screenshot", metavar="OUT.png", type=Path,
                        help="open the window offscreen, save a PNG of it and exit")
    parser.add_argument("--size", metavar="WxH", type=_window_size,
                        help="the window's size for --screenshot, e.g. 1280x720 (default 1600x1000)")
    parser.add_argument("--train-steps", metavar="N", type=_non_negative_int, default=0,
                        help="train N steps before showing (or screenshotting) the network")
    parser.add_argument("--presentation", action="store_true", help="start in presentation mode")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    return parser


def subcommand_parser() -> Parser:
    parser = Parser(prog=PROG, description="Headless lessons: inspect, evaluate and train presets.")
    subs = parser.add_subparsers(dest="command", parser_class=Parser, metavar="SUBCOMMAND")
    preset_help = "a preset file or a built-in lesson's name or slug"

    p = subs.add_parser("presets", help="list the built-in lessons")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = subs.add_parser("eval", help="outputs and hidden-unit activations at some x (or points x1,x2)")
    p.add_argument("preset", help=preset_help)
    p.add_argument("--x", nargs="+", type=_number_or_pair, metavar="X",
                   help="input values (two inputs: points X1,X2)")
    p.add_argument("--x1", nargs="+", type=_finite, metavar="X1", help="two inputs: the x1 of each point")
    p.add_argument("--x2", nargs="+", type=_finite, metavar="X2", help="two inputs: the x2 of each point")
    p.add_argument("--points", nargs="+", type=_pair, metavar="X1,X2", help="two inputs: points X1,X2")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = subs.add_parser("info", help="kinks (or linear regions), dead units, loss and accuracy")
    p.add_argument("preset", help=preset_help)
    p.add_argument("--json", action="store_true", help="print JSON")

    p = subs.add_parser("train", help="train headless and print the final loss")
    p.add_argument("preset", help=preset_help)
    p.add_argument("--steps", type=_positive_int(MAX_STEPS), required=True, metavar="N", help="training steps")
    p.add_argument("--optimizer", type=_optimizer, metavar="O", help="one of: " + ", ".join(OPTIMIZERS))
    p.add_argument("--lr", type=_learning_rate, metavar="LR", help="learning rate")
    p.add_argument("--batch-size", type=_positive_int(10**9), metavar="B", help="mini-batch size")
    p.add_argument("--seed", type=_seed, metavar="S", help="seed for mini-batch shuffling")
    p.add_argument("--out", type=Path, metavar="FILE", help="save the trained network as a preset")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = subs.add_parser("gradcheck", help="compare backprop with finite differences")
    p.add_argument("preset", help=preset_help)
    p.add_argument("--parameters", type=_positive_int(MAX_GRADCHECK_SAMPLE), metavar="N",
                   help="check N parameters chosen at random (default: all)")
    p.add_argument("--seed", type=_seed, default=0, metavar="S", help="seed for choosing them (default 0)")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = subs.add_parser("regions", help="a two-input lesson's linear regions: count, formulas and areas")
    p.add_argument("preset", help=preset_help)
    p.add_argument("--x1-range", nargs=2, type=_finite, metavar=("LOW", "HIGH"),
                   help="the box's x1 range (default: the lesson's view)")
    p.add_argument("--x2-range", nargs=2, type=_finite, metavar=("LOW", "HIGH"),
                   help="the box's x2 range (default: the lesson's view)")
    p.add_argument("--json", action="store_true", help="print JSON")

    p = subs.add_parser("render", help="save the three plots as a PNG or SVG figure")
    p.add_argument("preset", help=preset_help)
    p.add_argument("--out", type=Path, required=True, metavar="FILE.png|FILE.svg", help="the figure to write")
    p.add_argument("--width", type=_positive_int(MAX_IMAGE_SIDE), default=1200, metavar="W", help="pixels (default 1200)")
    p.add_argument("--height", type=_positive_int(MAX_IMAGE_SIDE), default=900, metavar="H", help="pixels (default 900)")

    p = subs.add_parser("animate", help="save a training run as a GIF or a folder of PNG frames")
    p.add_argument("preset", help=preset_help)
    p.add_argument("--steps", type=_positive_int(MAX_STEPS), required=True, metavar="N", help="training steps")
    p.add_argument("--frames", type=_positive_int(MAX_FRAMES), required=True, metavar="F",
                   help="frames, spread over the steps as --spacing says")
    p.add_argument("--spacing", choices=("log", "linear"), default="log",
                   help="log (default): frames on a log scale of steps, most of them where the network "
                        "changes most, early on; linear: evenly spaced")
    p.add_argument("--out", type=Path, required=True, metavar="run.gif|FOLDER",
                   help="an animated GIF, or a folder for numbered PNG frames")
    return parser


# --- running -----------------------------------------------------------------------------------

def writable_target(path: Path, option: str, suffixes: tuple[str, ...] | None = None) -> Path:
    """Catch a bad output path before minutes of work, not after."""
    from reluplay.presets.files import is_read_only

    if suffixes is not None and path.suffix.lower() not in suffixes:
        raise CliError(f"{path}: {option}: expected a file name ending in {' or '.join(suffixes)}")
    try:
        if path.is_dir():
            raise CliError(f"{path}: {option}: is a folder, expected a file name")
        parent = path.parent
        if not parent.is_dir():
            raise CliError(f"{path}: {option}: the folder {str(parent)!r} does not exist")
        path.resolve()  # a symlink loop
        path.exists()  # a name too long for the system
    except RuntimeError:  # Python < 3.13 reports a symlink loop this way
        raise CliError(f"{path}: {option}: too many levels of symbolic links") from None
    except OSError as exc:
        raise CliError(f"{path}: {option}: {exc.strerror or exc}") from None
    if not os.access(parent, os.W_OK):
        raise CliError(f"{path}: {option}: the folder {str(parent)!r} is not writable")
    if is_read_only(path):
        raise CliError(f"{path}: {option}: the file is read-only, so it is not replaced; "
                       "give another name (or make it writable first)")
    return path


def checked_frames_folder(out: Path) -> None:
    try:
        if out.exists() and not out.is_dir():
            raise CliError(f"{out}: --out: exists and is not a folder")
        if not out.parent.is_dir():
            raise CliError(f"{out}: --out: the folder {str(out.parent)!r} does not exist")
        if out.is_dir() and any(out.iterdir()):
            raise CliError(f"{out}: --out: the folder is not empty; give a new or empty folder, "
                           "so the frames are not mixed with older files")
    except OSError as exc:  # a name too long for the system, a symlink loop
        raise CliError(f"{out}: --out: {exc.strerror or exc}") from None
