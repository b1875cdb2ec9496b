"""The Nu Html Checker (vnu-jar, on Java) over every HTML page of the built sample site, and over
the pages that JavaScript fills in (Mijn lijstje, an offer after saving it): no errors.
One JVM run checks all files."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from browser import browser_page, serve
from conftest import ROOT
from inclusion import SHORTLIST_KEY, tab_until

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
OFFERS = ["fietsenwerkplaats-overvecht", "taalcafe-kanaleneiland", "weg-is-weg"]


def rendered_pages(site, chromium_path, folder):
    """The DOM of pages after their scripts ran, saved as HTML files to check."""
    with serve(site) as url, browser_page(chromium_path) as page:
        page.goto(f"{url}/404.html")
        page.evaluate("([key, ids]) => localStorage.setItem(key, JSON.stringify(ids))", [SHORTLIST_KEY, OFFERS])
        page.goto(f"{url}/lijstje/")
        page.wait_for_selector(".shortlist-item")
        (folder / "lijstje-gevuld.html").write_text(page.content(), encoding="utf-8")
        page.goto(f"{url}/aanbod/{OFFERS[1]}/")
        tab_until(page, lambda f: f["text"] == "Haal uit mijn lijstje")
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-shortlist-status] a")
        (folder / "aanbod-na-klik.html").write_text(page.content(), encoding="utf-8")
    return sorted(folder.glob("*.html"))


@pytest.mark.browser
def test_every_page_is_valid_html(sample_site, chromium_path, tmp_path):
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: the Nu Html Checker needs it (apt-get install default-jre-headless).")
    pages = sorted(path for path in sample_site.rglob("*.html") if "pagefind" not in path.parts)
    assert len(pages) > 100
    pages += rendered_pages(sample_site, chromium_path, tmp_path)
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True,
    )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    errors = [f"{message.get('url', '').rsplit('/', 3)[-3:]}:{message.get('lastLine')}: {message['message']}" for message in messages]
    assert errors == []
    assert result.returncode == 0
