"""scripts/bench_pages.py measures what a phone downloads per page type; the offer page budget holds."""

from __future__ import annotations

import importlib.util

from bs4 import BeautifulSoup

from conftest import ROOT

spec = importlib.util.spec_from_file_location("bench_pages", ROOT / "scripts/bench_pages.py")
bench_pages = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench_pages)


def test_page_weight_counts_the_html_and_every_stylesheet_and_script(sample_site):
    page = next((sample_site / "aanbod").glob("*/index.html"))
    document = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    weight = bench_pages.page_weight(sample_site, page)
    assert weight["files"] == 1 + len(document.select("link[rel=stylesheet]")) + len(document.select("script[src]")) >= 3
    assert weight["raw"] > weight["html_raw"] > 0
    assert 0 < weight["gzip"] < weight["raw"]


def test_every_offer_page_stays_within_the_phone_budget(sample_site):
    """Issue 6: an offer page (HTML, CSS and JavaScript, without the search index) stays under 50 KB,
    even uncompressed."""
    rows = bench_pages.report(sample_site)
    assert rows["aanbod"]["pages"] >= 55
    assert rows["aanbod"]["largest_raw"] < bench_pages.BUDGET
    assert rows["lijstje data (per bestand)"]["pages"] >= 1
