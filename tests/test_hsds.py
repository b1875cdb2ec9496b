"""The Open Referral HSDS 3.0 export: valid against the official JSON schemas, with stable UUIDv5 ids."""

from __future__ import annotations

import json
import uuid
from datetime import datetime

import pytest
from jsonschema import FormatChecker
from jsonschema.validators import validator_for

from aanbod.exports import hsds, write_all
from conftest import SHARED

STANDARD = SHARED / "standards" / "hsds-3.0"


@pytest.fixture(scope="module")
def exported(catalogue, tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("hsds-data")
    write_all(catalogue, folder)
    return {name: json.loads((folder / "hsds" / f"{name}.json").read_text(encoding="utf-8")) for name in ("services", "organizations", "taxonomy_terms")}


def _checker() -> FormatChecker:
    """jsonschema checks uuid and email itself; uri and date-time need their own rule without extra packages."""
    checker = FormatChecker()
    checker.checks("uri")(lambda value: not isinstance(value, str) or value.startswith(("https://", "http://", "mailto:")))
    checker.checks("date-time", raises=ValueError)(lambda value: not isinstance(value, str) or datetime.fromisoformat(value).tzinfo is not None)
    return checker


@pytest.mark.parametrize("name, schema_file", [("services", "compiled/service.json"), ("organizations", "compiled/organization.json"), ("taxonomy_terms", "taxonomy_term.json")])
def test_export_is_valid_against_the_official_hsds_schemas(exported, name, schema_file):
    if not STANDARD.is_dir():
        pytest.skip(f"the HSDS 3.0 schemas are not in {STANDARD} (../shared/standards/hsds-3.0 from the project root)")
    schema = json.loads((STANDARD / schema_file).read_text(encoding="utf-8"))
    validator = validator_for(schema)(schema, format_checker=_checker())
    errors = [f"{document['id']}: {'/'.join(map(str, error.absolute_path))}: {error.message}" for document in exported[name] for error in validator.iter_errors(document)]
    assert exported[name] and errors == []


@pytest.mark.parametrize("parts", [("offer", "fietsenwerkplaats-overvecht"), ("location", "koken-é", 3), ("schedule", "a", "maandag", "ochtend"), ("x",)])
def test_hsds_id_is_the_standard_uuid5(parts):
    assert hsds.hsds_id(*parts) == str(uuid.uuid5(hsds.NAMESPACE, "/".join(map(str, parts))))


def test_ids_are_uuid5_of_our_stable_ids(catalogue, exported):
    namespace = uuid.UUID("aa5a2ff7-3d17-456b-9e7d-aa464061f0f0")
    assert [service["id"] for service in exported["services"]] == [str(uuid.uuid5(namespace, f"offer/{offer.id}")) for offer in catalogue.offers]
    assert {organization["id"] for organization in exported["organizations"]} == {str(uuid.uuid5(namespace, f"provider/{code}")) for code in catalogue.providers}
    ids = []

    def collect(value):
        if isinstance(value, dict):
            if "id" in value:
                ids.append((value["id"], json.dumps(value, sort_keys=True)))
            for item in value.values():
                collect(item)
        elif isinstance(value, list):
            for item in value:
                collect(item)

    collect(exported["services"])
    # One id, one thing: an object nested twice under one id must be the same object.
    by_id = {}
    for identifier, text in ids:
        assert by_id.setdefault(identifier, text) == text, identifier


def test_services_hold_the_offers_content(catalogue, exported):
    organizations = {organization["id"]: organization for organization in exported["organizations"]}
    for service, offer in zip(exported["services"], catalogue.offers):
        assert (service["name"], service["description"]) == (offer.title, offer.description)
        # With intake steps (issue 14) the numbered steps come first (tests/test_matching_exports.py); the provider's text always ends it.
        steps = catalogue.rows_of("intake_steps", offer.id)
        assert service["application_process"] == offer.how_to_apply if not steps else service["application_process"].endswith("\n\n" + offer.how_to_apply)
        assert service["status"] == {"actief": "active", "gepauzeerd": "temporarily closed", "ingetrokken": "defunct"}[offer.status]
        assert organizations[service["organization_id"]]["name"] == catalogue.providers[offer.provider].name
        assert service["assured_date"] == offer.verified_on.isoformat()
        assert datetime.fromisoformat(service["last_modified"]) == offer.last_modified
        assert (service.get("minimum_age"), service.get("maximum_age")) == (offer.min_age, offer.max_age)
        assert service["cost_options"][0]["amount"] == float(offer.cost_eur)
        physical = [link["location"] for link in service.get("service_at_locations", []) if link["location"]["location_type"] == "physical"]
        assert [(place["addresses"][0]["address_1"], place["addresses"][0]["postal_code"]) for place in physical] == [(location.street_address, location.postcode) for location in offer.locations]
        assert any(link["location"]["location_type"] == "virtual" for link in service.get("service_at_locations", [])) == offer.online
        days = {"MO": "maandag", "TU": "dinsdag", "WE": "woensdag", "TH": "donderdag", "FR": "vrijdag", "SA": "zaterdag", "SU": "zondag"}
        assert sorted((days[schedule["byday"]], schedule["description"].split(": ")[1]) for schedule in service.get("schedules", [])) == sorted(
            (slot["day"], catalogue.label("parts_of_day", slot["part_of_day"]).lower()) for slot in offer.schedule)
        assert [language["code"] for language in service.get("languages", [])] == list(offer.languages or ())
        terms = {(attribute["link_type"], attribute["value"]) for attribute in service["attributes"]}
        assert terms == {("kind", offer.kind), ("subtype", offer.subtype)} | {("sectors", code) for code in offer.sectors or ()} | {("target_groups", code) for code in offer.target_groups}


def test_what_every_service_shares_is_written_once_and_linked_by_id(catalogue, exported):
    """The organization and the taxonomy terms live in their own files; a service only points to them by id."""
    terms = {term["id"]: term for term in exported["taxonomy_terms"]}
    assert len(terms) == len(exported["taxonomy_terms"])
    for service, offer in zip(exported["services"], catalogue.offers):
        assert "organization" not in service
        for attribute in service["attributes"]:
            assert "taxonomy_term" not in attribute
            term = terms[attribute["taxonomy_term_id"]]
            assert (term["code"], term["taxonomy"]) == (attribute["value"], f"open-aanbod:{catalogue.schema.taxonomy_of('offers', attribute['link_type']).name}")
    # A nested object does not repeat the id of the object it sits in.
    text = json.dumps(exported["services"] + exported["organizations"])
    assert not any(f'"{key}"' in text for key in ("service_id", "location_id", "link_id", "link_entity")), "a parent id repeated"
    assert {term["name"] for term in exported["taxonomy_terms"] if term["taxonomy"] == "open-aanbod:kinds"} == {term.label for term in catalogue.schema.taxonomies["kinds"].terms}
