"""Benchmark of the real main window: a 32-unit network training as fast as possible.

Run as a plain script (pytest does not collect it):

    python tests/bench/bench_ui.py [--seconds 5] [--json]
    python tests/bench/bench_ui.py --largest [--json]   # the largest network and data the limits allow
    python tests/bench/bench_ui.py --inputs 2 [--json]  # two inputs: the spiral lesson's 2-8-8-1 net, 500 points
    python tests/bench/bench_ui.py --inputs 2 --batch 10  # ... in batches of 10 points, as TF Playground trains
    python tests/bench/bench_ui.py --largest --inputs 2   # the largest network on the plane (2,000 points)

It reports training steps per second in the window (training runs in a process of its own, see
reluplay/state/training_process.py; RELUPLAY_TRAINING=thread measures the thread fallback) against
the bare core's rate for the same network, plot frames per second, how late a 5 ms QTimer fires while training (the GUI's event
loop lateness: what a person feels as lag), resident memory growth, and the time from process
start to the window being shown. With --json the last line is one JSON object.

Targets (issue 4): steps/s >= half the core's, plot fps >= 30, lateness p99 <= 20 ms,
memory growth < 20 MB, startup <= 1.5 s.

With --largest the network is MAX_HIDDEN_LAYERS x MAX_UNITS_PER_LAYER ReLU units on MAX_DATA_POINTS
points (the largest a preset may hold) and the report adds the window's build time
(window_ready_s), the editor switching to another layer (layer_switch_s), Pause until the worker is
idle (pause_s) and rewinding one step (rewind_step_s). Targets (issue 11): window ready <= 1.5 s,
layer switch <= 0.3 s, lateness p99 <= 50 ms, pause <= 0.5 s, rewind one step <= 0.5 s, memory
growth <= 200 MB.

With --inputs 2 the window shows the plane: the built-in spiral lesson's 2-8-8-1 ReLU network (sigmoid
output, cross-entropy, Adam) trained on all 500 of its spiral points (the lesson holds half of them
out; here every one trains), unit heatmaps and region outlines shown. Targets (issue 12, item 8): the
same as the default's: steps/s >= half the core's, plot fps >= 30, lateness p99 <= 20 ms.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")  # as reluplay/__init__.py sets them, before NumPy loads

import numpy as np  # noqa: E402

UNITS = 32
POINTS = 64
TIMER_MS = 5
#: --layers/--units/--points override the limits' sizes for --largest (to measure candidate limits).
LARGEST_OVERRIDE: dict[str, int] = {}
#: --batch N trains on mini-batches of N points (TF Playground's "updates" are batches of 10).
BATCH: dict[str, int] = {}


def bench_preset(largest: bool = False, inputs: int = 1):
    import dataclasses

    preset = _bench_preset(largest, inputs)
    if BATCH:
        preset = dataclasses.replace(preset, training=dataclasses.replace(preset.training, batch_size=BATCH["size"]))
    return preset


def _bench_preset(largest: bool = False, inputs: int = 1):
    if inputs == 2 and largest:
        return largest_plane_preset()
    if inputs == 2:
        return spiral_preset()
    from reluplay.core import MAX_DATA_POINTS, MAX_HIDDEN_LAYERS, MAX_UNITS_PER_LAYER, Network, TrainingSettings
    from reluplay.presets import Preset, ViewRange

    size = {"layers": MAX_HIDDEN_LAYERS, "units": MAX_UNITS_PER_LAYER, "points": MAX_DATA_POINTS, **LARGEST_OVERRIDE}
    hidden = [size["units"]] * size["layers"] if largest else [UNITS]
    x = np.linspace(-1.0, 1.0, size["points"] if largest else POINTS)
    return Preset(
        network=Network.initialized(hidden, "relu", seed=7), name=f"Benchmark: {' x '.join(map(str, hidden))} units",
        x=x, y=np.sin(np.pi * x), training=TrainingSettings(optimizer="adam", learning_rate=0.005),
        view=ViewRange((-1.0, 1.0), (-1.5, 1.5)),
    )


def largest_plane_preset():
    """The largest network and data the limits allow, on the plane: the spiral lesson's views and
    classifier with MAX_HIDDEN_LAYERS x MAX_UNITS_PER_LAYER ReLU units on MAX_DATA_POINTS points."""
    import dataclasses

    from reluplay.core import MAX_DATA_POINTS, MAX_HIDDEN_LAYERS, MAX_UNITS_PER_LAYER, Network
    from reluplay.presets import load_preset

    size = {"layers": MAX_HIDDEN_LAYERS, "units": MAX_UNITS_PER_LAYER, "points": MAX_DATA_POINTS, **LARGEST_OVERRIDE}
    hidden = [size["units"]] * size["layers"]
    x = np.random.default_rng(0).uniform(-6.0, 6.0, (size["points"], 2))
    y = (x[:, 0] * x[:, 1] > 0).astype(float)  # exclusive or, as TF Playground's
    network = Network.initialized(hidden, "relu", output_activation="sigmoid", seed=7, features=("x1", "x2"))
    return dataclasses.replace(load_preset("spiral"), network=network, x=x, y=y, test_x=np.empty((0, 2)),
                               test_y=np.empty(0), name=f"Benchmark: 2-{'-'.join(map(str, hidden))}-1 plane")


def spiral_preset():
    """The spiral lesson with all 500 of its points as training data (two inputs, two classes)."""
    import dataclasses

    from reluplay.presets import load_preset

    lesson = load_preset("spiral")
    x = np.concatenate([lesson.x.reshape(-1, 2), lesson.test_x.reshape(-1, 2)])
    y = np.concatenate([lesson.y, lesson.test_y])
    sizes = "-".join(str(n) for n in [lesson.network.n_inputs] + [lay.n_out for lay in lesson.network.layers])
    return dataclasses.replace(lesson, x=x, y=y, test_x=np.empty((0, 2)), test_y=np.empty(0),
                               name=f"Benchmark: {sizes} spiral")


def rss_mb(pid: int | str = "self") -> float:
    """Resident memory of this process (or of process ``pid``; 0 if it is not there)."""
    if pid is None:
        return 0.0
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024.0
    except OSError:
        if pid != "self":
            return 0.0
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # peak, where /proc is missing


def core_steps_per_second(seconds: float, largest: bool = False, inputs: int = 1) -> float:
    from reluplay.core import Trainer

    preset = bench_preset(largest, inputs)
    trainer = Trainer(preset.network, preset.x, preset.y, preset.training)
    trainer.step(1 if largest else 200)  # warm the buffers
    start = time.perf_counter()
    steps = 0
    while time.perf_counter() - start < seconds:
        steps += trainer.step(1 if largest else 500)
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


def gui_benchmark(seconds: float, largest: bool = False, inputs: int = 1) -> dict:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    from reluplay.ui.application import make_application
    from reluplay.ui.main_window import MainWindow

    app = make_application()
    preset = bench_preset(largest, inputs)
    rss_start = rss_mb()
    ready_start = time.perf_counter()
    window = MainWindow(preset)
    window.ask_to_save_on_close = False
    window.resize(1600, 1000)
    window.show()
    app.processEvents()
    window_ready = time.perf_counter() - ready_start
    session, controller = window.session, window.controller
    plots = window.plane if inputs == 2 else window.plots  # what counts drawn frames
    if inputs == 2:
        assert window.plane.isVisible() and window.plane.outlines.isChecked(), "the plane views must be shown"
    extra = {"window_ready_s": window_ready}

    def run_for(duration_s: float) -> None:
        loop = QEventLoop()
        QTimer.singleShot(int(duration_s * 1000), loop.quit)
        loop.exec()

    def run_until(condition, limit_s: float = 60.0) -> float:
        start = time.perf_counter()
        while not condition() and time.perf_counter() - start < limit_s:
            app.processEvents()
            time.sleep(0.001)
        return time.perf_counter() - start

    if largest:
        editor = window.editor
        run_for(0.5)
        start = time.perf_counter()
        editor.layer_combo.setCurrentIndex(1)
        app.processEvents()  # the switch is done when the window can draw again
        extra["layer_switch_s"] = time.perf_counter() - start
        editor.layer_combo.setCurrentIndex(0)
        app.processEvents()

    controller.set_speed(None)
    controller.play()
    run_for(1.0)  # warm-up: first frames, caches, lazily built buffers
    # Training runs in a process of its own: its memory counts too (all of it is growth from start).
    rss_before = rss_mb() + rss_mb(controller.training_pid)

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
    cpu0 = time.thread_time()  # this (the GUI) thread's CPU time: less sensitive to a loaded machine than lateness
    start = time.perf_counter()
    probe.start()
    run_for(seconds)
    probe.stop()
    elapsed = time.perf_counter() - start
    gui_cpu = time.thread_time() - cpu0
    steps, frames = session.step - step0, plots.redraw_count - frames0
    pause_start = time.perf_counter()
    controller.pause()
    run_until(lambda: not controller.busy)
    extra["pause_s"] = time.perf_counter() - pause_start
    run_for(0.2)
    if largest:
        rewind = window.rewind
        if session.step < 2:  # a slow network may not have reached two steps while the probe ran
            controller.step(2 - session.step)
            run_until(lambda: not controller.busy and session.step >= 2)
        target = session.step - 1
        start = time.perf_counter()
        rewind.step_back()
        run_until(lambda: session.step == target and not controller.busy)
        extra["rewind_step_s"] = time.perf_counter() - start
        run_for(0.2)
    training_mb = rss_mb(controller.training_pid)
    rss_after = rss_mb() + training_mb
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
        "rss_growth_from_start_mb": rss_after - rss_start,
        "training_process_mb": training_mb,
        "final_loss": final_loss,
        "gui_cpu_share": gui_cpu / elapsed,
        "gui_cpu_ms_per_frame": 1000.0 * gui_cpu / max(frames, 1),
        **extra,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to train in the window")
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    parser.add_argument("--largest", action="store_true", help="the largest network and data the limits allow")
    parser.add_argument("--inputs", type=int, choices=(1, 2), default=1,
                        help="2: the spiral lesson's 2-8-8-1 network on 500 points, on the plane views")
    parser.add_argument("--batch", type=int, help="train on mini-batches of this many points (default: all)")
    for name in ("layers", "units", "points"):
        parser.add_argument(f"--{name}", type=int, help=f"with --largest: this many {name} instead of the limit")
    args = parser.parse_args(argv)
    LARGEST_OVERRIDE.update({k: getattr(args, k) for k in ("layers", "units", "points") if getattr(args, k)})
    if args.batch:
        BATCH["size"] = args.batch

    startup = startup_seconds()
    core = core_steps_per_second(2.0, args.largest, args.inputs)
    result = gui_benchmark(args.seconds, args.largest, args.inputs)
    result["core_steps_per_second"] = core
    result["startup_s"] = startup
    size = bench_preset(args.largest, args.inputs)
    batch = f", batches of {args.batch}" if args.batch else ""
    print(f"{size.name[len('Benchmark: '):]} network, {len(size.y)} points{batch}, Adam, {args.seconds:g} s in the real"
          " window (offscreen)")
    print(f"  training steps/s in the window  {result['steps_per_second']:10.0f}"
          f"   (bare core: {core:.0f}/s, ratio {result['steps_per_second'] / core:.2f}; target >= 0.5)")
    print(f"  plot frames/s                   {result['plot_fps']:10.1f}   (target >= 30)")
    print(f"  event-loop lateness p50/p99/max {result['lateness_p50_ms']:.2f} / {result['lateness_p99_ms']:.2f}"
          f" / {result['lateness_max_ms']:.2f} ms   (target p99 <= 20 ms)")
    print(f"  GUI thread busy (CPU)           {100 * result['gui_cpu_share']:10.0f} %  "
          f"({result['gui_cpu_ms_per_frame']:.1f} ms of CPU per plot frame)")
    print(f"  resident memory growth          {result['rss_growth_mb']:10.1f} MB (target < 20 MB; window and"
          f" training process, {result['training_process_mb']:.0f} MB)")
    print(f"  start to window shown           {startup:10.2f} s  (target <= 1.5 s)")
    print(f"  loss after training            {result['final_loss']:.3g}")
    print(f"  Pause until idle                {result['pause_s']:10.2f} s  (target <= 0.5 s)")
    if args.largest:
        print(f"  window ready                    {result['window_ready_s']:10.2f} s  (target <= 1.5 s)")
        print(f"  editor layer switch             {result['layer_switch_s']:10.2f} s  (target <= 0.3 s)")
        print(f"  rewind one step                 {result['rewind_step_s']:10.2f} s  (target <= 0.5 s)")
        print(f"  memory growth from before the window {result['rss_growth_from_start_mb']:.0f} MB"
              " (target <= 200 MB)")
    if args.json:
        keys = ("steps_per_second", "core_steps_per_second", "plot_fps", "lateness_p50_ms", "lateness_p99_ms",
                "lateness_max_ms", "rss_growth_mb", "startup_s", "pause_s", "training_process_mb")
        if args.largest:
            keys += ("window_ready_s", "layer_switch_s", "rewind_step_s", "rss_growth_from_start_mb")
        print(json.dumps({k: round(float(result[k]), 3) for k in keys}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
