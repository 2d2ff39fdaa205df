"""`reluplay animate` writes each frame as it comes, so 2,000 frames never sit in memory at once."""
from __future__ import annotations

import sys

import pytest

import reluplay.ui.plots.animate as animate
from reluplay.presets import load_preset

Image = pytest.importorskip("PIL.Image")

COLOURS = ["#d62728", "#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2"]


@pytest.fixture
def coloured_frames(qapp, monkeypatch):
    """Replace the plot pictures with small plain frames, counting how many have been drawn."""
    from PySide6.QtGui import QColor, QImage

    drawn = []

    def frames(preset, targets, size):
        for k in range(len(targets)):
            image = QImage(40, 30, QImage.Format.Format_RGB32)
            image.fill(QColor(COLOURS[k % len(COLOURS)]))
            drawn.append(k)
            yield image

    monkeypatch.setattr(animate, "_frames", frames)
    return drawn


def test_each_gif_frame_is_written_before_the_next_but_one_is_drawn(coloured_frames, monkeypatch, tmp_path):
    written_when = []  # how many frames had been drawn when each frame was written
    write = animate._write_gif_frame
    monkeypatch.setattr(animate, "_write_gif_frame",
                        lambda *args: written_when.append(len(coloured_frames)) or write(*args))
    out = tmp_path / "run.gif"
    assert animate.animate_run(load_preset("step-by-step"), out, steps=6, frames=7) == 0
    # Frame k is written once frame k + 1 is drawn (the last lingers, so it waits to be known as last).
    assert written_when == [2, 3, 4, 5, 6, 7, 7]
    with Image.open(out) as gif:
        assert gif.n_frames == 7 and gif.info["loop"] == 0
        seen = []
        for k in range(7):
            gif.seek(k)
            seen.append((gif.convert("RGB").getpixel((20, 15)), gif.info["duration"]))
    expected = [tuple(int(c[i:i + 2], 16) for i in (1, 3, 5)) for c in COLOURS]
    assert [colour for colour, _ in seen] == expected
    assert [ms for _, ms in seen] == [animate.GIF_FRAME_MS] * 6 + [animate.LAST_FRAME_MS]


def test_identical_frames_are_all_kept(coloured_frames, monkeypatch, tmp_path):
    monkeypatch.setattr(sys.modules[__name__], "COLOURS", ["#d62728", "#d62728", "#1f77b4"])  # 0 and 1 the same
    out = tmp_path / "run.gif"
    assert animate.animate_run(load_preset("step-by-step"), out, steps=3, frames=3) == 0
    with Image.open(out) as gif:
        assert gif.n_frames == 3  # the count a user asked for, not merged


def test_a_cancelled_gif_leaves_the_older_file_and_no_temporary_file(coloured_frames, tmp_path):
    out = tmp_path / "run.gif"
    out.write_bytes(b"older")
    status = animate.animate_run(load_preset("step-by-step"), out, steps=6, frames=7,
                                 progress=lambda done, total: done < 3)
    assert status == 1 and len(coloured_frames) == 3  # no frame drawn after the cancel
    assert out.read_bytes() == b"older"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["run.gif"]
