"""The model core: NumPy only, no Qt and no file formats."""
from .activations import ACTIVATIONS, GRAD_AT_ZERO_CHOICES, OUTPUT_ACTIVATIONS, ActivationContext, get_activation
from .analysis import (
    Walkthrough,
    breakpoints,
    breakpoints_by_depth,
    dead_units,
    gradient_check,
    is_piecewise_linear,
    kinks,
    kinks_in_range,
    linear_pieces,
    walkthrough,
)
from .datasets import (
    DOSAGE_X,
    DOSAGE_Y,
    GENERATORS,
    MAX_ABS_DATA_VALUE,
    MAX_DATA_POINTS,
    checked_points,
    make_dataset,
    make_test_dataset,
    split_train_test,
)
from .history import HistoryError, TrainingHistory
from .network import MAX_HIDDEN_LAYERS, MAX_UNITS_PER_LAYER, Layer, Network, NetworkError, Pass
from .training import OPTIMIZERS, Trainer, TrainerState, TrainingError, TrainingSettings

__all__ = [name for name in dir() if not name.startswith("_")]
