"""Reading the content with the build cache gives what a full read gives, validating only what changed (issue 10).

Each test reads a synthetic catalogue once with the cache (a full read that saves the snapshot), changes the
files, reads again with the cache and compares that with a full read of the same files without a cache: the
offers, providers and tables equal and in the same order, and the same problems. ``validated`` counts the files
each read validated, so a test fails when the cache silently falls back to a full read, or when it takes back
a file it should have validated again.
"""

import os
import pickle
import shutil
import sys
from datetime import date
from pathlib import Path

import pytest

from aanbod.build_cache import CacheFolder
from aanbod.content import incremental, validation
from aanbod.content.loading import DEFAULT_MAX_BYTES
from aanbod.content.schema import load_schema
from aanbod.content.catalogue import read_catalogue
from conftest import REPOSITORY_SCHEMA, ROOT, rewrite

sys.path.insert(0, str(ROOT / "scripts"))
from synthetic_catalogue import write_catalogue  # noqa: E402

TODAY = date(2026, 11, 22)
OFFERS = 60  # two providers of 30, about a third of the offers with availability


@pytest.fixture(scope="module")
def catalogue_files(tmp_path_factory) -> Path:
    return write_catalogue(tmp_path_factory.mktemp("synthetic") / "content", OFFERS, schema_folder=REPOSITORY_SCHEMA)


@pytest.fixture
def content(catalogue_files, tmp_path) -> Path:
    return Path(shutil.copytree(catalogue_files, tmp_path / "content"))


@pytest.fixture
def validated(monkeypatch) -> list[str]:
    """The files each read validates (read and checked), by name, in the order it read them."""
    names: list[str] = []
    original = validation._read_file

    def counting(schema, table, content, path, *arguments):
        names.append(Path(path).name)
        return original(schema, table, content, path, *arguments)

    monkeypatch.setattr(validation, "_read_file", counting)
    return names


def read(content: Path, cache: Path | None, schema: Path = REPOSITORY_SCHEMA):
    return read_catalogue(content, schema, today=TODAY, cache=CacheFolder(cache) if cache else None)


def as_compared(result) -> tuple:
    """What must be the same, in order: every offer, provider and table row, and every problem as printed."""
    catalogue, problems = result
    messages = [problem.format() for problem in problems]
    if catalogue is None:
        return None, messages
    return (repr(catalogue.offers), repr(list(catalogue.providers.items())),
            repr([(name, rows) for name, rows in catalogue.tables.items()])), messages


def cached_then_full(content: Path, cache: Path, validated: list[str], schema: Path = REPOSITORY_SCHEMA) -> tuple[tuple, list[str]]:
    """A cached read compared with a full read of the same files; the names of the files the cached read validated."""
    validated.clear()
    cached = read(content, cache, schema)
    names = list(validated)
    full = read(content, None, schema)
    assert as_compared(cached) == as_compared(full)
    assert cached[0] is None or cached[0].offers == full[0].offers
    return as_compared(cached), names


def offer_files(content: Path) -> list[Path]:
    return sorted((content / "offers").rglob("*.yaml"))


def availability_of(content: Path) -> dict[str, Path]:
    """Offer id -> the availability file that names it."""
    named = {}
    for path in sorted((content / "availability").glob("*.yaml")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith(" "):
                named[line.rstrip(":")] = path
    return named


def without_availability(content: Path) -> Path:
    named = availability_of(content)
    return next(path for path in offer_files(content) if path.stem not in named)


@pytest.fixture
def cache(content, tmp_path, validated) -> Path:
    """A cache filled by a first (full) read of ``content``."""
    folder = tmp_path / "cache"
    catalogue, problems = read(content, folder)
    assert problems == [] and len(catalogue.offers) == OFFERS
    assert len(validated) == OFFERS + 2  # the first read validates every offer and provider
    return folder


def test_nothing_changed_validates_nothing(content, cache, validated):
    result, names = cached_then_full(content, cache, validated)
    assert names == []
    assert result[0] is not None


def test_a_changed_description_validates_that_file_only(content, cache, validated):
    changed = offer_files(content)[17]
    rewrite(changed, "description: |\n  ", "description: |\n  Nieuw: ")
    result, names = cached_then_full(content, cache, validated)
    assert names == [changed.name]
    assert "Nieuw: " in result[0][0]


def test_an_added_offer(content, cache, validated):
    source = without_availability(content)
    added = source.with_name("nieuw-aanbod.yaml")
    added.write_text(source.read_text(encoding="utf-8").replace(f"id: {source.stem}\n", "id: nieuw-aanbod\n"), encoding="utf-8")
    result, names = cached_then_full(content, cache, validated)
    assert names == ["nieuw-aanbod.yaml"]
    assert "'nieuw-aanbod'" in result[0][0]


def test_a_removed_offer(content, cache, validated):
    removed = without_availability(content)
    removed.unlink()
    result, names = cached_then_full(content, cache, validated)
    assert names == []
    assert f"'{removed.stem}'" not in result[0][0] and result[0][0].count("Offer(") == OFFERS - 1


def test_a_changed_title_keeps_the_order_of_a_full_read(content, cache, validated):
    first, last = offer_files(content)[0], offer_files(content)[-1]
    for path, title in ((first, "Zzz als laatste"), (last, "Aaa als eerste")):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(f"title: {title}\n" if line.startswith("title: ") else line for line in lines), encoding="utf-8")
    result, names = cached_then_full(content, cache, validated)
    assert sorted(names) == sorted([first.name, last.name])
    assert "Zzz als laatste" in result[0][0] and "Aaa als eerste" in result[0][0]


def test_a_changed_availability_file_validates_the_offers_it_changed(content, cache, validated):
    offer, path = next(iter(availability_of(content).items()))
    text = path.read_text(encoding="utf-8")
    start = text.index(f"{offer}:\n")
    checked = text.index("  checked_on: ", start)
    end = text.index("\n", checked)
    path.write_text(text[:checked] + "  checked_on: 2026-11-21" + text[end:], encoding="utf-8")  # the synthetic days are 1 to 20
    result, names = cached_then_full(content, cache, validated)
    assert "datetime.date(2026, 11, 21)" in result[0][0]
    assert names == [f"{offer}.yaml"]  # only the offer whose values changed; its provider's other offers are taken back


def test_an_offer_that_gets_availability_for_the_first_time(content, cache, validated):
    offer = without_availability(content)
    path = content / "availability" / f"{offer.parent.name}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + f"{offer.stem}:\n  availability: plek\n  free_places: 2\n  checked_on: 2026-11-20\n",
                    encoding="utf-8")
    result, names = cached_then_full(content, cache, validated)
    assert names == [offer.name]
    assert "'free_places': 2" in result[0][0]


def test_a_removed_availability_file(content, cache, validated):
    path = sorted((content / "availability").glob("*.yaml"))[0]
    offers = [offer for offer, named in availability_of(content).items() if named == path]
    path.unlink()
    result, names = cached_then_full(content, cache, validated)
    assert sorted(names) == sorted(f"{offer}.yaml" for offer in offers)


def test_a_removed_offer_that_availability_still_names_reads_everything(content, cache, validated):
    offer = next(iter(availability_of(content)))
    next(path for path in offer_files(content) if path.stem == offer).unlink()
    result, names = cached_then_full(content, cache, validated)
    assert result[0] is None and any(f"'{offer}'" in message for message in result[1])
    assert len(names) == OFFERS - 1 + 2


def test_a_changed_provider_reads_everything(content, cache, validated):
    provider = sorted((content / "providers").glob("*.yaml"))[0]
    rewrite(provider, "name: ", "name: Nieuwe naam voor ")
    result, names = cached_then_full(content, cache, validated)
    assert len(names) == OFFERS + 2
    assert "Nieuwe naam voor" in result[0][1]


def test_an_invalid_edit_gives_a_full_reads_problems_and_the_next_valid_read_is_right(content, cache, validated):
    changed = without_availability(content)  # so that only the checks across offer files can find what is wrong
    original = changed.read_text(encoding="utf-8")
    rewrite(changed, "\nkind: ", "\nkind: geen-soort\nonbekend_veld: x\nsoort: ")
    result, names = cached_then_full(content, cache, validated)
    assert result[0] is None and len(result[1]) >= 2
    # The shortcut read the changed file, met a problem and left the messages to a full read.
    assert names[0] == changed.name and len(names[1:]) == OFFERS + 2

    # The duplicate id across files: a cross-file problem, exactly as a full read reports it.
    changed.write_text(original, encoding="utf-8")
    other_provider = sorted(path for path in (content / "offers").iterdir() if path != changed.parent)[0]
    duplicate = other_provider / changed.name
    duplicate.write_text(original.replace(f"provider: {changed.parent.name}\n", f"provider: {other_provider.name}\n"), encoding="utf-8")
    result, names = cached_then_full(content, cache, validated)
    assert result[0] is None and any("wordt al gebruikt" in message for message in result[1])
    duplicate.unlink()

    # A provider that does not exist: the foreign key, checked against the providers not read again.
    stranger = content / "offers" / "onbekend" / "vreemd-aanbod.yaml"
    stranger.parent.mkdir()
    stranger.write_text(original.replace(f"id: {changed.stem}\n", "id: vreemd-aanbod\n")
                        .replace(f"provider: {changed.parent.name}\n", "provider: onbekend\n"), encoding="utf-8")
    result, names = cached_then_full(content, cache, validated)
    assert result[0] is None and any("'onbekend' bestaat niet" in message for message in result[1])
    shutil.rmtree(stranger.parent)

    rewrite(changed, "description: |\n  ", "description: |\n  Weer goed: ")
    result, names = cached_then_full(content, cache, validated)
    assert names == [changed.name]  # the failed reads left the snapshot of the last good read
    assert "Weer goed: " in result[0][0]


def test_a_changed_schema_reads_everything(content, cache, validated, tmp_path):
    schema = Path(shutil.copytree(REPOSITORY_SCHEMA, tmp_path / "schema"))
    package = schema / "datapackage.json"
    package.write_text(package.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # any change to schema/ counts
    result, names = cached_then_full(content, cache, validated, schema)
    assert len(names) == OFFERS + 2 and result[0] is not None
    result, names = cached_then_full(content, cache, validated, schema)
    assert names == []  # and the snapshot it saved is taken back under the new schema


def test_a_later_day_takes_the_files_back_and_an_earlier_one_reads_everything(content, cache, validated):
    """A check date after today cannot come true on a later day: the unchanged files are valid then too."""
    for day, count in ((date(2026, 12, 23), 0), (date(2026, 11, 21), OFFERS + 2)):
        validated.clear()
        catalogue, problems = read_catalogue(content, REPOSITORY_SCHEMA, today=day, cache=CacheFolder(cache))
        assert problems == [] and len(validated) == count, day
        assert as_compared((catalogue, problems)) == as_compared(read_catalogue(content, REPOSITORY_SCHEMA, today=day))


def test_a_closure_that_a_later_day_makes_too_old_is_reported_as_a_full_read_reports_it(content, validated, tmp_path):
    """A closure may end at most a year before today: on a later day an unchanged file can break that rule."""
    path = offer_files(content)[4]
    path.write_text(path.read_text(encoding="utf-8") + "closures:\n  - start_date: 2026-07-20\n    end_date: 2026-08-14\n", encoding="utf-8")
    cache = tmp_path / "cache"
    assert read_catalogue(content, REPOSITORY_SCHEMA, today=TODAY, cache=CacheFolder(cache))[1] == []
    for day, still in ((date(2027, 8, 15), True), (date(2027, 8, 16), False)):  # 366 days after it ended, then 367
        validated.clear()
        cached = read_catalogue(content, REPOSITORY_SCHEMA, today=day, cache=CacheFolder(cache))
        assert len(validated) == (0 if still else OFFERS + 2), day
        assert as_compared(cached) == as_compared(read_catalogue(content, REPOSITORY_SCHEMA, today=day))
        assert (cached[1] == []) == still
    assert "al meer dan een jaar voorbij" in cached[1][0].format()


def test_a_file_that_became_a_link_to_the_same_bytes_is_refused_as_in_a_full_read(content, cache, validated, tmp_path):
    changed = offer_files(content)[3]
    elsewhere = tmp_path / "elders.yaml"
    shutil.copyfile(changed, elsewhere)
    changed.unlink()
    os.symlink(elsewhere, changed)
    result, names = cached_then_full(content, cache, validated)
    assert result[0] is None and any("symlink" in message for message in result[1])


def test_an_unreadable_snapshot_reads_everything(content, cache, validated):
    for snapshot in cache.glob("*.pickle"):
        snapshot.write_bytes(b"not a pickle")
    result, names = cached_then_full(content, cache, validated)
    assert len(names) == OFFERS + 2 and result[0] is not None


def test_many_changes_write_a_new_base_and_stay_right(content, cache, validated):
    """The changes since the base snapshot are saved on their own; past a tenth of the base a new base is written."""
    bases = sorted(cache.glob("content-*[!s].pickle"))
    assert len(bases) == 1
    generation = pickle.loads(bases[0].read_bytes())["generation"]
    for number, path in enumerate(offer_files(content)[:8]):
        rewrite(path, "description: |\n  ", f"description: |\n  Wijziging {number}: ")
        result, names = cached_then_full(content, cache, validated)
        assert names == [path.name]
    assert pickle.loads(bases[0].read_bytes())["generation"] != generation


def test_without_a_cache_nothing_is_written(content, tmp_path, validated):
    cached = read_catalogue(content, REPOSITORY_SCHEMA, today=TODAY, cache=CacheFolder(None))
    assert as_compared(cached) == as_compared(read(content, None))
    assert len(validated) == 2 * (OFFERS + 2)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["content"]


def test_the_changes_are_combined_only_with_the_base_they_were_made_on(tmp_path):
    from aanbod.content.snapshot_store import CHANGES, SnapshotStore

    cache = CacheFolder(tmp_path / "cache")
    base = {f"{number}.yaml": (f"digest-{number}", "offers", {}) for number in range(20)}
    SnapshotStore(cache, "content-x", "key").save(base, {})
    second = SnapshotStore(cache, "content-x", "key")
    files = second.load()["files"]
    del files["0.yaml"]
    second.save({**files, "new.yaml": ("digest-new", "offers", {})}, {"a.yaml": ("digest-a", {})})
    changes = pickle.loads((cache.path / f"content-x{CHANGES}.pickle").read_bytes())
    assert (changes["files"], changes["removed"]) == ({"new.yaml": ("digest-new", "offers", {})}, ["0.yaml"])  # not the whole base again
    expected = {**{name: entry for name, entry in base.items() if name != "0.yaml"}, "new.yaml": ("digest-new", "offers", {})}
    assert SnapshotStore(cache, "content-x", "key").load() == {"files": expected, "merged": {"a.yaml": ("digest-a", {})}, "day": None}
    assert SnapshotStore(cache, "content-x", "another key").load() == {}
    # A build that wrote a new base and stopped before its changes: the old changes do not belong to it.
    cache.save_snapshot("content-x", {"key": "key", "generation": "newer", "files": {"d.yaml": ("digest-d", "offers", {})}, "merged": {}})
    assert SnapshotStore(cache, "content-x", "key").load() == {"files": {"d.yaml": ("digest-d", "offers", {})}, "merged": {}, "day": None}


def test_a_full_read_on_more_cores_validates_apart_and_gives_what_one_process_gives(content, tmp_path):
    """With more than one worker the validation runs in a process of its own (forking.apart): only the tables
    come back, and they are what a validation in this process gives, problems included."""
    schema = load_schema(REPOSITORY_SCHEMA)
    pids = tmp_path / "pids"

    def keep(validated):
        with pids.open("a", encoding="utf-8") as stream:
            stream.write(f"{os.getpid()}\n")

    apart = incremental.read_all(content, schema, DEFAULT_MAX_BYTES, TODAY, 2, keep)
    here = incremental.read_all(content, schema, DEFAULT_MAX_BYTES, TODAY, 1, keep)
    assert apart[0] is not None and apart == here
    child, this = map(int, pids.read_text(encoding="utf-8").split())
    assert child != os.getpid() and this == os.getpid()
    rewrite(offer_files(content)[2], "title: ", "title: \x07")  # a control character: refused
    apart, here = (incremental.read_all(content, schema, DEFAULT_MAX_BYTES, TODAY, workers, keep) for workers in (2, 1))
    assert apart[0] is None and apart[1] and [problem.format() for problem in apart[1]] == [problem.format() for problem in here[1]]
