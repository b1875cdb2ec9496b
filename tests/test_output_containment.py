"""The build writes only inside its output folder, whatever a setting, an id or a logo path says.

Each hostile build runs in a temporary folder whose every file is listed before and after: the
only new files may be inside output/ (and the build cache, .cache/build/ of the fork's repository).
"""

from __future__ import annotations

import subprocess

import pytest

from conftest import ROOT
from sitebuild import settings_text
from aanbod import containment
from aanbod.content.settings import DEFAULTS
from aanbod.urls import Urls

SETTINGS_HEAD = settings_text("AANBOD_TODAY = date(2026, 11, 22)")


def snapshot(folder) -> dict:
    """Every file and link under ``folder`` with its bytes (or link target)."""
    return {
        path.relative_to(folder).as_posix(): (str(path.readlink()) if path.is_symlink() else path.read_bytes())
        for path in sorted(folder.rglob("*")) if path.is_symlink() or path.is_file()
    }


def build(tmp_path, content, overrides: str, delete: bool = True):
    settings = tmp_path / "fork" / "pelicanconf.py"
    settings.parent.mkdir(exist_ok=True)
    settings.write_text(SETTINGS_HEAD + overrides + "\n", encoding="utf-8")
    command = [str(ROOT / ".venv/bin/pelican"), str(content), "--settings", str(settings), "--output", str(tmp_path / "output"), "--fatal", "errors"]
    before = snapshot(tmp_path)
    result = subprocess.run(command + (["--delete-output-directory"] if delete else []), capture_output=True, text=True, cwd=ROOT)
    after = snapshot(tmp_path)
    # The build cache (AANBOD_CACHE_PATH, in the fork's repository) is the one other folder a build writes.
    cache = f"fork/{DEFAULTS['AANBOD_CACHE_PATH']}/"
    outside = {path for path in set(before) | set(after)
               if not path.startswith(("output/", cache)) and before.get(path) != after.get(path)}
    return result, outside


@pytest.mark.parametrize("overrides", [
    'OFFER_SAVE_AS = "../{{id}}.html"',
    'PROVIDER_SAVE_AS = "aanbieders/../../{{id}}.html"',
    'AANBOD_DATA_DIR = "../x"',
    "AANBOD_DATA_DIR = {absolute!r}",
    'FRESHNESS_CSV = "../actualiteit.csv"',
    'LOOKALIKES_CSV = "../../lijkt-op.csv"',
    'SEARCH_URL = "../zoeken/"',
    'THEME_STATIC_DIR = "../theme"',
    'SHORTLIST_SAVE_AS = "/tmp/lijstje.html"',
    'PAGE_SAVE_AS = "../{{slug}}.html"',
    'AANBOD_LANGUAGES = ["nl", ".."]',
    'AANBOD_LIST_PAGES = {{"kinds": ".."}}',
    "AANBOD_LOGO = {secret!r}",
])
def test_a_hostile_setting_is_refused_and_nothing_is_written_outside_output(tmp_path, site, overrides):
    (tmp_path / "secret.svg").write_text("<svg><!-- geheim --></svg>", encoding="utf-8")
    result, outside = build(tmp_path, site, overrides.format(absolute=str(tmp_path / "absoluut"), secret=str(tmp_path / "secret.svg")))
    assert result.returncode == 1
    assert outside == set()
    assert "Traceback" not in result.stdout + result.stderr
    name = overrides.split(" = ")[0]
    # One line naming the settings file, the line of the setting and its name.
    line = SETTINGS_HEAD.count("\n") + 1
    assert f"{tmp_path / 'fork' / 'pelicanconf.py'}:{line}: {name}: " in result.stderr
    assert "geheim" not in result.stdout + result.stderr


def test_a_link_in_an_existing_output_folder_is_not_followed(tmp_path, site):
    (tmp_path / "elders").mkdir()
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "data").symlink_to(tmp_path / "elders")
    result, outside = build(tmp_path, site, "", delete=False)
    assert result.returncode == 1
    assert result.stderr.strip().endswith("AANBOD_DATA_DIR: 'data' wijst via een snelkoppeling (symlink) naar buiten de map output/. Verwijder die snelkoppeling.")
    assert list((tmp_path / "elders").iterdir()) == []
    assert outside == set()


def test_a_fork_with_its_own_folders_writes_only_inside_output(tmp_path, site):
    (tmp_path / "fork").mkdir()
    (tmp_path / "fork" / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    overrides = (
        'AANBOD_DATA_DIR = "open/data"\nOFFER_SAVE_AS = "activiteiten/{id}.html"\nFRESHNESS_CSV = "redactie/lijst.csv"\n'
        f"AANBOD_LOGO = {str(tmp_path / 'fork' / 'logo.svg')!r}"
    )
    result, outside = build(tmp_path, site, overrides)
    assert result.returncode == 0, result.stderr
    assert outside == set()
    written = snapshot(tmp_path / "output")
    assert {"open/data/offers.csv", "activiteiten/fietsen.html", "redactie/lijst.csv", "theme/logo.svg"} <= set(written)


@pytest.mark.parametrize("relative", ["..", "../x", "a/../../x", "/etc/passwd", "\\\\server\\x", "..\\x", "C:\\x", "c:x", "~/x"])
def test_escapes_recognises_every_way_out(relative):
    assert containment.escapes(relative)
    with pytest.raises(containment.ContainmentError, match="ligt buiten de map output/"):
        containment.contained(relative, "TEST")


@pytest.mark.parametrize("relative", ["", "data", "a/../b", "aanbod/x/index.html", "./data", "data/..", "..data/x", "x/..."])
def test_paths_inside_pass(relative):
    assert not containment.escapes(relative)


def test_page_paths_from_ids_and_codes_are_guarded():
    urls = Urls(dict(DEFAULTS))
    assert urls.offer_file("fietsen") == "aanbod/fietsen/index.html"
    for make in (lambda: urls.offer_file("../../x"), lambda: urls.provider_file("../../x"), lambda: urls.term_file("kinds", "../..")):
        with pytest.raises(containment.ContainmentError, match="ligt buiten de map output/"):
            make()
