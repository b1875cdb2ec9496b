"""A municipality forks Open Aanbod by following the README's guide, "Gebruik Open Aanbod in jouw gemeente".

The test applies the guide's steps to a copy of this repository (another region: Amersfoort, with other
municipalities, wijken, providers and offers; the sample removed), then builds the copy's site and looks for
any trace of Utrecht, and runs the region-independent part of the test suite inside the copy.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SAMPLE_GONE, SHARED

# Test files that hold for any region's content: the ones a fork runs in this test. Every test file does (inline
# sites keep the test region, conftest.SCHEMA; tests of Utrecht's sample skip), but this test runs a bounded,
# quick part of them, without browser tests; the whole suite is `make test` in a fork.
REGION_INDEPENDENT = [
    "tests/test_loading.py",
    "tests/test_validation.py",
    "tests/test_rules.py",
    "tests/test_review.py",
    "tests/test_docs.py",
    "tests/test_build_log.py",
    "tests/test_markup.py",
    "tests/test_contributing_site.py",
    "tests/test_exports_formats.py",
    "tests/test_hsds.py",
    "tests/test_dcat.py",
    "tests/test_security_policy.py",
    "tests/test_workflows.py",
    "tests/test_scaffold.py",
    "tests/test_cli.py",
    "tests/test_ownership.py",
    "tests/test_editor_schema.py",
    "tests/test_schema.py",
    "tests/test_synthetic_catalogue.py",
]

# What a fork's site must not show: the sample region's names and the examples that came with it.
UTRECHT_TRACES = re.compile(r"utrecht|overvecht|3562 JW|3531 AB|030 123 4567|52\.0907|5\.1214|fietsenmaker-overvecht", re.IGNORECASE)

REGION_BLOCK = {
    "SITENAME": '"Open Aanbod Amersfoort"',
    "AANBOD_REGION": '"regio Amersfoort"',
    "AANBOD_EXAMPLE_DATA": "False",
    "AANBOD_PUBLISHER": '{"name": "Gemeente Amersfoort", "uri": "http://standaarden.overheid.nl/owms/terms/Amersfoort"}',
    "AANBOD_PROVINCE": '"Provincie Eemland"',
    "AANBOD_PUBLIC_URL": '"https://aanbod.amersfoort.example.nl"',
    "AANBOD_REPOSITORY_URL": '"https://github.com/amersfoort/open-aanbod"',
    "AANBOD_EDITORS": '["amersfoort-redactie"]',
}

PROVIDER = """\
id: {id}
name: {name}
description: Wij helpen bewoners om mee te doen.
website: https://{id}.example.nl/
email: info@{id}.example.nl
phone: 033 123 4567
municipality: {municipality}
maintainers: [{id}-beheer]
"""

OFFER = """\
id: {id}
provider: {provider}
title: {title}
summary: Je doet mee met een vaste groep.
description: |
  Elke week doen we dit samen.
  Je hoeft geen ervaring te hebben.
kind: doen
subtype: activiteit
target_groups: [iedereen]
referral_required: nee
how_to_apply: Bel of mail ons.
cost_eur: 0
online: nee
status: actief
verified_on: {verified_on}
hours_per_week: 2
locations:
  - name: Buurthuis
    street_address: Hooglandseweg 1
    postcode: {postcode}
    municipality: {municipality}
{wijk}"""


def _copy_repository(target: Path) -> None:
    """The working tree as git sees it (committed and new files), without the installed tools."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        source = ROOT / name
        if source.is_file() and not source.is_symlink():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    for tool in ("node_modules", ".venv"):  # the shared installs, as in a checkout after `make install`
        if (ROOT / tool).exists():
            (target / tool).symlink_to((ROOT / tool).resolve())
    # The reference standards lie beside a checkout (../shared), in CI as here: the fork gets them too,
    # so the only tests it skips are those of Utrecht's sample.
    if SHARED.is_dir() and not (target.parent / "shared").exists():
        (target.parent / "shared").symlink_to(SHARED.resolve())


def _set_region(settings: Path) -> None:
    text = settings.read_text(encoding="utf-8")
    for name, value in REGION_BLOCK.items():
        text, count = re.subn(rf"^{name} = .*$", lambda _: f"{name} = {value}", text, count=1, flags=re.MULTILINE)
        assert count == 1, name
    settings.write_text(text, encoding="utf-8")


def apply_the_guide(fork: Path, today: str) -> None:
    """The README's steps 2 to 4, as a municipality would do them."""
    _set_region(fork / "pelicanconf.py")
    taxonomies = fork / "schema" / "taxonomies"
    (taxonomies / "municipalities.csv").write_text("code,label\namersfoort,Amersfoort\nleusden,Leusden\nbaarn,Baarn\n", encoding="utf-8")
    (taxonomies / "wijken.csv").write_text("code,municipality,label\nvathorst,amersfoort,Vathorst\nkattenbroek,amersfoort,Kattenbroek\n"
                                           "binnenstad-amersfoort,amersfoort,Binnenstad\n", encoding="utf-8")
    package = fork / "schema" / "datapackage.json"
    package.write_text(package.read_text(encoding="utf-8").replace("regio Utrecht (U16)", "regio Amersfoort")
                       .replace("regio Utrecht", "regio Amersfoort"), encoding="utf-8")
    # Step 3: the sample out, the region's own providers, offers and pages in.
    shutil.rmtree(fork / "content" / "offers", ignore_errors=True)  # in a fork of a fork they are gone already
    shutil.rmtree(fork / "content" / "providers", ignore_errors=True)
    shutil.rmtree(fork / "content" / "availability", ignore_errors=True)
    files = {
        "providers/wijkwerk-vathorst.yaml": PROVIDER.format(id="wijkwerk-vathorst", name="Wijkwerk Vathorst", municipality="amersfoort"),
        "providers/groen-leusden.yaml": PROVIDER.format(id="groen-leusden", name="Groen Leusden", municipality="leusden"),
        "offers/wijkwerk-vathorst/samen-wandelen.yaml": OFFER.format(
            id="samen-wandelen", provider="wijkwerk-vathorst", title="Samen wandelen", verified_on=today,
            postcode="3825 AB", municipality="amersfoort", wijk="    wijk: vathorst\n"),
        "offers/wijkwerk-vathorst/koken-kattenbroek.yaml": OFFER.format(
            id="koken-kattenbroek", provider="wijkwerk-vathorst", title="Koken in Kattenbroek", verified_on=today,
            postcode="3823 kb", municipality="amersfoort", wijk="    wijk: kattenbroek\n"),
        "offers/groen-leusden/moestuin.yaml": OFFER.format(
            id="moestuin", provider="groen-leusden", title="Werken in de moestuin", verified_on=today,
            postcode="3831 AA", municipality="leusden", wijk=""),
        "pages/over.md": "Title: Over Open Aanbod\nSlug: over\n\nOp deze site vind je werk, leren en doen in de regio Amersfoort.\n",
        "pages/over-en.md": "Title: About Open Aanbod\nSlug: over\nLang: en\n\nOn this site you find work, learning and activities in the Amersfoort region.\n",
    }
    for name, text in files.items():
        (fork / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (fork / "content" / name).write_text(text, encoding="utf-8")
    guide = fork / "CONTRIBUTING.md"
    guide.write_text(guide.read_text(encoding="utf-8").replace("municipality: utrecht", "municipality: amersfoort")
                     .replace("wijk: overvecht", "wijk: vathorst").replace("Overvecht", "Vathorst").replace("030 ", "033 ")
                     .replace("3562 ", "3825 "), encoding="utf-8")


def run(fork: Path, *command: str, timeout: int = 600) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if not key.startswith("PYTEST")}
    return subprocess.run(command, cwd=fork, capture_output=True, text=True, env=environment, timeout=timeout)


@pytest.fixture(scope="module")
def fork(tmp_path_factory):
    fork = tmp_path_factory.mktemp("amersfoort") / "open-aanbod"
    _copy_repository(fork)
    subprocess.run(["git", "init", "-q"], cwd=fork, check=True)  # a fork is a repository: git dates and CODEOWNERS
    apply_the_guide(fork, today="2026-11-20")
    python = sys.executable
    for command in (("schemas",), ("codeowners",)):  # step 4
        result = run(fork, python, "-m", "aanbod", *command)
        assert result.returncode == 0, result.stdout + result.stderr
    return fork


def test_the_forks_content_validates(fork):
    result = run(fork, sys.executable, "-m", "aanbod", "validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == "Alles in orde: 3 aanbod-bestanden van 2 aanbieders gecontroleerd.\n"


def test_the_forks_site_shows_no_trace_of_utrecht(fork):
    output = fork / "output"
    result = run(fork, str(Path(sys.executable).with_name("pelican")), "content", "--settings", "pelicanconf.py",
                 "--output", str(output), "--delete-output-directory", "--fatal", "errors", "-e", "AANBOD_SEARCH_INDEX=false")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Utrecht" not in result.stdout + result.stderr
    traces = []
    for path in sorted(output.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".csv", ".xml", ".js", ".txt", ".geojson", ".jsonld", ".atom", ".rss"):
            for found in UTRECHT_TRACES.finditer(path.read_text(encoding="utf-8", errors="replace")):
                traces.append(f"{path.relative_to(output)}: {found.group()}")
    assert traces == []
    for page in ("over/index.html", "en/over/index.html", "zoeken/index.html", "aanbod-toevoegen/index.html", "aanbod-aanmelden/index.html", "data/index.html"):
        assert (output / page).exists(), page
    search = (output / "zoeken/index.html").read_text(encoding="utf-8")
    assert 'placeholder="3825 AB"' in search or 'placeholder="3823 KB"' in search or 'placeholder="3831 AA"' in search


def test_the_region_independent_tests_pass_in_the_fork(fork):
    result = run(fork, sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "-m", "not browser", *REGION_INDEPENDENT, timeout=900)
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in summary and "failed" not in summary and "error" not in summary
    # What is skipped is skipped for the one reason a fork has: Utrecht's sample is gone.
    reasons = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert all(SAMPLE_GONE in line for line in reasons), reasons
