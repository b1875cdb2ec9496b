"""datapackage.json: the published Frictionless descriptor, derived from ``schema/``.

Each table gets its Table Schema inline (taxonomy codes as enum constraints), its keys and
the licence; the taxonomies are published as small tables of their own so consumers get
the Dutch labels for every code.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..model import Catalogue


def _taxonomy_resource(taxonomy) -> dict:
    return {
        "name": f"taxonomy-{taxonomy.name.replace('_', '-')}",
        "path": f"taxonomies/{taxonomy.name}.csv",
        "title": f"Lijst: {taxonomy.name}",
        "description": "Toegestane codes met hun Nederlandse naam.",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": {
            "fields": [{"name": column, "type": "string"} for column in taxonomy.columns],
            "primaryKey": ["code"],
        },
    }


def descriptor(catalogue: Catalogue) -> dict:
    schema = catalogue.schema
    package = {key: value for key, value in _plain(schema.package).items()}
    resources = []
    for table in schema.tables.values():
        resources.append({
            "name": table.name,
            "path": table.path,
            "title": table.title,
            "description": table.description,
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema.table_schema(table.name),
        })
    resources.extend(_taxonomy_resource(taxonomy) for taxonomy in schema.taxonomies.values())
    package["resources"] = resources
    return package


def _plain(value):
    if hasattr(value, "items"):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def write(catalogue: Catalogue, folder: Path) -> list[Path]:
    path = folder / "datapackage.json"
    path.write_text(json.dumps(descriptor(catalogue), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return [path]
