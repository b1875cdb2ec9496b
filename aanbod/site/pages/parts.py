"""The parts of a page as macros of template modules made once per language and site URL, not once per page.

An ``{% include %}`` costs every page a new template context (a copy of Pelican's whole context, with all
settings), a look at the template file's modification time, and, for a partial that imports macros ``with
context``, that import again: an offer page paid this six times. A macro of a module made once per language
and site URL (which differs by folder depth with RELATIVE_URLS) costs a call.

The module is made from the site's context (settings, catalogue), the language and the site URL, never
from a page's: whatever a part shows of an offer or provider comes in as a macro argument, so one page's
values cannot end up on another. A macro without arguments (the buttons and texts that are the same on every
page of one language) is rendered once per language and site URL, like the header (``shared``).
"""

from __future__ import annotations

from typing import Any, Callable, Mapping


class PageParts:
    def __init__(self, make_module: Callable[[str, dict], Any], site_context: Mapping[str, Any]):
        """``make_module(template name, variables)``: the template's module; ``site_context``: the variables every
        page shares (read when a module is first made, so it may still be filled in after this)."""
        self._make_module = make_module
        self._site_context = site_context
        self._modules: dict[tuple[str, str, str], Any] = {}
        self._shared: dict[tuple[str, str, str, str], Any] = {}

    def module(self, name: str, language: str, siteurl: str):
        """The module of template ``name`` for pages in ``language`` at ``siteurl``."""
        key = (name, language, siteurl)
        if key not in self._modules:
            self._modules[key] = self._make_module(name, {**self._site_context, "lang": language, "SITEURL": siteurl})
        return self._modules[key]

    def shared(self, name: str, macro: str, language: str, siteurl: str):
        """What the macro ``macro`` of template ``name``, which takes no arguments, makes for ``language`` at ``siteurl``."""
        key = (name, macro, language, siteurl)
        if key not in self._shared:
            self._shared[key] = getattr(self.module(name, language, siteurl), macro)()
        return self._shared[key]
