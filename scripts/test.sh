#!/usr/bin/env bash
# Second README command (and what CI runs): install what is needed, build with warnings as errors, check
# the formatting, run every test under ctest, then build and run every test again under ASan+UBSan.
# IQ_SANITIZE=0 skips the sanitizer pass (a quicker local run; CI always runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh

jobs=2
echo "== format check (.clang-format)"
mapfile -t sources < <(git ls-files '*.cpp' '*.h' 2>/dev/null || find app core ui tests bench -name '*.cpp' -o -name '*.h')
clang-format --dry-run --Werror "${sources[@]}"

echo "== build (warnings are errors)"
cmake -S . -B build-ci -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIQ_WERROR=ON >/dev/null
cmake --build build-ci --parallel "$jobs"

echo "== tests"
ctest --test-dir build-ci --output-on-failure --parallel "$jobs" --timeout 600

if [ "${IQ_SANITIZE:-1}" = "1" ]; then
  echo "== ASan+UBSan build and tests"
  # RelWithDebInfo: optimised code keeps the estimator and catalog tests fast under the sanitizers.
  cmake -S . -B build-asan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DIQ_WERROR=ON -DIQ_SANITIZE=ON -DIQ_BUILD_BENCH=OFF >/dev/null
  cmake --build build-asan --parallel "$jobs"
  ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    ctest --test-dir build-asan --output-on-failure --parallel "$jobs" --timeout 900
fi
