#!/usr/bin/env bash
# Render the application icon from its SVG sources into the PNG sizes the platforms need,
# and pack them into icon.ico (Windows) and icon.icns (macOS). The outputs are committed;
# run this again after editing an SVG.
#
#   assets/render.sh
#
# Needs rsvg-convert (Debian: apt-get install librsvg2-bin) and python3.
# icon.svg is the master; icon-small.svg is the same mark redrawn on a 16-pixel grid for the
# two sizes where the master's detail would blur (16 and 32 px).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"
command -v rsvg-convert >/dev/null || { echo "render.sh: needs rsvg-convert: apt-get install librsvg2-bin" >&2; exit 1; }

for size in 16 32 48 64 128 256 512; do
  source=icon.svg
  (( size <= 32 )) && source=icon-small.svg
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio "$source" --output "icon-$size.png"
done
python3 make_icon_containers.py
ls -l icon-*.png icon.ico icon.icns
