#!/usr/bin/env bash
# Installs what the portal needs on a Debian machine, only what is missing:
#   scripts/bootstrap.sh          runtime needs (Pango, HarfBuzz subsetter, CJK fonts, virtualenv)
#   scripts/bootstrap.sh --test   plus test needs (Chromium, PostgreSQL, Redis, Maven/JDK)
# Safe to run again: it checks before it installs.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

runtime_pkgs=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fontconfig fonts-noto-cjk
              python3-venv sqlite3 gettext)
test_pkgs=(chromium chromium-driver postgresql redis-server maven openjdk-17-jdk-headless)

pkgs=("${runtime_pkgs[@]}")
[ $want_test = 1 ] && pkgs+=("${test_pkgs[@]}")

missing=()
for p in "${pkgs[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# A JDK from elsewhere (e.g. a preinstalled Temurin) is as good as Debian's.
if [ $want_test = 1 ] && command -v javac >/dev/null && command -v mvn >/dev/null; then
    filtered=()
    for p in "${missing[@]}"; do
        case "$p" in maven|openjdk-17-jdk-headless) ;; *) filtered+=("$p") ;; esac
    done
    missing=("${filtered[@]+"${filtered[@]}"}")
fi
# Node.js from elsewhere (e.g. a preinstalled one) is as good as Debian's.
if [ $want_test = 1 ] && ! command -v npm >/dev/null; then
    missing+=(nodejs npm)
fi
if [ ${#missing[@]} -gt 0 ]; then
    echo "==> Installing Debian packages: ${missing[*]}"
    SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    echo "==> Creating virtual environment .venv"
    "$PY" -m venv .venv
fi
extra=""; [ $want_test = 1 ] && extra="[test]"
stamp=".venv/.installed${extra:+-test}"
# requirements.lock pins every package (scripts/lock.sh writes it): the same versions on
# every machine. pyproject.toml keeps the ranges the project supports.
digest=$(cat pyproject.toml requirements.lock | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
    echo "==> Installing the project into .venv"
    .venv/bin/python -m pip install -q --upgrade pip
    .venv/bin/python -m pip install -q -c requirements.lock -e ".${extra}"
    echo "$digest" > "$stamp"
fi

if [ $want_test = 1 ]; then
    lock_digest=$(sha256sum package-lock.json | cut -d' ' -f1)
    if [ ! -f node_modules/.installed ] || [ "$(cat node_modules/.installed)" != "$lock_digest" ]; then
        echo "==> Installing browser test tools (npm ci)"
        npm ci --no-audit --no-fund --silent
        echo "$lock_digest" > node_modules/.installed
    fi
fi
