"""The numbers of one training step, for the backward panel: the gradient a Step uses and the update it made.

No Qt here (tested directly). The gradient is computed from the Session's network and data in the
main thread, with the trainer's own arithmetic, so for gradient descent the update shown is
exactly old − learning rate × gradient.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from reluplay.core import Network, TrainingSettings, kinks
from reluplay.teach.explain import fmt, unit_label


def full_batch(settings: TrainingSettings, n_points: int) -> bool:
    return settings.optimizer == "gd" or settings.batch_size is None or settings.batch_size >= n_points


def training_gradient(network: Network, x, y, l2: float = 0.0, loss: str = "mse") -> tuple[float, np.ndarray]:
    """The loss on (x, y) and the gradient a training step uses: with the L2 term the trainer adds.

    The L2 term is computed with the trainer's own operations (params × (mask × 2·l2)), so a
    gradient-descent step's change is exactly −learning rate × this gradient.
    """
    value, grad = network.gradient(x, y, loss)
    if l2:
        grad = grad + network.params * (network.weight_mask() * (2.0 * l2))
    return value, grad


def gradient_caption(settings: TrainingSettings, n_points: int, step: int) -> str:
    name = "cross-entropy" if settings.loss == "cross_entropy" else "MSE"
    text = f"Gradient of the loss ({name} over all {n_points} data points) for every parameter, at step {step:,}."
    if n_points and not full_batch(settings, n_points):
        text += (f" Each Step uses a random batch of {settings.batch_size} of the {n_points} points; the batches "
                 "average out to this all-points gradient.")
    if settings.l2:
        text += f" Each weight's gradient includes the L2 penalty's 2 × {fmt(settings.l2)} × w."
    return text


@dataclass(frozen=True)
class StepUpdate:
    """What the last Step (or Step ×N) did to every parameter."""

    first_step: int
    last_step: int
    old: np.ndarray
    new: np.ndarray
    gradient: np.ndarray | None  # the gradient the single step used; None when it is not known
    learning_rate: float

    @property
    def n_steps(self) -> int:
        return self.last_step - self.first_step

    @property
    def change(self) -> np.ndarray:
        return self.new - self.old

    @property
    def scaled_gradient(self) -> np.ndarray | None:
        """−learning rate × gradient: plain gradient descent's step."""
        return None if self.gradient is None else -self.learning_rate * self.gradient


def step_update(old: Network, new_params: np.ndarray, x, y, settings: TrainingSettings,
                first_step: int, last_step: int) -> StepUpdate:
    """The update from ``old`` (at ``first_step``) to ``new_params`` (at ``last_step``).

    The gradient is given when it is the one the step used: a single full-batch step.
    """
    x = old.points(x)
    n = x.shape[0]
    gradient = None
    if last_step - first_step == 1 and n and full_batch(settings, n):
        gradient = training_gradient(old, x, y, settings.l2, settings.loss)[1].copy()
    return StepUpdate(first_step, last_step, old.params.copy(), np.array(new_params, dtype=float),
                      gradient, settings.learning_rate)


def update_caption(update: StepUpdate, settings: TrainingSettings, n_points: int) -> str:
    lr = fmt(settings.learning_rate)
    if update.n_steps != 1:
        return (f"Steps {update.first_step:,} → {update.last_step:,}: each of these {update.n_steps} steps used its "
                "own gradient; the table shows their total change (new − old).")
    head = f"Step {update.first_step:,} → {update.last_step:,}, learning rate {lr}. "
    if not full_batch(settings, n_points):
        batch = f"a random batch of {settings.batch_size} of the {n_points} points"
        if settings.optimizer == "sgd":
            return head + (f"This step used {batch}, so its gradient is not the all-points one: the change column "
                           "is the step actually taken, −learning rate × that batch's gradient.")
        return head + f"This step used {batch}. " + _optimizer_words(settings)
    if settings.optimizer in ("gd", "sgd"):
        return head + "Gradient descent: new value = old value − learning rate × gradient, for every parameter."
    return head + _optimizer_words(settings)


def _optimizer_words(settings: TrainingSettings) -> str:
    if settings.optimizer == "momentum":
        return (f"Momentum does not step by learning rate × gradient: it adds the gradient to a running velocity "
                f"({fmt(settings.momentum)} × the last one) and steps by learning rate × velocity. The change column "
                "is the step it actually took.")
    return ("Adam does not step by learning rate × gradient: it divides a running average of the gradients by a "
            "running average of their size, so every parameter moves by about the learning rate at most. The change "
            "column is the step it actually took.")


def kink_moves(old: Network, new_params: np.ndarray) -> list[str]:
    """Where each first-layer kink (x = −b/w) was before the step and where it is now, in words.

    One input only: on the plane a unit's kink is a fold line (none listed here)."""
    if old.n_inputs != 1 or old.layers[0].activation not in ("relu", "leaky_relu"):
        return []
    new = old.copy()
    new.set_params(np.asarray(new_params, dtype=float))
    lines = []
    for unit, (before, after) in enumerate(zip(kinks(old), kinks(new))):
        name = unit_label(old, 0, unit)
        if before is None and after is None:
            continue  # no kink before or after (w = 0): nothing moved
        if before is None or after is None:
            where = f"appeared at x = {fmt(after)}" if before is None else f"left the plot (it was at x = {fmt(before)})"
            lines.append(f"Kink of {name} {where}")
        elif fmt(before) == fmt(after):
            lines.append(f"Kink of {name} stayed at x = {fmt(after)}")
        else:
            lines.append(f"Kink of {name} moved from x = {fmt(before)} to {fmt(after)}")
    return lines
