"""Small, safe size savings on the theme's own static files in the built site.

Comments in site.css and in our JavaScript document them for maintainers; a phone should not
download them (a first search has a byte budget). Only our own files pass through here (no
untrusted input). CSS loses its /* */ comments; JavaScript loses only whole-line // comments
outside template literals, which cannot change what the code does.
"""

from __future__ import annotations

import re
from pathlib import Path

_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_BLANK_LINES = re.compile(r"\n\s*\n+")


def compact_css(text: str) -> str:
    return _BLANK_LINES.sub("\n", _COMMENT.sub("", text)).strip() + "\n"


def compact_js(text: str) -> str:
    kept, in_template = [], False
    for line in text.splitlines(keepends=True):
        if not in_template and line.lstrip().startswith("//"):
            continue
        kept.append(line)
        in_template ^= (line.count("`") - line.count("\\`")) % 2 == 1
    return "".join(kept)


def _compact(folder: Path, pattern: str, compact) -> int:
    saved = 0
    for path in sorted(Path(folder).rglob(pattern)):
        before = path.read_text(encoding="utf-8")
        after = compact(before)
        if after != before:
            path.write_text(after, encoding="utf-8")
            saved += len(before.encode()) - len(after.encode())
    return saved


def compact_theme(theme_static: Path) -> int:
    """Compact the theme's stylesheets and scripts in the output, in place; returns the bytes saved."""
    return _compact(Path(theme_static) / "css", "*.css", compact_css) + _compact(Path(theme_static) / "js", "*.js", compact_js)
