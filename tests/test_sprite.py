"""Pictograms come from one SVG sprite (aanbod/site/pages/icons.py): every reference resolves, and chromium draws them."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup

from aanbod.site.pages.compact import compact
from aanbod.site.pages.icons import FALLBACK, Sprite
from conftest import ROOT

OFFER = "fietsenwerkplaats-overvecht"


def test_every_pictogram_on_every_page_points_at_a_symbol_of_the_current_sprite(sample_site):
    sprite_file = sample_site / "theme/img/iconen.svg"
    symbols = set(re.findall(r'<symbol id="([^"]+)"', sprite_file.read_text(encoding="utf-8")))
    version = Sprite(ROOT / "theme/static", "/theme").version
    checked = 0
    for path in sample_site.rglob("*.html"):
        for use in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select("svg.icon use"):
            address = urlsplit(use["href"])
            assert (address.path, address.query) == ("/theme/img/iconen.svg", f"v={version}"), path
            assert address.fragment in symbols, (path, address.fragment)
            checked += 1
    assert checked > 500


def test_an_unknown_pictogram_name_shows_the_fallback(tmp_path):
    assert Sprite(ROOT / "theme/static", "/theme").href("bestaat-niet").endswith(f"#{FALLBACK}")
    assert Sprite(ROOT / "theme/static", "/theme").href("rolstoel").endswith("#rolstoel")


def test_the_sprite_link_changes_when_the_sprite_changes(tmp_path):
    (tmp_path / "img").mkdir()
    sprite = (tmp_path / "img/iconen.svg")
    sprite.write_text('<svg><symbol id="punt" viewBox="0 0 24 24"><circle r="4"/></symbol></svg>', encoding="utf-8")
    before = Sprite(tmp_path, "/theme").href("punt")
    sprite.write_text('<svg><symbol id="punt" viewBox="0 0 24 24"><circle r="5"/></symbol></svg>', encoding="utf-8")
    assert Sprite(tmp_path, "/theme").href("punt") != before  # a cached old sprite is never used


@pytest.mark.browser
def test_chromium_draws_the_pictograms_from_the_sprite(page, site_url):
    with page.expect_response(lambda response: "/theme/img/iconen.svg" in response.url) as sprite:
        page.goto(f"{site_url}/aanbod/{OFFER}/")
    assert sprite.value.ok
    icon = page.locator(".key-facts svg.icon").first
    # A <use> has a size once its symbol from the other file is drawn: an event to wait for, not a delay.
    page.wait_for_function("() => document.querySelector('.key-facts svg.icon use').getBBox().width > 0")
    drawn = icon.screenshot()
    icon.evaluate("svg => svg.querySelector('use').setAttribute('href', '/theme/img/iconen.svg#geen-symbool')")
    assert icon.screenshot() != drawn  # the pictogram was really there, not an empty box
    assert icon.get_attribute("aria-hidden") == "true"


def test_compacting_drops_indentation_but_keeps_line_breaks_and_preformatted_templates():
    assert compact("<ul>\n  <li>a</li>\n\t<li>b</li>\n</ul>\n") == "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n"
    kept = "<pre><code>pip install\n    frictionless</code></pre>\n"
    assert compact(kept) == kept
