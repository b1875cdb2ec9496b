"""The Content-Security-Policy and Referrer-Policy of every page, as ``<meta>`` tags in base.html.

A static site cannot send headers, so the policy travels in the page. Scripts, styles, images,
fonts and data come from the site itself. Two other hosts are allowed, each only for what the
resident asks for: map tiles (img-src) once "Toon op de kaart" is pressed (theme/static/js/map.js),
and the postcode service (connect-src) once a postcode is typed for "Bij jou in de buurt"
(theme/static/js/nearby.js). A static meta tag cannot change per click, so those origins are in
the policy on every page, and nothing else is. Pagefind compiles WebAssembly, which needs
'wasm-unsafe-eval' (not 'unsafe-eval': JavaScript's eval stays blocked). JSON data islands
(application/json, application/ld+json) are data, not script, and need no exception.
"""

from __future__ import annotations

TILE_SERVER = "https://tile.openstreetmap.org"
POSTCODE_SERVICE = "https://api.pdok.nl"

# strict-origin-when-cross-origin: another host learns at most our origin, never the path or the
# search query (which can say something about a resident), and nothing over plain http. Not
# no-referrer: OpenStreetMap's tile servers refuse tile requests without a Referer. The postcode
# lookup sends none at all (nearby.js asks fetch for referrerPolicy "no-referrer").
REFERRER_POLICY = "strict-origin-when-cross-origin"


def content_security_policy(tile_server: str = TILE_SERVER, postcode_service: str = POSTCODE_SERVICE) -> str:
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", "'wasm-unsafe-eval'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", tile_server],
        "connect-src": ["'self'", postcode_service],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # The only forms are the search forms (GET to our own search page).
        "form-action": ["'self'"],
    }
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


CONTENT_SECURITY_POLICY = content_security_policy()
