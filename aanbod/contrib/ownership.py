"""Who may change which content files: the maintainers in each provider file, and the editors.

Each ``content/providers/<id>.yaml`` lists under ``maintainers`` the GitHub accounts that may
change that provider's file and its offers. The editors (setting AANBOD_EDITORS) may change
everything. ``check`` refuses a pull request that touches another provider's files;
``codeowners`` writes the same rules as a CODEOWNERS file, so GitHub asks the right people to
review. Maintainers are read from the base branch, so nobody can add themselves in the same
pull request that uses the new right.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..content.loading import find_files, load_file
from ..problems import Problem
from ..content.schema import CatalogueSchema

FIELD = "maintainers"
ACCOUNT = re.compile(r"[A-Za-z0-9](-?[A-Za-z0-9]){0,38}")
TEAM = re.compile(r"[A-Za-z0-9](-?[A-Za-z0-9]){0,38}/[A-Za-z0-9._-]+")
EDITORS = "redactie"


class OwnershipError(Exception):
    """The editors setting is not a list of GitHub accounts or teams."""


def normalise(account: str) -> str:
    return account.strip().removeprefix("@").lower()


def _owner_table(schema: CatalogueSchema):
    for table in schema.top_tables:
        if FIELD in table.field_names:
            return table
    return None


def maintainers(content: Path, schema: CatalogueSchema) -> dict[str, list[str]]:
    """Provider id -> its maintainers as written. A provider file that cannot be read gives nobody rights."""
    table = _owner_table(schema)
    if table is None:
        return {}
    result = {}
    for path in find_files(Path(content) / table.source["folder"]):
        document, problems = load_file(path)
        value = document.data.get(FIELD, []) if document else []
        accounts = [value] if isinstance(value, str) else value if isinstance(value, list) else []
        result[path.stem] = [account.strip() for account in accounts if isinstance(account, str) and ACCOUNT.fullmatch(account.strip())]
    return result


def editors(settings: dict) -> list[str]:
    accounts = settings.get("AANBOD_EDITORS") or []
    if isinstance(accounts, str) or not all(isinstance(a, str) and (ACCOUNT.fullmatch(normalise(a)) or TEAM.fullmatch(normalise(a))) for a in accounts):
        raise OwnershipError("AANBOD_EDITORS moet een lijst zijn met GitHub-accounts of teams (organisatie/team), zonder spaties.")
    return [account.strip().removeprefix("@") for account in accounts]


@dataclass(frozen=True)
class Layout:
    """Where content sits in the repository: 'content', 'offers' grouped per provider, 'providers'."""

    content: PurePosixPath
    grouped: str
    owners: str
    merged: str = ""  # one file per provider with fields merged into its offers ('availability')

    @classmethod
    def of(cls, schema: CatalogueSchema, content: str) -> "Layout":
        owner = _owner_table(schema)
        grouped = schema.grouping.table if schema.grouping else None
        merged = grouped.merged.get("folder", "") if grouped else ""
        return cls(PurePosixPath(content), grouped.source["folder"] if grouped else "", owner.source["folder"] if owner else "", merged)

    def owner_of(self, path: str) -> str | None:
        """The provider a repository path belongs to, EDITORS for other content, None outside the content folder."""
        pure = PurePosixPath(path)
        try:
            parts = pure.relative_to(self.content).parts
        except ValueError:
            return None
        if len(parts) == 3 and parts[0] == self.grouped:
            return parts[1]
        if len(parts) == 2 and parts[0] in (self.owners, self.merged) and parts[0] and pure.suffix in (".yaml", ".yml"):
            return pure.stem
        return EDITORS


@dataclass
class OwnershipReport:
    problems: list[Problem]
    notices: list[Problem]


def check(author: str, changed: list[str], layout: Layout, base: dict[str, list[str]], proposed: dict[str, list[str]],
          editor_accounts: list[str]) -> OwnershipReport:
    """May ``author`` change these repository paths? ``base`` holds the maintainers before the change, ``proposed`` after it."""
    who = normalise(author)
    report = OwnershipReport([], [])
    if who in {normalise(account) for account in editor_accounts}:
        return report
    outside = [path for path in dict.fromkeys(changed) if layout.owner_of(path) is None]
    if outside:
        others = f" en {len(outside) - 1} andere bestanden zijn" if len(outside) > 1 else " is"
        report.notices.append(Problem(outside[0], 0, "", f"dit bestand{others} geen aanbod. De redactie beoordeelt die wijziging.", code="owners"))
    for path in dict.fromkeys(changed):
        owner = layout.owner_of(path)
        if owner is None:
            continue
        if owner == EDITORS:
            report.problems.append(Problem(path, 0, "", "alleen de redactie mag dit bestand veranderen.", code="owners"))
        elif owner in base:
            if who not in {normalise(account) for account in base[owner]}:
                report.problems.append(Problem(path, 0, "", (
                    f"dit bestand hoort bij de aanbieder '{owner}'. Jouw account ({author}) staat niet bij maintainers "
                    f"in {layout.content / layout.owners / owner}.yaml. Je mag alleen het aanbod van je eigen organisatie veranderen. "
                    "Hoort dit account erbij? Vraag een beheerder van die organisatie of de redactie om het toe te voegen."), code="owners"))
        elif who in {normalise(account) for account in proposed.get(owner, [])}:
            report.notices.append(Problem(path, 0, "", f"'{owner}' is een nieuwe aanbieder. De redactie kijkt mee voordat dit op de site komt.", code="owners"))
        else:
            report.problems.append(Problem(path, 0, "", (
                f"de aanbieder '{owner}' is nieuw. Zet je GitHub-account ({author}) bij maintainers "
                f"in {layout.content / layout.owners / owner}.yaml."), code="owners"))
    return report


HEADER = """\
# Wie een wijziging moet goedkeuren. Gemaakt met `make codeowners` uit de maintainers in
# {owners}/*.yaml en AANBOD_EDITORS. Verander dit bestand niet met de hand.
"""


def codeowners(layout: Layout, owners: dict[str, list[str]], editor_accounts: list[str]) -> str:
    """The CODEOWNERS file: the editors own everything; each provider's maintainers (and the editors) own its files."""
    editor_handles = " ".join(f"@{account}" for account in editor_accounts)
    lines = [HEADER.format(owners=layout.content / layout.owners).rstrip("\n")]
    if editor_handles:
        lines.append(f"* {editor_handles}")
    for provider in sorted(owners):
        accounts = [f"@{account}" for account in owners[provider]]
        if not accounts:
            continue
        handles = " ".join(accounts + ([editor_handles] if editor_handles else []))
        lines.append(f"/{layout.content / layout.owners / provider}.yaml {handles}")
        lines.append(f"/{layout.content / layout.grouped / provider}/ {handles}")
        if layout.merged:
            lines.append(f"/{layout.content / layout.merged / provider}.yaml {handles}")
    return "\n".join(lines) + "\n"
