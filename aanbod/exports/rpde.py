"""The change feed in OpenActive RPDE's "modified + id" ordering, as static files.

A client asks ``changes/feed`` first, then follows ``next`` (``?afterTimestamp=T&afterId=ID``) to the
last page, which is empty and points to itself, and polls that page. Two things make this safe on a
site that is rebuilt from scratch:

* ``modified`` is not a file's commit time but a stamp counted along main's first-parent history:
  each commit gets ``max(its committer time, previous stamp + 1)``. A change merged later than it was
  written, or a clock that runs behind, still lands after everything a client has read.
* Every ``next`` the feed ever handed out stays answerable. The history is cut into slots (one commit,
  at most ``PAGE_SIZE`` files); a slot's end (stamp, last id) is a page key, and the page after key i
  covers slots up to ``i + 2^m`` with ``2^m`` dividing i: every old key still has its file, a client
  reaches the end in a logarithmic number of pages, and each page holds at most ``PAGE_SIZE`` changes.
  An offer changed again moves to its newer slot; a deleted file and a withdrawn offer are tombstones.

A static host answers the query form with one rewrite (``page_file``); changes/index.json says so.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..content.history import git
from ..content.model import Catalogue, Offer

PAGE_SIZE = 500
CHANGES = "changes"
FEED = f"{CHANGES}/feed"
STANDARD = "https://openactive.io/realtime-paged-data-exchange/"
# What a host answers for a key the feed never handed out (a client's own "now", as the validator sends).
LAST_PAGE = f"{CHANGES}/last.json"
_ALIGNED = 1 << 62


@dataclass(frozen=True)
class Slot:
    stamp: int
    ids: tuple[str, ...]
    gone: frozenset[str]

    @property
    def key(self) -> tuple[int, str]:
        return (self.stamp, self.ids[-1])


def _commits(folder: Path) -> list[tuple[int, dict[str, bool]]]:
    """(committer time, {offer id: file deleted}) per first-parent commit that touched ``folder``, oldest first."""
    top = git(folder, "rev-parse", "--show-toplevel")
    if not top:
        return []
    root = Path(top.strip())
    log = git(root, "log", "--first-parent", "--diff-merges=first-parent", "--reverse", "--no-renames",
               "--format=%x00%ct", "--name-status", "--", str(folder.resolve().relative_to(root)))
    commits = []
    for entry in (log or "").split("\x00")[1:]:
        stamp, _, lines = entry.partition("\n")
        changed = {}
        for line in lines.splitlines():
            status, _, name = line.partition("\t")
            if name.endswith(".yaml"):
                changed[os.path.basename(name)[:-len(".yaml")]] = status == "D"
        if changed:
            commits.append((int(stamp.strip()), changed))
    return commits


def history_slots(catalogue: Catalogue, page_size: int = PAGE_SIZE) -> list[Slot]:
    """The slots of main's history; offers the history does not know yet (outside git, uncommitted) come last."""
    # The folders in common as written, then resolved once: loading refuses links inside the content, so below
    # it a path is real as written (resolving each of 10,000 paths was most of the feed's time).
    folders = {os.path.dirname(os.path.abspath(offer.source_path)) for offer in catalogue.offers if offer.source_path}
    folder = Path(os.path.commonpath(sorted(folders))).resolve() if folders else None
    commits = _commits(folder) if folder and folder.is_dir() else []
    known = {name for _, changed in commits for name in changed}
    unknown = {offer.id: False for offer in catalogue.offers if offer.id not in known}
    if unknown:
        newest = max(int(offer.last_modified.timestamp()) for offer in catalogue.offers)
        commits.append((newest, unknown))
    slots, previous = [], 0
    for committed, changed in commits:
        stamp = max(committed, previous + 1)
        previous = stamp
        ids = sorted(changed)
        for start in range(0, len(ids), page_size):
            part = tuple(ids[start:start + page_size])
            slots.append(Slot(stamp, part, frozenset(name for name in part if changed[name])))
    return slots


def page_file(after: tuple | None) -> str:
    """The file that answers ``feed?afterTimestamp=T&afterId=ID`` (``None``: the feed without parameters)."""
    return f"{CHANGES}/first.json" if after is None else f"{CHANGES}/after/{after[0]}/{after[1]}.json"


def _item(offer: Offer | None, name: str, stamp: int, document) -> dict:
    item = {"state": "updated" if offer and offer.is_published else "deleted", "kind": "Offer", "id": name, "modified": stamp}
    if item["state"] == "updated":
        item["data"] = document
    return item


def feed_pages(catalogue: Catalogue, documents: dict, feed_url: str, slots: list[Slot], page_size: int = PAGE_SIZE) -> dict[str, dict]:
    """Every page of the feed by the file that answers it; the last key's page is empty and points to itself.

    ``documents``: each offer's offers.json document by its id, as a dict or encoded (datafile.EncodedJSON)."""
    offers = {offer.id: offer for offer in catalogue.offers}
    latest: dict[str, int] = {}
    for number, slot in enumerate(slots, start=1):
        for name in slot.ids:
            latest[name] = number
    per_slot: dict[int, list[dict]] = {}
    for name, number in latest.items():
        if name not in offers and name not in slots[number - 1].gone:
            continue  # a file that exists but did not become an offer cannot be told apart from history: leave it out
        per_slot.setdefault(number, []).append(_item(offers.get(name), name, slots[number - 1].stamp, documents.get(name)))
    counts = [0]
    for slot in slots:
        counts.append(counts[-1] + len(slot.ids))

    licence = catalogue.schema.licence["path"]  # datapackage.json, the one place the licence is written

    def url(index: int) -> str:
        if index == 0:
            return feed_url
        stamp, name = slots[index - 1].key
        return f"{feed_url}?afterTimestamp={stamp}&afterId={name}"

    def step(index: int) -> int:
        size = index & -index if index else _ALIGNED
        while size > 1 and (index + size > len(slots) or counts[index + size] - counts[index] > page_size):
            size //= 2
        return min(index + size, len(slots))

    pages = {}
    last = len(slots)
    for index in range(last + 1):
        end, items = index, []
        while not items and end < last:
            start, end = end, step(end)
            items = [item for number in range(start + 1, end + 1) for item in sorted(per_slot.get(number, []), key=lambda item: item["id"])]
        key = None if index == 0 else slots[index - 1].key
        # An empty page is where a client waits: it must point to itself, whatever comes later.
        pages[page_file(key)] = {"next": url(end if items else index), "items": items, "license": licence}
    pages[LAST_PAGE] = pages[page_file(slots[-1].key if slots else None)]
    return pages
