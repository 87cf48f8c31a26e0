#!/usr/bin/env bash
# Project access token table benchmark (issue 4): starts the packaged server on a fresh H2
# database (or GATEHOUSE_DB_URL), seeds one project with 5,000 project access tokens
# through the API, signs in through the login form, then requests the administration table
# view after view (filter, sort, page, items per page, show expired) over one keep-alive
# connection, and prints the latency percentiles. Target: p95 under 50 ms.
#
#   bench/project-tokens.sh
#   TOKENS=5000 WARMUP=200 SAMPLES=300 bench/project-tokens.sh
set -euo pipefail
cd "$(dirname "$0")/.."

TOKENS=${TOKENS:-5000}
WARMUP=${WARMUP:-200}
SAMPLES=${SAMPLES:-300}
PORT=${PORT:-18081}
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
ADMIN_PASSWORD=bench-admin-password

JAR=$(ls target/gatehouse-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ]; then
  mvn -q -DskipTests -Dspring-javaformat.skip=true package
  JAR=$(ls target/gatehouse-*.jar | grep -v original | head -1)
fi
JAR=$(realpath "$JAR")

WORK=$(mktemp -d)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== $("$JAVA" -version 2>&1 | head -1) on $(nproc) cores; jar $(basename "$JAR"); ${GATEHOUSE_DB_URL:-H2 file database}"
(cd "$WORK" && GATEHOUSE_ADMIN_PASSWORD=$ADMIN_PASSWORD exec "$JAVA" -Xms64m -Xmx512m -jar "$JAR" \
  --server.port="$PORT" > server.log 2>&1) &
SERVER_PID=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/actuator/health/liveness" >/dev/null 2>&1 && break
  sleep 0.5
done

python3 bench/project_tokens.py 127.0.0.1 "$PORT" "$ADMIN_PASSWORD" "$TOKENS" "$WARMUP" "$SAMPLES"
