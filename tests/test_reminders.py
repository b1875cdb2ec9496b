"""Reminders before an offer expires (issue 16): what is due per provider, the weekly issues, and verifying again."""

from __future__ import annotations

import json
import os
import runpy
import subprocess
import sys
from datetime import date

import pytest

from aanbod.contrib import reminders, reverify
from aanbod.content.catalogue import read_catalogue
from aanbod.contrib.freshness import Limits
from conftest import ROOT, SCHEMA, SCHEMA_OPTION, offer_yaml, provider_yaml, write_files
from github_standin import TOKEN, github_standin

TODAY = date(2026, 11, 22)
LIMITS = Limits(TODAY, 6, 12)


@pytest.fixture
def content(tmp_path):
    return write_files(tmp_path / "content", {
        "providers/buurtwerk.yaml": provider_yaml() + "maintainers: [anna-b]\n",
        "providers/anker.yaml": provider_yaml("anker", "Het Anker"),
        "offers/buurtwerk/vers.yaml": offer_yaml("vers", verified_on="2026-10-15"),
        # becomes stale on 2026-12-10: verified_on is then more than 6 months ago
        "offers/buurtwerk/bijna.yaml": offer_yaml("bijna", verified_on="2026-06-09"),
        "offers/buurtwerk/oud.yaml": offer_yaml("oud", verified_on="2026-03-01"),
        # expires within four weeks
        "offers/buurtwerk/verloopt.yaml": offer_yaml("verloopt", verified_on="2025-12-01"),
        "offers/anker/atelier.yaml": offer_yaml("atelier", provider="anker", verified_on="2026-09-01"),
    })


def due_of(content):
    catalogue, problems = read_catalogue(content, SCHEMA)
    assert problems == []
    return {reminder.provider: reminder for reminder in reminders.due(catalogue, LIMITS)}


def test_offers_that_become_stale_or_expire_within_four_weeks_are_due(content):
    due = due_of(content)
    assert due["anker"].due == ()
    items = {item.offer_id: item for item in due["buurtwerk"].due}
    assert set(items) == {"bijna", "oud", "verloopt"}
    assert (items["bijna"].state, items["bijna"].becomes, items["bijna"].on) == ("actueel", "verouderd", date(2026, 12, 10))
    assert (items["oud"].state, items["oud"].becomes) == ("verouderd", "verouderd")
    assert (items["verloopt"].becomes, items["verloopt"].on) == ("verlopen", date(2026, 12, 2))
    assert items["bijna"].path.endswith("offers/buurtwerk/bijna.yaml")


def test_the_issue_text_names_files_dates_and_the_one_command(content):
    reminder = due_of(content)["buurtwerk"]
    text = reminders.issue_text(reminder, ["anna-b"], LIMITS)
    assert text.splitlines()[0] == "<!-- aanbod: herinnering buurtwerk -->"
    assert "@anna-b" in text
    for item in reminder.due:
        assert f"`{item.path}` | {item.verified_on.isoformat()}" in text
    assert [item.offer_id for item in reminder.due] == ["verloopt", "oud", "bijna"]  # the oldest first
    assert "    python -m aanbod verified --provider buurtwerk verloopt oud bijna\n" in text


def run(*arguments, env=None):
    return subprocess.run([sys.executable, "-m", "aanbod", *arguments, *SCHEMA_OPTION], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **(env or {})})


def test_the_weekly_run_opens_updates_and_closes_one_issue_per_provider(content):
    arguments = ("reminders", "--content", str(content), "--today", TODAY.isoformat(), "--github", "voorbeeld/aanbod")
    with github_standin("voorbeeld/aanbod") as github:
        env = {"GITHUB_API_URL": github.url, "GITHUB_TOKEN": TOKEN}
        # An old reminder for a provider that has nothing due any more, and an unrelated issue with the label.
        stale_issue = github.add_issue("Controleer je aanbod: Het Anker", "<!-- aanbod: herinnering anker -->\noud", ["herinnering"])
        other = github.add_issue("Iets anders", "geen herinnering", ["herinnering"])
        first = run(*arguments, env=env)
        assert first.returncode == 0, first.stderr
        opened = [issue for issue in github.issues.values() if issue["title"] == "Controleer je aanbod: Buurtwerk"]
        assert len(opened) == 1 and opened[0]["state"] == "open"
        assert {label["name"] for label in opened[0]["labels"]} == {"herinnering", "aanbieder:buurtwerk"}
        assert "bijna.yaml" in opened[0]["body"] and "verloopt.yaml" in opened[0]["body"]
        # Each file links to GitHub's editor, for providers without a terminal (AANBOD_REPOSITORY_URL in pelicanconf.py).
        settings = runpy.run_path(str(ROOT / "pelicanconf.py"))
        editor = f"{settings['AANBOD_REPOSITORY_URL']}/edit/{settings.get('AANBOD_REPOSITORY_BRANCH', 'main')}/content/offers/buurtwerk/bijna.yaml"
        assert f"]({editor})" in opened[0]["body"]
        assert github.issues[stale_issue]["state"] == "closed" and github.issues[other]["state"] == "open"
        assert f"issue #{opened[0]['number']} geopend" in first.stdout

        # A week later nothing changed: the same issue, no second one.
        again = run(*arguments, env=env)
        assert f"issue #{opened[0]['number']} ongewijzigd" in again.stdout
        assert len([issue for issue in github.issues.values() if issue["title"] == "Controleer je aanbod: Buurtwerk"]) == 1

        # One offer verified: the issue is updated; all verified: it is closed with a thank-you.
        reverify.apply(reverify.plan(content / "offers", "buurtwerk", ["oud"], TODAY))
        updated = run(*arguments, env=env)
        assert f"issue #{opened[0]['number']} bijgewerkt" in updated.stdout
        assert "oud.yaml" not in github.issues[opened[0]["number"]]["body"]
        reverify.apply(reverify.plan(content / "offers", "buurtwerk", [], TODAY))
        closed = run(*arguments, env=env)
        assert f"issue #{opened[0]['number']} gesloten" in closed.stdout, closed.stdout + closed.stderr
        assert github.issues[opened[0]["number"]]["state"] == "closed"
        assert (opened[0]["number"], reminders.CLOSING) in github.comments


def test_without_github_the_list_is_printed_and_as_json(content):
    result = run("reminders", "--content", str(content), "--today", TODAY.isoformat(), "--format", "json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    assert [item["provider"] for item in found] == ["buurtwerk"]
    assert sorted(offer["id"] for offer in found[0]["offers"]) == ["bijna", "oud", "verloopt"]
    text = run("reminders", "--content", str(content), "--today", TODAY.isoformat())
    assert "bijna.yaml: verified_on 2026-06-09: verouderd vanaf 2026-12-10" in text.stdout


def test_verified_changes_only_the_verified_on_line_of_each_chosen_offer(content):
    target = content / "offers/buurtwerk/oud.yaml"
    # Comments, quotes, CRLF line ends and the layout around the line all stay.
    target.write_bytes(("# mijn notitie\r\n" + offer_yaml("oud", verified_on="'2026-03-01'  # door Anna").replace("\n", "\r\n")).encode())
    before = {path: path.read_bytes() for path in (content / "offers").rglob("*.yaml")}
    result = run("verified", "--content", str(content), "--provider", "buurtwerk", "oud", "bijna", "--today", "2026-11-30")
    assert result.returncode == 0, result.stderr
    for path, old in before.items():
        new = path.read_bytes()
        if path.stem in ("oud", "bijna"):
            changed = [(a, b) for a, b in zip(old.splitlines(keepends=True), new.splitlines(keepends=True)) if a != b]
            assert len(changed) == 1 and len(old.splitlines()) == len(new.splitlines()), path
            assert changed[0][1].startswith(b"verified_on:") and b"2026-11-30" in changed[0][1]
        else:
            assert new == old, path
    assert b"verified_on: '2026-11-30'  # door Anna\r\n" in target.read_bytes()
    assert read_catalogue(content, SCHEMA)[1] == []


def test_verified_also_dates_the_chosen_offers_availability_and_nothing_else(content):
    """Issue 16: verifying sets the availability date too, on the entries of the chosen offers only."""
    availability = content / "availability/buurtwerk.yaml"
    availability.parent.mkdir()
    availability.write_text("# plek, per aanbod\noud:\n  availability: vol  # tot de zomer\n  checked_on: 2026-10-01\n"
                            "vers:\n  availability: plek\n  free_places: 2\n  checked_on: 2026-10-01\n", encoding="utf-8")
    before = availability.read_text(encoding="utf-8")
    result = run("verified", "--content", str(content), "--provider", "buurtwerk", "oud", "--today", "2026-11-30")
    assert result.returncode == 0, result.stderr
    after = availability.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines()) if a != b]
    assert changed == [("  checked_on: 2026-10-01", "  checked_on: 2026-11-30")] and after.count("2026-10-01") == 1
    assert after.index("2026-11-30") < after.index("vers:")  # the entry of oud, not of vers
    assert f"{availability}: checked_on is nu 2026-11-30." in result.stdout
    assert read_catalogue(content, SCHEMA, today=date(2026, 11, 30))[1] == []


def test_verified_refuses_an_offer_of_another_provider_and_changes_nothing(content):
    before = {path: path.read_bytes() for path in (content / "offers").rglob("*.yaml")}
    result = run("verified", "--content", str(content), "--provider", "buurtwerk", "oud", "atelier", "--today", "2026-11-30")
    assert result.returncode == 2 and "atelier: geen aanbod van 'buurtwerk'" in result.stderr
    assert {path: path.read_bytes() for path in before} == before


def test_broken_links_from_the_link_report_go_in_the_same_issue(content, tmp_path):
    report = tmp_path / "rapport.json"
    report.write_text(json.dumps({"checked_on": "2026-11-20", "checked": 3, "problems": [
        {"provider": "anker", "path": "content/providers/anker.yaml", "line": 5, "field": "website",
         "value": "https://anker.example.nl/", "message": "de pagina bestaat niet (meer) (HTTP 404)", "checked_on": "2026-11-20"}]}), encoding="utf-8")
    with github_standin("voorbeeld/aanbod") as github:
        result = run("reminders", "--content", str(content), "--today", TODAY.isoformat(), "--github", "voorbeeld/aanbod",
                     "--links-report", str(report), env={"GITHUB_API_URL": github.url, "GITHUB_TOKEN": TOKEN})
        assert result.returncode == 0, result.stderr
        anker = [issue for issue in github.issues.values() if issue["title"] == "Controleer je aanbod: Het Anker"]
    assert len(anker) == 1  # nothing due for verifying, but a broken website
    assert "- `content/providers/anker.yaml` regel 5, website: de pagina bestaat niet (meer) (HTTP 404) (https://anker.example.nl/)" in anker[0]["body"]
    assert "verified_on" not in anker[0]["body"]
