"""The plane views colour their images themselves: the same colours pyqtgraph gave the values."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

from reluplay.ui.plots.plane import colours
from reluplay.ui.plots.plane.argb_image import argb_words, rgba_bytes


def _pyqtgraph_rgb(values: np.ndarray, cmap: pg.ColorMap, levels) -> np.ndarray:
    """What an ImageItem with this colour map and levels showed (its colour map's 256-colour lut)."""
    argb, _alpha = pg.functions.makeARGB(values, lut=cmap.getLookupTable(nPts=256), levels=levels)
    return argb[..., 2::-1]  # BGRA -> RGB


def test_colour_table_gives_pyqtgraph_s_colours_for_the_same_values_and_levels():
    rng = np.random.default_rng(3)
    values = rng.normal(0.0, 2.0, size=(3, 40, 50)).astype(np.float32)
    values[0, 0, :4] = [-100.0, 100.0, -2.5, 2.5]  # beyond the levels and at them
    for cmap, levels in ((colours.diverging(), (-2.5, 2.5)), (colours.values_map(), (-1.0, 3.0)),
                         (colours.paler(colours.diverging()), (0.0, 1.0))):
        table = colours.ColourTable(cmap)
        words = table.colour(values, levels)
        assert words.shape == (3, 40, 50) and words.dtype == np.uint32
        rgba = rgba_bytes(words)
        for image, coloured in zip(values, rgba):
            assert np.array_equal(coloured[..., :3], _pyqtgraph_rgb(image, cmap, levels))
        assert (rgba[..., 3] == 255).all()
        np.testing.assert_array_equal(argb_words(rgba), words)


def test_colour_table_reuses_its_buffer_and_colours_nan_as_the_lowest_value():
    table = colours.ColourTable(colours.diverging())
    first = table.colour(np.zeros((4, 4)), (-1.0, 1.0))
    again = table.colour(np.full((4, 4), np.nan), (-1.0, 1.0))
    assert again is first  # no allocation per frame
    assert again[0, 0] == table.words[0] and np.array_equal(rgba_bytes(again[0, 0]), table.rgba[0])
