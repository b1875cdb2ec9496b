"""Where incremental.py keeps what a read validated: a base snapshot plus the changes since (issue 10).

Rewriting the whole snapshot after one changed offer cost a quarter of a second at 10,000 offers (pickling
every typed row again). So the snapshot is kept in two parts of ``CacheFolder``: the base, written after a
full read, and the changes on top of it (entries added or replaced, files removed, and the availability
values, which are small), rewritten after each read that changed something. Once the changes hold more than
a tenth of the base, the next save writes a new base.

Each part also holds the day it was saved on (the build's today, or None), which the changes bring up to date:
incremental.py takes the files back on a later day only when no rule that counts from today turns against them.

The changes name the generation of the base they apply to; changes left by a build that stopped before
its new base was written, or a base written without its changes, are never combined: the base alone is
then what an earlier read saved, which is a true (older) state, and the next read validates more.
"""

from __future__ import annotations

import os
from datetime import date

from ..build_cache import CacheFolder

CHANGES = "-changes"


class SnapshotStore:
    """``load()`` -> {"files", "merged", "day"} under ``key`` (empty for another key); ``save(files, merged, day)`` after a read."""

    def __init__(self, cache: CacheFolder, kind: str, key: str):
        self.cache, self.kind, self.key = cache, kind, key
        self._base: dict = {}
        self._generation = ""

    def load(self) -> dict:
        base = self.cache.load_snapshot(self.kind)
        if base.get("key") != self.key or not _holds(base, "files", dict) or not _holds(base, "merged", dict):
            return {}
        self._base, self._generation = base["files"], base.get("generation")
        changes = self.cache.load_snapshot(self.kind + CHANGES)
        if (changes.get("key") != self.key or changes.get("generation") != self._generation
                or not all(_holds(changes, name, kind) for name, kind in (("files", dict), ("removed", list), ("merged", dict)))):
            return {"files": base["files"], "merged": base["merged"], "day": base.get("day")}
        files = {**base["files"], **changes["files"]}
        for relative in changes["removed"]:
            files.pop(relative, None)
        return {"files": files, "merged": changes["merged"], "day": changes.get("day")}

    def save(self, files: dict, merged: dict, day: date | None = None) -> None:
        """Save the entries of every file now; entries taken back unchanged from ``load()`` are the same objects."""
        changed = {relative: entry for relative, entry in files.items() if self._base.get(relative) is not entry}
        removed = [relative for relative in self._base if relative not in files]
        if not self._base or len(changed) + len(removed) > len(self._base) // 10:
            self._generation = os.urandom(8).hex()
            self.cache.save_snapshot(self.kind, {"key": self.key, "generation": self._generation, "files": files, "merged": merged, "day": day})
            self._base, changed, removed = files, {}, []
        self.cache.save_snapshot(self.kind + CHANGES, {"key": self.key, "generation": self._generation,
                                                       "files": changed, "removed": removed, "merged": merged, "day": day})


def _holds(snapshot: dict, name: str, kind: type) -> bool:
    return isinstance(snapshot.get(name), kind)
