"""The search page in headless Debian chromium against the built sample site on 127.0.0.1.

Expected results come from the catalogue model (the YAML files), not from the index under test.
"""

from __future__ import annotations

import math
import re
import shutil
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from aanbod.search import search
from browser import browser_page, serve

pytestmark = pytest.mark.browser

CARD_TITLES = ".finder-card .card-title"
DE_MEERN = (52.0816, 5.0322)  # the second location of kringloop-leidsche-rijn
OVERVECHT = (52.1121, 5.1162)  # fietsenwerkplaats-overvecht


@pytest.fixture(scope="module", params=["one index", "index in three parts"])
def site_url(request, sample_site, catalogue, tmp_path_factory):
    """The sample site with its index in one piece, and again with it in parts, as a large catalogue has it:
    every test must see the same results and counts from both."""
    folder = sample_site
    if request.param != "one index":
        folder = tmp_path_factory.mktemp("delen") / "output"
        shutil.copytree(sample_site, folder)
        search.write_index(catalogue, folder, lambda offer: f"/aanbod/{offer.id}/", part_size=20)
        assert search.part_count(len(catalogue.published), 20) == 3
    with serve(folder) as url:
        yield url


def updates(page) -> int:
    return int(page.get_attribute("#search", "data-updates") or 0)


def after_update(page, before: int) -> None:
    """Wait until the search page has finished an update started after ``before`` was read."""
    page.wait_for_function("n => Number(document.getElementById('search').dataset.updates || 0) > n", arg=before)


def open_search(page, site_url: str, query_string: str = "") -> None:
    page.goto(f"{site_url}/zoeken/{query_string}")
    after_update(page, 0)


def type_words(page, words: str) -> None:
    before = updates(page)
    field = page.get_by_label("Wat wil je doen?")
    field.fill("")
    field.press_sequentially(words, delay=20)
    after_update(page, before)
    # A slow moment while typing may show the results for part of the word first.
    page.wait_for_function("words => document.querySelector('[data-status]').textContent.includes(`‘${words}’`)", arg=words)


def act(page, action) -> None:
    before = updates(page)
    action()
    after_update(page, before)


def all_titles(page) -> list[str]:
    """Every result title, pressing "Toon meer resultaten" until all are shown."""
    more = page.locator("[data-more]")
    while more.is_visible():
        shown = page.locator(CARD_TITLES).count()
        more.click()
        page.wait_for_function("n => document.querySelectorAll('.finder-card').length > n && !('loading' in document.querySelector('[data-more]').dataset)", arg=shown)
    return page.locator(CARD_TITLES).all_inner_texts()


def reported_total(page) -> int:
    text = page.locator("[data-status]").inner_text()
    if text.startswith("Geen resultaten"):
        return 0
    return int(re.match(r"(\d+) resulta", text).group(1))


def open_group(page, key: str) -> None:
    panel = page.locator("[data-filters]")
    if not panel.evaluate("element => element.open"):
        panel.locator("> summary").click()
    group = page.locator(f'[data-group="{key}"]')
    if not group.evaluate("element => element.open"):
        group.locator("> summary").click()
    page.wait_for_function(f"""() => [...document.querySelectorAll('[data-group="{key}"] .filter-count')].every(c => c.textContent)""")


def tick(page, key: str, value: str) -> None:
    open_group(page, key)
    act(page, lambda: page.locator(f'input[name="{key}"][value="{value}"]').check())


def titles_where(catalogue, condition) -> set[str]:
    return {offer.title for offer in catalogue.published if condition(offer)}


def url_filters(page) -> dict[str, list[str]]:
    return parse_qs(urlparse(page.url).query)


def km(a, b) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371 * math.asin(math.sqrt(h))


def nearest_km(offer, point) -> float:
    places = [(float(location.latitude), float(location.longitude)) for location in offer.locations if location.has_coordinates]
    return min((km(point, place) for place in places), default=math.inf)


# --- typing ---

def test_typed_query_finds_the_offer_and_is_announced(site_url, chromium_path):
    with browser_page(chromium_path) as page:
        open_search(page, site_url)
        type_words(page, "fietsen")
        titles = page.locator(CARD_TITLES).all_inner_texts()
        assert titles[0] == "Fietsen repareren in de werkplaats"
        card = page.locator(".finder-card").first
        assert card.locator("a").get_attribute("href") == "/aanbod/fietsenwerkplaats-overvecht/"
        # Title, kind, provider, place and summary from the index, with the Dutch labels of the codes.
        assert card.locator(".card-meta").inner_text().split("\n") == ["Werk", "Werkervaringsplek", "Buurtwerk Noord", "Utrecht (Overvecht)"]
        assert "Je repareert fietsen" in card.inner_text()
        status = page.locator("[data-status]")
        assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
        assert status.inner_text() == f"{len(titles)} resultaten voor ‘fietsen’."
        assert parse_qs(urlparse(page.url).query) == {"q": ["fietsen"]}
        assert page.foreign_requests == []


def test_dutch_stemming_finds_a_word_form_that_is_not_in_the_text(site_url, chromium_path, catalogue):
    moestuin = next(offer for offer in catalogue.published if offer.id == "moestuin-de-bilt")
    assert "moestuinen" not in f"{moestuin.title} {moestuin.summary} {moestuin.description}".lower()
    with browser_page(chromium_path) as page:
        open_search(page, site_url)
        type_words(page, "moestuinen")
        assert moestuin.title in all_titles(page)


def test_no_results_names_the_filter_to_remove_and_a_related_kind(site_url, chromium_path):
    with browser_page(chromium_path) as page:
        open_search(page, site_url, "?q=fietsen&soort=leren")
        assert page.locator(CARD_TITLES).count() == 0
        assert page.locator("[data-status]").inner_text() == "Geen resultaten voor ‘fietsen’ met 1 filter."
        empty = page.locator("[data-empty]")
        # It names the filter to remove, and offers the kind that does have results.
        remove = empty.get_by_role("button", name="Haal ‘Soort: Leren’ weg")
        assert remove.is_visible()
        assert empty.get_by_role("button", name="Kijk bij Werk").is_visible()
        assert [link.get_attribute("href") for link in empty.get_by_role("link").all()] == ["/soort/werk/", "/soort/leren/", "/soort/doen/"]
        act(page, remove.click)
        assert url_filters(page) == {"q": ["fietsen"]}
        assert page.locator(CARD_TITLES).count() > 0


# --- filters ---

def test_filters_narrow_widen_and_round_trip_through_the_url(site_url, chromium_path, catalogue):
    overvecht = titles_where(catalogue, lambda offer: "overvecht" in offer.wijken)
    overvecht_or_zuidwest = titles_where(catalogue, lambda offer: {"overvecht", "zuidwest"} & set(offer.wijken))
    free_in_both = titles_where(catalogue, lambda offer: {"overvecht", "zuidwest"} & set(offer.wijken) and offer.is_free)
    assert overvecht < overvecht_or_zuidwest and free_in_both < overvecht_or_zuidwest

    with browser_page(chromium_path) as page:
        open_search(page, site_url)
        tick(page, "wijk", "overvecht")
        assert set(all_titles(page)) == overvecht
        assert url_filters(page) == {"wijk": ["overvecht"]}

        tick(page, "wijk", "zuidwest")  # a second value in one group widens
        assert set(all_titles(page)) == overvecht_or_zuidwest
        assert reported_total(page) == len(overvecht_or_zuidwest)

        tick(page, "kosten", "gratis")  # another group narrows
        assert set(all_titles(page)) == free_in_both
        assert url_filters(page) == {"wijk": ["overvecht", "zuidwest"], "kosten": ["gratis"]}

        page.reload()
        after_update(page, 0)
        assert page.locator('input[name="wijk"][value="overvecht"]').is_checked()
        assert page.locator('input[name="kosten"][value="gratis"]').is_checked()
        assert set(all_titles(page)) == free_in_both

        act(page, page.go_back)
        assert url_filters(page) == {"wijk": ["overvecht", "zuidwest"]}
        assert not page.locator('input[name="kosten"][value="gratis"]').is_checked()
        assert set(all_titles(page)) == overvecht_or_zuidwest

        act(page, page.go_back)
        assert url_filters(page) == {"wijk": ["overvecht"]}
        assert set(all_titles(page)) == overvecht
        assert page.foreign_requests == []


def test_counts_per_value_follow_the_other_groups(site_url, chromium_path, catalogue):
    in_overvecht = [offer for offer in catalogue.published if "overvecht" in offer.wijken]
    expected = {kind: sum(offer.kind == kind for offer in in_overvecht) for kind in ("werk", "leren", "doen")}
    with browser_page(chromium_path) as page:
        open_search(page, site_url, "?wijk=overvecht")
        open_group(page, "soort")
        counts = {
            box.get_attribute("value"): int(page.locator(f'[data-group="soort"] label:has(input[value="{box.get_attribute("value")}"]) .filter-count').inner_text().strip("()"))
            for box in page.locator('input[name="soort"]').all()
        }
        assert counts == expected
        # Choosing a kind leaves the counts of its own group alone: OR inside a group can only widen.
        tick(page, "soort", "werk")
        assert page.locator('[data-group="soort"] label:has(input[value="doen"]) .filter-count').inner_text() == f"({expected['doen']})"


def test_a_day_and_a_dagdeel_mean_that_slot(site_url, chromium_path, catalogue):
    def slots(offer):
        return {(slot["day"], slot["part_of_day"]) for slot in offer.schedule}

    # A day and dagdeel where "that slot" and "that day and that dagdeel, at any time" differ.
    day, part = next(
        (day, part) for offer in catalogue.published for day, _ in slots(offer) for _, part in slots(offer)
        if (day, part) not in slots(offer) and titles_where(catalogue, lambda o: (day, part) in slots(o))
    )
    with browser_page(chromium_path) as page:
        open_search(page, site_url, f"?dag={day}&dagdeel={part}")
        assert set(all_titles(page)) == titles_where(catalogue, lambda offer: (day, part) in slots(offer))


# --- near me ---

def test_device_location_ranks_by_the_nearest_location_of_each_offer(site_url, chromium_path, catalogue):
    expected = sorted(catalogue.published, key=lambda offer: nearest_km(offer, DE_MEERN))
    with browser_page(chromium_path, geolocation={"latitude": DE_MEERN[0], "longitude": DE_MEERN[1]}, permissions=["geolocation"]) as page:
        open_search(page, site_url)
        page.locator("[data-nearby] > summary").click()
        act(page, page.get_by_role("button", name="Gebruik mijn locatie").click)
        titles = all_titles(page)
        # No radius: every offer stays, the nearest first; kringloop-leidsche-rijn by its second location,
        # which it shares with another offer: the two come first, in either order.
        assert len(titles) == len(catalogue.published)
        here = {offer.title for offer in catalogue.published if nearest_km(offer, DE_MEERN) < 0.01}
        assert "Beschut werk in de kringloopwinkel" in here and set(titles[:len(here)]) == here
        distances = [nearest_km(next(o for o in catalogue.published if o.title == title), DE_MEERN) for title in titles]
        assert distances == sorted(distances)
        assert titles[-1] == expected[-1].title and math.isinf(distances[-1])  # online only: last
        assert page.locator(".finder-card").first.locator(".finder-distance").inner_text() == "Afstand: minder dan 100 meter"
        assert "het dichtstbij eerst" in page.locator("[data-status]").inner_text()
        assert page.foreign_requests == []


def test_postcode_is_looked_up_only_after_the_click(site_url, chromium_path):
    lookups = []

    def pdok(route):
        lookups.append(route.request.url)
        route.fulfill(json={"response": {"numFound": 1, "docs": [{"centroide_ll": f"POINT({OVERVECHT[1]} {OVERVECHT[0]})"}]}})

    with browser_page(chromium_path) as page:
        page.route("https://api.pdok.nl/**", pdok)
        open_search(page, site_url, "?q=fietsen")
        page.locator("[data-nearby] > summary").click()
        page.get_by_label("Of vul je postcode in").fill("3562jw")
        assert lookups == []
        act(page, page.get_by_role("button", name="Zoek op postcode").click)
        assert len(lookups) == 1
        assert parse_qs(urlparse(lookups[0]).query)["q"] == ["3562JW"]
        assert page.locator(CARD_TITLES).first.inner_text() == "Fietsen repareren in de werkplaats"
        assert "dichtbij 3562 JW" in page.locator("[data-near-status]").inner_text()
        assert page.foreign_requests == []


def test_a_wrong_postcode_is_explained_without_a_lookup(site_url, chromium_path, catalogue):
    # The example is a postcode of the region's own offers: a fork shows its own, never Utrecht's.
    example = catalogue.published[0].locations[0].postcode if catalogue.published[0].locations else catalogue.example_postcode
    assert example == catalogue.example_postcode
    with browser_page(chromium_path) as page:
        open_search(page, site_url)
        page.locator("[data-nearby] > summary").click()
        assert page.get_by_label("Of vul je postcode in").get_attribute("placeholder") == example
        page.get_by_label("Of vul je postcode in").fill("35")
        page.get_by_role("button", name="Zoek op postcode").click()
        expect(page.locator("[data-near-status]")).to_have_text(f"Vul een postcode in zoals {example}.")  # waits for the page
        assert page.foreign_requests == []


# --- maps ---

def test_result_map_loads_leaflet_and_tiles_only_after_the_click(site_url, chromium_path):
    with browser_page(chromium_path) as page:
        requested = []
        page.on("request", lambda request: requested.append(request.url))
        open_search(page, site_url, "?q=kringloop")
        page.wait_for_timeout(300)
        assert not [url for url in requested if "/leaflet/" in url]
        assert page.foreign_requests == []
        with page.expect_event("requestfailed", lambda request: "tile.openstreetmap.org" in request.url):
            page.get_by_role("button", name="Toon de resultaten op de kaart").click()
        page.wait_for_selector(".leaflet-marker-icon")
        assert [url for url in requested if "/leaflet/" in url]
        # The guard aborted the tiles: attempted, and only after the click.
        assert page.foreign_requests and all(urlparse(url).hostname == "tile.openstreetmap.org" for url in page.foreign_requests)
        shown = page.locator(".finder-card").count()
        assert page.locator(".leaflet-marker-icon").count() >= shown


def test_offer_map_shows_every_location_after_the_click(site_url, chromium_path, catalogue):
    kringloop = next(offer for offer in catalogue.published if offer.id == "kringloop-leidsche-rijn")
    with browser_page(chromium_path) as page:
        page.goto(f"{site_url}/aanbod/kringloop-leidsche-rijn/")
        page.wait_for_load_state("networkidle")
        assert page.foreign_requests == []
        with page.expect_event("requestfailed", lambda request: "tile.openstreetmap.org" in request.url):
            page.get_by_role("button", name="Toon op de kaart").click()
        page.wait_for_selector(".leaflet-marker-icon")
        titles = sorted(page.locator(".leaflet-marker-icon").evaluate_all("icons => icons.map(icon => icon.title)"))
        assert titles == sorted(location.name for location in kringloop.locations)
        assert all(urlparse(url).hostname == "tile.openstreetmap.org" for url in page.foreign_requests)


# --- keyboard and the home page ---

def test_filters_work_with_the_keyboard_alone(site_url, chromium_path, catalogue):
    werk = titles_where(catalogue, lambda offer: offer.kind == "werk")
    with browser_page(chromium_path) as page:
        open_search(page, site_url)
        page.get_by_label("Wat wil je doen?").focus()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent").startswith("Filters")
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent").startswith("Soort")
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.value") == "werk"
        act(page, lambda: page.keyboard.press("Space"))
        assert reported_total(page) == len(werk)
        assert set(page.locator(CARD_TITLES).all_inner_texts()) <= werk
        # The chosen filter is a button that removes it.
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('finder-chip')"):
                break
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Haal filter weg: Soort: Werk"
        act(page, lambda: page.keyboard.press("Enter"))
        assert url_filters(page) == {}
        assert page.locator(CARD_TITLES).count() == 0


def test_home_search_form_leads_to_results(site_url, chromium_path):
    with browser_page(chromium_path) as page:
        page.goto(site_url + "/")
        page.get_by_label("Wat wil je doen?").fill("fietsen")
        page.get_by_role("button", name="Zoeken").click()
        page.wait_for_url("**/zoeken/?q=fietsen")
        after_update(page, 0)
        assert "Fietsen repareren in de werkplaats" in page.locator(CARD_TITLES).all_inner_texts()
