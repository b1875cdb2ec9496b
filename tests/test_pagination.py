"""Long list pages come in numbered pages (issue 10): every card on exactly one page, every page reachable."""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

from aanbod.content.catalogue import read_catalogue
from aanbod.content.model import Catalogue
from aanbod.site.pages.pagination import paginate, shown_numbers
from aanbod.search.search import codes_of
from conftest import REPOSITORY_SCHEMA, ROOT, require_sample, soup
from sitebuild import build_with_settings

SIZE = 3  # small, so the sample's lists have several pages


@pytest.mark.parametrize(("number", "count", "shown"), [
    (1, 1, [1]),
    (1, 4, [1, 2, 3, 4]),
    (1, 9, [1, 2, 3, None, 9]),
    (5, 9, [1, 2, 3, 4, 5, 6, 7, 8, 9]),  # a gap of one number shows the number
    (6, 20, [1, None, 4, 5, 6, 7, 8, None, 20]),
    (20, 20, [1, None, 18, 19, 20]),
])
def test_the_navigation_shows_the_ends_and_the_neighbours(number, count, shown):
    assert shown_numbers(number, count) == shown


def test_every_item_is_on_exactly_one_page_in_order():
    items = list(range(107))
    pages = paginate(items, 50, lambda number: f"p{number}")
    assert [chunk for chunk, _ in pages] == [items[:50], items[50:100], items[100:]]
    first, _, last = (pagination for _, pagination in pages)
    assert (first.previous, first.next.url, last.next, last.previous.url) == (None, "p2", None, "p2")
    assert (last.first, last.last, last.total, last.count) == (101, 107, 107, 3)
    empty = paginate([], 50, str)
    assert len(empty) == 1 and empty[0][1].count == 1  # an empty list still has its page, which says so


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory):
    require_sample()  # the sample's lists, small pages so that each has several
    output = tmp_path_factory.mktemp("paged") / "output"
    result = build_with_settings(ROOT / "content", output, f"AANBOD_LIST_PAGE_SIZE = {SIZE}")
    assert result.returncode == 0, result.stdout + result.stderr
    catalogue, problems = read_catalogue(ROOT / "content", REPOSITORY_SCHEMA)
    assert problems == []
    return output, catalogue


def walk(output, start: str) -> list[BeautifulSoup]:
    """The pages of one list, following rel=next from its first page."""
    pages, path = [], start
    while path:
        page = soup(output / path.strip("/") / "index.html")
        pages.append(page)
        following = page.select_one('nav.pagination a[rel="next"]')
        path = following["href"] if following else None
        assert len(pages) < 100
    return pages


@pytest.mark.parametrize(("taxonomy", "folder"), [("target_groups", "doelgroep"), ("kinds", "soort"), ("municipalities", "gemeente")])
def test_following_next_reaches_every_card_of_the_list_once(paged_site, taxonomy, folder):
    output, catalogue = paged_site
    checked = 0
    for term, offers in Catalogue.group_by(catalogue, taxonomy, codes_of(taxonomy)):
        if not offers:
            continue
        pages = walk(output, f"/{folder}/{term.code}/")
        titles = [link.get_text() for page in pages for link in page.select(".card-title a")]
        assert titles == [offer.title for offer in offers], term.code
        assert len(pages) == -(-len(offers) // SIZE)
        for number, page in enumerate(pages, start=1):
            current = page.select("nav.pagination [aria-current=page]")
            if len(pages) == 1:
                assert page.select_one("nav.pagination") is None and current == []
                continue
            checked += 1
            assert [" ".join(link.get_text().split()) for link in current] == [f"Pagina {number}"]
            # The head tells browsers and search engines the order, the title and heading area the position.
            assert bool(page.select_one('head link[rel="prev"]')) == (number > 1)
            assert bool(page.select_one('head link[rel="next"]')) == (number < len(pages))
            assert f"pagina {number} van {len(pages)}" in page.title.get_text()
            assert f"Je bekijkt pagina {number} van {len(pages)}" in page.select_one(".page-count").get_text()
    assert checked > 10


def test_every_numbered_link_leads_to_a_page_of_the_same_list(paged_site):
    output, _ = paged_site
    pages = sorted((output / "doelgroep").glob("*/pagina/*/index.html"))
    assert pages
    for path in [*pages, *(output / "en" / "doelgroep").glob("*/pagina/*/index.html")]:
        page = soup(path)
        links = [link["href"] for link in page.select("nav.pagination a")]
        list_folder = re.match(r"(/en)?/doelgroep/[^/]+/", links[0]).group(0)
        for href in links:
            assert href.startswith(list_folder), (path, href)
            assert (output / href.strip("/") / "index.html").is_file(), (path, href)
        # The language versions point at each other's same page.
        alternates = {link["hreflang"]: link["href"] for link in page.select('link[rel="alternate"]')}
        assert alternates["en"].endswith("/en" + alternates["nl"].removeprefix("https://openaanbod.example.nl"))


def test_english_pages_have_an_english_navigation(paged_site):
    output, _ = paged_site
    page = soup(output / "en/doelgroep/ggz/pagina/2/index.html")
    assert page.select_one("nav.pagination")["aria-label"] == "Pages of this list"
    assert page.select_one('nav.pagination a[rel="prev"]').get_text() == "Previous page"
    assert page.select_one('nav.pagination a[rel="prev"]')["href"] == "/en/doelgroep/ggz/"
