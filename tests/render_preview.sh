#!/bin/sh
# Render a report folder's DOCX to PDF and PNG pages for a visual check on Linux.
# Usage: tests/render_preview.sh REPORT_DIR [OUT_DIR]   (needs soffice and pdftoppm)
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
report=${1:?usage: $0 REPORT_DIR [OUT_DIR]}
out=${2:-/tmp/tui-preview}
mkdir -p "$out"
name=$(basename "$report")
"$here/.venv/bin/tui" export "$report" --format docx --force -o "$out/$name.docx"
FONTCONFIG_FILE="$here/exporters/preview-fonts.conf" \
  soffice --headless -env:UserInstallation="file://$out/lo-profile" \
  --convert-to pdf --outdir "$out" "$out/$name.docx" >/dev/null
pdftoppm -png -r "${DPI:-60}" "$out/$name.pdf" "$out/$name-page"
ls "$out"/"$name"-page*.png
