"""One JSON file per offer (offers/<id>.json), the same document as in offers.json.

A consumer that needs one offer, or follows the change feed, fetches only that file.
"""

from __future__ import annotations

from pathlib import Path

from .datafile import DataFile, write_json

FOLDER = "offers"


def write(folder: Path, documents: list[dict]) -> list[DataFile]:
    paths = tuple(write_json(folder / FOLDER / f"{document['id']}.json", document) for document in documents)
    return [DataFile(
        f"{FOLDER}/{{id}}.json", "Eén bestand per aanbod (JSON)",
        "Hetzelfde als één aanbod in offers.json, op een vast adres: vervang {id} door de code van het aanbod.",
        "application/json", "JSON", paths,
    )]
