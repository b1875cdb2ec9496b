"""Where every search result is, in one small file, for "Bij jou in de buurt" and the map.

Pagefind knows a result by its page id (the name of its fragment file) and has no numbers to
sort on, so a browser that ranks results by distance needs the coordinates of every result
without opening every result. This file maps each page id to the coordinates of the offer's
locations; the search page downloads it only when someone asks for distances or a map.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..content.model import Offer
from .search_bundle import unpack

PLACES_FILE = "plaatsen.json"
SCALE = 10_000


def page_ids(bundle: Path) -> dict[str, str]:
    """Result URL -> Pagefind page id, read back from the fragments in the bundle (every part: deel-2/, ...)."""
    return ids_of({path.name.split(".", 1)[0]: path.read_bytes() for path in sorted(Path(bundle).glob("**/fragment/*.pf_fragment"))})


def ids_of(fragments: dict[str, bytes]) -> dict[str, str]:
    """Result URL -> page id, from the published fragments (page id -> the fragment file's bytes)."""
    return {json.loads(unpack(name, data))["url"]: name for name, data in sorted(fragments.items())}


def coordinates(offer: Offer) -> list[tuple[int, int]]:
    """(latitude, longitude) of each location that has them, in ten-thousandths of a degree (about ten metres)."""
    return [
        (round(location.latitude * SCALE), round(location.longitude * SCALE))
        for location in offer.locations if location.has_coordinates
    ]


def write_places(bundle: Path, offers_by_url: dict[str, Offer], ids: dict[str, str] | None = None) -> int:
    """Write ``plaatsen.json`` into the bundle; returns how many offers have a place.

    {"scale": 10000, "origin": [lat, lon], "pages": {page id: [lat, lon, lat, lon, ...]}}: whole
    numbers counted from the most south-western point, a degree being ``scale``. Small numbers
    keep the file small, which matters at 10,000 offers on a phone.
    """
    ids = page_ids(bundle) if ids is None else ids  # ids: from the fragments just published, not what lies in the folder
    missing = sorted(url for url in offers_by_url if url not in ids)
    if missing:
        raise RuntimeError(f"Pagefind wrote no result for {', '.join(missing[:3])}; the index is incomplete.")
    located = {ids[url]: points for url, offer in offers_by_url.items() if (points := coordinates(offer))}
    every = [point for points in located.values() for point in points]
    origin = (min(point[0] for point in every), min(point[1] for point in every)) if every else (0, 0)
    pages = {
        page_id: [number for latitude, longitude in points for number in (latitude - origin[0], longitude - origin[1])]
        for page_id, points in sorted(located.items())
    }
    data = {"scale": SCALE, "origin": list(origin), "pages": pages}
    Path(bundle, PLACES_FILE).write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
    return len(pages)


def read_places(bundle: Path) -> dict[str, list[tuple[float, float]]]:
    """Page id -> [(latitude, longitude), ...], as the search page reads ``plaatsen.json``."""
    data = json.loads(Path(bundle, PLACES_FILE).read_text(encoding="utf-8"))
    scale, (north, east) = data["scale"], data["origin"]
    return {
        page_id: [((north + numbers[i]) / scale, (east + numbers[i + 1]) / scale) for i in range(0, len(numbers), 2)]
        for page_id, numbers in data["pages"].items()
    }
