"""A cheap index of a whole content folder, to check a few changed files against all the others.

Reading 10,000 files as YAML takes seconds; a pull request changes one or two. The index
reads file names (an id is its file name, which validation enforces) and, for offers, a
few lines with one regular expression: enough to spot a lookalike, never used to accept
content. Files that are not valid themselves were refused when they were merged.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..content.loading import SUFFIXES, RefusedFile, read_content
from .lookalikes import Sketch, normalise_address
from ..content.schema import CatalogueSchema

_LINE = re.compile(rb"^(?:(title|kind|provider|status)|[ \t]*(?:-[ \t]+)?(street_address|postcode)):[ \t]*(.*?)[ \t]*$", re.MULTILINE)


@dataclass
class ContentIndex:
    folder: Path
    ids: dict[str, dict[str, list[Path]]] = field(default_factory=dict)  # table -> id -> files
    offer_files: list[Path] = field(default_factory=list)

    def files_with_id(self, table: str, identifier: str) -> list[Path]:
        return self.ids.get(table, {}).get(identifier, [])

    def count(self, table: str) -> int:
        return sum(len(paths) for paths in self.ids.get(table, {}).values())


def _walk(folder: Path) -> dict[str, list[Path]]:
    """File stem -> files, for every YAML file below ``folder``; os.scandir, as 10,000 Path objects cost time.

    Links and anything but plain files and folders are left out: validation refuses them, and
    the index must never read through them.
    """
    found: dict[str, list[str]] = {}
    pending = [str(folder)]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                continue
            if entry.is_dir(follow_symlinks=False):
                pending.append(entry.path)
            elif entry.name.endswith(SUFFIXES) and entry.is_file(follow_symlinks=False):
                found.setdefault(entry.name.rsplit(".", 1)[0], []).append(entry.path)
    return {stem: [Path(path) for path in sorted(paths)] for stem, paths in found.items()}


def build_index(content: Path, schema: CatalogueSchema) -> ContentIndex:
    content = Path(content)
    index = ContentIndex(content)
    for table in schema.top_tables:
        folder = content / table.source["folder"]
        ids = {} if folder.is_symlink() else _walk(folder)
        index.ids[table.name] = ids
        if table.group_field:
            index.offer_files = sorted(path for paths in ids.values() for path in paths)
    return index


def _unquote(raw: bytes) -> str:
    text = raw.decode("utf-8", errors="replace")
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        text = text[1:-1]
    return text.split(" #", 1)[0].strip()


def sketch_file(path: Path, shown: str, root: Path | None = None) -> Sketch | None:
    """What the lookalike rules need from one offer file below ``root``, read leniently; None when unreadable or refused."""
    try:
        data = read_content(path, root, max_bytes=None)
    except (OSError, RefusedFile):
        return None
    values: dict[str, str] = {}
    streets, postcodes = [], []
    for top, nested, raw in _LINE.findall(data):
        if top:
            values.setdefault(top.decode(), _unquote(raw))
        elif nested == b"street_address":
            streets.append(_unquote(raw))
        else:
            postcodes.append(_unquote(raw))
    addresses = tuple((normalise_address(street, postcode), 0) for street, postcode in zip(streets, postcodes))
    return Sketch(shown, path.stem, values.get("provider", path.parent.name), values.get("title", ""), values.get("kind", ""), values.get("status", ""), addresses)


def sketches(index: ContentIndex, shown) -> list[Sketch]:
    """A sketch of every offer in the index; ``shown`` turns a path into the path a provider reads."""
    result = []
    for path in index.offer_files:
        sketch = sketch_file(path, shown(path), index.folder)
        if sketch is not None:
            result.append(sketch)
    return result
