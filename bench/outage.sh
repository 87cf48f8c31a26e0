#!/usr/bin/env bash
# The database goes away under load (issue 15, docs/reliability.md): Gatehouse on a
# PostgreSQL of its own, a light mixed load (token reads, Basic, feed pages, pages,
# uploads, a revoked token), PostgreSQL stopped for OUTAGE seconds (pg_ctl stop -m fast)
# and started again. Prints requests by phase and status, then PASS or FAIL per promise;
# exits non-zero on any FAIL.
#
#   bench/outage.sh            # OUTAGE=30 BEFORE=15 AFTER=20 THREADS=4
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/server.sh

OUTAGE=${OUTAGE:-30} BEFORE=${BEFORE:-15} AFTER=${AFTER:-20} THREADS=${THREADS:-4}
PORT=${PORT:-18480} PG_PORT=${PG_PORT:-18432} RECOVERY_LIMIT=5
WORK=$(mktemp -d /tmp/gatehouse-outage.XXXXXX)
trap 'stop_server; pg pg_ctl -D "$WORK/db" -m immediate stop >/dev/null 2>&1 || true' EXIT

gatehouse_jar
start_postgres "$WORK" "$PG_PORT"
start_server "$WORK" "$PORT"
BASE="http://127.0.0.1:$PORT"
python3 bench/faults.py setup "$BASE" "$ADMIN_PASSWORD" "$WORK/state.json"

probe() { curl -s -o /dev/null -w '%{http_code}' "$BASE/actuator/health/$1"; }
pending() {
  curl -s -u "admin:$ADMIN_PASSWORD" "$BASE/actuator/prometheus" | awk '/^gatehouse_batches_pending/ {sum += $2} END {print sum + 0}'
}

echo "before $(date +%s.%N)" > "$WORK/phases"
python3 bench/faults.py load "$BASE" "$ADMIN_PASSWORD" "$WORK/state.json" $((BEFORE + OUTAGE + AFTER)) "$WORK/requests.jsonl" "$THREADS" &
LOAD=$!
sleep "$BEFORE"
echo "outage $(date +%s.%N)" >> "$WORK/phases"
pg pg_ctl -D "$WORK/db" -m fast stop >/dev/null
sleep 3
READY_DOWN=$(probe readiness) LIVE_DOWN=$(probe liveness)
sleep $((OUTAGE - 6))
PENDING_DOWN=$(pending)
sleep 3
echo "restart $(date +%s.%N)" >> "$WORK/phases"
pg pg_ctl -D "$WORK/db" -o "-p $PG_PORT -k $WORK" -l "$WORK/postgres.log" -w start >/dev/null
echo "back $(date +%s.%N)" >> "$WORK/phases"
wait "$LOAD"
sleep 16   # one last-use flush (15 s) after the load, so every pending batch had its turn
READY_UP=$(probe readiness) PENDING_UP=$(pending)

echo "Gatehouse $(basename "$JAR") on $DATABASE, $THREADS clients, database down ${OUTAGE} s"
status=0
python3 bench/faults.py outage-verdict "$WORK/requests.jsonl" "$WORK/phases" "$RECOVERY_LIMIT" || status=1
check() { if [ "$1" = "$2" ]; then echo "PASS $3"; else echo "FAIL $3 (got $1)"; status=1; fi; }
check "$READY_DOWN" 503 "readiness reports the outage (503)"
check "$LIVE_DOWN" 200 "liveness does not (200)"
check "$READY_UP" 200 "readiness is back (200)"
[ "$PENDING_DOWN" -gt 0 ] && echo "PASS batches waiting during the outage: $PENDING_DOWN rows" \
  || echo "note: no batch was waiting when looked at during the outage"
check "$PENDING_UP" 0 "every waiting batch written after recovery (gatehouse_batches_pending)"
echo "log and figures: $WORK"
exit $status
