"""The open data files: read back, they hold exactly the validated content; frictionless agrees."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

from frictionless import Package

from aanbod.exports.values import to_json


def test_csv_columns_follow_the_schema(catalogue, data):
    for table in catalogue.schema.tables.values():
        with (data / table.path).open(encoding="utf-8", newline="") as handle:
            assert next(csv.reader(handle)) == table.field_names


def test_every_table_reads_back_to_the_validated_rows(catalogue, data):
    package = Package(str(data / "datapackage.json"))
    for table in catalogue.schema.tables.values():
        read_back = [row.to_dict() for row in package.get_resource(table.name).read_rows()]
        assert read_back == [dict(row) for row in catalogue.tables[table.name]], table.name


def test_offers_json_holds_every_offer_nested(catalogue, data):
    documents = json.loads((data / "offers.json").read_text(encoding="utf-8"))["offers"]
    assert [document["id"] for document in documents] == [offer.id for offer in catalogue.offers]
    for document, offer in zip(documents, catalogue.offers):
        for name in catalogue.schema.tables["offers"].field_names:
            assert document[name] == to_json(offer.values[name]), (offer.id, name)
        assert [location["street_address"] for location in document["locations"]] == [location.street_address for location in offer.locations]
        assert "offer_id" not in json.dumps(document["locations"])
        times = offer.slot_times()  # a dagdeel with clock times reads as the provider wrote it: "ochtend 09:30-12:00"
        assert document["schedule"] == {day: [" ".join([part, "-".join(times[day, part])]) if (day, part) in times else part for part in parts]
                                        for day, parts in offer.schedule_by_day().items()}
        assert [(closure["start_date"], closure["end_date"]) for closure in document["closures"]] == \
            [(closure["start_date"].isoformat(), closure["end_date"].isoformat()) for closure in offer.closures]


def test_datapackage_has_keys_licence_and_description(data):
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert descriptor["licenses"][0]["name"] == "CC0-1.0"
    assert descriptor["title"] and descriptor["description"]
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    assert resources["offers"]["schema"]["primaryKey"] == ["id"]
    assert resources["offers"]["schema"]["foreignKeys"][0]["reference"] == {"resource": "providers", "fields": ["id"]}
    assert resources["locations"]["schema"]["primaryKey"] == ["offer_id", "position"]
    kind = next(field for field in resources["offers"]["schema"]["fields"] if field["name"] == "kind")
    assert kind["constraints"]["enum"] == ["werk", "leren", "doen"]


def test_the_real_frictionless_cli_validates_the_published_package(sample_site):
    frictionless = shutil.which("frictionless", path=str(Path(sys.executable).parent))
    result = subprocess.run([frictionless, "validate", str(sample_site / "data/datapackage.json")], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "INVALID" not in result.stdout


def test_no_cell_can_run_as_a_spreadsheet_formula(catalogue, data):
    phone_fields = {"phone", "contact_phone"}
    for table in catalogue.schema.tables.values():
        with (data / table.path).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for name, cell in row.items():
                    if cell[:1] in ("=", "+", "-", "@", "\t", "\r"):
                        assert name in phone_fields and cell.startswith("+31"), (table.name, name, cell)


def test_the_published_site_has_the_data_files(sample_site):
    for name in ("offers.csv", "providers.csv", "locations.csv", "schedules.csv", "offers.json", "datapackage.json", "taxonomies/kinds.csv"):
        assert (sample_site / "data" / name).stat().st_size > 0, name


def test_the_package_declares_data_package_v2_which_its_list_fields_need(data):
    """Without "$schema" a Data Package is v1, whose readers refuse type "list" (datapackage-py crashes)."""
    from frictionless import Package as FrictionlessPackage, Resource, Schema

    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert FrictionlessPackage.effective_datapackage_version(descriptor, None) == "v2"
    v1_types = {"string", "number", "integer", "boolean", "object", "array", "date", "time", "datetime", "year", "yearmonth", "duration", "geopoint", "geojson", "any"}
    beyond_v1 = set()
    for resource in descriptor["resources"]:
        assert Resource.effective_datapackage_version(resource, None) == "v2", resource["name"]
        assert Schema.effective_datapackage_version(resource["schema"], None) == "v2", resource["name"]
        beyond_v1 |= {field["type"] for field in resource["schema"]["fields"]} - v1_types
        standalone = data / "schemas" / f"{resource['name']}.json"
        if standalone.exists():
            assert json.loads(standalone.read_text(encoding="utf-8")) == resource["schema"]
    assert beyond_v1 == {"list"}, "the v2 declaration is there for these types; drop it only when they go"
