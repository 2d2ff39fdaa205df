"""Rewind: a history slider under the plots that moves the whole view back to any earlier step.

Dragging the slider (or pressing Left) shows the network exactly as training had it at that
step (replayed on the main thread, see rewind_history.py). The later steps stay until training
continues: Play or Step from a rewound step carries on from there with the very optimizer state
and shuffle order of that step, and the later branch is dropped, like typing after an undo.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QSizePolicy, QSlider, QToolBar

from reluplay.state.changes import NetworkChange
from reluplay.state.rewind_history import RewindHistory
from reluplay.state.training_loop import LoadRequest, TrainingFrame
from reluplay.ui import palette
from reluplay.ui.features.parts import Menu, Parts, ToolbarPart

if TYPE_CHECKING:
    from reluplay.ui.main_window import MainWindow


class Rewind(QObject):
    """Keeps the history in step with training and moves the session along it."""

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.session = window.session
        self.controller = window.controller
        self.history = RewindHistory()
        self.controller.load_requested.connect(self._on_load_requested)
        self.controller.frame_received.connect(self._on_frame)
        self.session.network_changed.connect(self._on_network_changed)
        self.session.data_changed.connect(self.history.clear)

        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("history_slider")
        self.slider.setToolTip("Training history: drag back to see the network at any earlier step. "
                               "Play or Step from there continues from that step.")
        self.slider.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.slider.setMinimumWidth(300)
        self.slider.valueChanged.connect(self._on_slider_moved)
        self.position_label = QLabel()
        self.position_label.setFont(palette.font(palette.APP_POINT_SIZE, bold=True))
        self.position_label.setMinimumWidth(190)
        self.back_action = QAction("◀  Back", window)
        # Page Up: what a presenter's remote sends for "back".
        self.back_action.setShortcuts([QKeySequence("Left"), QKeySequence(Qt.Key.Key_PageUp)])
        self.back_action.setToolTip("One step back in the training history (Left arrow)")
        self.back_action.setStatusTip(self.back_action.toolTip())
        self.back_action.triggered.connect(self.step_back)
        self.best_action = QAction("⤓  Lowest loss", window)
        self.best_action.setToolTip("Go back to the step where the loss was lowest (after a divergence, "
                                    "or when training got worse)")
        self.best_action.setStatusTip(self.best_action.toolTip())
        self.best_action.triggered.connect(self.go_to_lowest_loss)
        self.toolbar = self._make_toolbar()
        self.session.progress_changed.connect(self.refresh)
        self.refresh()

    # --- commands ------------------------------------------------------------------------------
    def go_to(self, step: int) -> bool:
        """Show training's state at ``step``; False if the history does not reach it."""
        if self.history.segment_at(int(step)) is None:
            return False
        # Stop training first: the worker ends its step while the state is replayed here, instead
        # of competing with the replay for the CPU (a rewind during Play of the largest network).
        self.controller.pause()
        found = self.history.state_at(int(step))
        if found is None:
            return False
        segment, state = found
        self.session.rewind_to(step, state.params, segment.settings)
        # After the session's change (which stales the worker's trainer): continue from here.
        self.controller.resume_from(state, segment.base_step)
        return True

    @Slot()
    def go_to_lowest_loss(self) -> None:
        step = self.history.lowest_loss_step()
        if step is not None and step != self.session.step:
            self.go_to(step)

    @Slot()
    def step_back(self) -> None:
        if self.history and self.session.step > self.history.first_step:
            self.go_to(self.session.step - 1)

    # --- keeping up with training --------------------------------------------------------------------
    @Slot(object)
    def _on_load_requested(self, request: LoadRequest) -> None:
        self.history.start_run(request)

    @Slot(object)
    def _on_frame(self, frame: TrainingFrame) -> None:
        self.history.record(frame)

    @Slot(object)
    def _on_network_changed(self, change: NetworkChange) -> None:
        # An edit, a file or an undo starts a new trajectory: the old history no longer applies.
        if not change.kind.moves_along_training:
            self.history.clear()
            self.refresh()

    @Slot()
    def refresh(self) -> None:
        first, latest = self.history.first_step, self.history.latest_step
        step = self.session.step
        self.slider.blockSignals(True)
        self.slider.setRange(first, max(latest, step))
        self.slider.setValue(step)
        self.slider.blockSignals(False)
        has_history = latest > first
        self.slider.setEnabled(has_history)
        self.back_action.setEnabled(has_history and step > first)
        self.best_action.setEnabled(has_history)
        if not has_history:
            self.position_label.setText("  No training yet")
        elif step < latest:
            self.position_label.setText(f"  Step {step:,} of {latest:,} (rewound)")
        else:
            self.position_label.setText(f"  Step {step:,}")

    @Slot(int)
    def _on_slider_moved(self, value: int) -> None:
        if value != self.session.step and not self.go_to(value):
            self.refresh()


    def _make_toolbar(self) -> QToolBar:
        """The history bar under the plots."""
        bar = QToolBar("Training history")
        bar.setObjectName("history_toolbar")
        bar.setMovable(False)
        bar.setFont(palette.font(palette.APP_POINT_SIZE))
        caption = QLabel("  History  ")
        caption.setFont(palette.font(palette.APP_POINT_SIZE))
        bar.addWidget(caption)
        bar.addAction(self.back_action)
        bar.addWidget(self.slider)
        bar.addWidget(self.position_label)
        bar.addAction(self.best_action)
        return bar


def build(window: MainWindow) -> tuple[Rewind, Parts]:
    rewind = Rewind(window)
    parts = Parts(toolbars=[ToolbarPart(rewind.toolbar, Qt.ToolBarArea.BottomToolBarArea)])
    parts.add_menu(Menu.TRAINING, rewind.back_action)
    return rewind, parts
