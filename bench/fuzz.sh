#!/usr/bin/env bash
# The documented fuzzing run (docs/security.md#fuzzing): each fuzz test in turn, for the
# maxDuration its annotation names (21 minutes in all), then the inputs it executed and
# whether it found anything. Findings land in src/test/resources/…/*FuzzTestsInputs/ as
# crash-… files, which mvn verify then replays.
#
#   bench/fuzz.sh                     # all of them
#   bench/fuzz.sh 'WhereClauseFuzzTests'   # one
set -uo pipefail
cd "$(dirname "$0")/.."
TARGETS=${1:-TokenFormatFuzzTests#parseWhenAnyText* TokenFormatFuzzTests#parseWhenAGenerated* ApiCredentialConverterFuzzTests WhereClauseFuzzTests ReportingFeedFuzzTests#feed*}
LOGS=$(mktemp -d)
echo "== $(java -version 2>&1 | head -1) on $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
for target in $TARGETS; do
  log="$LOGS/$(echo "$target" | tr '#*' '__').log"
  started=$(date +%s)
  JAZZER_FUZZ=1 mvn -q -o test -Dtest="$target" -DskipPostgresTests -Djacoco.skip=true -Dspring-javaformat.skip=true >"$log" 2>&1
  status=$?
  runs=$(grep -aoE 'Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
  [ -n "$runs" ] || runs=$(grep -aoE '^#[0-9]+' "$log" | tail -1 | tr -d '#')" inputs before it stopped"
  verdict=$([ $status -eq 0 ] && echo "no finding" || echo "FINDING or failure, see $log")
  echo "$target: $runs; $(( $(date +%s) - started )) s in all; $verdict"
done
