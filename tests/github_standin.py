"""A stand-in for the GitHub REST API on 127.0.0.1: issues, comments and labels of one repository, in memory.

It answers the calls aanbod/contrib/github_api.py makes and records each, so a test can assert on what a
workflow's command did to GitHub.
"""

from __future__ import annotations

import json
import re
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

TOKEN = "test-token"


class GitHubStandIn:
    def __init__(self, repository: str):
        self.repository = repository
        self.issues: dict[int, dict] = {}
        self.comments: list[tuple[int, str]] = []
        self.calls: list[tuple[str, str, dict | None]] = []
        self.url = ""

    def add_issue(self, title: str, body: str, labels: list[str], state: str = "open") -> int:
        number = len(self.issues) + 1
        self.issues[number] = {"number": number, "title": title, "body": body, "state": state, "labels": [{"name": label} for label in labels]}
        return number


def _handler(standin: GitHubStandIn):
    prefix = f"/repos/{standin.repository}"

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def _answer(self, status: int, data=None):
            raw = b"" if data is None else json.dumps(data).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def _handle(self, method: str):
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            data = json.loads(self.rfile.read(length)) if length else None
            standin.calls.append((method, parts.path, data))
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                return self._answer(401, {"message": "Bad credentials"})
            if not parts.path.startswith(prefix):
                return self._answer(404, {"message": "Not Found"})
            path = parts.path[len(prefix):]
            if method == "GET" and path == "/issues":
                query = parse_qs(parts.query)
                label = query.get("labels", [""])[0]
                found = [issue for issue in standin.issues.values() if issue["state"] == query.get("state", ["open"])[0]
                         and (not label or label in [item["name"] for item in issue["labels"]])]
                page, size = int(query.get("page", ["1"])[0]), int(query.get("per_page", ["30"])[0])
                return self._answer(200, found[(page - 1) * size:page * size])
            if method == "POST" and path == "/issues":
                number = standin.add_issue(data["title"], data["body"], data.get("labels", []))
                return self._answer(201, standin.issues[number])
            match = re.fullmatch(r"/issues/(\d+)(/comments|/labels)?", path)
            if not match or int(match.group(1)) not in standin.issues:
                return self._answer(404, {"message": "Not Found"})
            issue = standin.issues[int(match.group(1))]
            if method == "PATCH" and not match.group(2):
                issue.update({key: value for key, value in data.items() if key in ("title", "body", "state")})
                return self._answer(200, issue)
            if method == "POST" and match.group(2) == "/comments":
                standin.comments.append((issue["number"], data["body"]))
                return self._answer(201, {"id": len(standin.comments)})
            if method == "POST" and match.group(2) == "/labels":
                names = [item["name"] for item in issue["labels"]]
                issue["labels"] += [{"name": label} for label in data["labels"] if label not in names]
                return self._answer(200, issue["labels"])
            return self._answer(404, {"message": "Not Found"})

        def do_GET(self):
            self._handle("GET")

        def do_POST(self):
            self._handle("POST")

        def do_PATCH(self):
            self._handle("PATCH")

    return Handler


@contextmanager
def github_standin(repository: str = "open-aanbod/open-aanbod"):
    """A running stand-in; its ``url`` is the value for GITHUB_API_URL."""
    standin = GitHubStandIn(repository)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(standin))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    standin.url = f"http://127.0.0.1:{server.server_port}"
    try:
        yield standin
    finally:
        server.shutdown()
        server.server_close()
