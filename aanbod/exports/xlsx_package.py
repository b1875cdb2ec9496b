"""A small XLSX (Office Open XML spreadsheet) writer: rows of typed values streamed into the sheets' XML.

openpyxl makes an object for every cell (about 10 µs each: 5 million cells and most of the data
files' time at 100,000 offers). This writes each row as one string and streams it, compressed,
into the archive, so memory stays flat. It writes only what offers.xlsx needs: one sheet per
table with a bold, frozen header row and column widths; text as inline strings (never a
formula or a number, so '010' stays '010'), numbers, true/false and dates (shown yyyy-mm-dd).
Every zip entry and the document properties carry one given time, so the same content gives
the same bytes.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterable, Mapping
from xml.sax.saxutils import escape, quoteattr

from ..build_cache import bytes_digest

EPOCH = datetime(1980, 1, 1)  # the earliest time a zip entry can hold
_LEVEL = 6  # zlib's default, as zipfile used
# The same text compresses to other bytes under another zlib: a part compressed earlier is taken back only under the same.
_PART_KEY = f"{zlib.ZLIB_RUNTIME_VERSION}/{_LEVEL}/"
_LAST_BLOCK = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15).flush()  # an empty final block ends the deflate stream
_DEFLATE_VERSION, _UNIX, _DEFLATED, _MODE = 20, 3, 8, 0o644 << 16
_SERIAL_ZERO = date(1899, 12, 30)  # day 0 of the 1900 date system, as Excel counts past its 1900 leap-year bug
_ROWS_PER_CHUNK = 500
# Characters XML 1.0 cannot hold at all; validated text never has them, so one here is a bug, not data to hide.
_NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
_HEADER_STYLE, _DATE_STYLE = 1, 2  # positions in cellXfs below
_STYLES = (
    f'<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    '</styleSheet>'
)


# In a row made beforehand, where its number goes: XML cannot hold this character, so no cell's text has it.
ROW_NUMBER = b"\x00"
_ROW_START = b'<row r="\x00">'


@dataclass(frozen=True)
class Sheet:
    """One worksheet: its name, the header row (bold, frozen), column widths and the rows (read once, in order),
    each a list of values or a ``row_template``."""

    title: str
    header: list[str]
    widths: list[float]
    rows: Iterable[Iterable]


class CompressedParts:
    """Worksheet parts compressed for an earlier workbook, by the digest of their text, and the parts of this one.

    Each part (a few hundred rows) is compressed on its own, so a workbook that differs from the last one
    in a few rows compresses only the parts that hold them (the build cache keeps ``used``, reuse.py).
    """

    def __init__(self, earlier: Mapping[str, bytes] | None = None):
        self.earlier = earlier or {}
        self.used: dict[str, bytes] = {}
        self.compressed = 0  # parts compressed now, not taken back

    def compress(self, text: bytes) -> bytes:
        key = _PART_KEY + bytes_digest(text)
        found = self.earlier.get(key) or self.used.get(key)
        if found is None:
            compressor = zlib.compressobj(_LEVEL, zlib.DEFLATED, -15)
            # A sync flush ends the part on a byte with its blocks not final: parts follow one another in one stream.
            found = compressor.compress(text) + compressor.flush(zlib.Z_SYNC_FLUSH)
            self.compressed += 1
        self.used[key] = found
        return found


def write(path: Path, sheets: list[Sheet], when: datetime, creator: str, parts: CompressedParts | None = None) -> Path:
    """The workbook at ``path``; ``when`` is its creation time and every zip entry's date. ``parts``: parts
    compressed for an earlier workbook, to take back where this one has the same."""
    stamp = max(when.replace(tzinfo=None), EPOCH)
    parts = parts or CompressedParts()
    with path.open("wb") as handle:
        archive = _Archive(handle, stamp, parts)
        archive.add("[Content_Types].xml", _content_types(len(sheets)))
        archive.add("_rels/.rels", _relationships([
            (f"{_RELATIONSHIPS}/officeDocument", "xl/workbook.xml"),
            ("http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties", "docProps/core.xml"),
            (f"{_RELATIONSHIPS}/extended-properties", "docProps/app.xml"),
        ]))
        archive.add("docProps/app.xml", '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
                                        f"<Application>{escape(creator)}</Application></Properties>")
        archive.add("docProps/core.xml", _core(stamp, creator))
        archive.add("xl/workbook.xml", _workbook([sheet.title for sheet in sheets]))
        archive.add("xl/_rels/workbook.xml.rels", _relationships(
            [(f"{_RELATIONSHIPS}/worksheet", f"worksheets/sheet{number}.xml") for number in range(1, len(sheets) + 1)]
            + [(f"{_RELATIONSHIPS}/styles", "styles.xml")]))
        archive.add("xl/styles.xml", _STYLES)
        for number, sheet in enumerate(sheets, start=1):
            archive.add(f"xl/worksheets/sheet{number}.xml", sheet_xml(sheet))
        archive.close()
    return path


class _Archive:
    """The zip container (PKWARE APPNOTE): each entry deflated in parts, then the central directory.

    Written here rather than with zipfile, which cannot take data compressed beforehand. The fields are
    those zipfile writes for a deflated entry made on Unix with mode 644, without extra fields or zip64
    (a worksheet would need 4 GB for that).
    """

    def __init__(self, handle, stamp: datetime, parts: CompressedParts):
        self.handle, self.parts = handle, parts
        self.time = (stamp.hour << 11) | (stamp.minute << 5) | (stamp.second // 2)
        self.date = ((stamp.year - 1980) << 9) | (stamp.month << 5) | stamp.day
        self.offset = 0
        self.directory: list[bytes] = []

    def add(self, name: str, content: str | Iterable[bytes]) -> None:
        crc, size, compressed = 0, 0, []
        for text in [content.encode("utf-8")] if isinstance(content, str) else content:
            if text:
                crc, size = zlib.crc32(text, crc), size + len(text)
                compressed.append(self.parts.compress(text))
        compressed.append(_LAST_BLOCK)
        data, encoded = b"".join(compressed), name.encode("ascii")
        # Flags, method, time, date, CRC-32, compressed and full size, length of the name and of the extra field.
        common = (0, _DEFLATED, self.time, self.date, crc, len(data), size, len(encoded), 0)
        header = struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", _DEFLATE_VERSION, 0, *common) + encoded
        self.handle.write(header)
        self.handle.write(data)
        # Then: comment length, disk, internal and external attributes, where the local header starts.
        self.directory.append(struct.pack("<4s4B4HL2L5H2L", b"PK\x01\x02", _DEFLATE_VERSION, _UNIX, _DEFLATE_VERSION, 0, *common,
                                          0, 0, 0, _MODE, self.offset) + encoded)
        self.offset += len(header) + len(data)

    def close(self) -> None:
        directory = b"".join(self.directory)
        self.handle.write(directory)
        count = len(self.directory)
        self.handle.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), self.offset, 0))


def sheet_xml(sheet: Sheet) -> Iterable[bytes]:
    """The worksheet's XML in parts of ``_ROWS_PER_CHUNK`` items of ``sheet.rows`` (a row, or an offer's rows made
    beforehand): each part is compressed on its own, so the same items always make the same parts."""
    letters = column_letters(max(len(sheet.header), 1))
    columns = "".join(f'<col min="{number}" max="{number}" width="{width:g}" customWidth="1"/>'
                      for number, width in enumerate(sheet.widths, start=1))
    yield (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}"><sheetViews><sheetView workbookViewId="0">'
           '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
           '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>'
           f'<sheetFormatPr defaultRowHeight="15"/>{f"<cols>{columns}</cols>" if columns else ""}<sheetData>').encode("utf-8")
    yield _row("1", sheet.header, letters, _HEADER_STYLE).encode("utf-8")
    chunk, number = [], 2
    for values in sheet.rows:
        if isinstance(values, bytes):
            text, number = _numbered(values, number)
        else:
            text, number = _row(str(number), values, letters).encode("utf-8"), number + 1
        chunk.append(text)
        if len(chunk) == _ROWS_PER_CHUNK:
            yield b"".join(chunk)
            chunk = []
    yield b"".join(chunk)
    yield b"</sheetData></worksheet>"


def row_template(values: Iterable, letters: list[str]) -> bytes:
    """A row's XML made before its place is known (the build cache keeps an offer's rows): ``ROW_NUMBER`` stands
    where its number goes, and ``sheet_xml`` puts the numbers in. ``letters``: column_letters of the sheet's header."""
    return _row(ROW_NUMBER.decode("ascii"), values, letters).encode("utf-8")


def _numbered(templates: bytes, first: int) -> tuple[bytes, int]:
    """Rows made by ``row_template`` (any number, joined) with their numbers from ``first``; and the next number."""
    parts = templates.split(_ROW_START)
    numbered = [parts[0]]  # empty: a template starts with its row
    for number, rest in enumerate(parts[1:], start=first):
        text = b"%d" % number
        numbered += (b'<row r="', text, b'">', rest.replace(ROW_NUMBER, text))
    return b"".join(numbered), first + len(parts) - 1


def _row(suffix: str, values: Iterable, letters: list[str], style: int = 0) -> str:
    styled = f' s="{style}"' if style else ""
    cells = []
    for letter, value in zip(letters, values):
        if value is None:
            continue  # an empty cell is no cell
        reference = letter + suffix
        if isinstance(value, str):
            cells.append(f'<c r="{reference}"{styled} t="inlineStr"><is>{text_element(value)}</is></c>')
        elif isinstance(value, bool):  # before int: True is an int too
            cells.append(f'<c r="{reference}"{styled} t="b"><v>{int(value)}</v></c>')
        elif isinstance(value, int | float):
            cells.append(f'<c r="{reference}"{styled}><v>{value!r}</v></c>')
        elif isinstance(value, date):
            cells.append(f'<c r="{reference}" s="{_DATE_STYLE}"><v>{serial(value)}</v></c>')
        else:
            raise TypeError(f"no spreadsheet cell for {type(value).__name__} {value!r}")
    return f'<row r="{suffix}">{"".join(cells)}</row>'


def text_element(text: str) -> str:
    """``<t>`` with the text escaped; spaces at the ends, line breaks and runs of spaces kept as written."""
    if _NOT_IN_XML.search(text):
        raise ValueError(f"this text has a character XML cannot hold: {text!r}")
    escaped = escape(text).replace("\r", "&#13;")  # a bare carriage return would be read back as a line break
    if text != text.strip() or "\n" in text or "\t" in text or "  " in text:
        return f'<t xml:space="preserve">{escaped}</t>'
    return f"<t>{escaped}</t>"


def serial(value: date) -> int | float:
    """A date (or date and time) as the spreadsheet's day number."""
    days = (value.toordinal() - _SERIAL_ZERO.toordinal())
    if isinstance(value, datetime):
        return days + (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    return days


def column_letters(count: int) -> list[str]:
    """A, B, ..., Z, AA, AB, ...: the first ``count`` column names."""
    letters = []
    for number in range(1, count + 1):
        name = ""
        while number:
            number, rest = divmod(number - 1, 26)
            name = chr(ord("A") + rest) + name
        letters.append(name)
    return letters


def _content_types(sheets: int) -> str:
    overrides = [("/xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"),
                 ("/xl/styles.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"),
                 ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                 ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
    overrides += [(f"/xl/worksheets/sheet{number}.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml")
                  for number in range(1, sheets + 1)]
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides) + "</Types>")


def _relationships(targets: list[tuple[str, str]]) -> str:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{_PACKAGE_RELATIONSHIPS}">'
            + "".join(f'<Relationship Id="rId{number}" Type="{kind}" Target="{target}"/>' for number, (kind, target) in enumerate(targets, start=1))
            + "</Relationships>")


def _workbook(titles: list[str]) -> str:
    sheets = "".join(f'<sheet name={quoteattr(title)} sheetId="{number}" r:id="rId{number}"/>' for number, title in enumerate(titles, start=1))
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
            f'<bookViews><workbookView activeTab="0"/></bookViews><sheets>{sheets}</sheets></workbook>')


def _core(stamp: datetime, creator: str) -> str:
    moment = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:creator>{escape(creator)}</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{moment}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{moment}</dcterms:modified></cp:coreProperties>')
