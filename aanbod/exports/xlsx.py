"""offers.xlsx for spreadsheet users: a sheet per table, an explanation sheet and the code lists.

Text cells are stored as text, never as a formula or a number, so '010' stays '010' and a
phone number keeps its spaces; numbers, yes/no and dates get their spreadsheet type. The file
and its zip entries carry the content's modification time, not the build's, so two builds of
one commit give the same bytes. Written by xlsx_package, which streams rows into the archive
without an object per cell (at 100,000 offers that is millions of cells).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..content.model import Catalogue
from . import xlsx_package
from .datafile import DataFile, taxonomy_title
from .reuse import Pieces
from .values import to_json, to_text

EXPLANATION_SHEET = "uitleg"
CODES_SHEET = "codes"


def _cell_value(value):
    if isinstance(value, list | tuple):
        return to_text(value)
    if isinstance(value, date | bool) or value is None:
        return value
    return to_json(value)


def _sheet(title: str, names: list[str], rows) -> xlsx_package.Sheet:
    return xlsx_package.Sheet(title, names, [max(12, min(50, len(name) + 4)) for name in names], rows)


def _table_rows(table, pieces: Pieces):
    names = table.field_names
    letters = xlsx_package.column_letters(len(names))
    return pieces.lines("xlsx", table.name, lambda row: xlsx_package.row_template([_cell_value(row[name]) for name in names], letters))


def sheets(catalogue: Catalogue, pieces: Pieces) -> list[xlsx_package.Sheet]:
    """The sheets in order; a table's rows are made as the file is written, or taken back per offer (reuse.py)."""
    schema = catalogue.schema
    explanation = _sheet(EXPLANATION_SHEET, ["tabel", "veld", "naam", "beschrijving"], (
        [table.name, field["name"], field.get("title", ""), field.get("description", "")]
        for table in schema.tables.values() for field in table.fields))
    tables = [_sheet(table.name, table.field_names, _table_rows(table, pieces)) for table in schema.tables.values()]
    codes = _sheet(CODES_SHEET, ["lijst", "naam van de lijst", "code", "label"], (
        [taxonomy.name, taxonomy_title(schema, taxonomy.name), term.code, term.label]
        for taxonomy in schema.taxonomies.values() for term in taxonomy.terms))
    return [explanation, *tables, codes]


def write(catalogue: Catalogue, folder: Path, pieces: Pieces) -> list[DataFile]:
    path = folder / "offers.xlsx"
    # Compressing is most of the time: parts of the sheets that are as in the last build are not compressed again.
    earlier = pieces.remembered("xlsx-parts")
    parts = xlsx_package.CompressedParts(earlier)
    xlsx_package.write(path, sheets(catalogue, pieces), catalogue.last_modified or xlsx_package.EPOCH, "Open Aanbod", parts)
    pieces.remember("xlsx-parts", parts.used, earlier)
    return [DataFile(
        "offers.xlsx", "Alle tabellen voor een spreadsheet (Excel)",
        "Een werkblad per tabel (offers, providers, locations, schedules), een werkblad 'uitleg' met alle velden "
        "en een werkblad 'codes' met de Nederlandse namen van alle codes. Tekst blijft tekst.",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", (path,),
    )]
