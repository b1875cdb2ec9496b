"""The RPDE change feed as a real client sees it: served the way the host is told to serve it
(changes/index.json), checked by OpenActive's own validator, and polled across rebuilds after a
change, a change whose commit claims an older time, and a deleted file."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from urllib.request import urlopen

import pytest

from browser import serve
from conftest import ROOT, SCHEMA, offer_yaml, provider_yaml, write_files

from aanbod.content.catalogue import read_catalogue
from aanbod.exports import rpde, write_all
from aanbod.exports.publication import Publication
from aanbod.content.settings import DEFAULTS

VALIDATOR = ROOT / "node_modules/@openactive/rpde-validator"


class FeedHost(SimpleHTTPRequestHandler):
    """A static host with the one rewrite changes/index.json asks for, and RPDE's cache headers."""

    def translate_path(self, path):
        parts = urlsplit(path)
        data = Path(self.directory) / "data"
        if parts.path == "/data/" + rpde.FEED:
            query = parse_qs(parts.query)
            after = (query["afterTimestamp"][0], query["afterId"][0]) if "afterTimestamp" in query else None
            target = data / rpde.page_file(after)
            return str(target if target.is_file() else data / rpde.LAST_PAGE)
        return super().translate_path(path)

    def end_headers(self):
        if self.path.startswith("/data/" + rpde.FEED):
            page = json.loads(Path(self.translate_path(self.path)).read_text(encoding="utf-8"))
            self.send_header("Cache-Control", f"public, max-age={8 if not page['items'] else 3600}")
        super().end_headers()

    def guess_type(self, path):
        return "application/json" if str(path).endswith(".json") else super().guess_type(path)

    def log_message(self, *arguments):
        pass


def git(repo: Path, *arguments: str, when: str = "2026-11-01T10:00:00Z") -> None:
    environment = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "t",
                   "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    subprocess.run(["git", "-C", str(repo), *arguments], check=True, capture_output=True, env=environment)


@pytest.fixture
def repository(tmp_path) -> Path:
    """A content repository of its own: three published offers of two providers and one withdrawn (a deleted item)."""
    repo = tmp_path / "repo"
    write_files(repo / "content", {
        "providers/buurtwerk.yaml": provider_yaml(),
        "providers/taalhuis.yaml": provider_yaml("taalhuis", "Taalhuis"),
        "offers/buurtwerk/fietsen.yaml": offer_yaml(),
        "offers/buurtwerk/koken.yaml": offer_yaml("koken", title="Koken voor de buurt"),
        "offers/taalhuis/taalcafe.yaml": offer_yaml("taalcafe", "taalhuis", title="Taalcafé"),
        "offers/taalhuis/gestopt.yaml": offer_yaml("gestopt", "taalhuis", title="Gestopte cursus", status="ingetrokken"),
    })
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "start")
    return repo


def build(repo: Path, site: Path, url: str) -> None:
    catalogue, problems = read_catalogue(repo / "content", SCHEMA)
    assert problems == []
    shutil.rmtree(site / "data", ignore_errors=True)
    write_all(catalogue, site / "data", dataclasses.replace(Publication.from_settings(DEFAULTS), base_url=url))


def read_until_empty(url: str, state: dict) -> tuple[str, list[dict]]:
    """What an RPDE client does: follow next until a page without items; returns that page's URL."""
    seen = []
    for _ in range(100):
        page = json.loads(urlopen(url).read())
        seen += page["items"]
        for item in page["items"]:
            state[item["id"]] = item
        if not page["items"]:
            assert page["next"] == url, "an empty page must point to itself"
            return url, seen
        url = page["next"]
    pytest.fail("the feed never reached an empty page")


def test_a_polling_client_sees_every_change_after_a_rebuild(repository, tmp_path):
    site = tmp_path / "site"
    with serve(site, FeedHost) as url:
        build(repository, site, url)
        state: dict = {}
        last, items = read_until_empty(f"{url}/data/{rpde.FEED}", state)
        assert {item["id"] for item in items} == {path.stem for path in (repository / "content/offers").rglob("*.yaml")}
        keys = [(item["modified"], item["id"]) for item in items]
        assert keys == sorted(keys)
        first_files = {path.relative_to(site) for path in (site / "data/changes").rglob("*.json")}

        # A pull request written before the first commit and merged now: its commit time lies in the past.
        offer = next((repository / "content/offers").rglob("*.yaml"))
        text = offer.read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.startswith("title:"))
        offer.write_text(text.replace(title, "title: Een nieuwe titel"), encoding="utf-8")
        git(repository, "commit", "-q", "-am", "titel", when="2026-10-01T10:00:00Z")
        build(repository, site, url)
        assert first_files <= {path.relative_to(site) for path in (site / "data/changes").rglob("*.json")}, "a next URL handed out before must keep its page"
        last, items = read_until_empty(last, state)
        assert [(item["id"], item["state"], item["data"]["title"]) for item in items] == [(offer.stem, "updated", "Een nieuwe titel")]
        assert items[0]["modified"] > max(key[0] for key in keys)

        gone = sorted((repository / "content/offers").rglob("*.yaml"))[-1]
        git(repository, "rm", "-q", str(gone.relative_to(repository)))
        git(repository, "commit", "-q", "-m", "weg", when="2026-11-02T10:00:00Z")
        build(repository, site, url)
        last, items = read_until_empty(last, state)
        assert items == [{"state": "deleted", "kind": "Offer", "id": gone.stem, "modified": items[0]["modified"]}]

        # A client starting today reads every offer once, with the deletion as a tombstone.
        fresh: dict = {}
        read_until_empty(f"{url}/data/{rpde.FEED}", fresh)
        assert fresh == state


def test_the_official_rpde_validator_accepts_the_feed(repository, tmp_path):
    if not shutil.which("node") or not VALIDATOR.is_dir():
        pytest.skip("node or @openactive/rpde-validator is missing: run `npm ci`")
    site = tmp_path / "site"
    offer = next((repository / "content/offers").rglob("*.yaml"))
    offer.write_text(offer.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    git(repository, "commit", "-q", "-am", "tweede")
    with serve(site, FeedHost) as url:
        build(repository, site, url)
        script = ("const { RpdeValidator } = require('@openactive/rpde-validator');"
                  "RpdeValidator(process.argv[1]).then((log) => console.log(JSON.stringify(log.pages.map("
                  "(page) => page.errors.map((error) => [page.url, error.severity, error.type, error.message])).flat())));")
        result = subprocess.run(["node", "-e", script, f"{url}/data/{rpde.FEED}"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    errors = json.loads(result.stdout)
    # Allowed remarks: our items are offers, not OpenActive opportunity data; and the validator judges
    # the last page's headers before it knows the page is the last (its walk loads every page as non-last).
    remarks = {(error[1], error[2], error[0]) for error in errors}
    last = json.loads((site / "data" / rpde.LAST_PAGE).read_text(encoding="utf-8"))["next"]
    assert remarks <= {("suggestion", "no_modelling_data", f"{url}/data/{rpde.FEED}"), ("warning", "missing_cache_control", last)}, errors
