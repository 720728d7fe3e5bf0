#!/usr/bin/env bash
# Runs every test: unit tests, the corpus, H2 and embedded PostgreSQL store tests, the real
# James 3.8.1 integration tests over SMTP, and the ops page in headless Chromium.
# Needs JDK 17 and Maven; installs Debian's chromium and chromium-driver when they are missing.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    echo "[test] installing Debian's chromium and chromium-driver for the ops page test"
    sudo_cmd=""
    if [ "$(id -u)" != "0" ]; then sudo_cmd="sudo"; fi
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi

exec mvn -B -ntp verify "$@"
