"""The main thread's record of training, for scrubbing back to any earlier step (no Qt).

The worker owns its trainer; the main thread never touches it. Every frame the worker sends
carries a copy of the trainer's full state (parameters, optimizer moments, shuffle order and
generator), and this history keeps some of them in a core ``TrainingHistory`` (bounded memory).
To show step k it replays, on its own main-thread ``Trainer`` built exactly like the worker's,
from the nearest kept state: the result is bit for bit what the worker had at step k.

A run is split into *segments*: each time the worker gets a fresh trainer (new settings while
training, a divergence), a new segment starts at that step with its own settings and history.
Continuing from a rewound step truncates the later branch, like an editor's undo.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

import numpy as np

from reluplay.core import Network, Trainer, TrainingSettings
from reluplay.core.history import DEFAULT_INTERVAL, HistoryError, TrainingHistory
from reluplay.core.training import TrainerState, TrainingError
from reluplay.state.training_loop import LoadRequest, TrainingFrame

#: Memory for each segment's snapshots and losses; a few segments fit in a lesson's budget.
SEGMENT_MAX_BYTES = 16 * 1024**2
#: Older segments are forgotten beyond this many (each settings change while training makes one).
MAX_SEGMENTS = 8
#: Rewinding replays up to a snapshot interval of steps on the GUI thread; the interval is chosen
#: so that this stays under about this many multiply-adds (forward and backward), ~0.2 s on the
#: loaded 2-core reference machine. A small network keeps DEFAULT_INTERVAL; the largest gets a
#: snapshot every step (its snapshots are still only ~0.5 MB; the byte budget thins them).
REPLAY_BUDGET_MULTIPLY_ADDS = 1e8
#: The newest states the worker sent (frame ends and states inside long frames) are kept apart
#: from the history's thinned snapshots: after minutes of training the history keeps a snapshot
#: only every few dozen steps, and stepping back from where training stopped would replay those
#: (seconds at the largest size). Each is ~0.5 MB at the largest size.
RECENT_STATES = 12


def snapshot_interval(network: Network, n_points: int, settings: TrainingSettings) -> int:
    """Steps between snapshots so that replaying one interval costs at most the replay budget."""
    batch = n_points if settings.optimizer == "gd" or settings.batch_size is None else settings.batch_size
    per_step = 3 * max(1, min(batch, n_points)) * sum(lay.n_in * lay.n_out for lay in network.layers)
    return max(1, min(DEFAULT_INTERVAL, int(REPLAY_BUDGET_MULTIPLY_ADDS // per_step)))


@dataclass
class Segment:
    base_step: int  # the session's step at the segment's local step 0
    run_id: int
    settings: TrainingSettings
    trainer: Trainer  # main-thread replay trainer, never the worker's
    history: TrainingHistory
    #: The newest states received, oldest first (local steps; see RECENT_STATES).
    recent: deque = field(default_factory=lambda: deque(maxlen=RECENT_STATES))

    def truncate(self, local_step: int) -> None:
        """Forget everything after ``local_step`` (training continues from there)."""
        self.history.truncate(local_step)
        while self.recent and self.recent[-1].step > local_step:
            self.recent.pop()

    @property
    def first_step(self) -> int:
        return self.base_step + self.history.first_step

    @property
    def latest_step(self) -> int:
        return self.base_step + self.history.latest_step


class RewindHistory:
    def __init__(self):
        self.segments: list[Segment] = []

    # --- what it holds -------------------------------------------------------------------------
    def __bool__(self) -> bool:
        return bool(self.segments)

    @property
    def first_step(self) -> int:
        return self.segments[0].first_step if self.segments else 0

    @property
    def latest_step(self) -> int:
        return self.segments[-1].latest_step if self.segments else 0

    def segment_at(self, step: int) -> Segment | None:
        for segment in reversed(self.segments):
            if segment.first_step <= step <= segment.latest_step:
                return segment
        return None

    # --- recording (from the controller's signals) ------------------------------------------------
    def clear(self) -> None:
        self.segments.clear()

    def start_run(self, request: LoadRequest) -> None:
        """The worker got a (re)loaded trainer: continue the segment it resumes, or start one."""
        resume = request.resume
        if resume is not None:
            segment = self.segment_at(request.base_step + resume.step)
            if segment is not None and segment.base_step == request.base_step:
                self._drop_after(request.base_step + resume.step)
                segment.truncate(resume.step)  # the later branch is discarded
                segment.run_id = request.run_id
                return
        self._drop_after(request.base_step)
        try:
            trainer = Trainer(request.network, request.x, request.y, request.settings)
        except TrainingError:
            return  # the worker reports the same problem to the user
        if resume is not None:
            trainer.restore(resume)
        if self.segments and self.segments[-1].latest_step == self.segments[-1].first_step:
            self.segments.pop()  # a segment nobody trained in: nothing to scrub
        interval = snapshot_interval(request.network, request.x.size, request.settings)
        self.segments.append(Segment(request.base_step, request.run_id, request.settings, trainer,
                                     TrainingHistory(trainer, interval=interval, max_bytes=SEGMENT_MAX_BYTES)))
        del self.segments[:-MAX_SEGMENTS]

    def record(self, frame: TrainingFrame) -> None:
        segment = self.segments[-1] if self.segments else None
        if segment is None or segment.run_id != frame.run_id:
            return
        history, trainer = segment.history, segment.trainer
        local = frame.step - segment.base_step
        # The frame's losses start at frame.first_loss_step; keep the ones after what we have.
        losses = np.asarray(frame.losses, dtype=float)
        missing = (frame.first_loss_step - segment.base_step) - history.latest_step
        if missing > 0:  # cannot happen with in-order frames; NaN marks unknown losses
            losses = np.concatenate([np.full(missing, np.nan), losses])
        elif missing < 0:
            losses = losses[-missing:]
        if local <= history.latest_step:
            return
        try:
            for state in frame.states:  # kept inside a long frame: rewinding replays less
                gained = state.step - history.latest_step
                if 0 < gained < local - history.latest_step:
                    trainer.restore(state)
                    history.record(trainer, losses[:gained])
                    losses = losses[gained:]
                    segment.recent.append(state)
            if frame.state is not None:
                segment.recent.append(frame.state)
                trainer.restore(frame.state)
            else:
                # A diverged frame carries no state (the trainer's shuffle ran ahead of it):
                # replay the finite steps since the last recorded one instead.
                history.state_at(history.latest_step, trainer)
                trainer.step(local - history.latest_step)
            history.record(trainer, losses)
        except (HistoryError, TrainingError):
            segment.run_id = -1  # out of step with the worker: stop recording into it

    def _drop_after(self, step: int) -> None:
        while self.segments and self.segments[-1].first_step > step:
            self.segments.pop()
        if self.segments and self.segments[-1].latest_step > step:
            segment = self.segments[-1]
            segment.truncate(max(step - segment.base_step, segment.history.first_step))

    def lowest_loss_step(self) -> int | None:
        """The recorded step whose loss was lowest (where training did best), if any."""
        best_step, best_loss = None, np.inf
        for segment in self.segments:
            steps = segment.history.loss_steps() + segment.base_step
            losses = segment.history.losses
            keep = np.isfinite(losses) & (steps >= segment.first_step) & (steps <= segment.latest_step)
            if np.any(keep):
                i = int(np.argmin(np.where(keep, losses, np.inf)))
                if losses[i] < best_loss:
                    best_step, best_loss = int(steps[i]), float(losses[i])
        return best_step

    # --- rewind ---------------------------------------------------------------------------------
    def state_at(self, step: int) -> tuple[Segment, TrainerState] | None:
        """The exact trainer state at ``step`` (replayed from the nearest snapshot), or None."""
        segment = self.segment_at(step)
        if segment is None:
            return None
        local = step - segment.base_step
        snapshots = segment.history.snapshot_steps
        nearest = max((s for s in snapshots if s <= local), default=None)
        recent = [state for state in segment.recent if nearest is None or nearest < state.step <= local]
        if not recent:
            return segment, segment.history.state_at(local, segment.trainer)
        trainer = segment.trainer  # a newer state than the history's nearest snapshot: replay from it
        trainer.restore(recent[-1])
        if local > recent[-1].step:
            trainer.step(local - recent[-1].step)
        return segment, trainer.snapshot()
