"""What a Dutch spreadsheet user gets: the CSV copies for Excel (``;``, decimal comma, UTF-8 with a
BOM, declared as their own dialect in datapackage.json) and the XLSX, opened by LibreOffice headless
in the nl-NL locale standing in for Dutch Excel (`make spreadsheets` installs it)."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from frictionless import Package, Resource

from aanbod.exports import excel_csv

# LibreOffice's CSV filter options: separator ';', quote '"', UTF-8 (76), header line 1, then the
# cell formats (none) and the import locale 1043 = nl-NL, so "2,50" must read as a number.
DUTCH_CSV = "59,34,76,1,,1043"


def _rows(path: Path, **dialect) -> list[list[str]]:
    with path.open(encoding=dialect.pop("encoding", "utf-8"), newline="") as handle:
        return list(csv.reader(handle, **dialect))


def test_the_excel_copies_hold_the_same_cells_in_the_dutch_dialect(catalogue, data):
    for table in catalogue.schema.tables.values():
        raw = (data / excel_csv.path_of(table)).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf"), "Excel reads UTF-8 only after a byte order mark"
        numbers = {field["name"] for field in catalogue.schema.table_schema(table.name)["fields"] if field["type"] == "number"}
        standard = _rows(data / table.path)
        dutch = _rows(data / excel_csv.path_of(table), encoding="utf-8-sig", delimiter=";")
        assert dutch[0] == standard[0]
        expected = [[cell.replace(".", ",") if name in numbers else cell for name, cell in zip(standard[0], row)] for row in standard[1:]]
        assert dutch[1:] == expected, table.name
    costs = [row[_rows(data / "offers.csv")[0].index("cost_eur")] for row in _rows(data / "excel/offers.csv", encoding="utf-8-sig", delimiter=";")[1:]]
    assert any("," in cost for cost in costs), "the sample has a cost with cents; it must be written with a decimal comma"


def test_datapackage_declares_the_excel_dialect_and_frictionless_reads_it(catalogue, data):
    descriptor = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    for table in catalogue.schema.tables.values():
        resource = resources[f"{table.name}-excel"]
        assert (resource["path"], resource["encoding"], resource["dialect"]["delimiter"]) == (excel_csv.path_of(table), "utf-8-sig", ";")
        numbers = [field for field in resource["schema"]["fields"] if field["type"] == "number"]
        assert all(field["decimalChar"] == "," for field in numbers)
        report = Resource(resource, basepath=str(data)).validate()
        assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    package = Package(str(data / "datapackage.json"))
    for table in catalogue.schema.tables.values():
        excel = [row.to_dict() for row in package.get_resource(f"{table.name}-excel").read_rows()]
        assert excel == [row.to_dict() for row in package.get_resource(table.name).read_rows()], table.name


@pytest.fixture(scope="module")
def soffice() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if not path:
        pytest.skip("LibreOffice is not installed: `make spreadsheets` installs it (Debian libreoffice-calc-nogui)")
    return path


def _open_in_calc(soffice: str, source: Path, folder: Path, infilter: str | None = None) -> openpyxl.Workbook:
    """Open ``source`` in LibreOffice Calc (nl-NL) and save what it shows as XLSX, to read its cells."""
    command = [soffice, "--headless", f"-env:UserInstallation=file://{folder}/profile"]
    if infilter:
        command.append(f"--infilter=CSV:{infilter}")
    command += ["--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(folder / "out"), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=300, env={"HOME": str(folder), "LANG": "nl_NL.UTF-8", "PATH": "/usr/bin:/bin"})
    return openpyxl.load_workbook(folder / "out" / f"{source.stem}.xlsx")


def test_libreoffice_in_dutch_reads_the_excel_csv_right(soffice, data, tmp_path):
    sheet = _open_in_calc(soffice, data / "excel/offers.csv", tmp_path, DUTCH_CSV).active
    rows = list(sheet.iter_rows(values_only=True))
    standard = _rows(data / "offers.csv")
    header = standard[0]
    assert list(rows[0][:len(header)]) == header, "every column in its own cell, not all in column A"
    by_id = {row[0]: dict(zip(header, row)) for row in rows[1:]}
    for row in standard[1:]:
        expected = dict(zip(header, row))
        cells = by_id[expected["id"]]
        assert cells["title"] == expected["title"], "accents must survive"
        if expected["cost_eur"]:
            assert float(cells["cost_eur"]) == float(expected["cost_eur"]), "the decimal comma must read as a number"
        if not expected["contact_phone"].isdigit():
            assert (cells["contact_phone"] or "") == expected["contact_phone"]
    # What no CSV can prevent: a number of digits alone loses its leading zero. Hence the XLSX first.
    assert any(row[header.index("contact_phone")].startswith("0") and row[header.index("contact_phone")].isdigit() for row in standard[1:])


def test_libreoffice_in_dutch_keeps_the_xlsx_text_as_text(soffice, data, tmp_path):
    book = _open_in_calc(soffice, data / "offers.xlsx", tmp_path)
    rows = list(book["offers"].iter_rows(values_only=True))
    standard = _rows(data / "offers.csv")
    header = standard[0]
    by_id = {row[0]: dict(zip(header, row)) for row in rows[1:]}
    for row in standard[1:]:
        expected = dict(zip(header, row))
        cells = by_id[expected["id"]]
        for name in ("title", "contact_phone", "summary"):
            assert (cells[name] or "") == expected[name], (expected["id"], name)
