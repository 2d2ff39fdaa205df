"""One hidden unit's card in the network editor: its colour and name, weights, bias, output weight(s).

Every number is a ``ParamControl`` whose edits go to the Session; ``refresh`` reads the values back
(the editor calls it at ~5 Hz while training). Pointing at a card or clicking its title points at
the unit on the plots too.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout

from reluplay.state.session import Session
from reluplay.ui import palette
from reluplay.ui.panels.param_control import ParamControl

MAX_SHOWN_INPUT_WEIGHTS = 6


class UnitCard(QFrame):
    """One unit: colour swatch and name, its weights, bias and output weight, a remove button.

    Pointing at a card (hover) or clicking its title points at the unit on the plots too.
    """

    hovered = Signal(object)  # (layer, unit), or None when the pointer leaves
    clicked = Signal(object)  # (layer, unit)

    def __init__(self, session: Session, layer: int, unit: int, scheme: str = palette.STANDARD, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("unit_card")
        net = session.network
        lay = net.layers[layer]
        is_last = layer == len(net.layers) - 2
        self.colour = palette.unit_colour(palette.network_style(net, layer, unit), scheme).name()
        self.name = palette.unit_name(unit, layer)
        self.swatch = QLabel()
        self.swatch.setFixedSize(26, 26)
        dash = palette.unit_dash(palette.network_style(net, layer, unit))
        if dash is None:
            self.swatch.setStyleSheet(f"background: {self.colour}; border-radius: 4px;")
        else:  # the line as the plots draw it: colour and dashes
            self.swatch.setPixmap(_dashed_swatch(self.colour, dash, 26))
        # The swatch shows a dashed unit's dashes; saying so in words too made the title row wider
        # than the editor's narrow form.
        self.title = QLabel(f"<b>Unit {self.name}</b>")
        if dash is not None:
            for label in (self.swatch, self.title):
                label.setToolTip(f"Unit {self.name} is drawn as a dashed line in its colour")
        self.status = QLabel("")
        # Wraps rather than widening the card: a dashed unit's "kink at x = … · dead" beside its
        # title made the card wider than the editor, and cut off its number boxes.
        self.status.setWordWrap(True)
        self.remove_button = QToolButton()
        self.remove_button.setText("✕")
        self.remove_button.setToolTip(f"Remove unit {self.name}")
        self.remove_button.clicked.connect(lambda: session.remove_unit(layer, unit))
        head = QHBoxLayout()
        head.addWidget(self.swatch)
        head.addWidget(self.title)
        head.addWidget(self.status, 1)
        head.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.setSpacing(2)
        layout.addLayout(head)

        self.weights: list[ParamControl] = []
        features = tuple(net.features) if layer == 0 else ()
        for i in range(min(lay.n_in, MAX_SHOWN_INPUT_WEIGHTS)):
            if layer == 0 and len(features) > 1:  # one weight per input feature: w1 · x1, w2 · x2, ...
                label = f"w{i + 1} · {features[i]}"
            else:
                label = "weight w" if lay.n_in == 1 else f"w from {palette.unit_name(i, layer - 1)}"
            control = ParamControl(label, float(lay.weights[unit, i]), "Slope: how steeply the unit rises")
            control.value_edited.connect(lambda v, i=i: session.set_weight(layer, unit, i, v))
            self.weights.append(control)
            layout.addWidget(control)
        if lay.n_in > MAX_SHOWN_INPUT_WEIGHTS:
            layout.addWidget(QLabel(f"(+{lay.n_in - MAX_SHOWN_INPUT_WEIGHTS} more input weights)"))
        self.bias = ParamControl("bias b", float(lay.biases[unit]), "Shifts the kink: it sits at x = −b/w")
        self.bias.value_edited.connect(lambda v: session.set_bias(layer, unit, v))
        layout.addWidget(self.bias)
        self.output_weight: ParamControl | None = None
        #: One per output unit (k classes with softmax: "output w → class 0", ...).
        self.output_weights: list[ParamControl] = []
        if is_last:
            k = net.output_layer.n_out
            for o in range(k):
                control = ParamControl("output w" if k == 1 else f"out w → {o}",
                                       float(net.output_layer.weights[o, unit]),
                                       "How much of this unit goes into the sum" if k == 1 else
                                       f"How much of this unit goes into class {o}'s logit")
                control.value_edited.connect(lambda v, o=o: session.set_output_weight(unit, v, o))
                self.output_weights.append(control)
                layout.addWidget(control)
            self.output_weight = self.output_weights[0]
        self._layer, self._unit = layer, unit
        self.unit = unit  # the unit's index in its layer (a page may start past unit 0)

    # --- pointing at the unit --------------------------------------------------------------------
    def enterEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self.hovered.emit((self._layer, self._unit))
        super().enterEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802
        self.hovered.emit(None)
        super().leaveEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - presses on the labels and the frame
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit((self._layer, self._unit))
        super().mousePressEvent(event)

    def set_highlighted(self, on: bool) -> None:
        self.setStyleSheet(f"QFrame#unit_card {{ border: 3px solid {self.colour}; border-radius: 4px; }}"
                           if on else "")

    def refresh(self, session: Session, dead: bool, kink: float | None) -> None:
        net = session.network
        lay = net.layers[self._layer]
        for i, control in enumerate(self.weights):
            control.set_value(float(lay.weights[self._unit, i]))
        self.bias.set_value(float(lay.biases[self._unit]))
        for o, control in enumerate(self.output_weights):
            control.set_value(float(net.output_layer.weights[o, self._unit]))
        parts = []
        if kink is not None:
            parts.append(f"kink at x = {kink:.3g}")
        if dead:
            parts.append("<span style='color:#B00020'><b>dead</b></span>")
        self.status.setText(" · ".join(parts))


def _dashed_swatch(colour: str, dash: tuple[float, ...], size: int) -> QPixmap:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor("#FFFFFF"))
    painter = QPainter(pixmap)
    pen = QPen(QColor(colour), 4)
    pen.setDashPattern([d * 0.6 for d in dash])  # two or three dashes fit in the swatch
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    painter.setPen(pen)
    painter.drawLine(1, size // 2, size - 1, size // 2)
    painter.setPen(QPen(QColor(colour), 1))
    painter.drawRect(0, 0, size - 1, size - 1)
    painter.end()
    return pixmap
