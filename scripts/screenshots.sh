#!/usr/bin/env bash
# Remake the README's map screenshots (docs/img/*.png) from the bundled samples with
# Debian's headless chromium. Usage: bash scripts/screenshots.sh (from the repository root).
set -euo pipefail
out=docs/img
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cspgraph viz governance --focus "Worcestershire Safer Communities Board" --depth 2 \
  -o "$tmp/gov.html"
cspgraph viz alignment --plan "West Cheshire 2023-24" -o "$tmp/align.html"
cspgraph viz duplicates -o "$tmp/dups.html"
for name in gov align dups; do
  chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --no-first-run --hide-scrollbars --window-size=1400,1100 \
    --virtual-time-budget=15000 --screenshot="$out/$name.png" "file://$tmp/$name.html" \
    2>/dev/null
  echo "wrote $out/$name.png"
done
