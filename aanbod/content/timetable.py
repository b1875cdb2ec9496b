"""When exactly: clock times after a dagdeel (``ochtend 09:30-12:00``) and closures (a summer stop).

``split_slot`` reads one schedule item as rows.py meets it; ``problems`` checks what needs more
than one field: a start before its end, times inside their dagdeel's span (the ``start`` and ``end``
columns of parts_of_day.csv) and closures that are not long past. Types and patterns are the
schema's (schedules.schema.json, closures.schema.json) and are checked by frictionless.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from ..problems import Problem
from .schema import CatalogueSchema

if TYPE_CHECKING:  # rows.py reads slots with this module
    from .rows import Row

# "ochtend", or "ochtend 09:30-12:00": the times are what follows the first word.
_SLOT = re.compile(r"(?P<part>\S+)(?:\s+(?P<times>.*\S))?\s*")
_RANGE = re.compile(r"(?P<start>[^-\s]+)\s*-\s*(?P<end>[^-\s]+)")
CLOCK = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")
CLOSURE_DAYS_BACK = 366
SLOT_EXAMPLE = "ochtend 09:30-12:00"


def split_slot(text: str) -> tuple[str, str, str] | None:
    """(dagdeel, start, end) of a schedule item; start and end are "" without times; None when the times are unreadable."""
    match = _SLOT.fullmatch(text)
    if not match:
        return None
    if not match["times"]:
        return match["part"], "", ""
    times = _RANGE.fullmatch(match["times"])
    if not times:
        return None
    return match["part"], times["start"], times["end"]


def join_slot(part: str, start: str | None, end: str | None) -> str:
    """The item as a provider writes it: ``ochtend 09:30-12:00``, or ``ochtend`` without times (split_slot's inverse)."""
    return f"{part} {start}-{end}" if start and end else part


def unreadable_slot_message(text: str) -> str:
    return (f"'{text}' kunnen we niet lezen. Schrijf het dagdeel, een spatie en de begin- en eindtijd met een streepje "
            f"ertussen, zoals {SLOT_EXAMPLE}. Zonder tijden: alleen het dagdeel.")


def spans(schema: CatalogueSchema) -> dict[str, tuple[str, str]]:
    """Dagdeel code -> (start, end) from the ``start`` and ``end`` columns of its taxonomy, where both are filled in."""
    taxonomy = schema.taxonomy_of("schedules", "part_of_day")
    return {term.code: (term.extra["start"], term.extra["end"]) for term in taxonomy.terms if term.extra.get("start") and term.extra.get("end")}


def _time_problems(schema: CatalogueSchema, rows: list[Row]) -> list[Problem]:
    table = schema.tables["schedules"]
    start_field, end_field = table.times.get("start"), table.times.get("end")
    if not start_field:
        return []
    part_field = table.source["value_field"]
    taxonomy = schema.taxonomy_of("schedules", "part_of_day")
    span_of = spans(schema)
    problems = []
    for row in rows:
        start, end, part = row.values.get(start_field, ""), row.values.get(end_field, ""), row.values[part_field]
        if not (CLOCK.fullmatch(start) and CLOCK.fullmatch(end)):
            continue  # absent, or the pattern's own message says how to write it
        label = f"{row.prefix}{row.values[table.source['key_field']]}"
        name = taxonomy.label(part).lower()
        if start >= end:
            problems.append(Problem(row.path, row.line, label, f"bij {name} {start}-{end} ligt de eindtijd niet na de begintijd. "
                                    f"Schrijf eerst de begintijd, dan de eindtijd, zoals {SLOT_EXAMPLE}.", code="rule"))
        elif part in span_of and not (span_of[part][0] <= start and end <= span_of[part][1]):
            low, high = span_of[part]
            problems.append(Problem(row.path, row.line, label, f"{start}-{end} valt buiten de {name}: die loopt van {low} tot {high}. "
                                    "Kies het dagdeel dat bij de tijden past, of pas de tijden aan.", code="rule"))
    return problems


def _closure_problems(schema: CatalogueSchema, rows: list[Row], today: date | None) -> list[Problem]:
    """Closures in the order they happen, and none that ended more than a year ago (they only clutter the file)."""
    problems, previous = [], {}
    for row in rows:
        start, end = read_date(row.values.get("start_date", "")), read_date(row.values.get("end_date", ""))
        if start is None or end is None:
            continue
        offer = row.values[schema.tables["closures"].source["parent_field"]]
        if offer in previous and start < previous[offer]:
            problems.append(Problem(row.path, row.line_of("start_date"), row.label("start_date"),
                                    f"deze periode begint voor de periode erboven ({previous[offer].isoformat()}). "
                                    "Zet de periodes op volgorde: de eerste bovenaan.", code="rule"))
        previous[offer] = start
        if today is not None and long_past(end, today):
            problems.append(Problem(row.path, row.line_of("end_date"), row.label("end_date"),
                                    f"deze periode is al meer dan een jaar voorbij ({end.isoformat()}). Haal haar weg.", code="rule"))
    return problems


def long_past(end: date, today: date) -> bool:
    """A closure that ended more than a year before ``today``: refused (it only clutters the file). Of the rules that
    count from today, the one an unchanged file can come to break on a later day (content/incremental.py asks)."""
    return (today - end).days > CLOSURE_DAYS_BACK


def read_date(text: str) -> date | None:
    """The raw text of a date field read leniently: None when it is no date (the type check says so elsewhere)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def problems(schema: CatalogueSchema, rows: dict[str, list[Row]], today: date | None) -> list[Problem]:
    result = _time_problems(schema, rows.get("schedules", [])) if "schedules" in schema.tables else []
    if "closures" in schema.tables:
        result += _closure_problems(schema, rows.get("closures", []), today)
    return result
