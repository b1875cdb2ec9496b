"""Open data files written from the validated catalogue, one module per format."""

from __future__ import annotations

from pathlib import Path

from ..model import Catalogue
from . import csv_tables, datapackage, offers_json


def write_all(catalogue: Catalogue, folder: Path) -> list[Path]:
    """Write every data file into ``folder``; returns the files written, in a stable order."""
    folder.mkdir(parents=True, exist_ok=True)
    written = csv_tables.write(catalogue, folder)
    written += offers_json.write(catalogue, folder)
    written += datapackage.write(catalogue, folder)
    return written
