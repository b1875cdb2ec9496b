"""Read the content again after a small change: validate only the files that changed (issue 10).

A snapshot per content folder, saved after each successful read, holds for every content file (by its path
below content/) the digest of its bytes and its typed rows per table, for every availability file the values it
merged into its offers, and the day it was valid on (the build's today). The next read under the same key (the
generator's code, the schema, ``max_bytes``), on that day or a later one (``_still_valid``), digests every file,
takes back the rows of the unchanged ones and validates the rest with validation's own functions: the changed
offer files, and the offers whose availability changed (their typed rows hold the merged values), checked across
files against the ids of all the others, as a pull request's ``validate --changed`` does. The rows are then put
together in the order a full read gives.

The full validation runs instead whenever the shortcut is not provably the same: no snapshot or another key, a
day before the snapshot's, a closure that has ended too long ago by a later day, any problem at all (so the
messages are exactly a full read's), a file of another top table (providers) added, changed or removed, an
unchanged availability file naming an offer that is gone or moved to another provider, a file that cannot be
opened as a plain file below content/.

The snapshot is pickled; that is safe only because ``CacheFolder`` refuses a folder git tracks.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Callable

from ..build_cache import CacheFolder, bytes_digest, code_digest, digest, folder_digest
from ..problems import Problem
from .. import forking
from . import availability, timetable, validation
from .loading import find_files
from .rows import Row
from .schema import CatalogueSchema
from .snapshot_store import SnapshotStore
from .validation import ValidatedContent, validate_content

# Raised whenever the snapshot's layout or meaning changes, so an older snapshot is never read as a newer one.
SNAPSHOT_VERSION = 2

# typed rows per table, and (table, id) -> the path as shown: what the catalogue is built from
Tables = tuple[dict[str, list[dict]], dict[tuple[str, str], str]]


@dataclass
class Listing:
    """The content files as a full read finds them, each with the digest of its bytes."""

    files: dict[str, list[tuple[str, Path]]]  # top table -> (path below content/, path) in find_files order
    merged: list[tuple[str, Path]]  # the availability files, the same way
    digests: dict[str, str]  # path below content/ -> digest


@dataclass
class Outcome:
    """What one read did, for tests and logs: which files it validated, and whether it validated all of them."""

    full: bool
    validated: list[str]  # paths below content/ of the files read and validated in this run


def read_tables(content: Path, schema: CatalogueSchema, schema_folder: Path, max_bytes: int, today: date | None,
                cache: CacheFolder, workers: int = 1) -> tuple[Tables | None, list[Problem], Outcome]:
    """The typed rows and source paths a full validation gives, validating only what changed since the last read."""
    content = Path(content)
    key = digest(SNAPSHOT_VERSION, code_digest(), folder_digest(schema_folder), max_bytes)
    store = SnapshotStore(cache, "content-" + digest(os.path.abspath(content)), key)
    # Digested before anything is validated: a file changed while this runs has a new digest next time.
    listing = _listing(schema, content)
    snapshot = store.load()
    if snapshot and not _still_valid(snapshot, today):
        snapshot = {}
    shortcut = _read_changed(schema, content, listing, snapshot, max_bytes, today) if listing is not None and snapshot else None
    if shortcut is not None:
        files, merged, tables, validated_paths = shortcut
        if validated_paths or files.keys() != snapshot["files"].keys() or merged != snapshot["merged"]:
            store.save(files, merged, today)
        return tables, [], Outcome(False, validated_paths)
    def save(validated: ValidatedContent) -> None:
        entries = _entries(schema, listing, validated) if listing is not None else None
        if entries is not None:
            store.save(*entries, today)

    tables, problems = read_all(content, schema, max_bytes, today, workers, save)
    return tables, problems, Outcome(True, [relative for files in (listing.files.values() if listing else ()) for relative, _ in files])


def read_all(content: Path, schema: CatalogueSchema, max_bytes: int, today: date | None, workers: int,
             keep: Callable[[ValidatedContent], None] = lambda validated: None) -> tuple[Tables | None, list[Problem]]:
    """A full validation's typed rows and source paths (None, and the problems, when there are any); ``keep`` is
    shown the validated content first (the snapshot is saved from it).

    With more than one worker the validation runs in a process of its own (forking.apart) and only the tables
    come back: its rows, parsed documents and frictionless's objects, most of the memory it touches, never enter
    the build's heap, which the processes forked later (page workers, data files, search index) all share. With
    one worker the build forks nothing later, and the validation runs here."""
    def work() -> tuple[Tables | None, list[Problem]]:
        validated, problems = validate_content(content, schema, max_bytes, today, workers)
        if validated is None:
            return None, problems
        keep(validated)
        return tables_of(validated), []

    return forking.apart(work) if workers > 1 else work()


def _still_valid(snapshot: dict, today: date | None) -> bool:
    """Whether the files the snapshot holds, valid on the day it was saved, are valid on ``today`` too.

    Two of validation's rules count from the build's today. A check date after today (availability.py) cannot come
    true on a later day. A closure that ended too long ago (timetable.long_past) can: on a later day every closure's
    end is looked at again, and one that is now too old sends the read to a full validation, which says where. A
    new rule that counts from today belongs here too. On an earlier day the files are all validated again."""
    day = snapshot.get("day")
    if today is None or today == day:  # without a day the rules that count from it are skipped
        return True
    if day is None or today < day:
        return False
    ends = (values.get("end_date") for _, _, by_table in snapshot["files"].values() for values in by_table.get("closures", ()))
    return not any(isinstance(end, date) and timetable.long_past(end, today) for end in ends)


def tables_of(validated: ValidatedContent) -> Tables:
    """The typed rows and each top table's (table, id) -> source path, from a full validation."""
    paths = {}
    for table in validated.schema.top_tables:
        key = table.primary_key[0]
        for row in validated.rows[table.name]:
            paths[(table.name, row.values[key])] = row.path
    return validated.typed, paths


def _listing(schema: CatalogueSchema, content: Path) -> Listing | None:
    """Every content file and its digest; None when one cannot be read as a plain file (reading it says why)."""
    depth = len(content.parts)
    files = {table.name: [(_relative(content, depth, path), path) for path in find_files(content / table.source["folder"])]
             for table in schema.top_tables}
    merged = [(_relative(content, depth, path), path) for path in validation._merged_files(schema, content)]
    digests = {}
    for relative, path in [*(item for items in files.values() for item in items), *merged]:
        data = _plain_file_bytes(path)
        if data is None:
            return None
        digests[relative] = bytes_digest(data)
    return Listing(files, merged, digests)


def _plain_file_bytes(path: Path) -> bytes | None:
    """The bytes of a plain file, None for a link, pipe, device or an unreadable file (the full read says why).

    find_files descends into no linked folder, so only the file itself can be a link, which O_NOFOLLOW refuses;
    loading.read_content's walk from the content folder down cost three times as much for 10,000 files."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            return None
        chunks = [os.read(handle, info.st_size + 1)]
        while chunks[-1]:  # a file that grows while it is read is read to its end
            chunks.append(os.read(handle, 1 << 16))
        return b"".join(chunks)
    except OSError:
        return None
    finally:
        os.close(handle)


def _relative(content: Path, depth: int, path: Path) -> str:
    """The path below content/, from the parts find_files already split (Path.relative_to parses both again)."""
    parts = path.parts
    return "/".join(parts[depth:]) if parts[:depth] == content.parts else path.relative_to(content).as_posix()


def _read_changed(schema: CatalogueSchema, content: Path, listing: Listing, snapshot: dict, max_bytes: int, today: date | None):
    """(files, merged, tables, validated paths) for the snapshot and the catalogue; None when a full read must decide."""
    grouping = schema.grouping
    if grouping is None or _checked_across_rows(schema, grouping.table):
        return None
    table, old_files, old_merged = grouping.table, snapshot["files"], snapshot["merged"]
    # Every other top table (providers) exactly as before: the offers are checked against it.
    for other in schema.top_tables:
        if other is not table:
            now = {relative: listing.digests[relative] for relative, _ in listing.files[other.name]}
            before = {relative: entry[0] for relative, entry in old_files.items() if entry[1] == other.name}
            if now != before:
                return None
    key, group = table.primary_key[0], grouping.field
    unchanged, changed = {}, []
    for relative, path in listing.files[table.name]:
        entry = old_files.get(relative)
        if entry is not None and entry[0] == listing.digests[relative] and entry[1] == table.name:
            unchanged[relative] = entry
        else:
            changed.append((relative, path))

    rows: dict[str, list[Row]] = {name: [] for name in schema.tables}
    spans: dict[str, dict[str, tuple[int, int]]] = {}  # path below content/ -> table -> its rows' span in ``rows``
    if not _read_files(schema, table, content, changed, max_bytes, rows, spans):
        return None
    provider_of = {entry[2][table.name][0][key]: entry[2][table.name][0][group] for entry in unchanged.values()}
    provider_of.update({row.values[key]: row.values[group] for row in rows[table.name]})
    owner = grouping.owner
    providers = {entry[2][owner.name][0][owner.primary_key[0]] for entry in old_files.values() if entry[1] == owner.name} if owner else set()

    merged = _merged_entries(schema, content, listing, old_merged, availability.OfferIndex(provider_of, providers), max_bytes, today)
    if merged is None:
        return None
    old_values, new_values = _union(old_merged), _union(merged)
    # An unchanged offer whose availability changed is typed again: its rows hold the merged values.
    retyped = []
    for relative, path in listing.files[table.name]:
        entry = unchanged.get(relative)
        if entry is not None and old_values.get(offer := entry[2][table.name][0][key]) != new_values.get(offer):
            retyped.append((relative, path))
    if not _read_files(schema, table, content, retyped, max_bytes, rows, spans):
        return None
    for relative, _ in retyped:
        del unchanged[relative]

    read_entries = _validate_read(schema, content, listing, rows, spans, new_values, old_files, unchanged, today)
    if read_entries is None:
        return None
    files = {}
    for top in schema.top_tables:
        for relative, _ in listing.files[top.name]:
            files[relative] = read_entries.get(relative) or old_files[relative]
    return files, merged, _assemble(schema, content, listing, files), list(read_entries)


def _checked_across_rows(schema: CatalogueSchema, table) -> bool:
    """A field that must be unique in its table (a fork's schema may say so) is checked across all files by frictionless."""
    tables = [table, *schema.children_of(table.name)]
    return any((descriptor.get("constraints") or {}).get("unique") for child in tables for descriptor in child.fields)


def _read_files(schema: CatalogueSchema, table, content: Path, paths: list[tuple[str, Path]], max_bytes: int,
                rows: dict[str, list[Row]], spans: dict) -> bool:
    """Read each file into ``rows`` as a full read does, noting where its rows are; False at the first problem."""
    for relative, path in paths:
        before = {name: len(found) for name, found in rows.items()}
        if validation._read_file(schema, table, content, path, max_bytes, rows):
            return False
        spans[relative] = {name: (before[name], len(found)) for name, found in rows.items() if len(found) > before[name]}
    return True


def _merged_entries(schema: CatalogueSchema, content: Path, listing: Listing, old_merged: dict, index: availability.OfferIndex,
                    max_bytes: int, today: date | None) -> dict | None:
    """Path below content/ -> (digest, offer id -> values) for each availability file; None when one needs a full read.

    An unchanged file says the same as before as long as each offer it names still belongs to the provider it is
    named after (the last read had no problems, so each did then); a changed one is checked against ``index``."""
    merged = {}
    for relative, path in listing.merged:
        entry = old_merged.get(relative)
        if entry is not None and entry[0] == listing.digests[relative]:
            if any(index.provider_of.get(offer) != path.stem for offer in entry[1]):
                return None
            merged[relative] = entry
            continue
        values, problems = validation._read_merged(schema, content, [path], index, max_bytes, today)
        if problems:
            return None
        merged[relative] = (listing.digests[relative], values)
    return merged


def _union(merged: dict) -> dict:
    values = {}
    for _, by_offer in merged.values():
        values.update(by_offer)
    return values


def _validate_read(schema: CatalogueSchema, content: Path, listing: Listing, rows: dict[str, list[Row]], spans: dict,
                   merged_values: dict, old_files: dict, unchanged: dict, today: date | None) -> dict | None:
    """Validate the rows read, across files against every file not read; path below content/ -> entry, or None on a problem."""
    if not spans:
        return {}
    validation._merge(schema, rows, merged_values)
    problems = validation._check_rules(schema, rows, today)
    top = frozenset(table.name for table in schema.top_tables)
    package = validation._package(schema, rows, checked_elsewhere=top)
    typed: dict[str, list[dict]] = {}
    problems += validation._frictionless_problems(schema, package, rows, typed)
    problems += validation._known_id_problems(schema, rows, _known_ids(schema, listing, old_files, unchanged))
    if problems or any(len(typed.get(name, ())) != len(found) for name, found in rows.items()):
        return None
    grouped = schema.grouping.table.name
    return {relative: (listing.digests[relative], grouped, {name: typed[name][start:end] for name, (start, end) in span.items()})
            for relative, span in spans.items()}


def _known_ids(schema: CatalogueSchema, listing: Listing, old_files: dict, unchanged: dict) -> dict[str, dict[str, list[Path]]]:
    """Top table -> id -> files, for every file not read now: what the files read are checked against."""
    known: dict[str, dict[str, list[Path]]] = {table.name: {} for table in schema.top_tables}
    grouped = schema.grouping.table.name
    for table in schema.top_tables:
        key = table.primary_key[0]
        for relative, path in listing.files[table.name]:
            entry = unchanged.get(relative) if table.name == grouped else old_files[relative]
            if entry is not None:
                known[table.name].setdefault(entry[2][table.name][0][key], []).append(path)
    return known


def _assemble(schema: CatalogueSchema, content: Path, listing: Listing, files: dict) -> Tables:
    """The typed rows of all files in the order a full read gives them, and where each record comes from."""
    typed: dict[str, list[dict]] = {name: [] for name in schema.tables}
    paths = {}
    for table in schema.top_tables:
        key = table.primary_key[0]
        for relative, path in listing.files[table.name]:
            by_table = files[relative][2]
            for name, values in by_table.items():
                typed[name].extend(values)
            paths[(table.name, by_table[table.name][0][key])] = validation._display(path)
    validation._normalise_case(schema, typed)
    return typed, paths


def _entries(schema: CatalogueSchema, listing: Listing, validated: ValidatedContent) -> tuple[dict, dict] | None:
    """The snapshot's files and merged entries from a full validation; None if the files changed while it ran."""
    shown: dict[str, str] = {}
    files: dict[str, tuple] = {}
    for table in schema.top_tables:
        for relative, path in listing.files[table.name]:
            shown[validation._display(path)] = relative
            files[relative] = (listing.digests[relative], table.name, {})
    for name, found in validated.rows.items():
        for row, values in zip(found, validated.typed[name]):
            relative = shown.get(row.path)
            if relative is None:
                return None
            files[relative][2].setdefault(name, []).append(values)
    if any(not by_table.get(table) for _, table, by_table in files.values()):
        return None
    merged_paths = {path: relative for relative, path in listing.merged}
    if set(merged_paths) != set(validated.merged_by_file):
        return None
    merged = {relative: (listing.digests[relative], validated.merged_by_file[path]) for path, relative in merged_paths.items()}
    return files, merged
