"""The data files of an incremental build: what an unchanged offer gave in the last build is taken back (issue 10).

Two kinds of reuse, both keyed by the offer's fingerprint (aanbod/content/fingerprints.py, which holds what the
build's today decides for the offer) together with the site digest (code, schema, settings), so any change to what
a piece is made from makes it again:

- **pieces**: an offer's share of a whole-catalogue file (its item in offers.json, its HSDS service, its CSV
  rows, its spreadsheet rows, its map features), kept in a snapshot of the cache folder. The whole file is
  put together again from them every build, so counts, dates, providers and order are as a clean build
  makes them; only the offers' own parts are not made again.
- **files**: a file of one offer or provider (``offers/<id>.json``, its calendar, its HSDS record) that the
  output ledger says the last build wrote from the same fingerprint is left as it is on disk.

Besides, the spreadsheet's compressed parts are kept by the digest of their text (``remembered``, xlsx.py).
``Pieces(catalogue, None)`` remembers nothing and writes everything through the same code, so a build that takes
pieces back writes the bytes a clean build writes (tests/test_exports_cache.py holds it to that).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable, Iterable, Mapping, TypeVar

from ..build_cache import CacheFolder, OutputLedger
from ..content.fingerprints import Fingerprints
from ..content.model import Catalogue, Offer, Provider
from .datafile import DataFile

T = TypeVar("T")
SNAPSHOT = "exports-{kind}-{shard}"
# A kind's pieces are kept in sixteen snapshots by the last digit of their key (hexadecimal, as every digest).
SHARDS = "0123456789abcdef"
WHOLE_SNAPSHOT = "exports-{kind}"
# The ledger's fingerprint of a file made from the whole catalogue: written every build, never kept.
WHOLE = "whole"


@dataclass
class ExportReuse:
    """What the site build hands to ``exports.write_all`` to take back what the last build made.

    ``prefix`` is the data folder inside the site output ("data/"): the ledger's paths are the output's.
    After ``write_all`` the counts say what was taken back and what was made.
    """

    ledger: OutputLedger
    cache: CacheFolder
    fingerprints: Fingerprints
    prefix: str = ""
    site_digest: str = ""
    taken: dict[str, int] = field(default_factory=dict)  # kind -> pieces taken from the last build
    made: dict[str, int] = field(default_factory=dict)  # kind -> pieces made in this build
    kept: int = 0  # files of one offer or provider left as the last build wrote them
    written: int = 0  # such files written in this build

    def summary(self) -> str:
        return (f"{sum(self.taken.values())} stukken uit de vorige bouw, {sum(self.made.values())} opnieuw gemaakt; "
                f"{self.kept} bestanden ongewijzigd, {self.written} geschreven")


class Pieces:
    """Each offer's piece of a kind, made by the exporter or taken from the last build; and files of one offer."""

    def __init__(self, catalogue: Catalogue, reuse: ExportReuse | None):
        self.catalogue = catalogue
        self.reuse = reuse
        # Without a cache folder (none set, or refused) there is nothing to take back and no ledger: make everything.
        self.remembers = reuse is not None and reuse.cache.enabled
        self._ids = [offer.values["id"] for offer in catalogue.offers]
        self._keys = [f"{reuse.site_digest}/{reuse.fingerprints.offer(offer)}" for offer in catalogue.offers] if self.remembers else []
        self._key_of = dict(zip(self._ids, self._keys))
        self._handled: set[str] = set()  # files kept or recorded one by one
        self._runs: dict[str, tuple | None] = {}

    def each(self, kind: str, make: Callable[[Offer], T]) -> list[T]:
        """``make(offer)`` for every offer of the catalogue, in order; what the last build made for an offer with the same key instead."""
        offers = self.catalogue.offers
        if not self.remembers:
            return [make(offer) for offer in offers]
        reuse = self.reuse
        previous: dict = {}
        for shard in SHARDS:
            previous.update(reuse.cache.load_snapshot(SNAPSHOT.format(kind=kind, shard=shard)))
        used, values, changed, made = {}, [], set(), 0
        for offer, key in zip(offers, self._keys):
            value = previous.get(key)
            if value is None:
                value = make(offer)
                made += 1
                changed.add(key[-1])
            used[key] = value
            values.append(value)
        reuse.made[kind], reuse.taken[kind] = made, len(values) - made
        changed.update(key[-1] for key in previous if key not in used)
        # Only a shard with a piece made or let go is saved again: one changed offer rewrites a sixteenth.
        for shard in changed:
            reuse.cache.save_snapshot(SNAPSHOT.format(kind=kind, shard=shard), {key: value for key, value in used.items() if key[-1] == shard})
        return values

    def remembered(self, kind: str) -> dict:
        """What the last build kept under ``kind`` for a whole file (not per offer, see ``remember``); empty without a cache."""
        return self.reuse.cache.load_snapshot(WHOLE_SNAPSHOT.format(kind=kind)) if self.remembers else {}

    def remember(self, kind: str, used: dict, earlier: dict) -> None:
        """Keep ``used`` (keyed by the digest of what each value was made from) for the next build, if it is not ``earlier``."""
        if self.remembers and used.keys() != earlier.keys():
            self.reuse.cache.save_snapshot(WHOLE_SNAPSHOT.format(kind=kind), used)

    def lines(self, kind: str, table: str, make_row: Callable[[Mapping], bytes]) -> Iterable[bytes]:
        """The bytes of the rows of ``table`` (each ``make_row(row)``), in the table's order: one item per offer with
        its rows joined (in the offers table and the tables nested in it), taken back from the last build where the
        offer is unchanged; one item per row for other tables (providers). Built with or without a cache, the items
        are the same: a writer that cuts them into parts (xlsx_package) cuts them alike. Without a cache they are
        made as they are read: at 100,000 offers a table's text never sits in memory at once."""
        runs = self._offer_runs(table)
        if runs is None:
            return (make_row(row) for row in self.catalogue.tables[table])
        grouped, order = runs

        def joined(offer_id: str) -> bytes:
            return b"".join(make_row(row) for row in grouped.get(offer_id, ()))

        if not self.remembers:
            return (joined(offer_id) for offer_id in order)
        by_id = dict(zip(self._ids, self.each(f"{kind}-{table}", lambda offer: joined(offer.values["id"]))))
        return [by_id[offer_id] for offer_id in order]

    def _offer_runs(self, table: str) -> tuple[dict[str, list], list[str]] | None:
        """The rows of ``table`` by offer id, and the ids in the order their rows come; None when the table's rows
        are not an offer's (providers) or one offer's rows do not stand together (then they are made, not taken back)."""
        if table not in self._runs:
            owner = _offer_field(self.catalogue.schema, table)
            grouped: dict[str, list] = {}
            order: list[str] = []
            last = None
            for row in self.catalogue.tables[table] if owner else ():
                offer_id = row[owner]
                if offer_id != last:
                    if offer_id in grouped:
                        grouped = None
                        break
                    grouped[offer_id] = []
                    order.append(offer_id)
                    last = offer_id
                grouped[offer_id].append(row)
            self._runs[table] = (grouped, order) if owner and grouped is not None else None
        return self._runs[table]

    def write_file(self, folder: Path, relative: str, record: Offer | Provider, make: Callable[[], bytes], day: date | None = None) -> Path:
        """``folder/relative`` with ``make()``'s bytes, unless the last build wrote it from the same ``record`` and it is untouched.

        A file that counts from the build's today as a whole (a calendar's weeks) gives that ``day``: it is kept only
        from a build of the same day."""
        path = folder / relative
        reuse = self.reuse
        if not self.remembers or not reuse.ledger.enabled:
            path.write_bytes(make())
            return path
        if isinstance(record, Offer):
            fingerprint = self._key_of[record.values["id"]]
        else:
            fingerprint = f"{reuse.site_digest}/provider/{reuse.fingerprints.provider(record)}"
        if day is not None:
            fingerprint += f"/{day.isoformat()}"
        name = reuse.prefix + relative
        self._handled.add(str(path))
        if reuse.ledger.keeps_or_records(name, fingerprint):
            reuse.kept += 1
            return path
        path.write_bytes(make())
        reuse.written += 1
        return path

    def finish(self, folder: Path, written: list[DataFile]) -> None:
        """After the last file: note every other file in the ledger and hand the ledger over (this may be a forked process)."""
        reuse = self.reuse
        if reuse is None:
            return
        if self.remembers:
            for data_file in written:
                for path in data_file.paths:
                    if str(path) not in self._handled:
                        reuse.ledger.record(reuse.prefix + path.relative_to(folder).as_posix(), WHOLE)
        reuse.ledger.hand_over()


def _offer_field(schema, table: str) -> str | None:
    """The field of ``table`` that names the offer a row belongs to; None for a table whose rows are no offer's."""
    if table == "offers":
        return "id"
    definition = schema.tables[table]
    return definition.source["parent_field"] if definition.parent == "offers" else None
