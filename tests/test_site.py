"""Whole-site tests: build inline sites and the sample content with the real pelican command."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from aanbod.content.catalogue import read_catalogue
from conftest import REPOSITORY_SCHEMA, ROOT, assert_no_inline_code, build_ok, build_site, offer_yaml, soup, write_files



@pytest.fixture(scope="module")
def inline_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("inline")
    content = root / "content"
    write_files(content, {
        "providers/buurtwerk.yaml": "id: buurtwerk\nname: Buurtwerk <b>Noord</b>\ndescription: Wij helpen.\nmunicipality: utrecht\n",
        "offers/buurtwerk/fietsen.yaml": offer_yaml(
            description="|\n  Hallo <script>alert('x')</script> en [klik](javascript:alert(1)).\n  **Echt vet.**",
            extra="locations:\n  - name: Werkplaats\n    street_address: Zamenhofdreef 30\n    postcode: 3562 JW\n    municipality: utrecht\n    wijk: overvecht\n"
                  "schedule:\n  woensdag: [middag]\n  maandag: [ochtend, middag]\n",
            cost_eur="2.50", cost_description="per keer", min_age="18", hours_per_week="2", start_date="2027-03-06",
        ),
        "offers/buurtwerk/pauze.yaml": offer_yaml("pauze", title="Tuinieren in de pauze", status="gepauzeerd", extra="", online="ja"),
        "offers/buurtwerk/gestopt.yaml": offer_yaml("gestopt", title="Gestopt aanbod", status="ingetrokken"),
        "pages/over.md": "Title: Over\nSlug: over\n\nOver <script>x()</script> deze **site**.\n",
    })
    output = root / "output"
    return output, build_ok(content, output, search_index=False)


def test_published_offers_get_a_page_and_withdrawn_ones_are_reported(inline_site):
    output, result = inline_site
    assert (output / "aanbod/fietsen/index.html").exists()
    assert (output / "aanbod/pauze/index.html").exists()
    # A withdrawn offer keeps its URL, with a page that says it stopped (tests/test_withdrawn.py).
    assert "Dit aanbod is gestopt." in soup(output / "aanbod/gestopt/index.html").select_one(".notice").get_text()
    assert not soup(output / "aanbod/gestopt/index.html").select(".apply")
    log = " ".join((result.stdout + result.stderr).split())
    assert "niet gepubliceerd, status 'ingetrokken'" in log
    assert "Aanbod: 2 gepubliceerd van 1 aanbieder." in log
    assert "gestopt.yaml" in log


def test_offer_page_shows_what_where_when_for_whom_costs_and_how(inline_site):
    output, _ = inline_site
    page = soup(output / "aanbod/fietsen/index.html")
    assert page.html["lang"] == "nl"
    assert page.h1.get_text() == "Fietsen repareren"
    facts = {div.dt.get_text(): " ".join(div.dd.get_text(" ").split()) for div in page.select(".facts dl > div")}
    assert facts["Wat"] == "Werk: Werkervaringsplek (techniek en fietsen)"
    assert facts["Waar"] == "Werkplaats, Utrecht (Overvecht)"
    # Each sentence ends with a space before the next, also in the text a printer or screen reader gets.
    assert facts["Wanneer"] == "Maandag: ochtend en middag Woensdag: middag Ongeveer 2 uur per week. Begint op 6 maart 2027."
    assert "week. Begint" in page.select_one(".facts").get_text()
    assert facts["Voor wie"] == "Psychische klachten, Bijstand; vanaf 18 jaar"
    assert facts["Kosten"] == "€ 2,50 per keer"
    assert facts["Verwijzing nodig"] == "Nee, je kunt je zelf aanmelden."
    assert page.select_one(".apply p").get_text() == "Bel Ahmed."
    assert page.select_one(".provider-line a")["href"] == "/aanbieders/buurtwerk/"
    assert " ".join(page.select_one(".verified").get_text().split()) == "Gecontroleerd op 15 oktober 2026 door Buurtwerk <b>Noord</b>."


def test_counts_on_the_home_page_have_their_singular(inline_site):
    output, _ = inline_site
    lead = " ".join(soup(output / "index.html").select_one(".lead").get_text().split())
    assert lead.endswith("Er is nu 2 keer aanbod van 1 organisatie.")
    lead_en = " ".join(soup(output / "en/index.html").select_one(".lead").get_text().split())
    assert lead_en.endswith("There are now 2 offers from 1 organisation.")


def test_untrusted_text_is_escaped_everywhere(inline_site):
    output, _ = inline_site
    for path in output.rglob("*.html"):
        page = soup(path)
        assert_no_inline_code(page, path)
        assert not page.select("b"), f"provider HTML passed through in {path}"
        for link in page.find_all("a", href=True):
            assert not link["href"].lower().startswith("javascript"), path
    description = soup(output / "aanbod/fietsen/index.html").select_one(".description")
    assert "<script>alert('x')</script>" in description.get_text()
    assert description.strong.get_text() == "Echt vet."


def test_paused_offer_says_so(inline_site):
    output, _ = inline_site
    page = soup(output / "aanbod/pauze/index.html")
    assert "Tijdelijk geen plek." in page.select_one(".notice").get_text()
    assert "Online" in page.select_one(".facts").get_text()


def test_list_pages_work_without_javascript(inline_site):
    output, _ = inline_site
    for path, titles in {
        "soort/werk/index.html": ["Fietsen repareren", "Tuinieren in de pauze"],
        "wijk/overvecht/index.html": ["Fietsen repareren"],
        "gemeente/utrecht/index.html": ["Fietsen repareren"],
        "doelgroep/ggz/index.html": ["Fietsen repareren", "Tuinieren in de pauze"],
        "aanbieders/buurtwerk/index.html": ["Fietsen repareren", "Tuinieren in de pauze"],
    }.items():
        page = soup(output / path)
        assert [a.get_text() for a in page.select(".card-title a")] == titles, path
    empty = soup(output / "wijk/zuid/index.html")
    assert "Er is hier nu geen aanbod." in empty.select_one(".empty").get_text()


def test_pages_404_and_search_exist(inline_site):
    output, _ = inline_site
    about = soup(output / "over/index.html")
    assert about.h1.get_text() == "Over"
    assert not about.select("article script")
    assert soup(output / "404.html").h1.get_text() == "Deze pagina bestaat (meer) niet".replace("bestaat (meer) niet", "bestaat niet (meer)")
    search = soup(output / "zoeken/index.html")
    assert search.select_one("#search")
    # The search interface is our own module on Pagefind's JavaScript API (tests/test_search_index.py).
    assert [s["src"] for s in search.select("main script[src]")] == ["/theme/js/search.js"]


def test_invalid_content_fails_the_build_with_positions_and_no_traceback(tmp_path):
    content = tmp_path / "content"
    write_files(content, {
        "providers/buurtwerk.yaml": "id: buurtwerk\nname: B\ndescription: x\nmunicipality: utrecht\n",
        "offers/buurtwerk/fietsen.yaml": offer_yaml(kind="werken"),
    })
    result = build_site(content, tmp_path / "output", search_index=False)
    output = " ".join((result.stdout + result.stderr).split())
    assert result.returncode != 0
    assert "offers/buurtwerk/fietsen.yaml:8: kind: 'werken' kan hier niet." in output
    assert "1 probleem in 1 bestand. Los het op en probeer het opnieuw." in output
    assert "Traceback" not in output


# --- the repository's sample content ---

def test_every_sample_offer_is_published_or_withdrawn(sample_site):
    catalogue, problems = read_catalogue(ROOT / "content", REPOSITORY_SCHEMA)
    assert problems == []
    assert len(catalogue.offers) >= 55 and len(catalogue.providers) >= 10
    pages = {path.parent.name for path in (sample_site / "aanbod").glob("*/index.html")}
    assert pages == {offer.id for offer in catalogue.offers}
    withdrawn_pages = {path.parent.name for path in (sample_site / "aanbod").glob("*/index.html") if "Dit aanbod is gestopt." in path.read_text(encoding="utf-8")}
    assert withdrawn_pages == {offer.id for offer in catalogue.withdrawn}
    assert {offer.status for offer in catalogue.withdrawn} == {"ingetrokken"}
    assert {offer.status for offer in catalogue.offers} == {"actief", "gepauzeerd", "ingetrokken"}
    assert any(offer.online and not offer.locations for offer in catalogue.offers)
    assert any(len(offer.locations) > 1 for offer in catalogue.offers)
    assert {offer.kind for offer in catalogue.offers} == {"werk", "leren", "doen"}
    assert len({wijk for offer in catalogue.offers for wijk in offer.wijken}) == 10


def test_sample_site_is_marked_as_example_data(sample_site):
    assert "dit is een voorbeeld" in soup(sample_site / "index.html").select_one(".example-banner").get_text()


def test_every_internal_link_resolves(sample_site):
    broken = []
    for path in sample_site.rglob("*.html"):
        for element in soup(path).find_all(["a", "link", "script"]):
            target = element.get("href") or element.get("src")
            if not target or urlparse(target).scheme or target.startswith("#"):
                continue
            url = urlparse(target).path
            file = sample_site / url.lstrip("/")
            if url.endswith("/"):
                file = file / "index.html"
            if not file.exists():
                broken.append(f"{path.relative_to(sample_site)} -> {target}")
    assert broken == []


def test_no_page_loads_anything_from_another_host(sample_site):
    for path in sample_site.rglob("*.html"):
        for element in soup(path).find_all(["link", "script", "img", "iframe", "source", "video", "audio"]):
            if element.name == "link" and element.get("rel") == ["alternate"]:
                continue  # an hreflang alternate names the public address; a browser fetches nothing
            target = element.get("href") or element.get("src") or ""
            assert not re.match(r"^(https?:)?//", target), f"{path}: {target}"
    css = (sample_site / "theme/css/site.css").read_text()
    assert "url(" not in css and "@import" not in css


def test_theme_scripts_are_published_without_comment_lines_and_still_parse(sample_site):
    import subprocess

    from aanbod.site.assets import compact_js

    assert compact_js("// a\nconst x = `\n// kept, inside a template\n`;\n  // b\nf(); // kept\n") == "const x = `\n// kept, inside a template\n`;\nf(); // kept\n"
    for source in sorted((ROOT / "theme/static/js").glob("*.js")):
        published = (sample_site / "theme/js" / source.name).read_text(encoding="utf-8")
        assert published == compact_js(source.read_text(encoding="utf-8")), source.name
        check = subprocess.run(["node", "--input-type=module", "--check"], input=published, capture_output=True, text=True)
        assert check.returncode == 0, (source.name, check.stderr)


def test_theme_stylesheets_are_published_without_comments(sample_site):
    from aanbod.site.assets import compact_css

    published = (sample_site / "theme/css/site.css").read_text(encoding="utf-8")
    source = (ROOT / "theme/static/css/site.css").read_text(encoding="utf-8")
    assert "/*" not in published
    assert published == compact_css(source)
    assert len(published) < len(source)
    assert compact_css("a { color: red; } /* note */\n\n\nb { x: 1; }\n") == "a { color: red; } \nb { x: 1; }\n"
