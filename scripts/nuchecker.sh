#!/usr/bin/env bash
# The W3C Nu Html Checker from Maven Central (needs Java 17 and Maven). The first run
# copies its jars into nuchecker/target/lib/ (see nuchecker/pom.xml); later runs reuse them.
#
#   scripts/nuchecker.sh --format json --errors-only page1.html page2.html
#   scripts/nuchecker.sh build                  only fetch the jars
#
# Every argument is passed to the checker's command line (`--help` lists them).
set -euo pipefail
# No cd: file arguments stay relative to the caller's directory.
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LIB="$ROOT/nuchecker/target/lib"
if [ ! -f "$LIB/.complete" ]; then
    (cd "$ROOT/nuchecker" && mvn -q -B package) >&2
    touch "$LIB/.complete"
fi
[ "${1:-}" = "build" ] && exit 0
exec java -Xss8m -Xmx512m -cp "$LIB/*" nu.validator.client.SimpleCommandLineValidator "$@"
