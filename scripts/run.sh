#!/usr/bin/env bash
# First README command: install what is needed, build, and start Inference Quickstart Studio on the
# embedded catalog. Extra arguments go to iqstudio (e.g. --screenshot out.png).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DIQ_BUILD_TESTS=OFF -DIQ_BUILD_BENCH=OFF >/dev/null
cmake --build build --parallel 2 --target iq iqstudio
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "No display found: starting with QT_QPA_PLATFORM=offscreen" >&2
  export QT_QPA_PLATFORM=offscreen
fi
exec build/app/iqstudio "$@"
