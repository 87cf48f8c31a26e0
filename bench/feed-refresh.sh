#!/usr/bin/env bash
# A full refresh of the Reporting feed (issue 13): every WorkLogs row read the way Excel
# and Power BI refresh a feed (following @odata.nextLink to the end), against the CSV
# export of the same rows in the same run, at 400,000 and then 1,000,000 time entries.
# Target: the feed within 3x the export, and time growing linearly with the rows.
#
# Creates the organisation through the API as bench/reporting.sh does, then seeds the
# entries by SQL in two steps (the server stopped), each followed by ROUNDS interleaved
# rounds of feed and export. DB=postgresql starts its own PostgreSQL from the binaries the
# test suite's embedded PostgreSQL extracted (or PG_BIN), as bench/export-memory.sh does.
#
#   bench/feed-refresh.sh
#   DB=postgresql ROUNDS=3 bench/feed-refresh.sh
#   STEPS="100000 400000" bench/feed-refresh.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DB=${DB:-h2}
STEPS=${STEPS:-400000 1000000}
ROUNDS=${ROUNDS:-2}
PORT=${PORT:-18084}
PG_PORT=${PG_PORT:-15433}
. bench/server.sh
gatehouse_jar

WORK=$(mktemp -d)
chmod 777 "$WORK"
pg() { if [ "$(id -u)" -eq 0 ]; then unshare -U "$PG_BIN/$1" "${@:2}"; else "$PG_BIN/$1" "${@:2}"; fi; }
cleanup() {
  stop_server
  [ -f "$WORK/db/postmaster.pid" ] && kill "$(head -1 "$WORK/db/postmaster.pid")" 2>/dev/null || true
  sleep 1
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "$DB" = postgresql ]; then
  PG_BIN=${PG_BIN:-$(ls -d "${TMPDIR:-/tmp}"/embedded-pg/PG-*/bin 2>/dev/null | head -1)}
  [ -x "$PG_BIN/postgres" ] || { echo "no PostgreSQL binaries: run mvn verify once, or set PG_BIN" >&2; exit 1; }
  pg initdb -D "$WORK/db" -U postgres -A trust -E UTF8 >/dev/null
  pg pg_ctl -D "$WORK/db" -o "-p $PG_PORT -k $WORK" -l "$WORK/postgres.log" -w start >/dev/null
  export GATEHOUSE_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/postgres" GATEHOUSE_DB_USER=postgres GATEHOUSE_DB_PASSWORD=
  DATABASE="PostgreSQL $("$PG_BIN/postgres" --version | cut -d' ' -f3)"
else
  export GATEHOUSE_DB_URL="jdbc:h2:file:$WORK/data/gatehouse" GATEHOUSE_DB_USER=gatehouse GATEHOUSE_DB_PASSWORD=
  DATABASE="H2 file database"
fi
echo "== $("$JAVA" -version 2>&1 | head -1) on $(nproc) cores; jar $(basename "$JAR"); $DATABASE; load $(cut -d' ' -f1-3 /proc/loadavg)"

start_server "$WORK" "$PORT"
python3 bench/reporting.py setup 127.0.0.1 "$PORT" "$ADMIN_PASSWORD" "$WORK/state.json"
stop_server
read -r FIRST_USER USERS FIRST_STORY STORIES < <(python3 -c "import json; s = json.load(open('$WORK/state.json')); print(s['firstUser'], s['users'], s['firstStory'], s['stories'])")
(cd "$WORK" && unzip -q -o -j "$JAR" 'BOOT-INF/lib/h2-*.jar' 'BOOT-INF/lib/postgresql-*.jar' -d lib)

SEEDED=0
for step in $STEPS; do
  # The entries from SEEDED+1 to step, with bench/reporting.sh's spread.
  if [ "$DB" = postgresql ]; then
    ROWS="generate_series($((SEEDED + 1)), $step) as g(n)"; DAY="current_date - (n % 730)::int"
  else
    ROWS="system_range($((SEEDED + 1)), $step) as g(n)"; DAY="dateadd('DAY', -(n % 730), current_date)"
  fi
  cat > "$WORK/seed.sql" <<SQL
insert into time_entries (user_id, user_story_id, entry_date, spent, description, billable, create_date, modify_date)
select $FIRST_USER + (n % $USERS), $FIRST_STORY + ((n / 7) % $STORIES), $DAY, 0.25 + (n % 3) * 0.25,
       'seeded entry', (n % 4) = 0, current_timestamp, current_timestamp
from $ROWS;
SQL
  [ "$DB" = postgresql ] && echo "analyze;" >> "$WORK/seed.sql"
  "$JAVA" -cp "$WORK/lib/*" org.h2.tools.RunScript -url "$GATEHOUSE_DB_URL" -user "$GATEHOUSE_DB_USER" -password "" \
    -script "$WORK/seed.sql" $([ "$DB" = postgresql ] && echo -driver org.postgresql.Driver)
  SEEDED=$step
  start_server "$WORK" "$PORT"
  echo "-- $step time entries; load $(cut -d' ' -f1-3 /proc/loadavg)"
  python3 bench/reporting.py refresh 127.0.0.1 "$PORT" "$ADMIN_PASSWORD" "$WORK/state.json" "$ROUNDS" "$SERVER_PID"
  stop_server
done
