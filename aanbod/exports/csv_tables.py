"""One CSV file per table, columns in schema order, written with the csv module."""

from __future__ import annotations

import csv
from itertools import chain
from pathlib import Path
from typing import Callable, Iterable

from ..content.model import Catalogue
from .datafile import DataFile, taxonomy_title
from .reuse import Pieces
from .values import to_text


class _Echo:
    """A file for csv.writer that hands back what it is given: ``writerow`` returns the row's text."""

    def write(self, text: str) -> str:
        return text


def line_writer(encoding: str = "utf-8", **dialect) -> Callable[[list], bytes]:
    """One CSV line as bytes, for rows made one at a time (and remembered per offer, reuse.py)."""
    writer = csv.writer(_Echo(), lineterminator="\r\n", **dialect)
    return lambda cells: writer.writerow(cells).encode(encoding)


def write_lines(path: Path, lines: Iterable[bytes], start: bytes = b"") -> Path:
    """The file: ``start`` (a byte order mark, if any), then the lines (the header first), made by one ``line_writer``."""
    with path.open("wb") as handle:
        handle.write(start)
        handle.writelines(lines)
    return path


def write(catalogue: Catalogue, folder: Path, pieces: Pieces) -> list[DataFile]:
    written = []
    line = line_writer()
    for table in catalogue.schema.tables.values():
        names = table.field_names
        rows = pieces.lines("csv", table.name, lambda row, names=names: line([to_text(row[name]) for name in names]))
        path = write_lines(folder / table.path, chain([line(names)], rows))
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
