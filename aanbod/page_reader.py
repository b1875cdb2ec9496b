"""Pelican reader for content/pages/*.md with the same safe Markdown as offers.

Pages arrive through pull requests too, so they get no raw HTML either. Metadata is the
usual Pelican header: 'Key: value' lines up to the first blank line.
"""

from __future__ import annotations

from pelican.readers import BaseReader

from .markup import render_markdown


class SafeMarkdownReader(BaseReader):
    enabled = True
    file_extensions = ["md", "markdown"]

    def read(self, source_path):
        with open(source_path, encoding="utf-8-sig") as handle:
            text = handle.read()
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
