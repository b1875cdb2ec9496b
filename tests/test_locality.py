"""The postal town (woonplaats) of an address, not its municipality, is what HSDS, schema.org and the
offer page show: "Maarssen" for an address in Stichtse Vecht, "Bilthoven" for one in De Bilt."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from aanbod.exports.publication import Publication
from aanbod.content.settings import DEFAULTS
from aanbod.site.structured_data import offer_data

PUBLICATION = Publication.from_settings(DEFAULTS)


def test_every_sample_location_names_its_town_and_some_differ_from_the_municipality(catalogue):
    locations = [location for offer in catalogue.offers for location in offer.locations]
    assert all(location.values.get("locality") for location in locations)
    differing = {(location.values["locality"], catalogue.label("municipalities", location.municipality)) for location in locations
                 if location.values["locality"] != catalogue.label("municipalities", location.municipality)}
    assert {("Maarssen", "Stichtse Vecht"), ("Bilthoven", "De Bilt")} <= differing


def test_hsds_city_and_schema_org_locality_are_the_town(catalogue, data):
    services = {service["name"]: service for service in json.loads((data / "hsds/services.json").read_text(encoding="utf-8"))}
    for offer in catalogue.published:
        towns = [location.values["locality"] for location in offer.locations]
        physical = [link["location"] for link in services[offer.title].get("service_at_locations", []) if link["location"]["location_type"] == "physical"]
        assert [place["addresses"][0]["city"] for place in physical] == towns, offer.id
        data_ld = offer_data(catalogue, offer, PUBLICATION)
        places = data_ld.get("jobLocation") or data_ld["offers"].get("availableAtOrFrom", [])
        assert [place["address"]["addressLocality"] for place in places] == towns, offer.id


def test_the_offer_page_address_shows_the_town(sample_site, catalogue):
    offer = next(offer for offer in catalogue.published if any(location.values["locality"] == "Maarssen" for location in offer.locations))
    page = BeautifulSoup((sample_site / f"aanbod/{offer.id}/index.html").read_text(encoding="utf-8"), "html.parser")
    addresses = [address.get_text(" ", strip=True) for address in page.select("address")]
    assert any("Maarssen" in address and "Stichtse Vecht" not in address for address in addresses), addresses
