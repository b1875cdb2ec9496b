"""The few GitHub REST calls the workflows need: comment, label, and open, update or close issues.

The address comes from ``GITHUB_API_URL`` (GitHub sets it in every workflow; tests point it at a
stand-in on 127.0.0.1) and the token from ``GITHUB_TOKEN``. Standard library only: five calls do
not justify a client library.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from urllib.parse import urlencode

DEFAULT_API = "https://api.github.com"


class GitHubError(Exception):
    """A call to GitHub failed; the message says which and why, in Dutch."""


class GitHub:
    def __init__(self, repository: str, token: str, api_url: str = DEFAULT_API, timeout: float = 30):
        if repository.count("/") != 1:
            raise GitHubError(f"'{repository}' is geen repository: schrijf eigenaar/naam, zoals open-aanbod/open-aanbod.")
        self.repository = repository
        self.token = token
        self.api_url = api_url.rstrip("/")
        self.timeout = timeout

    @classmethod
    def from_environment(cls, repository: str) -> "GitHub":
        token = os.environ.get("GITHUB_TOKEN", "")
        if not token:
            raise GitHubError("GITHUB_TOKEN ontbreekt: de workflow geeft hem mee als omgevingsvariabele.")
        return cls(repository, token, os.environ.get("GITHUB_API_URL") or DEFAULT_API)

    def _call(self, method: str, path: str, data: dict | None = None, query: dict | None = None):
        url = f"{self.api_url}/repos/{self.repository}{path}" + (f"?{urlencode(query)}" if query else "")
        request = urllib.request.Request(url, method=method, data=None if data is None else json.dumps(data).encode("utf-8"))
        request.add_header("Accept", "application/vnd.github+json")
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("X-GitHub-Api-Version", "2022-11-28")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                raw = response.read()
        except urllib.error.HTTPError as error:
            raise GitHubError(f"GitHub antwoordde {error.code} op {method} {path}.") from None
        except (urllib.error.URLError, OSError) as error:
            raise GitHubError(f"GitHub is niet bereikbaar ({getattr(error, 'reason', error)}).") from None
        return json.loads(raw) if raw else None

    def comment(self, number: int, text: str) -> None:
        self._call("POST", f"/issues/{number}/comments", {"body": text})

    def add_labels(self, number: int, labels: list[str]) -> None:
        self._call("POST", f"/issues/{number}/labels", {"labels": labels})

    def open_issues(self, label: str) -> list[dict]:
        """Every open issue with ``label`` (pull requests left out), following the pages."""
        found, page = [], 1
        while True:
            batch = self._call("GET", "/issues", query={"state": "open", "labels": label, "per_page": 100, "page": page})
            found += [issue for issue in batch if "pull_request" not in issue]
            if len(batch) < 100:
                return found
            page += 1

    def create_issue(self, title: str, body: str, labels: list[str]) -> int:
        return self._call("POST", "/issues", {"title": title, "body": body, "labels": labels})["number"]

    def update_issue(self, number: int, **fields) -> None:
        self._call("PATCH", f"/issues/{number}", fields)
