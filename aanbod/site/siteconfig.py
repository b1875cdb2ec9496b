"""The site's settings for the command line: the defaults, overridden by pelicanconf.py.

Commands such as ``codeowners`` and ``validate --changed`` need the same settings as the
build (the editors, the freshness limits) without starting Pelican. pelicanconf.py is plain
Python, so it is run as a script and its UPPER_CASE names are taken.
"""

from __future__ import annotations

import ast
import importlib.util
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
    """The names Pelican reads, so a misspelling of one is recognised as well as one of ours."""
    return fork_check.settings_check.pelican_names(pelican_defaults())


def pelican_defaults() -> dict:
    """Pelican's DEFAULT_CONFIG: its names, with the values that are plain literals (the rest as None).

    Read from pelican/settings.py as text, not imported: importing Pelican took 0.14 s of a pull request's
    one-second check (issue 10), and the command line otherwise never needs it. Should a Pelican release write
    the table another way, it is imported after all; tests/test_settings_check.py holds both ways equal.
    """
    spec = importlib.util.find_spec("pelican")
    try:
        source = Path(spec.origin).with_name("settings.py").read_text(encoding="utf-8")
        table = next(
            node.value for node in ast.parse(source).body
            if isinstance(node, ast.Assign) and any(isinstance(target, ast.Name) and target.id == "DEFAULT_CONFIG" for target in node.targets)
        )
        return {ast.literal_eval(key): _literal_or_none(value) for key, value in zip(table.keys, table.values, strict=True)}
    except (AttributeError, TypeError, OSError, SyntaxError, StopIteration, ValueError):
        from pelican.settings import DEFAULT_CONFIG

        return DEFAULT_CONFIG


def _literal_or_none(node: ast.expr):
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None
