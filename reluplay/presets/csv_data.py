"""Data points as CSV: two columns x,y, for importing and exporting a lesson's data.

Reading is forgiving about the shape of the file (header or not; comma, semicolon or tab;
blank lines and ``#`` comments; Windows line ends and byte-order mark) and strict about the
numbers: every row must be two finite numbers. A bad row is reported by its line number and
nothing is loaded (all or nothing). Writing is atomic and exact: floats are written with
``repr``, the shortest text that reads back as the same float.
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


def parse_csv_points(raw: bytes | str, source: str = DATA_SOURCE) -> tuple[np.ndarray, np.ndarray]:
    """(x, y) float arrays from the bytes (or text) of a CSV file; PresetError naming the line."""
    source = str(source)
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

    xs: list[float] = []
    ys: list[float] = []
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
            if all(_number(f) is None for f in re.split(r"[\t;,]", row)):
                continue
        if sep is None:
            sep = next((s for s in SEPARATORS if s in row), None)
            if sep is None:
                raise PresetError(f"expected two numbers x,y separated by a comma, got {_shown(row)}", source, where)
        fields = [f.strip() for f in row.split(sep)]
        if len(fields) != 2:
            name = {"\t": "a tab", ";": "a semicolon", ",": "a comma"}[sep]
            raise PresetError(f"expected two numbers x,y separated by {name}, got {_shown(row)}", source, where)
        values = []
        for axis, field in zip("xy", fields):
            # with ; or tab between the columns, a decimal comma (1,5) is a spreadsheet's 1.5
            value = _number(field.replace(",", ".") if sep != "," and field.count(",") == 1 else field)
            if value is None:
                raise PresetError(f"expected two numbers x,y, got {_shown(row)} ({axis} is not a number)", source, where)
            if not np.isfinite(value):
                raise PresetError(f"{axis} must be a finite number, got {_shown(field)}", source, where)
            if abs(value) > MAX_ABS_DATA_VALUE:
                raise PresetError(f"{axis} = {_shown(field)} is beyond the limit of ±{MAX_ABS_DATA_VALUE:g}", source, where)
            values.append(value)
        if len(xs) >= MAX_DATA_POINTS:
            raise PresetError(f"more than {MAX_DATA_POINTS} data points (the limit)", source, where)
        xs.append(values[0])
        ys.append(values[1])
    if not xs:
        raise PresetError("no data points: expected rows of two numbers x,y", source)
    return np.array(xs, dtype=float), np.array(ys, dtype=float)


def read_csv_points(path: str | Path) -> tuple[np.ndarray, np.ndarray]:
    """Read a CSV file of x,y points. The error names the path as it was given, and the line."""
    source = str(path)
    raw = read_limited(path, MAX_CSV_BYTES, "csv")
    return parse_csv_points(raw, source)


def csv_points_text(x, y, header: bool = True, source: str = DATA_SOURCE) -> str:
    """The points as CSV text: ``x,y`` header, one ``x,y`` row per point, exact floats."""
    x = np.asarray(x, dtype=float).reshape(-1)
    y = np.asarray(y, dtype=float).reshape(-1)
    if x.shape != y.shape:
        raise PresetError(f"x and y must have the same number of points, got {x.size} and {y.size}", source)
    if x.size > MAX_DATA_POINTS:
        raise PresetError(f"{x.size} data points, more than the limit of {MAX_DATA_POINTS}", source)
    bad = np.flatnonzero(~(np.isfinite(x) & np.isfinite(y)))
    if bad.size:
        i = int(bad[0])
        raise PresetError(f"point {i + 1} is not finite ({x[i]!r}, {y[i]!r}); CSV data must be numbers", source)
    rows = [f"{float(a)!r},{float(b)!r}" for a, b in zip(x.tolist(), y.tolist())]
    return "\n".join((["x,y"] if header else []) + rows) + "\n"


def write_csv_points(path: str | Path, x, y, header: bool = True) -> Path:
    """Write x,y points atomically: a temporary file in the same folder, renamed over the target.

    The same steps as ``io.save_preset``: a reader or a crash sees the old file or the new one,
    never half of one, and on failure the old file is untouched and a PresetError names the path.
    """
    source = str(path)
    text = csv_points_text(x, y, header, source)
    return write_atomically(path, text, "data", "data.csv")
