"""What an offer page shows that is worked out in Python, once per offer and language, not in the template."""

from __future__ import annotations

from typing import Callable

from ..model import Offer


def map_points(offer: Offer, label: Callable[[str, str], str]) -> list[dict]:
    """The offer's locations with coordinates, for its map (offer-map.js): position, title and address.

    ``label(taxonomy, code)`` names a municipality in the page's language.
    """
    return [
        {
            "lat": float(location.latitude),
            "lon": float(location.longitude),
            "title": location.name or location.street_address,
            "note": f"{location.street_address}, {location.postcode} {label('municipalities', location.municipality)}",
        }
        for location in offer.locations
        if location.has_coordinates
    ]
