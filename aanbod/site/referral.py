"""What a professional needs to refer someone to an offer and to plan a week (issue 15).

Worked out once per offer and language, ready to show: the offer's slots with clock times, its next
steps after signing up, what to bring, and who may refer. "Mijn lijstje" and the offer page's
"Aanmelden voor iemand" read the same values (aanbod/site/shortlist.py puts them in each record).

The matching fields of issue 14 (``start_time``/``end_time`` in schedules, the ``intake_steps``
table, ``required_documents``) are optional: where the schema or an offer has none, the values
are simply left out, and the referral falls back on ``referral_required``.
"""

from __future__ import annotations

from ..content import roles
from ..content.model import Catalogue, Offer
from ..presentation import _dutch

def _label(catalogue: Catalogue, taxonomy: str, code: str, language: str | None) -> str:
    if taxonomy in catalogue.schema.taxonomies:
        return catalogue.label(taxonomy, code, language)
    return code


def intake_steps(catalogue: Catalogue, offer: Offer) -> tuple:
    """The offer's intake step rows ({step, text}) in their order; empty where there are none."""
    return catalogue.rows_of("intake_steps", offer.id)


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
    # Who may refer: the steps whose taxonomy role is referral (intake_steps.csv), as validation reads them.
    referral_steps = set(roles.referral_steps(catalogue.schema))
    referrers = [_label(catalogue, "intake_steps", row["step"], language) for row in rows if row["step"] in referral_steps]
    if offer.referral_required and not referrers:
        referrers = [_("Iemand die een verwijzing of indicatie mag geven. Vraag de aanbieder wie dat is.")]
    documents = [_label(catalogue, "documents", code, language) for code in offer.values.get("required_documents") or ()]
    result = {"steps": steps, "documents": documents, "referrers": referrers}
    return {key: value for key, value in result.items() if value}
