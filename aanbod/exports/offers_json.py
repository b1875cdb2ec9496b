"""offers.json: every offer nested as a provider writes it, with its locations and schedule."""

from __future__ import annotations

from pathlib import Path

from ..content.model import Catalogue, Offer
from ..content.timetable import join_slot
from .datafile import DataFile, EncodedJSON, compact_json, write_json
from .reuse import Pieces
from .values import to_json


def offer_document(catalogue: Catalogue, offer: Offer) -> dict:
    """The offer as one JSON object: the offer's fields, then each child table under its YAML key."""
    schema = catalogue.schema
    document = {name: to_json(offer.values[name]) for name in schema.tables["offers"].field_names}
    for child in schema.children_of("offers"):
        source = child.source
        rows = catalogue.rows_of(child.name, offer.id)
        if source["shape"] == "list":
            hidden = child.generated_fields
            document[source["key"]] = [{name: to_json(row[name]) for name in child.field_names if name not in hidden} for row in rows]
        else:
            mapping: dict[str, list] = {}
            times = child.times
            for row in rows:
                # As the provider writes it: a dagdeel with its clock times, "ochtend 09:30-12:00".
                value = join_slot(row[source["value_field"]], row.get(times.get("start")), row.get(times.get("end"))) if times else row[source["value_field"]]
                mapping.setdefault(row[source["key_field"]], []).append(to_json(value))
            document[source["key"]] = mapping
    return document


def offer_documents(catalogue: Catalogue, pieces: Pieces) -> list[EncodedJSON]:
    """Each offer's document, encoded, in the catalogue's order: for offers.json, the file per offer and the change feed."""
    return pieces.each("offer-json", lambda offer: compact_json(offer_document(catalogue, offer)))


def write(folder: Path, documents: list[EncodedJSON]) -> list[DataFile]:
    path = write_json(folder / "offers.json", {"offers": documents})
    return [DataFile(
        "offers.json", "Al het aanbod (JSON)",
        "Elk aanbod zoals een aanbieder het schrijft, met de adressen (locations), dagen met tijden (schedule) en sluitingen (closures) erin. Ook gestopt aanbod, met zijn status.",
        "application/json", "JSON", (path,),
    )]
