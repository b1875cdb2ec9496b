"""Lookalike warnings: which titles count as the same, and which offers count as new."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from collections import Counter

import pytest

from aanbod.contrib import lookalikes
from aanbod.contrib.review import added_files
from conftest import ROOT, SCHEMA_OPTION, offer_yaml, provider_yaml, write_files


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
    warnings = lookalikes.find([new], existing + [new], {"ingetrokken"})
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
    result = subprocess.run([sys.executable, "-m", "aanbod", "validate", "--content", str(repository), *SCHEMA_OPTION], capture_output=True, text=True, cwd=ROOT)
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


# --- A bulk change costs time in proportion to its size (issue 9) ---

def _brute_force_title_pairs(sketches):
    """Every (new, other) pair the title rule accepts, compared pair by pair as the rule reads."""
    return {
        (first.path, second.path)
        for first in sketches for second in sketches
        if first.path != second.path and first.provider == second.provider
        and lookalikes.similar_titles(first.title_key, second.title_key)
    }


def _mutated_titles(count, seed):
    """Titles with typos, dropped and repeated letters, swapped words and numbers: many near, many far."""
    import random

    rng = random.Random(seed)
    words = ["koken", "fietsen", "repareren", "taalcafe", "in", "de", "het", "buurthuis", "tuin", "engels", "les",
             "wandelen", "zorgboerderij", "a", "ab", "groep", "2", "11"]
    titles = []
    for _ in range(count):
        if titles and rng.random() < 0.6:
            letters = list(rng.choice(titles))
            for _ in range(rng.randint(1, 4)):
                position = rng.randrange(len(letters) or 1)
                action = rng.random()
                if action < 0.4 and letters:
                    letters[position] = rng.choice("aeioukrstn ")
                elif action < 0.7 and letters:
                    del letters[position]
                else:
                    letters.insert(position, rng.choice("aeioukrstn"))
            title = "".join(letters).strip() or "x"
        else:
            title = " ".join(rng.choice(words) for _ in range(rng.randint(1, 4)))
        titles.append(title)
    return titles


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_title_index_finds_exactly_the_pairs_a_full_comparison_finds(seed):
    titles = _mutated_titles(400, seed)
    sketches = [lookalikes.Sketch(f"o{index:03d}", f"o{index:03d}", f"p{index % 3}", title, "werk") for index, title in enumerate(titles)]
    expected = _brute_force_title_pairs(sketches)
    found = set()
    for lookalike in lookalikes.find_lookalikes(sketches, sketches, ()):
        if lookalike.rule == lookalikes.TITLE:
            assert lookalike.total == sum(1 for pair in expected if pair[0] == lookalike.sketch.path)
            found.update((lookalike.sketch.path, other.path) for other in lookalike.named)
    named_expected = {}
    for first, second in sorted(expected):
        named_expected.setdefault(first, []).append(second)
    assert len(expected) > 100  # the sample has plenty of near titles, short ones included
    assert found == {(first, second) for first, others in named_expected.items() for second in others[:lookalikes.NAMED]}


def test_thousands_of_copies_are_indexed_not_compared_pair_by_pair(monkeypatch):
    calls = []
    real = lookalikes.similar_titles
    monkeypatch.setattr(lookalikes, "similar_titles", lambda first, second: calls.append(1) or real(first, second))
    variants = ["Fietsen repareren in de werkplaats", "Fietsen repareren in het werkplaats", "Fietsen repareren in de werkplaats!",
                "Koken in de buurthuis", "Koken in het buurthuis"]
    copies = [sketch(f"new-{index:04d}", variants[index % len(variants)], address=f"Kerkweg {index % 2}") for index in range(3000)]
    found = lookalikes.find_lookalikes(copies, copies, ())
    assert len(calls) <= 2 * len(variants) ** 2  # distinct titles are compared, never the 3,000 offers
    by_rule = {}
    for lookalike in found:
        by_rule.setdefault(lookalike.rule, []).append(lookalike)
    fietsen = next(item for item in by_rule["title"] if item.sketch.path == "new-0000")
    assert [other.path for other in fietsen.named] == ["new-0001", "new-0002", "new-0005"]
    assert fietsen.total == 3000 // 5 * 3 - 1  # every copy of the three spellings but itself
    address = next(item for item in by_rule["locations"] if item.sketch.path == "new-0000")
    assert address.total == 1499 and len(address.named) == lookalikes.NAMED
    assert len(by_rule["title"]) == len(by_rule["locations"]) == 3000
    warnings = lookalikes.warnings(found)
    assert len(warnings) == 3000 * 2 * lookalikes.NAMED
    counted = Counter(warning.message.rsplit(". ", 1)[1] for warning in warnings if "Nog " in warning.message)
    assert counted == {  # the last named warning of each new offer and rule counts the rest
        "Nog 1796 keer ander aanbod lijkt er zo op.": 1800,  # the three spellings of Fietsen repareren
        "Nog 1196 keer ander aanbod lijkt er zo op.": 1200,  # the two of Koken
        "Nog 1496 keer ander aanbod lijkt er zo op.": 3000,  # the same address
    }


def test_the_log_names_twenty_and_counts_the_rest():
    copies = [sketch(f"new-{index:02d}", "Koken") for index in range(30)]
    lines = lookalikes.log_lines(lookalikes.Report(tuple(lookalikes.find_lookalikes(copies, copies, ()))), "redactie/lijkt-op.csv")
    assert len(lines) == lookalikes.LOG_LINES + 1
    assert lines[-1] == f"En nog {30 * 2 * lookalikes.NAMED - lookalikes.LOG_LINES} keer aanbod dat op ander aanbod lijkt. Alles staat in redactie/lijkt-op.csv."


def test_validate_shows_twenty_lookalikes_and_json_has_them_all(repository):
    write_files(repository, {f"offers/buurtwerk/kopie-{index}.yaml": offer_yaml(f"kopie-{index}") for index in range(8)})
    command = [sys.executable, "-m", "aanbod", "validate", "--content", str(repository), *SCHEMA_OPTION]
    text = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    as_json = subprocess.run(command + ["--format", "json"], capture_output=True, text=True, cwd=ROOT)
    assert text.returncode == as_json.returncode == 0
    findings = json.loads(as_json.stdout)
    # eight new copies, each like the seven others and the committed original: three named per rule
    assert len(findings) == 8 * 2 * lookalikes.NAMED
    assert {finding["code"] for finding in findings} == {"lookalike"}
    lines = text.stdout.splitlines()
    assert len(lines) == lookalikes.LOG_LINES + 2, text.stdout
    assert lines[-2] == f"En nog {len(findings) - lookalikes.LOG_LINES} waarschuwingen over aanbod dat op ander aanbod lijkt. Alles staat in `validate --format json`."
    assert lines[-1] == f"Alles in orde: 10 aanbod-bestanden van 1 aanbieder gecontroleerd. {len(findings)} waarschuwingen: kijk er even naar."
    assert "Nog 5 keer ander aanbod lijkt er zo op." in text.stdout


def test_the_build_logs_twenty_and_the_editors_report_has_them_all(repository, tmp_path):
    from bs4 import BeautifulSoup
    from sitebuild import build_with_settings

    write_files(repository, {f"offers/buurtwerk/kopie-{index}.yaml": offer_yaml(f"kopie-{index}") for index in range(8)})
    output = tmp_path / "output"
    result = build_with_settings(repository, output, "AANBOD_TODAY = date(2026, 11, 22)")
    assert result.returncode == 0, result.stderr
    log = " ".join((result.stdout + result.stderr).split())
    assert log.count("lijkt op '") == lookalikes.LOG_LINES
    assert f"En nog {8 * 2 * lookalikes.NAMED - lookalikes.LOG_LINES} keer aanbod dat op ander aanbod lijkt. Alles staat in redactie/lijkt-op.csv." in log
    with (output / "redactie" / "lijkt-op.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 8 * 2 * lookalikes.NAMED
    assert {row["aanbod"] for row in rows} == {f"kopie-{index}" for index in range(8)}
    assert {row["regel_soort"] for row in rows} == {"titel", "adres"}
    assert sorted(int(row["nog_meer"]) for row in rows if row["nog_meer"] != "0") == [5] * 16
    page = BeautifulSoup((output / "redactie" / "actualiteit" / "index.html").read_text(encoding="utf-8"), "html.parser")
    cells = [row.select("td") for row in page.select(".lookalikes tbody tr")]
    assert len(cells) == 16  # one row per new offer and rule
    assert all("en nog 5 ander aanbod" in row[2].get_text(" ", strip=True) for row in cells)


def test_the_editors_page_lists_the_first_rows_and_counts_the_rest():
    copies = [sketch(f"new-{index:04d}", f"Koken {index}", address=f"Kerkweg {index % 3}") for index in range(lookalikes.PAGE_ROWS + 9)]
    report = lookalikes.Report(tuple(lookalikes.find_lookalikes(copies, copies, ())))
    assert len(report.found) == lookalikes.PAGE_ROWS + 9  # one address lookalike each; the numbers keep the titles apart
    assert report.shown == report.found[:lookalikes.PAGE_ROWS] and report.not_shown == 9
    assert not lookalikes.Report(())
