"""Which inputs a page is made from, as one fingerprint, so a rebuild keeps the pages whose inputs did not change.

A page's fingerprint is the site's digest (``site_digest``: code, theme, schema, settings and the few facts
of the whole catalogue that pages show) plus the page's own: template, place, language and the records in
its context (aanbod/content/fingerprints.py). The build's today is in neither as a date: each offer's record
fingerprint holds what today decides for that offer (closures still to come, room still current), so a build
on a new day makes again only the pages of offers whose dated facts moved. Only the templates in CACHED_TEMPLATES
are fingerprinted: each of them, its partials and macros read nothing else (checked by hand when this
was written, and by tests/test_build_cache.py, which builds after each kind of change and compares with
a clean build). Any other page, and a page whose context holds a value this module does not know, is
written by every build; they are few (home, search, the data page, the form).
"""

from __future__ import annotations

import os
from dataclasses import is_dataclass
from datetime import date
from pathlib import Path

from ..build_cache import code_digest, digest, file_digest, folder_digest
from ..content.fingerprints import Fingerprints
from ..content.model import Catalogue, Offer, Provider
from ..content.schema import Term
from .pages.pagination import Link, Pagination

CACHED_TEMPLATES = frozenset({"offer", "withdrawn", "provider", "list"})
# Plain frozen dataclasses whose repr is their whole value.
PLAIN_RECORDS = (Term, Pagination, Link)


# Settings no data file reads: the build cache's own state, and where the theme lies (its files are in site_digest);
# and the build's today, which reaches each offer's fingerprint as the facts it decides for it
# (content/availability_view.dated_facts) and the calendars' keys (exports/ical.py), never the site's digest.
NOT_DATA_SETTINGS = frozenset({"AANBOD_BUILD_CACHE", "THEME", "AANBOD_TODAY"})


class Uncacheable(Exception):
    """A page context holds a value whose inputs this module cannot name."""


def plain(value):
    """A settings value as plain data for a digest; an object without a plain form counts by its type's name."""
    if isinstance(value, (str, int, float, bool, type(None), date)):
        return value
    if isinstance(value, os.PathLike):
        return os.fspath(value)
    if isinstance(value, dict):
        return tuple(sorted(((str(key), plain(item)) for key, item in value.items()), key=lambda pair: pair[0]))
    if isinstance(value, (list, tuple)):
        return tuple(plain(item) for item in value)
    if isinstance(value, (set, frozenset)):
        return tuple(sorted(repr(plain(item)) for item in value))
    return f"{type(value).__module__}.{type(value).__qualname__}"


def data_digest(settings: dict, settings_file: str) -> str:
    """What every data file and search record may hold that is not a record of its own: the code, the schema and
    the settings. Not the theme: a changed template leaves the data files and the search index."""
    return digest(
        code_digest(),
        plain({key: value for key, value in settings.items() if key.isupper() and key not in NOT_DATA_SETTINGS}),
        file_digest(Path(settings_file)) if settings_file else "-",
        folder_digest(Path(settings["AANBOD_SCHEMA_PATH"])),
    )


def site_digest(data: str, settings: dict, catalogue: Catalogue, content: Path) -> str:
    """Everything every page may show that is not a record of its own (``data`` from data_digest, the theme and
    its translations, the guide, the logo, the catalogue-wide facts): when it changes, every page is made again."""
    return digest(
        data,
        folder_digest(Path(settings["THEME"])),
        file_digest(Path(settings["AANBOD_CONTRIBUTING_FILE"])),
        file_digest(Path(settings["AANBOD_LOGO"])) if settings.get("AANBOD_LOGO") else "-",
        folder_digest(Path(content) / "pages"),
        catalogue.example_postcode,
    )


class PageFingerprints:
    def __init__(self, records: Fingerprints, site: str):
        self.records = records
        self.site = site

    def of(self, template: str, save_as: str, url: str, languages: tuple[str, ...], context: dict) -> dict[str, str] | None:
        """The page's fingerprint in each language, or None for a page every build writes."""
        if template not in CACHED_TEMPLATES:
            return None
        try:
            own = digest(self._value(context))  # once for all languages: the context is the same
        except Uncacheable:
            return None
        return {language: digest(self.site, template, save_as, url, language, own) for language in languages}

    def of_file(self, *what) -> str:
        """The fingerprint of a file made on this site from ``what``: names, plain values and records (as in a page's
        context). Raises Uncacheable for anything else."""
        return digest(self.site, self._value(what))

    def of_offers(self, name: str, offers, around: str) -> str:
        """The fingerprint of output made from these offers as a whole (the search index), named ``name``; ``around``
        is the digest of what else it is made from (data_digest)."""
        return digest(around, name, [self.records.offer(offer) for offer in offers])

    def _value(self, value):
        if isinstance(value, Offer):
            return ("offer", self.records.offer(value))
        if isinstance(value, Provider):
            return ("provider", self.records.provider(value))
        if isinstance(value, (str, int, float, bool, type(None))):
            return value
        if isinstance(value, (list, tuple)):
            return tuple(self._value(item) for item in value)
        if isinstance(value, dict):
            return tuple(sorted(((key, self._value(item)) for key, item in value.items()), key=lambda pair: pair[0]))
        if isinstance(value, PLAIN_RECORDS) and is_dataclass(value):
            return repr(value)
        raise Uncacheable(type(value).__name__)
