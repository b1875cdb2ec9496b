"""The build's own output: whole Dutch lines without wrapping (also in a CI log), quiet about what needs no action."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
from pathlib import Path

from aanbod.site import build_log
from conftest import ROOT, offer_yaml, provider_yaml, write_files
from sitebuild import settings_text


def ci_build(content: Path, output: Path, settings: Path) -> subprocess.CompletedProcess:
    """Pelican as `make html` runs it in a CI job: no terminal, and no COLUMNS (rich then assumes 80)."""
    environment = {key: value for key, value in os.environ.items() if key not in ("COLUMNS", "LINES")}
    command = [str(Path(sys.executable).with_name("pelican")), str(content), "--settings", str(settings),
               "--output", str(output), "--delete-output-directory", "--fatal", "errors"]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=environment, stdin=subprocess.DEVNULL)


def test_a_ci_build_writes_whole_dutch_lines_and_no_pelican_summary(tmp_path):
    # A folder name long enough that an 80-column log would have to break the path.
    content = tmp_path / ("een-heel-lange-mapnaam-zoals-een-ci-werkmap-die-heeft-" * 2) / "content"
    write_files(content, {
        "providers/buurtwerk.yaml": provider_yaml(),
        "offers/buurtwerk/fietsen.yaml": offer_yaml(verified_on="2026-11-01"),
        "offers/buurtwerk/oud.yaml": offer_yaml("oud", title="Oud aanbod", verified_on="2026-05-01"),
        "offers/buurtwerk/gestopt-met-een-lange-naam.yaml": offer_yaml("gestopt-met-een-lange-naam", title="Gestopt", status="ingetrokken"),
    })
    settings = tmp_path / "settings.py"
    settings.write_text(settings_text("AANBOD_TODAY = date(2026, 11, 22)"), encoding="utf-8")
    output = tmp_path / "output"
    result = ci_build(content, output, settings)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = (result.stdout + result.stderr).splitlines()
    withdrawn = content / "offers/buurtwerk/gestopt-met-een-lange-naam.yaml"
    assert len(str(withdrawn)) > 120
    # The path is whole on one line, so it can be copied or clicked in a CI log.
    assert f"Aanbod: niet gepubliceerd, status 'ingetrokken': {withdrawn}" in lines
    assert not any(line.startswith((" ", "[")) for line in lines), lines
    assert not any("Done: Processed" in line or "INFO" in line or "WARNING" in line for line in lines), lines
    assert lines[-1].startswith(f"Klaar: de site staat in {output} (")
    # A stale offer needs nothing from whoever builds: one line, not a warning per file.
    assert "Aanbod: 1 keer aanbod is langer dan 6 maanden niet gecontroleerd. De lijst staat in redactie/actualiteit.csv." in lines
    assert not any(line.startswith("Let op:") for line in lines), lines


def test_warnings_and_errors_get_a_dutch_word_and_stay_on_one_line():
    stream = io.StringIO()
    logger = logging.getLogger("aanbod.test_build_log")
    logger.propagate = False
    logger.setLevel(logging.INFO)
    logger.addHandler(build_log.plain_handler(stream))
    try:
        logger.warning("Aanbod: de kaart werkt niet:\n  Leaflet ontbreekt.")
        logger.error("Aanbod: kapot")
        logger.info("Aanbod: klaar")
    finally:
        logger.handlers.clear()
    assert stream.getvalue().splitlines() == [
        "Let op: Aanbod: de kaart werkt niet: Leaflet ontbreekt.", "Fout: Aanbod: kapot", "Aanbod: klaar"]
