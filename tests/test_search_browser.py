"""Search typed into the real search page, in headless Debian chromium, against the built sample site."""

import pytest

from browser import browser_page, serve

pytestmark = pytest.mark.browser

RESULT = ".pagefind-ui__result-link"


@pytest.fixture(scope="module")
def site_url(sample_site):
    with serve(sample_site) as url:
        yield url


def results_for(page, site_url, query):
    page.goto(f"{site_url}/zoeken/")
    field = page.get_by_role("textbox")
    field.click()
    field.press_sequentially(query, delay=20)
    page.wait_for_selector(RESULT)
    return page.locator(RESULT).all_inner_texts()


def test_typed_query_finds_the_offer(site_url, chromium_path):
    with browser_page(chromium_path) as page:
        titles = results_for(page, site_url, "fietsen")
        assert "Fietsen repareren in de werkplaats" in titles
        assert page.foreign_requests == []


def test_dutch_stemming_finds_other_word_forms(site_url, chromium_path):
    with browser_page(chromium_path) as page:
        titles = results_for(page, site_url, "fiets")
        assert "Fietsen repareren in de werkplaats" in titles


def test_query_in_the_url_is_searched_and_typing_updates_the_url(site_url, chromium_path):
    with browser_page(chromium_path) as page:
        page.goto(f"{site_url}/zoeken/?q=taalcaf%C3%A9")
        page.wait_for_selector(RESULT)
        assert "Taalcafé: Nederlands praten in de bibliotheek" in page.locator(RESULT).all_inner_texts()
        field = page.get_by_role("textbox")
        field.fill("")
        field.press_sequentially("moestuin", delay=20)
        page.wait_for_function("() => location.search.includes('q=moestuin')")
        assert page.foreign_requests == []


def test_home_search_form_leads_to_results(site_url, chromium_path):
    with browser_page(chromium_path) as page:
        page.goto(site_url + "/")
        page.get_by_label("Wat wil je doen?").fill("fietsen")
        page.get_by_role("button", name="Zoeken").click()
        page.wait_for_selector(RESULT)
        assert "Fietsen repareren in de werkplaats" in page.locator(RESULT).all_inner_texts()
