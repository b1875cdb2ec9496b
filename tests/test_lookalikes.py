"""Lookalike warnings: which titles count as the same, and which offers count as new."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from aanbod import lookalikes
from aanbod.review import added_files
from conftest import ROOT, offer_yaml, provider_yaml, write_files


@pytest.mark.parametrize("first, second, same", [
    ("Fietsen repareren", "Fietsen repareren!", True),
    ("Taalcafé in de bibliotheek", "Taalcafe in de bibliotheek", True),
    ("Engels voor beginners 1", "Engels voor beginners 2", False),
    ("Koken in de buurt", "Tuinieren in de buurt", False),
])
def test_similar_titles(first, second, same):
    assert lookalikes.similar_titles(lookalikes.normalise_title(first), lookalikes.normalise_title(second)) is same


def sketch(path, title, provider="a", kind="werk", address="Hoofdstraat 1", status="actief"):
    return lookalikes.Sketch(path, path, provider, title, kind, status, ((lookalikes.normalise_address(address, "3511 AB"), 3),), 2)


def test_rules_and_what_does_not_count():
    existing = [
        sketch("old-1", "Fietsen repareren"),
        sketch("old-2", "Iets anders", provider="b", kind="werk", address="hoofdstraat  1"),
        sketch("old-3", "Fietsen repareren", provider="a", status="ingetrokken", address="Elders 9"),
        sketch("old-4", "Nog iets", provider="c", kind="leren"),
    ]
    new = sketch("new", "Fietsen  repareren")
    warnings = lookalikes.find([new], existing + [new])
    assert [(w.field, w.line, w.message.split(" in ")[1].split(":")[0]) for w in warnings] == [
        ("title", 2, "old-1"), ("locations", 3, "old-1"), ("locations", 3, "old-2"),
    ]


def git(folder, *arguments):
    subprocess.run(["git", "-C", str(folder), *arguments], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.nl", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@example.nl", "PATH": "/usr/bin:/bin", "HOME": str(folder)})


@pytest.fixture
def repository(tmp_path):
    if not shutil.which("git"):
        pytest.skip("git is missing")
    content = write_files(tmp_path / "content", {
        "providers/buurtwerk.yaml": provider_yaml(),
        "offers/buurtwerk/fietsen.yaml": offer_yaml(),
        "offers/buurtwerk/eerste.yaml": offer_yaml("eerste", title="Eerste", online="ja", extra=""),
    })
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "content/providers", "content/offers/buurtwerk/fietsen.yaml")
    git(tmp_path, "commit", "-q", "-m", "begin")
    git(tmp_path, "add", "content/offers/buurtwerk/eerste.yaml")
    git(tmp_path, "commit", "-q", "-m", "eerste")
    return content


def test_new_means_uncommitted_or_added_by_the_last_commit(repository):
    write_files(repository, {"offers/buurtwerk/tweede.yaml": offer_yaml("tweede", title="Tweede")})
    assert added_files(repository) == {
        (repository / "offers/buurtwerk/eerste.yaml").resolve(),
        (repository / "offers/buurtwerk/tweede.yaml").resolve(),
    }
    assert added_files(repository.parent.parent) == set()  # outside the repository: nothing, never an error


def test_validate_warns_about_a_new_lookalike_and_still_succeeds(repository):
    write_files(repository, {"offers/buurtwerk/fietsen-nieuw.yaml": offer_yaml("fietsen-nieuw", title="Fietsen repareren.")})
    result = subprocess.run([sys.executable, "-m", "aanbod", "validate", "--content", str(repository)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == 3, result.stdout
    assert lines[1].endswith("fietsen-nieuw.yaml:19: locations: Let op: dit aanbod lijkt op 'Fietsen repareren' in "
                             f"{repository}/offers/buurtwerk/fietsen.yaml: hetzelfde adres en dezelfde soort (werk). "
                             "Is het hetzelfde aanbod? Verander dan dat bestand en maak geen nieuw.")
    assert lines[0].endswith("fietsen-nieuw.yaml:3: title: Let op: dit aanbod lijkt op 'Fietsen repareren' in "
                             f"{repository}/offers/buurtwerk/fietsen.yaml: dezelfde aanbieder en bijna dezelfde naam. "
                             "Is het hetzelfde aanbod? Verander dan dat bestand en maak geen nieuw.")
    assert lines[2] == "Alles in orde: 3 aanbod-bestanden van 1 aanbieder gecontroleerd. 2 waarschuwingen: kijk er even naar."


def test_the_build_warns_about_a_new_lookalike_too(repository, tmp_path):
    from sitebuild import build_with_settings

    write_files(repository, {"offers/buurtwerk/fietsen-nieuw.yaml": offer_yaml("fietsen-nieuw", title="Fietsen repareren.")})
    result = build_with_settings(repository, tmp_path / "output", "AANBOD_TODAY = date(2026, 11, 22)")
    assert result.returncode == 0, result.stderr
    log = " ".join((result.stdout + result.stderr).split())
    assert "fietsen-nieuw.yaml: title: Dit aanbod lijkt op 'Fietsen repareren'" in log
    assert log.count("lijkt op") == 2  # the title and the address; the older offers are not new, so not warned about
