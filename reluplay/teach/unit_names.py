"""How the window names units: A, B, C... in the first hidden layer, A′, B′... in the second.

No Qt, so plain-words texts can use it too. A teacher says "unit B" for the first layer, as the
lessons do; a deeper layer's units keep the letters with a prime per layer (A′ in layer 2, A″ in
layer 3, A‴ in layer 4, like f′, f″), so "B′" can never be mistaken for layer 1's B. Past four
layers primes stop being countable at a glance, and the layer number is written out (A⁽⁵⁾).
"""
from __future__ import annotations

PRIMES = ("", "′", "″", "‴")
_SUPERSCRIPT_DIGITS = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def letters(index: int) -> str:
    """A, B, ..., Z, AA, AB ...: short names a teacher can say aloud ("unit B")."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def layer_mark(layer: int) -> str:
    """What follows the letters of a unit in hidden layer ``layer`` (0-based): "", ′, ″, ‴, ⁽⁵⁾ ..."""
    if layer < len(PRIMES):
        return PRIMES[layer]
    return f"⁽{layer + 1}⁾".translate(_SUPERSCRIPT_DIGITS)


def unit_name(index: int, layer: int = 0) -> str:
    """Unit ``index`` of hidden layer ``layer`` (both 0-based): "B" in layer 1, "B′" in layer 2."""
    return letters(index) + layer_mark(layer)
