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

stop_server() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=""
}
