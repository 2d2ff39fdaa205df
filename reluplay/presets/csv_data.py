"""Data points as CSV: columns x,y (one input) or x1,x2,y (two inputs), to import and export a lesson's data.

Reading is forgiving about the shape of the file (header or not; comma, semicolon or tab;
blank lines and ``#`` comments; Windows line ends and byte-order mark) and strict about the
numbers: every row must be two finite numbers (three for two inputs). A bad row is reported by
its line number and nothing is loaded (all or nothing). Writing is atomic and exact: floats are
written with ``repr``, the shortest text that reads back as the same float.

Two inputs need the header ``x1,x2,y`` (columns in any order): three unnamed columns could be
meant either way. For classification ``y`` is the class label, a whole number 0 .. classes - 1.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np

from ..core.datasets import MAX_ABS_DATA_VALUE, MAX_DATA_POINTS
from .errors import DATA_SOURCE, PresetError
from .files import read_limited, write_atomically

#: 10,000 rows of two 25-character numbers fit easily; beyond this a file is not data for us.
MAX_CSV_BYTES = 2 * 1024 * 1024
SEPARATORS = ("\t", ";", ",")
_NEWLINE = re.compile(r"\r\n|\r|\n")  # universal newlines, as open() would count lines
_SHOWN_CHARS = 40


def _shown(text: str) -> str:
    """The offending text for a message: quoted, and cut short if long."""
    return repr(text if len(text) <= _SHOWN_CHARS else text[:_SHOWN_CHARS] + "...")


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


COLUMNS = {1: ("x", "y"), 2: ("x1", "x2", "y")}
_SEPARATOR_NAMES = {"\t": "a tab", ";": "a semicolon", ",": "a comma"}


def parse_csv_points(raw: bytes | str, source: str = DATA_SOURCE, n_inputs: int = 1,
                     classes: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) float arrays from the bytes (or text) of a CSV file; PresetError naming the line.

    ``n_inputs`` 2 reads columns x1,x2,y (named by a header) into x of shape (n, 2); ``classes``
    k > 0 requires every y to be a class label 0 .. k - 1.
    """
    source = str(source)
    if n_inputs not in COLUMNS:
        raise ValueError(f"n_inputs must be 1 or 2, got {n_inputs!r}")
    if isinstance(raw, (bytes, bytearray)):
        if len(raw) > MAX_CSV_BYTES:
            raise PresetError(f"file is larger than the {MAX_CSV_BYTES // 1024 ** 2} MB limit for data", source)
        raw = bytes(raw).removeprefix(b"\xef\xbb\xbf")  # a spreadsheet's byte-order mark is harmless
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = len(_NEWLINE.findall(raw[: exc.start].decode("latin-1"))) + 1
            raise PresetError(
                f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8 CSV", source, f"line {line}"
            ) from None
    elif isinstance(raw, str):
        if len(raw) > MAX_CSV_BYTES:
            raise PresetError(f"text is larger than the {MAX_CSV_BYTES // 1024 ** 2} MB limit for data", source)
        text = raw.removeprefix("\ufeff")
    else:
        raise TypeError(f"expected bytes or str, got {type(raw).__name__}")

    names = COLUMNS[n_inputs]
    wanted = ",".join(names)
    count = {2: "two", 3: "three"}[len(names)]
    order = list(range(len(names)))  # column of each name, as the header says
    rows: list[list[float]] = []
    sep: str | None = None  # decided by the first row of numbers, then the same for every row
    header_allowed = True
    for number, line in enumerate(_NEWLINE.split(text), start=1):
        row = line.split("#", 1)[0].strip()
        if not row:
            continue
        where = f"line {number}"
        if header_allowed:
            header_allowed = False
            # A header is a first row without a single number in it ("x,y", "dose;effect").
            # A row that is half numbers is a mistake, not a header: it is reported below.
            cells = [c.strip() for c in re.split(r"[\t;,]", row)]
            if all(_number(c) is None for c in cells):
                if n_inputs == 2:
                    order = _named_columns(cells, names, source, where)
                continue
            if n_inputs == 2:
                raise PresetError(f"expected the header {wanted} first (data with two inputs names its "
                                  f"columns), got {_shown(row)}", source, where)
        if sep is None:
            sep = next((s for s in SEPARATORS if s in row), None)
            if sep is None:
                raise PresetError(f"expected {count} numbers {wanted} separated by a comma, got {_shown(row)}",
                                  source, where)
        fields = [f.strip() for f in row.split(sep)]
        if len(fields) != len(names):
            hint = ""
            if n_inputs == 1 and len(fields) == 3:
                hint = " (three columns x1,x2,y are data for a lesson with two inputs)"
            raise PresetError(f"expected {count} numbers {wanted} separated by {_SEPARATOR_NAMES[sep]}, "
                              f"got {_shown(row)}{hint}", source, where)
        fields = [fields[c] for c in order]
        values = []
        for axis, field in zip(names, fields):
            # with ; or tab between the columns, a decimal comma (1,5) is a spreadsheet's 1.5
            value = _number(field.replace(",", ".") if sep != "," and field.count(",") == 1 else field)
            if value is None:
                raise PresetError(f"expected {count} numbers {wanted}, got {_shown(row)} ({axis} is not a number)",
                                  source, where)
            if not np.isfinite(value):
                raise PresetError(f"{axis} must be a finite number, got {_shown(field)}", source, where)
            if abs(value) > MAX_ABS_DATA_VALUE:
                raise PresetError(f"{axis} = {_shown(field)} is beyond the limit of ±{MAX_ABS_DATA_VALUE:g}", source, where)
            values.append(value)
        if classes and not (values[-1] == round(values[-1]) and 0 <= values[-1] <= classes - 1):
            raise PresetError(f"y must be a class label, a whole number from 0 to {classes - 1} ({classes} "
                              f"classes), got {_shown(fields[-1])}", source, where)
        if len(rows) >= MAX_DATA_POINTS:
            raise PresetError(f"more than {MAX_DATA_POINTS} data points (the limit)", source, where)
        rows.append(values)
    if not rows:
        raise PresetError(f"no data points: expected rows of {count} numbers {wanted}", source)
    table = np.array(rows, dtype=float)
    x = table[:, 0] if n_inputs == 1 else np.ascontiguousarray(table[:, :2])
    return x, np.ascontiguousarray(table[:, -1])


def _named_columns(cells: list[str], names: tuple[str, ...], source: str, where: str) -> list[int]:
    """The column of each name in a header such as ``x1,x2,y`` (any order, any case)."""
    given = [c.lower() for c in cells]
    if sorted(given) != sorted(names):
        raise PresetError(f"expected the header {','.join(names)} (columns in any order), got "
                          f"{_shown(','.join(cells))}", source, where)
    return [given.index(name) for name in names]


def read_csv_points(path: str | Path, n_inputs: int = 1, classes: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Read a CSV file of x,y (or x1,x2,y) points. The error names the path as it was given, and the line."""
    source = str(path)
    raw = read_limited(path, MAX_CSV_BYTES, "csv")
    return parse_csv_points(raw, source, n_inputs, classes)


def csv_points_text(x, y, header: bool = True, source: str = DATA_SOURCE) -> str:
    """The points as CSV text: an ``x,y`` header and one ``x,y`` row per point, exact floats.

    x of shape (n, 2) (two inputs) gives ``x1,x2,y`` rows, always with the header.
    """
    x = np.asarray(x, dtype=float)
    two = x.ndim == 2 and x.shape[1] == 2
    x = x.reshape(-1, 2) if two else x.reshape(-1)
    y = np.asarray(y, dtype=float).reshape(-1)
    if len(x) != y.size:
        raise PresetError(f"x and y must have the same number of points, got {len(x)} and {y.size}", source)
    if y.size > MAX_DATA_POINTS:
        raise PresetError(f"{y.size} data points, more than the limit of {MAX_DATA_POINTS}", source)
    finite = np.isfinite(x).all(axis=1) if two else np.isfinite(x)
    bad = np.flatnonzero(~(finite & np.isfinite(y)))
    if bad.size:
        i = int(bad[0])
        shown = ", ".join(repr(float(v)) for v in [*np.atleast_1d(x[i]), y[i]])
        raise PresetError(f"point {i + 1} is not finite ({shown}); CSV data must be numbers", source)
    if two:
        rows = [f"{a!r},{b!r},{c!r}" for (a, b), c in zip(x.tolist(), y.tolist())]
        return "\n".join(["x1,x2,y", *rows]) + "\n"
    rows = [f"{float(a)!r},{float(b)!r}" for a, b in zip(x.tolist(), y.tolist())]
    return "\n".join((["x,y"] if header else []) + rows) + "\n"


def write_csv_points(path: str | Path, x, y, header: bool = True) -> Path:
    """Write x,y (or x1,x2,y) points atomically: a temporary file in the same folder, renamed over the target.

    The same steps as ``io.save_preset``: a reader or a crash sees the old file or the new one,
    never half of one, and on failure the old file is untouched and a PresetError names the path.
    """
    source = str(path)
    text = csv_points_text(x, y, header, source)
    return write_atomically(path, text, "data", "data.csv")
