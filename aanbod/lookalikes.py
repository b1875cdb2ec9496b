"""Warn when a new offer looks like one that already exists: probably the same offer twice.

Two rules: the same provider with a very similar title, or the same address with the same
kind. These are warnings, never errors: a provider may rightly run two activities in one
building. Withdrawn offers do not count; their ids may not be reused, so a replacement is new.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from .problems import Problem

SIMILAR_TITLE = 0.85
WITHDRAWN = "ingetrokken"


@dataclass(frozen=True)
class Sketch:
    """The little of an offer these rules need, with the lines to point at (0 when unknown)."""

    path: str
    id: str
    provider: str
    title: str
    kind: str
    status: str = ""
    addresses: tuple[tuple[str, int], ...] = ()  # (normalised address, line)
    title_line: int = 0

    @property
    def title_key(self) -> str:
        return normalise_title(self.title)


def normalise_title(title: str) -> str:
    decomposed = unicodedata.normalize("NFKD", title.lower())
    letters = "".join(character for character in decomposed if not unicodedata.combining(character))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", letters).split())


def normalise_address(street: str, postcode: str) -> str:
    return f"{' '.join(street.lower().split())}, {postcode.replace(' ', '').upper()}"


def similar_titles(first: str, second: str) -> bool:
    """Nearly the same words, and the same numbers: 'Engels 1' and 'Engels 2' are two courses."""
    if re.findall(r"\d+", first) != re.findall(r"\d+", second):
        return False
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    return matcher.real_quick_ratio() >= SIMILAR_TITLE and matcher.quick_ratio() >= SIMILAR_TITLE and matcher.ratio() >= SIMILAR_TITLE


def sketches_from_rows(rows: dict) -> list[Sketch]:
    """From validation rows, which know every line."""
    addresses: dict[str, list[tuple[str, int]]] = {}
    for row in rows.get("locations", []):
        values = row.values
        if values.get("street_address") and values.get("postcode"):
            addresses.setdefault(values["offer_id"], []).append((normalise_address(values["street_address"], values["postcode"]), row.line))
    sketches = []
    for row in rows.get("offers", []):
        values = row.values
        sketches.append(Sketch(
            row.path, values["id"], values["provider"], values["title"], values["kind"], values["status"],
            tuple(addresses.get(values["id"], ())), row.line_of("title"),
        ))
    return sketches


def sketches_from_catalogue(catalogue) -> list[Sketch]:
    return [
        Sketch(
            offer.source_path, offer.id, offer.provider, offer.title, offer.kind, offer.status,
            tuple((normalise_address(location.street_address, location.postcode), 0) for location in offer.locations),
        )
        for offer in catalogue.offers
    ]


def _warning(sketch: Sketch, line: int, field_name: str, message: str) -> Problem:
    return Problem(sketch.path, line, field_name, message, code="lookalike")


def find(candidates: list[Sketch], others: list[Sketch]) -> list[Problem]:
    """Warnings for each candidate that looks like another offer (never like itself)."""
    by_provider: dict[str, list[Sketch]] = {}
    by_address: dict[tuple[str, str], list[Sketch]] = {}
    for other in others:
        if other.status == WITHDRAWN:
            continue
        by_provider.setdefault(other.provider, []).append(other)
        for address, _ in other.addresses:
            by_address.setdefault((address, other.kind), []).append(other)
    warnings = []
    for sketch in candidates:
        if sketch.status == WITHDRAWN:
            continue
        for other in by_provider.get(sketch.provider, ()):
            if other.path != sketch.path and similar_titles(sketch.title_key, other.title_key):
                warnings.append(_warning(sketch, sketch.title_line, "title", (
                    f"dit aanbod lijkt op '{other.title}' in {other.path}: dezelfde aanbieder en bijna dezelfde naam. "
                    "Is het hetzelfde aanbod? Verander dan dat bestand en maak geen nieuw.")))
        seen = set()
        for address, line in sketch.addresses:
            for other in by_address.get((address, sketch.kind), ()):
                if other.path != sketch.path and other.path not in seen:
                    seen.add(other.path)
                    warnings.append(_warning(sketch, line, "locations", (
                        f"dit aanbod lijkt op '{other.title}' in {other.path}: hetzelfde adres en dezelfde soort ({sketch.kind}). "
                        "Is het hetzelfde aanbod? Verander dan dat bestand en maak geen nieuw.")))
    return sorted(set(warnings))
