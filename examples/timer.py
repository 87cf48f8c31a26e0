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

Exit status: 0 done; 1 refused by the server; 2 bad usage or not paired; 3 server
unreachable.
"""

import argparse
import json
import os
import platform
import socket
import sys
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
    os.makedirs(os.path.dirname(path), mode=0o700, exist_ok=True)
    # Created owner-only from the start: no moment at which others could read it.
    descriptor = os.open(path + ".new", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as file:
        json.dump(config, file)
    os.replace(path + ".new", path)
    if os.name != "nt":
        os.chmod(path, 0o600)


def request(method, url, token=None, form=None, body=None):
    """Sends a request; returns (status, parsed JSON or None)."""
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
        with urllib.request.urlopen(req, timeout=30) as response:
            text = response.read().decode("utf-8")
            return response.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as error:
        text = error.read().decode("utf-8", "replace")
        try:
            return error.code, json.loads(text)
        except ValueError:
            return error.code, {"Message": text[:200]}


def local_time_zone():
    """The IANA name of this computer's time zone if it can be found, else its offset."""
    if os.environ.get("TZ", "").count("/") >= 1:
        return os.environ["TZ"].lstrip(":")
    try:
        target = os.path.realpath("/etc/localtime")
        if "zoneinfo/" in target:
            return target.split("zoneinfo/", 1)[1]
    except OSError:
        pass
    offset = time.localtime().tm_gmtoff
    sign = "+" if offset >= 0 else "-"
    return "%s%02d:%02d" % (sign, abs(offset) // 3600, abs(offset) % 3600 // 60)


def pair(arguments):
    server = arguments.server.rstrip("/")
    status, metadata = request("GET", server + "/.well-known/oauth-authorization-server")
    if status != 200 or DEVICE_GRANT not in metadata.get("grant_types_supported", []):
        raise Refused("the server does not offer pairing (no device grant in its metadata)")
    device = arguments.device_name or socket.gethostname()
    status, codes = request("POST", metadata["device_authorization_endpoint"],
                            form={"client_id": CLIENT_ID, "device_name": device, "scope": SCOPES})
    if status != 200:
        raise Refused(codes.get("error_description") or codes.get("Message") or str(status))
    print("To pair this app, open %s and enter the code %s" % (codes["verification_uri"], codes["user_code"]))
    print("(or open %s)" % codes.get("verification_uri_complete", codes["verification_uri"]))
    sys.stdout.flush()
    interval = int(codes.get("interval", 5))
    deadline = time.monotonic() + int(codes.get("expires_in", 600))
    while time.monotonic() < deadline:
        time.sleep(interval)
        status, answer = request("POST", metadata["token_endpoint"],
                                 form={"grant_type": DEVICE_GRANT, "device_code": codes["device_code"],
                                       "client_id": CLIENT_ID})
        if status == 200:
            save_config({"server": server, "token": answer["access_token"]})
            print("Paired as \"%s on %s\"; the token is kept in %s" % (CLIENT_ID, device, config_path()))
            return EXIT_OK
        error = (answer or {}).get("error")
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
    return config


def running(config):
    status, answer = request("GET", config["server"] + "/api/v1/Timers", token=config["token"])
    if status != 200:
        raise Refused(answer.get("Message", str(status)))
    items = answer.get("Items", [])
    return items[0] if items else None


def describe(timer):
    hours = float(timer["Elapsed"])
    return "%d:%02d on #%s %s (since %s, stops itself at %s)" % (
        int(hours), round((hours % 1) * 60), timer["UserStory"]["Id"], timer["UserStory"].get("Name", ""),
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
            raise Refused((answer or {}).get("Message", str(status)))
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
