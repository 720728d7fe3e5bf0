#!/usr/bin/env bash
# Runs every test: unit tests, the corpus, H2 and embedded PostgreSQL store tests, the real
# James 3.8.1 integration tests over SMTP, and the ops page in headless Chromium.
# Needs JDK 17 and Maven; installs Debian's chromium and chromium-driver when they are missing.
# The James 3.9 (jakarta) test needs a JDK 21 or newer as well: the newest one under
# /usr/lib/jvm is used (or set JDK21_HOME).
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    echo "[test] installing Debian's chromium and chromium-driver for the ops page test"
    sudo_cmd=""
    if [ "$(id -u)" != "0" ]; then sudo_cmd="sudo"; fi
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium chromium-driver >/dev/null
fi

jdk21="${JDK21_HOME:-}"
if [ -z "$jdk21" ]; then
    for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -V -r); do
        version=$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
        if [ -n "$version" ] && [ "${version%%.*}" -ge 21 ] 2>/dev/null; then
            jdk21="${candidate%/}"
            break
        fi
    done
fi
if [ -z "$jdk21" ]; then
    echo "[test] no JDK 21+ found under /usr/lib/jvm for the James 3.9 test: set JDK21_HOME" >&2
    exit 1
fi
echo "[test] JDK for the James 3.9 test: $jdk21"

exec mvn -B -ntp verify -Djdk21.home="$jdk21" "$@"
