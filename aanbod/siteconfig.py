"""The site's settings for the command line: the defaults, overridden by pelicanconf.py.

Commands such as ``codeowners`` and ``validate --changed`` need the same settings as the
build (the editors, the freshness limits) without starting Pelican. pelicanconf.py is plain
Python, so it is run as a script and its UPPER_CASE names are taken.
"""

from __future__ import annotations

import runpy
from pathlib import Path

from .settings import DEFAULTS


class SettingsError(Exception):
    """pelicanconf.py cannot be read: reported as a message, not a traceback."""


def load_settings(path: Path | None) -> dict:
    settings = dict(DEFAULTS)
    if path is None or not Path(path).exists():
        return settings
    try:
        names = runpy.run_path(str(path))
    except Exception as error:  # any error in a settings file is the maintainer's to fix; say where
        raise SettingsError(f"{path}: {type(error).__name__}: {error}") from None
    settings.update({key: value for key, value in names.items() if key.isupper()})
    return settings
