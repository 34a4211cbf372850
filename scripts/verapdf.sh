#!/usr/bin/env bash
# veraPDF, the reference PDF/A and PDF/UA validator, from Maven Central (needs Java 17 and
# Maven). The first run copies its jars into verapdf/target/lib/ (see verapdf/pom.xml);
# later runs reuse them.
#
#   scripts/verapdf.sh --flavour ua1 --format text report.pdf     validate (exit 0 = pass)
#   scripts/verapdf.sh build                                       only fetch the jars
#
# Every argument is passed to the veraPDF command line (`--help` lists them).
set -euo pipefail
# No cd: file arguments stay relative to the caller's directory.
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
LIB="$ROOT/verapdf/target/lib"
if [ ! -f "$LIB/.complete" ]; then
    (cd "$ROOT/verapdf" && mvn -q -B package) >&2
    touch "$LIB/.complete"
fi
[ "${1:-}" = "build" ] && exit 0
# Logging from the font parser goes to stderr; the verdict goes to stdout.
exec java -Xmx512m -cp "$LIB/*" org.verapdf.apps.GreenfieldCliWrapper "$@"
