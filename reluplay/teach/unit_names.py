"""How the window names units: A, B, C... (no Qt, so plain-words texts can use it too)."""
from __future__ import annotations


def unit_name(index: int) -> str:
    """A, B, ..., Z, AA, AB ...: short names a teacher can say aloud ("unit B")."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name
