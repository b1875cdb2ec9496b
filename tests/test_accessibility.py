"""WCAG 2.2 AA on every page type of the built sample site: axe-core in Debian's chromium, reflow at
320 px, no layout shift, pictograms that never stand alone, and buttons that need JavaScript
hidden without it."""

from __future__ import annotations

import pytest

from aanbod.content.catalogue import read_catalogue
from browser import browser_page
from conftest import REPOSITORY_SCHEMA, ROOT, soup
from inclusion import SHORTLIST_KEY, axe_violations, open_filters, page_types, search

pytestmark = pytest.mark.browser

OFFER = "fietsenwerkplaats-overvecht"  # wheelchair accessible, free, several contact details
LAYOUT_SHIFTS = """
    if (!window.__shifts) {
        window.__shifts = [];
        new PerformanceObserver(list => list.getEntries().forEach(entry => {
            if (!entry.hadRecentInput) window.__shifts.push(entry.value);
        })).observe({type: "layout-shift", buffered: true});
    }
"""



@pytest.fixture(scope="module")
def page(chromium_path):
    with browser_page(chromium_path) as page:
        yield page


@pytest.fixture(scope="module")
def urls(sample_site):
    found = page_types(sample_site)
    # A paused offer shows a notice and a different key fact: its own page type.
    paused = next(path for path in sorted((sample_site / "aanbod").glob("*/index.html")) if soup(path).select(".key-fact-paused"))
    found["aanbod/… (gepauzeerd)"] = f"/aanbod/{paused.parent.name}/"
    found["aanbod/… (rolstoel)"] = f"/aanbod/{OFFER}/"
    # Issue 6, the English interface: every page type again under /en/.
    found.update({f"en {name}": "/en" + path for name, path in page_types(sample_site / "en").items()})
    found["en aanbod/… (gepauzeerd)"] = f"/en/aanbod/{paused.parent.name}/"
    return found


def save_offers(page, site_url, ids):
    page.goto(f"{site_url}/404.html")
    page.evaluate("([key, ids]) => localStorage.setItem(key, JSON.stringify(ids))", [SHORTLIST_KEY, ids])


def test_every_page_type_is_found(urls):
    expected = {"home", "404", "zoeken", "lijstje", "data", "over", "aanbieders", "aanbod/…", "aanbieders/…",
                "soort/…", "wijk/…", "gemeente/…", "doelgroep/…", "aanbod/… (gepauzeerd)"}
    assert expected <= set(urls)
    assert {f"en {name}" for name in expected} <= set(urls)


def test_every_page_type_passes_axe(page, site_url, urls):
    failures = {}
    for name, path in urls.items():
        page.goto(site_url + path)
        violations = axe_violations(page)
        if violations:
            failures[name] = violations
    assert failures == {}
    assert page.foreign_requests == []


def test_search_with_results_and_filters_open_passes_axe(page, site_url):
    assert search(page, site_url, "fietsen")
    open_filters(page)
    assert axe_violations(page) == []
    assert page.foreign_requests == []


def test_filled_and_shared_shortlist_pass_axe(page, site_url):
    save_offers(page, site_url, [OFFER, "bestaat-niet-meer"])
    page.goto(f"{site_url}/lijstje/")
    page.wait_for_selector(".shortlist-item")
    assert page.locator(".shortlist-item").count() == 2
    assert axe_violations(page) == []
    page.goto(f"{site_url}/lijstje/?aanbod={OFFER}")
    page.wait_for_selector(".shortlist-item")
    assert page.get_by_role("button", name="Bewaar dit lijstje").is_visible()
    assert axe_violations(page) == []


def test_every_page_reflows_at_320_px(page, site_url, urls):
    """WCAG 1.4.10: at 320 CSS pixels nothing needs scrolling sideways."""
    save_offers(page, site_url, [OFFER])
    page.set_viewport_size({"width": 320, "height": 640})
    try:
        too_wide = {}
        for name, path in {**urls, "lijstje (gevuld)": "/lijstje/"}.items():
            page.goto(site_url + path)
            if name == "lijstje (gevuld)":
                page.wait_for_selector(".shortlist-item")
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 320:
                too_wide[name] = width
        assert too_wide == {}
    finally:
        page.set_viewport_size({"width": 390, "height": 844})


@pytest.mark.parametrize("path", ["/", f"/aanbod/{OFFER}/", "/soort/werk/", "/lijstje/"])
def test_pages_do_not_shift_while_loading(page, site_url, path):
    """No layout shift (CLS 0), also when a saved offer changes the save button's label on load."""
    page.add_init_script(LAYOUT_SHIFTS)
    save_offers(page, site_url, [OFFER])
    page.goto(site_url + path, wait_until="load")
    page.wait_for_timeout(500)
    if path.startswith("/aanbod/"):
        assert page.get_by_role("button", name="Haal uit mijn lijstje").is_visible()
    assert page.evaluate("window.__shifts") == []


def test_without_javascript_the_offer_page_hides_only_the_javascript_buttons(page, site_url):
    context = page.context.browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    try:
        plain = context.new_page()
        plain.goto(f"{site_url}/aanbod/{OFFER}/")
        assert not plain.get_by_role("button", name="Bewaar in mijn lijstje").is_visible()
        assert not plain.get_by_role("button", name="Lees voor").is_visible()
        assert plain.locator(".key-facts").is_visible()
        assert plain.get_by_role("heading", name="Zo meld je je aan").is_visible()
        plain.goto(f"{site_url}/lijstje/")
        assert "werkt alleen als JavaScript aan staat" in plain.locator("main").inner_text()
        assert not plain.get_by_role("button", name="Print lijstje").is_visible()
    finally:
        context.close()


# --- the HTML itself, no browser needed ---

def test_pictograms_are_hidden_from_screen_readers_and_never_alone(sample_site):
    checked = 0
    for path in sample_site.rglob("*.html"):
        for icon in soup(path).select("svg.icon"):
            assert icon.get("aria-hidden") == "true", path
            assert icon.parent.get_text(strip=True), f"pictogram without text in {path}"
            checked += 1
    assert checked > 100


def test_key_facts_show_kind_costs_referral_and_wheelchair_in_words(sample_site):
    catalogue, _ = read_catalogue(ROOT / "content", REPOSITORY_SCHEMA)
    kinds = {"werk": "Werk", "leren": "Leren", "doen": "Doen"}
    for offer in catalogue.published:
        path = sample_site / "aanbod" / offer.id / "index.html"
        facts = [item.get_text(strip=True) for item in soup(path).select(".offer .key-facts li")]
        assert facts[0] == kinds[offer.kind], path
        assert ("Verwijzing nodig" in facts) == offer.referral_required, path
        assert ("Zelf aanmelden" in facts) != offer.referral_required, path
        assert ("Toegankelijk met rolstoel" in facts) == ("rolstoel" in (offer.accessibility or ())), path
        assert ("Tijdelijk geen plek" in facts) == (offer.status == "gepauzeerd"), path
        assert ("Gratis" in facts) == offer.is_free, path


def test_cards_carry_the_same_key_facts(sample_site):
    cards = soup(sample_site / "soort/werk/index.html").select(".card")
    assert cards
    for card in cards:
        facts = [item.get_text(strip=True) for item in card.select(".key-facts li")]
        assert facts[0] == "Werk"
        assert "Verwijzing nodig" in facts or "Zelf aanmelden" in facts


def test_buttons_that_need_javascript_are_marked_and_hidden_without_it(sample_site):
    page = soup(sample_site / f"aanbod/{OFFER}/index.html")
    stylesheet = page.head.noscript.link["href"].split("/theme/", 1)[1]  # a file: the policy allows no inline style
    assert ".needs-js" in (sample_site / "theme" / stylesheet).read_text(encoding="utf-8")
    for button in page.select("main button"):
        assert button.find_parent(class_="needs-js"), button
    assert page.select_one("main .offer-tools [role=status]")


def test_example_banner_and_content_sit_in_landmarks(sample_site):
    page = soup(sample_site / "index.html")
    banner = page.select_one(".example-banner")
    assert banner.name == "aside" and banner.get("aria-label")
    body_children = [child for child in page.body.find_all(recursive=False) if child.name not in ("script", "noscript")]
    assert {child.name for child in body_children} <= {"a", "header", "aside", "main", "footer"}
    assert page.select_one("a.skip-link")["href"] == "#" + page.main["id"]
