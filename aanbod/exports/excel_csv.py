"""CSV files for Dutch Excel: what a spreadsheet user gets by double-clicking.

Excel in the nl-NL locale splits a CSV on ``;`` and reads UTF-8 only after a byte order mark; a
decimal point is no number there, a decimal comma is. The standard CSVs stay as they are for
programs; these copies differ only in that dialect, which datapackage.json declares per resource.
A phone number of digits alone still loses its leading zero in any CSV, so the data page sends
spreadsheet users to the XLSX first, which stores text as text.
"""

from __future__ import annotations

import codecs
from itertools import chain
from pathlib import Path

from ..content.model import Catalogue
from . import csv_tables
from .datafile import DataFile
from .reuse import Pieces
from .values import to_text

FOLDER = "excel"
DELIMITER = ";"
DECIMAL = ","
ENCODING = "utf-8-sig"  # UTF-8 with a byte order mark (codecs.BOM_UTF8), as datapackage.json declares it


def path_of(table) -> str:
    return f"{FOLDER}/{table.path}"


def _cell(value, field_type: str) -> str:
    text = to_text(value)
    return text.replace(".", DECIMAL) if field_type == "number" else text


def resource(table, schema: dict) -> dict:
    """The Data Package resource of a table's Excel copy: the same fields, in this dialect."""
    fields = [{**field, "decimalChar": DECIMAL} if field["type"] == "number" else field for field in schema["fields"]]
    return {
        "name": f"{table.name}-excel",
        "path": path_of(table),
        "title": f"{table.title} (CSV voor Excel)",
        "description": f"{table.description} Dezelfde gegevens als {table.path}, voor Nederlandse Excel: puntkomma's, decimale komma, UTF-8 met BOM.",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": ENCODING,
        "dialect": {"delimiter": DELIMITER, "header": True},
        "schema": {key: value for key, value in {**schema, "fields": fields}.items() if key != "foreignKeys"},
    }


def write(catalogue: Catalogue, folder: Path, pieces: Pieces) -> list[DataFile]:
    written = []
    (folder / FOLDER).mkdir(parents=True, exist_ok=True)
    line = csv_tables.line_writer(delimiter=DELIMITER)
    for table in catalogue.schema.tables.values():
        names = table.field_names
        types = {field["name"]: field["type"] for field in catalogue.schema.table_schema(table.name)["fields"]}
        rows = pieces.lines("excel", table.name, lambda row, names=names, types=types: line([_cell(row[name], types[name]) for name in names]))
        path = csv_tables.write_lines(folder / path_of(table), chain([line(names)], rows), codecs.BOM_UTF8)
        written.append(DataFile(
            path_of(table), f"{table.title} (CSV voor Nederlandse Excel)",
            f"Dezelfde gegevens als {table.path}, met puntkomma's, decimale komma en UTF-8 met BOM: opent goed met dubbelklikken. "
            "Nummers die met 0 beginnen kunnen hun 0 verliezen; gebruik daarvoor offers.xlsx.",
            "text/csv", "CSV", (path,),
        ))
    return written
