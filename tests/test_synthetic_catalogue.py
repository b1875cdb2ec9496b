"""The benchmark catalogue is valid and the same every time, in this repository's region (a fork's too)."""

import re
import sys
from pathlib import Path

from aanbod.content.schema import load_schema
from aanbod.content.validation import validate_content
from conftest import REPOSITORY_SCHEMA, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from synthetic_catalogue import write_catalogue  # noqa: E402


def test_synthetic_catalogue_is_valid_and_deterministic(tmp_path: Path):
    first = write_catalogue(tmp_path / "a", 60)
    second = write_catalogue(tmp_path / "b", 60)
    files = sorted(path.relative_to(first) for path in first.rglob("*.yaml"))
    assert len(files) == 60 + 2 + 2  # offers, providers, and an availability file per provider
    assert all((first / name).read_bytes() == (second / name).read_bytes() for name in files)
    validated, problems = validate_content(first, load_schema(REPOSITORY_SCHEMA))
    assert [problem.format() for problem in problems] == []
    assert len(validated.typed["offers"]) == 60
    assert 0 < sum(offer["availability"] is not None for offer in validated.typed["offers"]) < 60


def test_synthetic_offers_read_like_real_ones(tmp_path: Path):
    """Text costs what real text costs: 4 to 10 sentences, several places and days, own titles and addresses."""
    from aanbod.content.catalogue import read_catalogue

    catalogue, problems = read_catalogue(write_catalogue(tmp_path / "c", 400), REPOSITORY_SCHEMA)
    assert problems == []
    offers = catalogue.offers
    sentences = [len(re.findall(r"[.?!](?:\s|$)", offer.description.split("Wat je leert:")[0])) for offer in offers]
    assert min(sentences) >= 4 and max(sentences) <= 10 and len(set(sentences)) >= 5
    assert len({offer.title for offer in offers}) == len(offers)
    assert sum(bool(re.search(r"\d", offer.title)) for offer in offers) < len(offers) * 0.2
    addresses = [(location.street_address, location.municipality) for offer in offers for location in offer.locations]
    assert len(set(addresses)) == len(addresses)
    assert {len(offer.locations) for offer in offers} >= {1, 2, 3}
    assert max(len(offer.schedule) for offer in offers) >= 4
    assert len({offer.status for offer in offers}) == 3  # published, paused and withdrawn


def test_addresses_stay_unique_when_the_streets_run_out(tmp_path: Path, monkeypatch):
    """At 100,000 offers one municipality needs more addresses than street and number give; house letters follow."""
    import synthetic_catalogue

    monkeypatch.setattr(synthetic_catalogue, "STREET_NAMES", ["Kerk"])
    monkeypatch.setattr(synthetic_catalogue, "STREET_ENDS", ["straat"])
    folder = write_catalogue(tmp_path / "c", 400)
    addresses = []
    for path in (folder / "offers").rglob("*.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, line in enumerate(lines):
            if line.startswith("    street_address: "):  # a location: street, postcode, municipality
                addresses.append((line.split(": ", 1)[1], lines[number + 2].split(": ", 1)[1]))
    assert len(addresses) > 250 and len(set(addresses)) == len(addresses)
    assert any(re.search(r"\d+[a-z]+$", street) for street, _ in addresses)
