"""The status bar's linear pieces and dead units are computed off the GUI thread (issue 11)."""
from __future__ import annotations

import threading

import numpy as np

from reluplay.core import Network
from reluplay.presets import load_preset
from reluplay.state.analysis_worker import AnalysisRunner, analyse


def expected_status(session) -> tuple[str, str]:
    pieces, dead = analyse(session.network, session.x, session.view.x_range)
    return f"Linear pieces: {pieces}", f"Dead units: {dead}"


def test_the_status_bar_gets_the_analysis_when_it_is_ready(open_window, qtbot):
    window = open_window(load_preset("linear-in-disguise"))
    qtbot.waitUntil(lambda: "Dead units: 1" in window.status_dead.text())
    assert "Linear pieces: 1" in window.status_pieces.text()

    session = window.session
    session.set_bias(0, 0, 0.5)  # unit A comes alive: one more kink
    window.refresh_status()  # what the coalescer would run: the old numbers are gone at once
    assert "…" in window.status_pieces.text() and "…" in window.status_dead.text()
    pieces, dead = expected_status(session)
    assert dead == "Dead units: 0"
    qtbot.waitUntil(lambda: pieces in window.status_pieces.text() and dead in window.status_dead.text())


def test_the_analysis_runs_on_a_copy_in_another_thread(qtbot):
    seen, main = [], threading.get_ident()

    def compute(network, x, x_range):
        seen.append((threading.get_ident() != main, network))  # current_thread() would register a thread
        return analyse(network, x, x_range)

    runner = AnalysisRunner(compute)
    net = Network.initialized([4], "relu", seed=1)
    with qtbot.waitSignal(runner.ready, timeout=10_000) as blocker:
        runner.request(net, np.linspace(-1, 1, 9), (-1.0, 1.0))
    off_thread, copy = seen[0]
    assert off_thread and copy is not net and copy.same_as(net)
    assert blocker.args[0].linear_pieces == analyse(net, np.linspace(-1, 1, 9), (-1.0, 1.0))[0]
    runner.shutdown()


def test_a_stale_result_never_overwrites_a_newer_one(qtbot):
    """The first request is still running when a newer one finishes; its late result is dropped."""
    release_first = threading.Event()

    def compute(network, x, x_range):
        if network.layers[0].n_out == 1:  # the first, slow request
            release_first.wait(10)
            return 111, 111
        return 2, 0

    runner = AnalysisRunner(compute, threads=2)
    results = []
    runner.ready.connect(results.append)
    x = np.linspace(-1, 1, 5)
    first = runner.request(Network.initialized([1], "relu", seed=1), x, (-1.0, 1.0))
    with qtbot.waitSignal(runner.ready, timeout=10_000):
        second = runner.request(Network.initialized([2], "relu", seed=1), x, (-1.0, 1.0))
    assert second > first and [r.generation for r in results] == [second]
    release_first.set()
    assert runner.wait()  # the stale job has finished and its result was delivered (and dropped)
    qtbot.wait(50)  # nothing else queued: the stale result would have arrived by now
    assert [(r.linear_pieces, r.dead_units) for r in results] == [(2, 0)]
    assert runner.latest.generation == second and not runner.pending
    runner.shutdown()
