"""The site's settings for the command line: the defaults, overridden by pelicanconf.py.

Commands such as ``codeowners`` and ``validate --changed`` need the same settings as the
build (the editors, the freshness limits) without starting Pelican. pelicanconf.py is plain
Python, so it is run as a script and its UPPER_CASE names are taken.
"""

from __future__ import annotations

import runpy
from pathlib import Path

from . import fork_check
from ..problems import Problem
from ..content.schema import read_schema
from ..content.settings import DEFAULTS


class SettingsError(Exception):
    """pelicanconf.py cannot be read: reported as a message, not a traceback."""


def written_settings(path: Path | None) -> dict:
    """The UPPER_CASE names the settings file sets, without defaults; {} when there is no such file."""
    if path is None or not Path(path).exists():
        return {}
    try:
        names = runpy.run_path(str(path))
    except Exception as error:  # any error in a settings file is the maintainer's to fix; say where
        raise SettingsError(f"{path}: {type(error).__name__}: {error}") from None
    return {key: value for key, value in names.items() if key.isupper()}


def load_settings(path: Path | None) -> dict:
    return {**DEFAULTS, **written_settings(path)}


def check_fork(path: Path, schema_folder: Path) -> list[Problem]:
    """The settings file and the schema folder checked as the build checks them (aanbod/site/fork_check.py)."""
    if not Path(path).exists():
        # No settings file (a content folder checked on its own): only the schema is checked.
        return read_schema(Path(schema_folder))[1]
    return fork_check.check(written_settings(path), str(path), schema_folder, pelican_setting_names())


def pelican_setting_names() -> set[str]:
    """The names Pelican reads, so a misspelling of one is recognised as well as one of ours.

    Imported here, lazily, because the command line otherwise never needs Pelican.
    """
    from pelican.settings import DEFAULT_CONFIG

    return fork_check.settings_check.pelican_names(DEFAULT_CONFIG)
