"""Change feeds: an Atom feed of new and changed offers, and a JSON change feed in the style of
OpenActive RPDE, so a consumer can stay in sync without downloading everything.

The RPDE pages themselves are cut in ``rpde``; this module writes them, with changes/index.json
saying which file answers which query for hosts that cannot rewrite query strings.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timezone
from pathlib import Path

from ..content.model import Catalogue, Offer
from .publication import Publication
from . import rpde
from .datafile import DataFile, EncodedJSON, write_json
from .values import utc_stamp

ATOM = "http://www.w3.org/2005/Atom"
ATOM_ENTRIES = 100
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


def change_index(publication: Publication, feed_url: str, licence: str) -> dict:
    """How to follow the feed, also on a host that cannot rewrite query strings to files."""
    return {
        "description": "Wijzigingenfeed volgens OpenActive RPDE (modified + id). Vraag 'feed' op, volg 'next' tot een lege pagina en vraag die pagina later opnieuw op.",
        "feed": feed_url,
        "ordering": "modified+id",
        "files": {
            "feed": publication.data_url(rpde.page_file(None)),
            "feed?afterTimestamp={afterTimestamp}&afterId={afterId}": publication.data_url(rpde.page_file(("{afterTimestamp}", "{afterId}"))),
            "otherwise": publication.data_url(rpde.LAST_PAGE),
        },
        "license": licence,
    }


def write(catalogue: Catalogue, folder: Path, publication: Publication, documents: list[EncodedJSON]) -> list[DataFile]:
    """``documents``: offers_json.offer_documents, in the catalogue's order."""
    atom = folder / "feed.atom"
    atom.write_bytes(atom_feed(catalogue, publication))
    feed_url = publication.data_url(rpde.FEED)
    by_id = {offer.id: document for offer, document in zip(catalogue.offers, documents)}
    pages = rpde.feed_pages(catalogue, by_id, feed_url, rpde.history_slots(catalogue))
    # Depth 3: page, its items, an item's fields; the document in an item's data is placed as it was encoded.
    paths = {name: write_json(folder / name, page, depth=3) for name, page in pages.items()}
    first, last = paths.pop(rpde.page_file(None)), paths.pop(rpde.LAST_PAGE)
    index_path = write_json(folder / rpde.CHANGES / "index.json", change_index(publication, feed_url, catalogue.schema.licence["path"]), readable=True)
    return [
        DataFile(
            "feed.atom", "Nieuw en gewijzigd aanbod (Atom)",
            f"De {ATOM_ENTRIES} laatst gewijzigde aanbiedingen, nieuwste eerst, voor een feedlezer. Gestopt aanbod staat erin als 'Gestopt: …'.",
            "application/atom+xml", "ATOM", (atom,),
        ),
        DataFile(
            f"{rpde.CHANGES}/index.json", "Wijzigingenfeed: uitleg (JSON)",
            "Begin hier om bij te blijven: waar de feed begint en welk bestand elke pagina beantwoordt.",
            "application/json", "JSON", (index_path,),
        ),
        DataFile(
            rpde.page_file(None), "Wijzigingenfeed (OpenActive RPDE, JSON): eerste pagina",
            f"Alle aanbiedingen geordend op modified en id, hoogstens {rpde.PAGE_SIZE} per pagina. Gestopt en verwijderd aanbod staat erin als 'deleted', zonder gegevens. "
            f"Vraag {rpde.FEED} op, volg 'next' tot een lege pagina en vraag die later opnieuw op: wat daarna verandert, komt altijd achter wat je al las.",
            "application/json", "JSON", (first,), standard=rpde.STANDARD,
        ),
        DataFile(
            rpde.page_file(("{n}", "{id}")), "Wijzigingenfeed: volgende pagina's",
            "Het antwoord op feed?afterTimestamp={n}&afterId={id}. Een pagina blijft bestaan, ook als er later meer wijzigingen komen.",
            "application/json", "JSON", tuple(paths.values()), standard=rpde.STANDARD,
        ),
        DataFile(
            rpde.LAST_PAGE, "Wijzigingenfeed: laatste pagina",
            "Wat de webserver antwoordt op een afterTimestamp en afterId die de feed nog niet kent: de lege laatste pagina.",
            "application/json", "JSON", (last,), standard=rpde.STANDARD,
        ),
    ]
