"""The network in words, for the header a class reads in presentation mode.

"2 ReLU units → ReLU output": how many units each hidden layer has and what they compute, then
what the output does with their weighted sum; the leaky slope when a layer uses Leaky ReLU.
"""
from __future__ import annotations

from reluplay.core import ACTIVATIONS, Network

#: How an activation reads in a sentence (the editor's labels carry notes such as "(none)").
_SPOKEN = {"identity": "linear", "gelu": "GELU"}


def activation_words(name: str) -> str:
    if name in _SPOKEN:
        return _SPOKEN[name]
    activation = ACTIVATIONS.get(name)
    return activation.label if activation is not None else name


def describe_network(network: Network) -> str:
    """E.g. "2 ReLU units → ReLU output" or "3 Leaky ReLU units (slope 0.01 below 0) → linear output"."""
    parts = []
    for layer in network.hidden_layers:
        units = "unit" if layer.n_out == 1 else "units"
        parts.append(f"{layer.n_out} {activation_words(layer.activation)} {units}")
    output = network.output_layer.activation
    parts.append(f"{activation_words(output)} output")
    words = " → ".join(parts)
    if any(layer.activation == "leaky_relu" for layer in network.layers):
        words += f" (leaky slope {network.leaky_slope:g} below 0)"
    return words
