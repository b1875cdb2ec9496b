"""The interface in more than one language: Babel catalogues, compiled in memory, chosen per page.

Dutch is the source language: every message id is the Dutch text as it stands in the templates,
so the Dutch site needs no catalogue. Other languages read ``<folder>/<language>/LC_MESSAGES/messages.po``
and compile it at build time (no binary .mo file in the repository). Each page's context says which
language it is in (``lang``, or the Pelican page's own ``lang``); the gettext functions and the
helpers below read it from there, so one Jinja2 environment serves every language.

Offer and provider content is never translated: it stays as the provider wrote it.
"""

from __future__ import annotations

import gettext
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from jinja2 import pass_context
from markupsafe import Markup

DOMAIN = "messages"
LANGUAGE_NAMES = {"nl": "Nederlands", "en": "English"}  # each in its own language, for the switch


def read_translations(folder: Path, language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``language``; no translations (the Dutch ids) where it has none."""
    path = Path(folder) / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=language)
    compiled = BytesIO()
    # Fuzzy entries are guesses nobody checked: they are left out, so the Dutch text shows instead.
    write_mo(compiled, catalogue, use_fuzzy=False)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


class Languages:
    """The site's languages (the first is the default, at the root) and their translations."""

    def __init__(self, languages: list[str], folder: Path):
        self.codes = list(languages)
        self.default = self.codes[0]
        self.translations = {code: read_translations(folder, code) for code in self.codes[1:]}

    def prefix(self, language: str) -> str:
        """The URL folder of ``language``: '' for the default language, 'en/' for English."""
        return "" if language == self.default else f"{language}/"

    def of(self, context) -> str:
        """The language of the page being rendered."""
        language = context.get("lang")
        if not language:
            page = context.get("page")
            language = getattr(page, "lang", None) if page is not None and not isinstance(page, str) else None
        return language if language in self.codes else self.default

    def gettext(self, language: str, message: str) -> str:
        translations = self.translations.get(language)
        return translations.gettext(message) if translations else message

    def ngettext(self, language: str, singular: str, plural: str, count: int) -> str:
        translations = self.translations.get(language)
        if translations:
            return translations.ngettext(singular, plural, count)
        return singular if count == 1 else plural

    def jinja_callables(self) -> dict:
        """gettext and ngettext for Jinja2's i18n extension, in the language of each page."""

        @pass_context
        def context_gettext(context, message):
            return self.gettext(self.of(context), message)

        @pass_context
        def context_ngettext(context, singular, plural, count):
            return self.ngettext(self.of(context), singular, plural, count)

        return {"gettext": context_gettext, "ngettext": context_ngettext}

    def jinja_underscore(self):
        """``_()`` for templates: what Jinja's new-style gettext does, without its two context calls.

        Pages call ``_`` about forty times each, and Jinja's alias goes through ``gettext`` and our
        context-aware function (two more context calls per text). This does the same in one call:
        the text in the page's language, made markup-safe when the page escapes, then always
        formatted with its variables (so ``%%`` is ``%``, as in Jinja).
        """

        # A text without variables is the same on every page of one language: translated and formatted once.
        fixed: dict[tuple, str] = {}

        @pass_context
        def underscore(context, message, **variables):
            language, escaping = self.of(context), context.eval_ctx.autoescape
            if not variables and (language, message, escaping) in fixed:
                return fixed[language, message, escaping]
            text = self.gettext(language, message)
            if escaping:
                text = Markup(text)
            text = text % variables
            if not variables:
                fixed[language, message, escaping] = text
            return text

        return underscore
