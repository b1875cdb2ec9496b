"""The build cache: what one build made, the next build of the same inputs keeps (issue 10).

Everything is keyed by content hash, never by file times: a fresh clone, a ``touch`` or a checkout of
another branch changes no key, and any change to an input changes every key that depends on it.
Three parts:

- **digests** of values, files and folders (``digest``, ``file_digest``, ``folder_digest``), and of the
  generator itself (``code_digest``: its sources and the versions of the libraries that shape the output),
  so a new version of the code never takes back what an old one made;
- **snapshots**: a dict per kind (say, each offer's card by its fingerprint), pickled in the cache folder and
  read back by the next build;
- **the output ledger** (``OutputLedger``): which output file was made from which fingerprint. A build that
  makes a file with the same fingerprint keeps the file as it is instead of making it again; at the end
  every file this build neither wrote nor kept is removed, so the output is what a clean build writes.

The cache folder holds pickles, which run code when read: it is ours only. ``CacheFolder`` refuses a folder
that git tracks (a pull request could add one) and the build then runs without a cache.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import subprocess
import sys
from functools import lru_cache
from importlib import metadata
from pathlib import Path

DIGEST_BYTES = 16
MANIFEST = "manifest.json"
PARTS = "parts"  # ledger entries from forked processes, merged by the parent at the end
# The libraries whose version can change a byte of the output (templates, Markdown, YAML, validation, search).
LIBRARIES = (
    "pelican", "jinja2", "markupsafe", "markdown-it-py", "babel", "pyyaml", "frictionless", "pagefind", "pagefind_bin", "pyphen",
)
# Libraries the generator imports that never change a byte of the output: the links check, the progress display.
NOT_IN_OUTPUT = ("dnspython", "rich")


def digest(*parts) -> str:
    """A hash of ``repr(parts)``: for plain values (str, numbers, dates, tuples, dicts, frozen dataclasses of them)."""
    return hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=DIGEST_BYTES).hexdigest()


def bytes_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=DIGEST_BYTES).hexdigest()


def file_digest(path: Path) -> str:
    """The file's bytes as a digest; "-" for a file that is not there (so adding it changes the digest)."""
    try:
        return bytes_digest(Path(path).read_bytes())
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return "-"


def folder_digest(folder: Path, suffixes: tuple[str, ...] = ()) -> str:
    """Every file below ``folder`` (names and bytes, in sorted order); only those ending in ``suffixes`` if given."""
    folder = Path(folder)
    if not folder.is_dir():
        return "-"
    entries = []
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and (not suffixes or path.name.endswith(suffixes)) and "__pycache__" not in path.parts:
            entries.append((path.relative_to(folder).as_posix(), file_digest(path)))
    return digest(entries)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The generator's own sources, the Python version and the libraries' versions."""
    versions = []
    for name in LIBRARIES:
        try:
            versions.append((name, metadata.version(name)))
        except metadata.PackageNotFoundError:
            versions.append((name, "-"))
    return digest(folder_digest(Path(__file__).parent, (".py",)), sys.version, versions)


class CacheFolder:
    """Where a build keeps what the next one may take back; ``None`` as path means no cache."""

    def __init__(self, path: Path | None):
        self.path = Path(path) if path else None
        self.refused = ""
        if self.path is not None and _tracked_by_git(self.path):
            self.refused = f"{self.path} staat in git; de bouw gebruikt hem niet als cache (er kunnen bestanden van anderen in staan)."
            self.path = None

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def load_snapshot(self, kind: str) -> dict:
        """What the last build saved under ``kind``; empty without a cache or when it cannot be read."""
        if self.path is None:
            return {}
        try:
            with open(self.path / f"{kind}.pickle", "rb") as file:
                value = pickle.load(file)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, IndexError, TypeError, ValueError):
            return {}
        return value if isinstance(value, dict) else {}

    def save_snapshot(self, kind: str, value: dict) -> None:
        if self.path is not None:
            _write_atomically(self.path / f"{kind}.pickle", pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


class Memo:
    """A pure function's results by key, taken back from the last build's snapshot when the key is the same.

    ``salt`` stands for whatever the function reads besides its key (the code, the schema, a language): with
    another salt nothing is taken back. Only what this build asked for is saved, so old keys do not pile up.
    """

    def __init__(self, cache: CacheFolder, kind: str, salt: str):
        self.cache, self.kind, self.salt = cache, kind, salt
        snapshot = cache.load_snapshot(kind)
        self.previous = snapshot.get("values", {}) if snapshot.get("salt") == salt else {}
        self.used: dict = {}

    def __call__(self, key, compute):
        """The remembered result for ``key``, else ``compute()`` (remembered for the next build)."""
        if key not in self.used:
            self.used[key] = self.previous[key] if key in self.previous else compute()
        return self.used[key]

    def save(self) -> None:
        self.cache.save_snapshot(self.kind, {"salt": self.salt, "values": self.used})


def _tracked_by_git(path: Path) -> bool:
    """True when git tracks a file below ``path``: then it came with the checkout, not from one of our builds."""
    folder = Path(path)
    probe = folder if folder.is_dir() else next((parent for parent in folder.parents if parent.is_dir()), Path("."))
    try:
        result = subprocess.run(["git", "-C", str(probe), "ls-files", "--", str(folder.resolve())], capture_output=True, text=True, check=False)
    except OSError:
        return False
    return result.returncode == 0 and bool(result.stdout.strip())


def _write_atomically(path: Path, data: bytes) -> None:
    """Write to a temporary name and rename, so a build that stops halfway never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)


class OutputLedger:
    """Which output file came from which fingerprint, so the next build keeps the files it would write the same.

    ``keeps(path, fingerprint)`` is true when the last build wrote ``path`` from ``fingerprint`` and the file
    is still as it left it (same size and modification time); the caller then does not write it, and the
    file is marked kept. Otherwise the caller writes it and notes that with ``record(path, fingerprint)``, or asks
    both at once with ``keeps_or_records``. ``sweep()`` (after the build)
    removes every file below the output that this build neither wrote (its change time is after the build
    started) nor kept, so the output holds exactly what a clean build would write, and saves the ledger.

    A forked process has its own copy of the ledger: it calls ``hand_over()`` before it ends, and the
    parent's ``sweep()`` reads what it handed over.
    """

    def __init__(self, cache: CacheFolder, output: Path, started_ns: int, keep_names: tuple[str, ...] = ()):
        self.output = Path(output)
        self.folder = cache.path / "output" / digest(os.path.abspath(output)) if cache.enabled else None
        self.started_ns = started_ns
        self.keep_names = frozenset(keep_names)  # top-level names the output keeps (Pelican's OUTPUT_RETENTION)
        manifest = self._read_manifest()
        self.previous: dict[str, list] = manifest.get("files", {})
        self.previous_site = manifest.get("site", "")  # the site's digest in the last build (see ``site``)
        self.site = ""
        self.fingerprints: dict[str, str] = {}
        self.kept: set[str] = set()

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    @property
    def same_site(self) -> bool:
        """The site's digest (set by the build in ``site``) is the last build's: only changed records' files differ."""
        return bool(self.site) and self.site == self.previous_site

    def _read_manifest(self) -> dict:
        if self.folder is None:
            return {}
        try:
            manifest = json.loads((self.folder / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(manifest, dict) or manifest.get("code") != code_digest() or not isinstance(manifest.get("files"), dict):
            return {}
        return manifest

    def keeps(self, relative: str, fingerprint: str) -> bool:
        """Keep the last build's file at ``relative`` if it was made from ``fingerprint`` and has not changed since."""
        if self.folder is None:
            return False
        entry = self.previous.get(relative)
        if not entry or entry[0] != fingerprint:
            return False
        try:
            status = os.stat(self.output / relative)
        except OSError:
            return False
        if [status.st_size, status.st_mtime_ns] != entry[1:] or status.st_ctime_ns >= self.started_ns:
            return False
        self.fingerprints[relative] = fingerprint
        self.kept.add(relative)
        return True

    def keeps_or_records(self, relative: str, fingerprint: str) -> bool:
        """``keeps``; when it does not, the caller writes the file now, from ``fingerprint``, and that is recorded."""
        if self.keeps(relative, fingerprint):
            return True
        self.record(relative, fingerprint)
        return False

    def keeps_folder(self, prefix: str, fingerprint: str) -> bool:
        """Keep every file the last build made below ``prefix`` (a folder, ending in /), if all came from ``fingerprint``.

        For output made as a whole (the search index): one changed input makes all of it again."""
        members = [relative for relative in self.previous if relative.startswith(prefix)]
        if not members or any(self.previous[relative][0] != fingerprint for relative in members):
            return False
        return all([self.keeps(relative, fingerprint) for relative in members])

    def record_folder(self, prefix: str, fingerprint: str) -> None:
        """Every file now below ``prefix`` was written in this build from ``fingerprint``."""
        if self.folder is not None:
            for path in (self.output / prefix).rglob("*"):
                if path.is_file():
                    self.record(path.relative_to(self.output).as_posix(), fingerprint)

    def record(self, relative: str, fingerprint: str) -> None:
        """``relative`` is (or will be) written in this build from ``fingerprint``."""
        if self.folder is not None:
            self.fingerprints[relative] = fingerprint

    def unchanged(self, relative: str) -> None:
        """The build found ``relative`` already holding the bytes it would write, and left it: the sweep keeps it."""
        if self.folder is not None:
            self.kept.add(relative)

    def hand_over(self) -> None:
        """From a forked process: leave what it recorded and kept for the parent's sweep."""
        if self.folder is not None:
            _write_atomically(self.folder / PARTS / f"{os.getpid()}.json",
                              json.dumps({"fingerprints": self.fingerprints, "kept": sorted(self.kept)}).encode("utf-8"))

    def _take_parts(self) -> None:
        parts = self.folder / PARTS
        for path in sorted(parts.glob("*.json")) if parts.is_dir() else ():
            try:
                part = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                part = {}
            self.fingerprints.update(part.get("fingerprints", {}))
            self.kept.update(part.get("kept", []))
            path.unlink(missing_ok=True)

    def forget(self) -> None:
        """Before the build writes anything: the last ledger is read; a build that stops halfway leaves none."""
        if self.folder is not None:
            (self.folder / MANIFEST).unlink(missing_ok=True)
            for path in (self.folder / PARTS).glob("*.json") if (self.folder / PARTS).is_dir() else ():
                path.unlink(missing_ok=True)

    def sweep(self, remove_stale: bool = True) -> int:
        """Remove what this build neither wrote nor kept (if ``remove_stale``), save the ledger; returns the number removed."""
        if self.folder is None:
            return 0
        self._take_parts()
        removed = _remove_stale(self.output, self.started_ns, self.kept, self.keep_names) if remove_stale else 0
        files, output = {}, os.fspath(self.output)
        for relative, fingerprint in self.fingerprints.items():
            if relative in self.kept and relative in self.previous:  # untouched since the last build: the same size and time
                files[relative] = [fingerprint, *self.previous[relative][1:]]
                continue
            try:
                status = os.stat(os.path.join(output, relative))
            except OSError:
                continue
            files[relative] = [fingerprint, status.st_size, status.st_mtime_ns]
        _write_atomically(self.folder / MANIFEST, json.dumps({"code": code_digest(), "site": self.site, "files": files}, sort_keys=True).encode("utf-8"))
        return removed


def _remove_stale(output: Path, started_ns: int, kept: set[str], keep_names: frozenset) -> int:
    """Every file below ``output`` changed before ``started_ns`` and not in ``kept`` is removed, then the folders left empty.

    The change time (ctime) cannot be set by a program: a file copied with its old modification time
    (Pelican's static files) still has a new change time. One ``scandir`` per folder and paths built as text:
    at 10,000 offers the output holds 64,000 files in 23,000 folders, and os.walk with relpath and pathlib
    took half the sweep.
    """
    removed = 0

    def sweep(folder: str, prefix: str) -> bool:
        """Sweep ``folder`` (``prefix``: its path below the output and a slash); true when nothing is left in it."""
        nonlocal removed
        left = False
        with os.scandir(folder) as entries:
            for entry in entries:
                relative = prefix + entry.name
                if not prefix and entry.name in keep_names:
                    left = True
                elif entry.is_dir(follow_symlinks=False):
                    if sweep(entry.path, relative + "/"):
                        os.rmdir(entry.path)
                    else:
                        left = True
                elif relative in kept or entry.stat(follow_symlinks=False).st_ctime_ns >= started_ns:
                    left = True
                else:
                    os.unlink(entry.path)
                    removed += 1
        return not left

    if os.path.isdir(output):
        sweep(os.fspath(output), "")
    return removed


def build_start_ns(cache: CacheFolder) -> int:
    """The moment the build starts, by the file system's clock: strictly after every file written before.

    Files get their change time from the kernel's coarse clock (a tick of a few milliseconds), not from
    ``time.time_ns()``. A marker file is written until its change time moves on from the first one's: every
    file written before this call is older than the time returned, every file written after is not.
    """
    if not cache.enabled:
        return 0
    marker = cache.path / "started"
    _write_atomically(marker, b"")
    before = os.stat(marker).st_ctime_ns
    for _ in range(100_000):  # a tick is a few milliseconds: a few hundred writes at most
        _write_atomically(marker, b"")
        if (now := os.stat(marker).st_ctime_ns) > before:
            return now
    return before + 1
