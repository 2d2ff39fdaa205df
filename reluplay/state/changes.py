"""What kind of change the Session announces: typed, so no module compares strings.

Every ``network_changed`` carries a :class:`NetworkChange`; every ``edit_started`` an
:class:`Edit`. The ``description`` strings are for people (undo's menu text), never for code.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class ChangeKind(Enum):
    EDIT = "edit"  # the user changed a number, a unit, a layer, an activation or the data
    TRAINING = "training"  # a training frame moved the parameters
    LOAD = "load"  # a file or lesson was opened: a new document
    RESET = "reset"  # Reset (step 0 of this run) or Reset to start
    RESTORE = "restore"  # undo or redo put a captured state back
    REWIND = "rewind"  # the history slider moved to an earlier step of this run

    @property
    def moves_along_training(self) -> bool:
        """Training and rewinding move the network along one run: not edits to undo."""
        return self in (ChangeKind.TRAINING, ChangeKind.REWIND)


@dataclass(frozen=True)
class NetworkChange:
    """Why the network changed: plots rebuild items only when ``structural``."""

    structural: bool
    kind: ChangeKind
    description: str = ""
    #: The last frame of a training run (it stopped, paused or finished its steps): what refreshes
    #: at its own pace while training (the status bar, the test loss, the exact regions) shows
    #: this network now, rather than trailing it by a round.
    final: bool = False


@dataclass(frozen=True)
class Edit:
    """Announced before a change is applied, so running training can pause and undo can capture first."""

    kind: ChangeKind
    description: str
    #: Edits of one gesture (a drag on the plots, ``Session.begin_gesture``) share this number, so
    #: undo takes them back in one step; 0: the edit is not part of a gesture.
    gesture: int = 0
