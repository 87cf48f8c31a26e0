#!/usr/bin/env python3
"""A light mixed load for the fault scenarios (issue 15), standard library only.

  faults.py setup BASE ADMIN_PASSWORD STATE_FILE
      a user, a personal access token, a revoked one, a project, a page session
  faults.py load BASE ADMIN_PASSWORD STATE_FILE SECONDS LOG_FILE [THREADS]
      sends token reads, Basic reads, feed pages, pages and uploads for SECONDS, and
      writes one JSON line per request: {"t", "kind", "status", "ms", "sha256"}; a
      request with no answer within 10 s is logged as status "timeout"
  faults.py report LOG_FILE PHASES_FILE
      requests by phase, kind and status
  faults.py outage-verdict LOG_FILE PHASES_FILE RECOVERY_LIMIT_SECONDS
      the report, then PASS or FAIL per promise of bench/outage.sh
  faults.py kill-verdict BASE STATE_FILE LOG_FILE PHASES_FILE
      the report, then PASS or FAIL per promise of bench/node-kill.sh (every upload
      answered 201 stored and downloaded whole)
"""

import hashlib
import http.client
import json
import os
import random
import sys
import threading
import time
import urllib.parse
from base64 import b64encode

TIMEOUT = 10
UPLOAD_KB_MAX = int(os.environ.get("UPLOAD_KB_MAX", "64"))


def basic(login, password):
    return "Basic " + b64encode((login + ":" + password).encode()).decode()


def call(base, method, path, headers=None, body=None):
    url = urllib.parse.urlsplit(base)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=TIMEOUT)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        # The message itself: case-insensitive (HAProxy sends header names in lower
        # case), and it keeps every Set-Cookie.
        return response.status, response.read(), response.headers
    finally:
        connection.close()


def setup(base, admin_password, state_file):
    admin = {"Authorization": basic("admin", admin_password), "Content-Type": "application/json",
             "Accept": "application/json"}
    login = "fault" + str(random.randrange(10**6))
    status, body, _ = call(base, "POST", "/api/v1/Users", admin,
                           json.dumps({"Login": login, "Password": "fault-password-1", "FirstName": "Fault"}))
    assert status == 201, body
    user = {"Authorization": basic(login, "fault-password-1"), "Content-Type": "application/json",
            "Accept": "application/json"}
    tokens = {}
    for name in ("load", "revoked"):
        status, body, _ = call(base, "POST", "/api/v1/AccessTokens", user, json.dumps({"Name": name}))
        assert status == 201, body
        tokens[name] = json.loads(body)
    # Revoked before any fault, and seen refused once.
    assert call(base, "GET", "/api/v1/Users/LoggedUser", {"Authorization": "Bearer " + tokens["revoked"]["Token"]})[0] == 200
    assert call(base, "DELETE", "/api/v1/AccessTokens/%d" % tokens["revoked"]["Id"], user)[0] == 204
    assert call(base, "GET", "/api/v1/Users/LoggedUser", {"Authorization": "Bearer " + tokens["revoked"]["Token"]})[0] == 401
    key = "F" + str(random.randrange(10**6))
    status, body, _ = call(base, "POST", "/api/v1/Projects", admin, json.dumps({"Key": key, "Name": "Faults " + key}))
    assert status == 201, body
    user_id = json.loads(call(base, "GET", "/api/v1/Users/LoggedUser", user)[1])["Id"]
    assert call(base, "POST", "/api/v1/Projects/%s/Members" % key, admin,
                json.dumps({"User": {"Id": user_id}}))[0] == 201
    # A page session, through the login form.
    status, page, headers = call(base, "GET", "/login")
    cookies = {c.split(";")[0].split("=")[0]: c.split(";")[0] for c in headers.get_all("Set-Cookie") or []}
    csrf = page.decode().split('name="_csrf" value="')[1].split('"')[0]
    form = urllib.parse.urlencode({"username": login, "password": "fault-password-1", "_csrf": csrf})
    status, _, headers = call(base, "POST", "/login", {"Cookie": "; ".join(cookies.values()),
                                                       "Content-Type": "application/x-www-form-urlencoded"}, form)
    assert status == 302 and "error" not in (headers.get("Location") or ""), (status, headers)
    cookies.update({c.split(";")[0].split("=")[0]: c.split(";")[0] for c in headers.get_all("Set-Cookie") or []})
    session = "; ".join(cookies.values())
    with open(state_file, "w") as out:
        json.dump({"admin": admin["Authorization"], "login": login, "password": "fault-password-1", "token": tokens["load"]["Token"],
                   "revoked": tokens["revoked"]["Token"], "project": key, "session": session}, out)


def requests_of(state):
    bearer = {"Authorization": "Bearer " + state["token"], "Accept": "application/json"}
    password = {"Authorization": basic(state["login"], state["password"]), "Accept": "application/json"}
    return [
        ("token-profile", "GET", "/api/v1/Users/LoggedUser", bearer, None),
        ("token-read", "GET", "/api/v1/Projects", bearer, None),
        ("basic-read", "GET", "/api/v1/Projects/" + state["project"], password, None),
        ("feed", "GET", "/odata/WorkLogs?$top=50&$format=json", bearer, None),
        ("page", "GET", "/", {"Cookie": state["session"]}, None),
        ("revoked", "GET", "/api/v1/Users/LoggedUser", {"Authorization": "Bearer " + state["revoked"]}, None),
        ("upload", "POST", "/api/v1/Projects/%s/Snapshots?version=load" % state["project"],
         {"Authorization": state["admin"], "Accept": "application/json", "Content-Type": "application/octet-stream"},
         "upload"),
    ]


def load(base, admin_password, state_file, seconds, log_file, threads=4):
    with open(state_file) as f:
        state = json.load(f)
    mix = requests_of(state)
    weights = [30, 20, 15, 10, 10, 5, 10]
    end = time.time() + seconds
    lock = threading.Lock()
    log = open(log_file, "a")

    def worker():
        while time.time() < end:
            kind, method, path, headers, body = random.choices(mix, weights)[0]
            sha = None
            if body == "upload":
                # Mostly small; one in five large enough to be cut off midway by a kill.
                largest = UPLOAD_KB_MAX if random.random() < 0.2 else 64
                body = os.urandom(random.randrange(1, largest + 1) * 1024)
                sha = hashlib.sha256(body).hexdigest()
            started = time.time()
            snapshot = None
            try:
                status, answer, _ = call(base, method, path, headers, body)
                if kind == "upload" and status == 201:
                    answered = json.loads(answer)
                    snapshot = answered.get("Id")
                    status = status if answered.get("Sha256") == sha else "corrupt"
            except (TimeoutError, OSError) as ex:
                status = "timeout" if isinstance(ex, TimeoutError) else "error"
            line = {"t": started, "kind": kind, "status": status, "ms": round((time.time() - started) * 1000, 1),
                    "sha256": sha, "snapshot": snapshot}
            with lock:
                log.write(json.dumps(line) + "\n")
            time.sleep(0.02)

    workers = [threading.Thread(target=worker) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    log.close()


def report(log_file, phases_file):
    with open(phases_file) as f:
        phases = [line.split() for line in f if line.strip()]  # name start_epoch
    bounds = [(name, float(start)) for name, start in phases]
    rows = [json.loads(line) for line in open(log_file)]

    def phase_of(t):
        current = bounds[0][0]
        for name, start in bounds:
            if t >= start:
                current = name
        return current

    table = {}
    for row in rows:
        key = (phase_of(row["t"]), row["kind"])
        counts = table.setdefault(key, {})
        counts[str(row["status"])] = counts.get(str(row["status"]), 0) + 1
    print("%-10s %-14s %s" % ("phase", "request", "answers by status"))
    for (phase, kind), counts in sorted(table.items(), key=lambda item: ([b[0] for b in bounds].index(item[0][0]), item[0][1])):
        print("%-10s %-14s %s" % (phase, kind, " ".join("%s:%d" % item for item in sorted(counts.items()))))
    return rows


def outage_verdict(log_file, phases_file, recovery_limit):
    """The database's outage: PASS or FAIL per promise, with its figures."""
    rows = report(log_file, phases_file)
    bounds = {name: float(start) for name, start in (line.split() for line in open(phases_file) if line.strip())}
    failed = False

    def verdict(ok, text):
        nonlocal failed
        failed = failed or not ok
        print(("PASS " if ok else "FAIL ") + text)

    bad = [r for r in rows if r["status"] in (500, "timeout", "error", "corrupt")]
    verdict(not bad, "no 500, no timeout (%d s), no corrupt upload: %d bad of %d requests" % (TIMEOUT, len(bad), len(rows)))
    down = [r for r in rows if bounds["outage"] <= r["t"] < bounds["restart"]]
    db_backed = [r for r in down if r["kind"] in ("token-read", "basic-read", "feed", "page", "upload")]
    verdict(db_backed and all(r["status"] == 503 or (r["kind"] == "basic-read" and r["status"] == 200) for r in db_backed),
            "during the outage, what needs the database answers 503: %d of %d"
            % (sum(1 for r in db_backed if r["status"] == 503), len(db_backed)))
    slowest = max((r["ms"] for r in down), default=0)
    print("     slowest answer during the outage: %.0f ms" % slowest)
    verdict(not any(r["kind"] == "revoked" and r["status"] == 200 for r in rows),
            "the token revoked before the outage is never accepted")
    restart, back = bounds["restart"], bounds["back"]
    print("     PostgreSQL took %.1f s to start again (pg_ctl start -w)" % (back - restart))
    recovered = [r["t"] for r in rows if r["t"] >= restart and r["kind"] == "token-read" and r["status"] == 200]
    if recovered:
        seconds = min(recovered) - back
        verdict(seconds <= recovery_limit,
                "serves again %.1f s after the database accepts connections (limit %d s)" % (seconds, recovery_limit))
    else:
        verdict(False, "never served again after the database came back")
    after = [r for r in rows if r["t"] >= back + recovery_limit]
    verdict(after and all(r["status"] in (200, 201) or r["kind"] == "revoked" for r in after),
            "after recovery every request succeeds: %d of %d" % (sum(1 for r in after if r["status"] in (200, 201)), len(after)))
    return 1 if failed else 0


def stored_snapshots(base, state):
    """Every snapshot of the load's project, each downloaded and hashed again."""
    headers = {"Authorization": state["admin"], "Accept": "application/json"}
    stored, skip = [], 0
    while True:
        status, body, _ = call(base, "GET", "/api/v1/Projects/%s/Snapshots?take=1000&skip=%d" % (state["project"], skip),
                               headers)
        assert status == 200, body
        items = json.loads(body)["Items"]
        for item in items:
            status, content, _ = call(base, "GET", "/api/v1/Projects/%s/Snapshots/%d/content" % (state["project"], item["Id"]),
                                      {"Authorization": state["admin"]})
            stored.append({"id": item["Id"], "listed": item["Sha256"], "size": item["Size"], "status": status,
                           "content": hashlib.sha256(content).hexdigest(), "length": len(content)})
        if len(items) < 1000:
            return stored
        skip += 1000


def kill_verdict(base, state_file, log_file, phases_file):
    """A node killed under load behind the load balancer: PASS or FAIL per promise."""
    with open(state_file) as f:
        state = json.load(f)
    rows = report(log_file, phases_file)
    failed = False

    def verdict(ok, text):
        nonlocal failed
        failed = failed or not ok
        print(("PASS " if ok else "FAIL ") + text)

    answered = {r["snapshot"]: r["sha256"] for r in rows if r["kind"] == "upload" and r["status"] == 201}
    stored = stored_snapshots(base, state)
    by_id = {s["id"]: s for s in stored}
    missing = [i for i in answered if i not in by_id or by_id[i]["listed"] != answered[i]]
    verdict(not missing, "every upload answered 201 is stored with its SHA-256: %d answered, %d missing or different"
            % (len(answered), len(missing)))
    whole = [s for s in stored if s["status"] == 200 and s["content"] == s["listed"] and s["length"] == s["size"]]
    verdict(len(whole) == len(stored), "every stored snapshot downloads whole (content hashed again): %d of %d"
            % (len(whole), len(stored)))
    unanswered = len(stored) - len(answered)
    print("     uploads stored whose answer was lost with the killed node: %d" % unanswered)
    cut = [r for r in rows if r["kind"] == "upload" and r["status"] not in (201,)]
    print("     uploads not acknowledged (cut off, refused or retried by the client): %d" % len(cut))
    bad = [r for r in rows if r["status"] in (500, "corrupt")]
    verdict(not bad, "no 500 and no corrupt answer: %d" % len(bad))
    verdict(not any(r["kind"] == "revoked" and r["status"] == 200 for r in rows), "the revoked token is never accepted")
    errors = [r for r in rows if r["status"] in ("error", "timeout", 502, 503, 504)]
    print("     requests failed at the load balancer or cut off while the node died: %d of %d" % (len(errors), len(rows)))
    page_rows = [r for r in rows if r["kind"] == "page"]
    verdict(page_rows and sum(1 for r in page_rows if r["status"] == 200) >= len(page_rows) - len(errors),
            "the page session continues on the surviving node")
    return 1 if failed else 0


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "setup":
        setup(sys.argv[2], sys.argv[3], sys.argv[4])
    elif command == "load":
        load(sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5]), sys.argv[6],
             int(sys.argv[7]) if len(sys.argv) > 7 else 4)
    elif command == "report":
        report(sys.argv[2], sys.argv[3])
    elif command == "kill-verdict":
        sys.exit(kill_verdict(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5]))
    elif command == "outage-verdict":
        sys.exit(outage_verdict(sys.argv[2], sys.argv[3], int(sys.argv[4])))
