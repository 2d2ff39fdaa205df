"""Help → About, the window icon, and the user's presets folder in the gallery and Save As."""
from __future__ import annotations

import pytest

from reluplay import __version__
from reluplay.presets import load_preset, save_preset
from reluplay.state import user_presets
from reluplay.ui.features import about


@pytest.fixture
def presets_folder(tmp_path, monkeypatch):
    folder = tmp_path / "my presets"
    monkeypatch.setattr(user_presets, "user_presets_dir",
                        lambda create=False: (folder.mkdir(exist_ok=True) if create else None) or folder)
    monkeypatch.setattr(about, "user_presets_dir", user_presets.user_presets_dir)
    return folder


def test_about_shows_the_version_and_the_presets_folder(relu_window, presets_folder, qtbot):
    dialog = about.AboutDialog(relu_window)
    qtbot.addWidget(dialog)
    text = dialog.text.text()
    assert f"reluplay {__version__}" in text
    assert "my presets" in text
    assert any(a.text() == "&About reluplay" for a in relu_window.menus["help"].actions())


def test_the_window_has_the_reluplay_icon(relu_window):
    assert not relu_window.windowIcon().isNull()
    assert 256 in [s.width() for s in about.app_icon().availableSizes()]


def test_default_presets_folder_is_a_per_user_app_data_folder():
    folder = user_presets.user_presets_dir()
    assert folder.name == "presets" and "reluplay" in str(folder)


def test_gallery_lists_user_presets_beside_the_lessons_and_opens_them_as_files(relu_window, presets_folder, qtbot):
    from reluplay.ui.features.gallery import GalleryDialog

    presets_folder.mkdir()
    mine = load_preset("relu-in-action")
    mine = mine.__class__(**{**mine.__dict__, "name": "My bump"})
    save_preset(mine, presets_folder / "bump.json")
    (presets_folder / "broken.json").write_text("{not json")
    dialog = GalleryDialog(relu_window)
    qtbot.addWidget(dialog)
    names = [dialog.lessons.item(i).text() for i in range(dialog.lessons.count())]
    assert "★ My bump" in names and "★ broken" in names
    assert names.index("★ My bump") > 2  # after the built-in lessons
    dialog.lessons.setCurrentRow(names.index("★ My bump"))
    assert dialog.chosen_path == presets_folder / "bump.json" and not dialog.chosen_is_builtin
    assert "cannot be opened" not in dialog.description.text()


def test_save_as_starts_in_the_user_presets_folder(relu_window, presets_folder, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    seen = {}

    def fake_dialog(parent, caption, start, filters):
        seen["start"] = start
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_dialog)
    relu_window.files.save_as()
    assert seen["start"].startswith(str(presets_folder))
    assert presets_folder.is_dir()
