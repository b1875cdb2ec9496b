"""Warn when a new offer looks like one that already exists: probably the same offer twice.

Two rules: the same provider with a very similar title, or the same address with the same
kind. These are warnings, never errors: a provider may rightly run two activities in one
building. Withdrawn offers do not count; their ids may not be reused, so a replacement is new.

The check costs time in proportion to the number of offers, also when 10,000 near-identical
offers arrive in one change. Offers are indexed, never compared pair by pair: an address (with
the kind) and an exact normalised title (with the provider) are dictionary keys; only distinct
titles of one provider with the same numbers are compared, and only those that share one of a
few rare character pairs (a prefix filter, see ``_TitleGroup``). Each new offer gets at most
``NAMED`` warnings per rule, naming the first lookalikes by path, and a count of the rest.
"""

from __future__ import annotations

import csv
import difflib
import heapq
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ..content import roles
from ..problems import Problem

SIMILAR_TITLE = 0.85
NAMED = 3  # lookalikes named per new offer and rule; the rest are counted
LOG_LINES = 20  # lookalikes the build and `validate` name; the report and `--format json` have them all
PAGE_ROWS = 500  # new offers the editors' page lists; its CSV has them all
TITLE, ADDRESS = "title", "locations"


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


@dataclass(frozen=True)
class Lookalike:
    """A new offer that looks like others by one rule: the first few named, the rest counted."""

    sketch: Sketch
    rule: str  # TITLE or ADDRESS: the field the warning points at
    line: int
    named: tuple[Sketch, ...]
    more: int = 0

    @property
    def total(self) -> int:
        return len(self.named) + self.more


def normalise_title(title: str) -> str:
    decomposed = unicodedata.normalize("NFKD", title.lower())
    letters = "".join(character for character in decomposed if not unicodedata.combining(character))
    return " ".join(re.sub(r"[^a-z0-9]+", " ", letters).split())


def normalise_address(street: str, postcode: str) -> str:
    return f"{' '.join(street.lower().split())}, {postcode.replace(' ', '').upper()}"


def _numbers(title_key: str) -> tuple[str, ...]:
    return tuple(re.findall(r"\d+", title_key))


def similar_titles(first: str, second: str) -> bool:
    """Nearly the same words, and the same numbers: 'Engels 1' and 'Engels 2' are two courses."""
    if _numbers(first) != _numbers(second):
        return False
    matcher = difflib.SequenceMatcher(None, first, second, autojunk=False)
    return matcher.real_quick_ratio() >= SIMILAR_TITLE and matcher.quick_ratio() >= SIMILAR_TITLE and matcher.ratio() >= SIMILAR_TITLE


def _shared_pairs_needed(length: int) -> int:
    """The fewest character pairs a title of ``length`` characters shares with any title similar to it.

    SequenceMatcher's ratio is 2M/(a+b), M the characters in its matching blocks. A pair of the
    first title survives in the second unless one of its characters is unmatched (each unmatched
    character breaks at most two pairs) or it spans a gap in the second title (one pair per gap):
    at most 2u_a + u_b pairs break. With u_a + u_b <= (1-r)(a+b), u_a - u_b = a - b and
    b >= a·r/(2-r) (the length bound of real_quick_ratio), that is at most ``a·k`` pairs.
    """
    r = SIMILAR_TITLE
    broken = 1.5 * (1 - r) + 0.5 + (1.5 * (1 - r) - 0.5) * r / (2 - r)
    return math.ceil((length - 1) - broken * length - 1e-9)


def _pairs(title_key: str) -> list[str]:
    """The title's character pairs, each repeat numbered, so sets count them like a multiset."""
    seen: Counter = Counter()
    result = []
    for start in range(len(title_key) - 1):
        pair = title_key[start:start + 2]
        result.append(f"{pair}{seen[pair]}")
        seen[pair] += 1
    return result


class _TitleGroup:
    """The distinct titles of one provider with the same numbers, indexed for similar ones.

    A prefix filter (as in all-pairs similarity joins): titles that are similar share at least
    ``_shared_pairs_needed`` character pairs, so with the pairs sorted rarest first they share
    one among the first ``len(pairs) - needed + 1`` of each. Only those are compared.
    """

    def __init__(self, keys):
        self.keys = sorted(set(keys))
        pairs = {key: _pairs(key) for key in self.keys}
        frequency = Counter(pair for key_pairs in pairs.values() for pair in key_pairs)
        self.prefixes: dict[str, list[str]] = {}
        self.postings: dict[str, list[str]] = {}
        self.unfiltered: list[str] = []  # titles too short to be sure of a shared pair: compared with all
        for key in self.keys:
            needed = _shared_pairs_needed(len(key))
            if needed < 1:
                self.unfiltered.append(key)
                continue
            ordered = sorted(pairs[key], key=lambda pair: (frequency[pair], pair))
            prefix = ordered[:len(ordered) - needed + 1]
            self.prefixes[key] = prefix
            for pair in prefix:
                self.postings.setdefault(pair, []).append(key)
        self._similar: dict[str, list[str]] = {}

    def similar(self, key: str) -> list[str]:
        """Other titles of the group similar to ``key`` (which is one of the group's titles)."""
        if key not in self._similar:
            if key in self.prefixes:
                candidates = {other for pair in self.prefixes[key] for other in self.postings[pair]}
                candidates.update(self.unfiltered)
            else:
                candidates = set(self.keys)
            self._similar[key] = sorted(other for other in candidates if other != key and similar_titles(key, other))
        return self._similar[key]


def _first(offers, skip: set[str], limit: int) -> list[Sketch]:
    """The first ``limit`` offers whose path is not in ``skip``; only as many are read as needed."""
    found = []
    for other in offers:
        if other.path not in skip:
            found.append(other)
            if len(found) == limit:
                break
    return found


def find_lookalikes(candidates: list[Sketch], others: list[Sketch], withdrawn: Collection[str]) -> list[Lookalike]:
    """For each candidate, the offers among ``others`` it looks like (never itself), per rule.

    Offers with a status in ``withdrawn`` (roles.statuses(schema, roles.WITHDRAWN)) neither look like others nor are looked at.

    Every list is sorted by path once; a candidate reads only the first few of each list it is
    in and counts the rest by their length, so thousands of copies never make a pair each.
    """
    active = sorted((other for other in others if other.status not in withdrawn), key=lambda other: other.path)
    by_path = {other.path: other for other in active}
    by_title: dict[tuple[str, str], list[Sketch]] = {}
    by_address: dict[tuple[str, str], list[Sketch]] = {}
    for other in active:
        by_title.setdefault((other.provider, other.title_key), []).append(other)
        for address in dict.fromkeys(address for address, _ in other.addresses):
            by_address.setdefault((address, other.kind), []).append(other)
    keys: dict[tuple[str, tuple[str, ...]], set[str]] = {}
    for provider, key in list(by_title) + [(sketch.provider, sketch.title_key) for sketch in candidates]:
        keys.setdefault((provider, _numbers(key)), set()).add(key)
    groups: dict[tuple[str, tuple[str, ...]], _TitleGroup] = {}

    found = []
    for sketch in sorted(candidates, key=lambda sketch: sketch.path):
        if sketch.status in withdrawn:
            continue
        indexed = by_path.get(sketch.path)  # the candidate as the lists hold it, if they do
        key = sketch.title_key
        group_key = (sketch.provider, _numbers(key))
        if group_key not in groups:
            groups[group_key] = _TitleGroup(keys[group_key])
        lists = [by_title.get((sketch.provider, key), [])]
        lists += [by_title.get((sketch.provider, similar), []) for similar in groups[group_key].similar(key)]
        inside = indexed is not None and (indexed.provider, indexed.title_key) == (sketch.provider, key)
        total = sum(len(offers) for offers in lists) - inside
        if total:
            named = _first(heapq.merge(*lists, key=lambda other: other.path), {sketch.path}, NAMED)
            found.append(Lookalike(sketch, TITLE, sketch.title_line, tuple(named), total - len(named)))
        seen = {sketch.path}
        for address, line in sketch.addresses:
            offers = by_address.get((address, sketch.kind), [])
            inside = indexed is not None and indexed.kind == sketch.kind and any(mine == address for mine, _ in indexed.addresses)
            named = _first(offers, seen, NAMED)
            if named:
                seen.update(other.path for other in named)
                found.append(Lookalike(sketch, ADDRESS, line, tuple(named), max(0, len(offers) - inside - len(named))))
    return found


def _message(lookalike: Lookalike, other: Sketch, last: bool) -> str:
    sketch = lookalike.sketch
    why = ("dezelfde aanbieder en bijna dezelfde naam" if lookalike.rule == TITLE
           else f"hetzelfde adres en dezelfde soort ({sketch.kind})")
    message = (f"dit aanbod lijkt op '{other.title}' in {other.path}: {why}. "
               "Is het hetzelfde aanbod? Verander dan dat bestand en maak geen nieuw.")
    if last and lookalike.more:
        message += f" Nog {lookalike.more} keer ander aanbod lijkt er zo op."
    return message


def warnings(lookalikes: list[Lookalike]) -> list[Problem]:
    """One warning per named lookalike; the last of each names how many more there are."""
    result = []
    for lookalike in lookalikes:
        for position, other in enumerate(lookalike.named):
            result.append(Problem(lookalike.sketch.path, lookalike.line, lookalike.rule,
                                  _message(lookalike, other, position == len(lookalike.named) - 1), code="lookalike"))
    return sorted(set(result))


def find(candidates: list[Sketch], others: list[Sketch], withdrawn: Collection[str]) -> list[Problem]:
    """Warnings for each candidate that looks like another offer (never like itself)."""
    return warnings(find_lookalikes(candidates, others, withdrawn))


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


@dataclass(frozen=True)
class Report:
    """Every lookalike of a build, for the log, the editors' page (the first ``PAGE_ROWS``) and its CSV."""

    found: tuple[Lookalike, ...]

    @property
    def shown(self) -> tuple[Lookalike, ...]:
        return self.found[:PAGE_ROWS]

    @property
    def not_shown(self) -> int:
        return len(self.found) - len(self.shown)

    def __bool__(self) -> bool:
        return bool(self.found)


def new_in_catalogue(catalogue, new_files: set[Path]) -> Report:
    """Lookalikes of the offers in ``new_files`` (absolute paths) among all offers of the catalogue."""
    if not new_files:  # a build of a commit that adds no offer: nothing to compare
        return Report(())
    sketches = sketches_from_catalogue(catalogue)
    # Resolving a path costs a system call per folder level: only for files that have a new file's name.
    names = {path.name for path in new_files}
    new = [sketch for sketch in sketches if Path(sketch.path).name in names and Path(sketch.path).resolve() in new_files]
    return Report(tuple(find_lookalikes(new, sketches, roles.statuses(catalogue.schema, roles.WITHDRAWN))))


def log_lines(report: Report, where: str, limit: int = LOG_LINES) -> list[str]:
    """What the build logs: the first ``limit`` warnings, then how many more and ``where`` they all are."""
    found = warnings(list(report.found))
    lines = [warning.format() for warning in found[:limit]]
    if len(found) > limit:
        lines.append(f"En nog {len(found) - limit} keer aanbod dat op ander aanbod lijkt. Alles staat in {where}.")
    return lines


CSV_COLUMNS = ("bestand", "regel", "aanbod", "aanbieder", "titel", "regel_soort", "lijkt_op", "lijkt_op_titel", "lijkt_op_bestand", "nog_meer")


def write_csv(report: Report, path: Path) -> Path:
    """The editors' list of every lookalike: one row per named pair; titles are validated text, never formulas."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        for lookalike in report.found:
            sketch = lookalike.sketch
            for position, other in enumerate(lookalike.named):
                more = lookalike.more if position == len(lookalike.named) - 1 else 0
                writer.writerow([sketch.path, lookalike.line, sketch.id, sketch.provider, sketch.title,
                                 "titel" if lookalike.rule == TITLE else "adres", other.id, other.title, other.path, more])
    return path
