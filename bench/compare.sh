#!/usr/bin/env bash
# The authentication benchmark of bench/run.sh for two jars in the same run: both servers
# start side by side (each on a fresh H2 database, same users and tokens), and every round
# drives every endpoint on one and then the other, the order swapped each round, so both
# see the same minutes of the machine (method: ../shared/BENCH.md). Prints requests/s and
# server CPU per request per jar, the medians, and the same-round ratios new ÷ baseline.
#
#   BASELINE_JAR=/path/to/before.jar bench/compare.sh              # against target/*.jar
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 BASELINE_JAR=... bench/compare.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROUNDS=${ROUNDS:-5}
DURATION=${DURATION:-20s}
WARMUP=${WARMUP:-10s}
PREWARM=${PREWARM:-60s}
: "${BASELINE_JAR:?set BASELINE_JAR to the jar to compare against}"
. bench/server.sh
if ! command -v wrk >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
gatehouse_jar
NEW_JAR=$JAR
BASE_JAR=$(realpath "$BASELINE_JAR")

WORK=$(mktemp -d)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null || true; done; rm -rf "$WORK"; }
trap cleanup EXIT

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
declare -A PORT PID TOKEN
PORT[base]=18081; PORT[new]=18082
for side in base new; do
  mkdir -p "$WORK/$side"
  if [ "$side" = base ]; then JAR=$BASE_JAR; else JAR=$NEW_JAR; fi
  start_server "$WORK/$side" "${PORT[$side]}" --spring.threads.virtual.enabled=true
  PID[$side]=$SERVER_PID; PIDS+=("$SERVER_PID")
  url="http://127.0.0.1:${PORT[$side]}"
  # The first administrator may be created a moment after the liveness probe answers.
  for attempt in $(seq 1 40); do
    curl -sf -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
      -d '{"Login": "bench", "Password": "bench-password-1", "FirstName": "Bench"}' "$url/api/v1/Users" >/dev/null && break
    [ "$attempt" = 40 ] && { echo "could not create the bench user on $side:" >&2; tail -20 "$WORK/$side/server.log" >&2; exit 1; }
    sleep 0.5
  done
  TOKEN[$side]=$(curl -sf -u bench:bench-password-1 -H 'Content-Type: application/json' -d '{"Name": "wrk"}' \
    "$url/api/v1/AccessTokens?format=json" | json "['Token']")
done
SERVER_PID=""
echo "== $("$JAVA" -version 2>&1 | head -1) on $(nproc) cores"
echo "   base: $BASE_JAR"
echo "   new:  $NEW_JAR"
BASIC="Authorization: Basic $(printf 'bench:bench-password-1' | base64)"

# The token with its last character changed: well-formed, but its checksum fails.
mistyped() { local token=$1 swap=0; [ "${token: -1}" = "0" ] && swap=1; echo "${token:0:${#token}-1}$swap"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
drive() { # side, duration, name
  local side=$1 duration=$2 name=$3 url="http://127.0.0.1:${PORT[$1]}"
  case $name in
    a-health) wrk -t2 -c50 -d"$duration" --latency "$url/actuator/health/liveness" ;;
    b-bearer) wrk -t2 -c50 -d"$duration" --latency -H "Authorization: Bearer ${TOKEN[$side]}" "$url/api/v1/Users/LoggedUser" ;;
    c-param) wrk -t2 -c50 -d"$duration" --latency "$url/api/v1/Users/LoggedUser?access_token=${TOKEN[$side]}" ;;
    d-badtoken) MISTYPED_TOKEN=$(mistyped "${TOKEN[$side]}") wrk -t2 -c50 -d"$duration" --latency -s bench/bad-tokens.lua "$url/api/v1/Users/LoggedUser" ;;
    e-basic) wrk -t2 -c50 -d"$duration" --latency -H "$BASIC" "$url/api/v1/Users/LoggedUser" ;;
  esac
}
ENDPOINTS="a-health b-bearer c-param d-badtoken e-basic"
run() { # side, name
  local side=$1 name=$2
  drive "$side" "$WARMUP" "$name" >/dev/null 2>&1
  local cpu_before out cpu_after
  cpu_before=$(cpu_ticks "${PID[$side]}")
  out=$(drive "$side" "$DURATION" "$name")
  cpu_after=$(cpu_ticks "${PID[$side]}")
  local rps requests non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/ { print $2 }')
  requests=$(echo "$out" | awk '/requests in/ { print $1 }')
  non2xx=$(echo "$out" | awk '/Non-2xx/ { print $5 }')
  echo "$ROUND $side $name $rps $requests $((cpu_after - cpu_before)) ${non2xx:-0}" >> "$WORK/results"
  printf '   %-5s %-11s %10s req/s  non-2xx %s\n' "$side" "$name" "$rps" "${non2xx:-0}"
}

START=$(date +%s)
echo "-- pre-warming every endpoint of both for $PREWARM each (thrown away)"
for name in $ENDPOINTS; do for side in base new; do drive "$side" "$PREWARM" "$name" >/dev/null 2>&1; done; done
echo "   warm after $(( $(date +%s) - START )) s"
for ROUND in $(seq 1 "$ROUNDS"); do
  echo "-- round $ROUND (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  if (( ROUND % 2 )); then ORDER="base new"; else ORDER="new base"; fi
  for name in $ENDPOINTS; do for side in $ORDER; do run "$side" "$name"; done; done
done

python3 - "$WORK/results" "$(getconf CLK_TCK)" <<'PY'
import sys, statistics
ticks = int(sys.argv[2])
rows = {}
for line in open(sys.argv[1]):
    r, side, name, rps, n, cpu, non2xx = line.split()
    rows[(r, side, name)] = dict(rps=float(rps), cpu=int(cpu) * 1e6 / ticks / int(n), non2xx=int(non2xx))
rounds = sorted({k[0] for k in rows}, key=int)
names = sorted({k[2] for k in rows})
print()
print("| endpoint | base req/s | new req/s | base CPU/request | new CPU/request | new ÷ base req/s per round (median) | new ÷ base CPU per round (median) | non-2xx |")
print("|---|---|---|---|---|---|---|---|")
for name in names:
    med = lambda side, key: statistics.median(rows[(r, side, name)][key] for r in rounds)
    rr = [rows[(r, 'new', name)]['rps'] / rows[(r, 'base', name)]['rps'] for r in rounds]
    cr = [rows[(r, 'new', name)]['cpu'] / rows[(r, 'base', name)]['cpu'] for r in rounds]
    bad = sum(rows[(r, s, name)]['non2xx'] for r in rounds for s in ('base', 'new'))
    print(f"| {name} | {med('base','rps'):,.0f} | {med('new','rps'):,.0f} | {med('base','cpu'):.0f} µs | {med('new','cpu'):.0f} µs"
          f" | {', '.join(f'{v:.2f}' for v in rr)} ({statistics.median(rr):.2f}) | {', '.join(f'{v:.2f}' for v in cr)} ({statistics.median(cr):.2f}) | {bad} |")
PY
