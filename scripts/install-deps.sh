#!/usr/bin/env bash
# Installs every build, run and test dependency of Inference Quickstart Studio on Debian 12 (bookworm),
# by apt package name. Safe to run repeatedly: it only calls apt when a package is missing.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git
  qt6-base-dev qt6-base-dev-tools qt6-charts-dev qt6-svg-dev qt6-l10n-tools qt6-tools-dev qt6-tools-dev-tools
  qt6-translations-l10n libqt6svg6 qt6-qpa-plugins libgl-dev
  libyaml-cpp-dev zlib1g-dev
  clang-format
  fonts-noto-cjk fonts-dejavu-core
  python3 python3-kubernetes
  hyperfine
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "Installing: ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# kubectl is needed by the manifest and deploy tests. Debian 12 does not package it; when it is not on the
# PATH already, take it from the kubernetes-client package where the machine's apt sources carry one.
if ! command -v kubectl >/dev/null 2>&1; then
  echo "note: kubectl not found on PATH; tests that need it will be skipped" >&2
fi
