"""The editor's unit cards show their numbers on a 1280x720 projector and a 1366x768 laptop.

At 16 units the dashed units' title rows made the cards wider than the editor's narrow form,
and the scroll area cut off their right side: the number boxes and the values in them.
"""
import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from reluplay.presets import load_preset

pytestmark = pytest.mark.usefixtures("app_font")  # measured in the font the app really uses


def settle(window):
    for _ in range(4):
        QApplication.processEvents()
    window.editor.refresh_values()
    QApplication.processEvents()


def set_units(session, n):
    while session.network.hidden_layers[0].n_out < n:
        session.add_unit(0)
    while session.network.hidden_layers[0].n_out > n:
        session.remove_unit(0, session.network.hidden_layers[0].n_out - 1)


def rect_in(widget: QWidget, ancestor: QWidget) -> QRect:
    return QRect(widget.mapTo(ancestor, QPoint(0, 0)), widget.size())


def cut_off_number_boxes(window) -> list[str]:
    """Each shown card's number box that is not wholly inside the editor's views (left to right)
    or too narrow for its value's text."""
    editor = window.editor
    views = [editor.cards_scroll.viewport(), editor.parentWidget()]  # the cards' view, the dock's view
    problems = []
    for card in editor.cards:
        controls = [*card.weights, card.bias] + ([card.output_weight] if card.output_weight else [])
        for control in controls:
            spin = control.spin
            for view in views:
                box, shown = rect_in(spin, view), QRect(QPoint(0, 0), view.size())
                if box.left() < shown.left() or box.right() > shown.right():
                    problems.append(f"unit {card.name} {control.label.text()}: {box} outside {shown}")
            text = spin.lineEdit()
            if text.width() < text.fontMetrics().horizontalAdvance(spin.text()):
                problems.append(f"unit {card.name} {control.label.text()}: {spin.text()!r} in {text.width()} px")
    return problems


@pytest.mark.parametrize("units", [1, 3, 8, 16])
@pytest.mark.parametrize("size", [(1280, 720), (1366, 768)], ids=["1280x720", "1366x768"])
def test_every_unit_cards_number_boxes_show_their_values(open_window, size, units):
    window = open_window(load_preset("universal-approximation"))
    window.resize(*size)
    set_units(window.session, units)
    settle(window)
    assert len(window.editor.cards) == units
    assert cut_off_number_boxes(window) == []
    # The narrow form keeps the plots their room: the editor did not just get wider.
    assert window.editor.width() < 0.3 * size[0]


def test_a_larger_font_widens_the_editor_rather_than_cutting_off_its_numbers(qtbot, open_window):
    """The narrow form is measured for the usual font; a teacher's larger one must still show every
    value: the editor asks for the width its cards need."""
    window = open_window(load_preset("universal-approximation"))
    window.resize(1366, 768)
    settle(window)
    narrow = window.editor.width()
    font = window.editor.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    window.editor.setFont(font)
    qtbot.waitUntil(lambda: window.editor.width() > narrow, timeout=5000)
    settle(window)
    assert cut_off_number_boxes(window) == []


def test_a_huge_value_widens_the_editor_rather_than_being_cut_off(qtbot, open_window):
    window = open_window(load_preset("universal-approximation"))
    window.resize(1280, 720)
    settle(window)
    narrow = window.editor.width()
    window.session.set_output_weight(0, -123456789012.0)
    qtbot.waitUntil(lambda: window.editor.width() > narrow, timeout=5000)
    settle(window)
    assert window.editor.cards[0].output_weight.spin.text() == "-123456789012"
    assert cut_off_number_boxes(window) == []
