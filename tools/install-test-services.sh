#!/usr/bin/env bash
# Install the Debian packages that the endpoint tests need: Virtuoso (a second SPARQL engine),
# Chromium and ChromeDriver (the browser test). Called by `make test`; safe to run again.
#
# It only acts when something is missing, when it runs as root and when apt-get exists;
# otherwise it says why and exits 0, and the tests that need a missing binary skip.
set -euo pipefail

PACKAGES=(virtuoso-opensource-7-bin chromium chromium-driver)
# One binary per package, to tell quickly whether it is installed.
declare -A BINARY=(
    [virtuoso-opensource-7-bin]=/usr/bin/virtuoso-t
    [chromium]=/usr/bin/chromium
    [chromium-driver]=/usr/bin/chromedriver
)

missing=()
for pkg in "${PACKAGES[@]}"; do
    if [ ! -x "${BINARY[$pkg]}" ]; then
        missing+=("$pkg")
    fi
done

if [ ${#missing[@]} -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-test-services: not root, not installing ${missing[*]} (their tests will skip)" >&2
    exit 0
fi
if ! command -v apt-get > /dev/null 2>&1; then
    echo "install-test-services: no apt-get, not installing ${missing[*]} (their tests will skip)" >&2
    exit 0
fi

echo "install-test-services: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
for pkg in "${missing[@]}"; do
    if [ ! -x "${BINARY[$pkg]}" ]; then
        echo "install-test-services: $pkg installed but ${BINARY[$pkg]} is missing" >&2
        exit 1
    fi
done
