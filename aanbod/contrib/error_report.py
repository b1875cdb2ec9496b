""""Klopt er iets niet?": the links on every offer and provider page, and who hears about a report.

No backend: the link opens a new GitHub issue with the title, body and labels filled in, and the
same text goes in an e-mail to the editors for people without a GitHub account. The body names
the file (``Bestand: content/offers/<provider>/<id>.yaml``); a workflow reads that line back with
``provider_of`` and mentions the provider's maintainers (``mention``), so the right people hear it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from urllib.parse import quote, urlencode

from .ownership import EDITORS, Layout

LABEL = "klopt-er-iets-niet"
PROVIDER_LABEL = "aanbieder:{provider}"
# The body starts with this line, so a workflow can tell a report from any other issue without trusting labels
# (GitHub drops the labels of a new-issue link for people who may not label).
MARKER = "<!-- aanbod: klopt-er-iets-niet -->"
FILE_LINE = re.compile(r"^\*\*Bestand:\*\* `([A-Za-z0-9._/-]{1,300})`\s*$", re.MULTILINE)

QUESTIONS = (
    "**Wat klopt er niet?**",
    "",
    "",
    "**Wat moet het zijn?**",
    "",
    "",
    "**Hoe weet je dat?** (bijvoorbeeld: ik heb gebeld, het staat op hun website)",
    "",
)


@dataclass(frozen=True)
class ReportLinks:
    title: str
    body: str
    github: str  # "" when the site has no repository (AANBOD_REPOSITORY_URL)
    mailto: str


def body(name: str, item_id: str, page: str, path: str) -> str:
    return "\n".join((
        MARKER,
        f"**Over:** {name} (`{item_id}`)",
        f"**Pagina:** {page}",
        f"**Bestand:** `{path}`",
        "",
        *QUESTIONS,
    ))


def links(name: str, item_id: str, provider_id: str, page: str, path: str, repository_url: str, editors_email: str) -> ReportLinks:
    """The new-issue link (title, body, labels) and the e-mail with the same text; every value URL-encoded."""
    title = f"Klopt er iets niet? {name}"
    text = body(name, item_id, page, path)
    github = ""
    if repository_url:
        labels = f"{LABEL},{PROVIDER_LABEL.format(provider=provider_id)}"
        github = f"{repository_url.rstrip('/')}/issues/new?" + urlencode({"title": title, "body": text, "labels": labels}, quote_via=quote)
    # mailto (RFC 6068): spaces as %20, never '+', and line breaks as %0D%0A.
    mail_body = text.replace(MARKER + "\n", "").replace("**", "").replace("\n", "\r\n")
    mailto = f"mailto:{editors_email}?" + urlencode({"subject": title, "body": mail_body}, quote_via=quote)
    return ReportLinks(title, text, github, mailto)


def repository_path(source_path: str, content: Path, repository_content: str) -> str:
    """A content file as a path inside the repository (AANBOD_REPOSITORY_CONTENT), wherever the build runs."""
    relative = _below(Path(source_path), Path(content))
    if relative is None:
        try:  # named another way (a link to the folder, a relative path): compare where both really are
            relative = Path(source_path).resolve().relative_to(_resolved(str(content)))
        except ValueError:
            return Path(source_path).as_posix()
    return (PurePosixPath(repository_content) / relative.as_posix()).as_posix()


def _below(path: Path, folder: Path) -> Path | None:
    """``path`` relative to ``folder`` as written, without asking the file system (the loader names every file below
    the content folder it walked: two resolves per offer page were 0.6 s at 10,000 offers); None otherwise."""
    try:
        relative = path.relative_to(folder)
    except ValueError:
        return None
    return None if ".." in relative.parts else relative


@lru_cache(maxsize=8)
def _resolved(folder: str) -> Path:
    return Path(folder).resolve()


def provider_of(issue_body: str, layout: Layout) -> str | None:
    """The provider whose file a report names, or None for an issue that is no report (or names no provider's file)."""
    if MARKER not in (issue_body or ""):
        return None
    found = FILE_LINE.search(issue_body)
    if not found or ".." in found.group(1):
        return None
    owner = layout.owner_of(found.group(1))
    return owner if owner and owner != EDITORS else None


def mention(provider_id: str, provider_name: str, maintainers: list[str], editors: list[str]) -> str:
    """The comment that tells the provider's maintainers (else the editors) about a report."""
    handles = " ".join(f"@{account}" for account in maintainers or editors)
    if not maintainers:
        text = (f"er is een melding over {provider_name} (`{provider_id}`), maar deze aanbieder heeft nog geen maintainers. "
                "Kan de redactie ernaar kijken?")
        return f"{handles}: {text}" if handles else text[:1].upper() + text[1:]
    return (f"{handles}: iemand denkt dat er iets niet klopt bij {provider_name}. Kun je ernaar kijken? "
            "Klopt de melding, pas dan het bestand aan met een pull request en zet `verified_on` op vandaag. "
            "Klopt alles wel, schrijf dat dan hier en sluit de melding.")
