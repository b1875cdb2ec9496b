"""Checks for a change under review: the files of a pull request, or files a provider just added.

``review_changes`` validates only the changed files, with the cross-file checks done against
a cheap index of all the others, so one file in a catalogue of 10,000 is checked in well
under a second. It adds warnings that only make sense for a change: the offer looks like an
existing one, its verified_on is old, or an offer file was thrown away instead of withdrawn.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from . import lookalikes, readability
from ..content import roles
from .content_index import ContentIndex, build_index, sketches
from .freshness import EXPIRED, STALE, Limits
from ..content.history import git
from ..content.loading import DEFAULT_MAX_BYTES
from ..presentation import dutch_date
from ..problems import Problem
from ..content.schema import CatalogueSchema
from ..content.validation import _display, is_merged_file, table_of, validate_files


@dataclass
class Review:
    checked: list[str] = field(default_factory=list)  # changed content files that were validated
    deleted: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # changed files that are not content
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    index: ContentIndex | None = None


def read_changed_list(path: Path) -> list[str]:
    """One path a line, as ``git diff --name-only`` writes it; blank lines are ignored."""
    return [line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def _deleted(content: Path, schema: CatalogueSchema, path: Path, index: ContentIndex, review: Review) -> None:
    table = table_of(schema, content, path)
    shown = _display(path)
    grouping = schema.grouping
    grouped, owner = (grouping.table, grouping.owner) if grouping else (None, None)
    if table is None:
        review.skipped.append(shown)
        return
    review.deleted.append(shown)
    if grouped is not None and table.name == grouped.name:
        review.warnings.append(Problem(shown, 0, "", (
            f"dit aanbod is weggegooid. Zet liever 'status: {roles.status(schema, roles.WITHDRAWN)}' in het bestand: dan weten gebruikers van de open data "
            "dat het gestopt is, en wordt de code nooit opnieuw gebruikt."), code="deleted"))
    elif owner is not None and table.name == owner.name:
        remaining = [other for other in index.offer_files if other.parent.name == path.stem]
        if remaining:
            review.problems.append(Problem(shown, 0, "", (
                f"deze aanbieder heeft nog {len(remaining)} aanbod in {_display(remaining[0].parent)}. "
                "Haal een aanbieder pas weg als al het aanbod ervan is ingetrokken."), code="reference"))


def _freshness_warnings(rows: dict, limits: Limits, published: tuple[str, ...]) -> list[Problem]:
    warnings = []
    for row in rows.get("offers", []):
        values = row.values
        try:
            verified = date.fromisoformat(values["verified_on"])
        except ValueError:
            continue  # validation reports the date itself
        if values["status"] not in published:
            continue
        state = limits.state(verified)
        when = f"dit aanbod is voor het laatst gecontroleerd op {dutch_date(verified)}"
        if state == EXPIRED:
            message = (f"{when}, meer dan {limits.expire_months} maanden geleden. Daarom staat het niet op de site. "
                       "Kijk of alles nog klopt en schrijf de datum van vandaag bij verified_on.")
        elif state == STALE:
            message = (f"{when}, meer dan {limits.stale_months} maanden geleden. "
                       "Kijk of alles nog klopt en schrijf de datum van vandaag bij verified_on.")
        else:
            continue
        warnings.append(Problem(row.path, row.line_of("verified_on"), "verified_on", message, code="stale"))
    return warnings


def review_changes(content: Path, schema: CatalogueSchema, changed: list, limits: Limits | None = None,
                   max_bytes: int = DEFAULT_MAX_BYTES, new_files: set[Path] | None = None) -> Review:
    """Validate the changed files; ``new_files`` (absolute paths; default: from git) are checked for lookalikes."""
    content = Path(content)
    new_files = added_files(content) if new_files is None else {Path(path).resolve() for path in new_files}
    review = Review(index=build_index(content, schema))
    present = []
    for name in dict.fromkeys(changed):
        path = Path(name)
        if not os.path.lexists(path):  # a dangling link is not a deleted file: reading refuses it
            _deleted(content, schema, path, review.index, review)
        elif table_of(schema, content, path) is None and not is_merged_file(schema, content, path):
            review.skipped.append(_display(path))
        else:
            present.append(path)
            review.checked.append(_display(path))
    rows, problems = validate_files(content, schema, present, review.index.ids, max_bytes, limits.today if limits else None)
    review.problems.extend(problems)
    candidates = [sketch for sketch in lookalikes.sketches_from_rows(rows) if Path(sketch.path).resolve() in new_files]
    if candidates:
        review.warnings.extend(lookalikes.find(candidates, sketches(review.index, _display), roles.statuses(schema, roles.WITHDRAWN)))
    if limits is not None:
        review.warnings.extend(_freshness_warnings(rows, limits, roles.statuses(schema, *roles.ON_SITE)))
    review.warnings.extend(readability.warnings(rows, schema))  # plain language (B1), issue 16
    review.problems.sort()
    review.warnings.sort()
    return review


def _git(folder: Path, *arguments: str) -> list[str]:
    return (git(folder, *arguments) or "").splitlines()


def added_files(folder: Path) -> set[Path]:
    """Files below ``folder`` that the change being checked adds (absolute paths); empty outside git.

    New is: not yet committed (untracked or staged as new), or added by the commit being
    built compared with its first parent, which for a pull request is the base branch.
    """
    folder = Path(folder).resolve()
    top = _git(folder, "rev-parse", "--show-toplevel")
    if not top:
        return set()
    root = Path(top[0])
    where = str(folder.relative_to(root)) if folder != root else "."
    names = _git(root, "ls-files", "--others", "--exclude-standard", "--", where)
    names += _git(root, "diff", "--cached", "--name-only", "--diff-filter=A", "--", where)
    names += _git(root, "diff", "--name-only", "--diff-filter=A", "HEAD^1", "HEAD", "--", where)
    return {root / name for name in names if name}
