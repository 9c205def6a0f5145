#!/usr/bin/env bash
# Makes the photos the filters demo ships (www/data/images/*.png) from the sample data inside
# the scikit-image wheel. Run once; the output is committed. Needs python3 with pip and venv;
# everything temporary goes to a scratch folder that is removed afterwards.
#
#   scripts/make-images.sh
#
# Each photo is downscaled (Lanczos) to at most 256 px on its long side and saved as an optimised
# PNG; grey photos stay single-channel. Sources and licences: www/data/images/LICENSES.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/www/data/images"
SKIMAGE_VERSION="0.26.0"
PILLOW_VERSION="11.1.0"
MAX_SIDE=256
PHOTOS="astronaut camera coffee chelsea brick"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

pip download --quiet --no-deps --only-binary=:all: "scikit-image==$SKIMAGE_VERSION" -d "$TMP/wheel"
(cd "$TMP/wheel" && unzip -q ./*.whl 'skimage/data/*')
python3 -m venv "$TMP/venv"
"$TMP/venv/bin/pip" install --quiet "pillow==$PILLOW_VERSION"

mkdir -p "$OUT"
"$TMP/venv/bin/python" - "$TMP/wheel/skimage/data" "$OUT" "$MAX_SIDE" $PHOTOS <<'PY'
import os, sys
from PIL import Image
src, out, max_side, names = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4:]
for name in names:
    img = Image.open(os.path.join(src, f"{name}.png"))
    img = img.convert("L" if img.mode in ("L", "I", "I;16", "LA") else "RGB")
    scale = max_side / max(img.size)
    if scale < 1:
        img = img.resize((round(img.width * scale), round(img.height * scale)), Image.LANCZOS)
    path = os.path.join(out, f"{name}.png")
    img.save(path, optimize=True)
    print(f"{path}: {img.width}x{img.height} {img.mode}, {os.path.getsize(path)} bytes")
PY
