"""The data files beyond CSV: per-offer JSON, GeoJSON, XLSX and the change feeds.

Each export is read back and compared with the validated catalogue (the round trip), and no
cell of any CSV or of the XLSX can run as a spreadsheet formula.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
import subprocess
import xml.etree.ElementTree as ET
import zipfile
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from aanbod.content.catalogue import read_catalogue
from aanbod.exports import feeds, rpde, write_all
from aanbod.exports.values import to_json, to_text
from aanbod.exports.publication import Publication
from aanbod.content.schema import load_schema
from aanbod.content.settings import DEFAULTS
from aanbod.content.rules import FORMULA_STARTS
from aanbod.content.validation import validate_content
from conftest import SCHEMA, offer_yaml, provider_yaml, write_files

ATOM = "{http://www.w3.org/2005/Atom}"
PUBLICATION = Publication.from_settings(DEFAULTS)


# --- round trips ---

def test_one_json_file_per_offer_equals_its_entry_in_offers_json(catalogue, data):
    documents = json.loads((data / "offers.json").read_text(encoding="utf-8"))["offers"]
    assert sorted(path.stem for path in (data / "offers").glob("*.json")) == sorted(offer.id for offer in catalogue.offers)
    for document in documents:
        assert json.loads((data / "offers" / f"{document['id']}.json").read_text(encoding="utf-8")) == document


def test_geojson_has_one_rfc7946_feature_per_location(catalogue, data):
    collection = json.loads((data / "offers.geojson").read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and "crs" not in collection
    locations = [(offer, location) for offer in catalogue.offers for location in offer.locations]
    assert len(collection["features"]) == len(locations) > 0
    for feature, (offer, location) in zip(collection["features"], locations):
        assert feature["type"] == "Feature"
        assert feature["id"] == f"{offer.id}/{location.position}"
        if location.has_coordinates:
            assert feature["geometry"] == {"type": "Point", "coordinates": [float(location.longitude), float(location.latitude)]}
        else:
            assert feature["geometry"] is None
        properties = feature["properties"]
        for name in ("offer_id", "position", "name", "street_address", "postcode", "municipality", "wijk"):
            assert properties[name] == to_json(location.values[name]), name
        assert (properties["title"], properties["status"], properties["kind"]) == (offer.title, offer.status, offer.kind)
        assert properties["url"] == f"https://openaanbod.example.nl/aanbod/{offer.id}/"


def _xlsx_value(value, field: dict):
    """What a validated value looks like after a trip through the spreadsheet."""
    if value is None:
        return None
    if field["type"] == "list":
        return to_text(value)
    if field["type"] == "date":
        return datetime.combine(value, datetime.min.time())
    if isinstance(value, Decimal):
        return to_json(value)
    return value


def test_xlsx_sheets_read_back_to_the_validated_rows(catalogue, data):
    book = openpyxl.load_workbook(data / "offers.xlsx")
    for table in catalogue.schema.tables.values():
        rows = list(book[table.name].iter_rows(values_only=True))
        assert list(rows[0]) == table.field_names
        expected = [[_xlsx_value(row[field["name"]], field) for field in table.fields] for row in catalogue.tables[table.name]]
        assert [list(row) for row in rows[1:]] == expected, table.name
    explained = {(row[0], row[1]) for row in book["uitleg"].iter_rows(min_row=2, values_only=True)}
    assert explained == {(table.name, name) for table in catalogue.schema.tables.values() for name in table.field_names}
    codes = {(row[0], row[2], row[3]) for row in book["codes"].iter_rows(min_row=2, values_only=True)}
    assert codes == {(taxonomy.name, term.code, term.label) for taxonomy in catalogue.schema.taxonomies.values() for term in taxonomy.terms}


def test_xlsx_keeps_text_as_text_and_dates_come_from_the_content(tmp_path):
    content = tmp_path / "content"
    write_files(content, {
        "providers/buurtwerk.yaml": provider_yaml(),
        # Values a spreadsheet would turn into a number, a date or a formula if they were typed in.
        "offers/buurtwerk/010.yaml": offer_yaml("010", title="'0800 1234'", summary="'1/2'", contact_phone="+31 30 123 4567", cost_description="'3-4'"),
    })
    catalogue, problems = read_catalogue(content, SCHEMA)
    assert problems == []
    write_all(catalogue, tmp_path / "data")
    book = openpyxl.load_workbook(tmp_path / "data/offers.xlsx")
    header, row = list(book["offers"].iter_rows(max_row=2))
    cells = {name.value: cell for name, cell in zip(header, row)}
    for name, text in {"id": "010", "title": "0800 1234", "summary": "1/2", "contact_phone": "+31 30 123 4567", "cost_description": "3-4"}.items():
        assert (cells[name].value, cells[name].data_type) == (text, "s"), name
    assert cells["cost_eur"].data_type == "n" and cells["referral_required"].value is False
    # Outside git the content's date is verified_on: the file carries it, not the time of the build.
    with zipfile.ZipFile(tmp_path / "data/offers.xlsx") as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2026, 10, 15, 0, 0, 0)}
        assert "2026-10-15T00:00:00Z" in archive.read("docProps/core.xml").decode()


def _walk(pages: dict, url: str) -> list[dict]:
    """Follow next from ``url`` through the page files, as a client behind the host's rewrite would."""
    items = []
    for _ in range(len(pages) + 1):
        after = None
        if "?" in url:
            query = dict(part.split("=") for part in url.split("?")[1].split("&"))
            after = (query["afterTimestamp"], query["afterId"])
        page = pages[rpde.page_file(after if after is None else (int(after[0]), after[1]))]
        items += page["items"]
        if page["next"] == url:
            return items
        url = page["next"]
    raise AssertionError("the feed never reached a page that points to itself")


def test_json_change_feed_pages_hold_every_offer_once_in_order(catalogue):
    documents = {offer.id: {"id": offer.id} for offer in catalogue.offers}
    ids = sorted(offer.id for offer in catalogue.offers)
    # Eleven commits of different sizes, the fourth touching an offer again and deleting a file.
    slots = [rpde.Slot(1000 + number, tuple(ids[number * 6:number * 6 + 6]), frozenset()) for number in range(11) if ids[number * 6:number * 6 + 6]]
    slots.insert(4, rpde.Slot(1004, tuple(sorted([ids[0], "weg-gehaald"])), frozenset({"weg-gehaald"})))
    slots[5:] = [dataclasses.replace(slot, stamp=slot.stamp + 1) for slot in slots[5:]]
    feed = PUBLICATION.data_url(rpde.FEED)
    pages = rpde.feed_pages(catalogue, documents, feed, slots, page_size=7)
    assert set(pages) == {rpde.page_file(None), rpde.LAST_PAGE} | {rpde.page_file(slot.key) for slot in slots}
    assert all(len(page["items"]) <= 7 for page in pages.values())
    items = _walk(pages, feed)
    assert sorted(item["id"] for item in items) == sorted(ids + ["weg-gehaald"])
    keys = [(item["modified"], item["id"]) for item in items]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert {item["id"]: item["modified"] for item in items}[ids[0]] == 1004
    by_id = {offer.id: offer for offer in catalogue.offers}
    for item in items:
        offer = by_id.get(item["id"])
        if offer and offer.is_published:
            assert (item["state"], item["data"]) == ("updated", documents[offer.id])
        else:
            assert item["state"] == "deleted" and "data" not in item
    # From any key the feed ever handed out, a client reads exactly what came after it.
    for slot in slots:
        url = f"{feed}?afterTimestamp={slot.key[0]}&afterId={slot.key[1]}"
        assert [(item["modified"], item["id"]) for item in _walk(pages, url)] == [key for key in keys if key > slot.key]
    last = pages[rpde.LAST_PAGE]
    assert last["items"] == [] and last["next"] == f"{feed}?afterTimestamp={slots[-1].key[0]}&afterId={slots[-1].key[1]}"


def test_json_change_feed_items_carry_the_offers_json_documents(catalogue, data):
    documents = {document["id"]: document for document in json.loads((data / "offers.json").read_text(encoding="utf-8"))["offers"]}
    pages = {str(path.relative_to(data)): json.loads(path.read_text(encoding="utf-8")) for path in (data / "changes").rglob("*.json") if path.name != "index.json"}
    updated = [item for item in _walk(pages, PUBLICATION.data_url(rpde.FEED)) if item["state"] == "updated"]
    assert {item["id"] for item in updated} == {offer.id for offer in catalogue.published}
    assert all(item["data"] == documents[item["id"]] for item in updated)


def test_atom_feed_lists_the_latest_changes_newest_first(catalogue, data):
    feed = ET.parse(data / "feed.atom").getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = feed.findall(f"{ATOM}entry")
    expected = sorted(catalogue.offers, key=lambda offer: (offer.last_modified, offer.id), reverse=True)[:feeds.ATOM_ENTRIES]
    assert [entry.findtext(f"{ATOM}id") for entry in entries] == [f"https://openaanbod.example.nl/aanbod/{offer.id}/" for offer in expected]
    assert feed.findtext(f"{ATOM}updated") == entries[0].findtext(f"{ATOM}updated")
    for entry, offer in zip(entries, expected):
        assert datetime.fromisoformat(entry.findtext(f"{ATOM}updated")) == offer.last_modified
        title = entry.findtext(f"{ATOM}title")
        assert title == (offer.title if offer.is_published else f"Gestopt: {offer.title}")
        assert entry.find(f"{ATOM}category").get("term") == offer.kind


# --- modified dates ---

def _git(folder: Path, *arguments: str, when: str) -> None:
    environment = {"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "HOME": str(folder), "GIT_AUTHOR_NAME": "t",
                   "GIT_AUTHOR_EMAIL": "t@example.nl", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.nl"}
    subprocess.run(["git", "-C", str(folder), *arguments], check=True, capture_output=True, env=environment)


def test_modified_dates_come_from_git_else_from_verified_on(tmp_path):
    content = tmp_path / "content"
    write_files(content, {"providers/buurtwerk.yaml": provider_yaml(), "offers/buurtwerk/fietsen.yaml": offer_yaml()})
    _git(tmp_path, "init", "-q", when="2026-03-04T10:00:00+01:00")
    _git(tmp_path, "add", ".", when="2026-03-04T10:00:00+01:00")
    _git(tmp_path, "commit", "-qm", "first", when="2026-03-04T10:00:00+01:00")
    write_files(content, {"offers/buurtwerk/nieuw.yaml": offer_yaml("nieuw", verified_on="2026-10-20")})
    catalogue, problems = read_catalogue(content, SCHEMA)
    assert problems == []
    offers = {offer.id: offer for offer in catalogue.offers}
    assert offers["fietsen"].last_modified == datetime(2026, 3, 4, 9, 0, tzinfo=timezone.utc)
    assert offers["nieuw"].modified is None
    assert offers["nieuw"].last_modified == datetime(2026, 10, 20, tzinfo=timezone.utc)
    assert catalogue.last_modified == datetime(2026, 10, 20, tzinfo=timezone.utc)
    descriptor = json.loads((write_all(catalogue, tmp_path / "data")[0].paths[0].parent / "datapackage.json").read_text(encoding="utf-8"))
    assert (descriptor["modified"], descriptor["version"]) == ("2026-10-20T00:00:00Z", "1.0.0")


# --- CSV injection ---

PHONE = re.compile(r"\+31 ?[1-9]([ -]?[0-9]){8}")


def _spreadsheet_cells(data: Path):
    """(file, column, text) for every cell of every CSV file and every XLSX sheet."""
    for path in sorted(data.rglob("*.csv")):
        for_excel = path.parent.name == "excel"  # the copies for Dutch Excel: ';' and a byte order mark
        with path.open(encoding="utf-8-sig" if for_excel else "utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter=";" if for_excel else ","):
                for name, cell in row.items():
                    yield path.name, name, cell
    book = openpyxl.load_workbook(data / "offers.xlsx")
    for sheet in book.worksheets:
        header = [cell.value for cell in sheet[1]]
        for row in sheet.iter_rows(min_row=2):
            for name, cell in zip(header, row):
                assert cell.data_type != "f", (sheet.title, name, cell.value)
                if isinstance(cell.value, str):
                    yield f"offers.xlsx:{sheet.title}", name, cell.value


def test_no_csv_or_xlsx_cell_can_run_as_a_formula(data):
    cells = list(_spreadsheet_cells(data))
    assert len({source for source, _, _ in cells}) >= 15
    risky = [(source, name, text) for source, name, text in cells if text.startswith(FORMULA_STARTS)]
    # Only phone numbers may start with '+', and the schema's strict pattern keeps them digits and spaces.
    assert all(name in ("phone", "contact_phone") and PHONE.fullmatch(text) for _, name, text in risky), risky


@pytest.mark.parametrize("start", FORMULA_STARTS)
def test_validation_refuses_free_text_that_starts_like_a_formula_in_every_table(tmp_path, start):
    content = tmp_path / "content"
    value = f'"{start.encode("unicode_escape").decode()}HYPERLINK(1)"'
    write_files(content, {
        "providers/buurtwerk.yaml": provider_yaml().replace("name: Buurtwerk", f"name: {value}"),
        "offers/buurtwerk/fietsen.yaml": offer_yaml(title=value).replace("name: Werkplaats De Spaak", f"name: {value}"),
    })
    validated, problems = validate_content(content, load_schema(SCHEMA))
    assert validated is None
    assert {(Path(problem.path).name, problem.field, problem.code) for problem in problems} == {
        ("buurtwerk.yaml", "name", "formula"), ("fietsen.yaml", "title", "formula"), ("fietsen.yaml", "locations[1].name", "formula"),
    }


def test_json_that_only_programs_read_has_no_whitespace_and_descriptors_stay_readable(data):
    """Indenting made the big files about a third larger; people open only the small descriptors."""
    compact = [data / "offers.json", data / "offers.geojson", data / "hsds/services.json", data / "hsds/organizations.json",
               data / "hsds/taxonomy_terms.json", data / "changes/first.json", *sorted((data / "offers").glob("*.json"))[:3]]
    for path in compact:
        text = path.read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")) + "\n", path.name
    for name in ("datapackage.json", "schemas/offers.json", "changes/index.json", "dcat.jsonld"):
        text = (data / name).read_text(encoding="utf-8")
        assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n", name
