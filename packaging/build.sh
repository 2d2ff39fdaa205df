#!/usr/bin/env bash
# Build the one-folder desktop bundle dist/reluplay/ (and dist/reluplay.app on macOS) with
# PyInstaller, then smoke-test it: --version, the 'presets' and 'eval' subcommands, and an
# offscreen --screenshot that must be a real, non-trivial PNG. Exits non-zero on any failure.
#
#   packaging/build.sh             # build in a private virtualenv (build/venv), created once
#   packaging/build.sh --here      # build with the current Python environment instead
#   PYTHON=python3.12 packaging/build.sh
#
# The virtualenv keeps the bundle to the app's own dependencies and never replaces an editable
# install in your working environment. PyInstaller is the 'packaging' extra, not a runtime dependency.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
VENV="$ROOT/build/venv"
DIST="$ROOT/dist"
WORK="$ROOT/build/pyinstaller"
NAME=reluplay
USE_VENV=1
for arg in "$@"; do
  case "$arg" in
    --here) USE_VENV=0 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "build.sh: unknown option $arg" >&2; exit 2 ;;
  esac
done

fail() { echo "build.sh: FAILED: $*" >&2; exit 1; }
now() { "$PY" -c 'import time; print(time.time())'; }

if [[ $USE_VENV == 1 ]]; then
  if [[ ! -x "$VENV/bin/python" ]]; then
    echo "== creating $VENV"
    "$PYTHON" -m venv "$VENV"
  fi
  PY="$VENV/bin/python"
else
  PY="$(command -v "$PYTHON")"
fi

echo "== installing reluplay with the packaging extra into $("$PY" -c 'import sys; print(sys.prefix)')"
t0=$(now)
"$PY" -m pip install --quiet --disable-pip-version-check ".[packaging]"
t1=$(now)

echo "== building with PyInstaller $("$PY" -m PyInstaller --version)"
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK" packaging/reluplay.spec
t2=$(now)

BUNDLE="$DIST/$NAME"
EXE="$BUNDLE/$NAME"
[[ -x "$EXE" ]] || fail "no executable at $EXE"

echo "== smoke test (from an empty folder, offscreen)"
SMOKE="$(mktemp -d)"
trap 'rm -rf "$SMOKE"' EXIT
export QT_QPA_PLATFORM=offscreen
(
  cd "$SMOKE"
  version=$(timeout 60 "$EXE" --version) || fail "--version failed"
  echo "   --version: $version"
  [[ "$version" == "$NAME "[0-9]* && "$version" != *"+source"* ]] || fail "unexpected version '$version'"

  timeout 60 "$EXE" presets > presets.txt || fail "'presets' failed"
  grep -q "ReLU in action" presets.txt || fail "'presets' does not list 'ReLU in action'"
  echo "   presets: $(grep -c . presets.txt) lines, lists 'ReLU in action'"

  timeout 60 "$EXE" eval relu-in-action --x 0 0.5 1 --json > eval.json || fail "'eval' failed"
  "$PY" - eval.json <<'PYEOF' || fail "'eval relu-in-action' gave the wrong outputs"
import json, sys
data = json.load(open(sys.argv[1]))
expected = [0.0, 1.01, 0.0]  # the seed example: a pointy bump through the three doses
assert all(abs(a - b) < 0.005 for a, b in zip(data["y"], expected)), data
print(f"   eval: outputs {[round(v, 3) for v in data['y']]} (expected 0, 1.01, 0)")
PYEOF

  start=$(now)
  status=0
  timeout 120 "$EXE" --screenshot shot.png relu-in-action 2> screenshot.err || status=$?
  [[ $status == 0 ]] || { cat screenshot.err >&2; fail "--screenshot exited $status"; }
  end=$(now)
  [[ -s shot.png ]] || fail "--screenshot wrote no file"
  "$PY" - shot.png <<'PYEOF' || fail "the screenshot is not a real picture of the window"
import os, struct, sys, zlib
path = sys.argv[1]
data = open(path, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n" and data[12:16] == b"IHDR", "not a PNG"
width, height = struct.unpack(">II", data[16:24])
assert width >= 800 and height >= 500, f"too small: {width}x{height}"
# Non-trivial: a blank window compresses to a few KB; the plots, editor and panels do not.
assert len(data) > 40_000, f"only {len(data)} bytes: a blank window?"
print(f"   screenshot: {width}x{height}, {len(data) // 1024} KB")
PYEOF
  "$PY" -c "print(f'   screenshot run took {$end - $start:.1f} s (start, draw, save, exit)')"
  mkdir -p "$WORK" && cp shot.png "$WORK/smoke-screenshot.png"
)
t3=$(now)

size=$(du -sh "$BUNDLE" | cut -f1)
files=$(find "$BUNDLE" -type f | wc -l)
"$PY" - "$t0" "$t1" "$t2" "$t3" <<PYEOF
import sys
t0, t1, t2, t3 = map(float, sys.argv[1:])
print(f"== OK: {'$BUNDLE'} is $size in $files files")
print(f"   install {t1 - t0:.1f} s, PyInstaller build {t2 - t1:.1f} s, smoke test {t3 - t2:.1f} s")
print(f"   the smoke test's screenshot: {'$WORK'}/smoke-screenshot.png")
PYEOF
if [[ "$(uname)" == Darwin && -d "$DIST/$NAME.app" ]]; then
  echo "   macOS app: $DIST/$NAME.app ($(du -sh "$DIST/$NAME.app" | cut -f1))"
fi
