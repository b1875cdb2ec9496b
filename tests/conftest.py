"""Shared helpers: inline test sites written into tmp_path, and one build of the sample site.

Fixture names mean one thing in every test file (a file may define its own fixture of a name only
with the same meaning, for example with other content or another scope):

- ``site``: an inline content folder (a ``Path``) with one provider and one valid offer; tests add or
  replace files. ``content``: a content folder a test file writes itself, for the same purpose.
- ``output``: a folder a test file built a site into; ``sample_site``: the repository's own content,
  built once per run; ``site_url``: that build served on 127.0.0.1.
- ``catalogue``: a validated ``Catalogue`` (of the sample content unless the file says otherwise);
  ``data``: every data file written from it.
- ``page``: a chromium page that aborts requests leaving 127.0.0.1 (a browser test); an HTML page
  read for its markup is a ``soup`` (``soup(path)``), never a ``page``.
"""

from __future__ import annotations

import atexit
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
# The repository's own schema: what its content, editor schemas and forms are checked against.
REPOSITORY_SCHEMA = ROOT / "schema"
# The region the tests are written for (tests/fixtures/region: Utrecht's municipalities and wijken). A fork replaces
# schema/taxonomies/municipalities.csv and wijken.csv (README, "Gebruik Open Aanbod in jouw gemeente"); the tests
# that build their own sites keep this region, because they test the generator, not the region's lists.
TEST_REGION = Path(__file__).resolve().parent / "fixtures" / "region"
REGION_TAXONOMIES = ("municipalities.csv", "wijken.csv")


def _schema_for_tests() -> Path:
    """The repository's schema/ with the test region's lists: the folder itself where they are the same."""
    taxonomies = REPOSITORY_SCHEMA / "taxonomies"
    if all((taxonomies / name).read_bytes() == (TEST_REGION / name).read_bytes() for name in REGION_TAXONOMIES):
        return REPOSITORY_SCHEMA
    folder = Path(tempfile.mkdtemp(prefix="open-aanbod-test-schema-")) / "schema"
    shutil.copytree(REPOSITORY_SCHEMA, folder)
    for name in REGION_TAXONOMIES:
        shutil.copyfile(TEST_REGION / name, folder / "taxonomies" / name)
    from aanbod.contrib import editor_schema
    from aanbod.content.schema import load_schema
    editor_schema.write(load_schema(folder))  # the editor schemas of the test region, as `make schemas` writes them
    atexit.register(shutil.rmtree, folder.parent, True)
    return folder


SCHEMA = _schema_for_tests()
# What a `python -m aanbod` command needs to use SCHEMA instead of the repository's own (nothing where they are the same).
SCHEMA_OPTION = () if SCHEMA == REPOSITORY_SCHEMA else ("--schema", str(SCHEMA))

# Utrecht's sample content. A fork removes it (README, "Gebruik Open Aanbod in jouw gemeente"); the tests of
# the sample then skip with this reason; the inline sites below keep the test region (SCHEMA).
SAMPLE = ROOT / "content" / "providers" / "buurtwerk-noord.yaml"
SAMPLE_GONE = "het voorbeeldaanbod van Utrecht staat niet meer in content/ (een fork); deze test hoort bij dat voorbeeld"


def require_sample() -> None:
    if not SAMPLE.exists():
        pytest.skip(SAMPLE_GONE)


# A municipality of the test region with one of its wijken, for inline sites.
MUNICIPALITY, WIJK = "utrecht", "overvecht"

PROVIDER = """\
id: {id}
name: {name}
description: Een organisatie om mee te testen.
website: https://{id}.example.nl/
email: info@{id}.example.nl
phone: 030 123 4567
municipality: {municipality}
"""

OFFER_FIELDS = {
    "id": "{id}",
    "provider": "{provider}",
    "title": "Fietsen repareren",
    "summary": "Je repareert fietsen samen met een begeleider.",
    "description": "|\n  In de werkplaats maken we fietsen.\n  Je leert werken in een team.",
    "kind": "werk",
    "subtype": "werkervaringsplek",
    "sectors": "[techniek]",
    "target_groups": "[ggz, bijstand]",
    "referral_required": "nee",
    "how_to_apply": "Bel Ahmed.",
    "cost_eur": "0",
    "online": "nee",
    "status": "actief",
    "verified_on": "2026-10-15",
}

LOCATION = f"""\
locations:
  - name: Werkplaats De Spaak
    street_address: Zamenhofdreef 30
    postcode: 3562 JW
    municipality: {MUNICIPALITY}
{"    wijk: " + WIJK + chr(10) if WIJK else ""}    latitude: 52.1121
    longitude: 5.1162
"""


def offer_yaml(offer_id: str = "fietsen", provider: str = "buurtwerk", extra: str = LOCATION, drop: tuple = (), **fields) -> str:
    """An offer file: valid unless the test overrides, drops or adds something."""
    values = {**OFFER_FIELDS, **fields}
    lines = [f"{key}: {value}" for key, value in values.items() if key not in drop]
    text = "\n".join(lines).replace("{id}", offer_id).replace("{provider}", provider) + "\n"
    return text + extra


def provider_yaml(provider_id: str = "buurtwerk", name: str = "Buurtwerk") -> str:
    return PROVIDER.format(id=provider_id, name=name, municipality=MUNICIPALITY)


def soup(path: Path):
    """A built HTML page, parsed for its markup."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def messages(problems) -> list[str]:
    """Problems as the command prints them, in their order."""
    return [problem.format() for problem in sorted(problems)]


def schema_messages(folder: Path) -> list[str]:
    """The problems of a schema folder that must not load."""
    from aanbod.content.schema import read_schema

    schema, problems = read_schema(folder)
    assert schema is None
    return messages(problems)


def rewrite(path: Path, old: str, new: str) -> None:
    """Replace text that must be there (a test that edits nothing proves nothing)."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def site(tmp_path):
    """An inline content folder with one provider and one valid offer; tests add or replace files."""
    content = tmp_path / "content"
    write_files(content, {
        "providers/buurtwerk.yaml": provider_yaml(),
        "offers/buurtwerk/fietsen.yaml": offer_yaml(),
    })
    return content


def run_pelican(content: Path, output: Path, settings: Path = ROOT / "pelicanconf.py", extra: tuple[str, ...] = (),
                cwd: Path = ROOT, schema: Path | None = SCHEMA, cache: Path | None = None) -> subprocess.CompletedProcess:
    """The real pelican command, as `make html` runs it; the one place tests assemble it.

    Inline sites are checked against SCHEMA (the test region); the repository's own content, or a copy of it,
    against ``schema=REPOSITORY_SCHEMA``; ``schema=None`` leaves it to the settings file. Every build is a clean
    one (no build cache) unless a test gives its own ``cache`` folder: builds of different sites would otherwise
    share the repository's .cache/build.
    """
    command = [
        str(Path(sys.executable).with_name("pelican")), str(content),
        "--settings", str(settings), "--output", str(output),
        "--delete-output-directory", "--fatal", "errors",
    ]
    if schema not in (None, REPOSITORY_SCHEMA):
        extra = (f"AANBOD_SCHEMA_PATH={json.dumps(str(schema))}", *extra)
    extra = (f"AANBOD_CACHE_PATH={json.dumps(str(cache) if cache else '')}", *extra)
    command += ["--extra-settings", *extra]
    # No COLUMNS: the build writes whole lines without a terminal (aanbod/site/build_log.py), as in CI.
    return subprocess.run(command, capture_output=True, text=True, cwd=cwd)


def build_site(content: Path, output: Path, search_index: bool = True, cwd: Path = ROOT, schema: Path = SCHEMA) -> subprocess.CompletedProcess:
    """Build with the repository's settings (from ``cwd``: a checkout builds from its own root)."""
    return run_pelican(content, output, extra=() if search_index else ("AANBOD_SEARCH_INDEX=false",), cwd=cwd, schema=schema)


def build_ok(content: Path, output: Path, search_index: bool = True, schema: Path = SCHEMA) -> subprocess.CompletedProcess:
    """``build_site`` for a test that needs the site: a failed build fails the test with the build's log."""
    result = build_site(content, output, search_index=search_index, schema=schema)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


# The only inline scripts a page has: data, never code.
DATA_SCRIPTS = ("application/json", "application/ld+json")


def assert_no_inline_code(page, where) -> None:
    """Every inline script of a parsed page is a data block that still reads as JSON, and no element has an
    event handler attribute: a text that broke out of its place would leave one or the other."""
    for script in page.find_all("script", src=False):
        assert script.get("type") in DATA_SCRIPTS, (where, str(script)[:200])
        json.loads(script.string)
    assert not [element.name for element in page.find_all(True) if any(name.startswith("on") for name in element.attrs)], where


BROWSER_FIXTURES = {"page", "chromium_path"}


def pytest_collection_modifyitems(items):
    """A test that drives chromium is a browser test, marked by what it uses rather than by hand."""
    for item in items:
        if BROWSER_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def schema_copy(tmp_path) -> Path:
    """A copy of schema/ (without the generated editor schemas) that a test may break."""
    folder = tmp_path / "schema"
    shutil.copytree(SCHEMA, folder, ignore=shutil.ignore_patterns("editor"))
    return folder


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Path:
    """The repository's own sample content, built once per test run."""
    require_sample()
    output = tmp_path_factory.mktemp("sample") / "output"
    build_ok(ROOT / "content", output, schema=REPOSITORY_SCHEMA)
    return output


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail("Debian's chromium is missing: run `make test`, which installs it.")
    return path


# --- shared fixtures over the sample content (one definition, used by many test files) ---

@pytest.fixture(scope="session")
def catalogue():
    """The repository's sample content, validated; a test file may override it with its own."""
    require_sample()
    from aanbod.content.catalogue import read_catalogue

    catalogue, problems = read_catalogue(ROOT / "content", REPOSITORY_SCHEMA)
    assert problems == []
    return catalogue


@pytest.fixture(scope="session")
def data(catalogue, tmp_path_factory) -> Path:
    """Every data file written from the sample catalogue."""
    from aanbod.exports import write_all

    folder = tmp_path_factory.mktemp("data")
    write_all(catalogue, folder)
    return folder


@pytest.fixture(scope="session")
def site_url(sample_site):
    """The built sample site on http://127.0.0.1:<port>."""
    from browser import serve

    with serve(sample_site) as url:
        yield url


@pytest.fixture(autouse=True, scope="module")
def _one_chromium_per_module():
    """Browser tests share one chromium per module (tests/browser.py); close it when the module is done."""
    yield
    from browser import shared

    shared.close()


@pytest.fixture
def page(chromium_path):
    """A chromium page that records and aborts every request leaving 127.0.0.1."""
    from browser import browser_page

    with browser_page(chromium_path) as page:
        yield page
