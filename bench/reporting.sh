#!/usr/bin/env bash
# Reporting API benchmark (issue 5): one month's hours by project for a user with
# restricted project access, read through the service account, with 1,000,000 time
# entries. Starts the packaged server on a fresh H2 database (or GATEHOUSE_DB_URL, an
# empty PostgreSQL database), creates 20 projects, 200 stories and 100 users through the
# API, stops it, seeds the time entries by SQL (two years, about 14 entries a user a day),
# starts it again and times the report. Target: under 1 s.
#
#   bench/reporting.sh
#   ENTRIES=1000000 WARMUP=10 SAMPLES=30 bench/reporting.sh
#   GATEHOUSE_DB_URL=jdbc:postgresql://127.0.0.1:5432/bench GATEHOUSE_DB_USER=bench bench/reporting.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ENTRIES=${ENTRIES:-1000000}
WARMUP=${WARMUP:-10}
SAMPLES=${SAMPLES:-30}
PORT=${PORT:-18082}
. bench/server.sh
gatehouse_jar

WORK=$(mktemp -d)
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT

DB_URL=${GATEHOUSE_DB_URL:-jdbc:h2:file:$WORK/data/gatehouse}
echo "== $("$JAVA" -version 2>&1 | head -1) on $(nproc) cores; jar $(basename "$JAR"); ${GATEHOUSE_DB_URL:-H2 file database}; load $(cut -d' ' -f1-3 /proc/loadavg)"
start_server "$WORK" "$PORT"
python3 bench/reporting.py setup 127.0.0.1 "$PORT" "$ADMIN_PASSWORD" "$WORK/state.json"
stop_server

# The seed: generated rows, spread over users, stories and the last 730 days.
read -r FIRST_USER USERS FIRST_STORY STORIES < <(python3 -c "import json; s = json.load(open('$WORK/state.json')); print(s['firstUser'], s['users'], s['firstStory'], s['stories'])")
if [[ "$DB_URL" == jdbc:postgresql:* ]]; then
  ROWS="generate_series(1, $ENTRIES) as g(n)"
  DAY="current_date - (n % 730)::int"
else
  ROWS="system_range(1, $ENTRIES) as g(n)"
  DAY="dateadd('DAY', -(n % 730), current_date)"
fi
cat > "$WORK/seed.sql" <<SQL
insert into time_entries (user_id, user_story_id, entry_date, spent, description, billable, create_date, modify_date)
select $FIRST_USER + (n % $USERS), $FIRST_STORY + ((n / 7) % $STORIES), $DAY, 0.25 + (n % 3) * 0.25,
       'seeded entry', (n % 4) = 0, current_timestamp, current_timestamp
from $ROWS;
SQL
[[ "$DB_URL" == jdbc:postgresql:* ]] && echo "analyze;" >> "$WORK/seed.sql"
(cd "$WORK" && unzip -q -o -j "$JAR" 'BOOT-INF/lib/h2-*.jar' 'BOOT-INF/lib/postgresql-*.jar' -d lib)
SEEDED=$(date +%s)
"$JAVA" -cp "$WORK/lib/*" org.h2.tools.RunScript -url "$DB_URL" -user "${GATEHOUSE_DB_USER:-gatehouse}" \
  -password "${GATEHOUSE_DB_PASSWORD:-}" -script "$WORK/seed.sql" \
  $([[ "$DB_URL" == jdbc:postgresql:* ]] && echo -driver org.postgresql.Driver)
echo "seeded $ENTRIES time entries by SQL in $(( $(date +%s) - SEEDED )) s"

start_server "$WORK" "$PORT"
python3 bench/reporting.py measure 127.0.0.1 "$PORT" "$ADMIN_PASSWORD" "$WORK/state.json" "$WARMUP" "$SAMPLES"
