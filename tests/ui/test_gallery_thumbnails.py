"""Issue 13 item 5: the gallery shows each lesson's output plot and tells built-in and own lessons apart."""
from dataclasses import replace

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from reluplay.presets import load_preset, save_preset
from reluplay.ui import palette
from reluplay.ui.features import lesson_thumbnail as thumbs
from reluplay.ui.features.gallery import GalleryDialog


def _dark_pixels(image) -> int:
    return sum(QColor(image.pixel(x, y)).lightness() < 80 for x in range(image.width()) for y in range(image.height()))


def test_a_thumbnail_draws_the_output_curve_and_the_data():
    preset = load_preset("relu-in-action")
    image = thumbs.draw_thumbnail(preset)
    assert (image.width(), image.height()) == thumbs.THUMBNAIL_SIZE
    assert _dark_pixels(image) > 100  # the black network output
    yellow = QColor(palette.DATA_FILL)
    assert any(QColor(image.pixel(x, y)) == yellow for x in range(image.width()) for y in range(image.height()))
    # A different network, a different picture.
    other = replace(preset, network=preset.network.copy())
    other.network.layers[-1].biases[:] = 5.0
    assert thumbs.draw_thumbnail(other) != image


def test_thumbnails_are_cached_until_the_file_changes(tmp_path):
    path = tmp_path / "bump.json"
    save_preset(load_preset("relu-in-action"), path)
    thumbs._cached_image.cache_clear()
    thumbs.lesson_thumbnail(path)
    thumbs.lesson_thumbnail(path)
    assert thumbs._cached_image.cache_info().hits == 1
    unreadable = tmp_path / "broken.json"
    unreadable.write_text("{not json")
    assert not thumbs.lesson_thumbnail(unreadable).isNull()  # a blank picture, no error


def test_gallery_has_pictures_and_headings_for_builtin_and_own_lessons(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr("reluplay.state.user_presets.user_presets_dir", lambda create=False: tmp_path)
    mine = load_preset("universal-approximation")
    mine.name = "Universal approximation (my copy)"
    save_preset(mine, tmp_path / "mine.json")
    dialog = GalleryDialog()
    qtbot.addWidget(dialog)
    rows = [dialog.lessons.item(i) for i in range(dialog.lessons.count())]
    texts = [r.text() for r in rows]
    assert texts[0] == "Built-in lessons" and "Your lessons" in texts
    assert texts.index("Your lessons") < texts.index("★ Universal approximation (my copy)")
    for row in rows:
        heading = row.data(Qt.ItemDataRole.UserRole) is None
        assert heading == (row.flags() == Qt.ItemFlag.NoItemFlags)
        assert heading or not row.icon().isNull()
    assert dialog.chosen_is_builtin and "comes with reluplay" in dialog.description.text()
    dialog.lessons.setCurrentRow(texts.index("★ Universal approximation (my copy)"))
    assert not dialog.chosen_is_builtin and "Your lesson" in dialog.description.text()
    image = dialog.lessons.item(1).icon().pixmap(*thumbs.THUMBNAIL_SIZE).toImage()
    assert np.any([QColor(image.pixel(x, image.height() // 2)).lightness() < 80 for x in range(image.width())]) \
        or _dark_pixels(image) > 50


def test_a_two_input_lesson_thumbnail_shows_its_classes_over_the_plane():
    from reluplay.ui.plots.plane import colours

    preset = load_preset("xor")
    image = thumbs.draw_thumbnail(preset)
    pixels = {QColor(image.pixel(x, y)).name() for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}
    assert {c.lower() for c in colours.TWO_CLASS_COLOURS} <= pixels  # the points of both classes
    changed = replace(preset, network=preset.network.copy())
    changed.network.layers[-1].biases[:] = 8.0  # p(class 1) near 1 everywhere: another background
    assert thumbs.draw_thumbnail(changed) != image
    for name in ("folding-the-plane", "three-gaussians"):
        assert _dark_pixels(thumbs.draw_thumbnail(load_preset(name))) < image.width() * image.height() / 2
