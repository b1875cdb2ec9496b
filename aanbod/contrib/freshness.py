"""How recently the provider verified each offer: current, stale (warn) or expired (not published).

Ages are counted from the build's 'today' (the commit date), never from the clock, so two
builds of one commit agree. An expired offer is reported to its provider and the editors;
it returns as soon as the provider writes a new verified_on.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

CURRENT, STALE, EXPIRED = "actueel", "verouderd", "verlopen"
STATE_LABELS = {
    CURRENT: "Actueel",
    STALE: "Verouderd: controleer het aanbod",
    EXPIRED: "Verlopen: niet op de site",
}


def months_before(day: date, months: int) -> date:
    """The same day ``months`` calendar months earlier; the 31st becomes the last day of a shorter month."""
    total = day.year * 12 + day.month - 1 - months
    year, month = divmod(total, 12)
    month += 1
    following = date(year + month // 12, month % 12 + 1, 1)
    last_day = (following - date.resolution).day
    return date(year, month, min(day.day, last_day))


@dataclass(frozen=True)
class Limits:
    """Offers verified before ``stale_before`` get a warning; before ``expired_before`` they are not published."""

    today: date
    stale_months: int
    expire_months: int

    @property
    def stale_before(self) -> date:
        return months_before(self.today, self.stale_months)

    @property
    def expired_before(self) -> date:
        return months_before(self.today, self.expire_months)

    def state(self, verified_on: date) -> str:
        if verified_on < self.expired_before:
            return EXPIRED
        if verified_on < self.stale_before:
            return STALE
        return CURRENT


@dataclass(frozen=True)
class Entry:
    provider: str
    provider_name: str
    offer_id: str
    title: str
    verified_on: date
    days: int
    state: str
    path: str


def assess(catalogue, limits: Limits) -> list[Entry]:
    """One entry per offer that would be published by its status, oldest verification first."""
    entries = []
    for offer in catalogue.offers:
        if not offer.is_published:
            continue
        provider = catalogue.providers[offer.provider]
        entries.append(Entry(
            offer.provider, provider.name, offer.id, offer.title, offer.verified_on,
            (limits.today - offer.verified_on).days, limits.state(offer.verified_on), offer.source_path,
        ))
    return sorted(entries, key=lambda entry: (entry.verified_on, entry.offer_id))


@dataclass(frozen=True)
class ProviderReport:
    provider: str
    name: str
    entries: tuple[Entry, ...]

    def count(self, state: str) -> int:
        return sum(1 for entry in self.entries if entry.state == state)

    @property
    def needs_attention(self) -> list[Entry]:
        return [entry for entry in self.entries if entry.state != CURRENT]


def by_provider(catalogue, entries: list[Entry]) -> list[ProviderReport]:
    """Every provider, the ones with the most expired and stale offers first."""
    grouped: dict[str, list[Entry]] = {provider_id: [] for provider_id in catalogue.providers}
    for entry in entries:
        grouped[entry.provider].append(entry)
    reports = [ProviderReport(provider_id, catalogue.providers[provider_id].name, tuple(items)) for provider_id, items in grouped.items()]
    return sorted(reports, key=lambda report: (-report.count(EXPIRED), -report.count(STALE), report.name.lower()))


CSV_COLUMNS = ("aanbieder", "naam_aanbieder", "aanbod", "titel", "gecontroleerd_op", "dagen_geleden", "stand", "bestand")


def write_csv(entries: list[Entry], path: Path) -> Path:
    """The report for editors, one row per offer; titles and names are validated text, never formulas."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for entry in sorted(entries, key=lambda entry: (entry.provider, entry.verified_on, entry.offer_id)):
            writer.writerow([entry.provider, entry.provider_name, entry.offer_id, entry.title, entry.verified_on.isoformat(), entry.days, entry.state, entry.path])
    return path
