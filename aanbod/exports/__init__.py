"""Open data files written from the validated catalogue, one module per format."""

from __future__ import annotations

from pathlib import Path

from ..model import Catalogue
from ..publication import Publication
from ..settings import DEFAULTS
from . import csv_tables, datapackage, dcat, excel_csv, feeds, geojson, hsds, hsds_api, offer_files, offers_json, xlsx
from .datafile import DataFile


def write_all(catalogue: Catalogue, folder: Path, publication: Publication | None = None) -> list[DataFile]:
    """Write every data file into ``folder``; returns what was written, in a stable order.

    The DCAT catalogue comes last: it describes every other file, with its size.
    """
    publication = publication or Publication.from_settings(DEFAULTS)
    folder.mkdir(parents=True, exist_ok=True)
    documents = offers_json.offer_documents(catalogue)
    written = csv_tables.write(catalogue, folder)
    written += datapackage.write(catalogue, folder, publication)
    written += offers_json.write(folder, documents)
    written += offer_files.write(folder, documents)
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
