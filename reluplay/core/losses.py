"""Losses: what training makes small, and its gradient at the output layer.

Every loss is a mean over the N points. ``z`` is the output layer's pre-activations (the logits)
and ``a`` its activations, both (k, N): k = 1 for one output unit, k = 2..4 for softmax.

- ``mse``: mean squared error. One output unit: mean of (ŷ - y)². Softmax: mean over points of
  Σ_k (p_k - onehot_k)², the one-hot label being 1 for the point's class and 0 for the others.
- ``cross_entropy``: mean over points of -log p(label), natural log. Computed from the logits, never
  from p (log(p) of a p rounded to 0 is -inf): one sigmoid unit gives -log p(label) =
  log(1 + e^z) - y·z with y = 0 or 1; softmax gives log Σ_j e^(z_j) - z_label (log-sum-exp with
  the largest z taken out first). Both are finite at logits of ±1000. Its gradient with respect
  to the logits is simply (p - onehot) / N.
"""
from __future__ import annotations

import numpy as np

from .activations import CLASSIFIER_OUTPUTS

LOSSES = ("mse", "cross_entropy")
LOSS_LABELS = {"mse": "Mean squared error", "cross_entropy": "Cross-entropy"}


def loss_problem(loss: str, output_activation: str) -> str:
    """Why ``loss`` cannot train an output with ``output_activation``, in words ("" if it can)."""
    if loss not in LOSSES:
        return f"unknown loss {loss!r} (known: {', '.join(LOSSES)})"
    if loss == "cross_entropy" and output_activation not in CLASSIFIER_OUTPUTS:
        return (f"cross-entropy needs class probabilities from the output (a sigmoid or softmax output), "
                f"but the output activation is {output_activation!r}")
    return ""


def takes_logits(loss: str) -> bool:
    """True when ``output_gradient`` writes dL/dz (the logits) rather than dL/da."""
    return loss == "cross_entropy"


def labels_of(y: np.ndarray) -> np.ndarray:
    """Class labels (floats holding whole numbers) as indices."""
    return y.astype(np.intp)


def one_hot(y: np.ndarray, k: int) -> np.ndarray:
    """(k, N): 1 in each point's class row, 0 elsewhere."""
    hot = np.zeros((k, y.size))
    hot[labels_of(y), np.arange(y.size)] = 1.0
    return hot


def loss_value(loss: str, z: np.ndarray, a: np.ndarray, y: np.ndarray) -> float:
    """The mean loss over the N points (see the module doc)."""
    return output_gradient(loss, z, a, y, None)


def output_gradient(loss: str, z: np.ndarray, a: np.ndarray, y: np.ndarray, out: np.ndarray | None) -> float:
    """The mean loss; with ``out`` (k, N), also its gradient: dL/da for MSE, dL/dz for cross-entropy."""
    k, n = z.shape
    if loss == "mse":
        target = y[None, :] if k == 1 else one_hot(y, k)
        difference = a - target
        if out is not None:
            np.multiply(difference, 2.0 / n, out=out)  # dL/da = 2 (a - target) / N
        return float(np.sum(difference * difference)) / n
    if loss != "cross_entropy":
        raise ValueError(f"unknown loss {loss!r} (known: {', '.join(LOSSES)})")
    if k == 1:
        logit = z[0]
        # -log p(label) = log(1 + e^z) - y z: logaddexp never overflows, and no log(0) is taken
        total = float(np.sum(np.logaddexp(0.0, logit) - y * logit))
        if out is not None:
            np.subtract(a[0], y, out=out[0])  # dL/dz = (p - y) / N
            out /= n
        return total / n
    labels = labels_of(y)
    columns = np.arange(n)
    top = np.max(z, axis=0)
    log_sum_exp = top + np.log(np.sum(np.exp(z - top), axis=0))  # log Σ e^z, the largest term is e^0
    total = float(np.sum(log_sum_exp - z[labels, columns]))
    if out is not None:
        np.copyto(out, a)
        out[labels, columns] -= 1.0  # p - onehot
        out /= n
    return total / n
