#!/usr/bin/env bash
# Project access token table benchmark (issue 4): starts the packaged server on a fresh H2
# database (or GATEHOUSE_DB_URL), seeds one project with 5,000 project access tokens
# through the API, signs in through the login form, then requests the administration table
# view after view (filter, sort, page, items per page, show expired) over one keep-alive
# connection, and prints the latency percentiles. Target: p95 under 50 ms.
#
#   bench/project-tokens.sh
#   TOKENS=5000 WARMUP=200 SAMPLES=300 bench/project-tokens.sh
#   DB=postgresql bench/project-tokens.sh     # its own PostgreSQL (bench/server.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

TOKENS=${TOKENS:-5000}
WARMUP=${WARMUP:-200}
SAMPLES=${SAMPLES:-300}
PORT=${PORT:-18081}
. bench/server.sh
gatehouse_jar

WORK=$(mktemp -d)
cleanup() { stop_server; stop_postgres "$WORK"; rm -rf "$WORK"; }
trap cleanup EXIT
DATABASE=${GATEHOUSE_DB_URL:-H2 file database}
[ "${DB:-h2}" = postgresql ] && start_postgres "$WORK" "${PG_PORT:-15434}"

echo "== $("$JAVA" -version 2>&1 | head -1) on $(nproc) cores; jar $(basename "$JAR"); $DATABASE"
start_server "$WORK" "$PORT"

python3 bench/project_tokens.py 127.0.0.1 "$PORT" "$ADMIN_PASSWORD" "$TOKENS" "$WARMUP" "$SAMPLES"
