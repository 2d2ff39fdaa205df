"""The network in words, for presentation mode's header."""
from reluplay.presets import load_preset
from reluplay.teach.network_words import describe_network


def test_the_lessons_networks_read_as_a_sentence():
    assert describe_network(load_preset("relu-in-action").network) == "2 ReLU units → ReLU output"
    assert describe_network(load_preset("universal-approximation").network) == "16 ReLU units → linear output"
    assert "leaky slope 0.01" in describe_network(load_preset("leaky-vs-relu").network)
