"""`reluplay eval` in bounded memory: the network runs on chunks of x, and the output is streamed.

A forward pass keeps every layer's values for every point: at 8 hidden layers of 256 units that is
~64 KB per x value, 6.4 GB for the 100,000 values allowed. Here it runs on chunks of
``CHUNK_BYTES`` (each value computed exactly as one big pass would: a point's column does not
depend on its neighbours), and the text table is printed chunk by chunk.

The JSON lists each hidden unit's values over all x, so the hidden values must be regrouped unit
by unit: they are kept in memory up to ``IN_MEMORY_BYTES`` and otherwise in an unnamed temporary
file (deleted by the system even if the process is killed), read back one unit at a time.
"""
from __future__ import annotations

import json
import math
import sys
import tempfile

import numpy as np

from reluplay.cli.progress import Progress
from reluplay.teach.unit_names import unit_name

#: Work space of one chunk's forward pass (its pre-activation, activation and two gradient buffers).
CHUNK_BYTES = 64 * 2**20
#: Hidden values (8 bytes each) regrouped in memory for the JSON; past this, in a temporary file.
IN_MEMORY_BYTES = 64 * 2**20


def chunk_size(network) -> int:
    """How many x values one chunk holds: ``CHUNK_BYTES`` over the pass's bytes per point."""
    per_point = 4 * 8 * sum(layer.n_out for layer in network.layers)
    return max(1, CHUNK_BYTES // per_point)


def forward_chunks(network, x: np.ndarray, progress: Progress | None = None):
    """Yield (start, pass) for consecutive chunks of x (numbers, or (x1, x2) rows); each pass is
    freed when the next starts."""
    step = chunk_size(network)
    n = len(x)
    for start in range(0, n, step):
        # A huge x may overflow to inf: shown as null, not a warning.
        with np.errstate(all="ignore"):
            run = network.forward(x[start : start + step])
        yield start, run
        del run
        if progress is not None:
            progress.update(min(start + step, n))


def _numbers_json(values: np.ndarray) -> str:
    """A JSON list of floats (or of rows of floats); NaN and infinities (which JSON lacks) as null."""
    if np.isfinite(values).all():
        return json.dumps(values.tolist())
    if values.ndim == 2:
        return json.dumps([[v if math.isfinite(v) else None for v in row] for row in values.tolist()])
    return json.dumps([v if math.isfinite(v) else None for v in values.tolist()])


def _outputs(run) -> np.ndarray:
    """The output at each point of a pass: (n,) for one output unit, (n, k) for softmax."""
    table = run.post[-1]
    return table[0] if table.shape[0] == 1 else table.T


def _classes(network, outputs: np.ndarray) -> np.ndarray | None:
    """The predicted class at each point (classification outputs), else None."""
    act = network.output_layer.activation
    if act == "softmax":
        return np.argmax(outputs, axis=1)
    if act == "sigmoid":
        return (outputs >= 0.5).astype(np.int64)
    return None


class _HiddenTable:
    """Hidden values, one row per unit (all layers' units in order), one column per x value."""

    def __init__(self, rows: int, columns: int):
        self.rows, self.columns = rows, columns
        self._array = None
        self._file = None
        if rows * columns * 8 <= IN_MEMORY_BYTES:
            self._array = np.empty((rows, columns))
        else:
            self._file = tempfile.TemporaryFile()
            self._file.truncate(rows * columns * 8)

    def put(self, first_row: int, start: int, block: np.ndarray) -> None:
        """Write ``block`` (units x chunk) at rows from ``first_row``, columns from ``start``."""
        if self._array is not None:
            self._array[first_row : first_row + block.shape[0], start : start + block.shape[1]] = block
            return
        for r, values in enumerate(block):
            self._file.seek(((first_row + r) * self.columns + start) * 8)
            self._file.write(np.ascontiguousarray(values, dtype=float).tobytes())

    def row(self, r: int) -> np.ndarray:
        if self._array is not None:
            return self._array[r]
        self._file.seek(r * self.columns * 8)
        return np.fromfile(self._file, dtype=float, count=self.columns)

    def close(self) -> None:
        if self._file is not None:
            self._file.close()


def eval_json(network, x: np.ndarray, classify: bool = False) -> None:
    """Print ``{"x", "y", "units"[, "layers"]}`` as ``json.dumps`` would, in bounded memory.

    Two inputs: ``x`` lists [x1, x2] pairs; ``y`` is the output at each point (a probability for
    two classes, a list of k probabilities for softmax); with ``classify`` also ``"class"``, the
    predicted class at each point. No progress bar: ``--json`` output is for programs, and stays quiet.
    """
    n = len(x)
    hidden_sizes = [layer.n_out for layer in network.hidden_layers]
    table = _HiddenTable(sum(hidden_sizes), n)
    k = network.output_layer.n_out
    y = np.empty(n) if k == 1 else np.empty((n, k))
    try:
        for start, run in forward_chunks(network, x):
            out = _outputs(run)
            y[start : start + len(out)] = out
            row = 0
            for values in run.post[:-1]:
                table.put(row, start, values)
                row += values.shape[0]
        write = sys.stdout.write
        write('{"x": ' + _numbers_json(x) + ', "y": ' + _numbers_json(y))
        predicted = _classes(network, y) if classify else None
        if predicted is not None:
            write(', "class": ' + json.dumps(predicted.tolist()))
        write(', "units": ')
        firsts = np.cumsum([0] + hidden_sizes)
        layers = [range(first, first + size) for first, size in zip(firsts, hidden_sizes)]

        def write_layer(rows) -> None:
            write("[")
            for k, r in enumerate(rows):  # one unit at a time: a unit's text is ~2 MB at 100,000 x
                write((", " if k else "") + _numbers_json(table.row(r)))
            write("]")

        write_layer(layers[0])
        names = [unit_name(i) for i in range(hidden_sizes[0])]  # as the window names them
        write(', "unit_names": ' + json.dumps(names))
        if len(layers) > 1:
            write(', "layers": [')
            for k, rows in enumerate(layers):
                write(", " if k else "")
                write_layer(rows)
            write("]")
        write("}\n")
    finally:
        table.close()


def eval_table(network, x: np.ndarray, header_line: str, fmt, show_progress: bool, classify: bool = False) -> None:
    """Print the text table (x, y and the first hidden layer's units), chunk by chunk.

    Two inputs: columns x1 and x2; for classification the probability of each class (class 1 only,
    for two classes) and the predicted class.
    """
    units = network.layers[0].n_out
    k = network.output_layer.n_out
    two = x.ndim == 2
    print(header_line)
    inputs = ["x1", "x2"] if two else ["x"]
    if classify:
        outputs = ["p(class 1)"] if k == 1 else [f"p(class {c})" for c in range(k)]
        outputs.append("class")
    else:
        outputs = ["y"]
    header = inputs + outputs + [f"unit {unit_name(i)}" for i in range(units)]
    print("  ".join(f"{h:>12}" for h in header))
    with Progress("eval", len(x), "points" if two else "x values", enabled=show_progress) as bar:
        for start, run in forward_chunks(network, x, bar):
            first = run.post[0]
            out = _outputs(run)
            out = out.reshape(len(out), -1)
            predicted = _classes(network, out[:, 0] if k == 1 else out) if classify else None
            lines = []
            for i in range(len(out)):
                row = np.atleast_1d(x[start + i]).tolist() + out[i].tolist()
                cells = [f"{fmt(_finite(v)):>12}" for v in row]
                if predicted is not None:
                    cells.append(f"{int(predicted[i]):>12}")
                cells += [f"{fmt(_finite(v)):>12}" for v in first[:, i].tolist()]
                lines.append("  ".join(cells))
            print("\n".join(lines))
    if len(network.hidden_layers) > 1:
        print(f"(units of the first hidden layer; use --json for all {len(network.hidden_layers)} hidden layers)")


def _finite(value: float):
    return value if math.isfinite(value) else None
