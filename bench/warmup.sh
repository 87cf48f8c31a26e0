#!/usr/bin/env bash
# Warm-up after start (issue 13): how soon a freshly started Gatehouse serves bearer
# requests at its settled speed, beside the reference application (bench/reference/),
# with and without Java's ahead-of-time cache. For each mode both start fresh and are
# driven in alternating slices (Gatehouse SLICE, reference SLICE, ...); every slice prints
# Gatehouse's req/s and CPU per request and the ratio to the reference's slice next to it.
#
# Needs Java 25 (JAVA_HOME). The jar is extracted as Spring Boot documents for CDS and the
# AOT cache (java -Djarmode=tools -jar gatehouse.jar extract). Mode "aot" first makes a
# training run: the extracted jar started with -XX:AOTCacheOutput, driven with bearer,
# Basic and bad-token requests for TRAIN, then stopped, which writes the cache.
#
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/warmup.sh
#   MODES="plain aot" SLICES=12 SLICE=10s TRAIN=60s bench/warmup.sh
set -euo pipefail
cd "$(dirname "$0")/.."

MODES=${MODES:-plain aot}
SLICES=${SLICES:-12}
SLICE=${SLICE:-10s}
TRAIN=${TRAIN:-60s}
PORT=${PORT:-18086}
REFERENCE_PORT=${REFERENCE_PORT:-18091}
BASE="http://127.0.0.1:$PORT"
REF="http://127.0.0.1:$REFERENCE_PORT"
. bench/server.sh
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

"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
JAR=$WORK/app/$(basename "$JAR")
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

slice() { # pid, wrk arguments... -> "req/s requests cpu-ticks"
  local pid=$1; shift
  local before out
  before=$(cpu_ticks "$pid")
  out=$(wrk -t2 -c50 -d"$SLICE" "$@")
  echo "$(echo "$out" | awk '/Requests\/sec/ { print $2 }') $(echo "$out" | awk '/requests in/ { print $1 }') $(( $(cpu_ticks "$pid") - before ))"
}

echo "== $("$JAVA" -version 2>&1 | head -1) on $(nproc) cores; jar $(basename "$JAR"), extracted"
for mode in $MODES; do
  OPTS=""
  if [ "$mode" = aot ]; then
    rm -rf "$WORK/train" && mkdir -p "$WORK/train"
    started=$(date +%s)
    SERVER_JVM_OPTS="-XX:AOTCacheOutput=$WORK/gatehouse.aot" start_server "$WORK/train" "$PORT" --spring.threads.virtual.enabled=true
    bench_user "$BASE"
    LOGGED_USER="$BASE/api/v1/Users/LoggedUser?format=json"
    wrk -t2 -c50 -d"$TRAIN" -H "Authorization: Bearer $TOKEN" "$LOGGED_USER" >/dev/null
    wrk -t2 -c50 -d"$TRAIN" -H "$BASIC" "$LOGGED_USER" >/dev/null
    wrk -t2 -c50 -d"$TRAIN" -s bench/bad-tokens.lua "$LOGGED_USER" >/dev/null
    stop_server
    echo "-- training run and cache: $(( $(date +%s) - started )) s, $(du -h "$WORK/gatehouse.aot" | cut -f1)"
    OPTS="-XX:AOTCache=$WORK/gatehouse.aot"
  fi
  rm -rf "$WORK/run" && mkdir -p "$WORK/run"
  "$JAVA" -Xms64m -Xmx512m -jar "$REFERENCE_JAR" --server.port="$REFERENCE_PORT" --spring.threads.virtual.enabled=true \
    --reference.tokens=reference-token > "$WORK/run/reference.log" 2>&1 &
  REFERENCE_PID=$!
  launched=$(date +%s%N)
  SERVER_JVM_OPTS=$OPTS start_server "$WORK/run" "$PORT" --spring.threads.virtual.enabled=true
  echo "-- $mode: Gatehouse answered its liveness probe $(( ($(date +%s%N) - launched) / 1000000 )) ms after launch; $(grep -o 'Started GatehouseApplication in [0-9.]* seconds' "$WORK/run/server.log" | head -1)"
  for _ in $(seq 1 60); do curl -sf "$REF/health" >/dev/null && break; sleep 0.5; done
  bench_user "$BASE"
  loaded=0
  for i in $(seq 1 "$SLICES"); do
    read -r g_rps g_n g_cpu < <(slice "$SERVER_PID" -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/Users/LoggedUser?format=json")
    read -r r_rps r_n r_cpu < <(slice "$REFERENCE_PID" -H "Authorization: Bearer reference-token" "$REF/me")
    loaded=$(( loaded + ${SLICE%s} ))
    python3 -c "import sys; g, gn, gc, r, rn, rc, t, tick = map(float, sys.argv[1:]); print(f'   {int(t):4d} s of load: Gatehouse {g:8,.0f} req/s {gc * 1e6 / tick / gn:5.0f} µs CPU | reference {r:8,.0f} req/s {rc * 1e6 / tick / rn:5.0f} µs | ratio {g / r:.2f}')" \
      "$g_rps" "$g_n" "$g_cpu" "$r_rps" "$r_n" "$r_cpu" "$loaded" "$(getconf CLK_TCK)"
  done
  stop_server
  kill "$REFERENCE_PID" 2>/dev/null; wait "$REFERENCE_PID" 2>/dev/null || true; REFERENCE_PID=""
done
