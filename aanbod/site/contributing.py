"""The contributing guide on the site: CONTRIBUTING.md itself, so the two never drift apart.

The site shows the part above the line ``<!-- alleen op GitHub -->`` (the rest is for people
working in the repository); its first heading becomes the page title.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..content.loading import RefusedFile, read_content

MARKER = "<!-- alleen op GitHub -->"


@dataclass(frozen=True)
class Guide:
    title: str
    body: str  # Markdown, without the title


class GuideError(Exception):
    """The guide is there but may not be read (a link, not a plain file); the text says where and why."""


def read_guide(path: Path) -> Guide | None:
    """The site's part of the guide, or None when there is no guide to show.

    It is read as content is, never through a link: a pull request could otherwise make it
    point at any file on the build machine and publish that.
    """
    try:
        text = read_content(Path(path), max_bytes=None).decode("utf-8-sig")
    except RefusedFile as refused:
        raise GuideError(f"{path}:1: {refused.message[:1].upper()}{refused.message[1:]}") from None
    except OSError:
        return None
    text = text.replace("\r\n", "\n").split(MARKER, 1)[0]
    lines = text.strip("\n").split("\n")
    if lines and lines[0].startswith("# "):
        return Guide(lines[0][2:].strip(), "\n".join(lines[1:]).strip("\n") + "\n")
    return Guide("Aanbod toevoegen", "\n".join(lines).strip("\n") + "\n")
