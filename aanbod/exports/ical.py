"""An iCalendar file per offer (``offers/<id>.ics``, RFC 5545), next to its JSON file.

One weekly event per day and dagdeel for the next ``WEEKS`` weeks: ``RRULE`` with ``BYDAY`` from
days.csv's ``rfc5545`` column, the clock times where the provider gave them (in Europe/Amsterdam
time), else a whole-day event named after the dagdeel; days inside a closure are left out with
``EXDATE``. The weeks count from the build's today, so two builds of one commit give the same files, and a build
on another day writes every calendar again (the build cache keeps one only from a build of the same day).
Written by hand: the format is small, and a test reads every file back with the ``icalendar`` library.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..content import roles
from ..content.model import Catalogue, Offer
from .publication import Publication
from .datafile import DataFile
from .offer_files import FOLDER
from .reuse import Pieces

WEEKS = 12
TIMEZONE = "Europe/Amsterdam"
# The Netherlands' rules since 1996: CET in winter, CEST from the last Sunday of March to the last Sunday of October.
VTIMEZONE = (
    "BEGIN:VTIMEZONE", f"TZID:{TIMEZONE}",
    "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
    "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
    "END:VTIMEZONE",
)
WEEKDAY = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def escape(text: str) -> str:
    """TEXT value escaping (RFC 5545 3.3.11)."""
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold(line: str) -> str:
    """Lines of at most 75 octets, continued with CRLF and a space (RFC 5545 3.1), never inside a UTF-8 character."""
    if len(line) <= 75 and line.isascii():  # most lines: one octet per character, short enough
        return line
    data = line.encode("utf-8")
    parts, start, limit = [], 0, 75
    while len(data) - start > limit:
        end = start + limit
        while end > start and (data[end] & 0xC0) == 0x80:  # a continuation byte: step back to the character's start
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # the leading space of a continuation line counts
    parts.append(data[start:].decode("utf-8"))
    return "\r\n ".join(parts)


def _closed(offer: Offer, day: date) -> bool:
    return any(closure["start_date"] <= day <= closure["end_date"] for closure in offer.closures)


def _clock(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def offer_calendar(catalogue: Catalogue, offer: Offer, publication: Publication, today: date) -> str:
    schema = catalogue.schema
    days = roles.days(schema, "rfc5545")
    parts = schema.taxonomy_of("schedules", "part_of_day")
    until = today + timedelta(weeks=WEEKS)
    stamp = f"{today:%Y%m%d}T000000Z"
    url = publication.offer_url(offer.id)
    location = "; ".join(f"{place.street_address}, {place.postcode} {catalogue.town(place)}" for place in offer.locations) or "Online"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:-//{publication.site_name}//aanbod//NL", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape(offer.title)}", *VTIMEZONE]
    for slot in offer.schedule:
        byday = days[slot["day"]]
        first = today + timedelta(days=(WEEKDAY[byday] - today.weekday()) % 7)
        if first > until:
            continue
        # The slot's dates that fall inside a closure (most offers have none).
        closed = [day for day in (first + timedelta(weeks=week) for week in range(WEEKS + 1)) if day <= until and _closed(offer, day)] if offer.closures else []
        part = parts.label(slot["part_of_day"]).lower()
        lines += ["BEGIN:VEVENT", f"UID:{offer.id}-{slot['day']}-{slot['part_of_day']}@{publication.base_url.split('://')[-1]}", f"DTSTAMP:{stamp}"]
        if slot.get("start_time") and slot.get("end_time"):
            start, end = _clock(slot["start_time"]), _clock(slot["end_time"])
            lines += [f"DTSTART;TZID={TIMEZONE}:{datetime.combine(first, start):%Y%m%dT%H%M%S}",
                      f"DTEND;TZID={TIMEZONE}:{datetime.combine(first, end):%Y%m%dT%H%M%S}"]
            excluded = [f"{datetime.combine(day, start):%Y%m%dT%H%M%S}" for day in closed]
            exdate = f"EXDATE;TZID={TIMEZONE}:"
            # UNTIL with a local DTSTART is written in UTC (RFC 5545 3.3.10): the end of the last day, safely after any slot.
            rrule_until = f"{until:%Y%m%d}T235959Z"
        else:
            lines += [f"DTSTART;VALUE=DATE:{first:%Y%m%d}", f"DTEND;VALUE=DATE:{first + timedelta(days=1):%Y%m%d}"]
            excluded = [f"{day:%Y%m%d}" for day in closed]
            exdate = "EXDATE;VALUE=DATE:"
            rrule_until = f"{until:%Y%m%d}"
        lines.append(f"RRULE:FREQ=WEEKLY;BYDAY={byday};UNTIL={rrule_until}")
        if excluded:
            lines.append(exdate + ",".join(excluded))
        lines += [f"SUMMARY:{escape(f'{offer.title} ({part})')}", f"LOCATION:{escape(location)}", f"URL:{url}",
                  f"DESCRIPTION:{escape(offer.summary + ' ' + url)}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "\r\n".join(map(fold, lines)) + "\r\n"


def write(catalogue: Catalogue, folder: Path, publication: Publication, today: date, pieces: Pieces) -> list[DataFile]:
    (folder / FOLDER).mkdir(parents=True, exist_ok=True)
    paths = [
        pieces.write_file(folder, f"{FOLDER}/{offer.id}.ics", offer, lambda offer=offer: offer_calendar(catalogue, offer, publication, today).encode("utf-8"),
                          day=today)
        for offer in catalogue.published if offer.schedule
    ]
    return [DataFile(
        f"{FOLDER}/{{id}}.ics", "Eén agenda per aanbod (iCalendar)",
        f"De dagen en tijden van één aanbod voor de komende {WEEKS} weken, zonder de dagen waarop het gesloten is. "
        "Te openen in elke agenda-app. Alleen voor aanbod met vaste dagen.",
        "text/calendar", "ICS", tuple(paths),
    )]
