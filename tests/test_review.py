"""Validating the files of a change against an index of the rest: the same problems as a full run, and fast."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from aanbod.contrib.content_index import build_index
from aanbod.contrib.freshness import Limits
from aanbod.contrib.review import review_changes
from aanbod.content.schema import load_schema
from aanbod.content.validation import validate_content, validate_files
from conftest import ROOT, SCHEMA, SCHEMA_OPTION, offer_yaml, provider_yaml, write_files

FIXTURE = ROOT / "tests/fixtures/invalid/content"


@pytest.fixture(scope="module")
def schema():
    return load_schema(SCHEMA)


def formatted(problems):
    return [problem.format() for problem in problems]


def test_each_file_gets_the_same_problems_as_in_a_full_run(schema):
    _, everything = validate_content(FIXTURE, schema)
    index = build_index(FIXTURE, schema)
    for path in sorted(FIXTURE.rglob("*.yaml")):
        shown = str(path.relative_to(ROOT))
        _, alone = validate_files(FIXTURE, schema, [path], index.ids)
        assert formatted(alone) == [problem.format() for problem in everything if problem.path == shown], shown


@pytest.fixture
def content(tmp_path):
    return write_files(tmp_path / "content", {
        "providers/buurtwerk.yaml": provider_yaml(),
        "providers/anker.yaml": provider_yaml("anker", "Het Anker"),
        "offers/buurtwerk/fietsen.yaml": offer_yaml(),
        "offers/anker/koken.yaml": offer_yaml("koken", "anker", title="Koken voor de buurt", kind="doen", subtype="activiteit"),
    })


def review(content, *names, new=(), today=None):
    limits = Limits(today, 6, 12) if today else None
    return review_changes(content, load_schema(SCHEMA), [content / name for name in names], limits, new_files={content / name for name in new})


def test_a_valid_change_has_no_problems(content):
    result = review(content, "offers/anker/koken.yaml")
    assert result.problems == [] and result.warnings == []
    assert result.checked == [str(content / "offers/anker/koken.yaml")]
    assert result.index.count("offers") == 2 and result.index.count("providers") == 2


def test_an_id_taken_in_another_folder_and_an_unknown_provider_are_found_without_reading_them(content):
    write_files(content, {
        "offers/anker/fietsen.yaml": offer_yaml("fietsen", "anker"),
        "offers/nieuw/tuin.yaml": offer_yaml("tuin", "nieuw"),
    })
    result = review(content, "offers/anker/fietsen.yaml", "offers/nieuw/tuin.yaml")
    assert [(Path(p.path).name, p.field, p.code) for p in result.problems] == [("fietsen.yaml", "id", "duplicate"), ("tuin.yaml", "provider", "reference")]
    assert "wordt al gebruikt in" in result.problems[0].message and "offers/buurtwerk/fietsen.yaml" in result.problems[0].message


def test_deleting_a_provider_with_offers_is_refused_and_deleting_an_offer_is_warned(content):
    (content / "providers/anker.yaml").unlink()
    (content / "offers/buurtwerk/fietsen.yaml").unlink()
    result = review(content, "providers/anker.yaml", "offers/buurtwerk/fietsen.yaml")
    assert [p.code for p in result.problems] == ["reference"]
    assert "heeft nog 1 aanbod" in result.problems[0].message
    assert [p.code for p in result.warnings] == ["deleted"]
    assert "status: ingetrokken" in result.warnings[0].message


def test_a_new_offer_that_looks_like_an_existing_one_is_warned_about(content):
    write_files(content, {
        "offers/buurtwerk/fietsen-2.yaml": offer_yaml("fietsen-2", title="Fietsen repareren!"),
        "offers/anker/werkplaats.yaml": offer_yaml("werkplaats", "anker", title="Iets heel anders"),
    })
    result = review(content, "offers/buurtwerk/fietsen-2.yaml", "offers/anker/werkplaats.yaml",
                    new=("offers/buurtwerk/fietsen-2.yaml", "offers/anker/werkplaats.yaml"))
    found = {(Path(w.path).name, w.field) for w in result.warnings}
    assert found == {("fietsen-2.yaml", "title"), ("fietsen-2.yaml", "locations"), ("werkplaats.yaml", "locations")}
    assert result.problems == []
    unchanged_files_are_not_new = review(content, "offers/buurtwerk/fietsen-2.yaml")
    assert unchanged_files_are_not_new.warnings == []


def test_a_stale_or_expired_verified_on_is_warned_about_on_its_line(content):
    write_files(content, {"offers/anker/koken.yaml": offer_yaml("koken", "anker", verified_on="2025-11-01", title="Koken", kind="doen", subtype="activiteit")})
    stale = review(content, "offers/buurtwerk/fietsen.yaml", today=date(2027, 4, 16))
    assert [(w.field, w.line, w.code) for w in stale.warnings] == [("verified_on", 17, "stale")]
    assert "meer dan 6 maanden geleden" in stale.warnings[0].message
    expired = review(content, "offers/anker/koken.yaml", today=date(2026, 11, 22))
    assert "meer dan 12 maanden geleden. Daarom staat het niet op de site" in expired.warnings[0].message


def run(*arguments):
    return subprocess.run([sys.executable, "-m", "aanbod", "validate", *arguments, *SCHEMA_OPTION], capture_output=True, text=True, cwd=ROOT)


def test_github_format_puts_each_problem_on_its_line():
    result = run("--content", str(FIXTURE), "--changed", str(FIXTURE / "offers/buurtwerk/fouten.yaml"), "--format", "github")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == ("::error file=tests/fixtures/invalid/content/offers/buurtwerk/fouten.yaml,line=7,title=subtype::"
                        "'cursus' past niet bij de soort 'doen'. Kies uit: vrijwilligerswerk, dagbesteding, activiteit.")
    assert "title=locations[1].postcode::" in result.stdout
    assert lines[-1] == "10 problemen in 1 bestand. Los ze op en probeer het opnieuw."


def test_a_change_list_without_content_says_there_is_nothing_to_check(tmp_path):
    changed = tmp_path / "changed.txt"
    changed.write_text("README.md\n\naanbod/cli.py\n", encoding="utf-8")
    result = run("--changed-list", str(changed))
    assert result.returncode == 0
    assert result.stdout == "Er is geen aanbod of aanbieder veranderd: niets te controleren.\n"


def test_a_valid_changed_file_gets_one_line(content):
    result = run("--content", str(content), "--changed", str(content / "offers/anker/koken.yaml"), "--today", "2026-11-22")
    assert result.returncode == 0, result.stdout
    assert result.stdout == "Alles in orde: 1 veranderd bestand gecontroleerd, tegen 2 aanbod-bestanden van 2 aanbieders.\n"
