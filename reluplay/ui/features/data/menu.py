"""The Data feature: edit points on the output plot, CSV import/export, generators, test points.

``install(window)`` builds the Data menu, adds Import/Export to the File menu and the edit
toggle to the toolbar, and keeps its parts on ``window.data_tools`` (for tests and other tools).
Every change of the data goes through ``Session.set_data``, so undo and the training pause see
one edit per user action.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction

from reluplay.ui.features.data.csv_files import DataFiles
from reluplay.ui.features.data.dataset_dialog import DatasetDialog, apply_dataset
from reluplay.ui.features.data.generator_dialog import DataGeneratorDialog
from reluplay.ui.features.data.held_out import HeldOutPoints
from reluplay.ui.features.data.plane_points import PlanePoints
from reluplay.ui.features.data.plot_editing import DataPointEditor
from reluplay.ui.features.parts import Menu, Parts, Section

if TYPE_CHECKING:
    from reluplay.ui.main_window import MainWindow


@dataclass
class DataTools:
    editor: DataPointEditor
    files: DataFiles
    held_out: HeldOutPoints
    generate_action: QAction
    #: Two inputs: TF Playground's data sets, and clicking points in.
    dataset_action: QAction
    plane_points: PlanePoints


def open_generator(window: MainWindow) -> bool:
    """Show the generator dialog; on OK the window's data become the generated points."""
    s = window.session
    dialog = DataGeneratorDialog(s.view.x_range, window, seed=s.settings.seed)
    if not dialog.exec() or dialog.points is None:
        return False
    kind = dialog.settings()["kind"]
    return s.set_data(*dialog.points, f"generate {kind} data", test=dialog.test_points)


def open_dataset(window: MainWindow) -> bool:
    """Show the data set dialog (two inputs); on OK its points become the lesson's, in one edit."""
    s = window.session
    dialog = DatasetDialog(s.network, s.dataset, window, seed=s.settings.seed)
    if not dialog.exec() or dialog.data is None:
        return False
    return apply_dataset(s, dialog.data, adapt=dialog.adapt_check.isChecked())


def build(window: MainWindow) -> tuple[DataTools, Parts]:
    session, plots = window.session, window.plots
    status = window.statusBar()
    editor = DataPointEditor(session, plots.output_plot, plots.data_points, status, parent=window)
    plots.addAction(editor.delete_action)  # Delete works while the plots have the focus
    files = DataFiles(session, window, status)
    held_out = HeldOutPoints(session, plots.output_plot, parent=window)

    generate = QAction("Generate data…", window)
    generate.setStatusTip("Replace the data with points of a sine, |x|, step, dosage or straight line, "
                          "with noise and a seed")
    generate.triggered.connect(lambda: open_generator(window))

    dataset = QAction("Data set…", window)
    dataset.setStatusTip("Replace the points with one of TF Playground's data sets (circle, xor, gauss, spiral, "
                         "plane, multi gaussian) or three gaussians: noise, training share, points, seed")
    dataset.triggered.connect(lambda: open_dataset(window))
    plane_points = PlanePoints(session, window.plane, status, parent=window)

    parts = Parts(status_widgets=[held_out.loss_label], toolbar_actions=[editor.toggle_action])
    parts.add_menu(Menu.DATA, editor.toggle_action, editor.delete_action, None, generate, dataset,
                   plane_points.toggle_action, files.import_action, files.export_action, None,
                   held_out.hold_out_action, held_out.return_action)
    # Beside Save As, before Quit: the data files belong with the other files.
    parts.add_menu(Menu.FILE, files.import_action, files.export_action, section=Section.FILES)
    return DataTools(editor, files, held_out, generate, dataset, plane_points), parts
