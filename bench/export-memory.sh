#!/usr/bin/env bash
# Memory of the CSV export on PostgreSQL (issue 11, item 6): the server's heap while it
# streams every WorkLogs row of 1,000,000 time entries, beside the same export of one
# day (about 1,400 rows) in the same run. Flat memory means the two peaks are alike.
# With REFERENCE_COMMIT set, the jar of that commit is measured too, interleaved, on the
# same database (e.g. the commit before the fix, which set no fetch size).
#
# It starts its own PostgreSQL from the binaries the test suite's embedded PostgreSQL
# extracted (or PG_BIN), as root through `unshare -U` as zonky does.
#
#   bench/export-memory.sh
#   REFERENCE_COMMIT=ad3cc03 ROUNDS=3 bench/export-memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ENTRIES=${ENTRIES:-1000000}
ROUNDS=${ROUNDS:-3}
PORT=${PORT:-18083}
PG_PORT=${PG_PORT:-15432}
HEAP=${HEAP:-512m}
. bench/server.sh
gatehouse_jar
NEW_JAR=$JAR

WORK=$(mktemp -d)
cleanup() { stop_server; stop_postgres "$WORK"; rm -rf "$WORK"; }
trap cleanup EXIT

start_postgres "$WORK" "$PG_PORT"
echo "== $("$JAVA" -version 2>&1 | head -1) on $(nproc) cores; $DATABASE; load $(cut -d' ' -f1-3 /proc/loadavg)"

# The organisation and 1,000,000 entries, with bench/reporting.sh's seeding.
start_server "$WORK" "$PORT"
python3 bench/reporting.py setup 127.0.0.1 "$PORT" "$ADMIN_PASSWORD" "$WORK/state.json" >/dev/null
stop_server
read -r FIRST_USER USERS FIRST_STORY STORIES < <(python3 -c "import json; s = json.load(open('$WORK/state.json')); print(s['firstUser'], s['users'], s['firstStory'], s['stories'])")
(cd "$WORK" && unzip -q -o -j "$JAR" 'BOOT-INF/lib/h2-*.jar' 'BOOT-INF/lib/postgresql-*.jar' -d lib)
cat > "$WORK/seed.sql" <<SQL
insert into time_entries (user_id, user_story_id, entry_date, spent, description, billable, create_date, modify_date)
select $FIRST_USER + (n % $USERS), $FIRST_STORY + ((n / 7) % $STORIES), current_date - (n % 730)::int,
       0.25 + (n % 3) * 0.25, 'seeded entry', (n % 4) = 0, current_timestamp, current_timestamp
from generate_series(1, $ENTRIES) as g(n);
analyze;
SQL
"$JAVA" -cp "$WORK/lib/*" org.h2.tools.RunScript -url "$GATEHOUSE_DB_URL" -user postgres -password "" \
  -script "$WORK/seed.sql" -driver org.postgresql.Driver
echo "seeded $ENTRIES time entries"

JARS=("$NEW_JAR")
if [ -n "${REFERENCE_COMMIT:-}" ]; then
  git worktree add -q --detach "$WORK/reference" "$REFERENCE_COMMIT"
  (cd "$WORK/reference" && mvn -q -o -DskipTests -Dspring-javaformat.skip=true -Djacoco.skip=true package)
  JARS+=("$(ls "$WORK"/reference/target/gatehouse-*.jar | grep -v original | head -1)")
fi

# Peak heap in use (young + old, KB) while one export runs, sampled by jstat every 50 ms.
export_peak() {
  local query=$1 sampler bytes peak
  "${JAVA%java}jstat" -gc "$SERVER_PID" 50 > "$WORK/jstat.log" 2>/dev/null &
  sampler=$!
  bytes=$(curl -s -u "admin:$ADMIN_PASSWORD" "http://127.0.0.1:$PORT/api/v1/Reporting/WorkLogs.csv$query" | wc -c)
  sleep 0.2
  kill "$sampler" 2>/dev/null || true
  wait "$sampler" 2>/dev/null || true
  peak=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = $3 + $4 + $6 + $8; if (used > max) max = used } END { printf "%d", max / 1024 }' "$WORK/jstat.log")
  echo "$bytes $peak"
}

ONE_DAY=$(date -u -d yesterday +%F)
for round in $(seq 1 "$ROUNDS"); do
  for jar in "${JARS[@]}"; do
    JAR=$jar
    SERVER_JVM_OPTS="-Xmx$HEAP" start_server "$WORK" "$PORT"
    label=$([ "$jar" = "$NEW_JAR" ] && echo "this commit" || echo "reference $REFERENCE_COMMIT")
    read -r day_bytes day_peak < <(export_peak "?from=$ONE_DAY&to=$ONE_DAY")
    read -r all_bytes all_peak < <(export_peak "")
    rss=$(awk '/VmHWM/ { printf "%d", $2 / 1024 }' "/proc/$SERVER_PID/status")
    echo "round $round, $label: one day $((day_bytes / 1024)) KB of CSV, heap peak ${day_peak} MB;" \
      "all $((all_bytes / 1024 / 1024)) MB of CSV, heap peak ${all_peak} MB; process peak RSS ${rss} MB"
    stop_server
  done
done
