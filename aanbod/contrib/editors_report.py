"""The editors' report beyond freshness: broken links, readability and completeness, per provider and per offer.

A view-model for the freshness page (theme/templates/_editors_quality.html) and its CSV: computed
here once, so the template only lays it out.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from . import completeness, readability
from .freshness import EXPIRED, STALE

# The page lists this many offers per section (the hardest texts, the least complete); the CSV has them all.
SHOWN = 100


@dataclass(frozen=True)
class OfferQuality:
    offer_id: str
    title: str
    provider: str
    provider_name: str
    path: str
    douma: float | None  # None: too short to score
    lix: float | None
    completeness: int
    first_to_add: str

    @property
    def hard(self) -> bool:
        return self.douma is not None and self.douma < readability.MIN_DOUMA


@dataclass(frozen=True)
class ProviderQuality:
    provider: str
    name: str
    expired: int
    stale: int
    broken_links: int
    douma: float | None  # the mean over its scored offers
    hard_texts: int
    completeness: int | None
    first_to_add: str


@dataclass(frozen=True)
class EditorsReport:
    providers: tuple[ProviderQuality, ...]
    offers: tuple[OfferQuality, ...]
    links: object  # links.LinkReport, or None when no check has run
    min_douma: int = readability.MIN_DOUMA

    @property
    def hardest(self) -> list[OfferQuality]:
        return sorted((offer for offer in self.offers if offer.hard), key=lambda offer: (offer.douma, offer.offer_id))[:SHOWN]

    @property
    def least_complete(self) -> list[OfferQuality]:
        return sorted((offer for offer in self.offers if offer.first_to_add), key=lambda offer: (offer.completeness, offer.offer_id))[:SHOWN]


def build(catalogue, freshness_reports, link_report, score=readability.score) -> EditorsReport:
    """``score(text)`` is readability.score, or the same remembered from an earlier build (aanbod/build_cache.py Memo)."""
    scores = completeness.assess(catalogue)
    by_offer = {score.offer_id: score for score in scores}
    offers = []
    for offer in catalogue.published:
        texts = {field: offer.values.get(field) for field in readability.FIELDS}
        measured = score(readability.offer_text({field: text for field, text in texts.items() if isinstance(text, str)}))
        done = by_offer[offer.id]
        offers.append(OfferQuality(offer.id, offer.title, offer.provider, catalogue.providers[offer.provider].name, offer.source_path,
                                   measured.douma if measured else None, measured.lix if measured else None, done.score, done.first_to_add))
    freshness = {report.provider: report for report in freshness_reports}
    complete = {item.provider: item for item in completeness.by_provider(catalogue, scores)}
    grouped: dict[str, list[OfferQuality]] = {provider_id: [] for provider_id in catalogue.providers}
    for offer in offers:
        grouped[offer.provider].append(offer)
    providers = []
    for provider_id, provider in catalogue.providers.items():
        scored = [offer.douma for offer in grouped[provider_id] if offer.douma is not None]
        report = freshness.get(provider_id)
        providers.append(ProviderQuality(
            provider_id, provider.name,
            report.count(EXPIRED) if report else 0, report.count(STALE) if report else 0,
            len(link_report.of(provider_id)) if link_report else 0,
            round(sum(scored) / len(scored), 1) if scored else None,
            sum(1 for offer in grouped[provider_id] if offer.hard),
            complete[provider_id].score, complete[provider_id].first_to_add,
        ))
    providers.sort(key=lambda item: (-item.expired, -item.broken_links, -item.stale, item.completeness if item.completeness is not None else 101, item.name.lower()))
    return EditorsReport(tuple(providers), tuple(offers), link_report)


CSV_COLUMNS = ("aanbieder", "naam_aanbieder", "aanbod", "titel", "flesch_douma", "lix", "volledig_procent", "eerst_toevoegen", "bestand")


def write_csv(report: EditorsReport, path: Path) -> Path:
    """One row per published offer: its readability and completeness. Texts are validated text, never formulas."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for offer in sorted(report.offers, key=lambda offer: (offer.provider, offer.offer_id)):
            writer.writerow([offer.provider, offer.provider_name, offer.offer_id, offer.title,
                             "" if offer.douma is None else offer.douma, "" if offer.lix is None else offer.lix,
                             offer.completeness, offer.first_to_add, offer.path])
    return path
