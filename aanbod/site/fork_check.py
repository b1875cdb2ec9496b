"""Everything a forking municipality can get wrong in its settings and schema/, checked in one call.

The build (pelican_plugin.py) and ``python -m aanbod validate`` both call ``check`` before they
read any content, and report its problems like content problems: ``path:line: setting: message``.
"""

from __future__ import annotations

from pathlib import Path

from .. import containment
from . import settings_check
from ..problems import Problem
from ..content.schema import read_schema
from ..content.settings import DEFAULTS


def check(settings: dict, source: str, schema_folder: Path | None = None, known=()) -> list[Problem]:
    """Problems in ``settings`` (as written in ``source``, without defaults) and in the schema folder.

    ``schema_folder`` defaults to the AANBOD_SCHEMA_PATH setting; ``known`` holds Pelican's setting names.
    """
    problems = settings_check.check(settings, source, known)
    if problems:
        return problems  # a wrong setting can make every later message wrong
    merged = {**DEFAULTS, **settings}
    schema, schema_problems = read_schema(Path(schema_folder or merged["AANBOD_SCHEMA_PATH"]))
    problems += schema_problems
    if schema is not None:
        problems += settings_check.check_against_schema(merged, schema, source)
    logo = merged["AANBOD_LOGO"]
    if logo:
        try:
            containment.within_repository(Path(logo), repository_root(merged, source), "AANBOD_LOGO")
        except containment.ContainmentError as error:
            problems.append(Problem(source, settings_check.line_of(source, "AANBOD_LOGO"), "AANBOD_LOGO", str(error).removeprefix("AANBOD_LOGO: "), code="settings"))
    return problems


def repository_root(settings: dict, source: str) -> Path:
    """AANBOD_REPOSITORY_ROOT, or else the folder of the settings file: the fork's repository."""
    return Path(settings.get("AANBOD_REPOSITORY_ROOT") or Path(source).resolve().parent)
