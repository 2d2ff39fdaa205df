"""Render the application icon: resources/icons/reluplay.svg -> PNGs, .ico (and .icns).

    python packaging/make_icons.py            # write the files next to the SVG
    python packaging/make_icons.py --check    # exit 1 if a file is missing or malformed

Rendering uses QtSvg + QPainter on an offscreen QGuiApplication (PySide6-Essentials ships QtSvg),
so no Pillow or Inkscape is needed. The ICO and ICNS containers are written by hand: both
simply wrap PNG-compressed images (ICO entries as PNG are valid since Windows Vista; ICNS
PNG entries since macOS 10.7).
"""
from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICON_DIR = ROOT / "resources" / "icons"
SVG = ICON_DIR / "reluplay.svg"
PNG_SIZES = (16, 32, 48, 64, 128, 256)
ICO_SIZES = (16, 32, 48, 64, 128, 256)
#: ICNS type codes that hold PNG data, by pixel size (512 is rendered only for the .icns).
ICNS_TYPES = {16: b"icp4", 32: b"icp5", 64: b"icp6", 128: b"ic07", 256: b"ic08", 512: b"ic09"}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_path(size: int, folder: Path = ICON_DIR) -> Path:
    return folder / f"reluplay-{size}.png"


def render_png(svg: Path, size: int) -> bytes:
    """The SVG rendered at size x size pixels on a transparent background, as PNG bytes."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons: {svg}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.convertToFormat(QImage.Format.Format_ARGB32).save(buffer, "PNG"):
        raise SystemExit(f"make_icons: could not encode the {size}px PNG")
    buffer.close()
    return bytes(data.data())


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) from a PNG's IHDR chunk; ValueError if it is not a PNG."""
    if len(data) < 24 or data[:8] != PNG_SIGNATURE or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    return struct.unpack(">II", data[16:24])


def build_ico(pngs: dict[int, bytes]) -> bytes:
    """An ICO container of PNG-compressed entries (ICONDIR, ICONDIRENTRY x n, then the images)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, count
    offset = len(header) + 16 * len(sizes)
    entries, blobs = [], []
    for size in sizes:
        blob = pngs[size]
        side = 0 if size >= 256 else size  # 0 means 256
        # width, height, palette colours, reserved, colour planes, bits per pixel, bytes, offset
        entries.append(struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset))
        blobs.append(blob)
        offset += len(blob)
    return header + b"".join(entries) + b"".join(blobs)


def parse_ico(data: bytes) -> list[tuple[int, int, bytes]]:
    """(width, height, image bytes) for each entry; ValueError if the container is malformed."""
    if len(data) < 6:
        raise ValueError("ICO too short")
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    if reserved != 0 or kind != 1 or count == 0:
        raise ValueError(f"bad ICONDIR (reserved={reserved}, type={kind}, count={count})")
    if len(data) < 6 + 16 * count:
        raise ValueError("ICO directory truncated")
    out = []
    for i in range(count):
        w, h, _colors, _res, planes, bpp, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        if offset < 6 + 16 * count or offset + length > len(data):
            raise ValueError(f"entry {i} points outside the file")
        out.append((w or 256, h or 256, data[offset:offset + length]))
    return out


def build_icns(pngs: dict[int, bytes]) -> bytes:
    chunks = b"".join(ICNS_TYPES[size] + struct.pack(">I", 8 + len(blob)) + blob
                      for size, blob in sorted(pngs.items()))
    return b"icns" + struct.pack(">I", 8 + len(chunks)) + chunks


def make(folder: Path = ICON_DIR, svg: Path = SVG) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs it
    rendered = {size: render_png(svg, size) for size in sorted(set(PNG_SIZES) | set(ICNS_TYPES))}
    written = []
    for size in PNG_SIZES:
        path = png_path(size, folder)
        path.write_bytes(rendered[size])
        written.append(path)
    ico = folder / "reluplay.ico"
    ico.write_bytes(build_ico({s: rendered[s] for s in ICO_SIZES}))
    icns = folder / "reluplay.icns"
    icns.write_bytes(build_icns({s: rendered[s] for s in ICNS_TYPES}))
    return written + [ico, icns]


def check(folder: Path = ICON_DIR) -> list[str]:
    problems = []
    for size in PNG_SIZES:
        path = png_path(size, folder)
        try:
            if png_size(path.read_bytes()) != (size, size):
                problems.append(f"{path}: not {size}x{size}")
        except (OSError, ValueError) as exc:
            problems.append(f"{path}: {exc}")
    try:
        entries = parse_ico((folder / "reluplay.ico").read_bytes())
        if sorted(w for w, _, _ in entries) != sorted(ICO_SIZES):
            problems.append("reluplay.ico: wrong sizes")
    except (OSError, ValueError) as exc:
        problems.append(f"reluplay.ico: {exc}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the committed files")
    args = parser.parse_args(argv)
    if args.check:
        problems = check()
        for problem in problems:
            print(f"make_icons: {problem}", file=sys.stderr)
        return 1 if problems else 0
    for path in make():
        print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
