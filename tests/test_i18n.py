"""Issue 6, part 2: the English interface. Catalogue complete, /en/ pages for every page type,
interface translated, provider content untouched and marked Dutch, language switch and alternates."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from bs4 import BeautifulSoup

from conftest import ROOT
from inclusion import page_types, search

CATALOGUE = ROOT / "theme" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
OFFER = "fietsenwerkplaats-overvecht"  # the wheelchair-accessible sample offer, as in tests/test_accessibility.py


def soup(path):
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


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
    assert offer.select_one("[data-lijstje-knop] span").get_text() == "Save in my list"
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
        assert alternates == {"nl": f"/aanbod/{OFFER}/", "en": f"/en/aanbod/{OFFER}/"}
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
    assert page.select_one("[data-lijstje-pagina]")["data-data"] == "/en/lijstje/"
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
