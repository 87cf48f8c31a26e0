#!/usr/bin/env bash
# A soak (issue 15, docs/reliability.md): one node on PostgreSQL, its capacity measured
# with wrk on a realistic mix (bench/soak-mix.lua), then MINUTES minutes at SHARE % of it.
# Every minute: a full GC, then the heap in use, the threads, the open files and the
# database connections. Prints the curve and PASS or FAIL: no error, heap after full GC
# flat within 10% from minute 2 to the end, no growth in threads, files or connections.
#
#   bench/soak.sh        # MINUTES=10 SHARE=80, server on Temurin 25 with virtual threads
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/server.sh

MINUTES=${MINUTES:-10} SHARE=${SHARE:-80} CONNECTIONS=${CONNECTIONS:-50}
PORT=${PORT:-18680} PG_PORT=${PG_PORT:-18632}
SERVER_JAVA_HOME=${SERVER_JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=$(mktemp -d /tmp/gatehouse-soak.XXXXXX)
trap 'stop_server; pg pg_ctl -D "$WORK/db" -m immediate stop >/dev/null 2>&1 || true' EXIT
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }

gatehouse_jar
start_postgres "$WORK" "$PG_PORT"
JAVA=$SERVER_JAVA_HOME/bin/java start_server "$WORK" "$PORT" --spring.threads.virtual.enabled=true
BASE="http://127.0.0.1:$PORT"
bench_user "$BASE"
export TOKEN BASIC_AUTH="Basic $(printf 'bench:bench-password-1' | base64)"
export PROJECT="SOAK$RANDOM"
export PROJECT_ID=$(curl -sf -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' -H 'Accept: application/json' \
  -d "{\"Key\": \"$PROJECT\", \"Name\": \"Soak\"}" "$BASE/api/v1/Projects" | python3 -c "import json, sys; print(json.load(sys.stdin)['Id'])")
BENCH_ID=$(curl -sf -u bench:bench-password-1 -H 'Accept: application/json' "$BASE/api/v1/Users/LoggedUser" | python3 -c "import json, sys; print(json.load(sys.stdin)['Id'])")
curl -sf -o /dev/null -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
  -d "{\"User\": {\"Id\": $BENCH_ID}}" "$BASE/api/v1/Projects/$PROJECT/Members"
export ADMIN_AUTH="Basic $(printf 'admin:%s' "$ADMIN_PASSWORD" | base64)"

mix() { # seconds pause_ms -> "requests/s errors" ; the wrk report in $WORK/wrk.log
  PAUSE_MS=$2 wrk -t2 -c"$CONNECTIONS" -d"$1"s --latency -s bench/soak-mix.lua "$BASE" > "$WORK/wrk.out" 2>&1
  cat "$WORK/wrk.out" >> "$WORK/wrk.log"
  local rate errors
  rate=$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.out")
  errors=$(awk '/Non-2xx or 3xx/ {n += $NF} /Socket errors/ {gsub(",", ""); n += $4 + $6 + $8 + $10} END {print n + 0}' "$WORK/wrk.out")
  echo "$rate $errors"
}
sample() { # minute -> one line of the curve
  "$SERVER_JAVA_HOME/bin/jcmd" "$SERVER_PID" GC.run >/dev/null
  local heap threads files connections
  heap=$("$SERVER_JAVA_HOME/bin/jcmd" "$SERVER_PID" GC.heap_info | awk '/garbage-first heap/ {for (i = 1; i < NF; i++) if ($i == "used") {gsub("K", "", $(i + 1)); print int($(i + 1) / 1024)}}')
  threads=$(awk '/^Threads/ {print $2}' "/proc/$SERVER_PID/status")
  files=$(ls "/proc/$SERVER_PID/fd" | wc -l)
  connections=$(curl -s -u "admin:$ADMIN_PASSWORD" "$BASE/actuator/prometheus" | awk '/^hikaricp_connections\{/ {print int($2)}')
  echo "$1 $heap $threads $files ${connections:-0}"
}

read -r WARM _ <<< "$(mix 30 0)"
read -r CAPACITY CAPACITY_ERRORS <<< "$(mix 30 0)"
TARGET=$(python3 -c "print(round($CAPACITY * $SHARE / 100))")
# Each connection waits PAUSE between answers; one calibration run corrects for latency.
PAUSE=$(python3 -c "print(max(0, round($CONNECTIONS * 1000 / $TARGET)))")
read -r TRIAL _ <<< "$(mix 15 "$PAUSE")"
PAUSE=$(python3 -c "print(max(0, round($PAUSE * $TRIAL / $TARGET)))")
echo "capacity: $CAPACITY req/s (warm-up run $WARM, $CAPACITY_ERRORS errors); target $TARGET req/s ($SHARE%), pause $PAUSE ms per connection"

echo "minute req/s errors heap_after_full_gc_MiB threads open_files db_connections" | tee "$WORK/curve"
for minute in $(seq 1 "$MINUTES"); do
  read -r RATE ERRORS <<< "$(mix 60 "$PAUSE")"
  read -r _ HEAP THREADS FILES CONNS <<< "$(sample "$minute")"
  echo "$minute $RATE $ERRORS $HEAP $THREADS $FILES $CONNS" | tee -a "$WORK/curve"
done

python3 - "$WORK/curve" "$TARGET" <<'PY'
import sys
rows = [line.split() for line in open(sys.argv[1]).readlines()[1:]]
minute = [dict(zip(["m", "rate", "errors", "heap", "threads", "files", "conns"], map(float, r))) for r in rows]
failed = False
def verdict(ok, text):
    global failed
    failed = failed or not ok
    print(("PASS " if ok else "FAIL ") + text)
errors = sum(m["errors"] for m in minute)
verdict(errors == 0, "no error in %d requests" % sum(m["rate"] * 60 for m in minute))
print("     mean rate %.0f req/s against a target of %s" % (sum(m["rate"] for m in minute) / len(minute), sys.argv[2]))
later = [m for m in minute if m["m"] >= 2] or minute
heaps = [m["heap"] for m in later]
# Flat means no growth: never more than 10% above minute 2 (a heap that shrinks leaks nothing).
growth = (max(heaps) - heaps[0]) / heaps[0] if heaps[0] else 0
verdict(growth <= 0.10, "heap after full GC from minute 2 on: %d MiB at minute 2, %d to %d MiB, at most %+.0f%%"
        % (heaps[0], min(heaps), max(heaps), growth * 100))
for name in ("threads", "files", "conns"):
    first, last = later[0][name], later[-1][name]
    peak = max(m[name] for m in later)
    verdict(last <= first * 1.1 + 2, "%s: minute 2 %d, last %d, peak %d" % (name, first, last, peak))
sys.exit(1 if failed else 0)
PY
status=$?
echo "curve and wrk reports: $WORK"
exit $status
