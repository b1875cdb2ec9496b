"""Exact transcripts of `make validate` and `python -m aanbod validate`, as a provider sees them."""

import json
import subprocess
import sys

from conftest import ROOT, SCHEMA, SCHEMA_OPTION

FIXTURE = "tests/fixtures/invalid/content"
EXPECTED = (ROOT / "tests/fixtures/invalid/expected.txt").read_text(encoding="utf-8")


def run(*command):
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)


def test_make_validate_transcript_on_invalid_content():
    result = run("make", "-s", "validate", f"CONTENT={FIXTURE}", f"SCHEMA={SCHEMA}")
    assert result.stdout == EXPECTED
    assert result.returncode != 0
    assert "Traceback" not in result.stderr


def test_cli_exits_1_with_every_problem():
    result = run(sys.executable, "-m", "aanbod", "validate", "--content", FIXTURE, *SCHEMA_OPTION)
    assert result.returncode == 1
    assert result.stdout == EXPECTED
    assert result.stderr == ""


def test_cli_reports_valid_content_in_one_line():
    offers = len(list((ROOT / "content/offers").rglob("*.yaml")))
    providers = len(list((ROOT / "content/providers").glob("*.yaml")))
    result = run(sys.executable, "-m", "aanbod", "validate")
    assert result.returncode == 0, result.stdout
    assert result.stdout == f"Alles in orde: {offers} aanbod-bestanden van {providers} aanbieders gecontroleerd.\n"


def test_cli_json_output_for_machines():
    result = run(sys.executable, "-m", "aanbod", "validate", "--content", FIXTURE, "--format", "json", *SCHEMA_OPTION)
    assert result.returncode == 1
    problems = json.loads(result.stdout)
    assert len(problems) == len(EXPECTED.splitlines()) - 1
    first = problems[0]
    assert set(first) == {"path", "line", "column", "field", "code", "message"}
    assert first["path"].endswith("verkeerde-map.yaml") and first["line"] == 2 and first["field"] == "provider"


def test_cli_reports_a_broken_schema_without_traceback(tmp_path):
    (tmp_path / "datapackage.json").write_text("{niet json")
    result = run(sys.executable, "-m", "aanbod", "validate", "--schema", str(tmp_path))
    assert result.returncode == 1
    # Reported like a content problem: file and line, then the count.
    assert result.stdout.startswith(f"{tmp_path / 'datapackage.json'}:1: Dit is geen geldige JSON:")
    assert result.stdout.endswith("1 probleem in 1 bestand. Los het op en probeer het opnieuw.\n")
    assert "Traceback" not in result.stdout + result.stderr


def test_make_help_lists_the_targets():
    result = run("make", "-s", "help")
    for target in ("html", "serve", "validate", "test", "clean", "help"):
        assert f"  {target} " in result.stdout
