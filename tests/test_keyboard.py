"""Keyboard-only walk-throughs in Debian's chromium: the skip link, visible focus on every stop,
search, filters and "Mijn lijstje", without ever touching the mouse."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from inclusion import RESULT_LINKS, SHORTLIST_KEY, focused, result_urls, tab_until

pytestmark = pytest.mark.browser

OFFER = "fietsenwerkplaats-overvecht"
SECOND = "taalcafe-kanaleneiland"


def saved(page) -> list[str]:
    return json.loads(page.evaluate(f"localStorage.getItem('{SHORTLIST_KEY}') || '[]'"))


def title_of(page) -> str:
    return page.locator("h1").inner_text()


def test_skip_link_comes_first_and_jumps_to_the_content(page, site_url):
    page.goto(f"{site_url}/aanbod/{OFFER}/")
    page.keyboard.press("Tab")
    first = focused(page)
    assert first["text"] == "Ga direct naar de inhoud" and first["visible"]
    page.keyboard.press("Enter")
    assert focused(page)["id"] == "inhoud"
    page.keyboard.press("Tab")
    assert page.evaluate("document.querySelector('main').contains(document.activeElement)")


@pytest.mark.parametrize("path", ["/", f"/aanbod/{OFFER}/"])
def test_every_tab_stop_is_visible_and_the_walk_reaches_the_footer(page, site_url, path):
    page.goto(site_url + path)
    stops = []
    for _ in range(150):
        page.keyboard.press("Tab")
        current = focused(page)
        if current["tag"] == "body" or (stops and current == stops[0]):
            break
        assert current["outline"] or current["shadow"], f"no visible focus on {current}"
        assert current["visible"], f"focus outside the screen: {current}"
        stops.append(current)
    assert any(stop["text"] == "Over deze site" for stop in stops), "the footer is not reachable"


def test_search_by_keyboard_reaches_a_result_and_opens_it(page, site_url):
    page.goto(f"{site_url}/zoeken/")
    tab_until(page, lambda f: f["tag"] == "input" and f["type"] in ("text", "search"))
    page.keyboard.type("fietsen", delay=20)
    page.wait_for_selector(RESULT_LINKS)
    result = tab_until(page, lambda f: f["tag"] == "a" and "/aanbod/" in f["href"])
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{result['href']}")
    assert title_of(page) == result["text"] or result["text"].startswith(title_of(page))


def test_filters_by_keyboard_narrow_the_results(page, site_url):
    page.goto(f"{site_url}/zoeken/")
    tab_until(page, lambda f: f["tag"] == "input" and f["type"] in ("text", "search"))
    # A query with fewer results than one page of them, of several kinds, so a filter visibly narrows it.
    page.keyboard.type("koken", delay=20)
    # Only the search for the whole word counts: an update for a shorter word that finishes late is
    # never counted (the page numbers every keystroke), so this waits for exactly 'koken'.
    # A locator assertion, not wait_for_function: the page's CSP forbids the eval a string predicate needs when it polls.
    expect(page.locator("#search")).to_have_attribute("data-shown-query", "koken")
    before = set(result_urls(page))
    assert 2 < len(before) < 10
    # Open filter groups and tick the first box, with Enter, Space and Tab only.
    for _ in range(40):
        current = tab_until(page, lambda f: f["tag"] in ("summary", "button", "input"))
        if current["tag"] == "input" and current["type"] == "checkbox":
            break
        if current["tag"] == "summary" or page.evaluate("document.activeElement.getAttribute('aria-expanded') === 'false'"):
            page.keyboard.press("Enter")
    else:
        raise AssertionError("no filter checkbox reached by keyboard")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    page.wait_for_function("(before) => { const now = [...document.querySelectorAll(\"main a[href*='/aanbod/']\")].map(a => a.pathname); "
                           "return now.length > 0 && now.sort().join() !== before.sort().join(); }", arg=sorted(before))
    assert set(result_urls(page)) < before


def test_shortlist_by_keyboard_save_view_remove_and_share(page, site_url):
    titles = []
    for offer in (OFFER, SECOND):
        page.goto(f"{site_url}/aanbod/{offer}/")
        titles.append(title_of(page))
        tab_until(page, lambda f: f["text"] == "Bewaar in mijn lijstje")
        page.keyboard.press("Enter")
        assert focused(page)["text"] == "Haal uit mijn lijstje"
        assert "Bewaard in je lijstje" in page.locator("[data-shortlist-status]").inner_text()
    assert saved(page) == [OFFER, SECOND]

    tab_until(page, lambda f: f["text"] == "Bekijk mijn lijstje")
    page.keyboard.press("Enter")
    page.wait_for_selector(".shortlist-item")
    assert page.locator(".shortlist-item h2").all_inner_texts() == titles
    assert page.locator("[data-link]").input_value().endswith(f"/lijstje/?aanbod={OFFER},{SECOND}")

    tab_until(page, lambda f: f["text"].startswith("Haal uit lijstje") and titles[0] in f["text"])
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.shortlist-item').length === 1")
    assert saved(page) == [SECOND]
    assert "Uit je lijstje gehaald" in page.locator("[data-status]").inner_text()
    # Focus stays in the list, on the next offer's button, not lost at the top of the page.
    assert titles[1] in focused(page)["text"]
    assert page.locator("[data-link]").input_value().endswith(f"/lijstje/?aanbod={SECOND}")


def test_a_shared_list_opens_on_another_device_and_can_be_kept(page, site_url):
    page.goto(f"{site_url}/lijstje/?aanbod={SECOND},{OFFER}")
    page.wait_for_selector(".shortlist-item")
    assert len(page.locator(".shortlist-item").all()) == 2
    assert saved(page) == []
    tab_until(page, lambda f: f["text"] == "Bewaar dit lijstje")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !location.search")
    assert saved(page) == [SECOND, OFFER]
    assert "Bewaard op dit apparaat" in page.locator("[data-status]").inner_text()


def test_empty_shortlist_says_how_to_fill_it(page, site_url):
    page.goto(f"{site_url}/lijstje/")
    empty = page.locator("[data-empty-list]")
    empty.wait_for(state="visible")
    assert "Je lijstje is nog leeg" in empty.inner_text()
    assert not page.get_by_role("button", name="Print lijstje").is_visible()
    link = tab_until(page, lambda f: f["text"] == "Ga naar zoeken")
    assert link["href"].endswith("/zoeken/")
