#!/usr/bin/env bash
# Installs what kznews needs from the system when it is missing: redis-server (the daemon's queue, and the
# tests' real Redis) and Chromium (pages that need a browser). Debian/Ubuntu via apt-get; elsewhere it says
# what to install and stops.
set -euo pipefail
need=()
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)
if [[ -z "${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-}" ]] && ! command -v chromium >/dev/null 2>&1 \
  && ! command -v chromium-browser >/dev/null 2>&1 && ! command -v google-chrome >/dev/null 2>&1; then
  need+=(chromium)
fi
((${#need[@]})) || exit 0
if ! command -v apt-get >/dev/null 2>&1; then
  echo "kznews needs: ${need[*]}. Install them with your package manager (or set PLAYWRIGHT_CHROMIUM_EXECUTABLE to a Chrome/Chromium binary)." >&2
  exit 1
fi
sudo=()
[[ "$(id -u)" == 0 ]] || sudo=(sudo)
echo "Installing ${need[*]} with apt-get…" >&2
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
