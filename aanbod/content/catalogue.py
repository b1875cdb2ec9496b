"""The pipeline in one call: schema and content folders in, a catalogue or all problems out."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from .. import collector
from ..build_cache import CacheFolder
from . import incremental
from .history import file_modified_times
from .loading import DEFAULT_MAX_BYTES
from .model import Catalogue, build_catalogue
from ..problems import Problem
from .schema import load_schema


def read_catalogue(content: Path, schema_folder: Path, max_bytes: int = DEFAULT_MAX_BYTES,
                   today: date | None = None, cache: CacheFolder | None = None, workers: int = 1) -> tuple[Catalogue | None, list[Problem]]:
    """With an enabled ``cache``, only the files changed since the last successful read are validated (incremental.py);
    the catalogue and the problems are the same either way. A full validation reads the files in ``workers`` processes."""
    with collector.paused():  # the catalogue lives on: nothing for the cyclic collector to find (aanbod/collector.py)
        return _read_catalogue(content, schema_folder, max_bytes, today, cache, workers)


def _read_catalogue(content: Path, schema_folder: Path, max_bytes: int, today: date | None,
                    cache: CacheFolder | None, workers: int) -> tuple[Catalogue | None, list[Problem]]:
    schema = load_schema(Path(schema_folder))
    if cache is not None and cache.enabled:
        tables, problems, _ = incremental.read_tables(Path(content), schema, Path(schema_folder), max_bytes, today, cache, workers)
    else:
        tables, problems = incremental.read_all(Path(content), schema, max_bytes, today, workers)
    if tables is None:
        return None, problems
    typed, paths = tables
    times = file_modified_times(Path(content))
    real_path = _real_paths(Path(content))
    modified = {key: times[real] for key, path in paths.items() if (real := real_path(path)) in times}
    return build_catalogue(schema, typed, paths, modified), []


def _real_paths(content: Path):
    """Paths are shown relative to the working folder; git reports real absolute ones. Only the content folder
    is resolved (once): reading refuses links inside it, so below it a path is real as written, and resolving
    every file (a system call per folder level) was a second or more at 10,000 offers."""
    shown_root, real_root = os.path.abspath(content), Path(content).resolve()
    return lambda path: real_root / os.path.relpath(os.path.abspath(path), shown_root)
