"""Issue 14 in headless Debian chromium: the professionals' filters (folded away, income and funding), the
municipality filter that follows the service area, the card that says who may come, and the form's new fields.

Expected results come from the catalogue model (the YAML files), not from the index under test.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from browser import browser_page, serve
from form_page import fill, validate_files
from test_form_browser import VALID_OFFER
from test_search_browser import act, all_titles, open_search, tick, titles_where

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site_url(sample_site):
    with serve(sample_site) as url:
        yield url


def open_professional(page) -> None:
    page.locator("[data-filters] > summary").click()
    page.locator("[data-professional] > summary").click()


def test_the_professionals_filters_are_folded_away_until_opened(page, site_url):
    open_search(page, site_url)
    page.locator("[data-filters] > summary").click()
    section = page.locator("[data-professional]")
    assert section.evaluate("element => element.open") is False
    assert page.locator('[data-professional] [data-group="inkomen"]').is_hidden()
    assert page.locator('[data-professional] [data-group="financiering"]').is_hidden()
    # The residents' groups are not inside it.
    assert page.locator('[data-professional] [data-group="gemeente"]').count() == 0
    section.locator("> summary").click()
    assert page.locator('[data-professional] [data-group="inkomen"] > summary').is_visible()


def test_income_finds_offers_for_that_income_and_offers_open_to_everyone(page, site_url, catalogue):
    open_search(page, site_url)
    open_professional(page)
    tick(page, "inkomen", "wajong")
    expected = titles_where(catalogue, lambda offer: not offer.income_situations or "wajong" in offer.income_situations)
    assert set(all_titles(page)) == expected
    assert any(offer.income_situations and "wajong" not in offer.income_situations for offer in catalogue.published)  # something was left out
    assert parse_qs(urlparse(page.url).query)["inkomen"] == ["wajong"]


def test_funding_and_income_together_narrow_both_ways(page, site_url, catalogue):
    open_search(page, site_url)
    open_professional(page)
    tick(page, "financiering", "wmo")
    assert set(all_titles(page)) == titles_where(catalogue, lambda offer: "wmo" in (offer.funding or ()))
    tick(page, "inkomen", "bijstand")
    expected = titles_where(catalogue, lambda offer: "wmo" in (offer.funding or ()) and (not offer.income_situations or "bijstand" in offer.income_situations))
    assert set(all_titles(page)) == expected and expected


def test_the_municipality_filter_follows_the_service_area(page, site_url, catalogue):
    """Montfoort's residents may come to the care farm in Woerden: it is found under Montfoort, where it is not."""
    open_search(page, site_url)
    tick(page, "gemeente", "montfoort")
    expected = titles_where(catalogue, lambda offer: "montfoort" in (offer.service_area or offer.municipalities))
    assert set(all_titles(page)) == expected
    assert any("montfoort" not in offer.municipalities for offer in catalogue.published if offer.title in expected)


def test_a_card_says_who_may_come(page, site_url, catalogue):
    offer = next(offer for offer in catalogue.published if offer.service_area and offer.subtype == "traject")
    open_search(page, site_url)
    act(page, lambda: page.get_by_label("Wat wil je doen?").fill(offer.title.split(":")[0]))
    card = page.locator(".finder-card", has_text=offer.title)
    names = ", ".join(catalogue.label("municipalities", code) for code in offer.service_area)
    assert card.locator(".only-for").inner_text() == f"Alleen voor inwoners van {names}"


def test_the_english_search_page_has_the_professionals_section_in_english(page, site_url):
    open_search(page, site_url + "/en")
    page.locator("[data-filters] > summary").click()
    assert page.locator("[data-professional] > summary").inner_text() == "For professionals"
    page.locator("[data-professional] > summary").click()
    assert page.locator('[data-group="financiering"] > summary').inner_text().startswith("Who pays")


def test_the_form_writes_steps_documents_and_area_that_pass_validation(site_url, chromium_path, tmp_path):
    with browser_page(chromium_path) as page:
        page.goto(f"{site_url}/aanbod-aanmelden/")
        fill(page, VALID_OFFER)
        page.get_by_role("group", name="Verwijzing nodig").get_by_label("Ja").check()
        steps = page.locator('[data-child="intake_steps"]')
        steps.locator('select[data-field="step"]').first.select_option("via-buurtteam")
        steps.locator('input[data-field="text"]').first.fill("Het buurtteam belt ons.")
        steps.locator("[data-add]").click()
        steps.locator('select[data-field="step"]').nth(1).select_option("proefdag")
        page.get_by_role("group", name="Neem mee").get_by_label("VOG").check()
        page.get_by_role("group", name="Alleen voor inwoners van").get_by_label("Houten").check()
        page.get_by_role("group", name="Wie betaalt").get_by_label("Wmo").check()
        assert "Alles is goed ingevuld" in page.text_content("#form-status")
        with page.context.expect_page():
            page.click("#github-link")
        github = [url for url in page.foreign_requests if "github.com" in url]
    query = parse_qs(urlparse(github[0]).query)
    name = query["filename"][0].removeprefix("content/offers/buurtwerk-noord/")
    validated, problems = validate_files(tmp_path, "buurtwerk-noord", {name: query["value"][0]})
    assert [problem.format() for problem in problems] == []
    assert [(row["position"], row["step"], row["text"]) for row in validated.typed["intake_steps"]] == [
        (1, "via-buurtteam", "Het buurtteam belt ons."), (2, "proefdag", None)]
    offer = validated.typed["offers"][0]
    assert (offer["required_documents"], offer["service_area"], offer["funding"]) == (["vog"], ["houten"], ["wmo"])
