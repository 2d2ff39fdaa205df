"""Held-out test points: drawn as hollow diamonds on the output plot, scored beside the training loss.

Training never sees them (the controller hands the trainer ``session.x, session.y`` only); the
test loss is the network's mean squared error on them, the same ``Network.loss`` as the training
loss. A network that threads the training points but not the curve between them shows it here.

Test points are saved with the lesson (the preset's optional ``data.test``) and come back on
Open. A generator can make them; "Hold out test points"
moves a quarter of the current points (seeded) into the test set, and "Return test points"
puts them back into the training data.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel

from reluplay.core import split_train_test
from reluplay.state.changes import NetworkChange
from reluplay.state.session import Session
from reluplay.ui import palette
from reluplay.ui.coalesce import Coalescer

TEST_LOSS_REFRESH_MS = 200  # the status bar's own pace: fast enough to read, cheap while training
HOLD_OUT_FRACTION = 0.25
TEST_COLOUR = "#0072B2"  # Okabe-Ito blue: apart from the yellow training points for colour-blind eyes too


def held_out_scatter() -> pg.ScatterPlotItem:
    item = pg.ScatterPlotItem(
        size=palette.DATA_SIZE + 2, symbol="d", brush=pg.mkBrush(255, 255, 255, 230),
        pen=pg.mkPen(TEST_COLOUR, width=3), name="test points",
    )
    item.setZValue(29)  # under the training points: those are what training moves towards
    return item


class HeldOutPoints(QObject):
    def __init__(self, session: Session, plot: pg.PlotItem, parent=None):
        super().__init__(parent)
        self._session = session
        self.scatter = held_out_scatter()
        plot.addItem(self.scatter)
        self.loss_label = QLabel()
        self.loss_label.setFont(palette.font(palette.APP_POINT_SIZE, bold=True))
        self.loss_label.setStyleSheet(f"color:{TEST_COLOUR}")
        self.loss_label.setToolTip("The loss on the test points (hollow diamonds, or hollow discs on the plane), "
                                   "which training never sees: the same loss as the training loss (MSE or cross-entropy)")

        self.hold_out_action = QAction("Hold out test points (a quarter of the data)", self)
        self.hold_out_action.setStatusTip("Move a random quarter of the data points into a test set that training "
                                          "does not see; the test loss shows how well the network generalises")
        self.hold_out_action.triggered.connect(self.hold_out)
        self.return_action = QAction("Return test points to the training data", self)
        self.return_action.triggered.connect(self.return_to_training)

        self._loss_refresh = Coalescer(self.refresh_loss, TEST_LOSS_REFRESH_MS, self)
        session.data_changed.connect(self._on_data_changed)
        session.network_changed.connect(self._schedule_loss)
        self._on_data_changed()

    @Slot()
    def _on_data_changed(self) -> None:
        s = self._session
        one_input = s.network.n_inputs == 1  # with two the plane views draw the test points
        self.scatter.setData(s.test_x if one_input else [], s.test_y if one_input else [])
        has_test = s.test_y.size > 0
        self.return_action.setEnabled(has_test)
        self.hold_out_action.setEnabled(not has_test and s.y.size >= 2)
        self.refresh_loss()

    @Slot(object)
    def _schedule_loss(self, change: NetworkChange | None = None) -> None:
        if change is not None and change.final:
            self.refresh_loss()  # training stopped: the last network's test loss, not one from 200 ms before
        else:
            self._loss_refresh.request()

    @Slot()
    def refresh_loss(self) -> None:
        loss = self._session.test_loss()
        self.loss_label.setVisible(self._session.test_x.size > 0)
        self.loss_label.setText(f"  Test loss: {loss:.4g}  " if math.isfinite(loss) else "  Test loss: —  ")

    @Slot()
    def hold_out(self) -> None:
        s = self._session
        # Split the points' indices, so (x1, x2) points split as numbers do (the same seeded choice).
        train, _, test, _ = split_train_test(np.arange(s.y.size, dtype=float), s.y, HOLD_OUT_FRACTION,
                                             seed=s.settings.seed)
        train, test = train.astype(int), test.astype(int)
        s.set_data(s.x[train], s.y[train], "hold out test points", test=(s.x[test], s.y[test]))

    @Slot()
    def return_to_training(self) -> None:
        s = self._session
        x, y = np.concatenate([s.x, s.test_x]), np.concatenate([s.y, s.test_y])
        if x.ndim == 1:  # numbers go back in order along the line; points (x1, x2) keep theirs
            order = np.argsort(x, kind="stable")
            x, y = x[order], y[order]
        s.set_data(x, y, "return test points", test=(x[:0], y[:0]))
