"""The one error type for everything that can be wrong with a preset file or its contents."""
from __future__ import annotations

DATA_SOURCE = "<data>"


class PresetError(ValueError):
    """A preset that cannot be read, validated or saved.

    ``source`` is the file path as the user gave it (or ``"<data>"`` for in-memory data),
    ``field`` the dotted path inside the preset (``"network.layers[1].weights"``, or ``""``
    when the problem is the file as a whole). ``str(error)`` reads
    ``ReLU.json: network.layers[1].weights: expected 2 columns, got 3``: one line that a
    command-line user or a GUI message box can show as it is.
    """

    def __init__(self, message: str, source: str = DATA_SOURCE, field: str = ""):
        self.message = message
        self.source = str(source)
        self.field = field
        super().__init__(message)

    def __str__(self) -> str:
        parts = [self.source]
        if self.field:
            parts.append(self.field)
        parts.append(self.message)
        return ": ".join(printable(part) for part in parts)

    def with_source(self, source) -> PresetError:
        """The same error, now naming the file it came from (validation runs on plain dicts)."""
        return PresetError(self.message, str(source), self.field)

    def within(self, prefix: str) -> PresetError:
        """The same error with its field nested under ``prefix`` (``layers[0]`` → ``network.layers[0]``)."""
        field = f"{prefix}.{self.field}" if self.field and not self.field.startswith("[") else prefix + self.field
        return PresetError(self.message, self.source, field)


def printable(text: str) -> str:
    """Control characters (a newline, a terminal escape) shown escaped: a message stays one line and
    a file's text never drives the terminal. Also lone surrogates, which a terminal cannot show."""
    if text.isprintable():
        return text
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
