"""The read endpoints of the HSDS 3.0 API as static JSON files, the exchange shape HSDS defines.

HSDS is exchanged through its API (or a tabular package), not as bare arrays. A static host can
answer what needs no query: the root (``/``, with the profile), every record (``/services/{id}``,
``/organizations/{id}``, ``/taxonomy_terms/{id}``) and the paged lists in their ``Page`` objects,
page by page. The file that answers each request is ``path_of(endpoint)``; search and filter
parameters need a server and are not offered. Each response is checked against the official
OpenAPI file and JSON schemas in tests/test_hsds_api.py.
"""

from __future__ import annotations

from pathlib import Path

from ..content.model import Catalogue, Offer, Provider
from .publication import Publication
from . import hsds
from .datafile import DataFile, EncodedJSON, compact_json, json_bytes, write_json
from .reuse import Pieces

FOLDER = f"{hsds.FOLDER}/api"
PER_PAGE = 100
VERSION = "3.0"
PROFILE = "https://docs.openreferral.org/en/v3.0/hsds/"
OPENAPI = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
# What a list item leaves to the single record (HSDS's compiled service_list and organization_list).
DETAILS = {
    "services": ("attributes", "contacts", "cost_options", "funding", "languages", "metadata", "phones", "required_documents",
                 "schedules", "service_areas", "service_at_locations"),
    "organizations": ("attributes", "contacts", "funding", "locations", "metadata", "organization_identifiers", "phones", "programs", "services"),
    "taxonomy_terms": (),
}


def path_of(endpoint: str) -> str:
    """The file that answers ``endpoint``: '/', '/services', '/services?page=2', '/services/<id>'."""
    path, _, query = endpoint.partition("?")
    parts = [part for part in path.split("/") if part]
    if not parts:
        return f"{FOLDER}/index.json"
    if len(parts) == 2:
        return f"{FOLDER}/{parts[0]}/{parts[1]}.json"
    page = dict(pair.split("=") for pair in query.split("&") if pair).get("page", "1")
    return f"{FOLDER}/{parts[0]}/page/{page}.json"


def list_item(record: dict, name: str) -> dict:
    """A record as one list endpoint gives it: without what only the single record holds."""
    omit = DETAILS[name]
    return {key: value for key, value in record.items() if key not in omit}


def pages(records: list[dict], name: str, per_page: int = PER_PAGE) -> list[dict]:
    """The Page objects of one list endpoint; an empty list is one empty page."""
    return paged([list_item(record, name) for record in records], per_page)


def paged(items: list, per_page: int = PER_PAGE) -> list[dict]:
    """``items`` (list items, made or encoded) cut into Page objects."""
    chunks = [items[start:start + per_page] for start in range(0, len(items), per_page)] or [[]]
    return [{
        "total_items": len(items),
        "total_pages": len(chunks),
        "page_number": number,
        "size": len(chunk),
        "first_page": number == 1,
        "last_page": number == len(chunks),
        "empty": not chunk,
        "contents": chunk,
    } for number, chunk in enumerate(chunks, start=1)]


def encoded_services(catalogue: Catalogue, publication: Publication, pieces: Pieces) -> list[tuple[EncodedJSON, EncodedJSON]]:
    """Each offer's service, encoded whole (services.json and /services/{id}) and as a list item (the pages),
    in the catalogue's order: the largest records, made once for both HSDS forms."""
    def make(offer):
        record = hsds.service(catalogue, offer, publication)
        return compact_json(record), compact_json(list_item(record, "services"))
    return pieces.each("hsds-service", make)


def write(catalogue: Catalogue, folder: Path, publication: Publication, pieces: Pieces,
          services: list[tuple[EncodedJSON, EncodedJSON]] | None = None) -> list[DataFile]:
    """``services``: encoded_services(catalogue, publication, pieces), if made already."""
    services = encoded_services(catalogue, publication, pieces) if services is None else services
    providers = sorted(catalogue.providers.values(), key=lambda provider: provider.id)
    organizations = [hsds.organization(provider, publication) for provider in providers]
    terms = hsds.taxonomy_terms(catalogue)
    # Per list: its items for the pages, and (id, the offer or provider it is made from, the record) for the single files.
    lists = {
        "services": ([item for _, item in services],
                     [(hsds.hsds_id("offer", offer.id), offer, record) for offer, (record, _) in zip(catalogue.offers, services)]),
        "organizations": ([list_item(record, "organizations") for record in organizations],
                          [(record["id"], provider, record) for provider, record in zip(providers, organizations)]),
        "taxonomy_terms": ([list_item(record, "taxonomy_terms") for record in terms], [(record["id"], None, record) for record in terms]),
    }
    root = write_json(folder / path_of("/"), {"version": VERSION, "profile": PROFILE, "openapi_url": OPENAPI}, readable=True)
    written = [DataFile(
        path_of("/"), "HSDS 3.0-API: begin (JSON)",
        "Het antwoord op / van de HSDS-API: versie en profiel. De lijsten en elk record staan ernaast als bestand.",
        "application/json", "JSON", (root,), standard=hsds.STANDARD,
    )]
    for name, (items, records) in lists.items():
        listed = tuple(write_json(folder / path_of(f"/{name}?page={page['page_number']}"), page) for page in paged(items))
        (folder / FOLDER / name).mkdir(parents=True, exist_ok=True)
        single = tuple(_write_record(folder, pieces, path_of(f"/{name}/{record_id}"), source, record) for record_id, source, record in records)
        written.append(DataFile(
            f"{FOLDER}/{name}/page/{{n}}.json", f"HSDS 3.0-API: /{name} (JSON)",
            f"Het antwoord op /{name}?page={{n}}: een Page met hoogstens {PER_PAGE} records.",
            "application/json", "JSON", listed, standard=hsds.STANDARD,
        ))
        if single:
            written.append(DataFile(
                f"{FOLDER}/{name}/{{id}}.json", f"HSDS 3.0-API: /{name}/{{id}} (JSON)",
                f"Het antwoord op /{name}/{{id}}: één record, compleet.",
                "application/json", "JSON", single, standard=hsds.STANDARD,
            ))
    return written


def _write_record(folder: Path, pieces: Pieces, relative: str, source: Offer | Provider | None, record) -> Path:
    """A single record's file; one made from one offer or provider is kept when the last build made it from the same."""
    if source is None:
        return write_json(folder / relative, record)
    return pieces.write_file(folder, relative, source, lambda: json_bytes(record))
