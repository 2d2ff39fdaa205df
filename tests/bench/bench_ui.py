"""Benchmark of the real main window: a 32-unit network training as fast as possible.

Run as a plain script (pytest does not collect it):

    python tests/bench/bench_ui.py [--seconds 5] [--json]

It reports training steps per second in the window against the bare core's rate for the same
network, plot frames per second, how late a 5 ms QTimer fires while training (the GUI's event
loop lateness: what a person feels as lag), resident memory growth, and the time from process
start to the window being shown. With --json the last line is one JSON object.

Targets (issue 4): steps/s >= half the core's, plot fps >= 30, lateness p99 <= 20 ms,
memory growth < 20 MB, startup <= 1.5 s.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402

UNITS = 32
POINTS = 64
TIMER_MS = 5


def bench_preset():
    from reluplay.core import Network, TrainingSettings
    from reluplay.presets import Preset, ViewRange

    x = np.linspace(-1.0, 1.0, POINTS)
    return Preset(
        network=Network.initialized([UNITS], "relu", seed=7), name=f"Benchmark: {UNITS} units",
        x=x, y=np.sin(np.pi * x), training=TrainingSettings(optimizer="adam", learning_rate=0.005),
        view=ViewRange((-1.0, 1.0), (-1.5, 1.5)),
    )


def rss_mb() -> float:
    try:
        with open("/proc/self/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # peak, where /proc is missing


def core_steps_per_second(seconds: float) -> float:
    from reluplay.core import Trainer

    preset = bench_preset()
    trainer = Trainer(preset.network, preset.x, preset.y, preset.training)
    trainer.step(200)  # warm the buffers
    start = time.perf_counter()
    steps = 0
    while time.perf_counter() - start < seconds:
        steps += trainer.step(500)
    return steps / (time.perf_counter() - start)


def startup_seconds() -> float:
    """From starting a fresh interpreter to the main window being shown."""
    code = (
        "import time, os;"
        "os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen');"
        "from reluplay.presets import load_preset;"
        "from reluplay.ui.application import make_application;"
        "app = make_application();"
        "from reluplay.ui.main_window import MainWindow;"
        "w = MainWindow(load_preset('relu-in-action')); w.resize(1600, 1000); w.show(); app.processEvents();"
        "print('shown', flush=True);"
        "w.ask_to_save_on_close = False; w.close()"
    )
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True)
    proc.stdout.readline()
    shown = time.perf_counter() - start
    proc.wait(timeout=60)
    return shown


def gui_benchmark(seconds: float) -> dict:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    from reluplay.ui.application import make_application
    from reluplay.ui.main_window import MainWindow

    app = make_application()
    window = MainWindow(bench_preset())
    window.ask_to_save_on_close = False
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    session, controller, plots = window.session, window.controller, window.plots

    def run_for(duration_s: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(duration_s * 1000), loop.quit)
        loop.exec()

    controller.set_speed(None)
    controller.play()
    run_for(1.0)  # warm-up: first frames, caches, lazily built buffers
    rss_before = rss_mb()

    lateness_ms: list[float] = []
    clock = QElapsedTimer()
    clock.start()
    last = [clock.nsecsElapsed()]

    def tick() -> None:
        now = clock.nsecsElapsed()
        lateness_ms.append(max(0.0, (now - last[0]) / 1e6 - TIMER_MS))
        last[0] = now

    probe = QTimer()
    probe.setTimerType(Qt.TimerType.PreciseTimer)
    probe.setInterval(TIMER_MS)
    probe.timeout.connect(tick)

    step0, frames0 = session.step, plots.redraw_count
    start = time.perf_counter()
    probe.start()
    run_for(seconds)
    probe.stop()
    elapsed = time.perf_counter() - start
    steps, frames = session.step - step0, plots.redraw_count - frames0
    controller.pause()
    run_for(0.2)
    rss_after = rss_mb()
    final_loss = session.loss()
    window.close()
    app.processEvents()
    lat = np.array(lateness_ms) if lateness_ms else np.zeros(1)
    return {
        "steps_per_second": steps / elapsed,
        "plot_fps": frames / elapsed,
        "lateness_p50_ms": float(np.percentile(lat, 50)),
        "lateness_p99_ms": float(np.percentile(lat, 99)),
        "lateness_max_ms": float(lat.max()),
        "rss_growth_mb": rss_after - rss_before,
        "final_loss": final_loss,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to train in the window")
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = parser.parse_args(argv)

    startup = startup_seconds()
    core = core_steps_per_second(2.0)
    result = gui_benchmark(args.seconds)
    result["core_steps_per_second"] = core
    result["startup_s"] = startup
    print(f"{UNITS}-unit network, {POINTS} points, Adam, {args.seconds:g} s in the real window (offscreen)")
    print(f"  training steps/s in the window  {result['steps_per_second']:10.0f}"
          f"   (bare core: {core:.0f}/s, ratio {result['steps_per_second'] / core:.2f}; target >= 0.5)")
    print(f"  plot frames/s                   {result['plot_fps']:10.1f}   (target >= 30)")
    print(f"  event-loop lateness p50/p99/max {result['lateness_p50_ms']:.2f} / {result['lateness_p99_ms']:.2f}"
          f" / {result['lateness_max_ms']:.2f} ms   (target p99 <= 20 ms)")
    print(f"  resident memory growth          {result['rss_growth_mb']:10.1f} MB (target < 20 MB)")
    print(f"  start to window shown           {startup:10.2f} s  (target <= 1.5 s)")
    print(f"  loss after training            {result['final_loss']:.3g}")
    if args.json:
        keys = ("steps_per_second", "core_steps_per_second", "plot_fps", "lateness_p50_ms", "lateness_p99_ms",
                "lateness_max_ms", "rss_growth_mb", "startup_s")
        print(json.dumps({k: round(float(result[k]), 3) for k in keys}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
