#!/usr/bin/env bash
# Authentication benchmark (issue 3). Starts the packaged server on a fresh H2 database,
# seeds a user and a personal access token, then drives it with wrk on loopback, every
# endpoint once per round, ROUNDS rounds, each run preceded by a thrown-away warm-up
# (method: ../shared/BENCH.md). Prints requests/s, p99, server CPU per request and
# database connection uses per request, the medians, and the same-round ratios.
#
#   bench/run.sh                         # default JDK
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/run.sh
#   ROUNDS=3 DURATION=20s WARMUP=10s bench/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}
# The JIT needs minutes of load to settle on 2 cores: every endpoint is driven this long
# once, thrown away, before the measured rounds.
PREWARM=${PREWARM:-30s}
PORT=${PORT:-18080}
BASE="http://127.0.0.1:$PORT"
. bench/server.sh

if ! command -v wrk >/dev/null; then
  echo "Installing wrk from Debian..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
gatehouse_jar

WORK=$(mktemp -d)
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== $("$JAVA" -version 2>&1 | head -1) on $(nproc) cores; jar $(basename "$JAR")"
start_server "$WORK" "$PORT" --spring.threads.virtual.enabled=true
# The java process itself (the subshell exec'd into it).
JAVA_PID=$SERVER_PID

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
curl -sf -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
  -d '{"Login": "bench", "Password": "bench-password-1", "FirstName": "Bench"}' "$BASE/api/v1/Users" >/dev/null
TOKEN=$(curl -sf -u bench:bench-password-1 -H 'Content-Type: application/json' -d '{"Name": "wrk"}' \
  "$BASE/api/v1/AccessTokens?format=json" | json "['Token']")
METRICS_TOKEN=$(curl -sf -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' -d '{"Name": "metrics"}' \
  "$BASE/api/v1/AccessTokens?format=json" | json "['Token']")
LAST=${TOKEN: -1}; if [ "$LAST" = "0" ]; then SWAP=1; else SWAP=0; fi
export MISTYPED_TOKEN="${TOKEN:0:${#TOKEN}-1}$SWAP"

# Database work: HikariCP counts every connection taken from the pool.
db_uses() {
  curl -sf -H "Authorization: Bearer $METRICS_TOKEN" "$BASE/actuator/prometheus" \
    | awk '/^hikaricp_connections_usage_seconds_count/ { sum += $2 } END { printf "%d", sum }'
}
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$JAVA_PID/stat"; }

run() { # name, wrk arguments...
  local name=$1; shift
  wrk -t2 -c50 -d"$WARMUP" "$@" >/dev/null 2>&1
  local db_before cpu_before out
  db_before=$(db_uses); cpu_before=$(cpu_ticks)
  out=$(wrk -t2 -c50 -d"$DURATION" --latency "$@")
  local cpu_after db_after
  cpu_after=$(cpu_ticks); db_after=$(db_uses)
  local rps p99 requests non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  p99=$(echo "$out" | awk '$1 == "99%" { print $2 }')
  requests=$(echo "$out" | awk '/requests in/ { print $1 }')
  non2xx=$(echo "$out" | awk '/Non-2xx/ { print $5 }')
  echo "$ROUND $name $rps $p99 $requests $((cpu_after - cpu_before)) $((db_after - db_before)) ${non2xx:-0}" >> "$WORK/results"
  printf '   %-14s %10s req/s  p99 %-9s  non-2xx %-8s\n' "$name" "$rps" "$p99" "${non2xx:-0}"
}

echo "-- pre-warming every endpoint for $PREWARM (thrown away)"
wrk -t2 -c50 -d"$PREWARM" "$BASE/actuator/health/liveness" >/dev/null 2>&1
wrk -t2 -c50 -d"$PREWARM" -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/Users/LoggedUser" >/dev/null 2>&1
wrk -t2 -c50 -d"$PREWARM" "$BASE/api/v1/Users/LoggedUser?access_token=$TOKEN" >/dev/null 2>&1
wrk -t2 -c50 -d"$PREWARM" -s bench/bad-tokens.lua "$BASE/api/v1/Users/LoggedUser" >/dev/null 2>&1
wrk -t2 -c50 -d"$PREWARM" -H "Authorization: Basic $(printf 'bench:bench-password-1' | base64)" "$BASE/api/v1/Users/LoggedUser" >/dev/null 2>&1

for ROUND in $(seq 1 "$ROUNDS"); do
  echo "-- round $ROUND (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  run a-health "$BASE/actuator/health/liveness"
  run b-bearer -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/Users/LoggedUser"
  run c-param "$BASE/api/v1/Users/LoggedUser?access_token=$TOKEN"
  run d-badtoken -s bench/bad-tokens.lua "$BASE/api/v1/Users/LoggedUser"
  run e-basic -H "Authorization: Basic $(printf 'bench:bench-password-1' | base64)" "$BASE/api/v1/Users/LoggedUser"
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
print("| endpoint | median req/s | median p99 | CPU per request | DB connection uses per request | non-2xx |")
print("|---|---|---|---|---|---|")
for name, runs in sorted(by.items()):
    cpu = statistics.median(x['cpu'] * 1e6 / ticks / x['n'] for x in runs)
    db = sum(x['db'] for x in runs) / sum(x['n'] for x in runs)
    print(f"| {name} | {statistics.median(x['rps'] for x in runs):,.0f} | {statistics.median(x['p99'] for x in runs):.2f} ms | {cpu:.0f} µs | {db:.6f} | {sum(x['non2xx'] for x in runs)} |")
print()
rounds = sorted({x['round'] for runs in by.values() for x in runs})
for other in ['b-bearer', 'c-param', 'd-badtoken', 'e-basic']:
    ratios = [next(x['rps'] for x in by[other] if x['round'] == r) / next(x['rps'] for x in by['a-health'] if x['round'] == r) for r in rounds]
    print(f"{other[0]}/a per round: {', '.join(f'{v:.2f}' for v in ratios)}; median {statistics.median(ratios):.2f}")
PY
