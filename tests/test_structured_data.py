"""schema.org JSON-LD on offer pages: the right type, the same data as the page, and safe inside <script>."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from aanbod.markup import plain_text
from aanbod.publication import Publication
from aanbod.settings import DEFAULTS
from aanbod.structured_data import offer_data, schema_type, script_json
from conftest import build_site, offer_yaml, provider_yaml, write_files

PUBLICATION = Publication.from_settings(DEFAULTS)


def test_the_type_follows_the_kind_of_offer(catalogue):
    expected = {
        "vrijwilligerswerk": "JobPosting", "opleiding": "EducationalOccupationalProgram", "cursus": "Course", "taal": "Course",
        "dagbesteding": "Service", "activiteit": "Service", "betaald-werk": "Service", "beschut-werk": "Service",
        "werkervaringsplek": "Service", "traject": "Service",
    }
    assert {offer.subtype: schema_type(offer) for offer in catalogue.offers} == expected


def test_the_data_matches_the_offer(catalogue):
    for offer in catalogue.published:
        data = offer_data(catalogue, offer, PUBLICATION)
        provider = catalogue.providers[offer.provider]
        assert data["@context"] == "https://schema.org" and data["@type"] == schema_type(offer)
        assert data["url"] == f"https://openaanbod.example.nl/aanbod/{offer.id}/" and data["identifier"] == offer.id
        assert (data["name"], data["disambiguatingDescription"], data["description"]) == (offer.title, offer.summary, plain_text(offer.description))
        organisation = data.get("hiringOrganization") or data["provider"]
        assert organisation["name"] == provider.name
        addresses = [(location.street_address, location.postcode) for location in offer.locations]
        if data["@type"] == "JobPosting":
            assert data["employmentType"] == "VOLUNTEER" and data["title"] == offer.title
            places = data.get("jobLocation", [])
            assert (data.get("jobLocationType") == "TELECOMMUTE") == offer.online
        else:
            assert data["offers"]["price"] == float(offer.cost_eur) and data["offers"]["priceCurrency"] == "EUR"
            places = data["offers"].get("availableAtOrFrom", [])
        assert [(place["address"]["streetAddress"], place["address"]["postalCode"]) for place in places] == addresses
        if data["@type"] == "Course":
            assert len(data["hasCourseInstance"]) == len(offer.locations) + offer.online
            assert data["isAccessibleForFree"] == offer.is_free
        if data["@type"] == "Service":
            assert data["serviceType"] == catalogue.label("subtypes", offer.subtype)
            assert data["audience"]["audienceType"] == [catalogue.label("target_groups", code) for code in offer.target_groups]


def test_script_json_cannot_close_its_element():
    nasty = {"name": "</script><script>alert(1)</script> & <!-- x -->"}
    text = str(script_json(nasty))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == nasty


def test_every_published_offer_page_carries_its_json_ld(sample_site, catalogue):
    for offer in catalogue.published:
        page = BeautifulSoup((sample_site / f"aanbod/{offer.id}/index.html").read_text(encoding="utf-8"), "html.parser")
        scripts = page.find_all("script", type="application/ld+json")
        assert len(scripts) == 1 and scripts[0].parent.name == "head", offer.id
        assert json.loads(scripts[0].string) == offer_data(catalogue, offer, PUBLICATION), offer.id


def test_a_title_with_markup_stays_inside_the_json(tmp_path):
    title = "'Koken </script><b>vet</b> & meer'"
    write_files(tmp_path / "content", {"providers/buurtwerk.yaml": provider_yaml(), "offers/buurtwerk/fietsen.yaml": offer_yaml(title=title)})
    result = build_site(tmp_path / "content", tmp_path / "output", search_index=False)
    assert result.returncode == 0, result.stdout + result.stderr
    page = BeautifulSoup((tmp_path / "output/aanbod/fietsen/index.html").read_text(encoding="utf-8"), "html.parser")
    assert not page.find("b")
    assert json.loads(page.find("script", type="application/ld+json").string)["name"] == "Koken </script><b>vet</b> & meer"
