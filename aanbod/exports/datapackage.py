"""datapackage.json: the published Frictionless descriptor, derived from ``schema/``.

Each table gets its Table Schema inline (taxonomy codes as enum constraints), its keys and
the licence; the taxonomies are published as small tables of their own so consumers get
the Dutch labels for every code. The version is the schema's (a new major version means a
column changed meaning or went away); the modified date is the latest change to the content.
Each Table Schema is also written on its own, for DCAT's dct:conformsTo.
"""

from __future__ import annotations

from pathlib import Path

from ..content.model import Catalogue
from .publication import Publication
from . import excel_csv
from .datafile import DataFile, taxonomy_title, write_json
from .values import utc_stamp

# Data Package v2: fields of type "list" exist only there, and without "$schema" a reader assumes v1.
PACKAGE_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
RESOURCE_PROFILE = "https://datapackage.org/profiles/2.0/dataresource.json"
TABLE_SCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"


def table_schema(schema, name: str) -> dict:
    return {"$schema": TABLE_SCHEMA_PROFILE, **schema.table_schema(name)}


def _taxonomy_resource(schema, taxonomy) -> dict:
    return {
        "$schema": RESOURCE_PROFILE,
        "name": f"taxonomy-{taxonomy.name.replace('_', '-')}",
        "path": f"taxonomies/{taxonomy.name}.csv",
        "title": f"Codes: {taxonomy_title(schema, taxonomy.name)}",
        "description": "Toegestane codes met hun Nederlandse naam.",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "$schema": TABLE_SCHEMA_PROFILE,
            "fields": [{"name": column, "type": "string"} for column in taxonomy.columns],
            "primaryKey": ["code"],
        },
    }


def descriptor(catalogue: Catalogue, publication: Publication | None = None) -> dict:
    schema = catalogue.schema
    package = {"$schema": PACKAGE_PROFILE, **_plain(schema.package)}
    if catalogue.last_modified:
        package["modified"] = utc_stamp(catalogue.last_modified)
    if publication:
        package["homepage"] = publication.data_url()
        package["contributors"] = [{"title": publication.publisher_name, "path": publication.publisher_uri, "role": "publisher"}]
    resources = []
    for table in schema.tables.values():
        resources.append({
            "$schema": RESOURCE_PROFILE,
            "name": table.name,
            "path": table.path,
            "title": table.title,
            "description": table.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": table_schema(schema, table.name),
        })
    resources.extend(_taxonomy_resource(schema, taxonomy) for taxonomy in schema.taxonomies.values())
    resources.extend({"$schema": RESOURCE_PROFILE, **excel_csv.resource(table, table_schema(schema, table.name))} for table in schema.tables.values())
    package["resources"] = resources
    return package


def _plain(value):
    if hasattr(value, "items"):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def write(catalogue: Catalogue, folder: Path, publication: Publication) -> list[DataFile]:
    package = write_json(folder / "datapackage.json", descriptor(catalogue, publication), readable=True)
    written = [DataFile(
        "datapackage.json", "Beschrijving van de tabellen (Frictionless Data Package)",
        "Alle CSV-bestanden met hun velden, types, sleutels, versie, datum van de laatste wijziging en licentie. "
        "Controleer de bestanden met: frictionless validate datapackage.json.",
        "application/json", "JSON", (package,), standard="https://datapackage.org/standard/data-package/",
    )]
    for table in catalogue.schema.tables.values():
        path = write_json(folder / "schemas" / f"{table.name}.json", table_schema(catalogue.schema, table.name), readable=True)
        written.append(DataFile(
            f"schemas/{table.name}.json", f"Table Schema van {table.path}",
            f"De velden van {table.path}: naam, type, beschrijving en regels.", "application/json", "JSON", (path,),
            standard="https://datapackage.org/standard/table-schema/",
        ))
    return written
