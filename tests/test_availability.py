"""Is there room (issue 14): availability files checked with file and line, merged into the offer rows, shown in words
with the date, stale after the setting, in the search filter "Er is plek", the exports and the ownership rules."""

from __future__ import annotations

import csv
import json
import os
from dataclasses import replace
from datetime import date

from bs4 import BeautifulSoup

from aanbod.content import availability_view
from aanbod.contrib import ownership
from aanbod.search import search
from aanbod.content.catalogue import read_catalogue
from aanbod.exports import write_all
from aanbod.content.schema import load_schema
from aanbod.content.validation import validate_content
from conftest import REPOSITORY_SCHEMA, ROOT, SCHEMA, offer_yaml, provider_yaml, require_sample, write_files
from sitebuild import build_with_settings

TODAY = date(2026, 12, 1)
SCHEMA_ = load_schema(SCHEMA)


def _site(tmp_path, availability: str | None, extra_files: dict | None = None):
    content = tmp_path / "content"
    own = {"availability/buurtwerk.yaml": availability} if availability is not None else {}
    write_files(content, {
        "providers/buurtwerk.yaml": provider_yaml(),
        "providers/anker.yaml": provider_yaml("anker", "Het Anker"),
        "offers/buurtwerk/fietsen.yaml": offer_yaml(),
        "offers/buurtwerk/koken.yaml": offer_yaml("koken", title="Koken"),
        "offers/anker/atelier.yaml": offer_yaml("atelier", "anker", title="Atelier"),
        **own,
        **(extra_files or {}),
    })
    return content


def _messages(content) -> list[str]:
    return [problem.format() for problem in validate_content(content, SCHEMA_, today=TODAY)[1]]


def test_every_mistake_in_an_availability_file_is_named_with_its_line(tmp_path):
    content = _site(tmp_path, (
        "fietsen:\n"                      # 1
        "  availability: vol\n"           # 2
        "  free_places: 2\n"              # 3
        "  checked_on: 2026-12-02\n"      # 4
        "fietsn:\n"                       # 5
        "  availability: plek\n"          # 6
        "atelier:\n"                      # 7
        "  availability: plek\n"          # 8
        "  checked_on: 2026-11-01\n"      # 9
        "koken:\n"                        # 10
        "  availability: misschien\n"     # 11
        "  waiting_weeks: zes\n"          # 12
        "  checkd_on: 2026-11-01\n"       # 13
    ))
    path = content / "availability" / "buurtwerk.yaml"
    assert [message.replace(str(path), "F") for message in _messages(content)] == [
        "F:3: fietsen.free_places: Dit getal hoort alleen bij availability: plek, en hier staat availability: vol. Haal free_places weg of schrijf availability: plek.",
        "F:4: fietsen.checked_on: 2026-12-02 ligt in de toekomst. Schrijf de dag waarop je hebt gekeken of er plek is, vandaag of eerder.",
        "F:5: fietsn: Er is geen aanbod met de code 'fietsn'. Bedoel je 'fietsen'?",
        "F:7: atelier: Dit is aanbod van 'anker', niet van 'buurtwerk'. Je geeft hier alleen de plek van je eigen aanbod door; die van 'anker' staat in content/availability/anker.yaml.",
        "F:10: koken.checked_on: Vul de dag in waarop je hebt gekeken of er plek is, zoals 2026-11-20. Zonder die dag zegt de site niet dat er plek is.",
        "F:11: koken.availability: 'misschien' kan hier niet. Kies uit: plek (Er is plek), vol, wachtlijst.",
        "F:12: koken.waiting_weeks: 'zes' is geen heel getal. Schrijf alleen cijfers, bijvoorbeeld: 6.",
        "F:13: koken.checkd_on: Dit veld bestaat niet. Bedoel je 'checked_on'?",
    ]


def test_an_availability_file_of_an_unknown_provider_and_availability_in_the_offer_file_are_refused(tmp_path):
    content = _site(tmp_path, None, {
        "availability/onbekend.yaml": "fietsen:\n  availability: plek\n  checked_on: 2026-11-01\n",
        "offers/buurtwerk/koken.yaml": offer_yaml("koken", title="Koken") + "availability: plek\n",
    })
    messages = _messages(content)
    assert any(message.endswith("onbekend.yaml:1: Er is geen aanbieder 'onbekend'. Geef dit bestand de code van je organisatie als naam: "
                                "content/availability/<aanbieder>.yaml, zoals bij content/providers/<aanbieder>.yaml.") for message in messages)
    assert any("koken.yaml:" in message and ": availability: Dit schrijf je niet in het bestand van het aanbod, maar in content/availability/<aanbieder>.yaml." in message
               for message in messages)
    assert len(messages) == 2


def test_availability_is_merged_into_the_offer_rows_and_the_exports(tmp_path):
    content = _site(tmp_path, "fietsen:\n  availability: plek\n  free_places: 3\n  checked_on: 2026-11-20\n"
                              "koken:\n  availability: wachtlijst\n  waiting_weeks: 5\n  checked_on: 2026-11-21\n")
    validated, problems = validate_content(content, SCHEMA_, today=TODAY)
    assert problems == []
    rows = {row["id"]: row for row in validated.typed["offers"]}
    assert (rows["fietsen"]["availability"], rows["fietsen"]["free_places"], rows["fietsen"]["availability_checked_on"]) == ("plek", 3, date(2026, 11, 20))
    assert (rows["koken"]["availability"], rows["koken"]["waiting_weeks"], rows["koken"]["free_places"]) == ("wachtlijst", 5, None)
    assert rows["atelier"]["availability"] is None

    catalogue, _ = read_catalogue(content, SCHEMA, today=TODAY)
    folder = tmp_path / "data"
    write_all(catalogue, folder, today=TODAY)
    with (folder / "offers.csv").open(encoding="utf-8") as stream:
        exported = {row["id"]: row for row in csv.DictReader(stream)}
    assert {key: exported["fietsen"][key] for key in ("availability", "free_places", "waiting_weeks", "availability_checked_on")} == \
        {"availability": "plek", "free_places": "3", "waiting_weeks": "", "availability_checked_on": "2026-11-20"}
    offers = {offer["id"]: offer for offer in json.loads((folder / "offers.json").read_text(encoding="utf-8"))["offers"]}
    assert offers["koken"]["availability"] == "wachtlijst" and offers["koken"]["waiting_weeks"] == 5


def test_a_state_checked_longer_ago_than_the_setting_is_not_repeated(tmp_path):
    content = _site(tmp_path, "fietsen:\n  availability: plek\n  free_places: 2\n  checked_on: 2026-10-19\n"
                              "koken:\n  availability: plek\n  checked_on: 2026-10-20\n")
    catalogue, _ = read_catalogue(content, SCHEMA, today=TODAY)
    catalogue = replace(catalogue, availability_since=availability_view.since(TODAY, 6))
    offers = {offer.id: offer for offer in catalogue.offers}
    stale = availability_view.availability_view(catalogue, offers["fietsen"])
    assert stale.role == availability_view.UNKNOWN
    assert stale.sentence == "Of er plek is, weten we niet zeker. Bel of mail om het te vragen. Het laatste bericht over plek is van 19 oktober 2026."
    fresh = availability_view.availability_view(catalogue, offers["koken"])  # exactly six weeks: still believed
    assert (fresh.role, fresh.short, fresh.sentence) == ("free", "Er is plek", "Er is plek. Gecontroleerd op 20 oktober 2026.")
    assert availability_view.availability_view(catalogue, offers["atelier"]) is None
    # The filter "Er is plek" holds only the fresh one.
    filtered = {offer.id for offer in catalogue.published if 'data-pagefind-filter="plek[value]"' in search.offer_document(catalogue, offer)}
    assert filtered == {"koken"}
    assert [group.data for group in search.filter_groups(catalogue) if group.key == "plek"] == [["plek", "Plek", [["ja", "Er is plek"]]]]


def test_the_built_page_says_it_does_not_know_with_the_date(tmp_path):
    content = _site(tmp_path, "fietsen:\n  availability: wachtlijst\n  waiting_weeks: 4\n  checked_on: 2026-09-01\n"
                              "koken:\n  availability: vol\n  checked_on: 2026-11-30\n")
    output = tmp_path / "output"
    result = build_with_settings(content, output, "AANBOD_TODAY = date(2026, 12, 1)")
    assert result.returncode == 0, result.stderr
    stale = BeautifulSoup((output / "aanbod" / "fietsen" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert stale.select_one("[data-availability]").get_text(" ", strip=True) == \
        "Of er plek is, weten we niet zeker. Bel of mail om het te vragen. Het laatste bericht over plek is van 1 september 2026."
    full = BeautifulSoup((output / "aanbod" / "koken" / "index.html").read_text(encoding="utf-8"), "html.parser")
    fact = full.select_one(".key-fact.availability")
    assert fact.get_text(strip=True) == "Vol" and fact.select_one("svg.icon")  # words and a pictogram
    assert full.select_one("[data-availability]").get_text(" ", strip=True) == "Er is nu geen plek. Gecontroleerd op 30 november 2026."
    english = BeautifulSoup((output / "en" / "aanbod" / "koken" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert english.select_one(".key-fact.availability").get_text(strip=True) == "Full"
    assert english.select_one("[data-availability]").get_text(" ", strip=True) == "There is no place right now. Checked on 30 November 2026."


def test_availability_files_belong_to_their_provider():
    layout = ownership.Layout.of(SCHEMA_, "content")
    assert layout.owner_of("content/availability/buurtwerk.yaml") == "buurtwerk"
    assert layout.owner_of("content/availability/sub/buurtwerk.yaml") == ownership.EDITORS
    owners = ownership.codeowners(layout, {"buurtwerk": ["sanne"]}, [])
    assert "/content/availability/buurtwerk.yaml @sanne\n" in owners
    report = ownership.check("piet", ["content/availability/buurtwerk.yaml"], layout, {"buurtwerk": ["sanne"]}, {"buurtwerk": ["sanne"]}, [])
    assert len(report.problems) == 1 and "hoort bij de aanbieder 'buurtwerk'" in report.problems[0].message


def test_a_pull_request_that_changes_only_an_availability_file_is_checked_against_the_index(tmp_path):
    from aanbod.contrib.freshness import Limits
    from aanbod.contrib.review import review_changes

    content = _site(tmp_path, "atelier:\n  availability: plek\n  checked_on: 2026-11-01\nfietsen:\n  availability: vol\n  checked_on: 2026-12-24\n")
    path = content / "availability" / "buurtwerk.yaml"
    review = review_changes(content, SCHEMA_, [str(path)], Limits(TODAY, 6, 12), new_files=set())
    assert review.skipped == [] and len(review.checked) == 1
    assert [problem.format().replace(str(path), "F") for problem in review.problems] == [
        "F:1: atelier: Dit is aanbod van 'anker', niet van 'buurtwerk'. Je geeft hier alleen de plek van je eigen aanbod door; die van 'anker' staat in content/availability/anker.yaml.",
        "F:6: fietsen.checked_on: 2026-12-24 ligt in de toekomst. Schrijf de dag waarop je hebt gekeken of er plek is, vandaag of eerder.",
    ]


def test_the_command_writes_one_offers_availability_and_refuses_what_validation_refuses(tmp_path):
    import subprocess
    import sys

    content = _site(tmp_path, "fietsen:\n  availability: vol\n  checked_on: 2026-11-01\n")

    def run(*arguments):
        return subprocess.run([sys.executable, "-m", "aanbod", "beschikbaarheid", "--content", str(content), "--today", "2026-12-01",
                               "--schema", str(SCHEMA), *arguments], capture_output=True, text=True, cwd=ROOT)

    result = run("koken", "wachtlijst", "--weken", "3")
    assert result.returncode == 0, result.stdout + result.stderr
    path = content / "availability" / "buurtwerk.yaml"
    assert path.read_text(encoding="utf-8").split("\n")[0] == "# yaml-language-server: $schema=" + os.path.relpath(SCHEMA / "editor" / "availability.schema.json", path.parent)
    assert path.read_text(encoding="utf-8").split("\n")[3:] == [
        "fietsen:", "  availability: vol", "  checked_on: 2026-11-01",
        "koken:", "  availability: wachtlijst", "  waiting_weeks: 3", "  checked_on: 2026-12-01", ""]
    assert _messages(content) == []
    before = path.read_bytes()
    refused = run("koken", "vol", "--weken", "3")
    assert refused.returncode == 1 and "Dit getal hoort alleen bij availability: wachtlijst" in refused.stdout and path.read_bytes() == before
    result = run("atelier", "plek", "--plekken", "2")  # another provider's offer goes to that provider's file
    assert result.returncode == 0 and (content / "availability" / "anker.yaml").read_text(encoding="utf-8").endswith("atelier:\n  availability: plek\n  free_places: 2\n  checked_on: 2026-12-01\n")
    unknown = run("nergens", "plek")
    assert unknown.returncode == 2 and unknown.stderr.startswith("Er is geen aanbod met de code 'nergens'.")


def test_the_sample_availability_files_pass_their_editor_schema():
    from jsonschema import Draft7Validator

    from aanbod.content.loading import parse_text
    from yaml12 import load as load_yaml12

    require_sample()
    validator = Draft7Validator(json.loads((REPOSITORY_SCHEMA / "editor" / "availability.schema.json").read_text(encoding="utf-8")))
    paths = sorted((ROOT / "content" / "availability").glob("*.yaml"))
    assert len(paths) >= 3
    for path in paths:
        text = path.read_text(encoding="utf-8")
        for tree in (parse_text(text.encode(), str(path))[0].data, load_yaml12(text)):
            assert [error.message for error in validator.iter_errors(tree)] == [], path
    wrong = {"fietsen": {"availability": "misschien", "checked_on": "2026-11-01"}, "koken": {"free_places": 2}, "Niet Goed": {}}
    assert len(list(validator.iter_errors(wrong))) >= 3
