"""Defaults for every setting the plugin reads; pelicanconf.py overrides any of them."""

from __future__ import annotations

from .loading import DEFAULT_MAX_BYTES

DEFAULTS = {
    "AANBOD_SCHEMA_PATH": "schema",
    "AANBOD_MAX_FILE_BYTES": DEFAULT_MAX_BYTES,
    "AANBOD_DATA_DIR": "data",
    "AANBOD_SEARCH_INDEX": True,
    "AANBOD_EXAMPLE_DATA": False,
    "AANBOD_REGION": "regio Utrecht",
    # The build's 'today' (freshness, feeds). None: the date of the commit being built, so two
    # builds of one commit are identical; outside git, the machine's date.
    "AANBOD_TODAY": None,
    "OFFER_URL": "aanbod/{id}/",
    "OFFER_SAVE_AS": "aanbod/{id}/index.html",
    "PROVIDER_URL": "aanbieders/{id}/",
    "PROVIDER_SAVE_AS": "aanbieders/{id}/index.html",
    "PROVIDERS_URL": "aanbieders/",
    "PROVIDERS_SAVE_AS": "aanbieders/index.html",
    "TERM_URL": "{taxonomy}/{code}/",
    "TERM_SAVE_AS": "{taxonomy}/{code}/index.html",
    "SEARCH_URL": "zoeken/",
    "SEARCH_SAVE_AS": "zoeken/index.html",
    # Which taxonomies get list pages, and the URL folder of each (Dutch, for residents).
    "AANBOD_LIST_PAGES": {"kinds": "soort", "wijken": "wijk", "municipalities": "gemeente", "target_groups": "doelgroep"},
}


def with_defaults(settings: dict) -> dict:
    """Every default that ``settings`` does not set, added to it (in place, as Pelican expects)."""
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    return settings
