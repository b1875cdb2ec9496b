"""The contributing guide on the site: CONTRIBUTING.md itself, so the two never drift apart.

The site shows the part above the line ``<!-- alleen op GitHub -->`` (the rest is for people
working in the repository); its first heading becomes the page title.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MARKER = "<!-- alleen op GitHub -->"


@dataclass(frozen=True)
class Guide:
    title: str
    body: str  # Markdown, without the title


def read_guide(path: Path) -> Guide | None:
    """The site's part of the guide, or None when there is no guide to show."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError:
        return None
    text = text.replace("\r\n", "\n").split(MARKER, 1)[0]
    lines = text.strip("\n").split("\n")
    if lines and lines[0].startswith("# "):
        return Guide(lines[0][2:].strip(), "\n".join(lines[1:]).strip("\n") + "\n")
    return Guide("Aanbod toevoegen", "\n".join(lines).strip("\n") + "\n")
