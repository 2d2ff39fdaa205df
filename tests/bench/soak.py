"""Soak test: train in the real main window for a long time and watch memory and lag over time.

Run as a plain script (pytest does not collect it):

    python tests/bench/soak.py --seconds 300 [--preset universal-approximation] [--interval 10] [--json]

It opens the real MainWindow offscreen (built by reluplay.ui.launch / main_window, as the app
does), sets the speed to "as fast as possible" and presses Play on the window's training
controller. Every --interval seconds it records resident memory (/proc/self/statm), how late a
5 ms QTimer fired during the interval (p50/p99/max: what a person feels as lag), training steps
and plot frames in the interval, and the loss. At the end it pauses training, closes the window
(which stops and joins the training thread) and prints a table; with --json the last line is one
JSON object with every interval. Ctrl-C ends the soak early, cleanly.

Exit status 0 when the run finished cleanly; 1 when training failed with an error, the training
thread was left running, or the window stopped updating.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np  # noqa: E402

PROBE_MS = 5
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_mb() -> float:
    """Resident memory now, in MiB (/proc/self/statm; peak RSS from `resource` where /proc is missing)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * PAGE_SIZE / 2**20
    except OSError:
        import resource

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return peak / 2**20 if sys.platform == "darwin" else peak / 1024  # bytes on macOS, KiB elsewhere


def percentiles(values: list[float]) -> tuple[float, float, float]:
    if not values:
        return (float("nan"),) * 3
    a = np.asarray(values)
    return float(np.percentile(a, 50)), float(np.percentile(a, 99)), float(a.max())


class Soak:
    def __init__(self, window, seconds: float, interval: float):
        from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

        self.window = window
        self.session = window.session
        self.controller = window.controller
        self.seconds = seconds
        self.interval = interval
        self.rows: list[dict] = []
        self.messages: list[str] = []
        self.restarts = 0
        self.loop = QEventLoop()
        self.clock = QElapsedTimer()
        self._lateness: list[float] = []
        self._frames = 0
        self._count_frames = self._frame_counter()

        self.probe = QTimer()
        self.probe.setTimerType(Qt.TimerType.PreciseTimer)
        self.probe.setInterval(PROBE_MS)
        self.probe.timeout.connect(self._tick)
        self.sampler = QTimer()
        self.sampler.setInterval(int(interval * 1000))
        self.sampler.timeout.connect(self._sample)
        self.controller.stopped_with_message.connect(self._on_stopped)

    def _frame_counter(self):
        """Plot frames drawn: the plots' own counter if they keep one, else the output curve's updates."""
        plots = self.window.plots
        if hasattr(plots, "redraw_count"):
            return lambda: plots.redraw_count
        plots.output_curve.sigPlotChanged.connect(self._on_plot_changed)
        return lambda: self._frames

    def _on_plot_changed(self, *_args) -> None:
        self._frames += 1

    def _on_stopped(self, message: str) -> None:
        """Training stopped by itself (divergence or an error): note it and press Play again."""
        self.messages.append(message)
        if "error" not in message.lower():
            self.restarts += 1
            self.controller.play()

    def _tick(self) -> None:
        now = self.clock.nsecsElapsed()
        self._lateness.append(max(0.0, (now - self._last_tick) / 1e6 - PROBE_MS))
        self._last_tick = now

    def _snapshot(self) -> dict:
        return {"t": self.clock.elapsed() / 1000.0, "rss_mb": rss_mb(), "step": self.session.step,
                "frames": self._count_frames()}

    def _sample(self) -> None:
        now = self._snapshot()
        before = self._previous
        span = max(now["t"] - before["t"], 1e-9)
        p50, p99, worst = percentiles(self._lateness)
        loss = self.session.loss()
        self.rows.append({
            "t_s": round(now["t"], 1),
            "rss_mb": round(now["rss_mb"], 1),
            "steps": now["step"] - before["step"],
            "steps_per_s": round((now["step"] - before["step"]) / span, 1),
            "plot_fps": round((now["frames"] - before["frames"]) / span, 1),
            "lateness_p50_ms": round(p50, 2),
            "lateness_p99_ms": round(p99, 2),
            "lateness_max_ms": round(worst, 2),
            "ticks": len(self._lateness),
            "loss": float(f"{loss:.4g}") if np.isfinite(loss) else None,
            "running": self.controller.running,
        })
        self._print_row(self.rows[-1])
        self._lateness = []
        self._previous = now
        if now["t"] >= self.seconds - 0.5 * self.interval:  # timers may fire a little early
            self.loop.quit()

    @staticmethod
    def _print_header() -> None:
        print(f"{'t/s':>6} {'RSS MB':>8} {'steps':>9} {'steps/s':>9} {'fps':>6} "
              f"{'late p50':>9} {'p99':>7} {'max':>8} {'loss':>10}", flush=True)

    @staticmethod
    def _print_row(r: dict) -> None:
        loss = "nan" if r["loss"] is None else f"{r['loss']:.4g}"
        print(f"{r['t_s']:6.0f} {r['rss_mb']:8.1f} {r['steps']:9d} {r['steps_per_s']:9.0f} {r['plot_fps']:6.1f} "
              f"{r['lateness_p50_ms']:9.2f} {r['lateness_p99_ms']:7.2f} {r['lateness_max_ms']:8.1f} {loss:>10}",
              flush=True)

    def run(self) -> None:
        from PySide6.QtCore import QTimer

        self.controller.set_speed(None)  # as fast as possible
        self.clock.start()
        self._last_tick = self.clock.nsecsElapsed()
        self.start_rss = rss_mb()
        self._previous = self._snapshot()
        self._print_header()
        print(f"{0:6.0f} {self.start_rss:8.1f}   (window shown, pressing Play)", flush=True)
        self.controller.play()
        self.probe.start()
        self.sampler.start()
        # Ctrl-C: end early but still stop training and report. The 5 ms probe lets Python run the handler.
        signal.signal(signal.SIGINT, lambda *_: QTimer.singleShot(0, self._sample_and_quit))
        self.loop.exec()
        self.probe.stop()
        self.sampler.stop()

    def _sample_and_quit(self) -> None:
        self.seconds = 0.0
        self._sample()


def stop_cleanly(window, app) -> tuple[bool, float]:
    """Pause, wait for the last run to finish, close the window (it joins the training thread)."""
    from PySide6.QtCore import QEventLoop

    controller = window.controller
    start = time.perf_counter()
    controller.pause()
    while controller.busy and time.perf_counter() - start < 5.0:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
    window.ask_to_save_on_close = False
    window.close()
    app.processEvents()
    thread = getattr(controller, "_thread", None)  # read-only check; the controller owns the thread
    stopped = thread is None or not thread.isRunning()
    return stopped and not controller.busy, time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=300.0, help="how long to train (default 300)")
    parser.add_argument("--preset", default="universal-approximation", help="built-in lesson name/slug or file")
    parser.add_argument("--interval", type=float, default=10.0, help="seconds between samples (default 10)")
    parser.add_argument("--json", action="store_true", help="print one JSON object as the last line")
    args = parser.parse_args(argv)
    if args.seconds <= 0 or args.interval <= 0:
        parser.error("--seconds and --interval must be positive")

    from reluplay.presets import load_preset
    from reluplay.ui.application import make_application
    from reluplay.ui.main_window import MainWindow

    preset = load_preset(args.preset)
    rss_before_qt = rss_mb()
    app = make_application()
    window = MainWindow(preset)
    window.ask_to_save_on_close = False
    window.resize(1600, 1000)
    window.show()
    app.processEvents()

    print(f"soak: '{preset.name}', {args.seconds:g} s in the real window "
          f"({os.environ.get('QT_QPA_PLATFORM', 'default')} platform), sampled every {args.interval:g} s", flush=True)
    soak = Soak(window, args.seconds, args.interval)
    soak.run()
    clean, stop_s = stop_cleanly(window, app)

    rows = soak.rows
    rss = [r["rss_mb"] for r in rows]
    p99s = [r["lateness_p99_ms"] for r in rows]
    # Growth is measured from the first sample (after warm-up: buffers, caches, the first frames).
    summary = {
        "preset": preset.name,
        "seconds": round(rows[-1]["t_s"], 1) if rows else 0.0,
        "rss_before_qt_mb": round(rss_before_qt, 1),
        "rss_start_mb": round(soak.start_rss, 1),
        "rss_first_sample_mb": rss[0] if rss else None,
        "rss_end_mb": rss[-1] if rss else None,
        "rss_max_mb": max(rss) if rss else None,
        "rss_growth_after_first_sample_mb": round(rss[-1] - rss[0], 1) if rss else None,
        "lateness_p99_ms_per_interval": p99s,
        "lateness_p99_ms_worst_interval": max(p99s) if p99s else None,
        "lateness_max_ms": max((r["lateness_max_ms"] for r in rows), default=None),
        "total_steps": rows and sum(r["steps"] for r in rows),
        "mean_steps_per_s": round(float(np.mean([r["steps_per_s"] for r in rows])), 1) if rows else None,
        "mean_plot_fps": round(float(np.mean([r["plot_fps"] for r in rows])), 1) if rows else None,
        "final_loss": rows[-1]["loss"] if rows else None,
        "restarts_after_stop": soak.restarts,
        "stop_messages": soak.messages,
        "stopped_cleanly": clean,
        "stop_seconds": round(stop_s, 3),
        "intervals": rows,
    }
    print(f"memory: {summary['rss_start_mb']} MB at Play, {summary['rss_first_sample_mb']} MB after the first "
          f"interval, {summary['rss_end_mb']} MB at the end (growth {summary['rss_growth_after_first_sample_mb']} MB, "
          f"max {summary['rss_max_mb']} MB)")
    print(f"lateness p99 per interval: min {min(p99s, default=float('nan')):.2f}, "
          f"median {float(np.median(p99s)) if p99s else float('nan'):.2f}, "
          f"worst {summary['lateness_p99_ms_worst_interval']} ms; max single delay {summary['lateness_max_ms']} ms")
    print(f"training: {summary['total_steps']} steps, {summary['mean_steps_per_s']} steps/s, "
          f"{summary['mean_plot_fps']} plot frames/s; stopped cleanly: {clean} ({stop_s * 1000:.0f} ms)")
    if args.json:
        print(json.dumps(summary))
    failed = any("error" in m.lower() for m in soak.messages)
    frozen = bool(rows) and rows[-1]["steps"] == 0
    return 0 if clean and not failed and not frozen else 1


if __name__ == "__main__":
    raise SystemExit(main())
