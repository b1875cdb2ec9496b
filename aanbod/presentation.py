"""Helpers that templates use to show values in plain Dutch. No Pelican, no I/O."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

MONTHS = ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december")


def dutch_date(value: date | None) -> str:
    if value is None:
        return ""
    return f"{value.day} {MONTHS[value.month - 1]} {value.year}"


def euro(value: Decimal | None) -> str:
    if value is None:
        return ""
    if value == 0:
        return "Gratis"
    amount = f"{value:.2f}".replace(".", ",")
    return f"€ {amount.removesuffix(',00')}"


def number(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    text = str(value)
    return text.replace(".", ",")


def yes_no(value: bool | None) -> str:
    if value is None:
        return ""
    return "Ja" if value else "Nee"


def age_range(low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low} tot en met {high} jaar"
    if low is not None:
        return f"vanaf {low} jaar"
    if high is not None:
        return f"tot en met {high} jaar"
    return ""


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
