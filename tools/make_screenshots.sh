#!/usr/bin/env bash
# Regenerates the README's screenshots with the app's own --screenshot (offscreen, 1600x1000).
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
out=resources/screenshots
mkdir -p "$out"
reluplay --screenshot "$out/main-window.png" universal-approximation --train-steps 1500
reluplay --screenshot "$out/relu-in-action.png" relu-in-action
reluplay --screenshot "$out/presentation.png" --presentation dead-unit --train-steps 300
echo "wrote $(ls "$out")"
