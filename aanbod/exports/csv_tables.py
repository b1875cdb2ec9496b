"""One CSV file per table, columns in schema order, written with the csv module."""

from __future__ import annotations

import csv
from pathlib import Path

from ..content.model import Catalogue
from .datafile import DataFile, taxonomy_title
from .values import to_text


def write(catalogue: Catalogue, folder: Path) -> list[DataFile]:
    written = []
    for table in catalogue.schema.tables.values():
        path = folder / table.path
        names = table.field_names
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(names)
            for row in catalogue.tables[table.name]:
                writer.writerow([to_text(row[name]) for name in names])
        written.append(DataFile(table.path, f"{table.title} (CSV)", table.description, "text/csv", "CSV", (path,), f"schemas/{table.name}.json"))
    for taxonomy in catalogue.schema.taxonomies.values():
        path = folder / "taxonomies" / f"{taxonomy.name}.csv"
        path.parent.mkdir(exist_ok=True)
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\r\n")
            writer.writerow(taxonomy.columns)
            for term in taxonomy.terms:
                cells = {"code": term.code, "label": term.label, "description": term.description, **term.extra}
                writer.writerow([cells[column] for column in taxonomy.columns])
        written.append(DataFile(
            f"taxonomies/{taxonomy.name}.csv", f"Codes: {taxonomy_title(catalogue.schema, taxonomy.name)} (CSV)", "Toegestane codes met hun Nederlandse naam.", "text/csv", "CSV", (path,),
        ))
    return written
