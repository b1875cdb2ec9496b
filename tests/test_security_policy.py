"""The Content-Security-Policy: on every page, nothing inline that it would block, and no violation in chromium.

The browser test records every ``securitypolicyviolation`` event and every console message about
the policy while it opens each page type and uses what reaches another host (the map's tiles, the
postcode lookup); one event fails the test.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
from bs4 import BeautifulSoup

from aanbod import security
from browser import browser_page
from conftest import ROOT

DATA_ISLANDS = {"application/json", "application/ld+json"}

RECORDER = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


def _pages(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html") if "pagefind" not in path.relative_to(site).parts)


def test_every_page_carries_the_policy_first_and_the_referrer_policy(sample_site):
    pages = _pages(sample_site)
    assert len(pages) > 100
    for path in pages:
        head = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").head
        first, second = head.find_all("meta")[1:3]
        assert first.get("http-equiv") == "Content-Security-Policy", path
        assert first["content"] == security.CONTENT_SECURITY_POLICY, path
        assert (second.get("name"), second.get("content")) == ("referrer", "strict-origin-when-cross-origin"), path


def test_the_policy_allows_self_the_two_opt_in_hosts_and_wasm_only():
    directives = dict(part.split(" ", 1) for part in security.CONTENT_SECURITY_POLICY.split("; "))
    assert directives == {
        "default-src": "'self'",
        "script-src": "'self' 'wasm-unsafe-eval'",
        "style-src": "'self'",
        "img-src": "'self' https://tile.openstreetmap.org",
        "connect-src": "'self' https://api.pdok.nl",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
    }


def test_the_allowed_hosts_are_the_ones_the_scripts_use(sample_site):
    """A script that starts using another host (or a fork's other tile server) must fail here, not on the site."""
    used = set()
    for script in (ROOT / "theme/static/js").glob("*.js"):
        text = script.read_text(encoding="utf-8")
        text = re.sub(r'href="https://[^"]*"', "", text)  # links a person follows are not requests
        used.update(f"https://{urlparse(url).hostname}" for url in re.findall(r"https://[^\s\"'`]+", text))
    home = BeautifulSoup((sample_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    published = home.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    allowed = {source for part in published.split("; ") for source in part.split()[1:] if source.startswith("https://")}
    assert used == allowed == {security.TILE_SERVER, security.POSTCODE_SERVICE}


def test_no_page_has_inline_script_style_or_event_handlers(sample_site):
    for path in _pages(sample_site):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for script in page.find_all("script"):
            assert script.get("src") or script.get("type") in DATA_ISLANDS, (path, str(script)[:200])
        assert not page.find_all("style"), path
        for element in page.find_all(True):
            assert "style" not in element.attrs, (path, element.name)
            assert not [name for name in element.attrs if name.lower().startswith("on")], (path, element.name)


def test_scripts_write_no_inline_style_or_handlers():
    """What scripts put into the page must pass the policy too: no style attributes, no on* markup."""
    for script in (ROOT / "theme/static/js").glob("*.js"):
        text = script.read_text(encoding="utf-8")
        assert not re.search(r"""setAttribute\(\s*["'](style|on\w+)["']""", text), script
        assert not re.search(r"""\bstyle=|\son\w+=["']""", text), script
        assert "eval(" not in text and "new Function" not in text, script


# --- in chromium ---

@pytest.fixture
def checked_page(chromium_path):
    """A page that records policy violations, console reports about the policy, and script errors."""
    with browser_page(chromium_path) as page:
        page.add_init_script(RECORDER)
        page.reports = []
        page.on("console", lambda message: page.reports.append(message.text) if "Content Security Policy" in message.text else None)
        page.on("pageerror", lambda error: page.reports.append(str(error)))
        yield page


def _violations(page) -> list[str]:
    return page.evaluate("window.__violations") + page.reports


def _visit(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("networkidle")


def _searched(page, url: str) -> int:
    """Open a search URL and wait for its first update (the page counts them); the number of result cards."""
    page.goto(url)
    # A blocked script never updates: stop at the first violation instead of waiting for the timeout.
    page.wait_for_function("() => Number(document.getElementById('search').dataset.updates || 0) > 0 || window.__violations.length")
    assert _violations(page) == [], url
    return page.locator(".finder-card").count()


@pytest.mark.browser
def test_the_recorder_sees_a_violation(site_url, checked_page):
    """The browser test below is only worth something if a blocked inline script and image are reported."""
    _visit(checked_page, f"{site_url}/")
    checked_page.evaluate("""() => {
        const script = document.createElement("script");
        script.textContent = "window.ran = true";
        document.body.append(script);
        document.body.append(Object.assign(document.createElement("img"), { src: "https://elders.example/x.png" }));
    }""")
    checked_page.wait_for_function("window.__violations.length >= 2")
    assert checked_page.evaluate("window.ran") is None
    found = " ".join(_violations(checked_page))
    assert "script-src" in found and "img-src" in found


@pytest.mark.browser
def test_every_page_type_loads_without_a_violation(site_url, checked_page, catalogue):
    page = checked_page
    offer = next(offer for offer in catalogue.published if offer.id == "kringloop-leidsche-rijn")
    withdrawn = next(offer for offer in catalogue.offers if offer.status == "ingetrokken")
    saved = ",".join(offer.id for offer in catalogue.published[:2])
    paths = [
        "/", "/soort/werk/", "/wijk/overvecht/", f"/aanbieders/{offer.provider}/", "/aanbieders/", "/data/",
        "/aanbod-aanmelden/", "/404.html", f"/lijstje/?aanbod={saved}", "/aanbod-toevoegen/", "/redactie/actualiteit/",
        f"/aanbod/{withdrawn.id}/", "/over/", "/en/", "/en/soort/werk/", f"/en/aanbod/{offer.id}/", f"/en/lijstje/?aanbod={saved}",
        "/en/over/",
    ]
    for path in paths:
        _visit(page, site_url + path)
        assert _violations(page) == [], path

    # An offer page with its map open: Leaflet from this site, tiles from the allowed tile server.
    _visit(page, f"{site_url}/aanbod/{offer.id}/")
    with page.expect_event("requestfailed", lambda request: "tile.openstreetmap.org" in request.url):
        page.get_by_role("button", name="Toon op de kaart").click()
    page.wait_for_selector(".leaflet-marker-icon")
    assert _violations(page) == []
    assert all(urlparse(url).hostname == "tile.openstreetmap.org" for url in page.foreign_requests)


@pytest.mark.browser
def test_search_finds_results_under_the_policy(site_url, checked_page):
    page = checked_page
    looked_up = []
    page.route("https://api.pdok.nl/**", lambda route: looked_up.append(route.request.url) or route.fulfill(
        json={"response": {"numFound": 1, "docs": [{"centroide_ll": "POINT(5.1162 52.1121)"}]}}))

    assert _searched(page, f"{site_url}/zoeken/?q=fietsen") > 0  # Pagefind's WebAssembly ran
    assert _searched(page, f"{site_url}/zoeken/?q=werk&soort=werk&wijk=overvecht") > 0
    assert _searched(page, f"{site_url}/en/zoeken/?q=fietsen") > 0
    assert _violations(page) == []

    # The postcode service, asked only after the click, is an allowed connection.
    _searched(page, f"{site_url}/zoeken/?q=fietsen")
    page.locator("[data-nearby] > summary").click()
    page.get_by_label("Of vul je postcode in").fill("3562jw")
    before = int(page.get_attribute("#search", "data-updates"))
    page.get_by_role("button", name="Zoek op postcode").click()
    page.wait_for_function("n => Number(document.getElementById('search').dataset.updates) > n", arg=before)
    assert len(looked_up) == 1
    # The result map: Leaflet and tiles.
    with page.expect_event("requestfailed", lambda request: "tile.openstreetmap.org" in request.url):
        page.get_by_role("button", name="Toon de resultaten op de kaart").click()
    page.wait_for_selector(".leaflet-marker-icon")
    assert _violations(page) == []
