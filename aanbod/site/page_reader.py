"""Pelican reader for content/pages/*.md with the same safe Markdown as offers.

Pages arrive through pull requests too, so they get no raw HTML either, and are read as
content files are: never through a link, never from outside the content folder (Pelican
itself follows links when it looks for pages). Metadata is the usual Pelican header:
'Key: value' lines up to the first blank line, limited to the keys a page needs: others
(Save_as, Url, Template, Status, ...) would let a pull request choose where and how
Pelican writes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from pelican.readers import BaseReader

from ..content.loading import RefusedFile, read_content
from ..content.markup import render_markdown
from ..problems import Problem
from ..content.validation import _display

METADATA = ("title", "slug", "lang", "summary")
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


class SafeMarkdownReader(BaseReader):
    enabled = True
    file_extensions = ["md", "markdown"]

    def read(self, source_path):
        try:
            text = read_content(source_path, self.settings["PATH"], max_bytes=None).decode("utf-8-sig")
        except RefusedFile as refused:
            self._stop(source_path, refused.message)
        except UnicodeDecodeError:
            self._stop(source_path, "het bestand is niet opgeslagen als UTF-8. Sla het op als UTF-8 en probeer het opnieuw.")
        header, _, body = text.partition("\n\n")
        metadata = {}
        for number, line in enumerate(header.splitlines(), start=1):
            name, separator, value = line.partition(":")
            if not separator or not name.strip().isidentifier():
                body = text
                metadata = {}
                break
            key = name.strip().lower()
            if key not in METADATA:
                self._stop(source_path, f"dit veld kan hier niet. Gebruik alleen: {', '.join(k.capitalize() for k in METADATA)}.", number, name.strip())
            if key == "slug" and not SLUG.fullmatch(value.strip()):
                self._stop(source_path, "gebruik alleen kleine letters, cijfers en streepjes, zoals 'over-ons'.", number, name.strip())
            metadata[key] = self.process_metadata(key, value.strip())
        return str(render_markdown(body)), metadata

    @staticmethod
    def _stop(source_path, message: str, line: int = 1, field: str = ""):
        """The build is the edge, as for offers: the message with file and line, then stop without a traceback."""
        print(Problem(_display(Path(source_path)), line, field, message).format(), file=sys.stderr)
        raise SystemExit(1)
