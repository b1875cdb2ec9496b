"""Verify offers again in one small step: only the ``verified_on`` line of each chosen file changes, and the
date line of each chosen offer's entry in the provider's availability file (issue 14), where it has one.

The line is edited in place as text (its quotes and a comment after it stay), never by reading and
writing the YAML, so comments, order and layout are untouched and a pull request shows one line per
offer. Every file is checked before any is written: a wrong id changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

FIELD = "verified_on"
_LINE = re.compile(rf"^(?P<key>{FIELD}:[ \t]*)(?P<quote>[\"']?)(?P<date>[^\"'#\r\n]*?)(?P=quote)(?P<rest>[ \t]*(#[^\r\n]*)?\r?)$", re.MULTILINE)


class ReverifyError(Exception):
    """An offer cannot be verified again this way; the message says why and what to do, in Dutch."""


@dataclass(frozen=True)
class Change:
    path: Path
    before: str
    after: str


def plan(folder: Path, provider: str, offer_ids: list[str], today: date) -> list[Change]:
    """The changes for ``offer_ids`` of ``provider`` (every offer of the provider when the list is empty)."""
    provider_folder = folder / provider
    if not provider_folder.is_dir():
        raise ReverifyError(f"de aanbieder '{provider}' heeft geen map {provider_folder}. Kijk of de code van de aanbieder klopt.")
    paths = [provider_folder / f"{offer_id}.yaml" for offer_id in dict.fromkeys(offer_ids)] or sorted(provider_folder.glob("*.yaml"))
    missing = [path.stem for path in paths if not path.is_file()]
    if missing:
        raise ReverifyError(f"{', '.join(missing)}: geen aanbod van '{provider}' (er is geen bestand {provider_folder}/<code>.yaml). Niets veranderd.")
    changes = []
    for path in paths:
        text = path.read_bytes().decode("utf-8")  # bytes: a file with CRLF line ends keeps them
        found = list(_LINE.finditer(text))
        if len(found) != 1:
            raise ReverifyError(f"{path}: er staat geen regel '{FIELD}: ...' in (of meer dan één). Zet er één regel bij, zoals '{FIELD}: {today.isoformat()}'. Niets veranderd.")
        line = found[0]
        new_line = f"{line['key']}{line['quote']}{today.isoformat()}{line['quote']}{line['rest']}"
        changes.append(Change(path, text, text[:line.start()] + new_line + text[line.end():]))
    return changes


def plan_entries(path: Path, key: str, offer_ids: list[str], today: date) -> Change | None:
    """In a provider's file of values per offer (content/availability/<provider>.yaml): the ``key`` line (its date)
    in the entry of each of ``offer_ids``, set to ``today``. None without the file; an offer without an entry, or an
    entry without that line, is left alone: verifying an offer gives no room that was never given."""
    if not path.is_file():
        return None
    text = after = path.read_bytes().decode("utf-8")
    line_pattern = re.compile(rf"^(?P<key>[ \t]+{re.escape(key)}:[ \t]*)(?P<quote>[\"']?)(?P<date>[^\"'#\r\n]*?)(?P=quote)(?P<rest>[ \t]*(#[^\r\n]*)?\r?)$",
                              re.MULTILINE)
    for offer_id in offer_ids:
        # The entry: its key at the start of a line, then the indented (or empty) lines below it.
        entry = re.search(rf"^{re.escape(offer_id)}:[ \t]*(#[^\r\n]*)?\r?\n(?P<body>(?:[ \t]+[^\r\n]*(?:\r?\n|$)|\r?\n)*)", after, re.MULTILINE)
        line = line_pattern.search(entry["body"]) if entry else None
        if line:
            start = entry.start("body")
            new_line = f"{line['key']}{line['quote']}{today.isoformat()}{line['quote']}{line['rest']}"
            after = after[:start + line.start()] + new_line + after[start + line.end():]
    return Change(path, text, after)


def apply(changes: list[Change]) -> list[Path]:
    """Write the changed files; a file already verified today is left alone. Returns the files written."""
    written = []
    for change in changes:
        if change.after != change.before:
            change.path.write_bytes(change.after.encode("utf-8"))
            written.append(change.path)
    return written
