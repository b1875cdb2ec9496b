"""Issue 6, part 2: the English interface. Catalogue complete, /en/ pages for every page type,
interface translated, provider content untouched and marked Dutch, language switch and alternates."""

from __future__ import annotations

import json
import re

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import ROOT, soup
from inclusion import page_types, search

CATALOGUE = ROOT / "theme" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
OFFER = "fietsenwerkplaats-overvecht"  # the wheelchair-accessible sample offer, as in tests/test_accessibility.py



def extracted_ids() -> set:
    """Every message id in the templates and the Python code, extracted as `make translations` does."""
    method_map, options_map = [], {}
    section = None
    for line in (ROOT / "babel.cfg").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("[") and line.endswith("]"):
            method, pattern = line[1:-1].split(":", 1)
            section = pattern.strip()
            method_map.append((section, method.strip()))
            options_map[section] = {}
        elif "=" in line and section and not line.startswith("#"):
            key, value = line.split("=", 1)
            options_map[section][key.strip()] = value.strip()
    ids = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map):
        ids.add(message)
    return ids


def test_every_interface_text_has_an_english_translation():
    with CATALOGUE.open("rb") as handle:
        catalogue = read_po(handle, locale="en")
    translations = {message.id: message for message in catalogue if message.id}
    extracted = extracted_ids()
    assert len(extracted) > 150  # the templates really were read
    missing = sorted(str(message_id) for message_id in extracted if message_id not in translations)
    assert missing == []
    untranslated = sorted(str(message.id) for message in translations.values()
                          if not (all(message.string) if isinstance(message.string, tuple) else message.string))
    assert untranslated == []
    assert sorted(str(message.id) for message in translations.values() if message.fuzzy) == []


def test_every_page_type_exists_in_english(sample_site):
    dutch = page_types(sample_site)
    english = page_types(sample_site / "en")
    dutch.pop("en", None)
    dutch.pop("en/…", None)
    assert set(dutch) <= set(english)
    for path in [*english.values()]:
        file = sample_site / "en" / path.lstrip("/")
        file = file / "index.html" if path.endswith("/") else file
        assert soup(file).html["lang"] == "en", path


def test_dutch_pages_stay_dutch_at_the_root(sample_site):
    home = soup(sample_site / "index.html")
    assert home.html["lang"] == "nl"
    assert home.select_one("main h2#kinds-title").get_text() == "Wat zoek je?"
    assert [link.get_text() for link in home.select("nav .menu a")][:1] == ["Zoeken"]


def test_english_pages_show_english_interface_texts(sample_site):
    home = soup(sample_site / "en" / "index.html")
    assert home.select_one("h2#kinds-title").get_text() == "What are you looking for?"
    menu = [link.get_text() for link in home.select("nav .menu a")]
    assert menu[:4] == ["Search", "Work", "Learning", "Taking part"]
    assert "My list" in menu
    assert home.select_one(".skip-link").get_text() == "Skip to the content"
    assert home.select_one("h1").get_text() == "Work, learning and activities near you"
    # Links on English pages stay in English.
    assert home.select_one("nav .menu a")["href"] == "/en/zoeken/"
    offer = soup(sample_site / "en" / "aanbod" / OFFER / "index.html")
    terms = [term.get_text() for term in offer.select(".facts dt")]
    assert terms[:2] == ["What", "Where"]
    assert "Who it is for" in terms
    assert offer.select_one("#apply-title").get_text() == "How to sign up"
    assert "Wheelchair accessible" in offer.select_one(".key-facts").get_text()
    assert offer.select_one("[data-shortlist-button] span").get_text() == "Save in my list"
    assert offer.select_one("p.verified").get_text().startswith("Checked on ")
    search_page = soup(sample_site / "en" / "zoeken" / "index.html")
    assert search_page.select_one("h1").get_text() == "Search the offers"
    assert "Kind" in search_page.select_one("[data-filter-groups]")["data-filter-groups"]
    assert "Sign Language of the Netherlands" in search_page.select_one("[data-filter-groups]")["data-filter-groups"] \
        or "Wheelchair accessible" in search_page.select_one("[data-filter-groups]")["data-filter-groups"]
    assert soup(sample_site / "en" / "404.html").select_one("h1").get_text() == "This page does not exist (any more)"
    about = soup(sample_site / "en" / "over" / "index.html")
    assert about.select_one("h1").get_text() == "About Open Aanbod"


def test_offer_content_stays_as_written_and_is_marked_dutch(sample_site):
    dutch = soup(sample_site / "aanbod" / OFFER / "index.html")
    english = soup(sample_site / "en" / "aanbod" / OFFER / "index.html")
    for selector in ("h1", ".lead", ".description > div", ".apply > p"):
        assert english.select_one(selector).get_text() == dutch.select_one(selector).get_text(), selector
        assert english.select_one(selector)["lang"] == "nl", selector
        assert not dutch.select_one(selector).has_attr("lang"), selector
    card = soup(sample_site / "en" / "soort" / "werk" / "index.html").select_one(".card-title")
    assert card["lang"] == "nl" and card.a["href"].startswith("/en/aanbod/")
    provider_page = next((sample_site / "en" / "aanbieders").glob("*/index.html"))
    assert soup(provider_page).select_one(".description")["lang"] == "nl"


def test_language_switch_and_alternates_link_both_ways(sample_site):
    dutch = soup(sample_site / "aanbod" / OFFER / "index.html")
    english = soup(sample_site / "en" / "aanbod" / OFFER / "index.html")
    switch = dutch.select_one(".language-switch a")
    assert (switch.get_text(), switch["href"], switch["lang"], switch["hreflang"]) == ("English", f"/en/aanbod/{OFFER}/", "en", "en")
    back = english.select_one(".language-switch a")
    assert (back.get_text(), back["href"], back["lang"], back["hreflang"]) == ("Nederlands", f"/aanbod/{OFFER}/", "nl", "nl")
    for page in (dutch, english):
        alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel=alternate][hreflang]')}
        # Search engines only accept absolute alternates: they use the public address of the site.
        assert alternates == {"nl": f"https://openaanbod.example.nl/aanbod/{OFFER}/", "en": f"https://openaanbod.example.nl/en/aanbod/{OFFER}/"}
    # Pelican's own page and its translation (content/pages/over-en.md) point to each other too.
    about = soup(sample_site / "over" / "index.html").select_one(".language-switch a")
    assert about["href"] == "/en/over/"


def test_taxonomy_labels_are_english_on_english_pages_and_exports_keep_dutch(sample_site):
    english = soup(sample_site / "en" / "soort" / "doen" / "index.html")
    assert english.select_one("h1").get_text() == "Taking part"
    dutch = soup(sample_site / "soort" / "doen" / "index.html")
    assert dutch.select_one("h1").get_text() == "Doen"
    header = (sample_site / "data" / "taxonomies" / "kinds.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("code,label,")  # Dutch labels stay the published label; English is an extra column
    assert "label_en" in header


def test_english_shortlist_reads_english_data(sample_site):
    page = soup(sample_site / "en" / "lijstje" / "index.html")
    assert page.select_one("[data-shortlist-page]")["data-data"] == "/en/lijstje/"
    data = (sample_site / "en" / "lijstje" / "aanbod-0.json").read_text(encoding="utf-8")
    assert '"what":"Work: ' in data or '"what":"Learning: ' in data or '"what":"Taking part: ' in data
    assert '"url":"aanbod/' in data


def test_english_search_finds_offers_and_shows_english_filters(page, site_url):
    urls = search(page, site_url + "/en", "fiets")
    assert urls and all(url.split("#")[0].startswith("/en/aanbod/") or "/en/aanbod/" in url for url in urls)
    labels = page.eval_on_selector_all("main [data-filter-groups] label", "labels => labels.map(label => label.textContent.trim())")
    assert any(label.startswith("Work") for label in labels)
    assert not any(label.startswith("Werk ") for label in labels)
    assert page.foreign_requests == []


# --- Issue 6, part 2b: the texts that JavaScript writes come from the page (templates/_teksten.html) ---

SCRIPT_TEXTS = {
    "": {"status": r"^\d+ resultaten? voor ‘fiets’\.$", "facts": {"Verwijzing nodig", "Zelf aanmelden", "Tijdelijk geen plek"},
         "none": "Geen resultaten voor ‘qxzqxz’.", "empty": "Geen aanbod gevonden", "tip": "Of bekijk al het aanbod van één soort:"},
    "/en": {"status": r"^\d+ results? for ‘fiets’\.$", "facts": {"Referral needed", "Sign up yourself", "No place for now"},
            "none": "No results for ‘qxzqxz’.", "empty": "No offers found", "tip": "Or see all offers of one kind:"},
}


def script_errors(page) -> list:
    """Uncaught errors in the page's scripts (a missing text throws), collected from now on."""
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["nl", "en"])
def test_search_scripts_write_in_the_page_language(page, site_url, prefix):
    expected = SCRIPT_TEXTS[prefix]
    errors = script_errors(page)
    search(page, site_url + prefix, "fiets")
    page.wait_for_function("() => document.querySelector('[data-status]').textContent.includes('fiets')")
    assert re.match(expected["status"], page.inner_text("[data-status]"))
    facts = set(page.eval_on_selector_all(".finder-card .card-facts span", "spans => spans.map(span => span.textContent)"))
    assert facts & expected["facts"]
    other = SCRIPT_TEXTS["/en" if prefix == "" else ""]
    assert not facts & other["facts"]

    field = page.locator("#search-words")
    field.fill("")
    field.press_sequentially("qxzqxz", delay=20)
    page.wait_for_selector("[data-empty]:not([hidden]) h3")
    assert page.inner_text("[data-status]") == expected["none"]
    empty = page.inner_text("[data-empty]")
    assert empty.startswith(expected["empty"])
    assert expected["tip"] in empty
    assert errors == []
    assert page.foreign_requests == []


SHORTLIST_TEXTS = {
    "": {"gone": "Dit aanbod staat niet meer op de site", "remove": "Haal uit lijstje", "where": "Waar",
         "removed": "Uit je lijstje gehaald. Er staat nu 1 aanbod in je lijstje.",
         "saved": "Bewaard in je lijstje. Er staan nu 2 keer aanbod in je lijstje. Bekijk mijn lijstje"},
    "/en": {"gone": "This offer is no longer on the site", "remove": "Remove from list", "where": "Where",
            "removed": "Removed from your list. There is now 1 offer in your list.",
            "saved": "Saved in your list. There are now 2 offers in your list. See my list"},
}


@pytest.mark.parametrize("prefix", ["", "/en"], ids=["nl", "en"])
def test_shortlist_scripts_write_in_the_page_language(page, site_url, prefix):
    expected = SHORTLIST_TEXTS[prefix]
    errors = script_errors(page)
    page.goto(f"{site_url}{prefix}/aanbod/{OFFER}/")
    page.evaluate("() => localStorage.setItem('open-aanbod-lijstje', JSON.stringify(['bestaat-niet-meer']))")
    page.click("[data-shortlist-button]")
    assert page.inner_text("[data-shortlist-status]") == expected["saved"]

    page.goto(f"{site_url}{prefix}/lijstje/")
    page.wait_for_selector(".shortlist-item[data-id='bestaat-niet-meer'] h2")
    assert page.inner_text(".shortlist-item[data-id='bestaat-niet-meer'] h2") == expected["gone"]
    saved = page.locator(f".shortlist-item[data-id='{OFFER}']")
    assert saved.locator("dt").first.inner_text() == expected["where"]
    page.click(".shortlist-item[data-id='bestaat-niet-meer'] [data-unsave]")
    page.wait_for_function("() => document.querySelector('[data-status]').textContent !== ''")
    assert page.inner_text("[data-status]") == expected["removed"]
    assert page.locator("[data-unsave] span").first.inner_text() == expected["remove"]
    assert errors == []
    assert page.foreign_requests == []


def test_each_script_text_island_holds_only_known_keys_for_its_page(sample_site):
    """Every page whose scripts write texts carries one island, in its language; keys the same in both."""
    for path in ("zoeken/index.html", "lijstje/index.html", f"aanbod/{OFFER}/index.html", "aanbod-aanmelden/index.html"):
        dutch, english = (soup(folder / path).select("script#texts") for folder in (sample_site, sample_site / "en"))
        assert len(dutch) == len(english) == 1, path
        dutch, english = json.loads(dutch[0].string), json.loads(english[0].string)
        assert set(dutch) == set(english), path
        assert dutch != english, path
