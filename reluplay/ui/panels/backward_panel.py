"""The backward step: the gradient of the loss for every parameter, and what the last Step did.

Left, the gradient a Step would use now (every parameter's value and ∂loss/∂parameter, computed
in the main thread from the Session's network and data; the worker's arrays are never touched).
Middle, after a Step: each parameter's old value, the gradient, −learning rate × gradient, the
change actually applied and the new value. Right, in words: data points sitting exactly on a
kink (where the ReLU′(0) setting was used), dead units, and the gradient check.

How the last Step is found: the panel remembers the parameters at every step the Session has
shown in this training run, and the size of every Step the controller was asked for; when a
Step completes at step k after n steps, the update is from the state at step k − n to now.

With two inputs the gradient table adds the chosen data point's term of each gradient (the point
the walkthrough follows, ``set_point``), and a clicked row's derivation is the chain rule at that
point (panels/plane_numbers.py); the loss is the lesson's (cross-entropy for classification).
"""
from __future__ import annotations

from collections import deque
from html import escape

import numpy as np
from PySide6.QtCore import QModelIndex, Qt, Slot
from PySide6.QtGui import QAction, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reluplay.state.changes import ChangeKind, NetworkChange
from reluplay.state.session import Session
from reluplay.state.training_controller import TrainingController
from reluplay.state.training_loop import RunRequest
from reluplay.teach import chain_rule, explain, step_update
from reluplay.teach.step_update import StepUpdate
from reluplay.ui import palette
from reluplay.ui.features.parts import DockPart, Menu, Parts
from reluplay.ui.panels import plane_numbers
from reluplay.ui.panels.docks import LivePanel, bottom_dock, wrapping_label
from reluplay.ui.panels.number_table import NumberTableModel, fill, row, table_view

MAX_REMEMBERED_STATES = 64
#: A table row per parameter up to here; a bigger network lists its first rows and says so.
MAX_PARAMETER_ROWS = 2000
#: From this width of the tables' column, a gradient's derivation sits beside the table, not under it.
SIDE_BY_SIDE_WIDTH = 520


class BackwardPanel(LivePanel):
    def __init__(self, session: Session, controller: TrainingController, parent=None):
        super().__init__(parent)
        self._session = session
        self._states: dict[int, np.ndarray] = {}  # step -> parameters, in this training run
        self._pending_steps: deque[int] = deque()  # sizes of the Step runs not yet completed
        self.last_update: StepUpdate | None = None  # the last Step's update, while it is the latest news
        self.check: explain.GradientCheckReport | None = None
        self._check_step = 0
        self._point: tuple[float, float] | None = None  # two inputs: the walkthrough's data point
        self._point_gradient = None  # its terms (teach.plane_backward.PointGradient), while shown
        self._gradient = np.zeros(0)

        self.caption = wrapping_label()
        self.gradient_model = NumberTableModel([])
        self.gradient_table = table_view(self.gradient_model)
        # Click a parameter's row: its gradient taken apart, point by point (the chain rule).
        self.chosen_parameter = 0  # index into network.params
        self.derivation_label = wrapping_label()
        self.derivation_label.setMinimumHeight(60)
        self.gradient_table.clicked.connect(self._on_gradient_row_clicked)
        self.gradient_table.selectionModel().currentRowChanged.connect(self._on_gradient_row_clicked)  # arrow keys
        derivation_scroll = QScrollArea()
        derivation_scroll.setWidgetResizable(True)
        derivation_scroll.setWidget(self.derivation_label)
        # Beside the table when the dock is wide, below it when it shares the width (see resizeEvent).
        self.gradient_split = QSplitter(Qt.Orientation.Horizontal)
        self.gradient_split.addWidget(self.gradient_table)
        self.gradient_split.addWidget(derivation_scroll)
        left = _column(self.caption, self.gradient_split)

        self.update_caption = wrapping_label()
        self.update_model = NumberTableModel([])
        self.update_table = table_view(self.update_model)
        self.kink_moves_label = wrapping_label()  # "Kink of unit A moved from x = −0.125 to −0.15"
        middle = _column(self.update_caption, self.update_table, self.kink_moves_label)

        self.check_action = QAction("Check gradients", self)
        self.check_action.setShortcut(QKeySequence("G"))
        self.check_action.setStatusTip("Compare backprop's gradient with finite differences (G)")
        self.check_action.triggered.connect(self.check_gradients)
        self.check_button = QToolButton()
        self.check_button.setDefaultAction(self.check_action)
        self.check_button.setFont(palette.font(palette.APP_POINT_SIZE, bold=True))
        self.check_button.setMinimumHeight(40)
        self.check_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.check_label = wrapping_label()
        self.notes_label = wrapping_label()
        self.tabs = QTabWidget()
        self.tabs.addTab(left, "Gradient now")
        self.tabs.addTab(middle, "Last Step")
        notes = QWidget()
        notes_layout = QVBoxLayout(notes)
        notes_layout.setContentsMargins(4, 0, 4, 0)
        notes_layout.addWidget(self.check_button)
        notes_layout.addWidget(self.check_label)
        notes_layout.addWidget(self.notes_label)
        notes_layout.addStretch(1)
        self.lay_out(self.tabs, notes, 700, 170)

        session.network_changed.connect(self._on_network_changed)
        session.data_changed.connect(self._on_data_changed)
        session.settings_changed.connect(self._new_run)
        controller.run_requested.connect(self._on_run_requested)
        controller.steps_completed.connect(self._on_steps_completed)
        self._remember()
        self.refresh()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wide = self.tabs.width() >= SIDE_BY_SIDE_WIDTH
        orientation = Qt.Orientation.Horizontal if wide else Qt.Orientation.Vertical
        if self.gradient_split.orientation() != orientation:
            self.gradient_split.setOrientation(orientation)
            self.gradient_split.setSizes([1, 1])  # an even share either way

    # --- following the session and the training controller ---------------------------------------------
    @Slot(object)
    def _on_network_changed(self, change: NetworkChange) -> None:
        if change.kind is ChangeKind.TRAINING:
            self._remember()
            self.schedule_refresh()
            return
        self.check = None  # it was about another network
        self._new_run()

    @Slot()
    def _on_data_changed(self) -> None:
        self.check = None  # it was about other data
        self._new_run()

    @Slot()
    def _new_run(self) -> None:
        """An edit, new data or new settings: earlier states and Steps say nothing about what comes next."""
        self._states.clear()
        self._pending_steps.clear()
        self.last_update = None
        self._remember()
        self.refresh()

    def _remember(self) -> None:
        s = self._session
        self._states[s.step] = s.network.params.copy()
        while len(self._states) > MAX_REMEMBERED_STATES:
            del self._states[min(self._states)]

    @Slot(object)
    def _on_run_requested(self, request: RunRequest) -> None:
        if request.max_steps is not None:
            self._pending_steps.append(request.max_steps)

    @Slot(int)
    def _on_steps_completed(self, step: int) -> None:
        s = self._session
        n = self._pending_steps.popleft() if self._pending_steps else 1
        before = self._states.get(step - n)
        self.last_update = None
        if before is not None and step == s.step:
            old = s.network.copy()
            old.set_params(before)
            self.last_update = step_update.step_update(old, s.network.params, s.x, s.y, s.settings, step - n, step)
            self.tabs.setCurrentIndex(1)  # a Step was asked for: show what it did
        self.refresh()

    @Slot(object)
    def set_point(self, point) -> None:
        """Two inputs: the data point whose share of each gradient is shown (or None)."""
        self._point = None if point is None else (float(point[0]), float(point[1]))
        self.refresh()

    # --- the gradient check --------------------------------------------------------------------------------
    @Slot()
    def check_gradients(self) -> None:
        s = self._session
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # up to a second for a big network
        try:
            self.check = explain.gradient_check_report(s.network, s.x, s.y, s.loss_name)
        finally:
            QApplication.restoreOverrideCursor()
        self._check_step = s.step
        self._show_notes()

    # --- drawing -------------------------------------------------------------------------------------------
    def redraw(self) -> None:
        s = self._session
        net = s.network
        params = explain.parameter_rows(net)[:MAX_PARAMETER_ROWS]
        shown = "" if net.params.size <= MAX_PARAMETER_ROWS else (
            f" (The table lists the first {MAX_PARAMETER_ROWS:,} of the {net.params.size:,} parameters.)")
        dead = {(layer, unit) for layer in range(len(net.hidden_layers)) for unit in s.dead_units(layer)}

        def style(p: explain.ParameterRow) -> dict:
            if p.unit is None:
                return {}
            muted = p.unit in dead
            colour = palette.unit_colour(palette.network_style(net, *p.unit), s.view.palette)
            return {"colour": colour.name(), "muted": muted,
                    "tooltip": "a dead unit: zero gradient at every data point" if muted else ""}

        n_points = s.x.shape[0]
        headers = ["Parameter", "value", "gradient ∂L/∂p"]
        self._point_gradient = None
        if n_points:
            _, grad = step_update.training_gradient(net, s.x, s.y, s.settings.l2, s.loss_name)
            self._gradient = grad.copy()
            caption = step_update.gradient_caption(s.settings, n_points, s.step) + shown
            if net.n_inputs == 2:
                self._point_gradient, where = plane_numbers.training_point_gradient(s, self._point)
                caption += " " + where
            self.caption.setText(caption)
            terms = None if self._point_gradient is None else self._point_gradient.terms
            if terms is not None:
                headers.append("this point")
            rows = [row(p.name, float(net.params[p.index]), float(grad[p.index]),
                        *([] if terms is None else [float(terms[p.index])]), **style(p)) for p in params]
            self._show_derivation(params)
        else:
            self.derivation_label.setText("")
            self.caption.setText("There are no data points, so there is no loss and no gradient.")
            rows = [row(p.name, float(net.params[p.index]), None, **style(p)) for p in params]
        fill(self.gradient_table, headers, rows)

        update = self.last_update if self.last_update is not None and self.last_update.last_step == s.step else None
        self.update_table.setVisible(update is not None)
        moves = [] if update is None else self._kink_moves(update)
        self.kink_moves_label.setText(f"<b>Kinks</b>{explain.html_list(moves)}" if moves else "")
        self.kink_moves_label.setVisible(bool(moves))
        if update is None:
            self.update_caption.setText("Press <b>Step</b> to see the update it applies to every parameter: "
                                        "new value = old value − learning rate × gradient (for gradient descent).")
        else:
            self.update_caption.setText(step_update.update_caption(update, s.settings, s.x.shape[0]))
            scaled = update.scaled_gradient
            change = update.change
            rows = [row(p.name, float(update.old[p.index]),
                        None if update.gradient is None else float(update.gradient[p.index]),
                        None if scaled is None else float(scaled[p.index]),
                        float(change[p.index]), float(update.new[p.index]), **style(p)) for p in params]
            fill(self.update_table, ["Parameter", "old\nvalue", "gradient", "− lr ×\ngradient", "change\napplied",
                                     "new\nvalue"], rows)
        self._show_notes()

    @Slot(QModelIndex)
    def _on_gradient_row_clicked(self, index: QModelIndex, _previous: QModelIndex | None = None) -> None:
        rows = explain.parameter_rows(self._session.network)
        if 0 <= index.row() < len(rows):
            self.chosen_parameter = rows[index.row()].index
            self._show_derivation(rows[:MAX_PARAMETER_ROWS])

    def choose_parameter(self, name: str) -> None:
        """Show the derivation of the parameter called ``name`` ("w of A"), as a click on its row does."""
        r = self.gradient_model.find_row(name)
        self.gradient_table.selectRow(r)
        self._on_gradient_row_clicked(self.gradient_model.index(r, 0))

    def _show_derivation(self, params: list[explain.ParameterRow]) -> None:
        s = self._session
        if not any(p.index == self.chosen_parameter for p in params):
            self.chosen_parameter = params[0].index if params else 0
        if s.network.n_inputs == 2:
            g, index = self._point_gradient, self.chosen_parameter
            name = next((p.name for p in params if p.index == index), "")
            self.derivation_label.setText(
                "Click a data point on the output view: its share of each gradient is worked out here."
                if g is None else plane_numbers.chain_html(s, index, g, name, float(self._gradient[index])))
            return
        d = chain_rule.derive(s.network, self.chosen_parameter, s.x, s.y, s.settings.l2)
        lines = chain_rule.derivation_lines(d)
        head = f"<b>How the gradient of {escape(d.name, quote=False)} is made</b> (click another row to choose)"
        self.derivation_label.setText(head + explain.html_list(lines))

    def derivation_text(self) -> str:
        return self.derivation_label.text()

    def _kink_moves(self, update: StepUpdate) -> list[str]:
        old = self._session.network.copy()
        old.set_params(update.old)
        return step_update.kink_moves(old, update.new)

    def _show_notes(self) -> None:
        s = self._session
        parts = []
        if self.check is not None:
            when = f"Checked at step {self._check_step:,}: "
            colour = "#1B5E20" if self.check.agree else "#8A4B00"
            parts.append(f"<p style='color:{colour}'><b>{when}</b>{escape(self.check.message, quote=False)}</p>")
        self.check_label.setText("".join(parts))
        self.check_label.setVisible(bool(parts))
        notes = []
        if s.x.shape[0]:
            kink = explain.grad_at_zero_notes(s.network, s.x, s.y, s.loss_name)
            if kink:
                notes.append("<b>ReLU′(0) was used</b>" + explain.html_list(kink))
            dead = explain.dead_unit_notes(s.network, s.x)
            if dead:
                notes.append("<b>Dead units</b>" + explain.html_list(dead))
        self.notes_label.setText("".join(notes))
        self.notes_label.setVisible(bool(notes))

    # --- for tests and the window ---------------------------------------------------------------------------
    def notes_text(self) -> str:
        return self.notes_label.text()

    def check_text(self) -> str:
        return self.check_label.text()


def _column(*widgets: QWidget) -> QWidget:
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        column.addWidget(widget, 1 if not isinstance(widget, QLabel) else 0)
    return holder


def build(window) -> tuple[BackwardPanel, Parts]:
    """The "Backward step" dock (beside the walkthrough) and Training → Check gradients."""
    panel = BackwardPanel(window.session, window.controller)
    dock = bottom_dock(window, "Backward step", panel, "Backward step", "B",
                       "The gradient of every parameter and what the last Step changed")

    def show_dock() -> None:
        dock.show()
        dock.raise_()

    panel.check_action.triggered.connect(show_dock)
    panel.dock = dock
    parts = Parts(docks=[DockPart(dock, toggle=dock.toggleViewAction())])
    parts.add_menu(Menu.TRAINING, None, panel.check_action)
    return panel, parts
