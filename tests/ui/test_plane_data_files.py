"""CSV import/export and held-out test points work for a lesson with two inputs."""
from __future__ import annotations

import numpy as np
from PySide6.QtWidgets import QMessageBox

from tests.ui.plane_lessons import xor_lesson


def test_csv_export_and_import_round_trip_x1_x2_y(open_window, tmp_path):
    window = open_window(xor_lesson())
    session, files = window.session, window.data_tools.files
    assert files.import_action.isEnabled() and files.export_action.isEnabled()
    x, y = session.x.copy(), session.y.copy()
    path = tmp_path / "xor.csv"
    assert files.export_path(path)
    lines = path.read_text().splitlines()
    assert lines[0] == "x1,x2,y" and len(lines) == 1 + len(y)
    session.set_data(x[:10], y[:10], "fewer points")
    assert files.import_path(path)
    np.testing.assert_array_equal(session.x, x)
    np.testing.assert_array_equal(session.y, y)
    assert session.test_y.size == 0  # imported data replaces the old data's test points
    assert len(window.plane.output.train_points.drawn()) == len(y)


def test_a_label_the_network_cannot_produce_is_refused_and_nothing_changes(open_window, tmp_path, monkeypatch):
    window = open_window(xor_lesson())
    session = window.session
    x, y = session.x.copy(), session.y.copy()
    path = tmp_path / "bad.csv"
    path.write_text("x1,x2,y\n1,2,0\n3,4,2\n")  # class 2 for a two-class network
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: messages.append(args[2]))
    assert not window.data_tools.files.import_path(path)
    assert len(messages) == 1 and "line 3" in messages[0]
    np.testing.assert_array_equal(session.x, x)
    np.testing.assert_array_equal(session.y, y)


def test_hold_out_and_return_test_points_on_the_plane(open_window):
    window = open_window(xor_lesson())
    session, held = window.session, window.data_tools.held_out
    everything = {tuple(p) + (label,) for p, label in zip(np.concatenate([session.x, session.test_x]).tolist(),
                                                        np.concatenate([session.y, session.test_y]).tolist())}
    assert held.return_action.isEnabled() and not held.hold_out_action.isEnabled()
    held.return_action.trigger()
    assert session.test_y.size == 0 and len(session.y) == len(everything)
    assert held.hold_out_action.isEnabled() and not held.return_action.isEnabled()
    held.hold_out_action.trigger()
    assert session.x.shape[1] == session.test_x.shape[1] == 2
    assert session.test_y.size == round(len(everything) / 4)
    after = {tuple(p) + (label,) for p, label in zip(np.concatenate([session.x, session.test_x]).tolist(),
                                                   np.concatenate([session.y, session.test_y]).tolist())}
    assert after == everything  # the same points, a quarter of them now hollow test points
    assert len(window.plane.output.test_points.drawn()) == session.test_y.size
    assert held.loss_label.isVisible() or not window.isVisible()
    assert f"{session.test_loss():.4g}" in held.loss_label.text()
