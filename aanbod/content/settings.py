"""Defaults for every setting the plugin reads; pelicanconf.py overrides any of them."""

from __future__ import annotations

from .loading import DEFAULT_MAX_BYTES
from ..security import CONTENT_SECURITY_POLICY, REFERRER_POLICY

DEFAULTS = {
    "AANBOD_SCHEMA_PATH": "schema",
    "AANBOD_MAX_FILE_BYTES": DEFAULT_MAX_BYTES,
    "AANBOD_DATA_DIR": "data",
    # --- Open data: who publishes it and where; absolute URLs in DCAT, feeds and JSON-LD start here ---
    "AANBOD_PUBLIC_URL": "https://openaanbod.example.nl",
    # The publisher and authority for data.overheid.nl: an organisation URI from the DONL list.
    "AANBOD_PUBLISHER": {"name": "Gemeente Utrecht", "uri": "http://standaarden.overheid.nl/owms/terms/Utrecht_(gemeente)"},
    "AANBOD_CONTACT": {"name": "Open Aanbod", "email": "opendata@openaanbod.example.nl"},
    "AANBOD_PROVINCE": "Utrecht",
    "AANBOD_SEARCH_INDEX": True,
    # Processes that render pages: None for one per core; 1 renders every page in the build's own process.
    "AANBOD_WORKERS": None,
    # Leaflet's dist folder as npm installs it; the build copies it into the site for the maps.
    "AANBOD_MAP_LIBRARY": "node_modules/leaflet/dist",
    "AANBOD_EXAMPLE_DATA": False,
    "AANBOD_REGION": "regio Utrecht",
    # The build's 'today' (freshness, feeds). None: the date of the commit being built, so two
    # builds of one commit are identical; outside git, the machine's date.
    "AANBOD_TODAY": None,
    # The build cache (aanbod/build_cache.py, issue 10): a rebuild keeps what did not change. Relative to the
    # repository; "" or None: no cache, every build makes every file.
    "AANBOD_CACHE_PATH": ".cache/build",
    # The interface languages (issue 6): the first at the root, each other one under its own folder (en/).
    "AANBOD_LANGUAGES": ["nl", "en"],
    "OFFER_URL": "aanbod/{id}/",
    "OFFER_SAVE_AS": "aanbod/{id}/index.html",
    "PROVIDER_URL": "aanbieders/{id}/",
    "PROVIDER_SAVE_AS": "aanbieders/{id}/index.html",
    "PROVIDERS_URL": "aanbieders/",
    "PROVIDERS_SAVE_AS": "aanbieders/index.html",
    "TERM_URL": "{taxonomy}/{code}/",
    "TERM_SAVE_AS": "{taxonomy}/{code}/index.html",
    # A list page shows this many offers; the rest follow on numbered pages (issue 10: a list of thousands
    # of cards is unusable on a phone). Page 1 is TERM_URL itself.
    "AANBOD_LIST_PAGE_SIZE": 50,
    "TERM_PAGE_URL": "{taxonomy}/{code}/pagina/{number}/",
    "TERM_PAGE_SAVE_AS": "{taxonomy}/{code}/pagina/{number}/index.html",
    "SEARCH_URL": "zoeken/",
    "SEARCH_SAVE_AS": "zoeken/index.html",
    # "Mijn lijstje": saved offers, shared as a link and printed as a handout; its data files sit beside it.
    "SHORTLIST_URL": "lijstje/",
    "SHORTLIST_SAVE_AS": "lijstje/index.html",
    # Which taxonomies get list pages, and the URL folder of each (Dutch, for residents).
    "AANBOD_LIST_PAGES": {"kinds": "soort", "wijken": "wijk", "municipalities": "gemeente", "target_groups": "doelgroep"},
    # --- Contributing (issue 5): freshness, the guide and form for providers, ownership, the region's look ---
    # Offers verified longer ago than this get a warning in the build and in pull requests...
    "AANBOD_STALE_AFTER_MONTHS": 6,
    # ...and longer ago than this are not published until the provider verifies them again.
    "AANBOD_EXPIRE_AFTER_MONTHS": 12,
    # Whether there is room (content/availability/) checked longer ago than this is not repeated: the site says it does
    # not know for sure, with the date, and the offer leaves the filter "Er is plek" (issue 14).
    "AANBOD_AVAILABILITY_WEEKS": 6,
    # The contributing guide; the site shows the part above the line "<!-- alleen op GitHub -->".
    "AANBOD_CONTRIBUTING_FILE": "CONTRIBUTING.md",
    # Where providers open pull requests; the form opens "<url>/new/<branch>?filename=..." there. "" hides that button.
    "AANBOD_REPOSITORY_URL": "",
    "AANBOD_REPOSITORY_BRANCH": "main",
    # The content folder as a path inside the repository, for the file names the form proposes.
    "AANBOD_REPOSITORY_CONTENT": "content",
    # GitHub accounts or teams (organisation/team) that may change every file: they own everything in CODEOWNERS.
    "AANBOD_EDITORS": [],
    # Where a provider writes to the editors, e.g. when the organisation is not in the list yet (form and guide).
    "AANBOD_EDITORS_EMAIL": "redactie@openaanbod.example.nl",
    # Colours of the region: CSS custom properties of site.css (brand, brand-dark, accent, focus, ...) and a new value each.
    "AANBOD_COLOURS": {},
    # An image file (SVG, PNG, JPEG or WebP) shown next to the site name; None for the name alone.
    "AANBOD_LOGO": None,
    # The fork's repository: a file the build publishes from a setting (the logo) must lie inside it.
    # None: the folder of the settings file (pelicanconf.py).
    "AANBOD_REPOSITORY_ROOT": None,
    "CONTRIBUTE_URL": "aanbod-toevoegen/",
    "CONTRIBUTE_SAVE_AS": "aanbod-toevoegen/index.html",
    "FORM_URL": "aanbod-aanmelden/",
    "FORM_SAVE_AS": "aanbod-aanmelden/index.html",
    # The freshness report for editors: a page, and a CSV beside it.
    "FRESHNESS_URL": "redactie/actualiteit/",
    "FRESHNESS_SAVE_AS": "redactie/actualiteit/index.html",
    "FRESHNESS_CSV": "redactie/actualiteit.csv",
    # New offers that look like existing ones (the same offer twice?): listed on the freshness page and in this CSV.
    "LOOKALIKES_CSV": "redactie/lijkt-op.csv",
    # Readability and completeness of every published offer (issue 16), beside the freshness page.
    "QUALITY_CSV": "redactie/kwaliteit.csv",
    # --- Keeping the catalogue true (issue 16): `python -m aanbod links` and the editors' report ---
    # Results per URL and e-mail domain with the day they were found; good ones are trusted this many days.
    "AANBOD_LINKS_CACHE": ".cache/links/cache.json",
    "AANBOD_LINKS_MAX_AGE_DAYS": 7,
    # The broken links and addresses the last check found; the freshness page shows them when the file is there.
    "AANBOD_LINKS_REPORT": ".cache/links/rapport.json",
    # Seconds to wait for a website or a DNS answer, and between two requests to one host (politeness).
    "AANBOD_LINKS_TIMEOUT": 10,
    "AANBOD_LINKS_INTERVAL": 1,
    # The DNS server for e-mail domains and website hosts: "" for the machine's own; tests use a stand-in on 127.0.0.1.
    "AANBOD_DNS_SERVER": "",
    "AANBOD_DNS_PORT": 53,
    # The Content-Security-Policy and Referrer-Policy of every page (meta tags); see aanbod/security.py.
    "AANBOD_CONTENT_SECURITY_POLICY": CONTENT_SECURITY_POLICY,
    "AANBOD_REFERRER_POLICY": REFERRER_POLICY,
}


def with_defaults(settings: dict) -> dict:
    """Every default that ``settings`` does not set, added to it (in place, as Pelican expects)."""
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    return settings
