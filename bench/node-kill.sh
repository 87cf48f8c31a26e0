#!/usr/bin/env bash
# A node dies under load (issue 15, docs/reliability.md): two Gatehouse nodes on one
# PostgreSQL behind HAProxy (from Debian, installed if absent), health-checked on
# readiness; a mixed load through the load balancer (token and Basic reads, feed pages, a
# page session, uploads up to UPLOAD_KB_MAX KiB); a token revoked on node B just before
# node A is killed with SIGKILL; node A started again later. Prints requests by phase,
# then PASS or FAIL per promise: every upload answered 201 is stored and downloads whole,
# the session goes on, the revoked token is refused everywhere, the restarted node hears
# changes again. Exits non-zero on any FAIL.
#
#   bench/node-kill.sh        # BEFORE=15 DOWN=20 AFTER=15 THREADS=4 UPLOAD_KB_MAX=2048
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/server.sh

BEFORE=${BEFORE:-15} DOWN=${DOWN:-20} AFTER=${AFTER:-15} THREADS=${THREADS:-4}
export UPLOAD_KB_MAX=${UPLOAD_KB_MAX:-2048}
LB_PORT=${LB_PORT:-18580} PORT_A=${PORT_A:-18581} PORT_B=${PORT_B:-18582} PG_PORT=${PG_PORT:-18532}
WORK=$(mktemp -d /tmp/gatehouse-node-kill.XXXXXX)
mkdir -p "$WORK/a" "$WORK/b"
PID_A="" PID_B="" PID_LB=""
cleanup() {
  for pid in $PID_A $PID_B $PID_LB; do kill -9 "$pid" 2>/dev/null || true; done
  pg pg_ctl -D "$WORK/db" -m immediate stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

command -v haproxy >/dev/null || { apt-get update -qq && apt-get install -y -qq haproxy >/dev/null; }
gatehouse_jar
start_postgres "$WORK" "$PG_PORT"
start_node() { # name port
  GATEHOUSE_SNAPSHOT_SPOOL_DIR="$WORK/$1" start_server "$WORK/$1" "$2" --server.forward-headers-strategy=native
}
start_node a "$PORT_A"; PID_A=$SERVER_PID
start_node b "$PORT_B"; PID_B=$SERVER_PID

cat > "$WORK/haproxy.cfg" <<CFG
global
  maxconn 1000
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
  option forwardfor
  # A request that could not reach a node goes to the other. A read sent on a connection
  # the dead node had kept open is sent again; an upload already sent is not (the client
  # decides, from the answer it did not get).
  retries 2
  retry-on conn-failure empty-response
  option redispatch
frontend gatehouse
  bind 127.0.0.1:$LB_PORT
  http-request disable-l7-retry unless METH_GET || METH_HEAD
  default_backend nodes
backend nodes
  balance roundrobin
  option httpchk GET /actuator/health/readiness
  http-check expect status 200
  default-server inter 500ms fall 2 rise 2
  server a 127.0.0.1:$PORT_A check
  server b 127.0.0.1:$PORT_B check
CFG
haproxy -f "$WORK/haproxy.cfg" -D -p "$WORK/haproxy.pid"
PID_LB=$(cat "$WORK/haproxy.pid")
BASE="http://127.0.0.1:$LB_PORT"
for _ in $(seq 1 40); do curl -sf "$BASE/actuator/health/readiness" >/dev/null && break; sleep 0.25; done
python3 bench/faults.py setup "$BASE" "$ADMIN_PASSWORD" "$WORK/state.json"

# A token of the load's user, to be revoked on node B just before node A dies.
LOGIN=$(python3 -c "import json; print(json.load(open('$WORK/state.json'))['login'])")
new_token() {
  curl -sf -u "$LOGIN:fault-password-1" -H 'Content-Type: application/json' -H 'Accept: application/json' \
    -d "{\"Name\": \"$1\"}" "$BASE/api/v1/AccessTokens" | python3 -c "import json, sys; t = json.load(sys.stdin); print(t['Id'], t['Token'])"
}
status_on() { curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $2" "http://127.0.0.1:$1/api/v1/Users/LoggedUser"; }
read -r DOOMED_ID DOOMED <<< "$(new_token doomed)"
[ "$(status_on "$PORT_A" "$DOOMED")" = 200 ] && [ "$(status_on "$PORT_B" "$DOOMED")" = 200 ]

echo "before $(date +%s.%N)" > "$WORK/phases"
python3 bench/faults.py load "$BASE" "$ADMIN_PASSWORD" "$WORK/state.json" $((BEFORE + DOWN + AFTER)) "$WORK/requests.jsonl" "$THREADS" &
LOAD=$!
sleep "$BEFORE"
curl -sf -o /dev/null -X DELETE -u "$LOGIN:fault-password-1" "http://127.0.0.1:$PORT_B/api/v1/AccessTokens/$DOOMED_ID"
echo "killed $(date +%s.%N)" >> "$WORK/phases"
kill -9 "$PID_A"; PID_A=""
REVOKED_VIA_LB=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $DOOMED" "$BASE/api/v1/Users/LoggedUser")
sleep "$DOWN"
echo "restarted $(date +%s.%N)" >> "$WORK/phases"
start_node a "$PORT_A"; PID_A=$SERVER_PID
for _ in $(seq 1 40); do curl -sf "http://127.0.0.1:$PORT_A/actuator/health/readiness" >/dev/null && break; sleep 0.25; done
REVOKED_ON_A=$(status_on "$PORT_A" "$DOOMED")
# Node A hears changes again: a token used on A, revoked on B, refused by A within a second.
read -r LATER_ID LATER <<< "$(new_token later)"
[ "$(status_on "$PORT_A" "$LATER")" = 200 ]
curl -sf -o /dev/null -X DELETE -u "$LOGIN:fault-password-1" "http://127.0.0.1:$PORT_B/api/v1/AccessTokens/$LATER_ID"
HEARD=none
for i in $(seq 1 20); do
  if [ "$(status_on "$PORT_A" "$LATER")" = 401 ]; then HEARD=$((i * 50)); break; fi
  sleep 0.05
done
wait "$LOAD"

echo "Gatehouse $(basename "$JAR") x2 on $DATABASE behind $(haproxy -v | head -1 | cut -d' ' -f1-3), $THREADS clients, node A down ${DOWN} s"
status=0
python3 bench/faults.py kill-verdict "$BASE" "$WORK/state.json" "$WORK/requests.jsonl" "$WORK/phases" || status=1
check() { if [ "$1" = "$2" ]; then echo "PASS $3"; else echo "FAIL $3 (got $1)"; status=1; fi; }
check "$REVOKED_VIA_LB" 401 "a token revoked on node B just before the kill is refused through the load balancer"
check "$REVOKED_ON_A" 401 "and by node A once it is back"
if [ "$HEARD" != none ]; then echo "PASS node A rejoined: a token revoked on B was refused by A within ${HEARD} ms"
else echo "FAIL node A did not hear a revocation on B within a second"; status=1; fi
LEFT=$(find "$WORK/a" -maxdepth 1 -name 'gatehouse-snapshot-*.part' | wc -l)
echo "     spool files of node A after its restart: $LEFT"
echo "log and figures: $WORK"
exit $status
