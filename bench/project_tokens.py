#!/usr/bin/env python3
"""Seeds a project with 5,000 project access tokens and measures the administration table.

Standard library only. Signs in through the login form, then requests the page
/admin/projects/{key}/access-tokens over one keep-alive connection, view after view
(filter, sort, page, items per page, show expired), and prints the latency percentiles
per view and overall. Called by bench/project-tokens.sh, which starts the server.
"""

import http.client
import re
import statistics
import sys
import time
import urllib.parse
from base64 import b64encode
from datetime import date, timedelta

HOST, PORT, ADMIN_PASSWORD = sys.argv[1], int(sys.argv[2]), sys.argv[3]
TOKENS = int(sys.argv[4]) if len(sys.argv) > 4 else 5000
WARMUP = int(sys.argv[5]) if len(sys.argv) > 5 else 200
SAMPLES = int(sys.argv[6]) if len(sys.argv) > 6 else 300
KEY = "BENCH"

VIEWS = {
    "default (newest first, 10)": "",
    "filter 'ci-12'": "filter=ci-12",
    "filter '7', expiration desc, 25, page 3": "filter=7&sort=expirationDate&dir=desc&size=25&page=3",
    "name asc, last page": "sort=name&dir=asc&page=500",
    "last login desc, 100, page 7": "sort=lastLogin&dir=desc&size=100&page=7",
    "expired asc, show expired, 50, page 40": "sort=expired&dir=asc&expired=true&size=50&page=40",
    "creation asc, page 499": "sort=createDate&dir=asc&page=499",
}


def connection():
    return http.client.HTTPConnection(HOST, PORT, timeout=30)


def seed():
    basic = "Basic " + b64encode(("admin:" + ADMIN_PASSWORD).encode()).decode()
    api = connection()

    def post(path, body):
        api.request("POST", path, body=body, headers={"Authorization": basic, "Content-Type": "application/json",
                                                      "Accept": "application/json"})
        response = api.getresponse()
        response.read()
        return response.status

    post("/api/v1/Projects", '{"Key": "%s", "Name": "Benchmark"}' % KEY)
    started = time.monotonic()
    last_day = date.today() + timedelta(days=300)
    for i in range(TOKENS):
        expiry = date.today() + timedelta(days=1 + i % 300)
        status = post("/api/v1/Projects/%s/AccessTokens" % KEY,
                      '{"Name": "ci-%d pipeline", "ExpirationDate": "%s"}' % (i, min(expiry, last_day)))
        if status != 201:
            sys.exit("seeding failed with %d" % status)
    print("seeded %d tokens in %.1f s" % (TOKENS, time.monotonic() - started))


def sign_in():
    page = connection()
    page.request("GET", "/login")
    response = page.getresponse()
    body = response.read().decode()
    cookies = {c.split("=", 1)[0]: c.split("=", 1)[1].split(";")[0]
               for c in response.headers.get_all("Set-Cookie") or []}
    csrf = re.search(r'name="_csrf" value="([^"]+)"', body).group(1)
    form = urllib.parse.urlencode({"username": "admin", "password": ADMIN_PASSWORD, "_csrf": csrf})
    page.request("POST", "/login", body=form, headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": "; ".join("%s=%s" % item for item in cookies.items())})
    response = page.getresponse()
    response.read()
    for cookie in response.headers.get_all("Set-Cookie") or []:
        name, value = cookie.split("=", 1)
        cookies[name] = value.split(";")[0]
    if "SESSION" not in cookies:
        sys.exit("sign-in failed: %d" % response.status)
    return "SESSION=" + cookies["SESSION"]


def percentile(sorted_values, p):
    index = max(0, min(len(sorted_values) - 1, int(round(p / 100.0 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[index]


def measure(session):
    client = connection()
    path = "/admin/projects/%s/access-tokens" % KEY

    def get(query):
        client.request("GET", path + ("?" + query if query else ""), headers={"Cookie": session})
        started = time.perf_counter()
        response = client.getresponse()
        body = response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200 or b'id="range"' not in body:
            sys.exit("unexpected answer %d for %s" % (response.status, query))
        return elapsed, re.search(rb'<span id="range">([^<]*)</span>', body).group(1).decode()

    for _ in range(WARMUP):
        for query in VIEWS.values():
            get(query)
    overall = []
    print("%-42s %10s %8s %8s %8s %8s" % ("view", "shows", "p50 ms", "p95 ms", "p99 ms", "max ms"))
    results = {name: [] for name in VIEWS}
    ranges = {}
    # Interleaved, so that no view is measured only while the machine is busy elsewhere.
    for _ in range(SAMPLES):
        for name, query in VIEWS.items():
            elapsed, shown = get(query)
            results[name].append(elapsed)
            ranges[name] = shown
    for name, values in results.items():
        values.sort()
        overall.extend(values)
        print("%-42s %10s %8.2f %8.2f %8.2f %8.2f" % (name, ranges[name], percentile(values, 50),
                                                     percentile(values, 95), percentile(values, 99), values[-1]))
    overall.sort()
    print("%-42s %10s %8.2f %8.2f %8.2f %8.2f" % ("all %d requests" % len(overall), "",
                                                 percentile(overall, 50), percentile(overall, 95),
                                                 percentile(overall, 99), overall[-1]))
    print("mean %.2f ms" % statistics.mean(overall))


if __name__ == "__main__":
    seed()
    measure(sign_in())
