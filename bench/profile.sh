#!/usr/bin/env bash
# Where a request's CPU goes (issue 13): starts the packaged server like bench/run.sh,
# drives one kind of request with wrk until the JIT has settled, records JDK Flight
# Recorder's execution samples while the load goes on, and prints the methods that take
# the most samples: on their own (self) and with what they call (total).
# JFR is part of the JDK; async-profiler is not installed here and needs perf events.
#
#   JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 bench/profile.sh bearer
#   WARM=120s RECORD=30 bench/profile.sh badtoken
#   KEEP=/tmp/bearer.jfr bench/profile.sh basic
#   bench/profile.sh reference                 # the reference app's bearer request
#   EXTRACTED=1 bench/profile.sh bearer         # the jar extracted as Boot documents for CDS/AOT
set -euo pipefail
cd "$(dirname "$0")/.."

WHAT=${1:-bearer}
WARM=${WARM:-90s}
RECORD=${RECORD:-30}
TOP=${TOP:-25}
PORT=${PORT:-18085}
BASE="http://127.0.0.1:$PORT"
. bench/server.sh
gatehouse_jar
# Deep enough for a request's whole stack (the default, 64 frames, cuts it on a thread
# that runs the servlet filters).
SERVER_JVM_OPTS="${SERVER_JVM_OPTS:-} -XX:FlightRecorderOptions:stackdepth=1024"
JFR=${JAVA%java}jfr; JCMD=${JAVA%java}jcmd

WORK=$(mktemp -d)
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT

echo "== $("$JAVA" -version 2>&1 | head -1) on $(nproc) cores; jar $(basename "$JAR"); $WHAT"
if [ -n "${EXTRACTED:-}" ]; then
  "$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$WORK/app" >/dev/null
  JAR=$WORK/app/$(basename "$JAR")
fi
if [ "$WHAT" = reference ]; then
  # The reference application of bench/reference/ in place of Gatehouse.
  JAR=$(realpath bench/reference/target/bench-reference-1.jar)
  start_server "$WORK" "$PORT" --spring.threads.virtual.enabled=true --reference.tokens=reference-token \
    --management.endpoints.web.exposure.include=health || true
  for _ in $(seq 1 60); do curl -sf "$BASE/health" >/dev/null && break; sleep 0.5; done
else
start_server "$WORK" "$PORT" --spring.threads.virtual.enabled=true
bench_user "$BASE"
fi

case "$WHAT" in
  bearer) ARGS=(-H "Authorization: Bearer $TOKEN" "$BASE/api/v1/Users/LoggedUser?format=json") ;;
  badtoken) ARGS=(-s bench/bad-tokens.lua "$BASE/api/v1/Users/LoggedUser") ;;
  basic) ARGS=(-H "$BASIC" "$BASE/api/v1/Users/LoggedUser?format=json") ;;
  health) ARGS=("$BASE/actuator/health/liveness") ;;
  reference) ARGS=(-H "Authorization: Bearer reference-token" "$BASE/me") ;;
  *) echo "bearer, badtoken, basic or health" >&2; exit 2 ;;
esac

wrk -t2 -c50 -d"$WARM" "${ARGS[@]}" | awk '/Requests\/sec/ { print "warm-up: " $2 " req/s" }'
CPU_BEFORE=$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat")
wrk -t2 -c50 -d"$((RECORD + 4))s" "${ARGS[@]}" > "$WORK/wrk.txt" &
LOAD=$!
sleep 2
"$JCMD" "$SERVER_PID" JFR.start name=bench settings=profile filename="$WORK/load.jfr" >/dev/null
sleep "$RECORD"
"$JCMD" "$SERVER_PID" JFR.stop name=bench >/dev/null
wait "$LOAD"
CPU_AFTER=$(awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat")
awk -v ticks="$((CPU_AFTER - CPU_BEFORE))" -v hz="$(getconf CLK_TCK)" \
  '/Requests\/sec/ { rps = $2 } /requests in/ { n = $1 } END { printf "while recording: %s req/s, %.0f µs CPU per request\n", rps, ticks * 1e6 / hz / n }' "$WORK/wrk.txt"
[ -n "${KEEP:-}" ] && cp "$WORK/load.jfr" "$KEEP"
"$JFR" print --json --stack-depth 1024 --events jdk.ExecutionSample "$WORK/load.jfr" > "$WORK/samples.json"
python3 - "$WORK/samples.json" "$TOP" <<'PY'
import collections, json, sys
events = json.load(open(sys.argv[1]))["recording"]["events"]
top = int(sys.argv[2])
own, total = collections.Counter(), collections.Counter()
def name(frame):
    method = frame["method"]
    return method["type"]["name"].replace("/", ".") + "." + method["name"]
for event in events:
    frames = event["values"]["stackTrace"]["frames"]
    if not frames:
        continue
    own[name(frames[0])] += 1
    for method in {name(f) for f in frames}:
        total[method] += 1
n = len(events)
print(f"\n{n} samples")
print(f"\ntop {top} by own samples (self):")
for method, count in own.most_common(top):
    print(f"  {100 * count / n:5.1f}%  {method}")
print(f"\ntop {top} Gatehouse and Spring Security methods by total samples (with what they call):")
ours = [(m, c) for m, c in total.items() if m.startswith(("dev.gatehouse", "org.springframework.security"))]
for method, count in sorted(ours, key=lambda mc: -mc[1])[:top]:
    print(f"  {100 * count / n:5.1f}%  {method}")
groups = [("Gatehouse", "dev.gatehouse."), ("Spring Security", "org.springframework.security."),
          ("Spring Session", "org.springframework.session."), ("Spring MVC and web", "org.springframework.web."),
          ("Spring other", "org.springframework."), ("Tomcat", "org.apache."), ("Jackson", "tools.jackson."),
          ("Jackson", "com.fasterxml."), ("Micrometer", "io.micrometer."), ("Logback and SLF4J", "ch.qos."),
          ("Logback and SLF4J", "org.slf4j."), ("Caffeine", "com.github.benmanes."), ("JDK", "java."),
          ("JDK", "jdk."), ("JDK", "sun."), ("JDK", "javax."), ("Jakarta", "jakarta.")]
def group(method):
    return next((g for g, prefix in groups if method.startswith(prefix)), "other")
# Self samples by the first frame that is not the JDK's: who asked the JDK for the work.
by_group = collections.Counter()
for event in events:
    frames = [name(f) for f in event["values"]["stackTrace"]["frames"]]
    owner = next((m for m in frames if group(m) not in ("JDK", "Jakarta")), frames[0] if frames else "?")
    by_group[group(owner)] += 1
print("\nsamples by who does the work (JDK frames charged to their caller):")
for g, count in by_group.most_common():
    print(f"  {100 * count / n:5.1f}%  {g}")
callers = collections.defaultdict(collections.Counter)
hottest = [m for m, _ in own.most_common(8)]
for event in events:
    frames = event["values"]["stackTrace"]["frames"]
    if frames and name(frames[0]) in hottest:
        callers[name(frames[0])][" < ".join(name(f).rsplit(".", 2)[-2] + "." + f["method"]["name"] for f in frames[1:7])] += 1
print("\nwho calls the hottest methods (up to 6 frames):")
for method in hottest:
    print(f"  {method}")
    for chain, count in callers[method].most_common(2):
        print(f"    {count:4d}  < {chain}")
PY
