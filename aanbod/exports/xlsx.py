"""offers.xlsx for spreadsheet users: a sheet per table, an explanation sheet and the code lists.

Text cells are stored as text, never as a formula or a number, so '010' stays '010' and a
phone number keeps its spaces; numbers, yes/no and dates get their spreadsheet type.
openpyxl stamps the current time into the file and zip entries; both get the content's
modification time instead, so two builds of one commit give the same bytes. The workbook is
written in openpyxl's write-only mode: rows stream to disk instead of living as cell objects
(at 100,000 offers that is millions of cells), and the archive is compressed once.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING, Cell, WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
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
    cell = WriteOnlyCell(sheet, value)
    if isinstance(value, str):
        cell.data_type = TYPE_STRING  # text never becomes a formula, whatever it starts with
    elif isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    return cell


def _append(sheet, values: list) -> None:
    sheet.append([_cell(sheet, value) for value in values])


def _sheet(book: Workbook, title: str, names: list[str]):
    """A write-only sheet with a bold, frozen header row; widths and panes must precede the rows."""
    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    for column, name in enumerate(names, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = max(12, min(50, len(name) + 4))
    header = [_cell(sheet, name) for name in names]
    for cell in header:
        cell.font = Font(bold=True)
    sheet.append(header)
    return sheet


def workbook(catalogue: Catalogue) -> Workbook:
    schema = catalogue.schema
    book = Workbook(write_only=True)
    explanation = _sheet(book, EXPLANATION_SHEET, ["tabel", "veld", "naam", "beschrijving"])
    for table in schema.tables.values():
        for field in table.fields:
            _append(explanation, [table.name, field["name"], field.get("title", ""), field.get("description", "")])
    for table in schema.tables.values():
        names = table.field_names
        sheet = _sheet(book, table.name, names)
        for row in catalogue.tables[table.name]:
            _append(sheet, [_cell_value(row[name]) for name in names])
    codes = _sheet(book, CODES_SHEET, ["lijst", "naam van de lijst", "code", "label"])
    for taxonomy in schema.taxonomies.values():
        for term in taxonomy.terms:
            _append(codes, [taxonomy.name, taxonomy_title(schema, taxonomy.name), term.code, term.label])
    return book


class _StableZip(zipfile.ZipFile):
    """A zip archive whose every entry carries one given date and the same permissions, whatever
    openpyxl's temporary files say, so the bytes depend on the content only."""

    def __init__(self, file, when: datetime):
        super().__init__(file, "w", zipfile.ZIP_DEFLATED)
        self.stamp = max(when.replace(tzinfo=None), _EPOCH).timetuple()[:6]

    def _info(self, name: str) -> zipfile.ZipInfo:
        info = zipfile.ZipInfo(name, date_time=self.stamp)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o644 << 16
        return info

    def write(self, filename, arcname=None, *args, **kwargs):
        with open(filename, "rb") as handle:
            self.writestr(self._info(arcname or str(filename)), handle.read())

    def writestr(self, zinfo_or_arcname, data, *args, **kwargs):
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        super().writestr(self._info(name), data)


def write(catalogue: Catalogue, folder: Path) -> list[DataFile]:
    book = workbook(catalogue)
    when = catalogue.last_modified or _EPOCH
    book.properties.created = book.properties.modified = when.replace(tzinfo=None)
    book.properties.creator = "Open Aanbod"
    path = folder / "offers.xlsx"
    with path.open("wb") as handle, _StableZip(handle, when) as archive:
        ExcelWriter(book, archive).write_data()
    return [DataFile(
        "offers.xlsx", "Alle tabellen voor een spreadsheet (Excel)",
        "Een werkblad per tabel (offers, providers, locations, schedules), een werkblad 'uitleg' met alle velden "
        "en een werkblad 'codes' met de Nederlandse namen van alle codes. Tekst blijft tekst.",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX", (path,),
    )]
