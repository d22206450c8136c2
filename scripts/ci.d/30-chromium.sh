#!/usr/bin/env bash
# Installs Debian's Chromium for the web UI's browser tests (Playwright drives /usr/bin/chromium).
# .ci/run runs this as root before ./mvnw verify; running it again changes nothing.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "[30-chromium] $(chromium --version 2>/dev/null || echo chromium) already installed" >&2
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
echo "[30-chromium] installed $(chromium --version 2>/dev/null || echo chromium)" >&2
