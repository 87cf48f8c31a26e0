#!/usr/bin/env python3
"""The Reporting API with 1,000,000 time entries (issue 5).

Standard library only; called by bench/reporting.sh, which starts and stops the server and
seeds the time entries by SQL between the two phases:

  reporting.py setup   HOST PORT ADMIN_PASSWORD STATE_FILE   -> projects, stories, users,
                                                                the service account, tokens
  reporting.py measure HOST PORT ADMIN_PASSWORD STATE_FILE WARMUP SAMPLES
  reporting.py refresh HOST PORT ADMIN_PASSWORD STATE_FILE ROUNDS SERVER_PID  (bench/feed-refresh.sh)

`measure` times one month's hours by project for a user who is a member of 2 of the 20
projects, read through the service account with $apply, and checks that the totals equal
the administrator's (complete) and that they shrink once the service account is removed.
"""

import http.client
import json
import os
import statistics
import sys
import time
import urllib.parse
from base64 import b64encode
from datetime import date, timedelta

PHASE, HOST, PORT, ADMIN_PASSWORD, STATE = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
PROJECTS, STORIES_PER_PROJECT, USERS = 20, 10, 100
SA_SCOPES = ["profile:read", "identity:read", "work_items:read", "work_items:write"]


def basic(login, password):
    return "Basic " + b64encode((login + ":" + password).encode()).decode()


ADMIN = basic("admin", ADMIN_PASSWORD)
connection = http.client.HTTPConnection(HOST, PORT, timeout=120)


def call(method, path, authorization, body=None):
    headers = {"Authorization": authorization, "Accept": "application/json"}
    if body is not None:
        headers["Content-Type"] = "application/json"
        body = json.dumps(body)
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    data = response.read()
    return response.status, (json.loads(data) if data and data[:1] in (b"{", b"[") else data), response


def must(expected, method, path, authorization, body=None):
    status, answer, _ = call(method, path, authorization, body)
    if status != expected:
        sys.exit("%s %s: %d %s" % (method, path, status, answer))
    return answer


def setup():
    projects = []
    for p in range(PROJECTS):
        key = "P%02d" % p
        project = must(201, "POST", "/api/v1/Projects", ADMIN, {"Key": key, "Name": "Project %d" % p})
        projects.append(project["Id"])
    stories = []
    for project in projects:
        for s in range(STORIES_PER_PROJECT):
            story = must(201, "POST", "/api/v1/UserStories", ADMIN,
                         {"Name": "Story %d of #%d" % (s, project), "Project": {"Id": project}})
            stories.append(story["Id"])
    users = []
    for u in range(USERS):
        user = must(201, "POST", "/api/v1/Users", ADMIN,
                    {"Login": "bench-%03d" % u, "Password": "bench-password-%03d" % u, "FirstName": "Bench",
                     "LastName": str(u), "Kind": "User"})
        users.append(user["Id"])
    restricted = users[0]
    for project in projects[:2]:
        must(201, "POST", "/api/v1/Projects/%s/Members" % project, ADMIN, {"User": {"Id": restricted}})
    reporting = must(201, "POST", "/api/v1/AccessTokens", basic("bench-000", "bench-password-000"),
                     {"Name": "Excel", "Scopes": ["reporting:read"]})["Token"]
    account = must(201, "POST", "/api/v1/AccessTokens", ADMIN,
                   {"Name": "Service account", "Scopes": SA_SCOPES,
                    "ExpirationDate": (date.today() + timedelta(days=200)).isoformat()})["Id"]
    admin_reporting = must(201, "POST", "/api/v1/AccessTokens", ADMIN,
                           {"Name": "Admin Excel", "Scopes": ["reporting:read", "admin"]})["Token"]
    for ids in (stories, users):
        if ids != list(range(ids[0], ids[0] + len(ids))):
            sys.exit("ids are not consecutive; seed.sql assumes they are")
    with open(STATE, "w") as out:
        json.dump({"firstStory": stories[0], "stories": len(stories), "firstUser": users[0], "users": len(users),
                   "reporting": reporting, "adminReporting": admin_reporting, "serviceAccountToken": account}, out)


def month_by_project(token):
    first = (date.today().replace(day=1) - timedelta(days=1)).replace(day=1)
    last = date.today().replace(day=1) - timedelta(days=1)
    query = ("$apply=filter(Date ge %s and Date le %s)/groupby((ProjectKey),aggregate(Hours with sum as Total,"
             "$count as Entries))&$orderby=ProjectKey" % (first, last))
    path = "/odata/WorkLogs?" + urllib.parse.quote(query, safe="=&$()/,")
    started = time.perf_counter()
    status, answer, response = call("GET", path, basic("", token))
    elapsed = time.perf_counter() - started
    if status != 200:
        sys.exit("report: %d %s" % (status, answer))
    return elapsed, answer["value"], response.getheader("Gatehouse-Reporting-View"), (first, last)


def percentile(samples, p):
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def measure(warmup, samples):
    state = json.load(open(STATE))
    must(200, "POST", "/api/v1/ServiceAccount", ADMIN, {"AccessToken": {"Id": state["serviceAccountToken"]}})
    print("service account:", must(200, "GET", "/api/v1/ServiceAccount/status", ADMIN)["State"])
    for _ in range(warmup):
        month_by_project(state["reporting"])
    timings = []
    for _ in range(samples):
        elapsed, rows, view, month = month_by_project(state["reporting"])
        timings.append(elapsed * 1000)
    total = sum(float(row["Total"]) for row in rows)
    entries = sum(int(row["Entries"]) for row in rows)
    print("report: hours by project, %s..%s, restricted user (member of 2 of %d projects), view %s"
          % (month[0], month[1], PROJECTS, view))
    print("  %d projects, %d entries, %.2f hours" % (len(rows), entries, total))
    print("  %d samples after %d warm-up: p50 %.1f ms, p95 %.1f ms, max %.1f ms"
          % (samples, warmup, statistics.median(timings), percentile(timings, 95), max(timings)))

    admin_timings = []
    for _ in range(max(5, samples // 3)):
        elapsed, admin_rows, admin_view, _ = month_by_project(state["adminReporting"])
        admin_timings.append(elapsed * 1000)
    if [(r["ProjectKey"], r["Total"]) for r in admin_rows] != [(r["ProjectKey"], r["Total"]) for r in rows]:
        sys.exit("the restricted user's totals through the service account differ from the administrator's")
    print("  administrator (view %s): the same totals; p50 %.1f ms" % (admin_view, statistics.median(admin_timings)))

    must(204, "DELETE", "/api/v1/ServiceAccount", ADMIN)
    _, own_rows, own_view, _ = month_by_project(state["reporting"])
    print("  without the service account (view %s): %d projects, %.2f hours"
          % (own_view, len(own_rows), sum(float(row["Total"]) for row in own_rows)))
    if len(own_rows) >= len(rows):
        sys.exit("without the service account the restricted user should see fewer projects")


def server_cpu_seconds(pid):
    # utime + stime of the server JVM, in clock ticks (BENCH.md).
    with open("/proc/%d/stat" % pid) as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def csv_export(authorization):
    """Every WorkLogs row as CSV: (data rows, bytes)."""
    connection.request("GET", "/api/v1/Reporting/WorkLogs.csv", headers={"Authorization": authorization})
    response = connection.getresponse()
    if response.status != 200:
        sys.exit("export: %d %s" % (response.status, response.read()[:300]))
    lines = size = 0
    while chunk := response.read(1 << 16):
        lines += chunk.count(b"\n")
        size += len(chunk)
    return lines - 1, size


def feed_refresh(authorization):
    """Every WorkLogs row through the feed, following @odata.nextLink as Power BI does:
    (rows, pages, distinct ids)."""
    path, rows, pages, ids = "/odata/WorkLogs", 0, 0, set()
    while path:
        status, answer, _ = call("GET", path, authorization)
        if status != 200:
            sys.exit("feed page %d: %d %s" % (pages + 1, status, answer))
        pages += 1
        rows += len(answer["value"])
        ids.update(row["Id"] for row in answer["value"])
        link = answer.get("@odata.nextLink")
        path = urllib.parse.urlsplit(link)._replace(scheme="", netloc="").geturl() if link else None
    return rows, pages, len(ids)


def refresh(rounds, server_pid):
    """The whole feed against the CSV export of the same rows, interleaved (the order
    swaps every round), with the server's CPU for each."""
    state = json.load(open(STATE))
    token = basic("", state["adminReporting"])
    for round in range(1, rounds + 1):
        results = {}
        for what in (("csv", "feed") if round % 2 else ("feed", "csv")):
            cpu, started = server_cpu_seconds(server_pid), time.perf_counter()
            if what == "csv":
                rows, size = csv_export(token)
                detail = "%d MB" % (size >> 20)
            else:
                rows, pages, distinct = feed_refresh(token)
                if distinct != rows:
                    sys.exit("the feed delivered %d rows but %d distinct ids" % (rows, distinct))
                detail = "%d pages" % pages
            results[what] = (time.perf_counter() - started, server_cpu_seconds(server_pid) - cpu, rows, detail)
        (csv_s, csv_cpu, csv_rows, csv_detail), (feed_s, feed_cpu, feed_rows, feed_detail) = results["csv"], results["feed"]
        if csv_rows != feed_rows:
            sys.exit("the export has %d rows, the feed %d" % (csv_rows, feed_rows))
        print("round %d, %d rows: feed %.1f s (server CPU %.1f s, %s), CSV %.1f s (server CPU %.1f s, %s),"
              " feed / CSV %.2f" % (round, feed_rows, feed_s, feed_cpu, feed_detail, csv_s, csv_cpu, csv_detail,
                                    feed_s / csv_s), flush=True)


if PHASE == "setup":
    setup()
elif PHASE == "refresh":
    refresh(int(sys.argv[6]), int(sys.argv[7]))
else:
    measure(int(sys.argv[6]), int(sys.argv[7]))
