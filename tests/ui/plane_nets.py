"""Small two-input networks for the plane views' tests, built directly from weights."""
from __future__ import annotations

from types import SimpleNamespace

import numpy as np


def _act(name, z):
    if name == "relu":
        return np.maximum(z, 0.0)
    if name == "sigmoid":
        return 1.0 / (1.0 + np.exp(-z))
    if name == "softmax":
        e = np.exp(z - z.max(axis=0))
        return e / e.sum(axis=0)
    return z


class PlaneNet:
    """layers: [(weights (n_out, n_in), biases, activation)], inputs x1, x2."""

    def __init__(self, layers, features=("x1", "x2")):
        self.layers = [SimpleNamespace(weights=np.asarray(w, float), biases=np.asarray(b, float), activation=a,
                                       n_out=np.asarray(w).shape[0]) for w, b, a in layers]
        self.features = tuple(features)
        self.n_inputs = 2
        self.n_outputs = self.layers[-1].n_out
        self.leaky_slope = 0.01

    @property
    def hidden_layers(self):
        return self.layers[:-1]

    @property
    def output_layer(self):
        return self.layers[-1]

    def layer_specs(self):
        return [(lay.weights.copy(), lay.biases.copy(), lay.activation) for lay in self.layers]

    def forward(self, points):
        points = np.asarray(points, float).reshape(-1, 2)
        rows = {"x1": points[:, 0], "x2": points[:, 1], "x1^2": points[:, 0] ** 2, "x2^2": points[:, 1] ** 2}
        a = np.stack([rows[f] for f in self.features])
        pre, post = [], []
        for lay in self.layers:
            z = lay.weights @ a + lay.biases[:, None]
            a = _act(lay.activation, z)
            pre.append(z)
            post.append(a)
        return SimpleNamespace(pre=pre, post=post)

    def __call__(self, points):
        out = self.forward(points).post[-1]
        return out[0] if out.shape[0] == 1 else out.T


def three_folds():
    """Three ReLU units on x1, x2 with folds x1 = 1, x2 = -2 and x1 + x2 = 0; output weights 1, -2, 0.5."""
    return PlaneNet([([[1, 0], [0, 1], [1, 1]], [-1, 2, 0], "relu"), ([[1, -2, 0.5]], [0.3], "identity")])


def xor_net():
    """Two ReLUs then a sigmoid: a two-class net."""
    return PlaneNet([([[1, 1], [1, -1]], [0, 0], "relu"), ([[2, -2]], [0.1], "sigmoid")])
