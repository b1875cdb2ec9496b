"""offers.geojson: one feature per location of an offer, as RFC 7946 describes.

Coordinates are [longitude, latitude] in WGS 84. A location without coordinates keeps its
feature with a null geometry, which RFC 7946 allows for unlocated features, so the file
still lists every address. Online-only offers have no location and no feature.
"""

from __future__ import annotations

from pathlib import Path

from ..content.model import Catalogue, Offer
from .publication import Publication
from .datafile import DataFile, EncodedJSON, compact_json, write_json
from .reuse import Pieces
from .values import to_json


def _geometry(location) -> dict | None:
    if not location.has_coordinates:
        return None
    return {"type": "Point", "coordinates": [to_json(location.longitude), to_json(location.latitude)]}


def features(catalogue: Catalogue, offer: Offer, publication: Publication) -> EncodedJSON:
    """The offer's features, one per location, encoded and joined by commas: placed in the list as they are."""
    location_fields = [name for name in catalogue.schema.tables["locations"].field_names if name not in ("latitude", "longitude")]
    encoded = []
    for location in offer.locations:
        properties = {name: to_json(location.values[name]) for name in location_fields}
        properties.update({
            "title": offer.title,
            "provider": offer.provider,
            "kind": offer.kind,
            "subtype": offer.subtype,
            "status": offer.status,
            "url": publication.offer_url(offer.id),
        })
        encoded.append(compact_json({
            "type": "Feature",
            "id": f"{offer.id}/{location.position}",
            "geometry": _geometry(location),
            "properties": properties,
        }))
    return b",".join(encoded)


def feature_collection(catalogue: Catalogue, publication: Publication, pieces: Pieces) -> dict:
    """The file's document for write_json: its features are each offer's, encoded (``features``)."""
    per_offer = pieces.each("geojson", lambda offer: features(catalogue, offer, publication))
    return {"type": "FeatureCollection", "features": [encoded for encoded in per_offer if encoded]}  # online only: no feature


def write(catalogue: Catalogue, folder: Path, publication: Publication, pieces: Pieces) -> list[DataFile]:
    path = write_json(folder / "offers.geojson", feature_collection(catalogue, publication, pieces))
    return [DataFile(
        "offers.geojson", "Adressen op de kaart (GeoJSON)",
        "Eén punt per adres van een aanbod (RFC 7946, lengtegraad en breedtegraad in WGS 84), met de naam, soort, status en webpagina van het aanbod.",
        "application/geo+json", "GEOJSON", (path,),
    )]
