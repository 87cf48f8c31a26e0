#!/usr/bin/env python3
"""A small timer for Gatehouse: pair once, then start, show and stop a timer that runs on
the server, so you can start it here and stop it anywhere else (or the other way round).

Uses only the Python 3 standard library.

    python3 timer.py pair --server https://gatehouse.example.com
    python3 timer.py start 42 --description "Invoices"     # 42: a user story's id
    python3 timer.py show
    python3 timer.py stop                                   # logs the time
    python3 timer.py discard                                # drops it, logs nothing
    python3 timer.py unpair                                 # forgets the token here

Pairing uses the OAuth 2.0 Device Authorization Grant (RFC 8628), with the endpoints the
server publishes at /.well-known/oauth-authorization-server (RFC 8414): the app shows a
code and an address; you sign in there on any device, check the app and what it asks for,
and approve. The app then receives a personal access token of its own, named after this
computer, which you can revoke under My access tokens. It is kept in your configuration
directory (GATEHOUSE_TIMER_CONFIG overrides the file), readable by you only, and never
printed.

Exit status: 0 done; 1 refused by the server, or a server address that is not https; 2 bad
usage or not paired; 3 server unreachable.
"""

import argparse
import json
import os
import platform
import socket
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3
CLIENT_ID = "timer.py"
SCOPES = "profile:read time:read time:write"
DEVICE_GRANT = "urn:ietf:params:oauth:grant-type:device_code"


class Refused(Exception):
    """The server answered with an error."""


def config_path():
    override = os.environ.get("GATEHOUSE_TIMER_CONFIG")
    if override:
        return override
    if os.name == "nt":
        base = os.environ.get("APPDATA") or os.path.expanduser("~")
    elif platform.system() == "Darwin":
        base = os.path.expanduser("~/Library/Application Support")
    else:
        base = os.environ.get("XDG_CONFIG_HOME") or os.path.expanduser("~/.config")
    return os.path.join(base, "gatehouse-timer", "config.json")


def load_config():
    try:
        with open(config_path(), encoding="utf-8") as file:
            return json.load(file)
    except FileNotFoundError:
        return None


def save_config(config):
    path = config_path()
    directory = os.path.dirname(path)
    os.makedirs(directory, mode=0o700, exist_ok=True)
    if os.name != "nt":
        os.chmod(directory, 0o700)
    # A fresh file of our own, owner-only before anything is written to it, then moved
    # over the old one: never a moment at which others could read the token, and no
    # symbolic link followed.
    descriptor, temporary = tempfile.mkstemp(dir=directory, prefix=".config-", suffix=".json")
    try:
        if os.name != "nt":
            os.fchmod(descriptor, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(config, file)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


class NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect would carry the token to wherever it points: not followed."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


OPENER = urllib.request.build_opener(NoRedirects)


def check_server(server):
    """https only, but for this machine, so that the token never crosses a network in clear."""
    parts = urllib.parse.urlsplit(server)
    if parts.scheme == "https" or (parts.scheme == "http" and parts.hostname in ("localhost", "127.0.0.1", "::1")):
        return server.rstrip("/")
    raise Refused("the server's address must start with https:// (http only for localhost)")


def request(method, url, token=None, form=None, body=None):
    """Sends a request; returns (status, parsed JSON, or {} when the answer is none)."""
    headers = {"Accept": "application/json", "User-Agent": "gatehouse-timer.py/1"}
    data = None
    if form is not None:
        data = urllib.parse.urlencode(form).encode("utf-8")
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    elif body is not None:
        data = json.dumps(body).encode("utf-8")
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = "Bearer " + token
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    try:
        with OPENER.open(req, timeout=30) as response:
            status, text = response.status, response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode("utf-8", "replace")
    try:
        answer = json.loads(text) if text else {}
    except ValueError:
        answer = {"Message": "the server answered %d with something that is not JSON" % status}
    return status, (answer if isinstance(answer, dict) else {})


def local_time_zone():
    """The IANA name of this computer's time zone if it can be found, else its offset."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    try:
        candidates.append(os.path.realpath("/etc/localtime"))
    except OSError:
        pass
    for candidate in candidates:
        if "zoneinfo/" in candidate:
            candidate = candidate.split("zoneinfo/", 1)[1]
        for prefix in ("posix/", "right/"):
            if candidate.startswith(prefix):
                candidate = candidate[len(prefix):]
        if candidate and not candidate.startswith("/") and "/" in candidate or candidate == "UTC":
            return candidate
    offset = time.localtime().tm_gmtoff
    sign = "+" if offset >= 0 else "-"
    return "%s%02d:%02d" % (sign, abs(offset) // 3600, abs(offset) % 3600 // 60)


def pair(arguments):
    server = check_server(arguments.server)
    status, metadata = request("GET", server + "/.well-known/oauth-authorization-server")
    if status != 200 or DEVICE_GRANT not in metadata.get("grant_types_supported", []):
        raise Refused("the server does not offer pairing (no device grant in its metadata)")
    device = arguments.device_name or socket.gethostname()
    status, codes = request("POST", check_server(metadata["device_authorization_endpoint"]),
                            form={"client_id": CLIENT_ID, "device_name": device, "scope": SCOPES})
    if status != 200:
        raise Refused(codes.get("error_description") or codes.get("Message") or str(status))
    print("To pair this app, open %s and enter the code %s" % (codes["verification_uri"], codes["user_code"]))
    print("(or open %s)" % codes.get("verification_uri_complete", codes["verification_uri"]))
    sys.stdout.flush()
    token_endpoint = check_server(metadata["token_endpoint"])
    interval = int(codes.get("interval", 5))
    deadline = time.monotonic() + int(codes.get("expires_in", 600))
    while time.monotonic() < deadline:
        time.sleep(interval)
        try:
            status, answer = request("POST", token_endpoint,
                                     form={"grant_type": DEVICE_GRANT, "device_code": codes["device_code"],
                                           "client_id": CLIENT_ID})
        except (urllib.error.URLError, OSError):
            # RFC 8628 §3.5: on a connection failure, back off and try again.
            interval = min(interval * 2, 60)
            continue
        if status == 200 and answer.get("access_token"):
            save_config({"server": server, "token": answer["access_token"]})
            print("Paired as \"%s on %s\"; the token is kept in %s" % (CLIENT_ID, device, config_path()))
            return EXIT_OK
        error = answer.get("error")
        if error == "authorization_pending":
            continue
        if error == "slow_down":
            interval += 5
            continue
        raise Refused({"access_denied": "pairing was denied",
                       "expired_token": "the code expired; run pair again"}.get(error, error or str(status)))
    raise Refused("the code expired; run pair again")


def paired():
    config = load_config()
    if not config:
        print("Not paired yet: run  timer.py pair --server https://your-gatehouse", file=sys.stderr)
        sys.exit(EXIT_USAGE)
    check_server(config["server"])
    return config


def running(config):
    status, answer = request("GET", config["server"] + "/api/v1/Timers", token=config["token"])
    if status != 200:
        raise Refused(answer.get("Message", str(status)))
    items = answer.get("Items", [])
    return items[0] if items else None


def describe(timer):
    minutes = round(float(timer["Elapsed"]) * 60)
    return "%d:%02d on #%s %s (since %s, stops itself at %s)" % (
        minutes // 60, minutes % 60, timer["UserStory"]["Id"], timer["UserStory"].get("Name", ""),
        timer["StartDate"], timer["StopsAt"])


def start(arguments):
    config = paired()
    body = {"UserStory": {"Id": arguments.story}, "TimeZone": local_time_zone()}
    if arguments.description:
        body["Description"] = arguments.description
    status, answer = request("POST", config["server"] + "/api/v1/Timers", token=config["token"], body=body)
    if status != 201:
        raise Refused(answer.get("Message", str(status)))
    if answer.get("StoppedTime"):
        stopped = answer["StoppedTime"]
        print("Stopped the timer that was running: logged %s hours on %s" % (stopped["Spent"], stopped["Date"]))
    print("Started: " + describe(answer))
    return EXIT_OK


def show(arguments):
    timer = running(paired())
    print(("Running: " + describe(timer)) if timer else "No timer is running.")
    return EXIT_OK


def stop(arguments, discard=False):
    config = paired()
    timer = running(config)
    if not timer:
        print("No timer is running.")
        return EXIT_OK
    url = config["server"] + "/api/v1/Timers/%d" % timer["Id"]
    if discard:
        status, answer = request("DELETE", url, token=config["token"])
        if status != 204:
            raise Refused(answer.get("Message", str(status)))
        print("Discarded; nothing was logged.")
        return EXIT_OK
    status, answer = request("POST", url + "/stop", token=config["token"])
    if status != 200:
        raise Refused(answer.get("Message", str(status)))
    print("Stopped: logged %s hours on %s" % (answer["Spent"], answer["Date"]))
    return EXIT_OK


def unpair(arguments):
    try:
        os.remove(config_path())
    except FileNotFoundError:
        pass
    print("Forgotten here. Revoke the token under My access tokens to end it on the server too.")
    return EXIT_OK


def main():
    parser = argparse.ArgumentParser(description="A timer that runs on your Gatehouse server.")
    commands = parser.add_subparsers(dest="command", required=True)
    pairing = commands.add_parser("pair", help="pair this app with a Gatehouse server")
    pairing.add_argument("--server", required=True, help="the server's address, e.g. https://gatehouse.example.com")
    pairing.add_argument("--device-name", help="what to call this computer (default: its host name)")
    starting = commands.add_parser("start", help="start a timer on a user story")
    starting.add_argument("story", type=int, help="the user story's id")
    starting.add_argument("--description", help="what you are doing")
    commands.add_parser("show", help="show the running timer")
    commands.add_parser("stop", help="stop the running timer and log its time")
    commands.add_parser("discard", help="drop the running timer without logging")
    commands.add_parser("unpair", help="forget the token on this computer")
    arguments = parser.parse_args()
    try:
        if arguments.command == "pair":
            return pair(arguments)
        if arguments.command == "start":
            return start(arguments)
        if arguments.command == "show":
            return show(arguments)
        if arguments.command == "stop":
            return stop(arguments)
        if arguments.command == "discard":
            return stop(arguments, discard=True)
        return unpair(arguments)
    except Refused as refused:
        print("Refused: %s" % refused, file=sys.stderr)
        return EXIT_REFUSED
    except (urllib.error.URLError, OSError) as unreachable:
        print("Cannot reach the server: %s" % unreachable, file=sys.stderr)
        return EXIT_UNREACHABLE


if __name__ == "__main__":
    sys.exit(main())
