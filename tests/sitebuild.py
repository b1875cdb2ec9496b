"""Build an inline site with settings of its own: the repository's pelicanconf.py plus overrides."""

from __future__ import annotations

from pathlib import Path

from conftest import ROOT, SCHEMA, run_pelican


def settings_text(overrides: str = "") -> str:
    """A settings file of its own: the repository's pelicanconf.py, no search index, the tests' schema (SCHEMA), then
    ``overrides`` (Python, such as 'AANBOD_TODAY = date(2026, 11, 22)'), each line ending in a newline."""
    return ("import runpy\nfrom datetime import date\n"
            f"globals().update({{key: value for key, value in runpy.run_path({str(ROOT / 'pelicanconf.py')!r}).items() if key.isupper()}})\n"
            f"AANBOD_SEARCH_INDEX = False\nAANBOD_SCHEMA_PATH = {str(SCHEMA)!r}\n" + (overrides + "\n" if overrides else ""))


def build_with_settings(content: Path, output: Path, overrides: str):
    """``overrides`` is Python run after pelicanconf.py (settings_text)."""
    settings = output.parent / f"{output.name}-settings.py"
    settings.write_text(settings_text(overrides), encoding="utf-8")
    return run_pelican(content, output, settings=settings, schema=None)
