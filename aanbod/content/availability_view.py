"""Is there room, and when is it closed: what an offer page, a result card and the search index say, in plain words.

The words for each state come from availability.csv (label, in the page's language) and the few
sentences here; whether a state is still believed is the catalogue's (``availability_since``, from
the setting AANBOD_AVAILABILITY_WEEKS and the build's today), never the clock's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from . import roles
from .model import Catalogue, Offer
from ..presentation import MONTHS, _dutch, dutch_date

UNKNOWN = "unknown"  # a state checked too long ago: the site does not repeat it
UNKNOWN_PICTOGRAM = "onbekend"


@dataclass(frozen=True)
class AvailabilityView:
    role: str  # free, full, waiting, or unknown (too old to repeat)
    pictogram: str  # a name in theme/templates/_icons.html
    short: str  # on a card: "Er is plek: 2 vrij"
    sentence: str  # on the offer page, with the date it was checked
    checked_on: date | None


def since(today: date, weeks: int) -> date:
    """The oldest check the site still repeats."""
    return today - timedelta(weeks=weeks)


def availability_view(catalogue: Catalogue, offer: Offer, language: str | None = None, _=_dutch) -> AvailabilityView | None:
    """None when the provider says nothing about room for this offer."""
    code = offer.values.get("availability")
    checked = offer.values.get("availability_checked_on")
    if not code or checked is None:
        return None
    checked_text = _("Gecontroleerd op %(date)s.") % {"date": dutch_date(checked, _)}
    role = catalogue.availability_role(offer)
    if not role:
        sentence = _("Of er plek is, weten we niet zeker. Bel of mail om het te vragen.")
        last = _("Het laatste bericht over plek is van %(date)s.") % {"date": dutch_date(checked, _)}
        return AvailabilityView(UNKNOWN, UNKNOWN_PICTOGRAM, _("Plek: niet zeker"), f"{sentence} {last}", checked)
    label = catalogue.schema.taxonomy_of("offers", "availability").label(code, language)
    free, weeks = offer.values.get("free_places"), offer.values.get("waiting_weeks")
    if role == roles.FREE:
        short = _("%(label)s: %(n)s vrij") % {"label": label, "n": free} if free else label
        sentence = (_("Er is 1 plek vrij.") if free == 1 else _("Er zijn %(n)s plekken vrij.") % {"n": free}) if free else _("Er is plek.")
    elif role == roles.WAITING:
        short = _("%(label)s: ongeveer %(n)s weken") % {"label": label, "n": weeks} if weeks else label
        sentence = _("Er is een wachtlijst. Je wacht ongeveer %(n)s weken.") % {"n": weeks} if weeks else _("Er is een wachtlijst.")
    else:
        short, sentence = label, _("Er is nu geen plek.")
    return AvailabilityView(role, roles.availability_pictogram(catalogue.schema, code), short, f"{sentence} {checked_text}", checked)


def dated_facts(catalogue: Catalogue, offer: Offer, today: date | None) -> tuple:
    """What the build's today decides in everything made from one offer (its pages, cards, data files and search
    record): whether the site still repeats its room, and which of its closures still show, in which words.

    An offer's fingerprint holds these instead of the date (content/fingerprints.py), so a build on a new day makes
    again only the offers whose facts moved (issue 10). A rule that reads today for an offer belongs here too:
    tests/test_build_cache.py builds on a later day and compares with a clean build, which catches one that is
    missing. Whether an offer expired is the catalogue's ``held_back``, already in the fingerprint."""
    return catalogue.availability_is_current(offer), tuple(closure_lines(offer, today)) if today is not None else ()


def _day(value: date, today: date, _) -> str:
    """'20 juli', with the year only when it is not this year's."""
    text = f"{value.day} {_(MONTHS[value.month - 1])}"
    return text if value.year == today.year else f"{text} {value.year}"


def closure_lines(offer: Offer, today: date, _=_dutch) -> list[str]:
    """'Gesloten van 20 juli tot en met 14 augustus (zomerstop)' for every closure that has not ended before ``today``."""
    lines = []
    for closure in offer.closures:
        start, end = closure["start_date"], closure["end_date"]
        if end < today:
            continue
        if start == end:
            text = _("Gesloten op %(day)s") % {"day": _day(start, today, _)}
        else:
            # Both dates get a year when the period crosses into another year, so "24 december tot en met 3 januari 2027" cannot be misread.
            pair = (dutch_date(start, _), dutch_date(end, _)) if start.year != end.year else (_day(start, today, _), _day(end, today, _))
            text = _("Gesloten van %(start)s tot en met %(end)s") % {"start": pair[0], "end": pair[1]}
        reason = closure.get("reason")
        lines.append(f"{text} ({reason})" if reason else text)
    return lines
