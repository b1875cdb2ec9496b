"""Completeness: how much of what matters for matching an offer says, and the first thing to add.

A professional who refers someone asks: how do I reach them, when is it, is there room, how do I
get in, can my client get in (accessibility), where exactly is it? Each question is a check on
fields of ``schema/``; a check whose fields a fork's schema (or this round's) lacks is left out,
so the score counts only what can be written. The order is the order of importance: the first
missing check is the first thing to add.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    code: str
    add: str  # what to add, in plain Dutch, with the field names a provider writes
    fields: tuple[str, ...]  # any one of these filled (a field of offers, or a table with an offer_id) passes
    place: bool = False  # a check on the locations: every location has a name, or the offer is online


CHECKS = (
    Check("contact", "een telefoonnummer of e-mailadres voor dit aanbod (contact_phone, contact_email)", ("contact_phone", "contact_email")),
    Check("schedule", "de dagen en dagdelen (schedule)", ("schedules",)),
    Check("availability", "of er plek is (availability, in content/availability/) of de groepsgrootte (places)", ("availability", "places")),
    Check("intake", "de stappen om binnen te komen (intake_steps)", ("intake_steps",)),
    Check("accessibility", "de toegankelijkheid (accessibility), zoals rolstoel of prikkelarm", ("accessibility",)),
    Check("place", "een naam voor elke plek (locations: name), zodat mensen de plek herkennen", ("name",), place=True),
    Check("hours", "hoeveel uur per week (hours_per_week)", ("hours_per_week",)),
    Check("languages", "de talen die je er spreekt (languages)", ("languages",)),
)


@dataclass(frozen=True)
class OfferScore:
    offer_id: str
    title: str
    provider: str
    score: int  # percent of the applicable checks that pass
    missing: tuple[Check, ...]

    @property
    def first_to_add(self) -> str:
        return self.missing[0].add if self.missing else ""


@dataclass(frozen=True)
class ProviderScore:
    provider: str
    name: str
    score: int | None  # the mean of its offers; None without published offers
    first_to_add: str  # the check most of its offers miss (the most important one on a tie)
    offers: tuple[OfferScore, ...]


def _filled(value) -> bool:
    return value is not None and value != "" and value != () and value != []


def applicable(schema) -> list[Check]:
    """The checks whose fields exist in this schema."""
    offer_fields = set(schema.tables["offers"].field_names)
    location_fields = set(schema.tables["locations"].field_names) if "locations" in schema.tables else set()
    found = []
    for check in CHECKS:
        known = location_fields if check.place else offer_fields | {name for name in schema.tables if name != "offers"}
        if any(field in known for field in check.fields):
            found.append(check)
    return found


def assess(catalogue) -> list[OfferScore]:
    """A score for every published offer, lowest first."""
    checks = applicable(catalogue.schema)
    # Child tables (schedules, intake steps, ...): which offers have at least one row.
    with_rows = {name: {row.get("offer_id") for row in rows} for name, rows in catalogue.tables.items() if name != "offers"}
    scores = []
    for offer in catalogue.published:
        missing = tuple(check for check in checks if not _passes(check, offer, with_rows))
        score = round(100 * (len(checks) - len(missing)) / len(checks)) if checks else 100
        scores.append(OfferScore(offer.id, offer.title, offer.provider, score, missing))
    return sorted(scores, key=lambda item: (item.score, item.offer_id))


def _passes(check: Check, offer, with_rows: dict) -> bool:
    if check.place:
        return offer.values.get("online") is True and not offer.locations or (
            bool(offer.locations) and all(_filled(location.values.get(field)) for location in offer.locations for field in check.fields))
    for field in check.fields:
        if field in with_rows:
            if offer.id in with_rows[field]:
                return True
        elif _filled(offer.values.get(field)):
            return True
    return False


def by_provider(catalogue, scores: list[OfferScore]) -> list[ProviderScore]:
    """Every provider with its mean score and the one thing most of its offers miss; the lowest first."""
    grouped: dict[str, list[OfferScore]] = {provider_id: [] for provider_id in catalogue.providers}
    for score in scores:
        grouped[score.provider].append(score)
    order = {check.code: position for position, check in enumerate(CHECKS)}
    result = []
    for provider_id, items in grouped.items():
        counts: dict[str, int] = {}
        adds: dict[str, str] = {}
        for item in items:
            for check in item.missing:
                counts[check.code] = counts.get(check.code, 0) + 1
                adds[check.code] = check.add
        first = min(counts, key=lambda code: (-counts[code], order[code])) if counts else None
        mean = round(sum(item.score for item in items) / len(items)) if items else None
        result.append(ProviderScore(provider_id, catalogue.providers[provider_id].name, mean, adds.get(first, ""), tuple(items)))
    return sorted(result, key=lambda item: (item.score if item.score is not None else 101, item.name.lower()))
