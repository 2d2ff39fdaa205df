"""The packaging files are complete and well-formed (fast: no PyInstaller run, no Qt).

Building the bundle takes ~30 s and ~220 MB, so it is packaging/build.sh's job, not CI's: the
spec is executed here against stand-ins for PyInstaller's build classes, which is enough to see
what it would collect and from where.
"""
from __future__ import annotations

import ast
import configparser
import importlib.util
import shutil
import struct
import subprocess
import sys
import types
import xml.etree.ElementTree as ET
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "reluplay.spec"
DESKTOP = PACKAGING / "linux" / "reluplay.desktop"
ICONS = ROOT / "resources" / "icons"
PNG_SIZES = (16, 32, 48, 64, 128, 256)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


# --- PNG reading, independent of packaging/make_icons.py -----------------------------------------

def png_chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    assert data[:8] == PNG_SIGNATURE, "no PNG signature"
    chunks, pos = [], 8
    while pos < len(data):
        (length,) = struct.unpack_from(">I", data, pos)
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack_from(">I", data, pos + 8 + length)
        assert zlib.crc32(kind + body) == crc, f"bad CRC in {kind!r} chunk"
        chunks.append((kind, body))
        pos += 12 + length
    assert chunks[0][0] == b"IHDR" and chunks[-1][0] == b"IEND", "IHDR first, IEND last"
    return chunks


def png_info(data: bytes) -> dict:
    chunks = png_chunks(data)
    width, height, depth, colour, _comp, _filter, interlace = struct.unpack(">IIBBBBB", chunks[0][1])
    pixels = zlib.decompress(b"".join(body for kind, body in chunks if kind == b"IDAT"))
    return {"size": (width, height), "depth": depth, "colour": colour, "interlace": interlace,
            "pixels": pixels}


def alpha_coverage(info: dict) -> float:
    """Share of mostly opaque pixels in an 8-bit RGBA PNG (undoing the row filters first)."""
    width, height = info["size"]
    stride, raw, out, prev = width * 4, info["pixels"], [], bytearray(width * 4)
    for row in range(height):
        kind = raw[row * (stride + 1)]
        line = bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - 4] if i >= 4 else 0
            b = prev[i]
            c = prev[i - 4] if i >= 4 else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        out.append(bytes(line))
        prev = line
    alphas = [line[i] for line in out for i in range(3, stride, 4)]
    return sum(1 for value in alphas if value > 128) / len(alphas)


# --- the spec ---------------------------------------------------------------------------------------

class Recorder:
    """Stands in for one of PyInstaller's spec classes (Analysis, PYZ, EXE, COLLECT, BUNDLE)."""

    made: list[Recorder] = []

    def __init__(self, kind: str, *args, **kwargs):
        self.kind, self.args, self.kwargs = kind, args, kwargs
        self.pure, self.scripts, self.binaries = ["pure"], ["scripts"], []
        self.datas = list(kwargs.get("datas", []))
        Recorder.made.append(self)


def run_spec(monkeypatch, platform: str) -> dict[str, list[Recorder]]:
    hooks = types.ModuleType("PyInstaller.utils.hooks")
    hooks.copy_metadata = lambda name: [(f"/site-packages/{name}-0.1.0.dist-info", f"{name}-0.1.0.dist-info")]
    hooks.collect_submodules = lambda name: [name, f"{name}.cli", f"{name}.ui", f"{name}.ui.launch"]
    for name, module in (("PyInstaller", types.ModuleType("PyInstaller")),
                         ("PyInstaller.utils", types.ModuleType("PyInstaller.utils")),
                         ("PyInstaller.utils.hooks", hooks)):
        monkeypatch.setitem(sys.modules, name, module)
    monkeypatch.setattr(sys, "platform", platform)
    Recorder.made = []
    namespace = {"SPECPATH": str(PACKAGING), "__file__": str(SPEC), "__name__": "__main__"}
    for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        namespace[kind] = lambda *a, _kind=kind, **k: Recorder(_kind, *a, **k)
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    made: dict[str, list[Recorder]] = {}
    for record in Recorder.made:
        made.setdefault(record.kind, []).append(record)
    return made


def test_spec_is_python():
    ast.parse(SPEC.read_text(encoding="utf-8"), filename=str(SPEC))


@pytest.mark.parametrize("platform", ["linux", "win32", "darwin"])
def test_spec_collects_existing_files_into_a_one_folder_bundle(monkeypatch, platform):
    made = run_spec(monkeypatch, platform)
    (analysis,) = made["Analysis"]
    (script,) = analysis.args[0]
    assert Path(script).is_file(), script
    for source, _dest in analysis.kwargs["datas"]:
        assert Path(source).exists() or source.startswith("/site-packages/"), source
    dests = {dest.replace("\\", "/") for _src, dest in analysis.kwargs["datas"]}
    # reluplay/resources.py looks for presets next to the package, as in an installed wheel.
    assert {"reluplay/resources/presets", "reluplay/resources/icons"} <= dests
    assert any(d.startswith("reluplay-") and d.endswith(".dist-info") for d in dests), "version metadata"
    assert "tkinter" in analysis.kwargs["excludes"]
    # The CLI imports reluplay.ui with importlib: the analysis must be told about it.
    assert "reluplay.ui.launch" in analysis.kwargs["hiddenimports"]
    # pyqtgraph's PlotCurveItem imports these with importlib: excluding them breaks every plot.
    for module in ("PySide6.QtSvg", "PySide6.QtOpenGL", "PySide6.QtOpenGLWidgets"):
        assert module in analysis.kwargs["hiddenimports"] and module not in analysis.kwargs["excludes"]

    exes = made["EXE"]
    assert all(exe.kwargs["exclude_binaries"] for exe in exes), "one-folder: binaries go to COLLECT"
    (collect,) = made["COLLECT"]
    assert collect.kwargs["name"] == "reluplay"
    names = {exe.kwargs["name"]: exe for exe in exes}
    for exe in exes:
        icon = exe.kwargs.get("icon")
        if platform == "linux":
            assert icon is None
        else:
            assert icon and Path(icon).is_file(), icon
    if platform == "win32":
        assert names["reluplay"].kwargs["console"] is False
        assert names["reluplay-cli"].kwargs["console"] is True
    else:
        assert list(names) == ["reluplay"] and names["reluplay"].kwargs["console"] is True
    if platform == "darwin":
        (bundle,) = made["BUNDLE"]
        assert bundle.kwargs["name"] == "reluplay.app"
        assert Path(bundle.kwargs["icon"]).suffix == ".icns" and Path(bundle.kwargs["icon"]).is_file()
    else:
        assert "BUNDLE" not in made


def test_resources_are_found_where_the_spec_puts_them(tmp_path):
    """Lay files out as the bundle does (_internal/reluplay/...) and ask resources.py for them."""
    internal = tmp_path / "_internal"
    package = internal / "reluplay"
    package.mkdir(parents=True)
    shutil.copy(ROOT / "reluplay" / "resources.py", package / "resources.py")
    shutil.copytree(ROOT / "resources" / "presets", package / "resources" / "presets")
    shutil.copytree(ICONS, package / "resources" / "icons")
    spec = importlib.util.spec_from_file_location("frozen_reluplay_resources", package / "resources.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.resources_dir() == (package / "resources").resolve()
    assert module.resource_path("icons", "reluplay.svg").is_file()


def test_build_script_uses_the_spec_and_smoke_tests():
    script = (PACKAGING / "build.sh").read_text(encoding="utf-8")
    assert script.startswith("#!/usr/bin/env bash") and "set -euo pipefail" in script
    assert "packaging/reluplay.spec" in script and '".[packaging]"' in script
    assert "--screenshot" in script and "QT_QPA_PLATFORM=offscreen" in script
    if shutil.which("bash"):
        assert subprocess.run(["bash", "-n", str(PACKAGING / "build.sh")]).returncode == 0


# --- the .desktop entry -------------------------------------------------------------------------------

def read_desktop() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_has_the_required_keys():
    entry = read_desktop()
    assert entry["Type"] == "Application"
    assert entry["Name"] == "reluplay"
    assert entry["Comment"]
    assert entry["Exec"].split() == ["reluplay", "%f"]
    assert entry["Icon"] == "reluplay"
    categories = entry["Categories"]
    assert categories.endswith(";") and {"Education", "Science"} <= set(categories.split(";"))
    assert entry.get("Terminal") == "false"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_entry_validates():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "error:" not in result.stdout


# --- the icons ----------------------------------------------------------------------------------------

def test_svg_icon_is_square_svg():
    root = ET.parse(ICONS / "reluplay.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _x, _y, width, height = map(float, root.get("viewBox").split())
    assert width == height


@pytest.mark.parametrize("size", PNG_SIZES)
def test_png_icon_has_its_size(size):
    info = png_info((ICONS / f"reluplay-{size}.png").read_bytes())
    assert info["size"] == (size, size)
    assert (info["depth"], info["colour"], info["interlace"]) == (8, 6, 0), "8-bit RGBA, not interlaced"
    assert len(info["pixels"]) == size * (1 + 4 * size)
    # The rounded square covers most of the canvas and leaves the corners transparent.
    assert 0.75 < alpha_coverage(info) < 1.0


def parse_ico(data: bytes) -> list[tuple[int, int, bytes]]:
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind) == (0, 1) and count > 0
    entries, spans = [], []
    for i in range(count):
        width, height, colours, res, planes, bpp, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert (colours, res, planes, bpp) == (0, 0, 1, 32)
        assert 6 + 16 * count <= offset and offset + length <= len(data)
        spans.append((offset, offset + length))
        entries.append((width or 256, height or 256, data[offset:offset + length]))
    spans.sort()
    assert all(a_end <= b_start for (_, a_end), (b_start, _) in zip(spans, spans[1:])), "entries overlap"
    assert spans[-1][1] == len(data), "trailing bytes after the last image"
    return entries


def test_ico_is_well_formed():
    entries = parse_ico((ICONS / "reluplay.ico").read_bytes())
    assert sorted(w for w, _h, _d in entries) == list(PNG_SIZES)
    for width, height, blob in entries:
        assert png_info(blob)["size"] == (width, height)


def test_icns_is_well_formed():
    data = (ICONS / "reluplay.icns").read_bytes()
    assert data[:4] == b"icns" and struct.unpack_from(">I", data, 4)[0] == len(data)
    pos, kinds = 8, {}
    while pos < len(data):
        kind, length = data[pos:pos + 4], struct.unpack_from(">I", data, pos + 4)[0]
        assert length > 8 and pos + length <= len(data)
        kinds[kind] = png_info(data[pos + 8:pos + length])["size"]
        pos += length
    assert pos == len(data)
    assert kinds[b"ic07"] == (128, 128) and kinds[b"ic08"] == (256, 256) and kinds[b"ic09"] == (512, 512)


def test_icons_ship_with_the_package():
    from reluplay.resources import resource_path

    assert resource_path("icons", "reluplay.svg").is_file()
    assert resource_path("icons", "reluplay-256.png").is_file()
