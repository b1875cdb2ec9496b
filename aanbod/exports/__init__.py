"""Open data files written from the validated catalogue, one module per format."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..content.model import Catalogue
from .publication import Publication
from ..content.settings import DEFAULTS
from . import csv_tables, datapackage, dcat, excel_csv, feeds, geojson, hsds, hsds_api, ical, offer_files, offers_json, xlsx
from .datafile import DataFile


def write_all(catalogue: Catalogue, folder: Path, publication: Publication | None = None, today: date | None = None) -> list[DataFile]:
    """Write every data file into ``folder``; returns what was written, in a stable order.

    The DCAT catalogue comes last: it describes every other file, with its size. ``today`` is the build's (the
    calendars count their weeks from it); without it, the day of the catalogue's latest change.
    """
    publication = publication or Publication.from_settings(DEFAULTS)
    if today is None:
        today = catalogue.last_modified.date() if catalogue.last_modified else date(2000, 1, 1)
    folder.mkdir(parents=True, exist_ok=True)
    documents = offers_json.offer_documents(catalogue)
    written = csv_tables.write(catalogue, folder)
    written += datapackage.write(catalogue, folder, publication)
    written += offers_json.write(folder, documents)
    written += offer_files.write(folder, documents)
    written += ical.write(catalogue, folder, publication, today)
    written += geojson.write(catalogue, folder, publication)
    written += xlsx.write(catalogue, folder)
    written += excel_csv.write(catalogue, folder)
    services = hsds.services(catalogue, publication)  # the largest records, made once for both HSDS forms
    written += hsds.write(catalogue, folder, publication, services)
    written += hsds_api.write(catalogue, folder, publication, services)
    del services
    written += feeds.write(catalogue, folder, publication, documents)
    written += dcat.write(catalogue, folder, publication, written)
    return written
