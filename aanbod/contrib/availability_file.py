"""`python -m aanbod beschikbaarheid`: write one offer's availability into its provider's file, in one step.

The provider names the offer, the state and, if it applies, the free places or waiting weeks; the
command finds the provider from the offer's folder, keeps the other entries of the file, checks the
new file exactly as validation does (availability.py) and only then writes it. The file is written
anew, so comments in it do not survive; the header says what the file is.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..content import availability
from . import editor_schema
from ..content.loading import DEFAULT_MAX_BYTES, find_files, load_file, parse_text
from ..problems import Problem
from ..content.schema import CatalogueSchema
from ..content.yaml_text import scalar

HEADER = ("# Is er plek? Per aanbod: availability (plek, vol of wachtlijst), free_places (bij plek), waiting_weeks (bij wachtlijst)\n"
          "# en checked_on (de dag waarop je keek). Pas het aan met `python -m aanbod beschikbaarheid` of met de hand.\n")


PLAIN = re.compile(r"[0-9]{1,6}|[0-9]{4}-[0-9]{2}-[0-9]{2}")


class AvailabilityError(Exception):
    """The offer cannot be found, or the file cannot be read: said in Dutch, without traceback."""


@dataclass(frozen=True)
class Written:
    path: Path
    problems: list[Problem]  # empty when the file was written


def render(entries: dict[str, dict[str, str]], first_line: str = "") -> str:
    """The whole file; ``first_line`` names its editor schema (editor_schema.modeline)."""
    lines = ([first_line] if first_line else []) + [HEADER.rstrip("\n")]
    for offer_id, values in entries.items():
        lines.append(f"{offer_id}:")
        # Digits and dates plain, as providers write them; our loader reads every value as text anyway.
        lines += [f"  {key}: {value if PLAIN.fullmatch(value) else scalar(value, '    ')}" for key, value in values.items() if value]
    return "\n".join(lines) + "\n"


def write(content: Path, schema: CatalogueSchema, offer_id: str, values: dict[str, str], today: date,
          max_bytes: int = DEFAULT_MAX_BYTES) -> Written:
    """Set ``values`` (file keys: availability, free_places, ...) for ``offer_id``; ``checked_on`` defaults to ``today``."""
    content = Path(content)
    grouped = schema.grouping.table
    offers = _offer_providers(content, schema)
    if offer_id not in offers:
        raise AvailabilityError(f"er is geen aanbod met de code '{offer_id}'. De code is de naam van het bestand, zonder .yaml.")
    provider = offers[offer_id]
    path = content / grouped.merged["folder"] / f"{provider}.yaml"
    entries: dict[str, dict[str, str]] = {}
    if path.exists():
        document, problems = load_file(path, str(path), max_bytes, root=content)
        if document is None:
            return Written(path, problems)
        entries = {key: dict(value) if isinstance(value, dict) else {} for key, value in document.data.items()}
    keys = availability.Keys.of(schema, grouped)
    entry = {key: values.get(key, "") for key in keys.fields}
    entry[keys.date] = entry[keys.date] or today.isoformat()
    entries[offer_id] = entry
    text = render(entries, editor_schema.MODELINE.format(Path(os.path.relpath(editor_schema.merged_path(schema, grouped).resolve(), path.parent.resolve())).as_posix()))
    document, problems = parse_text(text.encode("utf-8"), str(path), max_bytes)
    if document is None:
        return Written(path, problems)
    index = availability.OfferIndex(offers, {provider})
    _, problems = availability.check_document(schema, document, provider, index, today)
    if problems:
        return Written(path, problems)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return Written(path, [])


def _offer_providers(content: Path, schema: CatalogueSchema) -> dict[str, str]:
    folder = content / schema.grouping.table.source["folder"]
    return {path.stem: path.parent.name for path in find_files(folder) if len(path.relative_to(folder).parts) == 2}
