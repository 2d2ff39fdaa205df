"""Peak memory (max RSS) and time of the CLI's long commands at the largest allowed sizes.

    python tests/bench/bench_cli_memory.py                    # everything, this tree
    python tests/bench/bench_cli_memory.py eval --points 10000
    python tests/bench/bench_cli_memory.py animate --frames 200 --format gif
    python tests/bench/bench_cli_memory.py gradcheck --parameters 20
    python tests/bench/bench_cli_memory.py eval --code /tmp/older-checkout   # an older version, to compare

Each command runs in its own process under /usr/bin/time -v (Linux), its stdout going to /dev/null
(the JSON of eval at 100,000 x values is GBs of text). The largest preset is MAX_HIDDEN_LAYERS hidden
layers of MAX_UNITS_PER_LAYER ReLU units on MAX_DATA_POINTS points (the limits in reluplay.core); animate
trains and draws that network too. Figures are printed, never asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from reluplay.core import MAX_DATA_POINTS  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


#: The limits' largest network and data, built in the measured process (no file to write).
LARGEST = """
import sys
import numpy as np
import reluplay.cli.main as cli_main
from reluplay.core import MAX_DATA_POINTS, MAX_HIDDEN_LAYERS, MAX_UNITS_PER_LAYER, Network
from reluplay.presets import Preset

load = cli_main._load

def largest(source):
    if source != "@largest":
        return load(source)
    x = np.linspace(-1.0, 1.0, MAX_DATA_POINTS)
    network = Network.initialized([MAX_UNITS_PER_LAYER] * MAX_HIDDEN_LAYERS, "relu", seed=3)
    return Preset(network=network, name="Largest", x=x, y=np.sin(np.pi * x))

cli_main._load = largest
sys.exit(cli_main.main(sys.argv[1:]))
"""


def measure(argv: list[str], code: Path) -> dict:
    """Run `reluplay ARGV` (preset "@largest": the largest network) from the tree ``code``; its max RSS,
    wall time and exit status."""
    env = dict(os.environ, PYTHONPATH=str(code), QT_QPA_PLATFORM="offscreen", PYTHONDONTWRITEBYTECODE="1")
    start = time.perf_counter()
    # cwd: python -c puts the working folder first on sys.path, before PYTHONPATH.
    done = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-c", LARGEST, *argv], env=env, cwd=tempfile.gettempdir(),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - start
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    errors = [line for line in done.stderr.splitlines() if "error" in line.lower() or "Error" in line]
    return {"status": done.returncode, "seconds": round(seconds, 1),
            "max_rss_mb": round(int(rss.group(1)) / 1024, 1) if rss else None, "errors": errors[-2:]}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("what", nargs="*", default=["eval", "animate", "gradcheck"],
                        choices=["eval", "eval-text", "animate", "gradcheck"])
    parser.add_argument("--points", type=int, default=100_000, help="x values for eval (default 100,000)")
    parser.add_argument("--frames", type=int, default=2_000, help="frames for animate (default 2,000)")
    parser.add_argument("--format", choices=["gif", "png", "both"], default="both")
    parser.add_argument("--parameters", type=int, default=20, help="parameters for gradcheck (default 20)")
    parser.add_argument("--code", type=Path, default=ROOT, help="the reluplay tree to run (default: this one)")
    args = parser.parse_args(argv)
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        preset = "@largest"
        xs = [f"{v:.6f}" for v in np.linspace(-1.5, 1.5, args.points)]
        for what in args.what:
            if what in ("eval", "eval-text"):
                argv_ = ["eval", preset, "--x", *xs] + (["--json"] if what == "eval" else [])
                name = f"{what} {args.points:,} x values, largest network"
            elif what == "gradcheck":
                argv_ = ["gradcheck", preset, "--parameters", str(args.parameters)]
                name = f"gradcheck {args.parameters} parameters, largest network, {MAX_DATA_POINTS:,} points"
            else:
                for fmt in (["gif", "png"] if args.format == "both" else [args.format]):
                    out = folder / ("run.gif" if fmt == "gif" else f"frames-{len(results)}")
                    argv_ = ["animate", preset, "--steps", str(args.frames * 5),
                             "--frames", str(args.frames), "--out", str(out)]
                    result = {"measure": f"animate {args.frames:,} frames ({fmt}), largest network, 1200x900",
                              **measure(argv_, args.code)}
                    print(json.dumps(result), flush=True)
                    results.append(result)
                continue
            result = {"measure": name, **measure(argv_, args.code)}
            print(json.dumps(result), flush=True)
            results.append(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
