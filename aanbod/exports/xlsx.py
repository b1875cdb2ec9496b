"""offers.xlsx for spreadsheet users: a sheet per table, an explanation sheet and the code lists.

Text cells are stored as text, never as a formula or a number, so '010' stays '010' and a
phone number keeps its spaces; numbers, yes/no and dates get their spreadsheet type.
openpyxl stamps the current time into the file and zip entries; both are replaced by the
content's modification time, so two builds of one commit give the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING, Cell
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

from ..model import Catalogue
from .datafile import DataFile, taxonomy_title
from .values import to_json, to_text

EXPLANATION_SHEET = "uitleg"
CODES_SHEET = "codes"
_EPOCH = datetime(1980, 1, 1)  # the earliest time a zip entry can hold


def _cell_value(value):
    if isinstance(value, list | tuple):
        return to_text(value)
    if isinstance(value, date | bool) or value is None:
        return value
    return to_json(value)


def _cell(sheet, value) -> Cell:
    cell = Cell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = TYPE_STRING  # text never becomes a formula, whatever it starts with
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def _append(sheet, values: list) -> None:
    sheet.append([_cell(sheet, value) for value in values])


def _header(sheet, names: list[str]) -> None:
    _append(sheet, names)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for cell in sheet[1]:
        sheet.column_dimensions[cell.column_letter].width = max(12, min(50, len(cell.value) + 4))


def workbook(catalogue: Catalogue) -> Workbook:
    schema = catalogue.schema
    book = Workbook()
    explanation = book.active
    explanation.title = EXPLANATION_SHEET
    _header(explanation, ["tabel", "veld", "naam", "beschrijving"])
    for table in schema.tables.values():
        for field in table.fields:
            _append(explanation, [table.name, field["name"], field.get("title", ""), field.get("description", "")])
    for table in schema.tables.values():
        sheet = book.create_sheet(table.name)
        names = table.field_names
        _header(sheet, names)
        for row in catalogue.tables[table.name]:
            _append(sheet, [_cell_value(row[name]) for name in names])
    codes = book.create_sheet(CODES_SHEET)
    _header(codes, ["lijst", "naam van de lijst", "code", "label"])
    for taxonomy in schema.taxonomies.values():
        for term in taxonomy.terms:
            _append(codes, [taxonomy.name, taxonomy_title(schema, taxonomy.name), term.code, term.label])
    return book


def _stable_zip(raw: bytes, when: datetime) -> bytes:
    """The same archive with every entry dated ``when``, so the bytes depend on the content only."""
    stamp = max(when.replace(tzinfo=None), _EPOCH).timetuple()[:6]
    result = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry))
    return result.getvalue()


def write(catalogue: Catalogue, folder: Path) -> list[DataFile]:
    book = workbook(catalogue)
    when = catalogue.last_modified or _EPOCH
    book.properties.created = book.properties.modified = when.replace(tzinfo=None)
    book.properties.creator = "Open Aanbod"
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(book, archive).write_data()
    path = folder / "offers.xlsx"
    path.write_bytes(_stable_zip(raw.getvalue(), when))
    return [DataFile(
        "offers.xlsx", "Alle tabellen voor een spreadsheet (Excel)",
        "Een werkblad per tabel (offers, providers, locations, schedules), een werkblad 'uitleg' met alle velden "
        "en een werkblad 'codes' met de Nederlandse namen van alle codes. Tekst blijft tekst.",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", (path,),
    )]
