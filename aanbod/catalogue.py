"""The pipeline in one call: schema and content folders in, a catalogue or all problems out."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from .history import file_modified_times
from .loading import DEFAULT_MAX_BYTES
from .model import Catalogue, build_catalogue
from .problems import Problem
from .schema import load_schema
from .validation import validate_content


def read_catalogue(content: Path, schema_folder: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                   today: date | None = None) -> tuple[Catalogue | None, list[Problem]]:
    schema = load_schema(Path(schema_folder))
    validated, problems = validate_content(Path(content), schema, max_bytes, today)
    if validated is None:
        return None, problems
    paths = {}
    for name in ("providers", "offers"):
        for row in validated.rows[name]:
            paths[(name, row.values["id"])] = row.path
    # Paths are shown relative to the working folder; git reports absolute ones.
    times = file_modified_times(Path(content))
    modified = {key: times[Path(path).resolve()] for key, path in paths.items() if Path(path).resolve() in times}
    return build_catalogue(schema, validated.typed, paths, modified), []
