#!/usr/bin/env bash
# Authentication benchmark (issues 3 and 13), side by side with the reference application
# of bench/reference/ (a minimal Spring Boot + Security app that checks an opaque bearer
# token with SHA-256 and an in-memory map; ../shared/BENCH.md). Both start fresh, Gatehouse
# on an H2 database with a user and a personal access token; every endpoint of both is
# driven once per round with wrk on loopback, ROUNDS rounds, each run preceded by a
# thrown-away warm-up. Prints every run (req/s, p99, server CPU per request, database
# statements per request), the medians, and the same-round ratios against the reference.
#
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/run.sh      # what docs/performance.md quotes
#   ROUNDS=3 DURATION=20s WARMUP=10s PREWARM=90s bench/run.sh
#   SERVER_JVM_OPTS=-XX:AOTCache=gatehouse.aot bench/run.sh        # see docs/performance.md
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}
# The JIT needs minutes of load to settle on 2 cores: every endpoint is driven this long
# once, thrown away, before the measured rounds.
PREWARM=${PREWARM:-90s}
PORT=${PORT:-18080}
REFERENCE_PORT=${REFERENCE_PORT:-18090}
BASE="http://127.0.0.1:$PORT"
REF="http://127.0.0.1:$REFERENCE_PORT"
. bench/server.sh

if ! command -v wrk >/dev/null; then
  echo "Installing wrk from Debian..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
gatehouse_jar
REFERENCE_JAR=bench/reference/target/bench-reference-1.jar
[ -f "$REFERENCE_JAR" ] || (cd bench/reference && mvn -q -DskipTests package)

WORK=$(mktemp -d)
REFERENCE_PID=""
cleanup() {
  stop_server
  [ -n "$REFERENCE_PID" ] && kill "$REFERENCE_PID" 2>/dev/null
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== $("$JAVA" -version 2>&1 | head -1) on $(nproc) cores; jar $(basename "$JAR"); ${SERVER_JVM_OPTS:-no extra JVM options}"
REFERENCE_TOKEN=ref_$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
"$JAVA" -Xms64m -Xmx512m ${SERVER_JVM_OPTS_REFERENCE:-} -jar "$REFERENCE_JAR" --server.port="$REFERENCE_PORT" \
  --spring.threads.virtual.enabled=true --reference.tokens="$REFERENCE_TOKEN" > "$WORK/reference.log" 2>&1 &
REFERENCE_PID=$!
start_server "$WORK" "$PORT" --spring.threads.virtual.enabled=true
for _ in $(seq 1 60); do curl -sf "$REF/health" >/dev/null && break; sleep 0.5; done

bench_user "$BASE"
METRICS_TOKEN=$(curl -sf -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' -d '{"Name": "metrics"}' \
  "$BASE/api/v1/AccessTokens?format=json" | python3 -c "import json, sys; print(json.load(sys.stdin)['Token'])")

# Database work: every JDBC statement the server runs, counted where it is prepared.
statements() {
  curl -sf -H "Authorization: Bearer $METRICS_TOKEN" "$BASE/actuator/prometheus" \
    | awk '/^gatehouse_jdbc_statements_total/ { sum += $2 } END { printf "%d", sum }'
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

run() { # name, pid, wrk arguments...
  local name=$1 pid=$2; shift 2
  wrk -t2 -c50 -d"$WARMUP" "$@" >/dev/null 2>&1
  local db_before cpu_before out cpu_after db_after
  db_before=$(statements); cpu_before=$(cpu_ticks "$pid")
  out=$(wrk -t2 -c50 -d"$DURATION" --latency "$@")
  cpu_after=$(cpu_ticks "$pid"); db_after=$(statements)
  local rps p99 requests non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
  requests=$(echo "$out" | awk '/requests in/ { print $1 }')
  non2xx=$(echo "$out" | awk '/Non-2xx/ { print $5 }')
  [ "$pid" = "$REFERENCE_PID" ] && db_after=$db_before
  echo "$ROUND $name $rps $p99 $requests $((cpu_after - cpu_before)) $((db_after - db_before)) ${non2xx:-0}" >> "$WORK/results"
  printf '   %-14s %10s req/s  p99 %-9s  %5.0f µs CPU  non-2xx %-8s\n' "$name" "$rps" "$p99" \
    "$(echo "($cpu_after - $cpu_before) * 1000000 / $(getconf CLK_TCK) / $requests" | bc -l)" "${non2xx:-0}"
}

LOGGED_USER="$BASE/api/v1/Users/LoggedUser?format=json"
endpoints() { # the runs of one round, or of the pre-warm
  run r-health "$REFERENCE_PID" "$REF/health"
  run r-bearer "$REFERENCE_PID" -H "Authorization: Bearer $REFERENCE_TOKEN" "$REF/me"
  run r-badtoken "$REFERENCE_PID" -H "Authorization: Bearer garbage-token-value" "$REF/me"
  run a-health "$SERVER_PID" "$BASE/actuator/health/liveness"
  run b-bearer "$SERVER_PID" -H "Authorization: Bearer $TOKEN" "$LOGGED_USER"
  run c-param "$SERVER_PID" "$LOGGED_USER&access_token=$TOKEN"
  run d-badtoken "$SERVER_PID" -s bench/bad-tokens.lua "$LOGGED_USER"
  run e-basic "$SERVER_PID" -H "$BASIC" "$LOGGED_USER"
}

STARTED=$(date +%s)
echo "-- pre-warming every endpoint for $PREWARM (thrown away)"
ROUND=0 DURATION=$PREWARM WARMUP=1s endpoints > /dev/null
: > "$WORK/results"
for ROUND in $(seq 1 "$ROUNDS"); do
  echo "-- round $ROUND, $(( $(date +%s) - STARTED )) s after the pre-warm began (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  endpoints
done

python3 - "$WORK/results" "$(getconf CLK_TCK)" <<'PY'
import sys, statistics
rows = [line.split() for line in open(sys.argv[1])]
ticks = int(sys.argv[2])
def ms(v):
    return float(v[:-2]) if v.endswith('ms') else float(v[:-2]) / 1000 if v.endswith('us') else float(v[:-1]) * 1000
by = {}
for r, name, rps, p99, n, cpu, db, non2xx in rows:
    by.setdefault(name, []).append(dict(round=r, rps=float(rps), p99=ms(p99), n=int(n), cpu=int(cpu), db=int(db), non2xx=int(non2xx)))
print()
print("| endpoint | median req/s | median p99 | CPU per request | DB statements per request | non-2xx |")
print("|---|---|---|---|---|---|")
for name, runs in sorted(by.items()):
    cpu = statistics.median(x['cpu'] * 1e6 / ticks / x['n'] for x in runs)
    db = sum(x['db'] for x in runs) / sum(x['n'] for x in runs)
    print(f"| {name} | {statistics.median(x['rps'] for x in runs):,.0f} | {statistics.median(x['p99'] for x in runs):.2f} ms | {cpu:.0f} µs | {db:.6f} | {sum(x['non2xx'] for x in runs)} |")
print()
rounds = sorted({x['round'] for runs in by.values() for x in runs})
def rps(name, r):
    return next(x['rps'] for x in by[name] if x['round'] == r)
for label, a, b, target in [("bearer / reference bearer", 'b-bearer', 'r-bearer', "≥ 0.85"),
                            ("health / reference health", 'a-health', 'r-health', ""),
                            ("Basic / bearer", 'e-basic', 'b-bearer', "≥ 0.90"),
                            ("bad tokens / bearer", 'd-badtoken', 'b-bearer', "≥ 1.20"),
                            ("reference bad token / reference bearer", 'r-badtoken', 'r-bearer', "")]:
    ratios = [rps(a, r) / rps(b, r) for r in rounds]
    print(f"{label} per round: {', '.join(f'{v:.2f}' for v in ratios)}; median {statistics.median(ratios):.2f} {target}")
PY
