"""The Pagefind search index, built through Pagefind's Python API from the catalogue itself.

Records come from the model, not from scraping HTML, so the index holds exactly the
published offers with their filters, whatever the templates look like.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from pagefind.index import IndexConfig, PagefindIndex

from .markup import plain_text
from .model import Catalogue, Offer


def offer_filters(catalogue: Catalogue, offer: Offer) -> dict[str, list[str]]:
    label = catalogue.label
    filters = {
        "soort": [label("kinds", offer.kind)],
        "soort aanbod": [label("subtypes", offer.subtype)],
        "voor wie": [label("target_groups", code) for code in offer.target_groups],
        "werkveld": [label("sectors", code) for code in offer.sectors or ()],
        "gemeente": [label("municipalities", code) for code in offer.municipalities] + (["Online"] if offer.online else []),
        "wijk": [label("wijken", code) for code in offer.wijken],
        "kosten": ["Gratis" if offer.is_free else "Betaald"],
        "verwijzing nodig": ["Ja" if offer.referral_required else "Nee"],
        "dag": [label("days", day) for day in offer.schedule_by_day()],
        "taal": [label("languages", code) for code in offer.languages or ()],
        "toegankelijkheid": [label("accessibility", code) for code in offer.accessibility or ()],
    }
    return {name: values for name, values in filters.items() if values}


def offer_record(catalogue: Catalogue, offer: Offer, url: str) -> dict:
    provider = catalogue.providers[offer.provider]
    places = ", ".join(catalogue.label("municipalities", code) for code in offer.municipalities) or "Online"
    content = " ".join(
        part for part in (
            offer.title, offer.summary, plain_text(offer.description), provider.name,
            " ".join(location.name or "" for location in offer.locations),
        ) if part
    )
    return {
        "url": url,
        "content": content,
        "language": "nl",
        # Pagefind's default interface shows every meta key next to its value, so the keys are Dutch.
        "meta": {
            "title": offer.title,
            "soort": catalogue.label("kinds", offer.kind),
            "plaats": places,
            "aanbieder": provider.name,
        },
        "filters": offer_filters(catalogue, offer),
        "sort": {"title": offer.title.lower()},
    }


async def _write(records: list[dict], site: Path) -> None:
    config = IndexConfig(output_path=str(site / "pagefind"), force_language="nl")
    async with PagefindIndex(config=config) as index:
        for record in records:
            await index.add_custom_record(**record)


def write_index(catalogue: Catalogue, site: Path, url_of) -> int:
    """Index every published offer into ``site/pagefind``; returns the number of records."""
    records = [offer_record(catalogue, offer, url_of(offer)) for offer in catalogue.published]
    asyncio.run(_write(records, Path(site)))
    return len(records)
