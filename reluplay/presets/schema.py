"""Schema version 2 of the preset file: plain dict -> Preset, validating every field.

(The other way, Preset -> dict, is schema_write.py.)

Validation happens on the dict that ``json.loads`` produced, before any NumPy array or
Network is built, so every problem can be reported with the field it is in. The checks run
cheapest first (types and lengths before looping over numbers) so a hostile file costs little.
"""
from __future__ import annotations

from typing import Any

import numpy as np

from ..core import (
    ACTIVATIONS,
    GRAD_AT_ZERO_CHOICES,
    MAX_ABS_DATA_VALUE,
    MAX_DATA_POINTS,
    MAX_HIDDEN_LAYERS,
    MAX_UNITS_PER_LAYER,
    OPTIMIZERS,
    OUTPUT_ACTIVATIONS,
    Network,
    NetworkError,
    TrainingError,
    TrainingSettings,
)
from ..core.features import ONE_INPUT
from ..core.training import MAX_L2, MAX_LEARNING_RATE
from . import schema_2d
from .errors import DATA_SOURCE, PresetError
from .limits import (
    MAX_ABS_PARAMETER,
    MAX_DESCRIPTION_CHARS,
    MAX_NAME_CHARS,
    MAX_NOTES_CHARS,
    MAX_QUESTION_CHARS,
    MAX_QUESTIONS,
    MAX_SEED,
    MAX_SPEED,
    MIN_SPEED,
    MIN_VIEW_WIDTH,
    MIN_VIEW_WIDTH_RELATIVE,
)
from .model import PANELS, REGRESSION, SPEED_WORDS, Preset, Teaching, ViewRange
from .readers import integer, number, numbers, obj, string, type_name

FORMAT = "reluplay-preset"
SCHEMA_VERSION = 2

DEFAULT_NAME = "Untitled"
DEFAULT_TRAINING = TrainingSettings()
DEFAULT_VIEW = ViewRange()
DEFAULT_TEACHING = Teaching()

_TOP_FIELDS = ("format", "schema_version", "name", "description", "task", "classes", "lesson", "network", "data",
               "training", "view")
_LESSON_FIELDS = ("notes", "questions")
_NETWORK_FIELDS = ("inputs", "features", "layers", "leaky_slope", "relu_grad_at_zero")
_LAYER_FIELDS = ("activation", "weights", "biases")
_DATA_FIELDS = ("x", "y", "test", "dataset")
_TEST_FIELDS = ("x", "y")
_TRAINING_FIELDS = ("optimizer", "learning_rate", "batch_size", "l2", "loss", "seed", "speed")
_VIEW_FIELDS = ("x_range", "y_range", "panels", "loss_log_scale", "palette")
#: Two inputs: the box the plane is drawn and its regions counted in, when the file gives none (TF Playground's).
PLANE_BOX = (-6.0, 6.0)
#: The output layer's activations: one unit (OUTPUT_ACTIVATIONS) or one softmax unit per class.
_OUTPUTS = (*OUTPUT_ACTIVATIONS, schema_2d.SOFTMAX)
#: ``view.palette``: the unit colours (reluplay/ui/palette.py draws them).
PALETTES = ("standard", "projector")


# --- small typed readers (readers.py): each raises PresetError naming the field ----------------

_type_name, _object, _string, _numbers = type_name, obj, string, numbers


def _range(value: Any, field: str) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        got = f"{len(value)} items" if isinstance(value, list) else _type_name(value)
        raise PresetError(f"expected [low, high], got {got}", field=field)
    low = number(value[0], f"{field}[0]", MAX_ABS_DATA_VALUE)
    high = number(value[1], f"{field}[1]", MAX_ABS_DATA_VALUE)
    if not low < high:
        raise PresetError(f"low must be less than high, got [{low!r}, {high!r}]", field=field)
    least = max(MIN_VIEW_WIDTH, MIN_VIEW_WIDTH_RELATIVE * max(abs(low), abs(high)))
    if high - low < least:
        raise PresetError(
            f"too narrow to draw: [{low!r}, {high!r}] is {high - low:.3g} wide; a view must be at least "
            f"{MIN_VIEW_WIDTH:g} wide and {MIN_VIEW_WIDTH_RELATIVE:g} × its larger end's size (here {least:.3g})",
            field=field,
        )
    return low, high


# --- dict -> Preset --------------------------------------------------------------------------

def _layer(value: Any, index: int, n_in: int, is_output: bool,
           features: tuple[str, ...] = ONE_INPUT) -> tuple[np.ndarray, np.ndarray, str]:
    field = f"network.layers[{index}]"
    layer = _object(value, field, _LAYER_FIELDS)
    for key in ("weights", "biases"):
        if key not in layer:
            raise PresetError("missing (every layer needs weights and biases)", field=f"{field}.{key}")
    activation = layer.get("activation", "identity" if is_output else "relu")
    known = tuple(dict.fromkeys([*ACTIVATIONS, *_OUTPUTS]))
    if not isinstance(activation, str) or activation not in known:
        shown = repr(activation) if isinstance(activation, str) else _type_name(activation)
        raise PresetError(f"unknown activation {shown} (known: {', '.join(known)})", field=f"{field}.activation")
    if not is_output and activation == schema_2d.SOFTMAX:
        raise PresetError("softmax is only for the output layer (one unit per class)", field=f"{field}.activation")
    if is_output and activation not in _OUTPUTS:
        raise PresetError(
            f"the output layer's activation must be one of {', '.join(_OUTPUTS)}, got {activation!r}",
            field=f"{field}.activation",
        )
    rows = layer["weights"]
    wfield = f"{field}.weights"
    if not isinstance(rows, list):
        raise PresetError(f"expected a list of rows (one per unit), got {_type_name(rows)}", field=wfield)
    if is_output:
        schema_2d.output_units_field(index, len(rows), activation)
    if not rows:
        raise PresetError("expected at least one row (a layer needs at least one unit)", field=wfield)
    if len(rows) > MAX_UNITS_PER_LAYER:
        raise PresetError(f"at most {MAX_UNITS_PER_LAYER} units per layer, got {len(rows)}", field=wfield)
    weights = np.empty((len(rows), n_in))
    for r, row in enumerate(rows):
        if not isinstance(row, list):
            raise PresetError(f"expected a list of {n_in} numbers, got {_type_name(row)}", field=f"{wfield}[{r}]")
        if len(row) != n_in:
            noun = "column" if n_in == 1 else "columns"
            inputs = f" (one per input feature: {', '.join(features)})" if index == 0 and n_in > 1 else ""
            raise PresetError(f"expected {n_in} {noun}{inputs}, got {len(row)}", field=wfield)
        weights[r] = [number(v, f"{wfield}[{r}][{c}]", MAX_ABS_PARAMETER) for c, v in enumerate(row)]
    biases = _numbers(layer["biases"], f"{field}.biases", MAX_UNITS_PER_LAYER, limit=MAX_ABS_PARAMETER)
    if biases.size != weights.shape[0]:
        raise PresetError(
            f"expected {weights.shape[0]} numbers (one per unit), got {biases.size}", field=f"{field}.biases"
        )
    return weights, biases, activation


def _network(value: Any) -> Network:
    net = _object(value, "network", _NETWORK_FIELDS)
    if "layers" not in net:
        raise PresetError("missing (a network needs its layers)", field="network.layers")
    layers = net["layers"]
    if not isinstance(layers, list):
        raise PresetError(f"expected a list of layers, got {_type_name(layers)}", field="network.layers")
    if len(layers) < 2:
        raise PresetError(
            f"expected at least 2 layers (a hidden layer, then the output layer), got {len(layers)}",
            field="network.layers",
        )
    if len(layers) - 1 > MAX_HIDDEN_LAYERS:
        raise PresetError(
            f"at most {MAX_HIDDEN_LAYERS} hidden layers, got {len(layers) - 1}", field="network.layers"
        )
    features = schema_2d.input_features(net)
    specs = []
    n_in = len(features)
    for index, layer in enumerate(layers):
        spec = _layer(layer, index, n_in, index == len(layers) - 1, features)
        specs.append(spec)
        n_in = spec[0].shape[0]
    slope = number(net.get("leaky_slope", 0.01), "network.leaky_slope")
    if not 0.0 <= slope <= 1.0:
        raise PresetError(f"expected a number from 0 to 1, got {slope!r}", field="network.leaky_slope")
    at_zero = number(net.get("relu_grad_at_zero", 0.0), "network.relu_grad_at_zero")
    if at_zero not in GRAD_AT_ZERO_CHOICES:
        choices = ", ".join(f"{c:g}" for c in GRAD_AT_ZERO_CHOICES)
        raise PresetError(f"expected one of {choices}, got {at_zero!r}", field="network.relu_grad_at_zero")
    try:
        return Network(specs, slope, at_zero, features=features)
    except NetworkError as exc:  # the checks above should have caught it; keep the one error type
        raise PresetError(str(exc), field="network") from None


def _points(value: Any, field: str, known: tuple[str, ...], n_inputs: int,
            classes: int) -> tuple[dict, np.ndarray, np.ndarray]:
    data = _object(value, field, known)
    x = schema_2d.points(data.get("x", []), f"{field}.x", n_inputs)
    y = _numbers(data.get("y", []), f"{field}.y", MAX_DATA_POINTS, "data points", MAX_ABS_DATA_VALUE)
    if len(x) != y.size:
        raise PresetError(f"expected {len(x)} values (one per x), got {y.size}", field=f"{field}.y")
    if classes:
        schema_2d.check_labels(y, f"{field}.y", classes)
    return data, x, y


def _data(value: Any, n_inputs: int = 1, classes: int = 0):
    """Training points, the held-out test points (``data.test``, optional) and ``data.dataset``."""
    data, x, y = _points(value, "data", _DATA_FIELDS, n_inputs, classes)
    _, test_x, test_y = _points(data.get("test", {}), "data.test", _TEST_FIELDS, n_inputs, classes)
    record = schema_2d.dataset(data["dataset"], n_inputs) if "dataset" in data else None
    return x, y, test_x, test_y, record


def _training(value: Any, task: str = REGRESSION) -> TrainingSettings:
    t = _object(value, "training", _TRAINING_FIELDS)
    optimizer = t.get("optimizer", DEFAULT_TRAINING.optimizer)
    if not isinstance(optimizer, str) or optimizer not in OPTIMIZERS:
        shown = repr(optimizer) if isinstance(optimizer, str) else _type_name(optimizer)
        raise PresetError(f"unknown optimizer {shown} (known: {', '.join(OPTIMIZERS)})", field="training.optimizer")
    lr = number(t.get("learning_rate", DEFAULT_TRAINING.learning_rate), "training.learning_rate")
    if not 0.0 < lr <= MAX_LEARNING_RATE:
        raise PresetError(f"expected a number > 0 and <= {MAX_LEARNING_RATE:g}, got {lr!r}", field="training.learning_rate")
    batch = t.get("batch_size", DEFAULT_TRAINING.batch_size)
    if batch is not None:
        batch = integer(batch, "training.batch_size", 1, MAX_DATA_POINTS)
    l2 = number(t.get("l2", DEFAULT_TRAINING.l2), "training.l2")
    if not 0.0 <= l2 <= MAX_L2:
        raise PresetError(f"expected a number >= 0 and <= {MAX_L2:g}, got {l2!r}", field="training.l2")
    seed = integer(t.get("seed", DEFAULT_TRAINING.seed), "training.seed", 0, MAX_SEED)
    loss = schema_2d.loss(t.get("loss", schema_2d.default_loss(task)), task)
    try:
        return TrainingSettings(optimizer=optimizer, learning_rate=lr, batch_size=batch, l2=l2, seed=seed,
                                loss=loss).validated()
    except TrainingError as exc:
        raise PresetError(str(exc), field="training") from None


def _speed(value: Any) -> float | str:
    """``training.speed``: steps per second, "fastest" or "slow-start"."""
    if isinstance(value, str):
        if value not in SPEED_WORDS:
            raise PresetError(f"expected steps per second or one of {', '.join(map(repr, SPEED_WORDS))}, "
                              f"got {value!r}", field="training.speed")
        return value
    speed = number(value, "training.speed")
    if not MIN_SPEED <= speed <= MAX_SPEED:
        raise PresetError(f"expected {MIN_SPEED:g} to {MAX_SPEED:g} steps per second, got {speed!r}",
                          field="training.speed")
    return speed


def _teaching(top: dict) -> Teaching:
    """The lesson's notes and questions, its speed and its screen setup (all optional)."""
    lesson = _object(top.get("lesson", {}), "lesson", _LESSON_FIELDS)
    notes = _string(lesson.get("notes", ""), "lesson.notes", MAX_NOTES_CHARS)
    questions = lesson.get("questions", [])
    if not isinstance(questions, list):
        raise PresetError(f"expected a list of strings, got {_type_name(questions)}", field="lesson.questions")
    if len(questions) > MAX_QUESTIONS:
        raise PresetError(f"at most {MAX_QUESTIONS} questions, got {len(questions)}", field="lesson.questions")
    questions = tuple(_string(q, f"lesson.questions[{i}]", MAX_QUESTION_CHARS) for i, q in enumerate(questions))
    training = top.get("training", {})
    speed = _speed(training["speed"]) if isinstance(training, dict) and "speed" in training else DEFAULT_TEACHING.speed
    view = top.get("view", {})
    view = view if isinstance(view, dict) else {}  # _view has reported anything else already
    panels = view.get("panels", [])
    if not isinstance(panels, list):
        raise PresetError(f"expected a list of panel names, got {_type_name(panels)}", field="view.panels")
    for i, panel in enumerate(panels):
        if not isinstance(panel, str) or panel not in PANELS:
            shown = repr(panel) if isinstance(panel, str) else _type_name(panel)
            raise PresetError(f"unknown panel {shown} (known: {', '.join(PANELS)})", field=f"view.panels[{i}]")
    log_scale = view.get("loss_log_scale", DEFAULT_TEACHING.loss_log_scale)
    if not isinstance(log_scale, bool):
        raise PresetError(f"expected true or false, got {_type_name(log_scale)}", field="view.loss_log_scale")
    return Teaching(speed=speed, notes=notes, questions=questions, panels=tuple(dict.fromkeys(panels)),
                    loss_log_scale=log_scale)


def _view(value: Any, n_inputs: int = 1) -> ViewRange:
    """One input: x's and the output's ranges. Two inputs: ``x_range`` and ``y_range`` are x1's and x2's
    ranges, the box of the plane (held in memory as ``x_range`` and ``x2_range``)."""
    if isinstance(value, dict) and "x2_range" in value:  # written by a pre-release of two inputs only
        raise PresetError("unknown field: the plane's x2 range is view.y_range (x1's is view.x_range)",
                          field="view.x2_range")
    v = _object(value, "view", _VIEW_FIELDS)
    default_x, default_y = (PLANE_BOX, PLANE_BOX) if n_inputs == 2 else (DEFAULT_VIEW.x_range, DEFAULT_VIEW.y_range)
    x_range = _range(v["x_range"], "view.x_range") if "x_range" in v else default_x
    y_range = _range(v["y_range"], "view.y_range") if "y_range" in v else default_y
    return ViewRange(
        x_range=x_range,
        y_range=y_range,
        x2_range=y_range if n_inputs == 2 else DEFAULT_VIEW.x2_range,
        palette=_palette(v.get("palette", DEFAULT_VIEW.palette)),
    )


def _palette(value: Any) -> str:
    if not isinstance(value, str) or value not in PALETTES:
        shown = repr(value) if isinstance(value, str) else f"a {type(value).__name__}"
        raise PresetError(f"unknown palette {shown} (known: {', '.join(PALETTES)})", field="view.palette")
    return value


def preset_from_dict(data: Any, source: str = DATA_SOURCE, default_name: str = DEFAULT_NAME) -> Preset:
    """Validate a current-version dict (already migrated) and build the Preset.

    Raises PresetError naming ``source`` and the field. ``default_name`` is used when the
    file has no ``name`` (io passes the file name, so a hand-written file still has a title).
    """
    try:
        top = _object(data, "", _TOP_FIELDS)
        if top.get("format") != FORMAT:
            got = repr(top["format"]) if "format" in top else "nothing"
            raise PresetError(f"expected {FORMAT!r}, got {got}: this is not a reluplay preset", field="format")
        version = top.get("schema_version")
        if type(version) is not int or version != SCHEMA_VERSION:
            raise PresetError(f"expected {SCHEMA_VERSION}, got {version!r}", field="schema_version")
        if "network" not in top:
            raise PresetError("missing (a preset needs a network)", field="network")
        name = _string(top.get("name", default_name), "name", MAX_NAME_CHARS)
        description = _string(top.get("description", ""), "description", MAX_DESCRIPTION_CHARS)
        task = schema_2d.task(top)
        network = _network(top["network"])
        output = network.output_layer
        classes = schema_2d.classes(top, task, network.n_inputs, len(network.layers) - 1, output.n_out,
                                    output.activation)
        x, y, test_x, test_y, record = _data(top.get("data", {}), network.n_inputs, classes)
        training = _training(top.get("training", {}), task)
        view = _view(top.get("view", {}), network.n_inputs)
        teaching = _teaching(top)
    except PresetError as exc:
        raise exc.with_source(source) from None
    return Preset(network=network, name=name, description=description, x=x, y=y, training=training, view=view,
                  test_x=test_x, test_y=test_y, teaching=teaching, task=task, classes=classes, dataset=record)
