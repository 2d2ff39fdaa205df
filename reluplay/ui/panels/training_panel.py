"""The training panel: settings, Play/Pause/Step/Reset, the step counter, the loss and its plot.

Buttons are bound to the window's QActions, so the toolbar, menus and (later) keyboard
shortcuts and presentation mode all share one enabled/checked state.
"""
from __future__ import annotations

import math
import time

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reluplay.core import MAX_DATA_POINTS, OPTIMIZERS
from reluplay.core.training import MAX_LEARNING_RATE
from reluplay.presets.model import SLOW_START
from reluplay.state import gil_handoff as gui_priority
from reluplay.state import pace
from reluplay.state.session import Session
from reluplay.state.training_controller import SPEEDS, TrainingController
from reluplay.teach.explain import fmt
from reluplay.ui import palette, presentation_style
from reluplay.ui.coalesce import Coalescer
from reluplay.ui.plots.plot_style import set_title, styled_plot
from reluplay.ui.plots.plot_titles import set_fitted_title, title_points

LOSS_REFRESH_MS = 100
#: While training, the loss plot redraws at most this often (each redraw re-ranges both axes,
#: ~10 ms of the GUI thread); the big step and loss numbers still follow every LOSS_REFRESH_MS.
LOSS_PLOT_TRAINING_INTERVAL_S = 0.3
FEW_LOSS_POINTS = 60
#: The loss plot's x range reaches this far past the last step, so it re-ranges rarely.
LOSS_PLOT_X_ROOM = 1.5
SHORT_OPTIMIZER_LABELS = {"gd": "Gradient descent", "sgd": "SGD", "momentum": "Momentum", "adam": "Adam"}
LOSS_PLOT_TITLE = "Loss during training"
#: Enough to read the loss falling; more of a short screen goes to the plots.
LOSS_PLOT_MIN_HEIGHT = 120
LOG_FLOOR = 1e-12  # losses of exactly 0 have no logarithm
#: The widest tick labels pyqtgraph writes for a loss (log scale: "%0.1g" of each power, and
#: "8·10⁻¹²" near LOG_FLOOR; linear: "%g" below 0.001 and above 10,000): the axis has room for them
#: from the start, so it does not jump while training.
LOSS_TICK_SAMPLES = {True: ("0.0001", "8·10⁻¹²"), False: ("0.0012", "1.5e-05", "2.5e+06")}
#: pyqtgraph draws a left axis label this many pixels left of the axis's own left edge.
AXIS_LABEL_NUDGE = 5
#: Pixels between the loss axis's label and its tick labels.
LOSS_AXIS_LABEL_GAP = 6


def speed_label(speed: float | str | None) -> str:
    if speed is None:
        return "As fast as possible"
    if speed == SLOW_START:
        return "Slow start"
    return "1 step / second" if speed == 1 else f"{speed:g} steps / second"


class TrainingPanel(QWidget):
    def __init__(self, session: Session, controller: TrainingController, actions, parent=None):
        super().__init__(parent)
        self._session = session
        self._controller = controller

        settings_box = QGroupBox("Training settings")
        form = QFormLayout(settings_box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # labels go above on a narrow screen
        self._settings_form = form
        self.optimizer_combo = QComboBox()
        for name, label in OPTIMIZERS.items():
            self.optimizer_combo.addItem(SHORT_OPTIMIZER_LABELS.get(name, label), name)
            self.optimizer_combo.setItemData(self.optimizer_combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        self.optimizer_combo.activated.connect(
            lambda i: session.set_training(optimizer=self.optimizer_combo.itemData(i)))
        form.addRow("Optimizer", self.optimizer_combo)
        self.learning_rate_spin = QDoubleSpinBox()
        self.learning_rate_spin.setDecimals(5)
        self.learning_rate_spin.setRange(0.00001, MAX_LEARNING_RATE)
        self.learning_rate_spin.setSingleStep(0.001)
        self.learning_rate_spin.setKeyboardTracking(False)
        self.learning_rate_spin.valueChanged.connect(lambda v: session.set_training(learning_rate=float(v)))
        form.addRow("Learning rate", self.learning_rate_spin)
        self.batch_spin = QSpinBox()
        self.batch_spin.setRange(0, MAX_DATA_POINTS)
        self.batch_spin.setSpecialValueText("all points")  # 0 means full batch
        self.batch_spin.setKeyboardTracking(False)
        self.batch_spin.valueChanged.connect(lambda v: session.set_training(batch_size=int(v) or None))
        form.addRow("Batch size", self.batch_spin)
        self.l2_spin = QDoubleSpinBox()
        self.l2_spin.setDecimals(5)
        self.l2_spin.setRange(0.0, 100.0)
        self.l2_spin.setSingleStep(0.0001)
        self.l2_spin.setKeyboardTracking(False)
        self.l2_spin.valueChanged.connect(lambda v: session.set_training(l2=float(v)))
        form.addRow("L2 penalty", self.l2_spin)
        self.speed_combo = QComboBox()
        for speed in SPEEDS:
            self.speed_combo.addItem(speed_label(speed), speed)
        self.speed_combo.setItemData(SPEEDS.index(SLOW_START),
                                     f"Starts at {pace.SLOW_START_RATE:g} steps a second so the class sees the first "
                                     f"moves, then doubles every {pace.DOUBLING_S:g} s", Qt.ItemDataRole.ToolTipRole)
        self.speed_combo.currentIndexChanged.connect(self._on_speed_chosen)
        self.refresh_speed()
        # Once a speed is picked, Space must play again rather than reopen the list.
        self.speed_combo.activated.connect(lambda _i: self.speed_combo.clearFocus())
        form.addRow("Speed", self.speed_combo)

        buttons = QGridLayout()
        self._button_grid = buttons
        self.buttons = {}
        for index, name in enumerate(("play", "step", "step10", "reset")):
            button = QToolButton()
            button.setDefaultAction(actions[name])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            button.setMinimumHeight(44)
            # Clicked, it must not keep the keys: Space plays and pauses whatever was clicked last.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            button.setFont(palette.font(palette.APP_POINT_SIZE + 1, bold=True))
            buttons.addWidget(button, index // 2, index % 2)
            self.buttons[name] = button

        self.step_label = QLabel()
        self.step_label.setFont(palette.font(palette.BIG_NUMBER_POINT_SIZE, bold=True))
        self.loss_label = QLabel()
        self.loss_label.setFont(palette.font(palette.BIG_NUMBER_POINT_SIZE, bold=True))
        numbers = QGridLayout()
        self._numbers = numbers  # presentation mode stacks the two big numbers
        for col, (caption, label) in enumerate((("Step", self.step_label), ("Loss (MSE)", self.loss_label))):
            self._loss_caption = QLabel(caption)
            numbers.addWidget(self._loss_caption, 0, col)
            numbers.addWidget(label, 1, col)

        self.loss_plot_widget = pg.PlotWidget()
        self.loss_plot = styled_plot(self.loss_plot_widget.getPlotItem(), LOSS_PLOT_TITLE, "loss", "step")
        self.loss_curve = self.loss_plot.plot(pen=pg.mkPen(palette.UNIT_COLOURS[1], width=3), skipFiniteCheck=True,
                                              antialias=False)
        # Thousands of steps in a few hundred pixels: draw each pixel column's min and max only.
        self.loss_curve.setDownsampling(auto=True, method="peak")
        self.loss_curve.setSymbolSize(8)
        self.loss_curve.setSymbolBrush(pg.mkBrush(palette.UNIT_COLOURS[1]))
        self.loss_curve.setSymbolPen(None)
        self.loss_curve.setClipToView(True)
        self.loss_plot_widget.setMinimumHeight(LOSS_PLOT_MIN_HEIGHT)
        # It takes the height left over, down to its minimum: its preferred 480 px made the panel
        # taller than a 720-pixel screen's dock, and the loss plot's axis scrolled out of view.
        self.loss_plot_widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.log_check = QCheckBox("Log scale")
        self.log_check.setChecked(True)
        self.log_check.toggled.connect(self._on_log_toggled)
        self.loss_plot.setLogMode(y=True)
        self._fit_loss_axis()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(settings_box)
        layout.addLayout(buttons)
        layout.addLayout(numbers)
        layout.addWidget(self.loss_plot_widget, 1)
        layout.addWidget(self.log_check)

        self._progress_refresh = Coalescer(self.refresh_progress, LOSS_REFRESH_MS, self)
        self._loss_plot_drawn = 0.0  # time.monotonic() of the loss curve's last setData
        session.settings_changed.connect(self.refresh_settings)
        session.speed_changed.connect(self.refresh_speed)
        session.document_replaced.connect(self.refresh_speed)
        session.progress_changed.connect(self._schedule_progress)
        session.network_changed.connect(self._schedule_progress)
        self.refresh_settings()
        self.refresh_progress()

    def set_presentation(self, on: bool) -> None:
        """Presentation mode: only the speed, Play/Step/Reset and big step and loss numbers."""
        for widget in (self.optimizer_combo, self.learning_rate_spin, self.batch_spin, self.l2_spin):
            self._settings_form.setRowVisible(widget, not on)
        self.log_check.setVisible(not on)
        size = presentation_style.NUMBER_POINT_SIZE if on else palette.BIG_NUMBER_POINT_SIZE
        for label in (self.step_label, self.loss_label):
            label.setFont(palette.font(size, bold=True))
        for widget in (self._loss_caption, self.loss_label):  # side by side they would not fit
            self._numbers.removeWidget(widget)
        self._numbers.addWidget(self._loss_caption, 2 if on else 0, 0 if on else 1)
        self._numbers.addWidget(self.loss_label, 3 if on else 1, 0 if on else 1)
        for button in self.buttons.values():
            # Four big buttons, two a row (Step ×10 stays: lessons ask for it), in the panel's width.
            button.setFont(palette.font(palette.APP_POINT_SIZE + (5 if on else 1), bold=True))
            button.setMinimumHeight(64 if on else 44)
        from reluplay.ui import presentation_style as big  # the loss plot reads from the back like the others

        big.scale_plot_text(self.loss_plot, big.TEXT_SCALE if on else 1.0)
        if on:
            # The big "Loss (MSE)" just above names the plot; its title in large type would make it
            # wider than this panel (pyqtgraph keeps a title's whole width as its minimum).
            set_fitted_title(self.loss_plot, "", title_points(self.loss_plot))
        else:
            set_title(self.loss_plot, LOSS_PLOT_TITLE)
        scale = big.LINE_SCALE if on else 1.0
        self.loss_curve.setPen(pg.mkPen(palette.UNIT_COLOURS[1], width=3 * scale))
        self.loss_curve.setSymbolSize(8 * scale)
        self.loss_plot.getAxis("left").textWidth = 0  # measured in the other size: measure again
        self._fit_loss_axis()

    def _fit_loss_axis(self) -> None:
        """Give the loss axis room for its label and its tick labels side by side (neither the fixed
        64 px it had nor pyqtgraph's own width, which allows 0.8 of the label's height, kept them apart)."""
        axis = self.loss_plot.getAxis("left")
        ticks = QFontMetrics(axis.style["tickFont"] or axis.font())
        samples = LOSS_TICK_SAMPLES[self.log_check.isChecked()]
        # textWidth: the widest label pyqtgraph has drawn, should one be wider still.
        tick_width = max([axis.textWidth] + [ticks.boundingRect(text).width() for text in samples])
        label_width = axis.label.boundingRect().height() if axis.label.isVisible() else 0.0  # rotated
        width = (label_width - AXIS_LABEL_NUDGE + LOSS_AXIS_LABEL_GAP + tick_width
                 + axis.style["tickTextOffset"][0] + max(0, axis.style["tickLength"]))
        if axis.minimumWidth() != math.ceil(width):  # the width it is set to (laid out later)
            axis.setWidth(math.ceil(width))

    @Slot(int)
    def _on_speed_chosen(self, index: int) -> None:
        speed = self.speed_combo.itemData(index)
        self._controller.set_speed(speed)
        self._session.set_speed(pace.to_lesson(speed))

    @Slot()
    def refresh_speed(self) -> None:
        """Show (and train at) the lesson's speed; one not in the list gets an entry of its own."""
        speed = pace.from_lesson(self._session.teaching.speed)
        index = self.speed_combo.findData(speed)
        if index < 0:
            index = next((i for i in range(self.speed_combo.count())
                          if isinstance(self.speed_combo.itemData(i), (int, float))
                          and self.speed_combo.itemData(i) > speed), self.speed_combo.count() - 2)
            self.speed_combo.insertItem(index, speed_label(speed), speed)
        if index == self.speed_combo.currentIndex():
            self._controller.set_speed(speed)
        else:
            self.speed_combo.setCurrentIndex(index)

    @Slot()
    def refresh_settings(self) -> None:
        s = self._session.settings
        for widget, value in ((self.learning_rate_spin, s.learning_rate), (self.batch_spin, s.batch_size or 0),
                              (self.l2_spin, s.l2)):
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)
        index = self.optimizer_combo.findData(s.optimizer)
        self.optimizer_combo.setCurrentIndex(index)
        # Plain gradient descent always uses every point; the batch size would be ignored.
        self.batch_spin.setEnabled(s.optimizer != "gd")

    @Slot()
    def _schedule_progress(self, *_args) -> None:
        self._progress_refresh.request()

    @Slot()
    def refresh_progress(self) -> None:
        self._progress_refresh.cancel()
        gui_priority.claim()  # this frame is drawn before training continues
        s = self._session
        self.step_label.setText(f"{s.step:,}")
        loss = s.loss()
        self.loss_label.setText(fmt(loss) if math.isfinite(loss) else "—")  # 0.00003333, not 3.333e-05
        self._loss_caption.setText("Loss (cross-entropy)" if s.loss_name == "cross_entropy" else "Loss (MSE)")
        now = time.monotonic()
        if s.training_running and now - self._loss_plot_drawn < LOSS_PLOT_TRAINING_INTERVAL_S:
            self._schedule_progress()  # the curve catches up at its own pace
            return
        self._loss_plot_drawn = now
        steps, losses = s.loss_history.arrays()
        measured = ~np.isnan(losses)  # steps before an undo's restored step have no loss
        steps, losses = steps[measured].astype(float), losses[measured]
        if math.isfinite(loss) and (steps.size == 0 or steps[-1] < s.step):
            # The history holds each step's loss before its update; add where the network is
            # now, so one Step already draws a segment from step 0 to step 1.
            steps, losses = np.append(steps, float(s.step)), np.append(losses, loss)
        if self.log_check.isChecked():
            losses = np.maximum(losses, LOG_FLOOR)
        # While a class steps one at a time, each step is a visible dot.
        self.loss_curve.setSymbol("o" if steps.size <= FEW_LOSS_POINTS else None)
        self.loss_curve.setData(steps, losses)
        self._keep_in_view(steps, losses)
        self._fit_loss_axis()  # in case the ticks drawn are wider than the samples

    def _keep_in_view(self, steps: np.ndarray, losses: np.ndarray) -> None:
        """Move the loss plot's range only when the curve leaves it (or fills little of it), with
        room to grow. Re-ranging on every redraw re-lays out both axes: ~10 ms of the GUI thread,
        the longest stall while training."""
        if steps.size == 0:
            return
        view = self.loss_plot.getViewBox()
        view.disableAutoRange()
        ys = np.log10(losses) if self.log_check.isChecked() else losses
        ys = ys[np.isfinite(ys)]
        if ys.size == 0:
            return
        x_hi, y_lo, y_hi = max(float(steps[-1]), 1.0), float(ys.min()), float(ys.max())
        (_, vx1), (vy0, vy1) = view.viewRange()
        outside = x_hi > vx1 or y_lo < vy0 or y_hi > vy1
        lost_in_it = x_hi < 0.4 * vx1 or (y_hi - y_lo) < 0.25 * (vy1 - vy0)
        if outside or lost_in_it:
            pad = 0.08 * (y_hi - y_lo) or 0.25
            x_end = x_hi * LOSS_PLOT_X_ROOM
            view.setRange(xRange=(-0.03 * x_end, x_end), yRange=(y_lo - pad, y_hi + pad), padding=0)

    @Slot(bool)
    def _on_log_toggled(self, checked: bool) -> None:
        self.loss_plot.setLogMode(y=checked)
        self.loss_plot.enableAutoRange()
        self.loss_plot.getAxis("left").textWidth = 0  # the other scale's labels: measure again
        self.refresh_progress()
