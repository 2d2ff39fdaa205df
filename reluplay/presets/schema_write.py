"""Schema version 2 of the preset file, written: Preset -> the plain dict ``json.dumps`` saves.

The other way, with every field validated, is schema.py; a dict written here reads back as the
same Preset (tests/presets check the round trip).
"""
from __future__ import annotations

import numpy as np

from . import schema_2d
from .model import CLASSIFICATION, Preset, Teaching
from .schema import DEFAULT_VIEW, FORMAT, SCHEMA_VERSION


def preset_to_dict(preset: Preset) -> dict:
    """The current-version dict for a preset: plain Python floats, ints, strings and lists.

    One-input lessons hold no two-input fields (features, classes), so they read as before. Two-input
    lessons write the plane's box as ``view.x_range`` (x1) and ``view.y_range`` (x2: ``ViewRange.x2_range``).
    """
    net = preset.network
    t = preset.training
    two = net.n_inputs == 2
    return {
        "format": FORMAT,
        "schema_version": SCHEMA_VERSION,
        "name": preset.name,
        "description": preset.description,
        "task": preset.task,
        **({"classes": int(preset.classes)} if preset.task == CLASSIFICATION else {}),
        **_lesson_dict(preset.teaching),
        "network": {
            **({"inputs": 2, "features": list(net.features)} if two else {}),
            "layers": [
                {
                    "activation": layer.activation,
                    "weights": [[float(v) for v in row] for row in layer.weights],
                    "biases": [float(v) for v in layer.biases],
                }
                for layer in net.layers
            ],
            "leaky_slope": float(net.leaky_slope),
            "relu_grad_at_zero": float(net.relu_grad_at_zero),
        },
        "data": _data_dict(preset),
        "training": {
            "optimizer": t.optimizer,
            "learning_rate": float(t.learning_rate),
            "batch_size": None if t.batch_size is None else int(t.batch_size),
            "l2": float(t.l2),
            "loss": t.loss,
            "seed": int(t.seed),
            "speed": _speed_value(preset.teaching.speed),
        },
        "view": {
            "x_range": [float(v) for v in preset.view.x_range],
            "y_range": [float(v) for v in (preset.view.x2_range if two else preset.view.y_range)],
            "panels": list(preset.teaching.panels),
            "loss_log_scale": bool(preset.teaching.loss_log_scale),
            # Only a lesson that asks for other colours says so: the built-in files stay as they are.
            **({"palette": preset.view.palette} if preset.view.palette != DEFAULT_VIEW.palette else {}),
        },
    }


def _speed_value(speed: float | str) -> float | str:
    return speed if isinstance(speed, str) else float(speed)


def _lesson_dict(teaching: Teaching) -> dict:
    """The "lesson" object, only when the teacher wrote notes or questions."""
    lesson: dict = {}
    if teaching.notes:
        lesson["notes"] = teaching.notes
    if teaching.questions:
        lesson["questions"] = list(teaching.questions)
    return {"lesson": lesson} if lesson else {}


def _data_dict(preset: Preset) -> dict:
    def floats(values) -> list[float]:
        return [float(v) for v in np.asarray(values, dtype=float).reshape(-1)]

    def points(values) -> list:
        if preset.network.n_inputs == 1:
            return floats(values)
        return [[float(a), float(b)] for a, b in np.asarray(values, dtype=float).reshape(-1, 2).tolist()]

    def targets(values) -> list:
        if preset.task == CLASSIFICATION:  # labels as whole numbers: 0, 1, 2
            return [int(v) for v in np.asarray(values, dtype=float).reshape(-1)]
        return floats(values)

    data: dict = {"x": points(preset.x), "y": targets(preset.y)}
    if len(preset.test_x):  # only lessons that hold points out carry the field
        data["test"] = {"x": points(preset.test_x), "y": targets(preset.test_y)}
    if preset.dataset is not None:
        data["dataset"] = schema_2d.dataset_dict(preset.dataset)
    return data
