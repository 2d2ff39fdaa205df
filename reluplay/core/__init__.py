"""The model core: NumPy only, no Qt and no file formats."""
from .activations import (
    ACTIVATIONS,
    CLASSIFIER_OUTPUTS,
    GRAD_AT_ZERO_CHOICES,
    MAX_CLASSES,
    OUTPUT_ACTIVATIONS,
    SOFTMAX,
    ActivationContext,
    get_activation,
)
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
from .classification import LabelError, accuracy, check_labels, n_classes, predicted_class
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
from .features import DEFAULT_FEATURES_2D, FEATURES, ONE_INPUT, as_points, check_features, feature_rows
from .history import HistoryError, TrainingHistory
from .losses import LOSS_LABELS, LOSSES
from .network import MAX_HIDDEN_LAYERS, MAX_UNITS_PER_LAYER, Layer, Network, NetworkError, Pass
from .training import OPTIMIZERS, Trainer, TrainerState, TrainingError, TrainingSettings

__all__ = [name for name in dir() if not name.startswith("_")]
