"""The Session's network edits: parameters in place, structure through one funnel, gestures.

A mixin of ``Session`` (state/session.py), kept apart so each file stays readable: it uses the
Session's fields (``_network``, ``_origin``, ``_step``, ``_view``, ``loss_history``) and signals
(``edit_started``, ``network_changed``, ``progress_changed``, ``error_raised``).
"""
from __future__ import annotations

import math

import numpy as np

from reluplay.core import Network, NetworkError
from reluplay.state.changes import ChangeKind, Edit, NetworkChange
from reluplay.teach import network_edits


class NetworkEditing:
    """Every change of the network's weights or shape that a user makes (not training, not undo)."""

    # --- gestures: many edits, one undo step --------------------------------------------------
    def begin_gesture(self, description: str) -> None:
        """The edits until ``end_gesture`` are one gesture (a drag on a plot): one undo step."""
        self._gestures_begun += 1
        self._gesture, self._gesture_description = self._gestures_begun, description

    def end_gesture(self) -> None:
        self._gesture, self._gesture_description = 0, ""

    @property
    def gesture_active(self) -> bool:
        return self._gesture != 0

    def _edit(self, description: str) -> Edit:
        if self._gesture:
            return Edit(ChangeKind.EDIT, self._gesture_description, self._gesture)
        return Edit(ChangeKind.EDIT, description)

    # --- parameter edits (in place: fast enough to follow a dragged slider) ------------------
    def set_weight(self, layer: int, unit: int, input_index: int, value: float) -> None:
        self._set_value(self._network.layers[layer].weights, (unit, input_index), value,
                        f"weight of layer {layer + 1}")

    def set_bias(self, layer: int, unit: int, value: float) -> None:
        self._set_value(self._network.layers[layer].biases, (unit,), value, f"bias of layer {layer + 1}")

    def set_output_weight(self, unit: int, value: float, output: int = 0) -> None:
        """Unit ``unit``'s weight into output unit ``output`` (class ``output``'s logit with softmax)."""
        self.set_weight(len(self._network.layers) - 1, output, unit, value)

    def set_output_bias(self, value: float, output: int = 0) -> None:
        """Output unit ``output``'s bias (class ``output``'s logit with softmax)."""
        self.set_bias(len(self._network.layers) - 1, output, value)

    def _set_value(self, array: np.ndarray, index: tuple, value: float, what: str) -> None:
        value = float(value)
        if not math.isfinite(value):
            self.error_raised.emit("Not a number", f"The {what} must be a finite number.")
            return
        if array[index] == value:
            return
        self.edit_started.emit(self._edit(what))
        array[index] = value
        self._new_trajectory()
        self._mark_dirty()
        self.network_changed.emit(NetworkChange(False, ChangeKind.EDIT, what))

    # --- structural edits --------------------------------------------------------------------
    def add_unit(self, layer: int) -> None:
        lo, hi = self._view.x_range
        # Spread new kinks over the view so they do not pile up at one x.
        kink = lo + (hi - lo) * ((0.5 + 0.618 * self._network.layers[layer].n_out) % 1.0)
        self._edit_network(lambda net: network_edits.add_unit(net, layer, kink), f"add a unit to layer {layer + 1}")

    def remove_unit(self, layer: int, unit: int) -> None:
        self._edit_network(lambda net: network_edits.remove_unit(net, layer, unit), "remove a unit")

    def add_layer(self) -> None:
        self._edit_network(network_edits.add_layer, "add a layer")

    def remove_layer(self, layer: int) -> None:
        self._edit_network(lambda net: network_edits.remove_layer(net, layer), f"remove layer {layer + 1}")

    def set_activation(self, layer: int, activation: str) -> None:
        if self._network.layers[layer].activation == activation:
            return
        self._edit_network(lambda net: network_edits.set_activation(net, layer, activation), "change activation")

    def set_output_activation(self, activation: str) -> None:
        self.set_activation(len(self._network.layers) - 1, activation)

    def set_leaky_slope(self, slope: float) -> None:
        if slope != self._network.leaky_slope:
            self._edit_network(lambda net: net.with_changes(leaky_slope=float(slope)), "leaky slope")

    def set_relu_grad_at_zero(self, value: float) -> None:
        if value != self._network.relu_grad_at_zero:
            self._edit_network(lambda net: net.with_changes(relu_grad_at_zero=float(value)),
                               "ReLU derivative at 0")

    def randomize(self) -> None:
        """A new seeded start of the same shape; it becomes the start that Reset returns to."""
        self._seed += 1
        seed = self._seed
        self._edit_network(lambda net: network_edits.randomized(net, seed), "randomize")
        self._start = self._network.copy()

    def reset_to_start(self) -> None:
        self._replace_network(self._start.copy(), "reset to start")

    def reset_training(self) -> None:
        """Back to where the current training trajectory began (step 0)."""
        self._replace_network(self._origin.copy(), "reset training")

    def _edit_network(self, make, description: str) -> None:
        try:
            new = make(self._network)
        except (NetworkError, ValueError) as exc:
            self.error_raised.emit("Cannot change the network", str(exc))
            return
        self.edit_started.emit(Edit(ChangeKind.EDIT, description))
        self._network = new
        self._new_trajectory()
        self._mark_dirty()
        self.network_changed.emit(NetworkChange(True, ChangeKind.EDIT, description))

    def _replace_network(self, network: Network, description: str) -> None:
        self.edit_started.emit(Edit(ChangeKind.RESET, description))
        structural = not _same_shape(network, self._network)
        self._network = network
        self._origin = network.copy()
        self._step = 0
        self.loss_history.clear()
        self._mark_dirty()
        self.network_changed.emit(NetworkChange(structural, ChangeKind.RESET, description))
        self.progress_changed.emit()

    def _new_trajectory(self) -> None:
        self._origin = self._network.copy()
        if self._step or len(self.loss_history):
            self._step = 0
            self.loss_history.clear()
            self.progress_changed.emit()


def _same_shape(a: Network, b: Network) -> bool:
    return a.sizes == b.sizes and [lay.activation for lay in a.layers] == [lay.activation for lay in b.layers]
