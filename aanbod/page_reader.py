"""Pelican reader for content/pages/*.md with the same safe Markdown as offers.

Pages arrive through pull requests too, so they get no raw HTML either, and are read as
content files are: never through a link, never from outside the content folder (Pelican
itself follows links when it looks for pages). Metadata is the usual Pelican header:
'Key: value' lines up to the first blank line.
"""

from __future__ import annotations

import os
import sys

from pelican.readers import BaseReader

from .loading import RefusedFile, read_content
from .markup import render_markdown
from .problems import Problem


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
        for line in header.splitlines():
            name, separator, value = line.partition(":")
            if not separator or not name.strip().isidentifier():
                body = text
                metadata = {}
                break
            key = name.strip().lower()
            metadata[key] = self.process_metadata(key, value.strip())
        return str(render_markdown(body)), metadata

    @staticmethod
    def _stop(source_path, message: str):
        """The build is the edge, as for offers: the message with file and line, then stop without a traceback."""
        print(Problem(os.path.relpath(source_path), 1, "", message).format(), file=sys.stderr)
        raise SystemExit(1)
