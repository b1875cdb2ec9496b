"""Dates from the repository's history, so builds of one commit are identical wherever they run.

Modified dates of content files come from git, not from file system times (a fresh clone
gives every file the same mtime). Outside a git checkout every function returns nothing,
and callers fall back to dates written in the content (verified_on).
"""

from __future__ import annotations

import subprocess
from datetime import date, datetime, timezone
from pathlib import Path


def git(root: Path, *arguments: str) -> str | None:
    """The output of a git command in ``root``; None outside a checkout or when git fails."""
    try:
        result = subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, text=True, check=False)
    except OSError:
        return None
    return result.stdout if result.returncode == 0 else None


def _utc(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.strip()).astimezone(timezone.utc)


def file_modified_times(folder: Path) -> dict[Path, datetime]:
    """The time of the last commit that changed each file below ``folder`` (absolute paths), in UTC.

    One ``git log`` over the folder: the first time a path appears is its latest change.
    Files with uncommitted changes keep their last committed time.
    """
    folder = Path(folder).resolve()
    top = git(folder, "rev-parse", "--show-toplevel")
    if not top:
        return {}
    root = Path(top.strip())
    log = git(root, "log", "--format=%x00%cI", "--name-only", "--no-renames", "--", str(folder.relative_to(root)))
    if not log:
        return {}
    times: dict[Path, datetime] = {}
    for entry in log.split("\x00")[1:]:
        stamp, _, names = entry.partition("\n")
        when = _utc(stamp)
        for name in names.split("\n"):
            if name:
                times.setdefault(root / name, when)
    return times


def build_today(setting: date | None, folder: Path) -> date:
    """The build's 'today': the AANBOD_TODAY setting, else the date of the commit being built, else the clock."""
    return setting or head_commit_date(folder) or date.today()


def head_commit_date(folder: Path) -> date | None:
    """The (UTC) date of the commit being built; the build's 'today', so a rebuild gives the same site."""
    stamp = git(Path(folder), "log", "-1", "--format=%cI")
    return _utc(stamp).date() if stamp and stamp.strip() else None
