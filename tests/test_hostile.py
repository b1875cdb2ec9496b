"""Hostile pull requests: every file in tests/hostile/ is refused, or published harmlessly.

tests/hostile/refused/ holds files that must be refused, tests/hostile/published/ files that
must be published without harm (a whole content folder: provider, offers, a page). Cases git
cannot or should not carry (links, a pipe, a huge file, 20,000 levels of nesting, names that
collide on Windows or macOS) are made here in tmp. Everything runs through the real command
(`python -m aanbod validate`) and the real build (`pelican`), once per set, not once per file.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SCHEMA, SCHEMA_OPTION, build_site, offer_yaml, write_files

HOSTILE = ROOT / "tests" / "hostile"
PUBLISHED = HOSTILE / "published"
REFUSED = HOSTILE / "refused"
SECRET = "GEHEIM-7d1f0c"  # in files outside the content folder; must never be printed or published
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
FORMULA_PREFIX = " \u00a0\"'\u2018\u2019\u201c\u201d"
DANGEROUS_SCHEMES = ("javascript:", "data:", "vbscript:")
LINK_ATTRIBUTES = ("href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href", "background")
PROVIDER = "kwaadwillig"


def _cli(*arguments: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "aanbod", *arguments, *SCHEMA_OPTION], capture_output=True, text=True, cwd=ROOT)


def _outside_offer(offer_id: str) -> str:
    """A valid offer that would be published if a link to it were followed."""
    return offer_yaml(offer_id, PROVIDER, title=f"{SECRET} titel", summary=f"{SECRET} samenvatting.")


def _make_generated_cases(content: Path, outside: Path) -> list[str]:
    """The cases made in tmp; returns the paths (relative to ``content``) that must be named in the refusal."""
    outside.mkdir(parents=True, exist_ok=True)
    (outside / "secret.yaml").write_text(_outside_offer("symlink-to-outside-offer"), encoding="utf-8")
    (outside / "passwd.yaml").write_text(f"root: x:0:0:{SECRET}:/root:/bin/bash\n", encoding="utf-8")
    (outside / "provider-folder").mkdir(exist_ok=True)
    (outside / "provider-folder" / "linked-folder-offer.yaml").write_text(_outside_offer("linked-folder-offer"), encoding="utf-8")
    (outside / "provider.yaml").write_text(f"id: kwaad-link\nname: {SECRET}\ndescription: x\nmunicipality: utrecht\n", encoding="utf-8")
    offers = content / "offers" / PROVIDER
    links = {
        "offers/kwaadwillig/symlink-to-outside-offer.yaml": os.path.relpath(outside / "secret.yaml", offers),
        "offers/kwaadwillig/symlink-absolute-to-passwd-like.yaml": str(outside / "passwd.yaml"),
        "offers/kwaadwillig/symlink-loop.yaml": "symlink-loop.yaml",
        "offers/kwaadwillig/symlink-dangling.yaml": "does-not-exist.yaml",
        "offers/kwaadwillig/symlink-to-other-content-file.yaml": "markdown-raw-html.yaml",
        "offers/kwaad-link": str(outside / "provider-folder"),
        "providers/kwaad-link.yaml": str(outside / "provider.yaml"),
    }
    for relative, target in links.items():
        os.symlink(target, content / relative)
    os.mkfifo(offers / "fifo-instead-of-file.yaml")
    huge = offer_yaml("huge-file", PROVIDER) + "# " + "x" * 150_000 + "\n"
    deep = offer_yaml("deep-nesting-20000", PROVIDER) + "x: " + "[" * 20_000 + "]" * 20_000 + "\n"
    write_files(content, {
        "offers/kwaadwillig/huge-file.yaml": huge,
        "offers/kwaadwillig/deep-nesting-20000.yaml": deep,
        # Collide on case-insensitive file systems and URLs: the one with capitals is refused.
        "offers/kwaadwillig/Case-Collision.yaml": offer_yaml("case-collision", PROVIDER, title="Hoofdletters in de naam"),
        "offers/kwaadwillig/case-collision.yaml": offer_yaml("case-collision", PROVIDER, title="Kleine letters in de naam"),
        "offers/Kwaadwillig/provider-folder-in-capitals.yaml": offer_yaml("provider-folder-in-capitals", PROVIDER),
        # Two files, one id: .yaml and .yml.
        "offers/kwaadwillig/same-id-two-suffixes.yaml": offer_yaml("same-id-two-suffixes", PROVIDER, title="Eerste"),
        "offers/kwaadwillig/same-id-two-suffixes.yml": offer_yaml("same-id-two-suffixes", PROVIDER, title="Tweede"),
        # Windows device names, in any case.
        "offers/kwaadwillig/con.yaml": offer_yaml("con", PROVIDER, title="Apparaatnaam"),
        "offers/kwaadwillig/lpt1.yml": offer_yaml("lpt1", PROVIDER, title="Printernaam"),
    })
    return sorted([*links, "offers/kwaadwillig/fifo-instead-of-file.yaml", "offers/kwaadwillig/huge-file.yaml",
                   "offers/kwaadwillig/deep-nesting-20000.yaml", "offers/kwaadwillig/Case-Collision.yaml",
                   "offers/Kwaadwillig/provider-folder-in-capitals.yaml", "offers/kwaadwillig/same-id-two-suffixes.yml",
                   "offers/kwaadwillig/con.yaml", "offers/kwaadwillig/lpt1.yml"])


def _corpus(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*") if path.is_file())


REFUSED_FILES = _corpus(REFUSED)


@pytest.fixture(scope="module")
def refused_site(tmp_path_factory):
    """The published set plus every refused file and every generated case, in one content folder."""
    root = tmp_path_factory.mktemp("hostile-refused")
    content = root / "content"
    shutil.copytree(PUBLISHED, content)
    shutil.copytree(REFUSED, content, dirs_exist_ok=True)
    generated = _make_generated_cases(content, root / "outside")
    return content, generated


@pytest.fixture(scope="module")
def refused_run(refused_site):
    content, _ = refused_site
    return _cli("validate", "--content", str(content))


def _named(output: str, content: Path, relative: str) -> list[str]:
    """The lines of ``output`` that name ``relative`` with a line number."""
    path = re.escape(str(content / relative))
    return re.findall(rf"^{path}:[1-9][0-9]*: .+$", output, flags=re.MULTILINE)


def test_the_refused_set_fails_without_traceback_or_outside_text(refused_run):
    output = refused_run.stdout + refused_run.stderr
    assert refused_run.returncode == 1
    assert "Traceback" not in output and "RecursionError" not in output
    assert SECRET not in output
    assert re.search(r"problemen in \d+ bestanden", output)


@pytest.mark.parametrize("relative", REFUSED_FILES)
def test_every_refused_file_is_named_with_a_line(refused_run, refused_site, relative):
    content, _ = refused_site
    assert _named(refused_run.stdout, content, relative), refused_run.stdout[-3000:]


def test_every_generated_case_is_named_with_a_line(refused_run, refused_site):
    content, generated = refused_site
    unnamed = [relative for relative in generated if not _named(refused_run.stdout, content, relative)]
    assert unnamed == [], refused_run.stdout[-3000:]


def test_links_pipes_and_nesting_get_their_own_dutch_message(refused_run, refused_site):
    content, _ = refused_site
    said = {relative: " ".join(_named(refused_run.stdout, content, relative)) for relative in (
        "offers/kwaadwillig/symlink-to-outside-offer.yaml", "offers/kwaad-link", "offers/kwaadwillig/symlink-loop.yaml",
        "offers/kwaadwillig/fifo-instead-of-file.yaml", "offers/kwaadwillig/deep-nesting-20000.yaml")}
    assert ":1: Dit bestand is een symlink" in said["offers/kwaadwillig/symlink-to-outside-offer.yaml"]
    assert ":1: Dit bestand is een symlink" in said["offers/kwaadwillig/symlink-loop.yaml"]
    assert ":1: De map 'kwaad-link' is een symlink" in said["offers/kwaad-link"]
    assert ":1: Dit is geen gewoon bestand" in said["offers/kwaadwillig/fifo-instead-of-file.yaml"]
    line = len(offer_yaml("deep-nesting-20000", PROVIDER).splitlines()) + 1
    assert f":{line}: Hier zitten lijsten of blokken meer dan 20 keer in elkaar" in said["offers/kwaadwillig/deep-nesting-20000.yaml"]


def test_a_forbidden_character_is_named_by_its_code_and_never_printed(refused_run):
    output = refused_run.stdout
    assert re.search(r"bidi-override-in-title\.yaml:\d+: title: .*\(U\+202E\).*Trojan Source", output)
    assert re.search(r"ansi-escape-in-summary\.yaml:\d+: summary: .*\(U\+001B\)", output)
    assert re.search(r"tab-in-title\.yaml:\d+: title: Hier staat een tab, maar dit veld is één regel tekst", output)
    assert re.search(r"bidi-in-key\.yaml:\d+: De naam van een veld \('ti\\u202etle'\)", output)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", output)


def test_the_build_refuses_the_same_set(refused_site, tmp_path):
    content, _ = refused_site
    result = build_site(content, tmp_path / "output", search_index=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output and SECRET not in output
    assert _named(result.stderr, content, "offers/kwaadwillig/symlink-to-outside-offer.yaml")
    assert not (tmp_path / "output" / "aanbod" / "symlink-to-outside-offer").exists()


def test_a_pull_request_with_links_is_refused_file_by_file(refused_site, tmp_path):
    """validate --changed-list reads the changed files and an index of the rest: neither may follow a link."""
    content, _ = refused_site
    changed = ["offers/kwaadwillig/symlink-to-outside-offer.yaml", "offers/kwaad-link/linked-folder-offer.yaml",
               "offers/kwaadwillig/symlink-dangling.yaml", "providers/kwaad-link.yaml", "offers/kwaadwillig/fifo-instead-of-file.yaml",
               "offers/kwaadwillig/deep-nesting-20000.yaml", "offers/kwaadwillig/bidi-override-in-title.yaml"]
    listing = tmp_path / "changed.txt"
    listing.write_text("\n".join(str(content / name) for name in changed) + "\n", encoding="utf-8")
    result = _cli("validate", "--content", str(content), "--changed-list", str(listing), "--today", "2026-11-01")
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "Traceback" not in output and SECRET not in output
    unnamed = [name for name in changed if not _named(result.stdout, content, name)]
    assert unnamed == [], result.stdout


def test_the_index_never_reads_through_a_link(refused_site):
    from aanbod.contrib.content_index import build_index, sketches
    from aanbod.content.schema import load_schema

    content, _ = refused_site
    index = build_index(content, load_schema(ROOT / "schema"))
    listed = {str(path.relative_to(content)) for path in index.offer_files}
    assert "offers/kwaadwillig/symlink-to-outside-offer.yaml" not in listed
    assert not any(name.startswith("offers/kwaad-link/") for name in listed)
    assert all(SECRET not in sketch.title for sketch in sketches(index, str))


# --- Pages and the guide: the other routes that read files a pull request can change ---

def test_a_linked_page_stops_the_build_without_printing_it(tmp_path):
    content = tmp_path / "content"
    shutil.copytree(PUBLISHED, content)
    outside = tmp_path / "outside.md"
    outside.write_text(f"Title: {SECRET}\n\n{SECRET}\n", encoding="utf-8")
    os.symlink(outside, content / "pages" / "geheim.md")
    result = build_site(content, tmp_path / "output", search_index=False)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output and SECRET not in output
    assert f"{content / 'pages' / 'geheim.md'}:1: Dit bestand is een symlink" in output


@pytest.mark.parametrize(("header", "line", "field"), [
    ("Title: x\nSlug: x\nSave_as: ../../../buiten.html\n", 3, "Save_as"),
    ("Title: x\nTemplate: ../../../etc/passwd\n", 2, "Template"),
    ("Title: x\nSlug: ../../buiten\n", 2, "Slug"),
])
def test_page_metadata_cannot_choose_where_or_how_pelican_writes(tmp_path, header, line, field):
    content = tmp_path / "content"
    shutil.copytree(PUBLISHED, content)
    (content / "pages" / "schrijf-buiten.md").write_text(header + "\nTekst.\n", encoding="utf-8")
    result = build_site(content, tmp_path / "site" / "output", search_index=False)
    assert result.returncode != 0
    assert "Traceback" not in result.stdout + result.stderr
    assert f"{content / 'pages' / 'schrijf-buiten.md'}:{line}: {field}: " in result.stderr
    assert not list(tmp_path.glob("buiten*")) and not list((tmp_path / "site").glob("buiten*"))


def test_a_linked_guide_is_refused_without_reading_it(tmp_path):
    from aanbod.site.contributing import GuideError, read_guide

    outside = tmp_path / "secret.md"
    outside.write_text(f"# {SECRET}\n", encoding="utf-8")
    guide = tmp_path / "CONTRIBUTING.md"
    os.symlink(outside, guide)
    with pytest.raises(GuideError) as refused:
        read_guide(guide)
    assert str(refused.value).startswith(f"{guide}:1: Dit bestand is een symlink")
    assert SECRET not in str(refused.value)


def test_nesting_is_bounded_before_python_recursion_can_fail():
    from aanbod.content.loading import parse_text

    for opening, closing in (("[", "]"), ("{a: ", "}")):
        text = "id: x\nx: " + opening * 20_000 + closing * 20_000 + "\n"
        document, problems = parse_text(text.encode(), "diep.yaml", max_bytes=10**7)
        assert document is None
        assert [(problem.line, problem.code) for problem in problems] == [(2, "yaml")]


# --- Published harmlessly: one build of tests/hostile/published, search index included ---

@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile-published")
    content = root / "content"
    shutil.copytree(PUBLISHED, content)
    check = _cli("validate", "--content", str(content))
    assert check.returncode == 0, check.stdout + check.stderr
    result = build_site(content, root / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


PUBLISHED_OFFERS = sorted(path.stem for path in (PUBLISHED / "offers" / PROVIDER).glob("*.yaml"))


def _pages(output: Path) -> list[Path]:
    return sorted(output.rglob("*.html"))


def _dangerous(value: str) -> bool:
    # Browsers drop ASCII whitespace and control characters inside a scheme.
    squeezed = re.sub(r"[\x00-\x20]", "", value).lower()
    return squeezed.startswith(DANGEROUS_SCHEMES)


def test_every_published_offer_has_a_page(published_site):
    assert PUBLISHED_OFFERS
    missing = [name for name in PUBLISHED_OFFERS if not (published_site / "aanbod" / name / "index.html").exists()]
    assert missing == []


def test_no_page_has_a_script_handler_or_dangerous_link_from_content(published_site):
    found = []
    for page in _pages(published_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for tag in soup.find_all(True):
            for name, value in tag.attrs.items():
                value = " ".join(value) if isinstance(value, list) else value
                if name.lower().startswith("on"):
                    found.append(f"{page}: <{tag.name} {name}>")
                if name.lower() in LINK_ATTRIBUTES and _dangerous(value):
                    found.append(f"{page}: <{tag.name} {name}={value[:60]}>")
                if name.lower() in ("src", "srcset", "action", "data", "poster") and "kwaad.example" in value:
                    found.append(f"{page}: <{tag.name} {name}> loads from another host")
            own = " ".join(str(value) for value in tag.attrs.values()) + (tag.string or "" if tag.name == "style" else "")
            if tag.name in ("iframe", "object", "embed", "form", "style", "svg", "img") and "kwaad" in own:
                found.append(f"{page}: <{tag.name}> from content")
            if tag.name == "script":
                kind = tag.get("type", "")
                text = tag.string or ""
                if kind in ("application/ld+json", "application/json"):
                    if "<" in text:
                        found.append(f"{page}: '<' inside a JSON island")
                elif "__kwaad" in text:
                    found.append(f"{page}: a script from content")
    assert found == []


def test_html_in_text_fields_is_shown_as_text(published_site):
    page = (published_site / "aanbod" / "html-and-script-in-every-text-field" / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__kwaad=1&lt;/script&gt;" in page
    soup = BeautifulSoup(page, "html.parser")
    assert soup.find("h1").get_text(strip=True) == "<script>window.__kwaad=1</script>"
    provider = (published_site / "aanbieders" / PROVIDER / "index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;window.__kwaad=1&lt;/script&gt; Kwaadwillig" in provider


def test_markdown_tricks_leave_no_link_but_http_mailto_tel(published_site):
    for name in ("markdown-dangerous-links", "markdown-raw-html"):
        soup = BeautifulSoup((published_site / "aanbod" / name / "index.html").read_text(encoding="utf-8"), "html.parser")
        body = soup.find("main")
        hrefs = [a["href"] for a in body.find_all("a", href=True)]
        assert all(href.startswith(("/", "http://", "https://", "mailto:", "tel:", "#", "../", "./")) or not re.match(r"^[a-z]+:", href) for href in hrefs), hrefs
        assert body.find("img", src=re.compile("kwaad")) is None
        assert "javascript:window.__kwaad=1" not in [a.get("href") for a in body.find_all("a")]


def test_data_files_keep_texts_unchanged(published_site):
    data = json.loads((published_site / "data" / "offers.json").read_text(encoding="utf-8"))
    offers = {offer["id"]: offer for offer in data["offers"]}
    surprises = offers["yaml-1-1-surprises"]
    assert (surprises["title"], surprises["summary"], surprises["how_to_apply"]) == ("no", "yes", "on")
    assert (surprises["cost_description"], surprises["compensation"], surprises["contact_name"]) == ("010", "0x1F", "~")
    assert surprises["description"] == "2024-05-01"
    assert surprises["locations"][0]["name"] == "1e3"
    assert offers["html-and-script-in-every-text-field"]["title"] == "<script>window.__kwaad=1</script>"


def test_no_csv_cell_starts_a_formula(published_site):
    cells = []
    for path in sorted((published_site / "data").rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            cells += [(path.name, cell) for row in csv.reader(handle) for cell in row]
    assert any("Koken = samen eten" == cell for _, cell in cells)
    formulas = [(name, cell) for name, cell in cells if cell.lstrip(FORMULA_PREFIX).startswith(FORMULA_STARTS) and not _number(cell)]
    assert formulas == []


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def test_no_xlsx_cell_is_a_formula(published_site):
    from openpyxl import load_workbook

    book = load_workbook(published_site / "data" / "offers.xlsx")
    found, texts = [], 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.lstrip(FORMULA_PREFIX).startswith(FORMULA_STARTS) and not _number(cell.value)):
                    found.append((sheet.title, cell.coordinate, cell.value))
                texts += isinstance(cell.value, str) and "__kwaad" in cell.value
    assert texts > 0  # the hostile texts are there, as text
    assert found == []


@pytest.mark.browser
def test_no_script_from_content_runs_and_nothing_leaves_the_machine(published_site, chromium_path):
    from browser import browser_page, serve

    flags = "() => [window.__kwaad || 0, window.__dialogs || 0]"
    trap = ("window.__dialogs = 0;"
            "for (const name of ['alert', 'confirm', 'prompt', 'print']) { window[name] = () => { window.__dialogs += 1; }; }")
    pages = [str(page.relative_to(published_site)).removesuffix("index.html") for page in _pages(published_site)]
    ran = []
    with serve(published_site) as url, browser_page(chromium_path) as page:
        page.add_init_script(trap)
        page.on("dialog", lambda dialog: (ran.append(f"dialog: {dialog.message}"), dialog.dismiss()))
        for path in pages:
            page.goto(f"{url}/{path}", wait_until="load")
            if page.evaluate(flags) != [0, 0]:
                ran.append(path)
        # Pages whose scripts write offer texts: search results and a shared list of every hostile offer.
        page.goto(f"{url}/zoeken/?q=script")
        page.wait_for_function("() => Number(document.getElementById('search').dataset.updates || 0) > 0")
        assert page.locator(".finder-card").count() > 0
        page.goto(f"{url}/lijstje/?aanbod={','.join(PUBLISHED_OFFERS)}")
        page.wait_for_function("n => document.querySelectorAll('.shortlist-item').length === n", arg=len(PUBLISHED_OFFERS))
        if page.evaluate(flags) != [0, 0]:
            ran.append("zoeken, lijstje")
        foreign = list(page.foreign_requests)
    assert ran == []
    assert foreign == []


def test_reading_in_several_processes_refuses_the_same_files_with_the_same_messages(refused_site):
    """The build and `validate` read the files on every core (aanbod/forking.py): hostile files included, the problems
    are one process's, in the same order."""
    from aanbod.content.schema import load_schema
    from aanbod.content.validation import validate_content

    content, _ = refused_site
    schema = load_schema(SCHEMA)
    alone, problems_alone = validate_content(content, schema, workers=1)
    together, problems_together = validate_content(content, schema, workers=3)
    assert alone is None and together is None and len(problems_alone) > 20
    assert problems_together == problems_alone


def test_reading_in_several_processes_gives_the_same_rows_in_the_same_order():
    from aanbod.content.schema import load_schema
    from aanbod.content.validation import validate_content

    schema = load_schema(SCHEMA)
    alone, _ = validate_content(PUBLISHED, schema, workers=1)
    together, _ = validate_content(PUBLISHED, schema, workers=3)
    assert alone is not None and sum(len(rows) for rows in alone.rows.values()) > 5
    assert together.rows == alone.rows and together.typed == alone.typed and together.file_count == alone.file_count
