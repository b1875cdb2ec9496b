"""Who may change which files: maintainers from the base branch, editors everywhere, and CODEOWNERS in sync."""

from __future__ import annotations

import runpy
import subprocess
import sys

import pytest

from aanbod.contrib import ownership
from aanbod.content.schema import load_schema
from aanbod.content.validation import validate_content
from conftest import REPOSITORY_SCHEMA, ROOT, SCHEMA, SCHEMA_OPTION, offer_yaml, provider_yaml, write_files


@pytest.fixture(scope="module")
def layout():
    return ownership.Layout.of(load_schema(SCHEMA), "content")


BASE = {"buurtwerk": ["Fatima-Buurtwerk"], "anker": ["anker-beheer"]}


def check(layout, author, *paths, proposed=None):
    report = ownership.check(author, list(paths), layout, BASE, proposed or BASE, ["redactie-team"])
    return [problem.path for problem in report.problems], [notice.path for notice in report.notices]


def test_a_maintainer_may_change_their_own_providers_files_only(layout):
    assert check(layout, "fatima-buurtwerk", "content/offers/buurtwerk/fietsen.yaml", "content/providers/buurtwerk.yaml") == ([], [])
    refused, _ = check(layout, "fatima-buurtwerk", "content/offers/anker/koken.yaml", "content/providers/anker.yaml")
    assert refused == ["content/offers/anker/koken.yaml", "content/providers/anker.yaml"]


def test_adding_yourself_in_the_same_change_does_not_count(layout):
    proposed = {**BASE, "anker": ["anker-beheer", "fatima-buurtwerk"]}
    refused, _ = check(layout, "fatima-buurtwerk", "content/providers/anker.yaml", "content/offers/anker/koken.yaml", proposed=proposed)
    assert refused == ["content/providers/anker.yaml", "content/offers/anker/koken.yaml"]


def test_a_new_provider_is_allowed_for_its_listed_maintainer_and_noticed(layout):
    proposed = {**BASE, "nieuw": ["sanne"]}
    refused, notices = check(layout, "sanne", "content/providers/nieuw.yaml", "content/offers/nieuw/tuin.yaml", proposed=proposed)
    assert refused == [] and notices == ["content/providers/nieuw.yaml", "content/offers/nieuw/tuin.yaml"]
    refused, _ = check(layout, "iemand-anders", "content/providers/nieuw.yaml", proposed=proposed)
    assert refused == ["content/providers/nieuw.yaml"]


def test_editors_may_change_everything_and_site_pages_are_theirs_only(layout):
    assert check(layout, "redactie-team", "content/offers/anker/koken.yaml", "content/pages/over.md") == ([], [])
    refused, notices = check(layout, "anker-beheer", "content/pages/over.md", "aanbod/cli.py", "README.md")
    assert refused == ["content/pages/over.md"]
    assert notices == ["aanbod/cli.py"]


def owners(*arguments):
    return subprocess.run([sys.executable, "-m", "aanbod", *arguments, *SCHEMA_OPTION], capture_output=True, text=True, cwd=ROOT)


def test_the_command_reads_maintainers_from_the_base_content(tmp_path):
    base = write_files(tmp_path / "base", {"providers/buurtwerk.yaml": provider_yaml() + "maintainers: [fatima]\n"})
    head = write_files(tmp_path / "head", {"providers/buurtwerk.yaml": provider_yaml() + "maintainers: [fatima, indringer]\n"})
    changed = tmp_path / "changed.txt"
    changed.write_text("content/offers/buurtwerk/fietsen.yaml\n", encoding="utf-8")
    common = ["owners", "--content", str(head), "--base-content", str(base), "--changed-list", str(changed), "--format", "github"]
    refused = owners(*common, "--author", "Indringer")
    assert refused.returncode == 1
    assert refused.stdout.startswith("::error file=content/offers/buurtwerk/fietsen.yaml::Dit bestand hoort bij de aanbieder 'buurtwerk'.")
    allowed = owners(*common, "--author", "fatima")
    assert allowed.returncode == 0, allowed.stdout
    assert allowed.stdout == "In orde: fatima mag 1 bestand veranderen.\n"


def test_codeowners_is_in_sync_with_the_providers():
    """The repository's own CODEOWNERS, providers and editors (a fork's: README step 4 runs `make codeowners`)."""
    result = subprocess.run([sys.executable, "-m", "aanbod", "codeowners", "--check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout
    text = (ROOT / ".github/CODEOWNERS").read_text(encoding="utf-8")
    editors = " ".join(f"@{account}" for account in runpy.run_path(str(ROOT / "pelicanconf.py"))["AANBOD_EDITORS"])
    assert f"\n* {editors}\n" in text
    maintained = ownership.maintainers(ROOT / "content", load_schema(REPOSITORY_SCHEMA))
    assert all(maintained.values()) and len(maintained) == len(list((ROOT / "content/providers").glob("*.yaml")))
    for provider, accounts in maintained.items():
        assert f"/content/offers/{provider}/ {' '.join('@' + account for account in accounts)} {editors}\n" in text


def test_codeowners_check_fails_when_a_maintainer_changes(tmp_path):
    content = write_files(tmp_path / "content", {"providers/buurtwerk.yaml": provider_yaml() + "maintainers: [fatima]\n"})
    output = tmp_path / "CODEOWNERS"
    assert owners("codeowners", "--content", str(content), "--output", str(output)).returncode == 0
    assert owners("codeowners", "--content", str(content), "--output", str(output), "--check").returncode == 0
    write_files(content, {"providers/buurtwerk.yaml": provider_yaml() + "maintainers: [fatima, sanne]\n"})
    stale = owners("codeowners", "--content", str(content), "--output", str(output), "--check", "--format", "github")
    assert stale.returncode == 1 and stale.stdout.startswith("::error file=")


@pytest.mark.parametrize("value", ["[fatima@buurtwerk]", "[\"@fatima\"]", "[fatima buurtwerk]", "[-fatima]"])
def test_a_maintainer_that_is_not_a_github_account_is_a_validation_problem(tmp_path, value):
    content = write_files(tmp_path / "content", {
        "providers/buurtwerk.yaml": provider_yaml() + f"maintainers: {value}\n",
        "offers/buurtwerk/fietsen.yaml": offer_yaml(),
    })
    _, problems = validate_content(content, load_schema(SCHEMA))
    assert [(problem.field, problem.line) for problem in problems] == [("maintainers", 8)]
    assert "heeft niet de goede vorm" in problems[0].message
