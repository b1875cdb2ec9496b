"""The data page at /data/: generated from the schema and the files just written."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from aanbod.content.catalogue import read_catalogue
from aanbod.site.data_page import human_size
from conftest import REPOSITORY_SCHEMA, ROOT, soup


@pytest.fixture(scope="module")
def data_page(sample_site) -> BeautifulSoup:
    return soup(sample_site / "data/index.html")


def test_every_field_is_explained_from_the_schema(data_page):
    catalogue, _ = read_catalogue(ROOT / "content", REPOSITORY_SCHEMA)
    schema = catalogue.schema
    for table in schema.tables.values():
        section = data_page.find(id=f"tabel-{table.name}").find_parent("section")
        rows = section.select("tbody tr")
        assert [row.th.code.get_text() for row in rows] == table.field_names, table.name
        for row, field in zip(rows, table.fields):
            text = " ".join(row.get_text(" ").split())
            assert " ".join(field["description"].split()) in text, (table.name, field["name"])
            assert field.get("title", "") in text
            if field.get("constraints", {}).get("required"):
                assert "verplicht" in text
            if "maxLength" in field.get("constraints", {}):
                assert f"hoogstens {field['constraints']['maxLength']} tekens" in text
            if field.get("taxonomy"):
                allowed = [(item.code.get_text(), item.get_text().split(": ", 1)[1]) for item in row.select(".allowed-values li")]
                assert allowed == [(term.code, term.label) for term in schema.taxonomies[field["taxonomy"]].terms]
    cost = data_page.find(id="veld-offers-cost_eur").get_text(" ")
    assert "getal" in cost and "van 0 tot en met 10000" in cost


def test_every_file_is_listed_with_its_real_size(data_page, sample_site):
    rows = data_page.select("table.data-files tbody tr")
    listed = {row.td.code.get_text(): row for row in rows}
    on_disk = {path.relative_to(sample_site / "data").as_posix() for path in (sample_site / "data").rglob("*") if path.is_file() and path.name != "index.html"}
    singles = {name for name in listed if "{" not in name}
    patterns = {name: re.compile(re.escape(name).replace(r"\{id\}", "[a-z0-9-]+").replace(r"\{n\}", "[0-9]+") + "$") for name in listed if "{" in name}
    assert singles | {name for name in on_disk if any(pattern.match(name) for pattern in patterns.values())} == on_disk
    for name in singles:
        size = " ".join(listed[name].find_all("td")[-1].get_text().split())
        assert size == human_size((sample_site / "data" / name).stat().st_size), name
        assert listed[name].a["href"] == f"/data/{name}"
    for name, pattern in patterns.items():
        files = [path for path in on_disk if pattern.match(path)]
        size = " ".join(listed[name].find_all("td")[-1].get_text().split())
        total = sum((sample_site / "data" / path).stat().st_size for path in files)
        assert size == (f"{len(files)} bestanden, samen {human_size(total)}" if len(files) > 1 else human_size(total)), name


def test_examples_licence_and_harvesting(data_page):
    text = data_page.get_text(" ")
    for language in ("Python (pandas)", "R", "DuckDB"):
        assert data_page.find("h3", string=language), language
    assert "https://openaanbod.example.nl/data/offers.csv" in text
    assert "https://openaanbod.example.nl/data/dcat.jsonld" in text
    assert data_page.select_one(".lead a")["href"] == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert "aa5a2ff7-3d17-456b-9e7d-aa464061f0f0" in text


def test_sizes_are_written_the_dutch_way():
    assert [human_size(size) for size in (999, 1000, 12345, 2_500_000)] == ["999 bytes", "1,0 kB", "12,3 kB", "2,5 MB"]
