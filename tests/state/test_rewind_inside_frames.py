"""Rewinding during Play: a long training frame carries states from inside it, so one step back
replays only the steps since the nearest of them (issue 11: rewind <= 0.5 s at the largest size)."""
from __future__ import annotations

import numpy as np

from reluplay.core import Network, Trainer, TrainingSettings
from reluplay.state import rewind_history, training_loop
from reluplay.state.rewind_history import RewindHistory
from reluplay.state.training_loop import LoadRequest, RunControl, RunRequest, TrainingFrame
from reluplay.state.training_worker import TrainingWorker

SETTINGS = TrainingSettings(optimizer="adam", learning_rate=0.01)
X = np.linspace(-1.0, 1.0, 30)
Y = np.sin(np.pi * X)


def network() -> Network:
    return Network.initialized([12, 12], "relu", seed=4)


def reference_params(steps: int) -> np.ndarray:
    trainer = Trainer(network(), X, Y, SETTINGS)
    trainer.step(steps)
    return trainer.network.params.copy()


def test_a_frame_of_ten_steps_with_inner_states_rewinds_from_the_nearest(monkeypatch):
    monkeypatch.setattr(rewind_history, "snapshot_interval", lambda *args: 1)  # as for the largest network
    history = RewindHistory()
    history.start_run(LoadRequest(1, network(), X, Y, SETTINGS, base_step=0))
    worker = Trainer(network(), X, Y, SETTINGS)  # the worker's trainer
    losses, states = [], []
    for step in range(1, 11):
        worker.step(1)
        losses.append(worker.last_loss)
        if step in (3, 6):
            states.append(worker.snapshot())
    history.record(TrainingFrame(run_id=1, step=10, loss=0.0, params=worker.network.params.copy(),
                                 first_loss_step=0, losses=np.array(losses), state=worker.snapshot(),
                                 states=tuple(states)))

    replayed = []
    real_step = Trainer.step
    monkeypatch.setattr(Trainer, "step", lambda self, n=1, *rest: replayed.append(n) or real_step(self, n, *rest))
    segment, state = history.state_at(8)
    assert sum(replayed) == 2  # from step 6, not from step 0
    assert np.array_equal(state.params, reference_params(8))
    np.testing.assert_array_equal(segment.history.losses, losses)  # every step's loss still there


def test_a_long_frame_brings_the_states_the_worker_kept_inside_it(monkeypatch):
    monkeypatch.setattr(training_loop, "STATE_INTERVAL_S", 0.0)  # a state after every chunk of steps
    monkeypatch.setattr(training_loop, "frame_interval_for", lambda *args: 3600.0)  # one frame: the last
    worker = TrainingWorker(in_process=False)  # the patches above reach this process only
    frames: list[TrainingFrame] = []
    worker.progressed.connect(frames.append)
    worker.load(LoadRequest(1, network(), X, Y, SETTINGS, base_step=0))
    worker.run(RunRequest(1, 1, max_steps=6, control=RunControl()))
    (frame,) = frames
    steps = [state.step for state in frame.states]
    assert steps and steps == sorted(set(steps)) and steps[-1] < frame.step == 6
    for state in frame.states:
        assert np.array_equal(state.params, reference_params(state.step))
    worker.deleteLater()


def test_stepping_back_after_long_training_replays_from_the_newest_states(monkeypatch):
    # A small budget thins the history's snapshots to one every 16+ steps, as minutes of training
    # at the largest size do; the newest states the worker sent still make one step back cheap.
    monkeypatch.setattr(rewind_history, "snapshot_interval", lambda *args: 1)
    monkeypatch.setattr(rewind_history, "SEGMENT_MAX_BYTES", 40_000)
    history = RewindHistory()
    history.start_run(LoadRequest(1, network(), X, Y, SETTINGS, base_step=0))
    worker = Trainer(network(), X, Y, SETTINGS)
    for step in range(1, 61):
        worker.step(1)
        history.record(TrainingFrame(run_id=1, step=step, loss=0.0, params=worker.network.params.copy(),
                                     first_loss_step=step - 1, losses=np.array([worker.last_loss]),
                                     state=worker.snapshot()))
    thinned = history.segments[0].history
    assert thinned.interval >= 16 and thinned.latest_step == 60

    replayed = []
    real_step = Trainer.step
    monkeypatch.setattr(Trainer, "step", lambda self, n=1, *rest: replayed.append(n) or real_step(self, n, *rest))
    for back in (59, 55, 50):
        replayed.clear()
        _, state = history.state_at(back)
        assert sum(replayed) == 0  # that very state was kept
        assert np.array_equal(state.params, reference_params(back))

    # Training goes on from step 50 (a rewind): the newer states belong to the dropped branch.
    history.start_run(LoadRequest(2, network(), X, Y, SETTINGS, base_step=0, resume=state))
    assert all(kept.step <= 50 for kept in history.segments[0].recent)
    _, again = history.state_at(50)
    assert np.array_equal(again.params, reference_params(50))
