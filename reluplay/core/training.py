"""Optimizers and the trainer: steps, snapshots for rewind, and divergence detection.

The trainer works on its own copy of the network. Every optimizer updates the flat
parameter vector in place, so one step is a handful of NumPy calls on whole arrays.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

import numpy as np

from .classification import LabelError, check_labels
from .losses import LOSSES, loss_problem
from .network import Network, NetworkError, Pass

OPTIMIZERS = {
    "gd": "Gradient descent (full batch)",
    "sgd": "SGD (mini-batches)",
    "momentum": "SGD with momentum",
    "adam": "Adam",
}
MAX_LEARNING_RATE = 1e3
#: The L2 penalty's largest value (the window's L2 box goes this far). 100 times the squared
#: weights already outweighs any fit; 1e308 made the first step overflow.
MAX_L2 = 100.0


class TrainingError(ValueError):
    """Settings that training cannot run with."""


@dataclass(frozen=True)
class TrainingSettings:
    optimizer: str = "sgd"
    learning_rate: float = 0.01
    batch_size: int | None = None  # None: the whole data set (full batch)
    l2: float = 0.0
    seed: int = 0
    momentum: float = 0.9
    beta1: float = 0.9
    beta2: float = 0.999
    epsilon: float = 1e-8
    loss: str = "mse"  # one of losses.LOSSES; "cross_entropy" needs a sigmoid or softmax output

    def validated(self) -> TrainingSettings:
        if self.loss not in LOSSES:
            raise TrainingError(f"unknown loss {self.loss!r} (known: {', '.join(LOSSES)})")
        if self.optimizer not in OPTIMIZERS:
            raise TrainingError(f"unknown optimizer {self.optimizer!r} (known: {', '.join(OPTIMIZERS)})")
        if not (np.isfinite(self.learning_rate) and 0.0 < self.learning_rate <= MAX_LEARNING_RATE):
            raise TrainingError(f"learning rate must be > 0 and <= {MAX_LEARNING_RATE:g}, got {self.learning_rate}")
        if self.batch_size is not None and self.batch_size < 1:
            raise TrainingError(f"batch size must be at least 1, got {self.batch_size}")
        if not (np.isfinite(self.l2) and 0.0 <= self.l2 <= MAX_L2):
            raise TrainingError(f"L2 penalty must be >= 0 and <= {MAX_L2:g}, got {self.l2:g}")
        if not 0.0 <= self.momentum < 1.0:
            raise TrainingError(f"momentum must be in [0, 1), got {self.momentum}")
        # beta1 = 1 would divide by zero in Adam's bias correction
        for name in ("beta1", "beta2"):
            if not 0.0 <= getattr(self, name) < 1.0:
                raise TrainingError(f"{name} must be in [0, 1), got {getattr(self, name)}")
        if not (np.isfinite(self.epsilon) and self.epsilon > 0.0):
            raise TrainingError(f"epsilon must be a finite number > 0, got {self.epsilon}")
        return self

    def with_changes(self, **changes) -> TrainingSettings:
        return replace(self, **changes).validated()


@dataclass(frozen=True)
class TrainerState:
    """Everything needed to continue training exactly from a point (for rewind and replay)."""

    step: int
    params: np.ndarray
    optimizer_state: np.ndarray
    rng_state: dict
    order: np.ndarray
    cursor: int
    history_loss: float = field(default=float("nan"))


#: A step that takes a weight or bias beyond this has diverged, even while the numbers are finite:
#: the preset format holds nothing larger (presets.schema.MAX_ABS_PARAMETER, kept equal by a test),
#: so the network could not be saved, and its curves already reach ~1e15 times past any view.
MAX_TRAINED_PARAMETER = 1e12


class Trainer:
    """Trains a copy of ``network`` on (x, y) with the given settings.

    x is (n,) numbers for a one-input network, (n, 2) points for two inputs; y is one target per
    point, or one class label (0..k-1) per point for cross-entropy or a softmax output.
    """

    def __init__(self, network: Network, x, y, settings: TrainingSettings = TrainingSettings()):
        self.settings = settings.validated()
        self.network = network.copy()
        problem = loss_problem(self.settings.loss, network.output_layer.activation)
        if problem:
            raise TrainingError(problem)
        try:
            self.x = np.ascontiguousarray(network.points(x))
        except NetworkError as exc:
            raise TrainingError(str(exc)) from None
        self.y = np.ascontiguousarray(y, dtype=float).reshape(-1)
        if self.x.shape[0] != self.y.size:
            raise TrainingError("x and y must have the same number of points")
        if self.y.size == 0:
            raise TrainingError("training needs at least one data point")
        if self.settings.loss == "cross_entropy" or network.n_outputs > 1:
            try:
                check_labels(self.y, max(2, network.n_outputs))
            except LabelError as exc:
                raise TrainingError(str(exc)) from None
        self.step_count = 0
        self.last_loss = float("nan")  # loss of the batch used by the latest step, before its update
        self.divergence: str | None = None
        n_params = self.network.params.size
        n_state = {"gd": 0, "sgd": 0, "momentum": 1, "adam": 2}[self.settings.optimizer]
        self.optimizer_state = np.zeros(n_state * n_params)
        self._scratch = np.empty(n_params)
        self._ones = np.ones(n_params)
        self._state_ones = np.ones(self.optimizer_state.size)
        self._backup_params = self.network.params.copy()
        self._backup_state = self.optimizer_state.copy()
        self._backup_step = 0
        self._l2_mask = self.network.weight_mask() * (2.0 * self.settings.l2)
        self._rng = np.random.default_rng(self.settings.seed)
        n = self.y.size
        size = self.settings.batch_size
        self._batch = n if (self.settings.optimizer == "gd" or size is None) else min(size, n)
        self._order = np.arange(n)
        self._cursor = n  # forces a shuffle before the first mini-batch
        # every batch has the same size: one set of buffers serves every step
        self._work = Pass(self.network, self._batch, self.settings.loss)
        self._batch_x = np.empty((self._batch, *self.x.shape[1:]))
        self._batch_y = np.empty(self._batch)

    # --- stepping ------------------------------------------------------------------------
    @property
    def full_batch(self) -> bool:
        return self._batch == self.y.size

    def step(self, n: int = 1, losses_out: np.ndarray | None = None) -> int:
        """Take up to n steps; returns how many were taken (fewer if training diverged).

        A diverging step is no step, and the fall-back to the last state with a finite loss
        may undo the step before it: the count is how far ``step_count`` really moved.
        ``losses_out`` (at least n floats), if given, receives each step's loss: its first
        ``taken`` entries are the losses of the steps that stand (for a rewind history).
        """
        if losses_out is not None and len(losses_out) < n:
            raise ValueError(f"losses_out has room for {len(losses_out)} losses, not {n}")
        start = self.step_count
        # Overflow is expected when training diverges: it is detected and reported through
        # ``divergence``, so NumPy's floating-point warnings would only be noise (or errors).
        with np.errstate(all="ignore"):
            for i in range(n):
                if self.divergence is not None or not self._one_step():
                    break
                if losses_out is not None:
                    losses_out[i] = self.last_loss
        return max(0, self.step_count - start)

    def _next_batch(self) -> tuple[np.ndarray, np.ndarray]:
        if self.full_batch:
            return self.x, self.y
        n = self.y.size
        if self._cursor + self._batch > n:
            self._rng.shuffle(self._order)
            self._cursor = 0
        idx = self._order[self._cursor : self._cursor + self._batch]
        self._cursor += self._batch
        np.take(self.x, idx, axis=0, out=self._batch_x)
        np.take(self.y, idx, out=self._batch_y)
        return self._batch_x, self._batch_y

    def _one_step(self) -> bool:
        work = self._work
        loss = work.run_backward(*self._next_batch())
        grad = work.grad
        params = self.network.params
        state = self.optimizer_state
        if self.settings.l2:
            np.multiply(params, self._l2_mask, out=self._scratch)
            grad += self._scratch
        # A sum is finite exactly when every entry is (short of overflowing near 1e308);
        # dot(v, ones) is the quickest sum for small vectors.
        ones = self._ones
        if not (math.isfinite(loss) and math.isfinite(np.dot(grad, ones))):
            self._diverged(loss)
            return False
        # The current state has a finite loss and gradient: it is the one to fall back to.
        np.copyto(self._backup_params, params)
        if state.size:
            np.copyto(self._backup_state, state)
        self._backup_step = self.step_count
        self._update(grad)
        self.step_count += 1
        self.last_loss = loss
        # Every |p| is within the bound when the sum of squares is (one dot, as cheap as a
        # finiteness check); otherwise look closer. NaN fails every comparison.
        if not np.dot(params, params) <= MAX_TRAINED_PARAMETER**2:
            if not math.isfinite(np.dot(params, ones)):
                self._diverged("the parameters overflowed")
                return False
            if not np.max(np.abs(params)) <= MAX_TRAINED_PARAMETER:
                self._diverged(f"a weight or bias grew beyond ±{MAX_TRAINED_PARAMETER:.0e}".replace("e+", "e")
                               + ", the largest a preset can hold")
                return False
        # Adam's squared gradients can overflow while the gradient is finite: v = inf then
        # freezes those parameters for good (m / inf = 0) without any other sign.
        if state.size and not math.isfinite(np.dot(state, self._state_ones)):
            self._diverged("the optimizer's running averages overflowed")
            return False
        return True

    def _diverged(self, what: float | str) -> None:
        np.copyto(self.network.params, self._backup_params)
        np.copyto(self.optimizer_state, self._backup_state)
        self.step_count = self._backup_step
        if not isinstance(what, str):
            what = "the loss became NaN" if math.isnan(what) else "the loss became infinite"
        self.divergence = (
            f"training diverged at step {self.step_count + 1}: {what}. "
            f"The last finite state (step {self.step_count}) was kept; "
            f"try a smaller learning rate than {self.settings.learning_rate:g}."
        )

    def _update(self, grad: np.ndarray) -> None:
        s = self.settings
        p = self.network.params
        tmp = self._scratch
        if s.optimizer in ("gd", "sgd"):
            np.multiply(grad, s.learning_rate, out=tmp)
            p -= tmp
        elif s.optimizer == "momentum":
            v = self.optimizer_state
            v *= s.momentum
            v += grad
            np.multiply(v, s.learning_rate, out=tmp)
            p -= tmp
        else:  # adam
            n = p.size
            m, v = self.optimizer_state[:n], self.optimizer_state[n:]
            t = self.step_count + 1
            m *= s.beta1
            np.multiply(grad, 1.0 - s.beta1, out=tmp)
            m += tmp
            v *= s.beta2
            np.multiply(grad, grad, out=tmp)
            tmp *= 1.0 - s.beta2
            v += tmp
            # Bias corrections folded into the step size and epsilon (as in the Adam paper).
            c2 = np.sqrt(1.0 - s.beta2**t)
            step_size = s.learning_rate * c2 / (1.0 - s.beta1**t)
            np.sqrt(v, out=tmp)
            tmp += s.epsilon * c2
            np.divide(m, tmp, out=tmp)
            tmp *= step_size
            p -= tmp

    # --- inspection ----------------------------------------------------------------------
    def loss(self) -> float:
        """The loss (``settings.loss``) of the current network on all the data."""
        return self.network.loss(self.x, self.y, self.settings.loss)

    def gradient(self) -> tuple[float, np.ndarray]:
        """The loss and its gradient on all the data (without the L2 term)."""
        return self.network.gradient(self.x, self.y, self.settings.loss)

    # --- rewind --------------------------------------------------------------------------
    def snapshot(self) -> TrainerState:
        return TrainerState(
            step=self.step_count,
            params=self.network.params.copy(),
            optimizer_state=self.optimizer_state.copy(),
            rng_state=self._rng.bit_generator.state,
            order=self._order.copy(),
            cursor=self._cursor,
            history_loss=self.last_loss,
        )

    def restore(self, state: TrainerState) -> None:
        if state.params.shape != self.network.params.shape or state.optimizer_state.shape != self.optimizer_state.shape:
            raise TrainingError("snapshot does not belong to this network and optimizer")
        np.copyto(self.network.params, state.params)
        np.copyto(self.optimizer_state, state.optimizer_state)
        self._rng.bit_generator.state = state.rng_state
        np.copyto(self._order, state.order)
        self._cursor = state.cursor
        self.step_count = state.step
        self.last_loss = state.history_loss
        self.divergence = None
        np.copyto(self._backup_params, state.params)
        np.copyto(self._backup_state, state.optimizer_state)
        self._backup_step = state.step
