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


# JSON already written, as compact_json gives it (json_bytes without its newline). A document may hold such bytes
# as a value, or as several items of a list joined by commas: write_json places them as they are. The build cache (reuse.py) keeps each offer's share of a large
# file this way, so a build puts the file together from bytes instead of encoding every offer again. (Bytes are
# no JSON value, so they cannot be meant otherwise; and plain bytes are what a snapshot reads back fastest.)
EncodedJSON = bytes


def json_bytes(document, readable: bool = False) -> bytes:
    """JSON as every export writes it: UTF-8, keys in the order built, one trailing newline.

    Files that only programs read have no whitespace: indenting makes them about a third larger,
    and ``indent`` also switches the json module from its C encoder to the Python one, four times
    slower. Only the small descriptors that people open to learn the data (``readable``) are indented.
    """
    if readable:
        return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if isinstance(document, bytes):
        return document + b"\n"
    return (_ENCODE(document) + "\n").encode("utf-8")


def compact_json(document) -> EncodedJSON:
    """``document`` encoded once, as ``write_json`` would write it inside a larger file."""
    return _ENCODE(document).encode("utf-8")


def write_json(path: Path, document, readable: bool = False, depth: int = 2) -> Path:
    """``document`` as ``json_bytes`` gives it; ``EncodedJSON`` values may stand anywhere in the top ``depth``
    levels (the items of a list at the top, or of a list in an object at the top, at the default depth)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if readable:
        path.write_bytes(json_bytes(document, readable))
        return path
    # The same bytes as json_bytes, written an item at a time: the whole text of a large file (HSDS is
    # 360 MB at 100,000 offers) never sits in memory, once as text and once more as bytes.
    with path.open("wb") as handle:
        for piece in _compact_pieces(document, depth):
            handle.write(piece)
        handle.write(b"\n")
    return path


_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _compact_pieces(document, depth: int):
    """``document`` as compact JSON in pieces of bytes: each value ``depth`` levels down whole, encoded ones as they are."""
    if depth and isinstance(document, list):
        yield b"["
        for position, item in enumerate(document):
            if position:
                yield b","
            yield from _compact_pieces(item, depth - 1) if depth > 1 and isinstance(item, list | dict) else (_leaf(item),)
        yield b"]"
    elif depth == 1 and isinstance(document, dict) and all(isinstance(key, str) for key in document):
        yield _object_bytes(document)
    elif depth and isinstance(document, dict) and all(isinstance(key, str) for key in document):
        yield b"{"
        for position, (key, value) in enumerate(document.items()):
            name = ("," if position else "") + _ENCODE(key) + ":"
            if depth > 1 and isinstance(value, list | dict):
                yield name.encode("utf-8")
                yield from _compact_pieces(value, depth - 1)
            elif isinstance(value, bytes):
                yield name.encode("utf-8")
                yield value
            else:
                yield (name + _ENCODE(value)).encode("utf-8")
        yield b"}"
    else:
        yield _leaf(document)


def _leaf(value) -> bytes:
    return value if isinstance(value, bytes) else _ENCODE(value).encode("utf-8")


def _object_bytes(document: dict) -> bytes:
    """An object whose values may be encoded JSON: its other values encoded together, not one call per key."""
    parts, run = [], {}
    for key, value in document.items():
        if isinstance(value, bytes):
            if run:
                parts.append(_ENCODE(run)[1:-1].encode("utf-8"))
                run = {}
            parts.append(_ENCODE(key).encode("utf-8") + b":" + value)
        else:
            run[key] = value
    if run:
        parts.append(_ENCODE(run)[1:-1].encode("utf-8"))
    return b"{" + b",".join(parts) + b"}"


def taxonomy_title(schema, taxonomy: str) -> str:
    """A list's Dutch name: the title of the first field that uses it ('Voor wie' for target_groups)."""
    for table in schema.tables.values():
        for field in table.fields:
            if field.get("taxonomy") == taxonomy:
                return field["title"]
    return taxonomy
