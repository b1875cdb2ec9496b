"""When exactly (issue 14): clock times per dagdeel and closures, checked with file and line, shown on the page, and
published in the schedules table, HSDS, schema.org and an iCalendar file per offer that a real parser reads back."""

from __future__ import annotations

import csv
from datetime import date, datetime

import icalendar
from dateutil.rrule import rrulestr

from aanbod.content import availability_view
from aanbod.site import structured_data
from aanbod.content.catalogue import read_catalogue
from aanbod.exports import hsds, ical, write_all
from aanbod.exports.publication import Publication
from aanbod.content.schema import load_schema
from aanbod.content.settings import DEFAULTS
from aanbod.content.validation import validate_content
from conftest import LOCATION, SCHEMA, offer_yaml, provider_yaml, write_files

TODAY = date(2026, 12, 1)  # a Tuesday
SCHEMA_ = load_schema(SCHEMA)
PUBLICATION = Publication.from_settings(DEFAULTS)


def _content(tmp_path, when: str):
    content = tmp_path / "content"
    write_files(content, {"providers/buurtwerk.yaml": provider_yaml(), "offers/buurtwerk/fietsen.yaml": offer_yaml(extra=LOCATION + when)})
    return content


def _messages(content) -> list[str]:
    path = str(content / "offers" / "buurtwerk" / "fietsen.yaml")
    return [problem.format().replace(path, "F") for problem in validate_content(content, SCHEMA_, today=TODAY)[1]]


def _line(content, text: str) -> int:
    lines = (content / "offers" / "buurtwerk" / "fietsen.yaml").read_text(encoding="utf-8").splitlines()
    return lines.index(text) + 1


def test_clock_times_are_checked_with_what_to_write(tmp_path):
    content = _content(tmp_path, (
        "schedule:\n"
        "  maandag: [ochtend 9:30-12:00, middag 16:00-13:00]\n"
        "  dinsdag: [avond 10:00-11:00]\n"
        "  woensdag: [ochtend om tien]\n"
    ))
    monday, tuesday, wednesday = (_line(content, f"  {day}") for day in ("maandag: [ochtend 9:30-12:00, middag 16:00-13:00]", "dinsdag: [avond 10:00-11:00]", "woensdag: [ochtend om tien]"))
    assert _messages(content) == [
        f"F:{monday}: schedule.maandag: Bij middag 16:00-13:00 ligt de eindtijd niet na de begintijd. Schrijf eerst de begintijd, dan de eindtijd, zoals ochtend 09:30-12:00.",
        f"F:{monday}: schedule.start_time: '9:30' heeft niet de goede vorm. Hoe laat het dagdeel begint, als uur:minuten. Schrijf het achter het dagdeel: ochtend 09:30-12:00.",
        f"F:{tuesday}: schedule.dinsdag: 10:00-11:00 valt buiten de avond: die loopt van 17:00 tot 23:59. Kies het dagdeel dat bij de tijden past, of pas de tijden aan.",
        f"F:{wednesday}: schedule.woensdag: 'ochtend om tien' kunnen we niet lezen. Schrijf het dagdeel, een spatie en de begin- en eindtijd met een streepje ertussen, zoals ochtend 09:30-12:00. Zonder tijden: alleen het dagdeel.",
    ]


def test_the_span_of_a_dagdeel_is_a_column_of_its_taxonomy():
    spans = {term.code: (term.extra["start"], term.extra["end"]) for term in SCHEMA_.taxonomies["parts_of_day"].terms}
    from aanbod.content.timetable import spans as timetable_spans
    assert timetable_spans(SCHEMA_) == spans and spans["ochtend"][0] < spans["ochtend"][1]


def test_closures_are_in_order_and_not_long_past(tmp_path):
    content = _content(tmp_path, (
        "schedule:\n  maandag: [ochtend]\n"
        "closures:\n"
        "  - start_date: 2026-07-20\n"
        "    end_date: 2026-07-01\n"
        "  - start_date: 2025-01-01\n"
        "    end_date: 2025-11-29\n"
        "    reason: kerst\n"
    ))
    assert _messages(content) == [
        f"F:{_line(content, '    end_date: 2026-07-01')}: closures[1].end_date: De laatste dag dicht (2026-07-01) ligt voor de eerste dag dicht (2026-07-20).",
        f"F:{_line(content, '  - start_date: 2025-01-01')}: closures[2].start_date: Deze periode begint voor de periode erboven (2026-07-20). Zet de periodes op volgorde: de eerste bovenaan.",
        f"F:{_line(content, '    end_date: 2025-11-29')}: closures[2].end_date: Deze periode is al meer dan een jaar voorbij (2025-11-29). Haal haar weg.",
    ]


WHEN = (
    "schedule:\n"
    "  maandag: [ochtend 09:30-12:00, middag]\n"
    "  vrijdag: [ochtend 10:00-12:30]\n"
    "closures:\n"
    "  - start_date: 2026-06-01\n"
    "    end_date: 2026-06-05\n"
    "  - start_date: 2026-12-21\n"
    "    end_date: 2027-01-01\n"
    "    reason: kerstvakantie\n"
)


def _catalogue(tmp_path):
    catalogue, problems = read_catalogue(_content(tmp_path, WHEN), SCHEMA, today=TODAY)
    assert problems == []
    return catalogue, catalogue.offers[0]


def test_times_and_closures_reach_the_tables_and_the_page_texts(tmp_path):
    catalogue, offer = _catalogue(tmp_path)
    folder = tmp_path / "data"
    write_all(catalogue, folder, PUBLICATION, TODAY)
    with (folder / "schedules.csv").open(encoding="utf-8") as stream:
        assert [(row["day"], row["part_of_day"], row["start_time"], row["end_time"]) for row in csv.DictReader(stream)] == [
            ("maandag", "ochtend", "09:30", "12:00"), ("maandag", "middag", "", ""), ("vrijdag", "ochtend", "10:00", "12:30")]
    with (folder / "closures.csv").open(encoding="utf-8") as stream:
        assert [row for row in csv.DictReader(stream)][1] == {"offer_id": "fietsen", "position": "2", "start_date": "2026-12-21", "end_date": "2027-01-01", "reason": "kerstvakantie"}
    # Only closures that have not ended are shown; across a new year both dates carry their year.
    assert availability_view.closure_lines(offer, TODAY) == ["Gesloten van 21 december 2026 tot en met 1 januari 2027 (kerstvakantie)"]
    assert availability_view.closure_lines(offer, date(2026, 5, 1)) == ["Gesloten van 1 juni tot en met 5 juni", "Gesloten van 21 december 2026 tot en met 1 januari 2027 (kerstvakantie)"]


def test_hsds_schedules_carry_the_times_and_schema_org_the_opening_hours(tmp_path):
    catalogue, offer = _catalogue(tmp_path)
    schedules = {(entry["byday"], entry.get("opens_at"), entry.get("closes_at")) for entry in hsds.service(catalogue, offer, PUBLICATION)["schedules"]}
    assert schedules == {("MO", "09:30", "12:00"), ("MO", None, None), ("FR", "10:00", "12:30")}
    place = structured_data.offer_data(catalogue, offer, PUBLICATION)["jobLocation"][0]
    assert [(spec["dayOfWeek"], spec["opens"], spec["closes"]) for spec in place["openingHoursSpecification"]] == [
        ("https://schema.org/Monday", "09:30", "12:00"), ("https://schema.org/Friday", "10:00", "12:30")]
    assert place["specialOpeningHoursSpecification"][1] == {"@type": "OpeningHoursSpecification", "opens": "00:00", "closes": "00:00",
                                                             "validFrom": "2026-12-21", "validThrough": "2027-01-01", "description": "kerstvakantie"}


def _occurrences(event) -> list[datetime]:
    start = event.decoded("DTSTART")
    rule = rrulestr(event["RRULE"].to_ical().decode(), dtstart=start if isinstance(start, datetime) else datetime.combine(start, datetime.min.time()))
    excluded = set()
    for exdate in (event.get("EXDATE") if isinstance(event.get("EXDATE"), list) else [event.get("EXDATE")] if event.get("EXDATE") else []):
        excluded |= {value.dt if isinstance(value.dt, datetime) else datetime.combine(value.dt, datetime.min.time()) for value in exdate.dts}
    return [moment for moment in rule if moment.replace(tzinfo=None) not in {value.replace(tzinfo=None) for value in excluded}]


def test_the_icalendar_file_is_read_by_a_real_parser_without_the_closed_days(tmp_path):
    catalogue, offer = _catalogue(tmp_path)
    folder = tmp_path / "data"
    write_all(catalogue, folder, PUBLICATION, TODAY)
    raw = (folder / "offers" / "fietsen.ics").read_bytes()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))  # folded (RFC 5545 3.1)
    calendar = icalendar.Calendar.from_ical(raw)
    events = list(calendar.walk("VEVENT"))
    assert sorted(str(event["SUMMARY"]) for event in events) == ["Fietsen repareren (middag)", "Fietsen repareren (ochtend)", "Fietsen repareren (ochtend)"]
    monday_morning = next(event for event in events if "MO" in event["RRULE"]["BYDAY"] and isinstance(event.decoded("DTSTART"), datetime))
    start = monday_morning.decoded("DTSTART")
    assert (start.date(), start.hour, start.minute, str(start.tzinfo)) == (date(2026, 12, 7), 9, 30, "Europe/Amsterdam")
    assert monday_morning.decoded("DTEND").time().isoformat() == "12:00:00"
    mondays = [moment.date() for moment in _occurrences(monday_morning)]
    # Twelve weeks of Mondays from the first one after today (7 December to 22 February), without the two inside the
    # Christmas closure (21 December to 1 January).
    assert mondays[0] == date(2026, 12, 7) and mondays[-1] == date(2027, 2, 22) and len(mondays) == 12 - 2
    assert date(2026, 12, 21) not in mondays and date(2026, 12, 28) not in mondays and date(2027, 1, 4) in mondays
    all_day = next(event for event in events if not isinstance(event.decoded("DTSTART"), datetime))  # a dagdeel without times
    assert all_day.decoded("DTSTART") == date(2026, 12, 7) and "middag" in str(all_day["SUMMARY"])
    assert str(monday_morning["URL"]) == PUBLICATION.offer_url("fietsen")


def test_long_text_is_folded_inside_characters_and_escaped():
    line = "SUMMARY:" + ical.escape("Koffie, thee; en café\nmet é" * 6)
    folded = ical.fold(line)
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == line and "\\," in line and "\\;" in line and "\\n" in line
    # The limit is in octets, not characters: 75 plain characters fit, 75 with one é (76 octets) do not.
    assert ical.fold("x" * 75) == "x" * 75 and ical.fold("é" + "x" * 74) == "é" + "x" * 73 + "\r\n x"
