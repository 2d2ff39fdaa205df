"""Training-step speed of the NumPy core, and of the same networks in a PyTorch loop.

    python tests/bench/bench_core.py [--json] [--repeats N]

Full-batch gradient descent on a sine, for 1-8-1 ReLU / 100 points, 1-32-1 / 1000 points and
1-64-64-1 / 1000 points. When torch can be imported, the same networks (same initial weights,
float64) are trained with autograd + torch.optim.SGD, once with torch.set_num_threads(1) and
once with torch's default thread count; the ratio is torch's time per step over ours. The
first steps' losses are compared with torch's as a sanity check of the maths.

``regions_ms`` is the median time of the exact linear regions (core/regions.py) of a seeded
2-16-16-1 ReLU network on [-6, 6]², ``regions_count`` their number (issue 12 aims at <= 30 ms).

A benchmark, not a test: pytest does not collect it (its name is not test_*.py). Torch is not
a dependency of the project; install it only to compare (`pip install torch==2.13.0`).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time

import numpy as np

from reluplay.core import Network, Trainer, TrainingSettings, make_dataset
from reluplay.core.regions import linear_regions

CASES = [("1-8-1", [8], 100), ("1-32-1", [32], 1000), ("1-64-64-1", [64, 64], 1000)]
LEARNING_RATE = 0.01
SANITY_STEPS = 50


def _best_seconds_per_step(run_steps, steps: int, repeats: int) -> float:
    run_steps(max(1, steps // 10))  # warm up caches and lazy initialisation
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run_steps(steps)
        best = min(best, (time.perf_counter() - start) / steps)
    return best


def _steps_for(n_params: int, n_points: int) -> int:
    """About 0.1-0.3 s per repeat for every case."""
    return max(50, min(5000, int(3e6 / (n_params * n_points) + 0.5) * 10))


def case_data(hidden, n_points):
    net = Network.initialized(hidden, activation="relu", seed=0)
    x, y = make_dataset("sine", n_points, seed=0)
    return net, x, y


def bench_numpy(hidden, n_points, repeats):
    net, x, y = case_data(hidden, n_points)
    trainer = Trainer(net, x, y, TrainingSettings(optimizer="gd", learning_rate=LEARNING_RATE))
    steps = _steps_for(net.params.size, n_points)
    return _best_seconds_per_step(trainer.step, steps, repeats)


def numpy_losses(hidden, n_points, n_steps=SANITY_STEPS):
    net, x, y = case_data(hidden, n_points)
    trainer = Trainer(net, x, y, TrainingSettings(optimizer="gd", learning_rate=LEARNING_RATE))
    losses = []
    for _ in range(n_steps):
        trainer.step(1)
        losses.append(trainer.last_loss)
    return np.array(losses)


def bench_regions(repeats: int) -> tuple[float, int]:
    """(median ms, count) of the exact regions of a seeded 2-16-16-1 ReLU net on [-6, 6]²."""
    net = Network.initialized([16, 16], "relu", seed=0, features=("x1", "x2"))
    linear_regions(net, (-6, 6), (-6, 6))  # warm up
    times, count = [], None
    for _ in range(max(3, repeats)):
        start = time.perf_counter()
        count = linear_regions(net, (-6, 6), (-6, 6)).count
        times.append(time.perf_counter() - start)
    return float(np.median(times)) * 1e3, count


# --- PyTorch ---------------------------------------------------------------------------------

def _import_torch():
    try:
        import torch
    except ImportError:
        return None
    return torch


def torch_model(torch, net: Network):
    """The same layers and weights as ``net``, in float64."""
    modules = []
    for lay in net.layers:
        linear = torch.nn.Linear(lay.n_in, lay.n_out, dtype=torch.float64)
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(lay.weights.copy()))
            linear.bias.copy_(torch.from_numpy(lay.biases.copy()))
        modules.append(linear)
        if lay.activation == "relu":
            modules.append(torch.nn.ReLU())
        elif lay.activation != "identity":
            raise ValueError(f"no torch counterpart set up for {lay.activation}")
    return torch.nn.Sequential(*modules)


def _torch_trainer(torch, hidden, n_points):
    net, x, y = case_data(hidden, n_points)
    model = torch_model(torch, net)
    tx = torch.from_numpy(x.reshape(-1, 1).copy())
    ty = torch.from_numpy(y.reshape(-1, 1).copy())
    optimizer = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    losses = []

    def run(steps, record=False):
        for _ in range(steps):
            optimizer.zero_grad()
            loss = torch.mean((model(tx) - ty) ** 2)
            loss.backward()
            optimizer.step()
            if record:
                losses.append(loss.item())

    return net, run, losses


def bench_torch(torch, hidden, n_points, repeats, threads):
    previous = torch.get_num_threads()
    if threads is not None:
        torch.set_num_threads(threads)
    try:
        net, run, _ = _torch_trainer(torch, hidden, n_points)
        steps = max(20, _steps_for(net.params.size, n_points) // 4)
        return _best_seconds_per_step(run, steps, repeats)
    finally:
        torch.set_num_threads(previous)


def torch_losses(torch, hidden, n_points, n_steps=SANITY_STEPS):
    _, run, losses = _torch_trainer(torch, hidden, n_points)
    run(n_steps, record=True)
    return np.array(losses)


# --- report ----------------------------------------------------------------------------------

def environment(torch) -> dict:
    env = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "OPENBLAS_CORETYPE": os.environ.get("OPENBLAS_CORETYPE"),
        "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS"),
        "OMP_NUM_THREADS": os.environ.get("OMP_NUM_THREADS"),
    }
    if torch is not None:
        env["torch"] = torch.__version__
        env["torch_default_threads"] = torch.get_num_threads()
    return env


def run(repeats: int) -> dict:
    torch = _import_torch()
    results = {"environment": environment(torch), "cases": []}
    for name, hidden, n_points in CASES:
        ours = bench_numpy(hidden, n_points, repeats)
        case = {"network": name, "points": n_points, "numpy_us_per_step": ours * 1e6,
                "numpy_steps_per_s": 1.0 / ours}
        if torch is not None:
            for label, threads in (("torch_1_thread", 1), ("torch_default_threads", None)):
                theirs = bench_torch(torch, hidden, n_points, repeats, threads)
                case[f"{label}_us_per_step"] = theirs * 1e6
                case[f"{label}_steps_per_s"] = 1.0 / theirs
                case[f"speedup_vs_{label}"] = theirs / ours
            a, b = numpy_losses(hidden, n_points), torch_losses(torch, hidden, n_points)
            case["loss_curve_max_rel_diff"] = float(np.max(np.abs(a - b) / np.abs(b)))
            case["loss_curve_matches_torch"] = bool(np.allclose(a, b, rtol=1e-9, atol=0.0))
            case["loss_first_last"] = [float(a[0]), float(a[-1])]
        results["cases"].append(case)
    results["regions_ms"], results["regions_count"] = bench_regions(repeats)
    return results


def print_table(results: dict) -> None:
    env = results["environment"]
    print("reluplay core benchmark: full-batch gradient descent, float64, sine data")
    print("  " + ", ".join(f"{k}={v}" for k, v in env.items()))
    has_torch = "torch" in env
    head = f"{'network':>10} {'points':>6} {'numpy steps/s':>14} {'us/step':>9}"
    if has_torch:
        head += f" {'torch 1T steps/s':>17} {'ratio':>6} {'torch nT steps/s':>17} {'ratio':>6}  loss curve"
    print(head)
    for c in results["cases"]:
        line = f"{c['network']:>10} {c['points']:>6} {c['numpy_steps_per_s']:>14,.0f} {c['numpy_us_per_step']:>9.1f}"
        if has_torch:
            line += (f" {c['torch_1_thread_steps_per_s']:>17,.0f} {c['speedup_vs_torch_1_thread']:>5.1f}x"
                     f" {c['torch_default_threads_steps_per_s']:>17,.0f} {c['speedup_vs_torch_default_threads']:>5.1f}x"
                     f"  {'matches' if c['loss_curve_matches_torch'] else 'DIFFERS'}"
                     f" (max rel diff {c['loss_curve_max_rel_diff']:.1e})")
        print(line)
    print(f"exact linear regions of a 2-16-16-1 ReLU net on [-6, 6]²: {results['regions_count']} regions"
          f" in {results['regions_ms']:.1f} ms (median)")
    if not has_torch:
        print("(torch is not installed: no comparison; `pip install torch==2.13.0` to compare)")
    else:
        print("ratio = torch time per step / numpy time per step (higher: numpy core faster)")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--repeats", type=int, default=5, help="timed repeats per case (best is kept)")
    args = parser.parse_args(argv)
    results = run(args.repeats)
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
    else:
        print_table(results)
    mismatch = [c["network"] for c in results["cases"] if c.get("loss_curve_matches_torch") is False]
    return 1 if mismatch else 0


if __name__ == "__main__":
    sys.exit(main())
