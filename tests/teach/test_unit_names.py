"""Unit names: letters in layer 1, a prime per deeper layer (issue 13, item 2)."""
from reluplay.teach.unit_names import unit_name


def test_first_layer_units_are_letters():
    assert [unit_name(i) for i in (0, 1, 25, 26)] == ["A", "B", "Z", "AA"]


def test_deeper_layers_add_primes_then_the_layer_number():
    assert [unit_name(1, layer) for layer in range(5)] == ["B", "B′", "B″", "B‴", "B⁽⁵⁾"]
    assert unit_name(0, 7) == "A⁽⁸⁾"
