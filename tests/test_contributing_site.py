"""On the site: the guide from CONTRIBUTING.md, the form from schema/, and freshness applied to what is published."""

from __future__ import annotations

import csv
import json
import re

import pytest
from bs4 import BeautifulSoup

from aanbod.contrib import editor_schema
from aanbod.site.contributing import MARKER
from aanbod.content.schema import load_schema
from conftest import ROOT, SCHEMA, offer_yaml, provider_yaml, soup, write_files
from sitebuild import build_with_settings



def test_the_guide_page_is_contributing_md_up_to_the_marker(sample_site):
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    shown, hidden = text.split(MARKER, 1)
    page = soup(sample_site / "aanbod-toevoegen/index.html")
    assert page.h1.get_text() == text.splitlines()[0].removeprefix("# ")
    headings = [h2.get_text() for h2 in page.select("article h2")]
    assert headings == ["Liever een formulier?"] + re.findall(r"^## (.+)$", shown, flags=re.MULTILINE)
    assert not set(re.findall(r"^## (.+)$", hidden, flags=re.MULTILINE)) & set(headings)
    assert any("id: koken-in-de-wijk" in code.get_text() for code in page.select("article pre code"))
    assert page.select_one(".guide-shortcut a")["href"] == "/aanbod-aanmelden/"
    assert soup(sample_site / "index.html").select_one(".footer-links a[href='/aanbod-toevoegen/']")


def test_the_form_has_exactly_the_schemas_fields_and_choices(sample_site):
    schema = load_schema(SCHEMA)
    page = soup(sample_site / "aanbod-aanmelden/index.html")
    form = page.select_one("form#offer-form")
    offers, locations = schema.tables["offers"], schema.tables["locations"]
    top = [element["data-field"] for element in form.select("[data-field]") if not element.find_parent("template")]
    assert sorted(top) == sorted(name for name in offers.field_names if name not in offers.generated_fields)
    assert top[:3] == ["title", "provider", "id"]  # what a provider knows first; the code follows the name
    template = BeautifulSoup(form.select_one("template[data-item-template]").decode_contents(), "html.parser")
    assert sorted(element["data-field"] for element in template.select("[data-field]")) == sorted(name for name in locations.field_names if name not in locations.generated_fields)
    assert [option["value"] for option in form.select("#field-kind option") if option["value"]] == schema.taxonomies["kinds"].codes
    providers = sorted(path.stem for path in (ROOT / "content/providers").glob("*.yaml"))
    assert sorted(option["value"] for option in form.select("#field-provider option") if option["value"]) == providers
    rules = json.loads(page.select_one("script#offer-rules").string)
    assert rules["fields"]["offers"]["id"]["pattern"] == offers.field("id")["constraints"]["pattern"]
    assert rules["fields"]["offers"]["title"]["maxLength"] == offers.field("title")["constraints"]["maxLength"]
    assert rules["fields"]["offers"]["contact_email"]["pattern"] == offers.field("contact_email")["constraints"]["pattern"]
    assert rules["fields"]["locations"]["wijk"]["parent"] == "municipality"
    assert form["data-repository"] == "https://github.com/open-aanbod/open-aanbod"
    sample = ROOT / "content/offers/buurtwerk-noord/fietsenwerkplaats-overvecht.yaml"
    assert form["data-modeline"] == editor_schema.modeline(schema, offers, sample)
    days = [box["data-key"] for box in form.select("[data-shape=mapping] input[type=checkbox]")]
    assert sorted(set(days)) == sorted(schema.taxonomies["days"].codes)


def test_a_narrowed_choice_is_not_called_optional_on_the_form(sample_site):
    # The wijk is shown when the municipality has wijken, and then the check requires it (make new too):
    # "(mag leeg blijven)" next to it would promise what the pull request then refuses.
    template = soup(sample_site / "aanbod-aanmelden/index.html").select_one("form#offer-form template[data-item-template]")
    fields = BeautifulSoup(template.decode_contents(), "html.parser")
    wijk = fields.select_one("[data-field=wijk]")
    label = fields.select_one(f"label[for='{wijk['id']}']") or wijk.find_previous(["label", "legend"])
    assert label.get_text().startswith("Wijk") and "mag leeg blijven" not in label.get_text()
    name = fields.select_one("[data-field=name]")
    assert "mag leeg blijven" in fields.select_one(f"label[for='{name['id']}']").get_text()


TODAY = "date(2026, 11, 22)"


@pytest.fixture(scope="module")
def aged_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("aged")
    content = write_files(root / "content", {
        "providers/buurtwerk.yaml": provider_yaml(),
        "offers/buurtwerk/vers.yaml": offer_yaml("vers", title="Vers aanbod", verified_on="2026-11-01"),
        "offers/buurtwerk/oud.yaml": offer_yaml("oud", title="Oud aanbod", verified_on="2026-05-21"),
        "offers/buurtwerk/verlopen.yaml": offer_yaml("verlopen", title="Verlopen aanbod", verified_on="2025-11-21"),
        "offers/buurtwerk/gestopt.yaml": offer_yaml("gestopt", title="Gestopt aanbod", verified_on="2024-01-01", status="ingetrokken"),
    })
    result = build_with_settings(content, root / "output", f"AANBOD_TODAY = {TODAY}")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output", " ".join((result.stdout + result.stderr).split()), content


def test_expired_offers_are_not_published_but_reported(aged_site):
    output, log, _ = aged_site
    assert (output / "aanbod/vers/index.html").exists() and (output / "aanbod/oud/index.html").exists()
    assert not (output / "aanbod/verlopen/index.html").exists()
    titles = [a.get_text() for a in soup(output / "aanbieders/buurtwerk/index.html").select(".card-title a")]
    assert "Verlopen aanbod" not in titles and "Oud aanbod" in titles
    assert "niet gepubliceerd, verlopen: gecontroleerd op 2025-11-21 (meer dan 12 maanden geleden)" in log
    assert "verlopen.yaml" in log
    # A stale offer is still published and needs nothing from whoever builds: one line of information, no warning.
    assert "Aanbod: 1 keer aanbod is langer dan 6 maanden niet gecontroleerd. De lijst staat in redactie/actualiteit.csv." in log
    assert "oud.yaml" not in log and "Let op: Aanbod: 1 keer" not in log
    assert "2026-11-01" not in log


def test_the_freshness_report_lists_stale_and_expired_offers_per_provider(aged_site):
    output, _, _ = aged_site
    page = soup(output / "redactie/actualiteit/index.html")
    assert page.select_one("meta[name=robots]")["content"] == "noindex"
    rows = [[cell.get_text(" ", strip=True) for cell in row.select("td")] for row in page.select(".freshness-provider tbody tr")]
    assert [(row[0], row[2]) for row in rows] == [("Verlopen aanbod", "Verlopen"), ("Oud aanbod", "Verouderd")]
    assert rows[0][1].startswith("21 november 2025 (366 dagen geleden)")
    with (output / "redactie/actualiteit.csv").open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    assert [(row["aanbod"], row["stand"]) for row in table] == [("verlopen", "verlopen"), ("oud", "verouderd"), ("vers", "actueel")]
    assert table[0]["bestand"].endswith("offers/buurtwerk/verlopen.yaml")


def test_the_limits_are_settings(aged_site, tmp_path):
    _, _, content = aged_site
    result = build_with_settings(content, tmp_path / "output", f"AANBOD_TODAY = {TODAY}\nAANBOD_EXPIRE_AFTER_MONTHS = 24\nAANBOD_STALE_AFTER_MONTHS = 3")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "output/aanbod/verlopen/index.html").exists()
    with (tmp_path / "output/redactie/actualiteit.csv").open(encoding="utf-8", newline="") as handle:
        assert [row["stand"] for row in csv.DictReader(handle)] == ["verouderd", "verouderd", "actueel"]


def test_an_organisation_not_in_the_list_has_a_route_on_the_guide_and_the_form(sample_site):
    """Issue 12, item 7: the editors' address (AANBOD_EDITORS_EMAIL) on the guide and the form."""
    from aanbod.content.settings import DEFAULTS

    address = DEFAULTS["AANBOD_EDITORS_EMAIL"]
    guide = soup(sample_site / "aanbod-toevoegen/index.html")
    assert guide.select_one("#staat-je-organisatie-er-niet-bij a[href='mailto:%s']" % address)
    assert "Staat je organisatie er niet bij?" in [heading.get_text() for heading in guide.select("article h2")]
    form = soup(sample_site / "aanbod-aanmelden/index.html")
    note = form.select_one("#provider-missing")
    assert note.select_one("a[href^='mailto:%s']" % address)
    assert note.select_one("a[href='#organisatie-aanmelden']")
    assert form.select_one("#organisatie-aanmelden form[data-rules='provider-rules']")
