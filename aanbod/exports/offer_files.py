"""One JSON file per offer (offers/<id>.json), the same document as in offers.json.

A consumer that needs one offer, or follows the change feed, fetches only that file.
"""

from __future__ import annotations

from pathlib import Path

from ..content.model import Offer
from .datafile import DataFile, EncodedJSON, json_bytes
from .reuse import Pieces

FOLDER = "offers"


def write(folder: Path, offers: tuple[Offer, ...], documents: list[EncodedJSON], pieces: Pieces) -> list[DataFile]:
    """``documents``: offers_json.offer_documents, in the order of ``offers``."""
    # One folder made once and one write per file: at 100,000 offers every per-file step counts.
    (folder / FOLDER).mkdir(parents=True, exist_ok=True)
    paths = [pieces.write_file(folder, f"{FOLDER}/{offer.id}.json", offer, lambda document=document: json_bytes(document))
             for offer, document in zip(offers, documents)]
    return [DataFile(
        f"{FOLDER}/{{id}}.json", "Eén bestand per aanbod (JSON)",
        "Hetzelfde als één aanbod in offers.json, op een vast adres: vervang {id} door de code van het aanbod.",
        "application/json", "JSON", tuple(paths),
    )]
