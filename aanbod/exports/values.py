"""How a typed value is written: one canonical text form for CSV, one JSON form."""

from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal

from ..content.rows import LIST_DELIMITER


def to_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return LIST_DELIMITER.join(to_text(item) for item in value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_json(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [to_json(item) for item in value]
    return value


def utc_stamp(moment: datetime) -> str:
    """A moment as every export writes it: ISO 8601 in UTC with a Z, as Atom, HSDS and schema.org expect."""
    return moment.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")
