"""Reminders before an offer expires: per provider, the offers that are or become stale or expired soon.

``due`` works the list out from the catalogue and the build's 'today'; ``issue_text`` is what the
provider reads; ``sync`` keeps one open GitHub issue per provider in step with it (opened, updated,
closed when every offer is verified again). The weekly workflow calls ``python -m aanbod reminders
--github``; without ``--github`` the same list is printed, so it runs locally too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .error_report import PROVIDER_LABEL
from .freshness import CURRENT, EXPIRED, STALE, Limits, assess

LABEL = "herinnering"
WEEKS_AHEAD = 4
MARKER = "<!-- aanbod: herinnering {provider} -->"
CLOSING = "Alles klopt weer: al het aanbod is gecontroleerd en de links werken. Dank je wel!"
_MARKER = re.compile(r"<!-- aanbod: herinnering ([a-z0-9-]+) -->")


@dataclass(frozen=True)
class Due:
    offer_id: str
    title: str
    path: str
    verified_on: date
    state: str  # now: actueel, verouderd or verlopen
    becomes: str  # the state it reaches within the weeks ahead
    on: date  # the day it reaches that state (today or earlier when it already has)


@dataclass(frozen=True)
class ProviderReminder:
    provider: str
    name: str
    due: tuple[Due, ...]
    # Websites and e-mail addresses that did not work in the last link check (links.Broken).
    broken: tuple = ()

    @property
    def needs_issue(self) -> bool:
        return bool(self.due or self.broken)


def with_links(reminders: list[ProviderReminder], report) -> list[ProviderReminder]:
    """The reminders with each provider's broken links from a link report (``links.read_report``)."""
    if report is None:
        return reminders
    return [replace(reminder, broken=tuple(report.of(reminder.provider))) for reminder in reminders]


def _first_day(verified_on: date, months: int, today: date, until: date) -> date:
    """The first day from ``today`` on which an offer verified on ``verified_on`` is older than ``months``."""
    day = today
    while day <= until and not verified_on < Limits(day, months, months).stale_before:
        day += timedelta(days=1)
    return day


def due(catalogue, limits: Limits, weeks: int = WEEKS_AHEAD) -> list[ProviderReminder]:
    """Every provider with the offers that are stale or expired now, or become so within ``weeks``; oldest first."""
    ahead = Limits(limits.today + timedelta(weeks=weeks), limits.stale_months, limits.expire_months)
    found: dict[str, list[Due]] = {provider_id: [] for provider_id in catalogue.providers}
    for entry in assess(catalogue, limits):
        later = ahead.state(entry.verified_on)
        if later == CURRENT:
            continue
        if entry.state == later:
            on = entry.verified_on  # already there: no date ahead to name
        else:
            months = limits.expire_months if later == EXPIRED else limits.stale_months
            on = _first_day(entry.verified_on, months, limits.today, ahead.today)
        found[entry.provider].append(Due(entry.offer_id, entry.title, entry.path, entry.verified_on, entry.state, later, on))
    return [ProviderReminder(provider_id, catalogue.providers[provider_id].name, tuple(items)) for provider_id, items in found.items()]


def describe(item: Due) -> str:
    if item.state == EXPIRED:
        return "verlopen: staat niet meer op de site"
    if item.state == STALE and item.becomes == STALE:
        return "verouderd: controleer het nu"
    if item.becomes == EXPIRED:
        return f"verloopt op {item.on.isoformat()}: daarna staat het niet meer op de site"
    return f"verouderd vanaf {item.on.isoformat()}"


def issue_title(reminder: ProviderReminder) -> str:
    return f"Controleer je aanbod: {reminder.name}"


def issue_text(reminder: ProviderReminder, maintainers: list[str], limits: Limits, command: str = "python -m aanbod verified",
               edit_url=None) -> str:
    """The issue body: who, which offers and files, and the one step that verifies them again.

    ``edit_url(path)``, when given, links each file to GitHub's editor, where a provider without a
    terminal changes the date and proposes the change as a pull request.
    """
    greeting = "Hallo " + " ".join(f"@{account}" for account in maintainers) + "," if maintainers else "Hallo,"
    parts = [MARKER.format(provider=reminder.provider), greeting, ""]
    if reminder.due:
        parts += _due_text(reminder, limits, command, edit_url)
    if reminder.broken:
        parts += [
            "" if reminder.due else None,
            "**Links en e-mailadressen die niet werken.** Bij de laatste controle werkten deze niet. Zet het goede adres erbij, of haal het weg:",
            "",
            *(f"- `{item.path}` regel {item.line}, {item.field}: {item.message} ({item.value})" for item in reminder.broken),
        ]
    parts += ["", "Dit bericht gaat vanzelf dicht als alles weer klopt."]
    return "\n".join(part for part in parts if part is not None)


def _due_text(reminder: ProviderReminder, limits: Limits, command: str, edit_url) -> list[str]:
    def file(path: str) -> str:
        return f"[`{path}`]({edit_url(path)})" if edit_url else f"`{path}`"

    rows = [f"| {item.title.replace('|', '/')} | {file(item.path)} | {item.verified_on.isoformat()} | {describe(item)} |" for item in reminder.due]
    ids = " ".join(item.offer_id for item in reminder.due)
    return [
        f"Klopt dit aanbod van {reminder.name} nog? Aanbod dat je langer dan {limits.stale_months} maanden niet hebt gecontroleerd, "
        f"heet verouderd. Na {limits.expire_months} maanden staat het niet meer op de site.",
        "",
        "| Aanbod | Bestand | Gecontroleerd op | Wat er gebeurt |",
        "|---|---|---|---|",
        *rows,
        "",
        "**Zo doe je het.** Kijk of alles nog klopt. Verander wat niet meer klopt. Zet daarna in elk bestand bij `verified_on` "
        "de datum van vandaag" + (" (klik op het bestand om het op GitHub te veranderen)" if edit_url else "") + ". Dat kan ook met één opdracht:",
        "",
        f"    {command} --provider {reminder.provider} {ids}",
        "",
        "Open dan een pull request.",
    ]


@dataclass(frozen=True)
class Action:
    provider: str
    what: str  # geopend, bijgewerkt, ongewijzigd, gesloten
    number: int


def sync(github, reminders: list[ProviderReminder], text_of) -> list[Action]:
    """One open issue per provider with offers due or broken links: open it, update its text, or close it when nothing is due.

    ``text_of(reminder)`` gives the body. Issues are found by the marker in their body, not by title, so a
    renamed provider keeps its issue.
    """
    open_issues: dict[str, dict] = {}
    for issue in github.open_issues(LABEL):
        found = _MARKER.search(issue.get("body") or "")
        if found:
            open_issues.setdefault(found.group(1), issue)
    actions = []
    for reminder in reminders:
        issue = open_issues.pop(reminder.provider, None)
        if not reminder.needs_issue:
            if issue:
                github.comment(issue["number"], CLOSING)
                github.update_issue(issue["number"], state="closed", state_reason="completed")
                actions.append(Action(reminder.provider, "gesloten", issue["number"]))
            continue
        body = text_of(reminder)
        if issue is None:
            number = github.create_issue(issue_title(reminder), body, [LABEL, PROVIDER_LABEL.format(provider=reminder.provider)])
            actions.append(Action(reminder.provider, "geopend", number))
        elif issue.get("body") != body or issue.get("title") != issue_title(reminder):
            github.update_issue(issue["number"], title=issue_title(reminder), body=body)
            actions.append(Action(reminder.provider, "bijgewerkt", issue["number"]))
        else:
            actions.append(Action(reminder.provider, "ongewijzigd", issue["number"]))
    for provider, issue in sorted(open_issues.items()):
        # The provider is gone from the content: nothing left to remind anyone of.
        github.update_issue(issue["number"], state="closed", state_reason="not_planned")
        actions.append(Action(provider, "gesloten", issue["number"]))
    return actions
