"""Helpers that templates use to show values in plain Dutch. No Pelican, no I/O.

Each text goes through ``_``, which is the identity for Dutch and a catalogue's gettext for another
language (aanbod/site/i18n.py); Babel extracts the ``_("...")`` calls here into the catalogue."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

def _dutch(message: str) -> str:
    """The identity gettext: Dutch is the source language, so an untranslated text is already right."""
    return message


N_ = _dutch  # the one marker for extraction (babel.cfg); the text is translated where it is shown
MONTHS = (N_("januari"), N_("februari"), N_("maart"), N_("april"), N_("mei"), N_("juni"), N_("juli"), N_("augustus"),
          N_("september"), N_("oktober"), N_("november"), N_("december"))


def dutch_date(value: date | None, _=_dutch) -> str:
    if value is None:
        return ""
    return f"{value.day} {_(MONTHS[value.month - 1])} {value.year}"


def euro(value: Decimal | None, _=_dutch) -> str:
    if value is None:
        return ""
    if value == 0:
        return _("Gratis")
    amount = f"{value:.2f}".replace(".", ",")
    return f"€ {amount.removesuffix(',00')}"


def number(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    text = str(value)
    return text.replace(".", ",")


def yes_no(value: bool | None, _=_dutch) -> str:
    if value is None:
        return ""
    return _("Ja") if value else _("Nee")


def age_range(low: int | None, high: int | None, _=_dutch) -> str:
    if low is not None and high is not None:
        return _("%(low)s tot en met %(high)s jaar") % {"low": low, "high": high}
    if low is not None:
        return _("vanaf %(low)s jaar") % {"low": low}
    if high is not None:
        return _("tot en met %(high)s jaar") % {"high": high}
    return ""


def joined(labels: list[str], _=_dutch) -> str:
    """'Houten', 'Houten en Zeist', 'Houten, Zeist en Bunnik': a list as a sentence says it."""
    if len(labels) < 2:
        return "".join(labels)
    return _("%(first)s en %(last)s") % {"first": ", ".join(labels[:-1]), "last": labels[-1]}


def phone_link(phone: str) -> str:
    """tel: link target: digits and a leading +, so every phone dials it."""
    return "tel:" + "".join(character for character in phone if character.isdigit() or character == "+")


FILTERS = {
    "dutch_date": dutch_date,
    "euro": euro,
    "number": number,
    "yes_no": yes_no,
    "phone_link": phone_link,
}
