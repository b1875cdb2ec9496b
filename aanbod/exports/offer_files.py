"""One JSON file per offer (offers/<id>.json), the same document as in offers.json.

A consumer that needs one offer, or follows the change feed, fetches only that file.
"""

from __future__ import annotations

from pathlib import Path

from .datafile import DataFile, json_bytes

FOLDER = "offers"


def write(folder: Path, documents: list[dict]) -> list[DataFile]:
    # One folder made once and one write per file: at 100,000 offers every per-file step counts.
    target = folder / FOLDER
    target.mkdir(parents=True, exist_ok=True)
    paths = []
    for document in documents:
        path = target / f"{document['id']}.json"
        path.write_bytes(json_bytes(document))
        paths.append(path)
    return [DataFile(
        f"{FOLDER}/{{id}}.json", "Eén bestand per aanbod (JSON)",
        "Hetzelfde als één aanbod in offers.json, op een vast adres: vervang {id} door de code van het aanbod.",
        "application/json", "JSON", tuple(paths),
    )]
