"""The one guard for paths the build writes to: whatever a setting or an id says, it stays inside the output folder.

Every path the build forms from a setting (``*_SAVE_AS``, ``AANBOD_DATA_DIR``, ...) or from an
id or a code goes through ``contained``; ``inside`` also follows symbolic links on disk.
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

DRIVE = re.compile(r"[A-Za-z]:")
# Settings that name a folder or file inside the output folder, besides every *_SAVE_AS.
# Paths in the output that do not end in _SAVE_AS or _CSV (those are found by their names).
OUTPUT_SETTINGS = ("AANBOD_DATA_DIR", "THEME_STATIC_DIR", "SEARCH_URL")


class ContainmentError(Exception):
    """A path that would leave the output folder or the repository; the message names where it came from."""


def escapes(relative: str) -> bool:
    """Whether ``relative`` (as written in a setting, with / or \\) points outside the folder it is joined to."""
    text = str(relative).replace("\\", "/")
    if text.startswith("/") or DRIVE.match(text) or text.startswith("~"):
        return True
    normal = posixpath.normpath(text) if text else "."
    return normal == ".." or normal.startswith("../")


def contained(relative: str, source: str) -> str:
    """``relative`` itself when it stays inside the output folder; ``source`` names the setting or id it came from."""
    if escapes(relative):
        raise ContainmentError(f"{source}: '{relative}' ligt buiten de map output/. Schrijf een pad binnen de site, zonder '..' en zonder / aan het begin.")
    return relative


def inside(output: Path, relative: str, source: str) -> Path:
    """``output / relative``, refused when it leaves ``output``, also through a symbolic link that already exists."""
    target = Path(output) / contained(relative, source)
    if not target.resolve().is_relative_to(Path(output).resolve()):
        raise ContainmentError(f"{source}: '{relative}' wijst via een snelkoppeling (symlink) naar buiten de map output/. Verwijder die snelkoppeling.")
    return target


def output_settings(settings: dict) -> list[str]:
    """The names of every setting that is a path inside the output folder."""
    return sorted({*OUTPUT_SETTINGS, *(name for name in settings if name.endswith(("_SAVE_AS", "_CSV")))})


def guard_settings(output: Path, settings: dict) -> None:
    """Right before writing: every path setting, and each language's folder, still leads inside ``output``.

    The settings check refuses such paths earlier with a line number; this catches what it cannot
    see, such as a folder in an existing output that is a link to elsewhere.
    """
    for name in output_settings(settings):
        if isinstance(settings.get(name), str) and settings[name]:
            inside(output, settings[name], name)
    for code in settings.get("AANBOD_LANGUAGES", ()):
        inside(output, code, "AANBOD_LANGUAGES")


def within_repository(path: Path, root: Path, source: str) -> Path:
    """A file the build reads and publishes (such as the logo) must lie inside the repository, links followed."""
    resolved = Path(path).resolve()
    if not resolved.is_relative_to(Path(root).resolve()):
        raise ContainmentError(f"{source}: {path} ligt buiten de repository. Zet het bestand in de repository, bijvoorbeeld in theme/static/img/.")
    return resolved
