#!/usr/bin/env bash
# Builds the benchmarks in Release mode and runs them; prints medians. See docs/benchmarks.md.
# Usage: scripts/bench.sh [NAME_REGEX]   (default: every bench/bench_*.cpp)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release -DIQ_BUILD_TESTS=OFF >/dev/null
cmake --build build-bench --parallel 2
filter="${1:-.}"
export IQ_CLI="$PWD/build-bench/app/iq"
export QT_QPA_PLATFORM=offscreen
for exe in build-bench/bench/bench_*; do
  name=$(basename "$exe")
  [[ "$name" =~ $filter ]] || continue
  echo "== $name"
  if grep -q "QBENCHMARK" "bench/$name.cpp"; then
    "$exe" -median 9 2>&1 | grep -E "RESULT|msecs|PASS|FAIL|^ +[0-9]" || true
  else
    "$exe"
  fi
done
