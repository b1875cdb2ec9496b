"""What a professional needs to refer someone to an offer and to plan a week (issue 15).

Worked out once per offer and language, ready to show: the offer's slots with clock times, its next
steps after signing up, what to bring, and who may refer. "Mijn lijstje" and the offer page's
"Aanmelden voor iemand" read the same values (aanbod/shortlist.py puts them in each record).

The matching fields of issue 14 (``start_time``/``end_time`` in schedules, the ``intake_steps``
table, ``required_documents``) are optional: where the schema or an offer has none, the values
are simply left out, and the referral falls back on ``referral_required``.
"""

from __future__ import annotations

from .model import Catalogue, Offer
from .presentation import _dutch

# Intake step codes starting with this say who may refer (intake_steps.csv: via-buurtteam,
# via-werkmatcher, via-consulent, via-huisarts), as agreed for issue 14.
REFERRER_PREFIX = "via-"

# The intake steps of every offer, grouped once per catalogue: looking them up per offer in the
# whole table would cost 100,000 x 100,000 steps. Keyed by the table's identity; one at a time.
_steps_cache: dict[int, tuple] = {}


def _label(catalogue: Catalogue, taxonomy: str, code: str, language: str | None) -> str:
    if taxonomy in catalogue.schema.taxonomies:
        return catalogue.label(taxonomy, code, language)
    return code


def _steps_by_offer(catalogue: Catalogue) -> dict[str, list]:
    table = catalogue.tables.get("intake_steps", ())
    cached = _steps_cache.get(id(table))
    if cached is not None and cached[0] is table:
        return cached[1]
    grouped: dict[str, list] = {}
    for row in table:
        grouped.setdefault(row["offer_id"], []).append(row)
    for rows in grouped.values():
        rows.sort(key=lambda row: row.get("position") or 0)
    _steps_cache.clear()
    _steps_cache[id(table)] = (table, grouped)
    return grouped


def intake_steps(catalogue: Catalogue, offer: Offer) -> list:
    """The offer's intake step rows ({step, text}) in their order; empty where there are none."""
    return _steps_by_offer(catalogue).get(offer.id, [])


def slots(catalogue: Catalogue, offer: Offer) -> list[dict]:
    """{day, part, start?, end?} per slot, days and dagdelen in taxonomy order, codes as in the search index."""
    days = catalogue.schema.taxonomy_of("schedules", "day").codes
    parts = catalogue.schema.taxonomy_of("schedules", "part_of_day").codes

    def order(slot):
        return (days.index(slot["day"]) if slot["day"] in days else len(days),
                parts.index(slot["part_of_day"]) if slot["part_of_day"] in parts else len(parts))

    def clock(value):
        # "HH:MM" as agreed for issue 14, whether the schema types it as text or as a time.
        return value.strftime("%H:%M") if hasattr(value, "strftime") else value

    result = []
    for slot in sorted(offer.schedule, key=order):
        entry = {"day": slot["day"], "part": slot["part_of_day"], "start": clock(slot.get("start_time")), "end": clock(slot.get("end_time"))}
        result.append({key: str(value) for key, value in entry.items() if value})
    return result


def facts(catalogue: Catalogue, offer: Offer, language: str | None = None, _=_dutch) -> dict:
    """steps (next steps, one line each), documents (what to bring) and referrers (who may refer)."""
    rows = intake_steps(catalogue, offer)
    steps = []
    for row in rows:
        label = _label(catalogue, "intake_steps", row["step"], language)
        steps.append(f"{label}: {row['text']}" if row.get("text") else label)
    referrers = [_label(catalogue, "intake_steps", row["step"], language) for row in rows if str(row["step"]).startswith(REFERRER_PREFIX)]
    if offer.referral_required and not referrers:
        referrers = [_("Iemand die een verwijzing of indicatie mag geven. Vraag de aanbieder wie dat is.")]
    documents = [_label(catalogue, "documents", code, language) for code in offer.values.get("required_documents") or ()]
    result = {"steps": steps, "documents": documents, "referrers": referrers}
    return {key: value for key, value in result.items() if value}
