"""The HSDS 3.0 API's read endpoints as static files: every response valid against the official
OpenAPI file (its response schema per path, with the Page object) and the JSON schemas it refers to."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from jsonschema import FormatChecker
from jsonschema.validators import validator_for
from referencing import Registry, Resource

from aanbod.exports import hsds_api
from conftest import SHARED

STANDARD = SHARED / "standards" / "hsds-3.0"
REMOTE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"


@pytest.fixture(scope="module")
def openapi() -> dict:
    if not STANDARD.is_dir():
        pytest.skip(f"the HSDS 3.0 OpenAPI file and schemas are not in {STANDARD} (../shared/standards/hsds-3.0 from the project root)")
    return json.loads((STANDARD / "openapi.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def registry() -> Registry:
    """The schemas the OpenAPI file names by their GitHub URL, read from the local copy instead."""
    resources = [(REMOTE + path.relative_to(STANDARD).as_posix(), Resource.opaque(json.loads(path.read_text(encoding="utf-8"))))
                 for path in STANDARD.rglob("*.json")]
    return Registry().with_resources(resources)


def _checker() -> FormatChecker:
    checker = FormatChecker()
    checker.checks("uri")(lambda value: not isinstance(value, str) or value.startswith(("https://", "http://", "mailto:")))
    return checker


def _response_schema(openapi: dict, path: str) -> dict:
    schema = copy.deepcopy(openapi["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]["schema"])
    page = openapi["components"]["schemas"]["Page"]
    schema["allOf"] = [page if part == {"$ref": "#/components/schemas/Page"} else part for part in schema.get("allOf", [])]
    return schema


def _errors(openapi, registry, path: str, document) -> list[str]:
    schema = _response_schema(openapi, path)
    validator = validator_for({"$schema": "https://json-schema.org/draft/2020-12/schema"})(schema, registry=registry, format_checker=_checker())
    return [f"{'/'.join(map(str, error.absolute_path))}: {error.message}" for error in validator.iter_errors(document)]


def _read(data: Path, endpoint: str):
    return json.loads((data / hsds_api.path_of(endpoint)).read_text(encoding="utf-8"))


def test_the_root_names_the_version_and_profile(openapi, registry, data):
    root = _read(data, "/")
    assert _errors(openapi, registry, "/", root) == []
    assert root["version"] == "3.0" and root["profile"].startswith("https://")


@pytest.mark.parametrize("name", ["services", "organizations", "taxonomy_terms"])
def test_every_page_and_record_is_a_valid_api_response(openapi, registry, data, name):
    first = _read(data, f"/{name}")
    assert first == _read(data, f"/{name}?page=1")
    records, problems = [], []
    for number in range(1, first["total_pages"] + 1):
        page = _read(data, f"/{name}?page={number}")
        problems += [f"page {number}: {error}" for error in _errors(openapi, registry, f"/{name}", page)]
        assert (page["page_number"], page["first_page"], page["last_page"], page["size"]) == (number, number == 1, number == first["total_pages"], len(page["contents"]))
        records += page["contents"]
    assert len(records) == first["total_items"] > 0
    single_path = f"/{name}/{{id}}"
    for item in records:
        record = _read(data, f"/{name}/{item['id']}")
        problems += [f"{item['id']}: {error}" for error in _errors(openapi, registry, single_path, record)]
        assert {key: value for key, value in record.items() if key in item} == item
    assert problems == []


def test_a_list_is_cut_into_pages(catalogue):
    records = [{"id": str(number), "name": "x", "status": "active"} for number in range(5)]
    pages = hsds_api.pages(records, "services", per_page=2)
    assert [page["contents"] for page in pages] == [records[0:2], records[2:4], records[4:5]]
    assert [(page["page_number"], page["first_page"], page["last_page"]) for page in pages] == [(1, True, False), (2, False, False), (3, False, True)]
    assert hsds_api.pages([], "services") == [{"total_items": 0, "total_pages": 1, "page_number": 1, "size": 0, "first_page": True,
                                                "last_page": True, "empty": True, "contents": []}]
