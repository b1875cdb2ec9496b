"""Open data files written from the validated catalogue, one module per format."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ..content.model import Catalogue
from .publication import Publication
from ..content.settings import DEFAULTS
from . import csv_tables, datapackage, dcat, excel_csv, feeds, geojson, hsds, hsds_api, ical, offer_files, offers_json, xlsx
from .datafile import DataFile
from .reuse import ExportReuse, Pieces


def write_all(catalogue: Catalogue, folder: Path, publication: Publication | None = None, today: date | None = None,
              reuse: ExportReuse | None = None) -> list[DataFile]:
    """Write every data file into ``folder``; returns what was written, in a stable order.

    The DCAT catalogue comes last: it describes every other file, with its size. ``today`` is the build's (the
    calendars count their weeks from it); without it, the day of the catalogue's latest change. With ``reuse``
    each offer's part of a file is taken back from the last build where the offer is unchanged (reuse.py).
    """
    publication = publication or Publication.from_settings(DEFAULTS)
    if today is None:
        today = catalogue.last_modified.date() if catalogue.last_modified else date(2000, 1, 1)
    folder.mkdir(parents=True, exist_ok=True)
    pieces = Pieces(catalogue, reuse)
    documents = offers_json.offer_documents(catalogue, pieces)
    written = csv_tables.write(catalogue, folder, pieces)
    written += datapackage.write(catalogue, folder, publication)
    written += offers_json.write(folder, documents)
    written += offer_files.write(folder, catalogue.offers, documents, pieces)
    written += ical.write(catalogue, folder, publication, today, pieces)
    written += geojson.write(catalogue, folder, publication, pieces)
    written += xlsx.write(catalogue, folder, pieces)
    written += excel_csv.write(catalogue, folder, pieces)
    services = hsds_api.encoded_services(catalogue, publication, pieces)  # the largest records, made once for both HSDS forms
    written += hsds.write(catalogue, folder, publication, [record for record, _ in services])
    written += hsds_api.write(catalogue, folder, publication, pieces, services)
    del services
    written += feeds.write(catalogue, folder, publication, documents)
    written += dcat.write(catalogue, folder, publication, written)
    pieces.finish(folder, written)
    return written
