"""Structural edits of a network (add/remove units and layers) as pure functions, no Qt.

Each returns a new Network and leaves the function the network computes as unchanged as it
can, so a teacher who adds a unit or a layer does not lose the fit on the screen.
"""
from __future__ import annotations

import numpy as np

from reluplay.core import MAX_HIDDEN_LAYERS, MAX_UNITS_PER_LAYER, Network, NetworkError

#: Output weight of a newly added unit: small enough not to wreck a fit, big enough to see.
NEW_UNIT_OUTPUT_WEIGHT = 0.5


def add_unit(network: Network, layer: int, kink_at: float = 0.0) -> Network:
    """A new unit at the end of hidden layer ``layer`` with slope 1 and its kink at ``kink_at``."""
    specs = network.layer_specs()
    w, b, act = specs[layer]
    if w.shape[0] >= MAX_UNITS_PER_LAYER:
        raise NetworkError(f"a layer can have at most {MAX_UNITS_PER_LAYER} units")
    new_w = np.ones((1, w.shape[1])) / w.shape[1]
    specs[layer] = (np.vstack([w, new_w]), np.append(b, -kink_at), act)
    nw, nb, nact = specs[layer + 1]
    # Only the output layer gets a visible weight; a deeper layer starts ignoring the new unit.
    outgoing = NEW_UNIT_OUTPUT_WEIGHT if layer + 1 == len(specs) - 1 else 0.0
    specs[layer + 1] = (np.hstack([nw, np.full((nw.shape[0], 1), outgoing)]), nb, nact)
    return network.with_changes(layers=specs)


def remove_unit(network: Network, layer: int, unit: int) -> Network:
    specs = network.layer_specs()
    w, b, act = specs[layer]
    if w.shape[0] <= 1:
        raise NetworkError("a layer needs at least one unit; remove the layer instead")
    specs[layer] = (np.delete(w, unit, axis=0), np.delete(b, unit), act)
    nw, nb, nact = specs[layer + 1]
    specs[layer + 1] = (np.delete(nw, unit, axis=1), nb, nact)
    return network.with_changes(layers=specs)


def add_layer(network: Network) -> Network:
    """A hidden layer after the last one, passing its input through (identity weights).

    For ReLU layers this keeps the function exactly: relu(I·a) = a when a >= 0.
    """
    specs = network.layer_specs()
    if len(specs) - 1 >= MAX_HIDDEN_LAYERS:
        raise NetworkError(f"at most {MAX_HIDDEN_LAYERS} hidden layers")
    last_w, _, last_act = specs[-2]
    n = last_w.shape[0]
    specs.insert(len(specs) - 1, (np.eye(n), np.zeros(n), last_act))
    return network.with_changes(layers=specs)


def remove_layer(network: Network, layer: int) -> Network:
    """Drop hidden layer ``layer``; the next layer absorbs its weights as if it were linear."""
    specs = network.layer_specs()
    if len(specs) <= 2:
        raise NetworkError("a network needs at least one hidden layer")
    w, b, _ = specs.pop(layer)
    nw, nb, nact = specs[layer]
    specs[layer] = (nw @ w, nb + nw @ b, nact)
    return network.with_changes(layers=specs)


def set_activation(network: Network, layer: int, activation: str) -> Network:
    specs = network.layer_specs()
    w, b, _ = specs[layer]
    specs[layer] = (w, b, activation)
    return network.with_changes(layers=specs)


def randomized(network: Network, seed: int) -> Network:
    """A fresh seeded start with the same shape and activations."""
    hidden = network.hidden_layers
    return Network.initialized(
        [lay.n_out for lay in hidden],
        [lay.activation for lay in hidden],
        network.output_layer.activation,
        seed=seed,
        leaky_slope=network.leaky_slope,
        relu_grad_at_zero=network.relu_grad_at_zero,
    )


def output_for_task(network: Network, classification: bool, classes: int = 0, seed: int = 0) -> Network:
    """The same hidden layers with the output layer a task needs.

    Regression: one identity unit; two classes: one sigmoid unit; three or four: that many
    softmax units. Output weights that still fit (same number of units) are kept; new ones are
    a seeded small random start, so the classes do not start out equal.
    """
    specs = network.layer_specs()
    w, b, _ = specs[-1]
    if classification and classes > 2:
        n_out, act = classes, "softmax"
    else:
        n_out, act = 1, ("sigmoid" if classification else "identity")
    if w.shape[0] != n_out:
        rng = np.random.default_rng(seed)
        w = rng.normal(0.0, np.sqrt(2.0 / (w.shape[1] + n_out)), size=(n_out, w.shape[1]))
        b = np.zeros(n_out)
    specs[-1] = (w, b, act)
    return network.with_changes(layers=specs)
