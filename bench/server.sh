# Shared by the bench scripts (sourced, not run): finds the packaged jar, building it if
# there is none, and starts or stops the server in a working directory of its own.
#
#   . bench/server.sh
#   gatehouse_jar                         # sets JAR
#   start_server "$WORK" "$PORT" [--spring.option=value ...]   # sets SERVER_PID
#   stop_server

JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
ADMIN_PASSWORD=${ADMIN_PASSWORD:-bench-admin-password}
SERVER_PID=""

gatehouse_jar() {
  JAR=$(ls target/gatehouse-*.jar 2>/dev/null | grep -v original | head -1 || true)
  if [ -z "$JAR" ]; then
    mvn -q -DskipTests -Dspring-javaformat.skip=true package
    JAR=$(ls target/gatehouse-*.jar | grep -v original | head -1)
  fi
  JAR=$(realpath "$JAR")
}

# The jar with -Xms64m -Xmx512m (BENCH.md) and SERVER_JVM_OPTS after them, its log appended
# to WORK/server.log; returns once it answers its liveness probe, or fails.
start_server() {
  local work=$1 port=$2
  shift 2
  (cd "$work" && GATEHOUSE_ADMIN_PASSWORD=$ADMIN_PASSWORD exec "$JAVA" -Xms64m -Xmx512m ${SERVER_JVM_OPTS:-} -jar "$JAR" \
    --server.port="$port" "$@" >> server.log 2>&1) &
  SERVER_PID=$!
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:$port/actuator/health/liveness" >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "the server did not start; see $work/server.log" >&2
  return 1
}

# The user "bench" and a personal access token of theirs on the server at BASE; sets
# TOKEN, MISTYPED_TOKEN (exported, one character changed, for bench/bad-tokens.lua) and
# BASIC (the user's Authorization header). The first write after start can meet the
# initial administrator's creation, so it is retried.
bench_user() {
  local base=$1 attempt last swap=0
  for attempt in 1 2 3 4 5; do
    curl -sf -u "admin:$ADMIN_PASSWORD" -H 'Content-Type: application/json' \
      -d '{"Login": "bench", "Password": "bench-password-1", "FirstName": "Bench"}' "$base/api/v1/Users" >/dev/null && break
    sleep 1
  done
  TOKEN=$(curl -sf -u bench:bench-password-1 -H 'Content-Type: application/json' -d '{"Name": "wrk"}' \
    "$base/api/v1/AccessTokens?format=json" | python3 -c "import json, sys; print(json.load(sys.stdin)['Token'])")
  last=${TOKEN: -1}
  [ "$last" = "0" ] && swap=1
  export MISTYPED_TOKEN="${TOKEN:0:${#TOKEN}-1}$swap"
  BASIC="Authorization: Basic $(printf 'bench:bench-password-1' | base64)"
}

stop_server() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}

# A PostgreSQL of its own in WORK/db on PG_PORT, from the binaries the test suite's
# embedded PostgreSQL extracted (or PG_BIN), as root through `unshare -U` as zonky does;
# exports GATEHOUSE_DB_URL and friends and sets DATABASE. stop_postgres ends it.
start_postgres() {
  local work=$1 port=$2
  PG_BIN=${PG_BIN:-$(ls -d "${TMPDIR:-/tmp}"/embedded-pg/PG-*/bin 2>/dev/null | head -1)}
  [ -x "$PG_BIN/postgres" ] || { echo "no PostgreSQL binaries: run mvn verify once, or set PG_BIN" >&2; return 1; }
  chmod 777 "$work"
  pg initdb -D "$work/db" -U postgres -A trust -E UTF8 >/dev/null
  pg pg_ctl -D "$work/db" -o "-p $port -k $work" -l "$work/postgres.log" -w start >/dev/null
  export GATEHOUSE_DB_URL="jdbc:postgresql://127.0.0.1:$port/postgres" GATEHOUSE_DB_USER=postgres GATEHOUSE_DB_PASSWORD=
  DATABASE="PostgreSQL $("$PG_BIN/postgres" --version | cut -d' ' -f3)"
}

stop_postgres() {
  local work=$1
  [ -f "$work/db/postmaster.pid" ] && kill "$(head -1 "$work/db/postmaster.pid")" 2>/dev/null || true
  sleep 1
}

pg() { if [ "$(id -u)" -eq 0 ]; then unshare -U "$PG_BIN/$1" "${@:2}"; else "$PG_BIN/$1" "${@:2}"; fi; }
