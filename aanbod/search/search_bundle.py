"""Publish the files Pagefind made, in a stable form: the same catalogue gives the same bytes.

Pagefind 1.5.2 keeps filters in hash maps seeded at random, so the order of the values inside each
filter file, and of the filters in the metadata file, changes from run to run; the files are named
by hashes of their bytes, so their names change too, and with them the metadata file and
``pagefind-entry.json`` that name them (its source says so: "Change filter indexes to BTree to
give them a stable hash"). The browser reads filter values into a sorted map, so their order
carries no meaning: this module sorts them, names each file by a hash of its new bytes and writes
the metadata and entry files that name them.

Only what the search page loads is published: ``pagefind.js`` (the search page runs it without a
worker and with its own interface), the entry and metadata files, the word index, the filters,
the fragments and the language's WebAssembly. Pagefind's own interfaces, its worker, its
highlighter and the WebAssembly for other languages are left out.

Two steps, so that a rebuild can remember the costly one: ``normalize`` sorts the filters and keeps
only those files (it decodes and encodes every filter file, over a second at 10,000 offers);
``publish`` names the pages, which depends on the other parts of the index (``taken``), and writes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

from . import cbor

# Pagefind stores each index file gzipped; the plain bytes start with this signature.
SIGNATURE = b"pagefind_dcd"
ENTRY_FILE = "pagefind-entry.json"
SCRIPT_FILE = "pagefind.js"
# Positions in the metadata file: [version, pages, index chunks, filters, sorts, meta fields].
_PAGES, _CHUNKS, _FILTERS = 1, 2, 3


class BundleError(RuntimeError):
    """Pagefind wrote something this module does not know how to read: a new format, or a broken file."""


def unpack(name: str, data: bytes) -> bytes:
    """The plain bytes of a gzipped Pagefind file, without its signature."""
    try:
        plain = gzip.decompress(data)
    except (OSError, EOFError) as error:
        raise BundleError(f"{name} is not a complete Pagefind file: {error}") from error
    if not plain.startswith(SIGNATURE):
        raise BundleError(f"{name} does not start with Pagefind's signature")
    return plain[len(SIGNATURE):]


def read_index_file(path: Path) -> bytes:
    """The plain bytes of a published Pagefind file."""
    return unpack(str(path), Path(path).read_bytes())


def _packed(data: bytes) -> bytes:
    """``data`` as Pagefind stores a file; mtime=0 keeps the gzip header free of the build's clock."""
    return gzip.compress(SIGNATURE + data, compresslevel=9, mtime=0)


def _decode_exactly(name: str, data: bytes):
    """Decode, and refuse a format this module would not write back byte for byte."""
    try:
        value = cbor.decode(data)
    except (cbor.CborError, UnicodeDecodeError) as error:
        raise BundleError(f"{name}: {error}") from error
    if cbor.encode(value) != data:
        raise BundleError(f"{name} uses a CBOR form this module does not write; has Pagefind's format changed?")
    return value


def _short_names(language: str, contents: list[bytes], length: int = 7) -> list[str]:
    """Pagefind-style names, ``<language>_<start of a SHA-1>``, made longer where two would be the same."""
    digests = [hashlib.sha1(content).hexdigest() for content in contents]
    names = [f"{language}_{digest[:length]}" for digest in digests]
    while len(set(names)) < len(names):
        length += 1
        names = [f"{language}_{digest[:length]}" for digest in digests]
    return names


def _file(files: dict[str, bytes], name: str) -> bytes:
    if name not in files:
        raise BundleError(f"Pagefind wrote no {name}")
    return files[name]


def _write(path: Path, data: bytes, unchanged: set[Path] | None = None) -> None:
    """Write ``data`` to ``path``; with ``unchanged`` (a rebuild), a file that already holds these bytes is left as it
    is and added to it: one changed offer leaves almost every file of the index as the last build wrote it."""
    if unchanged is not None and _holds(path, data):
        unchanged.add(path)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _holds(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def normalize(files: dict[str, bytes]) -> dict[str, bytes]:
    """Pagefind's files (path inside the bundle -> bytes) in a stable form: every filter's values sorted, each filter
    file and metadata file named by a hash of its new bytes, and only the files ``publish`` writes. The same documents
    give the same files whatever order Pagefind chose; page names are as Pagefind gave them."""
    entry = json.loads(_file(files, ENTRY_FILE))
    normal = {SCRIPT_FILE: _file(files, SCRIPT_FILE)}
    for language, details in entry["languages"].items():
        path = f"pagefind.{details['hash']}.pf_meta"
        meta = _decode_exactly(path, unpack(path, _file(files, path)))
        meta[_FILTERS] = _normalize_filters(files, normal, language, meta[_FILTERS])
        for page in meta[_PAGES]:
            fragment = f"fragment/{page[0]}.pf_fragment"
            normal[fragment] = _file(files, fragment)
        for chunk in meta[_CHUNKS]:
            chunk_path = f"index/{chunk[2]}.pf_index"
            normal[chunk_path] = _file(files, chunk_path)
            unpack(chunk_path, normal[chunk_path])  # a broken chunk fails here, not in a visitor's browser
        if details.get("wasm"):
            wasm = f"wasm.{details['wasm']}.pagefind"
            normal[wasm] = _file(files, wasm)
        details["hash"] = _add_meta(normal, language, meta)
    normal[ENTRY_FILE] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return normal


def _normalize_filters(files: dict[str, bytes], normal: dict[str, bytes], language: str, filters: list) -> list[list[str]]:
    """Every filter with its values sorted, added to ``normal``; returns the metadata's [[name, file hash], ...] sorted by name."""
    encoded = []
    for name, old_hash in filters:
        path = f"filter/{old_hash}.pf_filter"
        filter_name, values = _decode_exactly(path, unpack(path, _file(files, path)))
        encoded.append((name, cbor.encode([filter_name, sorted(values, key=lambda value: value[0])])))
    encoded.sort()
    names = _short_names(language, [data for _, data in encoded])
    for (_name, data), short in zip(encoded, names):
        normal[f"filter/{short}.pf_filter"] = _packed(data)
    return [[name, short] for (name, _data), short in zip(encoded, names)]


def _add_meta(files: dict[str, bytes], language: str, meta: list) -> str:
    """Encode ``meta`` into ``files`` under the name Pagefind gives it (ten hexadecimal digits of a hash of its
    bytes); returns that name, which the entry file points at."""
    data = cbor.encode(meta)
    name = f"{language}_{hashlib.sha1(data).hexdigest()[:10]}"
    files[f"pagefind.{name}.pf_meta"] = _packed(data)
    return name


def _unique_page_name(name: str, fragment: bytes, taken: set[str]) -> str:
    """``name``, or a longer one if another part of the index already has a page by that name.

    Pagefind makes page names unique within one index only; the search page and the places file
    know a result by its name across all parts."""
    if name not in taken:
        return name
    digest = hashlib.sha1(fragment).hexdigest()
    length = 1
    while name + digest[:length] in taken:
        length += 1
    return name + digest[:length]


def _publish_language(files: dict[str, bytes], bundle: Path, language: str, meta_hash: str, taken: set[str], unchanged: set[Path] | None,
                      published: dict[str, bytes]) -> str:
    """Write one language's index into the bundle; returns the new name of its metadata file."""
    path = f"pagefind.{meta_hash}.pf_meta"
    meta = _decode_exactly(path, unpack(path, _file(files, path)))
    names = {}
    (bundle / "fragment").mkdir(parents=True, exist_ok=True)
    for page in meta[_PAGES]:
        if page[0] not in names:
            fragment = _file(files, f"fragment/{page[0]}.pf_fragment")
            names[page[0]] = _unique_page_name(page[0], fragment, taken)
            taken.add(names[page[0]])
            _write(bundle / "fragment" / f"{names[page[0]]}.pf_fragment", fragment, unchanged)
            published[names[page[0]]] = fragment
        page[0] = names[page[0]]
    for chunk in meta[_CHUNKS]:
        chunk_path = f"index/{chunk[2]}.pf_index"
        _write(bundle / chunk_path, _file(files, chunk_path), unchanged)
    (bundle / "filter").mkdir(parents=True, exist_ok=True)
    for _name, short in meta[_FILTERS]:
        filter_path = f"filter/{short}.pf_filter"
        _write(bundle / filter_path, _file(files, filter_path), unchanged)
    if names == {name: name for name in names}:  # no page renamed: the metadata is normalize's, name and all
        _write(bundle / path, _file(files, path), unchanged)
        return meta_hash
    renamed: dict[str, bytes] = {}
    name = _add_meta(renamed, language, meta)
    _write(bundle / f"pagefind.{name}.pf_meta", renamed[f"pagefind.{name}.pf_meta"], unchanged)
    return name


def publish(files: dict[str, bytes], bundle: Path, taken: set[str] | None = None, scripts: bool = True,
            unchanged: set[Path] | None = None, published: dict[str, bytes] | None = None) -> int:
    """Write what the site loads from Pagefind's files, as ``normalize`` gives them, into ``bundle``; returns the page count.

    For an index in parts: ``taken`` holds the page names of the parts published before (and gets
    this part's), and only the first part carries the script and the WebAssembly (``scripts``).
    With ``unchanged``, files that already hold their bytes are left as they are and added to it; ``published`` gets
    every published page's name and fragment."""
    bundle = Path(bundle)
    taken = set() if taken is None else taken
    entry = json.loads(_file(files, ENTRY_FILE))
    bundle.mkdir(parents=True, exist_ok=True)
    languages = {}
    pages = 0
    for language, details in sorted(entry["languages"].items()):
        details = {**details, "hash": _publish_language(files, bundle, language, details["hash"], taken, unchanged, {} if published is None else published)}
        if scripts and details.get("wasm"):
            wasm = f"wasm.{details['wasm']}.pagefind"
            _write(bundle / wasm, _file(files, wasm), unchanged)
        languages[language] = details
        pages += details["page_count"]
    if scripts:
        _write(bundle / SCRIPT_FILE, _file(files, SCRIPT_FILE), unchanged)
    entry["languages"] = languages
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    (bundle / ENTRY_FILE).write_text(text, encoding="utf-8")
    return pages
