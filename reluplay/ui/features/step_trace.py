"""View → Ghost of the previous step: after Step, where the curves and kinks were (plots/step_ghost.py).

The network before a Step is remembered when the Step is asked for; when it has finished, the
ghost shows it for about a second. Play shows none (the curves move by themselves), and any
edit of the network clears it (the old curves would no longer be the step before).
"""
from __future__ import annotations

from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction

from reluplay.state.changes import ChangeKind, NetworkChange
from reluplay.ui.features.parts import Menu, Parts
from reluplay.ui.plots.step_ghost import StepGhost

#: Only runs of this many steps or fewer leave a ghost (Step and Step ×10): after hundreds of steps
#: (a screenshot's --train-steps) the old curves are another network, not the step before.
MAX_GHOST_STEPS = 10


class StepTrace(QObject):
    def __init__(self, window):
        super().__init__(window)
        self._session = window.session
        self._plots = window.plots
        self.ghost = StepGhost(window.plots, window.session, self)
        self._before = None
        self.action = QAction("&Ghost of the previous step", window)
        self.action.setCheckable(True)
        self.action.setChecked(True)
        self.action.setToolTip("After each Step, the curves as they were stay faint for a second, "
                               "with a line from each kink's old place to its new one")
        self.action.setStatusTip(self.action.toolTip())
        self.action.toggled.connect(self._on_toggled)
        window.controller.run_requested.connect(self._on_run_requested)
        window.controller.steps_completed.connect(self._on_steps_completed)
        window.session.network_changed.connect(self._on_network_changed)

    @Slot(object)
    def _on_run_requested(self, request) -> None:
        # Step and Step ×10 count their steps; Play (max_steps None) runs until paused.
        counted = request.max_steps is not None and request.max_steps <= MAX_GHOST_STEPS
        self._before = self._session.network.copy() if counted else None

    @Slot(int)
    def _on_steps_completed(self, _step: int) -> None:
        if self._before is not None:
            self.ghost.show_from(self._before, max(0, self._plots.layer_combo.currentIndex()))
            self._before = None

    @Slot(object)
    def _on_network_changed(self, change: NetworkChange) -> None:
        if change.kind is not ChangeKind.TRAINING:
            self._before = None
            self.ghost.clear()

    @Slot(bool)
    def _on_toggled(self, on: bool) -> None:
        self.ghost.enabled = on
        if not on:
            self.ghost.clear()


def build(window) -> tuple[StepTrace, Parts]:
    trace = StepTrace(window)
    parts = Parts()
    parts.add_menu(Menu.VIEW, trace.action)
    return trace, parts
