"""Templates without their indentation: the HTML of 40,000 pages need not carry the source's layout.

Indentation makes the templates readable, but it was about a tenth of every page. The loader
strips the leading spaces of each line of a template's source before Jinja compiles it, so the
data is never touched and a line break (whitespace in HTML) stays where it was: the pages render
the same. A template with preformatted text (``<pre>``, ``<textarea>``) keeps its source as written.
"""

from __future__ import annotations

import re

from jinja2 import BaseLoader

_INDENT = re.compile(r"^[ \t]+", re.MULTILINE)
_PREFORMATTED = re.compile(r"<(pre|textarea)\b")


def compact(source: str) -> str:
    if _PREFORMATTED.search(source):
        return source
    return _INDENT.sub("", source)


class CompactLoader(BaseLoader):
    """Any Jinja loader's templates, compacted."""

    def __init__(self, loader: BaseLoader):
        self.loader = loader

    def get_source(self, environment, template):
        source, filename, uptodate = self.loader.get_source(environment, template)
        return compact(source), filename, uptodate

    def list_templates(self):
        return self.loader.list_templates()
