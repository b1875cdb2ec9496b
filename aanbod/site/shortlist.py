"""Data for "Mijn lijstje": what a handout needs of each published offer, as small JSON files.

The list page knows only the ids a visitor saved, so it must look offers up in the browser.
One file for the whole catalogue would grow with every offer (thousands of offers make
megabytes on a cheap phone), so offers are spread over buckets of about ``BUCKET_SIZE`` by a
hash of their id, and the page fetches only the buckets of the saved ids. The hash is 32-bit
FNV-1a, which theme/static/js/shortlist-page.js computes the same way; it spreads ids that
differ only in their last digits evenly (a plain 31-multiplier hash does not).

Values are ready to show, in plain Dutch: the page only places them, it formats nothing.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from .. import presentation
from . import referral
from ..content import roles
from ..presentation import _dutch
from ..content.model import Catalogue, Offer

BUCKET_SIZE = 64


def bucket_count(offer_count: int) -> int:
    return max(1, math.ceil(offer_count / BUCKET_SIZE))


def bucket_of(offer_id: str, buckets: int) -> int:
    """Which bucket holds ``offer_id``; must match bucketOf() in shortlist-page.js.

    Offer ids are ASCII (small letters, digits, hyphens), so characters and bytes are the same."""
    value = 0x811C9DC5
    for character in offer_id:
        value = ((value ^ ord(character)) * 0x01000193) & 0xFFFFFFFF
    return value % buckets


def bucket_file(bucket: int) -> str:
    return f"aanbod-{bucket}.json"


def schedule_lines(catalogue: Catalogue, offer: Offer, language: str | None = None, _=_dutch) -> list[str]:
    """'Maandag: ochtend 09:30-12:00 en middag', one line per day, days and dagdelen in taxonomy order, with clock times where known."""
    days = offer.schedule_by_day()
    times = offer.slot_times()
    order = catalogue.schema.taxonomy_of("schedules", "part_of_day").codes
    lines = []
    for term in catalogue.schema.taxonomy_of("schedules", "day").terms:
        if term.code in days:
            ordered = sorted(days[term.code], key=lambda part: order.index(part) if part in order else len(order))
            parts = f" {_('en')} ".join(
                catalogue.schema.taxonomy_of("schedules", "part_of_day").label(part, language).lower()
                + (" {}-{}".format(*times[term.code, part]) if (term.code, part) in times else "")
                for part in ordered)
            lines.append(f"{term.label_in(language)}: {parts}")
    return lines


def _address(catalogue: Catalogue, location, language: str | None = None) -> str:
    place = f"{location.postcode} {catalogue.label('municipalities', location.municipality, language)}".strip()
    parts = [location.name, location.street_address, place]
    return ", ".join(part for part in parts if part)


def _contact(offer: Offer, provider) -> dict[str, str]:
    """The offer's own contact details; the provider's where the offer gives none."""
    phone = offer.contact_phone or provider.phone
    email = offer.contact_email or provider.email
    website = offer.website or provider.website
    contact = {"name": offer.contact_name, "phone": phone, "email": email, "website": website}
    if phone:
        contact["tel"] = presentation.phone_link(phone)
    return {key: value for key, value in contact.items() if value}


def _hours(offer: Offer, _=_dutch) -> str:
    return _("Ongeveer %(hours)s uur per week.") % {"hours": presentation.number(offer.hours_per_week)} if offer.hours_per_week else ""


def shortlist_record(catalogue: Catalogue, offer: Offer, url: str, language: str | None = None, _=_dutch) -> dict:
    """One offer for the list page; labels in ``language``, texts through ``_`` (aanbod/site/i18n.py)."""
    def label(taxonomy, code):
        return catalogue.label(taxonomy, code, language)

    provider = catalogue.providers[offer.provider]
    record = {
        "title": offer.title,
        "url": url,
        "provider": provider.name,
        "kind": offer.kind,
        "what": f"{label('kinds', offer.kind)}: {label('subtypes', offer.subtype)}",
        "addresses": [_address(catalogue, location, language) for location in offer.locations],
        "online": bool(offer.online),
        "times": schedule_lines(catalogue, offer, language, _),
        "hours": _hours(offer, _),
        "cost": presentation.euro(offer.cost_eur, _),
        "referral": bool(offer.referral_required),
        "apply": offer.how_to_apply,
        "contact": _contact(offer, provider),
        "access": [label("accessibility", code) for code in offer.accessibility or ()],
        # The accessibility facts with a pictogram (accessibility.csv), as on the offer page (_icons.html).
        "pictograms": [term.code for term in roles.pictogram_terms(catalogue.schema, offer.accessibility)],
        "paused": offer.is_paused,
        # Issue 15: the week plan's slots, and what "Aanmelden voor iemand" and the printed plan need.
        "slots": referral.slots(catalogue, offer),
        **referral.facts(catalogue, offer, language, _),
    }
    # Empty and false values are left out: the page reads a missing key as "no".
    return {key: value for key, value in record.items() if value}


def write_data(catalogue: Catalogue, folder: Path, url_of, language: str | None = None, _=_dutch,
               keeps=lambda path, offers: False) -> list[Path]:
    """Write every bucket file into ``folder``; ``url_of(offer)`` is the offer page's URL.

    ``keeps(path, offers)`` is true when the last build's file at ``path`` was made from these same offers and
    may stay (aanbod/build_cache.py OutputLedger): a rebuild makes only the buckets of changed offers again."""
    published = catalogue.published
    buckets = bucket_count(len(published))
    members: list[list[Offer]] = [[] for _ in range(buckets)]
    for offer in published:
        members[bucket_of(offer.id, buckets)].append(offer)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for bucket, offers in enumerate(members):
        path = folder / bucket_file(bucket)
        written.append(path)
        if keeps(path, offers):
            continue
        records = {offer.id: shortlist_record(catalogue, offer, url_of(offer), language, _) for offer in offers}
        path.write_text(json.dumps({"offers": records}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return written
