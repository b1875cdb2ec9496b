"""The schema folder is the one field list: complete, Dutch, and consistent with its taxonomies."""

import csv

import pytest

from aanbod.content.schema import SchemaError, load_schema
from conftest import SCHEMA


@pytest.fixture(scope="module")
def schema():
    return load_schema(SCHEMA)


def test_every_field_has_a_dutch_title_and_description(schema):
    for table in schema.tables.values():
        for field in table.fields:
            assert field.get("title"), f"{table.name}.{field['name']} has no title"
            assert len(field.get("description", "")) > 10, f"{table.name}.{field['name']} has no description"


def test_recommended_fields_are_present(schema):
    offers = set(schema.tables["offers"].field_names)
    assert {"id", "title", "summary", "description", "kind", "subtype", "sectors", "target_groups", "min_age", "max_age",
            "referral_required", "how_to_apply", "cost_eur", "provider", "hours_per_week", "start_date", "end_date",
            "languages", "accessibility", "contact_email", "contact_phone", "website", "status", "verified_on"} <= offers
    locations = set(schema.tables["locations"].field_names)
    assert {"street_address", "postcode", "municipality", "wijk", "latitude", "longitude"} <= locations
    assert set(schema.tables["schedules"].field_names) == {"offer_id", "day", "part_of_day", "start_time", "end_time"}
    assert {"start_date", "end_date", "reason"} <= set(schema.tables["closures"].field_names)
    assert {"availability", "free_places", "waiting_weeks", "availability_checked_on"} <= offers


def test_taxonomies_become_enum_constraints(schema):
    kind = next(f for f in schema.table_schema("offers")["fields"] if f["name"] == "kind")
    assert kind["constraints"]["enum"] == ["werk", "leren", "doen"]
    target_groups = next(f for f in schema.table_schema("offers")["fields"] if f["name"] == "target_groups")
    assert "enum" not in target_groups.get("constraints", {})


def test_region_taxonomies_are_complete(schema):
    assert len(schema.taxonomies["municipalities"].terms) == 16
    assert len(schema.taxonomies["wijken"].terms) == 10
    assert {term.extra["kind"] for term in schema.taxonomies["subtypes"].terms} == {"werk", "leren", "doen"}


def test_children_nest_under_offers(schema):
    assert [table.source["key"] for table in schema.children_of("offers")] == ["locations", "schedule", "intake_steps", "closures"]
    assert schema.tables["locations"].generated_fields == {"offer_id", "position"}


def test_unknown_taxonomy_is_a_schema_error(tmp_path):
    for path in SCHEMA.rglob("*"):
        if path.is_file():
            target = tmp_path / path.relative_to(SCHEMA)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    offers = tmp_path / "offers.schema.json"
    offers.write_text(offers.read_text().replace('"taxonomy": "sectors"', '"taxonomy": "branches"'))
    with pytest.raises(SchemaError, match="lijst 'branches' bestaat niet"):
        load_schema(tmp_path)


def test_taxonomy_files_have_code_and_label():
    for path in (SCHEMA / "taxonomies").glob("*.csv"):
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert rows, path
        assert all(row["code"] and row["label"] for row in rows), path
