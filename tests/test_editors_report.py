"""Completeness scores and the editors' report of issue 16: freshness, links, readability and completeness per provider."""

from __future__ import annotations

import csv
import json

import pytest
from bs4 import BeautifulSoup

from aanbod.contrib import completeness
from aanbod.content.catalogue import read_catalogue
from conftest import LOCATION, SCHEMA, offer_yaml, provider_yaml, write_files
from sitebuild import build_with_settings

FULL = dict(contact_phone="030 123 4567", accessibility="[rolstoel]", places="4", hours_per_week="6", languages="[nl]")
SCHEDULE = "schedule:\n  maandag: [ochtend]\nintake_steps:\n  - step: binnenlopen\n"


def catalogue_of(tmp_path, offers: dict[str, str]):
    files = {"providers/buurtwerk.yaml": provider_yaml(), "providers/anker.yaml": provider_yaml("anker", "Het Anker")}
    files.update({f"offers/{path}.yaml": text for path, text in offers.items()})
    catalogue, problems = read_catalogue(write_files(tmp_path / "content", files), SCHEMA)
    assert problems == []
    return catalogue


def test_a_complete_offer_scores_100_and_the_most_important_gap_comes_first(tmp_path):
    catalogue = catalogue_of(tmp_path, {
        "buurtwerk/vol": offer_yaml("vol", extra=LOCATION + SCHEDULE, **FULL),
        "buurtwerk/half": offer_yaml("half", extra=LOCATION.replace("  - name: Werkplaats De Spaak\n    street_address", "  - street_address"),
                                     accessibility="[rolstoel]", hours_per_week="6"),
    })
    checks = completeness.applicable(catalogue.schema)
    scores = {score.offer_id: score for score in completeness.assess(catalogue)}
    assert scores["vol"].score == 100 and scores["vol"].first_to_add == ""
    half = scores["half"]
    gaps = ["contact", "schedule", "availability", "intake", "place", "languages"]
    assert [check.code for check in half.missing] == [check.code for check in checks if check.code in gaps]
    assert half.score == round(100 * (len(checks) - len(half.missing)) / len(checks))
    assert "intake" in [check.code for check in half.missing]  # the schema has intake_steps (issue 14)
    assert half.first_to_add.startswith("een telefoonnummer of e-mailadres")


def test_checks_follow_the_schema_a_missing_field_is_not_counted(tmp_path):
    catalogue = catalogue_of(tmp_path, {"buurtwerk/vol": offer_yaml("vol", extra=LOCATION + SCHEDULE, **FULL)})
    codes = [check.code for check in completeness.applicable(catalogue.schema)]
    assert "contact" in codes and "schedule" in codes
    # intake_steps arrives with issue 14: until the schema has it, it is no gap.
    assert ("intake" in codes) == ("intake_steps" in catalogue.schema.tables or "intake_steps" in catalogue.schema.tables["offers"].field_names)


def test_the_provider_score_is_the_mean_and_names_what_most_offers_miss(tmp_path):
    catalogue = catalogue_of(tmp_path, {
        "buurtwerk/een": offer_yaml("een", extra=LOCATION + SCHEDULE, **{**FULL, "languages": "[]"}),
        "buurtwerk/twee": offer_yaml("twee", extra=LOCATION + SCHEDULE, **{key: value for key, value in FULL.items() if key != "languages"}),
        "buurtwerk/drie": offer_yaml("drie", extra=LOCATION + SCHEDULE, **{key: value for key, value in FULL.items() if key != "contact_phone"}),
    })
    scores = completeness.assess(catalogue)
    providers = {item.provider: item for item in completeness.by_provider(catalogue, scores)}
    assert providers["buurtwerk"].score == round(sum(score.score for score in scores) / 3)
    assert providers["buurtwerk"].first_to_add.startswith("de talen")  # two offers miss languages, one misses contact
    assert providers["anker"].score is None and providers["anker"].first_to_add == ""


@pytest.fixture(scope="module")
def report_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("redactie")
    hard = ("|\n  De implementatie van participatiebevorderende interventiemethodieken vereist intersectorale samenwerkingsverbanden "
            "tussen gemeentelijke organisatieonderdelen.\n  Maatschappelijke dienstverleningsinstanties coördineren trajectmatige "
            "arbeidsmarkttoeleiding.\n  Zelfredzaamheidsbevordering staat centraal binnen individuele begeleidingstrajecten.")
    content = write_files(root / "content", {
        "providers/buurtwerk.yaml": provider_yaml(),
        "providers/anker.yaml": provider_yaml("anker", "Het Anker"),
        "offers/buurtwerk/vol.yaml": offer_yaml("vol", extra=LOCATION + SCHEDULE, verified_on="2026-11-01", **FULL),
        "offers/anker/moeilijk.yaml": offer_yaml("moeilijk", provider="anker", description=hard, verified_on="2026-03-01"),
    })
    link_report = root / "rapport.json"
    link_report.write_text(json.dumps({"checked_on": "2026-11-20", "checked": 4, "problems": [
        {"provider": "anker", "path": "content/offers/anker/moeilijk.yaml", "line": 3, "field": "website", "value": "https://anker.example.nl/weg",
         "message": "de pagina bestaat niet (meer) (HTTP 404)", "checked_on": "2026-11-20"}]}), encoding="utf-8")
    output = root / "output"
    result = build_with_settings(content, output, f"AANBOD_TODAY = date(2026, 11, 22)\nAANBOD_LINKS_REPORT = {str(link_report)!r}")
    assert result.returncode == 0, result.stderr
    return output


def row_of(soup, provider):
    row = soup.select_one(f"section.quality tr[data-provider={provider}]")
    return [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]


def test_the_editors_page_shows_each_provider_with_links_readability_and_completeness(report_site):
    soup = BeautifulSoup((report_site / "redactie/actualiteit/index.html").read_text(encoding="utf-8"), "html.parser")
    anker, buurtwerk = row_of(soup, "anker"), row_of(soup, "buurtwerk")
    # provider, expired, stale, broken links, Flesch-Douma, hard texts, complete, add first
    assert anker[0] == "Het Anker" and anker[2] == "1" and anker[3] == "1" and anker[5] == "1"
    assert buurtwerk[1:4] == ["0", "0", "0"] and buurtwerk[5] == "0" and buurtwerk[6] == "100%" and buurtwerk[7] == ""
    assert anker[7].startswith("een telefoonnummer of e-mailadres")
    order = [row["data-provider"] for row in soup.select("section.quality tr[data-provider]")]
    assert order.index("anker") < order.index("buurtwerk")  # the provider with broken links and stale offers first
    broken = soup.select_one("#links-kapot").find_next("table").get_text(" ", strip=True)
    assert "content/offers/anker/moeilijk.yaml:3" in broken and "HTTP 404" in broken
    hard = soup.select_one("#moeilijke-teksten").find_next("table")
    assert [link["href"].rstrip("/").rsplit("/", 1)[-1] for link in hard.select("a")] == ["moeilijk"]
    english = BeautifulSoup((report_site / "en/redactie/actualiteit/index.html").read_text(encoding="utf-8"), "html.parser")
    assert english.select_one("#per-aanbieder").get_text() == "Per provider: freshness, links, readability and completeness"


def test_the_quality_csv_has_one_row_per_published_offer(report_site):
    with (report_site / "redactie/kwaliteit.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [row["aanbod"] for row in rows] == ["moeilijk", "vol"]
    moeilijk = rows[0]
    assert float(moeilijk["flesch_douma"]) < 60 and moeilijk["eerst_toevoegen"].startswith("een telefoonnummer")
    assert rows[1]["volledig_procent"] == "100" and rows[1]["eerst_toevoegen"] == ""


def test_without_a_link_check_the_page_says_so(tmp_path):
    content = write_files(tmp_path / "content", {"providers/buurtwerk.yaml": provider_yaml(), "offers/buurtwerk/vol.yaml": offer_yaml("vol")})
    output = tmp_path / "output"
    result = build_with_settings(content, output, f"AANBOD_LINKS_REPORT = {str(tmp_path / 'bestaat-niet.json')!r}")
    assert result.returncode == 0, result.stderr
    soup = BeautifulSoup((output / "redactie/actualiteit/index.html").read_text(encoding="utf-8"), "html.parser")
    assert "nog geen controle van de links" in soup.select_one("#links-kapot").find_next("p").get_text()
    assert row_of(soup, "buurtwerk")[3] == "–"
