#!/usr/bin/env python3
"""Upload an analysis snapshot to Gatehouse from a CI job.

Uses only the Python 3 standard library. Two ways to prove who uploads:

- a project access token, read from an environment variable (GATEHOUSE_PROJECT_TOKEN by
  default), never from the command line, so that it does not show up in process lists or
  CI logs:

    export GATEHOUSE_PROJECT_TOKEN=gprj_...        # a CI secret
    python3 upload_snapshot.py --server https://gatehouse.example.com \\
        --project APOLLO --version "$GIT_COMMIT" build/analysis.json

- with --oidc-token, the job's own short-lived OpenID Connect token, for a project that
  trusts the job's CI identity: no stored secret at all. On GitHub Actions (with
  `permissions: id-token: write`) the script asks the runner for a token whose audience
  is the server's URL (or --audience); on GitLab CI, declare
  `id_tokens: GATEHOUSE_ID_TOKEN: aud: https://gatehouse.example.com` and the script reads
  it (another variable with --oidc-token-env).

    python3 upload_snapshot.py --oidc-token --server https://gatehouse.example.com \\
        --project APOLLO --version "$GITHUB_SHA" build/analysis.json

Exit status: 0 uploaded; 1 refused by the server; 2 bad usage; 3 server unreachable.
"""

import argparse
import hashlib
import http.client
import json
import os
import sys
import urllib.parse

EXIT_OK, EXIT_REFUSED, EXIT_USAGE, EXIT_UNREACHABLE = 0, 1, 2, 3


def parse_arguments():
    parser = argparse.ArgumentParser(description="Upload an analysis snapshot to a Gatehouse project.")
    parser.add_argument("file", help="the snapshot file to upload")
    parser.add_argument("--server", required=True, help="Gatehouse base URL, e.g. https://gatehouse.example.com")
    parser.add_argument("--project", required=True, help="the project key (or numeric id)")
    parser.add_argument("--version", required=True, help="the version or commit label of this snapshot")
    parser.add_argument("--token-env", default="GATEHOUSE_PROJECT_TOKEN",
                        help="environment variable holding the project access token (default: %(default)s)")
    parser.add_argument("--oidc-token", action="store_true",
                        help="upload with the CI job's OpenID Connect token instead of a project access token")
    parser.add_argument("--oidc-token-env", default="GATEHOUSE_ID_TOKEN",
                        help="environment variable holding the job's OpenID Connect token, e.g. GitLab's id_tokens "
                             "(default: %(default)s); on GitHub Actions the token is requested from the runner")
    parser.add_argument("--audience",
                        help="the audience to ask GitHub Actions' token for (default: the --server URL, so that a "
                             "token for this server is worth nothing at another)")
    parser.add_argument("--timeout", type=float, default=300, help="seconds to wait for the server (default: 300)")
    return parser.parse_args()


def fail(status, message):
    print("upload_snapshot: " + message, file=sys.stderr)
    sys.exit(status)


def server_message(body):
    """The Message of a Gatehouse error body (JSON), or the start of whatever came back."""
    try:
        return json.loads(body.decode("utf-8")).get("Message", "")
    except (ValueError, AttributeError):
        return body.decode("utf-8", "replace")[:200]


def github_actions_token(audience, timeout):
    """The job's OpenID Connect token from the GitHub Actions runner, or None outside one."""
    url = os.environ.get("ACTIONS_ID_TOKEN_REQUEST_URL")
    bearer = os.environ.get("ACTIONS_ID_TOKEN_REQUEST_TOKEN")
    if not url or not bearer:
        return None
    location = urllib.parse.urlsplit(url)
    query = (location.query + "&" if location.query else "") + urllib.parse.urlencode({"audience": audience})
    connection_type = http.client.HTTPSConnection if location.scheme == "https" else http.client.HTTPConnection
    connection = connection_type(location.netloc, timeout=timeout)
    try:
        connection.request("GET", location.path + "?" + query,
                           headers={"Authorization": "Bearer " + bearer, "Accept": "application/json"})
        response = connection.getresponse()
        body = response.read()
    except OSError as error:
        fail(EXIT_UNREACHABLE, "cannot get the job's OpenID Connect token from GitHub Actions: {}".format(error))
    finally:
        connection.close()
    if response.status != 200:
        fail(EXIT_REFUSED, "GitHub Actions gave no OpenID Connect token ({}); does the job have "
                           "'permissions: id-token: write'?".format(response.status))
    try:
        return json.loads(body.decode("utf-8"))["value"]
    except (ValueError, KeyError, AttributeError):
        fail(EXIT_REFUSED, "GitHub Actions answered without a token")


def credential(arguments):
    """The bearer token to upload with: the job's OpenID Connect token, or the project access token."""
    if arguments.oidc_token:
        token = os.environ.get(arguments.oidc_token_env, "").strip()
        if not token:
            token = github_actions_token(arguments.audience or arguments.server.rstrip("/"), arguments.timeout)
        if not token:
            fail(EXIT_USAGE, "no OpenID Connect token: set {} (GitLab: id_tokens) or run on GitHub Actions with "
                             "'permissions: id-token: write'".format(arguments.oidc_token_env))
        return token
    token = os.environ.get(arguments.token_env, "").strip()
    if not token:
        fail(EXIT_USAGE, "set the project access token in the environment variable " + arguments.token_env)
    return token


def main():
    arguments = parse_arguments()
    token = credential(arguments)
    if not os.path.isfile(arguments.file):
        fail(EXIT_USAGE, "no such file: " + arguments.file)
    size = os.path.getsize(arguments.file)
    if size == 0:
        fail(EXIT_USAGE, "the file is empty: " + arguments.file)

    server = urllib.parse.urlsplit(arguments.server)
    if server.scheme not in ("http", "https") or not server.netloc:
        fail(EXIT_USAGE, "--server must be an http:// or https:// URL")
    if server.scheme == "http" and server.hostname not in ("localhost", "127.0.0.1", "::1"):
        print("upload_snapshot: warning: sending the token over plain HTTP", file=sys.stderr)
    path = "{}/api/v1/Projects/{}/Snapshots?{}".format(
        server.path.rstrip("/"), urllib.parse.quote(arguments.project, safe=""),
        urllib.parse.urlencode({"version": arguments.version, "fileName": os.path.basename(arguments.file)}))
    connection_type = http.client.HTTPSConnection if server.scheme == "https" else http.client.HTTPConnection
    connection = connection_type(server.netloc, timeout=arguments.timeout)

    digest = hashlib.sha256()
    try:
        # The raw form of the upload: the file is streamed, never read whole into memory.
        connection.putrequest("POST", path)
        connection.putheader("Authorization", "Bearer " + token)
        connection.putheader("Content-Type", "application/octet-stream")
        connection.putheader("Content-Length", str(size))
        connection.putheader("Accept", "application/json")
        connection.putheader("User-Agent", "gatehouse-upload-snapshot/1.0")
        connection.endheaders()
        with open(arguments.file, "rb") as snapshot:
            for block in iter(lambda: snapshot.read(64 * 1024), b""):
                digest.update(block)
                connection.send(block)
        response = connection.getresponse()
        body = response.read()
    except (BrokenPipeError, ConnectionResetError):
        # The server answered before the whole file was sent, and stopped reading:
        # its answer says why, if it can still be read.
        try:
            response = connection.getresponse()
            body = response.read()
        except (OSError, http.client.HTTPException):
            fail(EXIT_REFUSED, "the server closed the connection during the upload; the token may be invalid "
                               "or the file larger than the server's snapshot size limit")
    except OSError as error:
        fail(EXIT_UNREACHABLE, "cannot reach {}: {}".format(arguments.server, error))
    finally:
        connection.close()

    if response.status == 201:
        snapshot = json.loads(body.decode("utf-8"))
        if snapshot.get("Sha256") != digest.hexdigest():
            fail(EXIT_REFUSED, "the server stored a different SHA-256 than the file's; upload it again")
        print("Uploaded snapshot {} of project {}: version {}, {} bytes, SHA-256 {}".format(
            snapshot.get("Id"), arguments.project, snapshot.get("Version"), snapshot.get("Size"),
            snapshot.get("Sha256")))
        source = snapshot.get("Source")
        if source:
            print("Recorded as uploaded by the CI job of {} at {} (run {})".format(
                source.get("Repository"), source.get("Ref"), source.get("Run")))
        return EXIT_OK
    what = "the job's OpenID Connect token" if arguments.oidc_token else "the project access token"
    reasons = {
        401: what + (" is not trusted: no trusted CI identity of any project matches its issuer, audience and "
                     "claims, or it expired (401)" if arguments.oidc_token else " is invalid, expired or deleted (401)"),
        403: what + " may not do this; it uploads to its own project only (403)",
        404: "no such project (404)",
        413: "the file is larger than the server's snapshot size limit (413)",
        415: "the server did not accept the upload's content type (415)",
        429: "too many failed attempts from this address; try again later (429)",
    }
    reason = reasons.get(response.status, "the server answered {} {}".format(response.status, response.reason))
    message = server_message(body)
    fail(EXIT_REFUSED, "upload refused: " + reason + (": " + message if message else ""))


if __name__ == "__main__":
    sys.exit(main())
