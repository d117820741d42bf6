#!/usr/bin/env bash
# **test-setup** — installs the Debian packages the tests need, if missing (apt-get; sudo when not root).
#   chromium, fonts-wqy-microhei, fonts-dejavu-core   the viewer tests drive headless Chromium; CJK needs a font
#   raptor2-utils, python3-rdflib                     independent parsers (C, Python) cross-check our RDF
#   virtuoso-opensource                               `xckg push` is tested against a real triple store
set -euo pipefail

packages=(chromium fonts-wqy-microhei fonts-dejavu-core raptor2-utils python3-rdflib virtuoso-opensource)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]} == 0)); then
  echo "test-setup: all present (${packages[*]})"
  exit 0
fi
if ! command -v apt-get >/dev/null; then
  echo "test-setup: missing ${missing[*]}, and no apt-get to install them (the tests expect Debian or Ubuntu)" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "test-setup: missing ${missing[*]}; run as root or install sudo" >&2; exit 1; }
  SUDO="sudo"
fi
echo "test-setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
start=$(date +%s)
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "test-setup: installed ${missing[*]} in $(($(date +%s) - start)) s"
