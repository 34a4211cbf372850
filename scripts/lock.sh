#!/usr/bin/env bash
# Writes requirements.lock: the exact version of every package that the project and its
# tests install, resolved in a fresh virtual environment from pyproject.toml's ranges.
# Run it after changing a dependency in pyproject.toml, and commit both files.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
# setuptools builds inside the source tree: remove its build/ folder as well.
trap 'rm -rf "$tmp" build' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install -q --upgrade pip
"$tmp/venv/bin/python" -m pip install -q ".[test]"
{
    echo "# Exact versions for scripts/bootstrap.sh (pip install -c requirements.lock)."
    echo "# Written by scripts/lock.sh from pyproject.toml's ranges: do not edit by hand."
    "$tmp/venv/bin/python" -m pip freeze --exclude bureau-portal | LC_ALL=C sort -f
} > requirements.lock
echo "requirements.lock: $(grep -vc '^#' requirements.lock) packages"
