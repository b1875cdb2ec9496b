"""A published data file, described once for the DCAT catalogue and the data page alike."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

# The EU file-type authority list, which DCAT-AP-DONL uses for dct:format.
FILE_TYPES = "http://publications.europa.eu/resource/authority/file-type/"


@dataclass(frozen=True)
class DataFile:
    name: str  # path inside the data folder; a pattern such as 'offers/{id}.json' for a group of files
    title: str  # Dutch, as a data user reads it
    description: str
    media_type: str
    file_type: str  # code in the EU file-type list: CSV, JSON, GEOJSON, XLSX, ATOM, RDF_XML, JSON_LD
    paths: tuple[Path, ...]
    conforms_to: str = ""  # the data folder's name of the schema the file follows, if any
    standard: str = ""  # else the URI of the published standard it follows, beyond its file type (RPDE, HSDS)

    @cached_property
    def size(self) -> int:
        # Asked for by DCAT and the data page alike; a group can hold 100,000 files, so stat them once.
        return sum(path.stat().st_size for path in self.paths)

    @property
    def is_group(self) -> bool:
        return "{" in self.name

    @property
    def format_uri(self) -> str:
        return FILE_TYPES + self.file_type


def json_bytes(document, readable: bool = False) -> bytes:
    """JSON as every export writes it: UTF-8, keys in the order built, one trailing newline.

    Files that only programs read have no whitespace: indenting makes them about a third larger,
    and ``indent`` also switches the json module from its C encoder to the Python one, four times
    slower. Only the small descriptors that people open to learn the data (``readable``) are indented.
    """
    if readable:
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    return (json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")


def write_json(path: Path, document, readable: bool = False) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if readable:
        path.write_bytes(json_bytes(document, readable))
        return path
    # The same bytes as json_bytes, written an item at a time: the whole text of a large file (HSDS is
    # 360 MB at 100,000 offers) never sits in memory, once as text and once more as bytes.
    with path.open("wb") as handle:
        for piece in _compact_pieces(document, depth=2):
            handle.write(piece.encode("utf-8"))
        handle.write(b"\n")
    return path


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _compact_pieces(document, depth: int):
    """``document`` as compact JSON in pieces: each item of a list whole, an object's values down to ``depth`` levels."""
    if depth and isinstance(document, list):
        yield "["
        for position, item in enumerate(document):
            yield ("," if position else "") + _ENCODE(item)
        yield "]"
    elif depth and isinstance(document, dict) and all(isinstance(key, str) for key in document):
        yield "{"
        for position, (key, value) in enumerate(document.items()):
            yield ("," if position else "") + _ENCODE(key) + ":"
            yield from _compact_pieces(value, depth - 1)
        yield "}"
    else:
        yield _ENCODE(document)


def taxonomy_title(schema, taxonomy: str) -> str:
    """A list's Dutch name: the title of the first field that uses it ('Voor wie' for target_groups)."""
    for table in schema.tables.values():
        for field in table.fields:
            if field.get("taxonomy") == taxonomy:
                return field["title"]
    return taxonomy
