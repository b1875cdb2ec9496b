"""aanbod/exports/reuse.py: the data files of a build after a change are byte for byte a clean build's, and what the
change did not touch is taken back from the last build (pieces from the snapshot, files of one offer left on disk)."""

from __future__ import annotations

import re
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from aanbod.build_cache import CacheFolder, OutputLedger, build_start_ns, digest
from aanbod.content.catalogue import read_catalogue
from aanbod.content.fingerprints import Fingerprints
from aanbod.content.settings import DEFAULTS
from aanbod.exports import write_all
from aanbod.exports.publication import Publication
from aanbod.exports.reuse import ExportReuse
from conftest import REPOSITORY_SCHEMA, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from synthetic_catalogue import write_catalogue  # noqa: E402

OFFERS = 200
TODAY = date(2026, 11, 20)
PUBLICATION = Publication.from_settings(DEFAULTS)
DATA = "data"
# The files made from one offer or one provider: kept on disk when it did not change.
OWN_FILES = ("offers/*.json", "offers/*.ics", "hsds/api/services/*.json", "hsds/api/organizations/*.json")


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory) -> Path:
    return write_catalogue(tmp_path_factory.mktemp("synthetic") / "content", OFFERS, schema_folder=REPOSITORY_SCHEMA)


def _read(content: Path):
    catalogue, problems = read_catalogue(content, REPOSITORY_SCHEMA)
    assert problems == []
    return catalogue


def _site_digest() -> str:
    """What the site build puts in every key besides the offer (code, schema, settings): the same in every build here."""
    return digest("test")


def _build(catalogue, output: Path, cache: Path, today: date = TODAY) -> ExportReuse:
    """The data files into output/data/ as the site build writes them: a ledger, the exports, then the sweep."""
    cache_folder = CacheFolder(cache)
    ledger = OutputLedger(cache_folder, output, build_start_ns(cache_folder))
    ledger.forget()
    reuse = ExportReuse(ledger, cache_folder, Fingerprints(catalogue, today), f"{DATA}/", _site_digest())
    write_all(catalogue, output / DATA, PUBLICATION, today, reuse)
    ledger.sweep()
    return reuse


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _own_files(folder: Path) -> int:
    return sum(len(list(folder.glob(pattern))) for pattern in OWN_FILES)


def _one_offer(content: Path, number: int = 7) -> Path:
    return sorted((content / "offers").rglob("*.yaml"))[number]


def _change_description(content: Path) -> None:
    path = _one_offer(content)
    path.write_text(path.read_text(encoding="utf-8").replace("description: |\n", "description: |\n  Nu ook op zondag.\n", 1), encoding="utf-8")


def _add_offer(content: Path) -> None:
    source = _one_offer(content)
    text = source.read_text(encoding="utf-8")
    old_id = re.search(r"^id: (.+)$", text, re.MULTILINE).group(1)
    (source.parent / "een-nieuw-aanbod.yaml").write_text(text.replace(f"id: {old_id}", "id: een-nieuw-aanbod", 1), encoding="utf-8")


def _remove_offer(content: Path) -> None:
    _one_offer(content).unlink()


def _withdraw_offer(content: Path) -> None:
    path = _one_offer(content)
    path.write_text(path.read_text(encoding="utf-8").replace("\nstatus: actief\n", "\nstatus: ingetrokken\n"), encoding="utf-8")


def _add_closures_and_steps(content: Path) -> None:
    """The tables only the sample fills (closures, intake steps) get rows of one offer."""
    path = _one_offer(content)
    path.write_text(path.read_text(encoding="utf-8") + (
        "closures:\n  - start_date: 2026-12-24\n    end_date: 2027-01-03\n    reason: kerstvakantie\n"
        "intake_steps:\n  - step: via-buurtteam\n  - step: proefdag\n    text: Kom eerst een keer kijken.\n"), encoding="utf-8")


def _rename_provider(content: Path) -> None:
    path = content / "providers" / "aanbieder-0003.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("name: Aanbieder 3", "name: Stichting Nieuwe Naam"), encoding="utf-8")


def _change_availability(content: Path) -> None:
    """The provider checked one offer's room on another day (the synthetic catalogue's checks are all in November)."""
    path = sorted((content / "availability").glob("*.yaml"))[2]
    path.write_text(re.sub(r"checked_on: \S+", "checked_on: 2026-10-31", path.read_text(encoding="utf-8"), count=1), encoding="utf-8")


def _keep(content: Path) -> None:
    """No change at all."""


CHANGES = {
    "description": _change_description,
    "offer added": _add_offer,
    "offer removed": _remove_offer,
    "offer withdrawn": _withdraw_offer,
    "closures and intake steps": _add_closures_and_steps,
    "provider renamed": _rename_provider,
    "availability": _change_availability,
    "nothing": _keep,
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_build_after_a_change_writes_what_a_clean_build_writes_and_takes_the_rest_back(tmp_path, synthetic, change):
    content = tmp_path / "content"
    shutil.copytree(synthetic, content)
    before = _read(content)
    _build(before, tmp_path / "incremental", tmp_path / "cache")
    CHANGES[change](content)
    after = _read(content)

    reuse = _build(after, tmp_path / "incremental", tmp_path / "cache")
    write_all(after, tmp_path / "clean" / DATA, PUBLICATION, TODAY)

    clean, incremental = _files(tmp_path / "clean" / DATA), _files(tmp_path / "incremental" / DATA)
    assert sorted(incremental) == sorted(clean)
    assert [name for name in clean if incremental[name] != clean[name]] == []
    # Made again: exactly the offers whose fingerprint is new; every other offer's pieces came from the snapshot.
    old, new = Fingerprints(before, TODAY), Fingerprints(after, TODAY)
    old_keys = {old.offer(offer) for offer in before.offers}
    changed = [offer.id for offer in after.offers if new.offer(offer) not in old_keys]
    renamed = sum(offer.provider == "aanbieder-0003" for offer in after.offers)  # a card names its provider: all of its offers
    assert len(changed) == {"nothing": 0, "offer removed": 0, "provider renamed": renamed}.get(change, 1)
    assert reuse.made and set(reuse.made.values()) == {len(changed)}
    assert set(reuse.taken.values()) == {len(after.offers) - len(changed)}
    # Files of one offer or provider: the unchanged ones stay as they were, only the changed ones are written.
    assert reuse.kept + reuse.written == _own_files(tmp_path / "clean" / DATA)
    changed_providers = 1 if change == "provider renamed" else 0
    assert reuse.written <= 3 * len(changed) + changed_providers


def test_a_new_day_makes_again_only_the_calendars_and_the_offers_it_changes(tmp_path, synthetic):
    """The calendars count their weeks from the build's today; everything else of an offer changes with the day only
    when what today decides for it moves (here: a closure that has ended by the new day)."""
    content = tmp_path / "content"
    shutil.copytree(synthetic, content)
    _add_closures_and_steps(content)  # 2026-12-24 to 2027-01-03
    catalogue = _read(content)
    _build(catalogue, tmp_path / "incremental", tmp_path / "cache")
    later = date(2027, 1, 4)
    reuse = _build(catalogue, tmp_path / "incremental", tmp_path / "cache", later)
    write_all(catalogue, tmp_path / "clean" / DATA, PUBLICATION, later)
    assert _files(tmp_path / "incremental" / DATA) == _files(tmp_path / "clean" / DATA)
    # Only the offer whose closure ended is made again; every other piece is taken back.
    assert set(reuse.made.values()) == {1} and set(reuse.taken.values()) == {len(catalogue.offers) - 1}
    calendars = len(list((tmp_path / "clean" / DATA).glob("offers/*.ics")))
    assert calendars > 0 and reuse.written == calendars + 2  # every calendar, and that offer's JSON and HSDS record
    assert reuse.kept == _own_files(tmp_path / "clean" / DATA) - reuse.written


def test_without_a_cache_folder_reuse_makes_everything_and_writes_the_same(tmp_path, synthetic):
    catalogue = _read(synthetic)
    cache_folder = CacheFolder(None)
    ledger = OutputLedger(cache_folder, tmp_path / "output", 0)
    reuse = ExportReuse(ledger, cache_folder, Fingerprints(catalogue, TODAY), f"{DATA}/", _site_digest())
    write_all(catalogue, tmp_path / "output" / DATA, PUBLICATION, TODAY, reuse)
    write_all(catalogue, tmp_path / "clean" / DATA, PUBLICATION, TODAY)
    assert _files(tmp_path / "output" / DATA) == _files(tmp_path / "clean" / DATA)
    assert reuse.taken == {} and reuse.kept == 0
