#!/usr/bin/env bash
# Regenerates the README's screenshots with the app's own --screenshot (offscreen, 1600x1000),
# and every lesson at 1280x720 for docs/SCREENS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
export QT_QPA_PLATFORM=offscreen
out=resources/screenshots
mkdir -p "$out"
reluplay --screenshot "$out/main-window.png" universal-approximation --train-steps 1500
reluplay --screenshot "$out/relu-in-action.png" relu-in-action
reluplay --screenshot "$out/presentation.png" --presentation dead-unit --train-steps 300
echo "wrote $(ls "$out")"
# Every lesson (one and two inputs) at a 1280x720 projector's size, normal window and presentation mode (F5), for docs/SCREENS.md.
small=docs/screenshots
mkdir -p "$small"
for lesson in $(reluplay presets | awk '{print $1}'); do
  reluplay --screenshot "$small/$lesson-1280x720.png" --size 1280x720 "$lesson"
  reluplay --screenshot "$small/$lesson-1280x720-presentation.png" --size 1280x720 --presentation "$lesson"
done
# The README's "Two inputs" picture: Circle after 300 steps (the hexagon of folds around the disc).
reluplay --screenshot "$small/two-inputs-circle-trained.png" --size 1280x720 circle --train-steps 300
echo "wrote $(ls "$small" | wc -l) screenshots in $small"
