"""The filter "Er is plek" and the availability on result cards, in headless Debian chromium (issue 14).

The site is the repository's sample content built with a fixed today, so which states are stale is known; the
expected results come from the catalogue model, not from the index under test."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from aanbod.content import availability_view, roles
from aanbod.content.catalogue import read_catalogue
from browser import browser_page, serve
from conftest import REPOSITORY_SCHEMA, ROOT, require_sample
from sitebuild import build_with_settings
from test_search_browser import all_titles, open_search, tick, type_words

pytestmark = pytest.mark.browser

TODAY = date(2026, 12, 1)


@pytest.fixture(scope="module")
def room_site(tmp_path_factory):
    require_sample()  # the sample's availability files: one stale, one full, several free
    output = tmp_path_factory.mktemp("plek") / "output"
    result = build_with_settings(ROOT / "content", output, "AANBOD_TODAY = date(2026, 12, 1)\nAANBOD_SEARCH_INDEX = True")
    assert result.returncode == 0, result.stderr
    with serve(output) as url:
        yield url


@pytest.fixture(scope="module")
def room_catalogue():
    require_sample()
    catalogue, problems = read_catalogue(ROOT / "content", REPOSITORY_SCHEMA, today=TODAY)
    assert problems == []
    return replace(catalogue, availability_since=availability_view.since(TODAY, 6))


def test_the_filter_er_is_plek_finds_only_recent_free_places(room_site, room_catalogue, chromium_path):
    expected = {offer.title for offer in room_catalogue.published if not offer.is_paused and room_catalogue.availability_role(offer) == roles.FREE}
    # The sample has free places that are too old to repeat (werkpad): they must not be found.
    stale_free = {offer.title for offer in room_catalogue.published if offer.availability == "plek" and not room_catalogue.availability_is_current(offer)}
    assert expected and stale_free
    with browser_page(chromium_path) as page:
        open_search(page, room_site)
        tick(page, "plek", "ja")
        assert page.locator('[data-group="plek"] summary').inner_text().startswith("Plek")
        assert page.locator('label:has(input[name="plek"][value="ja"])').inner_text().startswith("Er is plek")
        assert set(all_titles(page)) == expected
        assert page.foreign_requests == []


def test_a_card_says_in_words_when_room_is_not_known_for_sure(room_site, room_catalogue, chromium_path):
    stale = next(offer for offer in room_catalogue.published if offer.id == "postsorteren-woerden")
    assert not room_catalogue.availability_is_current(stale)
    with browser_page(chromium_path) as page:
        open_search(page, room_site)
        type_words(page, "postsorteren")
        card = page.locator(".finder-card").filter(has=page.locator(".card-title", has_text=stale.title))
        state = card.locator(".availability")
        assert state.inner_text().endswith("Plek: niet zeker")
        assert "availability-unknown" in state.get_attribute("class")
        # The pictogram is drawn before the words and hidden from screen readers (alternative text "").
        assert state.evaluate("element => getComputedStyle(element, '::before').content") != "none"
        page.goto(f"{room_site}/aanbod/{stale.id}/")
        assert page.locator("[data-availability]").inner_text() == \
            "Of er plek is, weten we niet zeker. Bel of mail om het te vragen. Het laatste bericht over plek is van 14 september 2026."
