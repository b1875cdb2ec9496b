"""Forking: a rebranded configuration (another region, its lists, colours, logo, repository) changes the whole site."""

from __future__ import annotations

import json
import re
import shutil

import pytest
from bs4 import BeautifulSoup

from conftest import LOCATION as LOCATION_UTRECHT
from conftest import SCHEMA, offer_yaml, provider_yaml, soup, write_files
from sitebuild import build_with_settings

LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#8a1538"/></svg>'
TEXT_FILES = {".html", ".css", ".js", ".json", ".jsonld", ".geojson", ".csv", ".xml", ".rdf", ".atom", ".txt", ".svg"}

REBRAND = """
SITENAME = "Open Aanbod Zwolle"
AANBOD_REGION = "regio Zwolle"
AANBOD_EXAMPLE_DATA = False
AANBOD_COLOURS = {{"brand": "#8a1538", "brand-dark": "#5c0e25"}}
AANBOD_LOGO = {logo!r}
AANBOD_SCHEMA_PATH = {schema!r}
AANBOD_REPOSITORY_URL = "https://github.com/gemeente-zwolle/open-aanbod"
AANBOD_EDITORS = ["zwolle-redactie"]
AANBOD_CONTACT = {{"name": "Werk in Zwolle", "email": "aanbod@zwolle.example.nl"}}
AANBOD_PUBLIC_URL = "https://aanbod.zwolle.example.nl"
AANBOD_PUBLISHER = {{"name": "Gemeente Zwolle", "uri": "http://standaarden.overheid.nl/owms/terms/Zwolle"}}
AANBOD_PROVINCE = "Overijssel"
AANBOD_TODAY = date(2026, 11, 22)
AANBOD_CONTRIBUTING_FILE = {guide!r}
"""

WHEELCHAIR = "#rolstoel"  # the wheelchair pictogram's symbol in the sprite (theme/static/img/iconen.svg)

GUIDE = "# Aanbod toevoegen in Zwolle\n\nZo zet je je aanbod op de site.\n"

LOCATION = """\
locations:
  - street_address: Stadshagenallee 10
    postcode: 8043 AB
    municipality: zwolle
    wijk: stadshagen
    latitude: 52.5350
    longitude: 6.0590
"""


def rebranded_schema(folder):
    shutil.copytree(SCHEMA, folder, ignore=shutil.ignore_patterns("editor"))
    (folder / "taxonomies/municipalities.csv").write_text("code,label\nzwolle,Zwolle\nkampen,Kampen\n", encoding="utf-8")
    (folder / "taxonomies/wijken.csv").write_text("code,municipality,label\nstadshagen,zwolle,Stadshagen\nholtenbroek,zwolle,Holtenbroek\n", encoding="utf-8")
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    package["title"] = "Open Aanbod: werk, leren en doen in de regio Zwolle"
    package["description"] = "Aanbod van werk, leren en doen voor inwoners met een afstand tot de arbeidsmarkt in de regio Zwolle."
    (folder / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def zwolle(tmp_path_factory):
    root = tmp_path_factory.mktemp("zwolle")
    schema = rebranded_schema(root / "schema")
    (root / "logo.svg").write_text(LOGO, encoding="utf-8")
    (root / "CONTRIBUTING.md").write_text(GUIDE, encoding="utf-8")
    content = write_files(root / "content", {
        "providers/zwolle-helpt.yaml": "id: zwolle-helpt\nname: Zwolle Helpt\ndescription: Wij helpen.\nmunicipality: zwolle\nmaintainers: [zwolle-helpt]\n",
        "offers/zwolle-helpt/fietsen.yaml": offer_yaml("fietsen", "zwolle-helpt", extra=LOCATION),
        "offers/zwolle-helpt/tuin.yaml": offer_yaml("tuin", "zwolle-helpt", title="Tuinieren", extra=LOCATION.replace("zwolle\n    wijk: stadshagen", "kampen")),
    })
    output = root / "output"
    result = build_with_settings(content, output, REBRAND.format(logo=str(root / "logo.svg"), schema=str(schema), guide=str(root / "CONTRIBUTING.md")))
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_name_region_logo_and_colours_come_from_the_settings(zwolle):
    home = soup(zwolle / "index.html")
    brand = home.select_one(".brand")
    assert brand.get_text(strip=True) == "Open Aanbod Zwolle"
    logo = brand.select_one("img.brand-logo")
    assert (zwolle / logo["src"].lstrip("/")).read_text(encoding="utf-8") == LOGO
    assert "regio Zwolle" in home.select_one(".lead").get_text()
    assert home.select_one("#wijken-title").get_text() == "Aanbod in jouw wijk in Zwolle"
    style = (zwolle / "theme/css/huisstijl.css").read_text(encoding="utf-8")
    assert "--brand: #8a1538;" in style and "--brand-dark: #5c0e25;" in style
    assert home.select_one("link[href='/theme/css/huisstijl.css']")


def test_lists_repository_and_contact_come_from_the_fork(zwolle):
    form = soup(zwolle / "aanbod-aanmelden/index.html").select_one("form#offer-form")
    assert form["data-repository"] == "https://github.com/gemeente-zwolle/open-aanbod"
    template = BeautifulSoup(form.select_one("template").decode_contents(), "html.parser")
    assert [option.get_text() for option in template.select("select[data-field=municipality] option")][1:] == ["Zwolle", "Kampen"]
    assert "aanbod@zwolle.example.nl" in soup(zwolle / "aanbod-toevoegen/index.html").get_text()
    assert (zwolle / "wijk/stadshagen/index.html").exists()


def mentions_of_utrecht(output) -> list[str]:
    mentions = []
    for path in output.rglob("*"):
        if path.is_file() and path.suffix in TEXT_FILES and "leaflet" not in path.parts:
            if "utrecht" in path.read_text(encoding="utf-8", errors="replace").lower():
                mentions.append(str(path.relative_to(output)))
    return sorted(mentions)


def test_nothing_in_the_output_still_says_utrecht(zwolle):
    assert mentions_of_utrecht(zwolle) == []


def test_a_colour_that_is_not_a_colour_stops_the_build_with_a_message(tmp_path):
    content = write_files(tmp_path / "content", {
        "providers/zwolle-helpt.yaml": "id: zwolle-helpt\nname: Zwolle Helpt\ndescription: Wij helpen.\nmunicipality: utrecht\n",
        "offers/zwolle-helpt/fietsen.yaml": offer_yaml("fietsen", "zwolle-helpt"),
    })
    result = build_with_settings(content, tmp_path / "output", 'AANBOD_COLOURS = {"brand": "red; background: url(https://x.example)"}')
    assert result.returncode != 0
    output = " ".join((result.stdout + result.stderr).split())
    assert "AANBOD_COLOURS: de kleur van 'brand' moet een hexadecimale kleur zijn" in output
    assert "Traceback" not in output


# --- A fork that renames codes: their roles come with them (schema/taxonomies, aanbod/content/roles.py) ---------------------

RENAMED = {"gepauzeerd": "wacht", "maandag": "ma", "cursus": "training", "rolstoel": "drempelvrij"}
# Where a code, not a word, is written: a JSON value, an attribute, a URL path, a CSV cell.
OLD_CODES = {old: re.compile(rf"[\"'/=,]{old}[\"'/,:]") for old in RENAMED if old != "rolstoel"}
SCHEDULE = "schedule:\n  dinsdag: [middag]\n  ma: [middag, ochtend]\n"  # out of order on purpose


def renamed_schema(folder):
    """The repository's schema with a status, a day, a subtype and an accessibility code renamed everywhere they are written."""
    shutil.copytree(SCHEMA, folder, ignore=shutil.ignore_patterns("editor"))
    for path in folder.rglob("*"):
        if path.suffix in (".csv", ".json"):
            text = path.read_text(encoding="utf-8")
            for old, new in RENAMED.items():
                # Codes only: the first column of a CSV line, or "code: meaning" in a field's description.
                text = re.sub(rf"(?m)^{old},", f"{new},", text) if path.suffix == ".csv" else re.sub(rf"\b{old}:", f"{new}:", text)
            path.write_text(text, encoding="utf-8")
    accessibility = (folder / "taxonomies/accessibility.csv").read_text(encoding="utf-8")
    assert "drempelvrij,Toegankelijk met rolstoel,Wheelchair accessible,rolstoel" in accessibility
    return folder


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    root = tmp_path_factory.mktemp("renamed")
    schema = renamed_schema(root / "schema")
    fields = dict(kind="leren", subtype="training", accessibility="[drempelvrij]")
    content = write_files(root / "content", {
        "providers/buurtwerk.yaml": provider_yaml(),
        "offers/buurtwerk/fietsen.yaml": offer_yaml("fietsen", extra=LOCATION_UTRECHT + SCHEDULE, **fields),
        "offers/buurtwerk/wachten.yaml": offer_yaml("wachten", title="Tuinieren", status="wacht", extra=LOCATION_UTRECHT + SCHEDULE, **fields),
    })
    output = root / "output"
    (root / "CONTRIBUTING.md").write_text(GUIDE, encoding="utf-8")  # the repository's guide names its own codes
    settings = f"AANBOD_SCHEMA_PATH = {str(schema)!r}\nAANBOD_CONTRIBUTING_FILE = {str(root / 'CONTRIBUTING.md')!r}\nAANBOD_TODAY = date(2026, 11, 22)"
    result = build_with_settings(content, output, settings)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_a_renamed_paused_status_still_shows_no_place_and_is_paused_in_hsds(renamed):
    offer = soup(renamed / "aanbod/wachten/index.html")
    assert "Er is nu geen plek." in offer.select_one(".notice").get_text()
    assert offer.select_one(".key-fact-paused")
    assert not soup(renamed / "aanbod/fietsen/index.html").select(".notice, .key-fact-paused")
    services = {service["name"]: service for service in json.loads((renamed / "data/hsds/services.json").read_text(encoding="utf-8"))}
    assert (services["Tuinieren"]["status"], services["Fietsen repareren"]["status"]) == ("temporarily closed", "active")


def test_a_renamed_day_keeps_its_rfc5545_and_schema_org_codes(renamed):
    services = json.loads((renamed / "data/hsds/services.json").read_text(encoding="utf-8"))
    assert sorted(schedule["byday"] for schedule in services[0]["schedules"]) == ["MO", "MO", "TU"]
    offer = soup(renamed / "aanbod/fietsen/index.html")
    ld = json.loads(offer.select_one("script[type='application/ld+json']").string)
    assert "https://schema.org/Monday" in json.dumps(ld)
    # Days and dagdelen in taxonomy order, as the shortlist's handout has them, whatever order the file wrote.
    assert [item.get_text() for item in offer.select(".facts ul.plain li")][:2] == ["Maandag: ochtend en middag", "Dinsdag: middag"]


def test_pictograms_follow_the_columns_not_the_codes(renamed):
    offer = soup(renamed / "aanbod/fietsen/index.html")
    icons = {fact.get_text(strip=True): fact.select_one("svg use")["href"] for fact in offer.select(".key-facts .key-fact")}
    assert icons["Toegankelijk met rolstoel"].endswith(WHEELCHAIR)
    assert not icons["Leren"].endswith("#punt")  # the kind's own picture, not the fallback dot
    shortlist = json.loads(next((renamed / "lijstje").glob("*.json")).read_text(encoding="utf-8"))["offers"]
    assert shortlist["wachten"]["pictograms"] == ["drempelvrij"] and shortlist["wachten"]["paused"] is True
    template = soup(renamed / "lijstje/index.html").select_one("template[data-icons]").decode_contents()
    assert 'data-fact="access-drempelvrij"' in template and WHEELCHAIR in template


def test_no_old_code_appears_in_the_output(renamed):
    found = []
    for path in renamed.rglob("*"):
        if path.is_file() and path.suffix in TEXT_FILES and "leaflet" not in path.parts and path.parent.name not in ("js", "css"):
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(renamed)}: {old}" for old, pattern in OLD_CODES.items() if pattern.search(text)]
    assert found == []
