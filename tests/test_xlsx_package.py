"""aanbod/exports/xlsx_package.py: the streamed XLSX writer, read back by openpyxl.

LibreOffice reads the published offers.xlsx in tests/test_spreadsheets.py; these tests pin the
writer's own promises: each value keeps its type, text stays text exactly as written, the
header is bold and frozen, and the same input gives the same bytes with the given date.
"""

from __future__ import annotations

import zipfile
from datetime import date, datetime, timezone

import openpyxl
import pytest

from aanbod.exports import xlsx_package
from aanbod.exports.xlsx_package import Sheet

WHEN = datetime(2026, 10, 15, 9, 30, tzinfo=timezone.utc)
TEXTS = ["010", "=1+1", "  spaties voor en na  ", "regel één\nregel twee", "a  b", "<b>&amp;</b> \"quotes\" 'en'", "tab\there", "cr\r\nlf", "é ü ✓ 😀"]


def _write(tmp_path, sheets, name="book.xlsx"):
    return xlsx_package.write(tmp_path / name, sheets, WHEN, "Open Aanbod")


def test_values_keep_their_type_and_text_stays_exactly_as_written(tmp_path):
    rows = [[text, None, 3, 2.5, True, False, date(2026, 12, 1)] for text in TEXTS]
    path = _write(tmp_path, [Sheet("tabel", ["tekst", "leeg", "geheel", "getal", "ja", "nee", "datum"], [12] * 7, rows)])
    sheet = openpyxl.load_workbook(path)["tabel"]
    cells = list(sheet.iter_rows(min_row=2))
    assert [row[0].value for row in cells] == TEXTS
    assert {row[0].data_type for row in cells} == {"s"}  # text, never a formula or a number
    first = cells[0]
    assert [cell.value for cell in first[1:]] == [None, 3, 2.5, True, False, datetime(2026, 12, 1)]
    assert first[6].number_format == "yyyy-mm-dd"


def test_header_is_bold_and_frozen_with_the_given_widths_and_sheets_in_order(tmp_path):
    sheets = [Sheet("uitleg", ["tabel", "veld"], [12, 30], [["offers", "id"]]), Sheet("offers", ["id"], [14], iter([["a"], ["b"]]))]
    book = openpyxl.load_workbook(_write(tmp_path, sheets))
    assert book.sheetnames == ["uitleg", "offers"]
    first = book["uitleg"]
    assert first.freeze_panes == "A2"
    assert [cell.font.b for cell in first[1]] == [True, True]
    assert [cell.font.b for cell in first[2]] == [False, False]
    assert (first.column_dimensions["A"].width, first.column_dimensions["B"].width) == (12, 30)
    assert [row for row in book["offers"].iter_rows(values_only=True)] == [("id",), ("a",), ("b",)]


def test_same_input_gives_the_same_bytes_dated_by_the_content(tmp_path):
    def sheets():
        return [Sheet("tabel", ["id", "datum"], [12, 12], [[str(number), date(2026, 1, 1)] for number in range(2000)])]

    one, two = _write(tmp_path, sheets(), "one.xlsx"), _write(tmp_path, sheets(), "two.xlsx")
    assert one.read_bytes() == two.read_bytes()
    with zipfile.ZipFile(one) as archive:
        assert {entry.date_time for entry in archive.infolist()} == {(2026, 10, 15, 9, 30, 0)}
        assert "2026-10-15T09:30:00Z" in archive.read("docProps/core.xml").decode()
        assert archive.testzip() is None


def test_a_character_xml_cannot_hold_is_refused_not_hidden(tmp_path):
    with pytest.raises(ValueError):
        _write(tmp_path, [Sheet("tabel", ["tekst"], [12], [["bel\x07"]])])


def test_column_letters_and_day_numbers():
    letters = xlsx_package.column_letters(703)
    assert (letters[0], letters[25], letters[26], letters[701], letters[702]) == ("A", "Z", "AA", "ZZ", "AAA")
    # Day numbers as spreadsheets count them (1900 date system).
    assert xlsx_package.serial(date(2024, 1, 1)) == 45292
    assert xlsx_package.serial(date(1900, 3, 1)) == 61
    assert xlsx_package.serial(datetime(2024, 1, 1, 12)) == 45292.5


def test_parts_compressed_for_an_earlier_workbook_are_taken_back_and_give_the_same_bytes(tmp_path):
    """The build cache keeps the compressed parts: a workbook that differs in one row compresses one part again."""
    def sheets(changed: str):
        rows = [[f"rij {number}", number] for number in range(2000)]
        rows[1234][0] = changed
        return [Sheet("tabel", ["tekst", "getal"], [12, 12], rows)]

    earlier = xlsx_package.CompressedParts()
    xlsx_package.write(tmp_path / "earlier.xlsx", sheets("oud"), WHEN, "Open Aanbod", earlier)
    again = xlsx_package.CompressedParts(earlier.used)
    path = xlsx_package.write(tmp_path / "again.xlsx", sheets("nieuw"), WHEN, "Open Aanbod", again)
    assert path.read_bytes() == _write(tmp_path, sheets("nieuw"), "clean.xlsx").read_bytes()
    assert again.compressed == 1 and earlier.compressed > 4
    assert openpyxl.load_workbook(path)["tabel"].cell(1236, 1).value == "nieuw"
    with zipfile.ZipFile(path) as archive:
        assert archive.testzip() is None
