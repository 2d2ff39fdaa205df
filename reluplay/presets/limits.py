"""The preset format's limits: what a file may hold so that the app can show, train and write it again.

The file-size limit is computed from the others, so every preset the app can hold opens again.
"""
from __future__ import annotations

from ..core import MAX_DATA_POINTS, MAX_HIDDEN_LAYERS, MAX_UNITS_PER_LAYER
from ..core.features import FEATURES
from .schema_2d import MAX_CLASSES

#: Limits that protect the app from files it could not show or train (or that are not presets).
MAX_NAME_CHARS = 200
MAX_DESCRIPTION_CHARS = 10_000
MAX_NOTES_CHARS = 10_000
MAX_QUESTIONS = 20
MAX_QUESTION_CHARS = 500
#: ``training.speed`` in steps per second: from one step in ten seconds to what a class cannot follow anyway.
MIN_SPEED = 0.1
MAX_SPEED = 10_000
MAX_SEED = 2**63 - 1  # NumPy's default_rng takes any int >= 0; keep it a 64-bit value
#: Weights and biases beyond this make the plots overflow to infinity; training never needs them.
MAX_ABS_PARAMETER = 1e12
#: A view range must be at least this wide, and this fraction of its larger end's size: narrower
#: ones crash the plots (a width of 1e-322) or give tick labels that all read the same number.
MIN_VIEW_WIDTH = 1e-6
MIN_VIEW_WIDTH_RELATIVE = 1e-4

# The file-size limit follows from the limits above, so that every preset the app can hold,
# and so write, opens again: the largest network and data, each number in its longest form.
#: Weights and biases of the largest network: the first hidden layer (every input feature), the
#: other hidden layers (all full width), and the output layer (a softmax unit per class).
MAX_PARAMETERS = (
    (len(FEATURES) + 1) * MAX_UNITS_PER_LAYER
    + (MAX_HIDDEN_LAYERS - 1) * (MAX_UNITS_PER_LAYER + 1) * MAX_UNITS_PER_LAYER
    + MAX_CLASSES * (MAX_UNITS_PER_LAYER + 1)
)
#: Every number a preset can hold: parameters, training and test points (x1, x2 and y), settings.
MAX_NUMBERS = MAX_PARAMETERS + 2 * 3 * MAX_DATA_POINTS + 32
#: The longest float the writer produces (shortest round-trip repr), as "-2.2250738585072014e-308".
MAX_NUMBER_CHARS = 24
#: One number in a saved file: its text, ", ", and at worst a line of its own (indent <= 12, ",\n").
MAX_BYTES_PER_NUMBER = MAX_NUMBER_CHARS + 2 + 14
#: A control character in a name or description is written as a 6-byte escape (\u0001).
MAX_BYTES_PER_CHAR = 6
#: Keys, brackets, one line per weight row, and the other settings.
STRUCTURE_BYTES = 64 * 1024
_MiB = 1024 * 1024
#: Size of a preset file: the bound above rounded up to whole MB (2 MB; the largest file the app
#: writes is about 1.0 MB, see tests/presets/test_largest_preset.py).
MAX_FILE_BYTES = -(-(
    MAX_NUMBERS * MAX_BYTES_PER_NUMBER
    + MAX_BYTES_PER_CHAR * (MAX_NAME_CHARS + MAX_DESCRIPTION_CHARS + MAX_NOTES_CHARS
                            + MAX_QUESTIONS * MAX_QUESTION_CHARS)
    + STRUCTURE_BYTES
) // _MiB) * _MiB
