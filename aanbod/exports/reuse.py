"""The data files of an incremental build: what an unchanged offer gave in the last build is taken back (issue 10).

Two kinds of reuse, both keyed by the offer's fingerprint (aanbod/content/fingerprints.py) together with the
site digest (code, schema, settings, the build's today), so any change to what a piece is made from makes it
again:

- **pieces**: an offer's share of a whole-catalogue file (its item in offers.json, its HSDS service, its CSV
  rows, its spreadsheet rows, its map features), kept in a snapshot of the cache folder. The whole file is
  put together again from them every build, so counts, dates, providers and order are as a clean build
  makes them; only the offers' own parts are not made again.
- **files**: a file of one offer (``offers/<id>.json``, its calendar, its HSDS record) that the output ledger
  says the last build wrote from the same fingerprint is left as it is on disk.

``Pieces(None)`` remembers nothing and writes everything: a clean build runs the same code, so a build that
takes pieces back writes the bytes a clean build writes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Mapping, TypeVar

from ..build_cache import CacheFolder, OutputLedger
from ..content.fingerprints import Fingerprints
from ..content.model import Catalogue, Offer, Provider
from .datafile import DataFile

T = TypeVar("T")
SNAPSHOT = "exports-{kind}"
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

    def __init__(self, reuse: ExportReuse | None):
        self.reuse = reuse
        self._keys: dict[str, str] = {}
        self._handled: set[str] = set()  # files kept or recorded one by one

    def each(self, kind: str, offers: Iterable[Offer], make: Callable[[Offer], T]) -> list[T]:
        """``make(offer)`` for every offer, in order; what the last build made for an offer with the same key instead."""
        reuse = self.reuse
        if reuse is None or not reuse.cache.enabled:
            return [make(offer) for offer in offers]
        previous, used = reuse.cache.load_snapshot(SNAPSHOT.format(kind=kind)), {}
        values, made = [], 0
        for offer in offers:
            key = self.offer_key(offer)
            value = previous.get(key)
            if value is None:
                value = make(offer)
                made += 1
            used[key] = value
            values.append(value)
        # Saved now, not at the end: the last build's pieces of this kind are let go before the next kind is read.
        reuse.cache.save_snapshot(SNAPSHOT.format(kind=kind), used)
        reuse.made[kind] = made
        reuse.taken[kind] = len(values) - made
        return values

    def rows(self, kind: str, catalogue: Catalogue, table: str, make_row: Callable[[Mapping], T]) -> Iterable[T]:
        """``make_row(row)`` for every row of ``table``, in the table's order. The rows of an offer (in the offers
        table and the tables nested in it) are remembered per offer; other tables' rows (providers) are made.
        Without reuse each row is made as it is read (at 100,000 offers a table's rows never all sit in memory)."""
        rows = catalogue.tables[table]
        owner = _offer_field(catalogue.schema, table)
        if owner is None or self.reuse is None:
            return (make_row(row) for row in rows)
        grouped: dict[str, list] = {}
        for row in rows:
            grouped.setdefault(row[owner], []).append(row)
        per_offer = self.each(f"{kind}-{table}", catalogue.offers, lambda offer: tuple(make_row(row) for row in grouped.get(offer.id, ())))
        # Back in the table's order, which need not be the offers' (the offers table is in file order).
        remaining = {offer.id: iter(made) for offer, made in zip(catalogue.offers, per_offer)}
        return [next(remaining[row[owner]]) for row in rows]

    def offer_key(self, offer: Offer) -> str:
        key = self._keys.get(offer.id)
        if key is None:
            key = self._keys[offer.id] = f"{self.reuse.site_digest}/{self.reuse.fingerprints.offer(offer)}"
        return key

    def provider_key(self, provider: Provider) -> str:
        return f"{self.reuse.site_digest}/provider/{self.reuse.fingerprints.provider(provider)}"

    def write_file(self, folder: Path, relative: str, record: Offer | Provider, make: Callable[[], bytes]) -> Path:
        """``folder/relative`` with ``make()``'s bytes, unless the last build wrote it from the same ``record`` and it is untouched."""
        path = folder / relative
        reuse = self.reuse
        if reuse is None or not reuse.ledger.enabled:
            path.write_bytes(make())
            return path
        fingerprint = self.offer_key(record) if isinstance(record, Offer) else self.provider_key(record)
        name = reuse.prefix + relative
        self._handled.add(name)
        if reuse.ledger.keeps(name, fingerprint):
            reuse.kept += 1
            return path
        path.write_bytes(make())
        reuse.ledger.record(name, fingerprint)
        reuse.written += 1
        return path

    def finish(self, folder: Path, written: list[DataFile]) -> None:
        """After the last file: note every other file in the ledger and hand the ledger over (this may be a forked process)."""
        reuse = self.reuse
        if reuse is None:
            return
        for data_file in written:
            for path in data_file.paths:
                name = reuse.prefix + path.relative_to(folder).as_posix()
                if name not in self._handled:
                    reuse.ledger.record(name, WHOLE)
        reuse.ledger.hand_over()


def _offer_field(schema, table: str) -> str | None:
    """The field of ``table`` that names the offer a row belongs to; None for a table whose rows are no offer's."""
    if table == "offers":
        return "id"
    definition = schema.tables[table]
    return definition.source["parent_field"] if definition.parent == "offers" else None
