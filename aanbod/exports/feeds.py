"""Change feeds: an Atom feed of new and changed offers, and a JSON change feed in the style of
OpenActive RPDE, so a consumer can stay in sync without downloading everything.

The JSON feed lists every offer once, ordered by modified time and id; a withdrawn offer is a
tombstone (state 'deleted', no data). A static site cannot answer RPDE's afterTimestamp/afterId
queries, so the items are cut into numbered pages and changes/index.json says which (modified, id)
range each page holds: a consumer reads from the first page whose range ends after its last
(modified, id). The last page is empty and points to itself, as RPDE asks.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

from ..model import Catalogue, Offer
from ..publication import Publication
from .datafile import DataFile, write_json
from .values import utc_stamp

ATOM = "http://www.w3.org/2005/Atom"
ATOM_ENTRIES = 100
PAGE_SIZE = 100
CHANGES = "changes"
_NO_CHANGES = datetime(1970, 1, 1, tzinfo=timezone.utc)


def in_change_order(catalogue: Catalogue) -> list[Offer]:
    return sorted(catalogue.offers, key=lambda offer: (offer.last_modified, offer.id))


def _element(parent, tag: str, text: str | None = None, **attributes) -> ET.Element:
    element = ET.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element


def atom_feed(catalogue: Catalogue, publication: Publication) -> bytes:
    recent = list(reversed(in_change_order(catalogue)))[:ATOM_ENTRIES]
    feed_url = publication.data_url("feed.atom")
    # Tags stay unqualified under one xmlns on the root: the plain Atom that feed readers expect.
    feed = ET.Element("feed", {"xmlns": ATOM, "{http://www.w3.org/XML/1998/namespace}lang": "nl"})
    _element(feed, "id", feed_url)
    _element(feed, "title", f"{publication.site_name}: nieuw en gewijzigd aanbod")
    _element(feed, "updated", utc_stamp(recent[0].last_modified if recent else _NO_CHANGES))
    _element(feed, "link", rel="self", type="application/atom+xml", href=feed_url)
    _element(feed, "link", rel="alternate", type="text/html", href=publication.url())
    author = _element(feed, "author")
    _element(author, "name", publication.publisher_name)
    licence = catalogue.schema.licence
    _element(feed, "rights", f"{licence.get('title') or licence.get('name', '')}: {licence['path']}")
    for offer in recent:
        entry = _element(feed, "entry")
        url = publication.offer_url(offer.id)
        _element(entry, "id", url)
        _element(entry, "title", offer.title if offer.is_published else f"Gestopt: {offer.title}")
        _element(entry, "updated", utc_stamp(offer.last_modified))
        _element(entry, "link", rel="alternate", type="text/html", href=url)
        _element(entry, "link", rel="alternate", type="application/json", href=publication.data_url(f"offers/{offer.id}.json"))
        provider = _element(entry, "author")
        _element(provider, "name", catalogue.providers[offer.provider].name)
        _element(entry, "category", term=offer.kind, label=catalogue.label("kinds", offer.kind))
        _element(entry, "summary", offer.summary if offer.is_published else "Dit aanbod is gestopt.")
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def change_item(offer: Offer, document: dict) -> dict:
    item = {"state": "updated" if offer.is_published else "deleted", "kind": "Offer", "id": offer.id, "modified": int(offer.last_modified.timestamp())}
    if offer.is_published:
        item["data"] = document
    return item


def change_pages(catalogue: Catalogue, documents: dict[str, dict], publication: Publication, page_size: int = PAGE_SIZE) -> tuple[list[dict], dict]:
    """The RPDE-style pages (the last one empty) and the index of their ranges."""
    items = [change_item(offer, documents[offer.id]) for offer in in_change_order(catalogue)]
    chunks = [items[start:start + page_size] for start in range(0, len(items), page_size)] + [[]]
    def url(number: int) -> str:
        return publication.data_url(f"{CHANGES}/page-{number}.json")

    licence = catalogue.schema.licence["path"]  # datapackage.json, the one place the licence is written
    pages, ranges = [], []
    for number, chunk in enumerate(chunks, start=1):
        last = number == len(chunks)
        pages.append({"next": url(number if last else number + 1), "items": chunk, "license": licence})
        if chunk:
            ranges.append({
                "url": url(number),
                "items": len(chunk),
                "from": {"modified": chunk[0]["modified"], "id": chunk[0]["id"]},
                "to": {"modified": chunk[-1]["modified"], "id": chunk[-1]["id"]},
            })
    index = {
        "description": "Wijzigingen in het aanbod, geordend op modified en id. Lees vanaf de eerste pagina waarvan 'to' na je laatst gelezen (modified, id) ligt, en volg 'next' tot een pagina zonder items.",
        "first_page": url(1),
        "last_page": url(len(chunks)),
        "page_size": page_size,
        "pages": ranges,
        "license": licence,
    }
    return pages, index


def write(catalogue: Catalogue, folder: Path, publication: Publication, documents: list[dict]) -> list[DataFile]:
    atom = folder / "feed.atom"
    atom.write_bytes(atom_feed(catalogue, publication))
    pages, index = change_pages(catalogue, {document["id"]: document for document in documents}, publication)
    page_paths = tuple(write_json(folder / CHANGES / f"page-{number}.json", page) for number, page in enumerate(pages, start=1))
    index_path = write_json(folder / CHANGES / "index.json", index, readable=True)
    return [
        DataFile(
            "feed.atom", "Nieuw en gewijzigd aanbod (Atom)",
            f"De {ATOM_ENTRIES} laatst gewijzigde aanbiedingen, nieuwste eerst, voor een feedlezer. Gestopt aanbod staat erin als 'Gestopt: …'.",
            "application/atom+xml", "ATOM", (atom,),
        ),
        DataFile(
            f"{CHANGES}/index.json", "Wijzigingenfeed: overzicht (JSON)",
            "Begin hier om bij te blijven: welke pagina's er zijn en welke wijzigingen (modified, id) elke pagina bevat.",
            "application/json", "JSON", (index_path,),
        ),
        DataFile(
            f"{CHANGES}/page-{{n}}.json", "Wijzigingenfeed: pagina's (JSON, in de stijl van OpenActive RPDE)",
            f"Alle aanbiedingen geordend op wijzigingstijd en code, {PAGE_SIZE} per pagina. Gestopt aanbod staat erin als 'deleted', zonder gegevens. "
            "De laatste pagina is leeg en verwijst naar zichzelf.",
            "application/json", "JSON", page_paths,
        ),
    ]
