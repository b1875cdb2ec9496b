"""The build cache (aanbod/build_cache.py, issue 10): a rebuild keeps what did not change, and its output is
byte for byte what a clean build of the same commit writes.

The site tests build a synthetic catalogue in a git repository, change it the way providers and developers
do (commit by commit, as a pull request would), and after each change compare a rebuild with the cache
against a clean build without one: same files, same bytes. Each also checks that the rebuild kept pages,
so a cache that silently stops working fails here too.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest

from conftest import REPOSITORY_SCHEMA, ROOT, run_pelican
from aanbod import build_cache
from aanbod.build_cache import CacheFolder, OutputLedger, build_start_ns, digest

sys.path.insert(0, str(ROOT / "scripts"))
import bench  # noqa: E402

KEPT = re.compile(r"Aanbod: (\d+) pagina's ongewijzigd uit de vorige bouw, (\d+) opnieuw gemaakt")
OFFERS = 80


# --- The ledger on its own ---

def _ledger(tmp_path: Path, output: Path) -> OutputLedger:
    cache = CacheFolder(tmp_path / "cache")
    return OutputLedger(cache, output, build_start_ns(cache))


def test_a_file_is_kept_only_when_made_from_the_same_fingerprint_and_untouched_since(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    first = _ledger(tmp_path, output)
    for name in ("same.html", "changed.html", "edited.html"):
        (output / name).write_text(name, encoding="utf-8")
        first.record(name, digest(name))
    first.sweep()
    (output / "edited.html").write_text("edited by hand", encoding="utf-8")

    second = _ledger(tmp_path, output)
    assert second.keeps("same.html", digest("same.html"))
    assert not second.keeps("changed.html", digest("something else"))
    assert not second.keeps("edited.html", digest("edited.html"))  # its size and time differ from the ledger's
    assert not second.keeps("new.html", digest("new.html"))


def test_keeps_or_records_keeps_a_file_or_records_the_one_written_now_for_the_next_build(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    first = _ledger(tmp_path, output)
    (output / "page.html").write_text("old", encoding="utf-8")
    assert not first.keeps_or_records("page.html", digest("old"))
    first.sweep()

    second = _ledger(tmp_path, output)
    assert second.keeps_or_records("page.html", digest("old"))
    assert not second.keeps_or_records("other.html", digest("other"))
    (output / "other.html").write_text("other", encoding="utf-8")
    second.sweep()

    third = _ledger(tmp_path, output)
    assert third.keeps("page.html", digest("old")) and third.keeps("other.html", digest("other"))


def test_the_sweep_removes_what_the_build_neither_wrote_nor_kept(tmp_path):
    output = tmp_path / "output"
    (output / "gone" / "deep").mkdir(parents=True)
    (output / "kept.html").write_text("kept", encoding="utf-8")
    (output / "gone" / "deep" / "stale.html").write_text("stale", encoding="utf-8")
    (output / ".git").mkdir()
    (output / ".git" / "HEAD").write_text("ref", encoding="utf-8")
    # A stale link to a folder is removed as a link: the sweep never follows it out of the output.
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "precious.txt").write_text("keep me", encoding="utf-8")
    (output / "gone" / "link").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    first = _ledger(tmp_path, output)
    first.record("kept.html", "a")
    first.sweep(remove_stale=False)

    second = OutputLedger(CacheFolder(tmp_path / "cache"), output, build_start_ns(CacheFolder(tmp_path / "cache")), keep_names=(".git",))
    assert second.keeps("kept.html", "a")
    (output / "written.html").write_text("new", encoding="utf-8")
    second.record("written.html", "b")
    assert second.sweep() == 2
    assert sorted(path.relative_to(output).as_posix() for path in output.rglob("*")) == [".git", ".git/HEAD", "kept.html", "written.html"]
    assert (tmp_path / "elsewhere" / "precious.txt").read_text(encoding="utf-8") == "keep me"


def test_a_forked_process_hands_its_ledger_over_to_the_parents_sweep(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    first = _ledger(tmp_path, output)
    (output / "data.json").write_text("{}", encoding="utf-8")
    first.record("data.json", "d")
    first.sweep()

    parent = _ledger(tmp_path, output)
    pid = os.fork()
    if pid == 0:  # the data files' process keeps its file and tells the parent
        os._exit(0 if parent.keeps("data.json", "d") and parent.hand_over() is None else 1)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 0
    assert parent.sweep() == 0
    assert (output / "data.json").exists()
    assert _ledger(tmp_path, output).keeps("data.json", "d")


def test_the_ledger_knows_whether_the_site_is_the_last_builds(tmp_path):
    output = tmp_path / "output"
    first = _ledger(tmp_path, output)
    assert not first.same_site
    first.site = "site-1"
    first.sweep()
    second = _ledger(tmp_path, output)
    second.site = "site-1"
    assert second.same_site
    second.site = "site-2"
    assert not second.same_site


def test_a_cache_folder_that_git_tracks_is_refused(tmp_path):
    subprocess.run(["git", "init", "--quiet", str(tmp_path)], check=True)
    folder = tmp_path / ".cache" / "build"
    folder.mkdir(parents=True)
    (folder / "cards.pickle").write_bytes(b"not ours")
    subprocess.run(["git", "-C", str(tmp_path), "add", "--force", "."], check=True)
    cache = CacheFolder(folder)
    assert not cache.enabled and "git" in cache.refused
    assert cache.load_snapshot("cards") == {}


def test_a_snapshot_comes_back_and_a_broken_one_reads_as_empty(tmp_path):
    cache = CacheFolder(tmp_path / "cache")
    cache.save_snapshot("cards", {"a": "<p>"})
    assert cache.load_snapshot("cards") == {"a": "<p>"}
    (tmp_path / "cache" / "cards.pickle").write_bytes(b"\x80\x04broken")
    assert cache.load_snapshot("cards") == {}


def test_the_code_digest_knows_every_library_the_generator_imports():
    """A library left out of LIBRARIES (or misspelt there) would let a new version's output hide behind old keys."""
    imported = set()
    for path in (ROOT / "aanbod").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    imported -= set(sys.stdlib_module_names) | {"aanbod"}
    distributions = metadata.packages_distributions()

    def normal(name):
        return re.sub(r"[-_.]+", "-", name).lower()

    named = {normal(name) for name in (*build_cache.LIBRARIES, *build_cache.NOT_IN_OUTPUT)}
    for module in sorted(imported):
        assert any(normal(name) in named for name in distributions[module]), f"{module} ({distributions[module]}) is in neither list"
    for name in build_cache.LIBRARIES:
        assert metadata.version(name), name


# --- Whole builds: after each change, the rebuild equals a clean build ---

@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A committed synthetic catalogue, its cache folder, and one first build with the cache."""
    base = tmp_path_factory.mktemp("cached-site")
    content = bench.prepare_content(base / "repository", OFFERS)
    state = {"folder": base / "repository", "content": content, "cache": base / "cache", "output": base / "output"}
    _build(state, state["output"], cache=True)
    return state


def _build(state: dict, output: Path, cache: bool, extra: tuple[str, ...] = ()) -> tuple[int, int] | None:
    """Build; (pages kept, pages made) from the log, None without a cache. The search index only where ``extra`` asks."""
    log = _build_log(state, output, cache, extra)
    counts = KEPT.search(log)
    return (int(counts[1]), int(counts[2])) if counts else None


def _build_log(state: dict, output: Path, cache: bool, extra: tuple[str, ...] = ()) -> str:
    result = run_pelican(state["content"], output, schema=REPOSITORY_SCHEMA, cache=state["cache"] if cache else None,
                         extra=("AANBOD_SEARCH_INDEX=false", *extra))
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def _commit(folder: Path, message: str, when: str = bench.COMMIT_DATE) -> None:
    """Commit everything, at the benchmark's fixed date or ``when``: the commit's date is the build's today."""
    bench.git(folder, "add", "--all", when=when)
    bench.git(folder, "commit", "--quiet", "--allow-empty", "--message", message, when=when)


def _files(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def _assert_same_as_clean(state: dict, tmp_path: Path, extra: tuple[str, ...] = ()) -> tuple[int, int]:
    counts = _build(state, state["output"], cache=True, extra=extra)
    clean = tmp_path / "clean"
    _build(state, clean, cache=False, extra=extra)
    rebuilt, expected = _files(state["output"]), _files(clean)
    assert sorted(rebuilt) == sorted(expected)
    different = [name for name in expected if rebuilt[name] != expected[name]]
    assert different == [], different[:10]
    assert counts is not None
    return counts


def _offer_files(content: Path) -> list[Path]:
    return sorted((content / "offers").rglob("*.yaml"))


def _replace_line(path: Path, key: str, value: str) -> None:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(rf"^{key}: .*$", f"{key}: {value}", text, count=1, flags=re.MULTILINE)
    assert changed != text
    path.write_text(changed, encoding="utf-8")


def _status_with_role(role: str) -> str:
    rows = (REPOSITORY_SCHEMA / "taxonomies" / "statuses.csv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split(",")
    return next(row.split(",")[header.index("code")] for row in rows[1:] if row.split(",")[header.index("role")] == role)


def test_a_rebuild_without_changes_keeps_every_fingerprinted_page(site, tmp_path):
    kept, made = _assert_same_as_clean(site, tmp_path)
    assert kept > 2 * OFFERS and made < kept / 10


def test_one_changed_description_makes_only_that_offers_pages_again(site, tmp_path):
    offer = _offer_files(site["content"])[3]
    text = offer.read_text(encoding="utf-8")
    offer.write_text(text.replace("description: |\n", "description: |\n  Nieuw: we zijn nu ook op zaterdag open.\n", 1), encoding="utf-8")
    _commit(site["folder"], "one description")
    buckets = {path: path.stat().st_mtime_ns for path in site["output"].rglob("lijstje/aanbod-*.json")}
    kept, made = _assert_same_as_clean(site, tmp_path)
    assert kept > 2 * OFFERS and made < kept / 5
    # "Mijn lijstje": only the bucket holding the changed offer is written again, in each language.
    rewritten = [path for path, before in buckets.items() if path.stat().st_mtime_ns != before]
    assert len(buckets) >= 4 and len(rewritten) == 2
    assert all(offer.stem in path.read_text(encoding="utf-8") for path in rewritten)


def test_a_new_title_moves_the_offer_in_its_lists(site, tmp_path):
    _replace_line(_offer_files(site["content"])[5], "title", "Aaa eerst in elke lijst")
    _commit(site["folder"], "a title")
    kept, made = _assert_same_as_clean(site, tmp_path)
    assert kept > 0 and made > 2


@pytest.mark.parametrize("change", ["withdrawn", "added", "removed", "provider renamed"])
def test_a_change_to_the_catalogue_gives_the_clean_builds_output(site, tmp_path, change):
    offers = _offer_files(site["content"])
    if change == "withdrawn":
        _replace_line(offers[7], "status", _status_with_role("withdrawn"))
    elif change == "added":
        copy = offers[8].with_name("een-nieuw-aanbod.yaml")
        copy.write_text(re.sub(r"^id: .*$", "id: een-nieuw-aanbod", offers[8].read_text(encoding="utf-8"), count=1, flags=re.MULTILINE), encoding="utf-8")
    elif change == "removed":  # an offer no availability file names (that would be a problem of its own)
        named = "".join(path.read_text(encoding="utf-8") for path in (site["content"] / "availability").glob("*.yaml"))
        next(path for path in offers[9:] if path.stem not in named).unlink()
    else:
        provider = sorted((site["content"] / "providers").glob("*.yaml"))[0]
        _replace_line(provider, "name", "Een nieuwe naam")
    _commit(site["folder"], change)
    kept, _ = _assert_same_as_clean(site, tmp_path)
    assert kept > 0


def test_a_changed_template_makes_every_page_again(site, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    offer_template = theme / "templates" / "offer.html"
    offer_template.write_text(offer_template.read_text(encoding="utf-8").replace("{% block content %}", "{% block content %}<!-- nieuw -->", 1), encoding="utf-8")
    with_theme = (f'THEME="{theme}"',)
    log = _build_log(site, site["output"], cache=True, extra=with_theme)
    # Every page is made again, but a template is no input of the data files: their pieces are all taken back.
    assert re.search(r"databestanden: [1-9]\d* stukken uit de vorige bouw, 0 opnieuw gemaakt", log), log
    kept, made = _assert_same_as_clean(site, tmp_path, extra=with_theme)
    assert kept > 2 * OFFERS  # the rebuild just above kept them all
    assert "<!-- nieuw -->" in next((site["output"] / "aanbod").rglob("index.html")).read_text(encoding="utf-8")
    made_again = KEPT.search(log)
    assert made_again and int(made_again[1]) == 0 and int(made_again[2]) > 2 * OFFERS
    # The same template file changed once more: the compiled template the cache holds (Jinja's bytecode cache) is
    # not taken back, the build compiles the new source.
    assert list((site["cache"] / "templates").iterdir())
    offer_template.write_text(offer_template.read_text(encoding="utf-8").replace("<!-- nieuw -->", "<!-- nog nieuwer -->", 1), encoding="utf-8")
    _assert_same_as_clean(site, tmp_path / "again", extra=with_theme)
    assert "<!-- nog nieuwer -->" in next((site["output"] / "aanbod").rglob("index.html")).read_text(encoding="utf-8")


def test_a_page_edited_in_the_output_and_a_stray_file_are_made_right(site, tmp_path):
    _build(site, site["output"], cache=True)
    page = next((site["output"] / "aanbod").rglob("index.html"))
    page.write_text("veranderd", encoding="utf-8")
    (site["output"] / "aanbod" / "los-bestand.txt").write_text("niet van de bouw", encoding="utf-8")
    kept, made = _assert_same_as_clean(site, tmp_path)
    assert made >= 1 and kept > 0


def test_the_search_index_is_kept_while_no_published_offer_changes(site, tmp_path):
    search = ("AANBOD_SEARCH_INDEX=true",)
    assert "zoekindex gemaakt" in _build_log(site, site["output"], cache=True, extra=search)
    assert "zoekindex ongewijzigd" in _build_log(site, site["output"], cache=True, extra=search)
    _replace_line(_offer_files(site["content"])[11], "summary", "Een nieuwe korte zin over dit aanbod.")
    _commit(site["folder"], "a summary")
    assert "zoekindex gemaakt" in _build_log(site, site["output"], cache=True, extra=search)
    _build(site, tmp_path / "clean", cache=False, extra=search)
    assert _files(site["output"] / "pagefind") == _files(tmp_path / "clean" / "pagefind")


def test_a_build_on_a_later_day_makes_again_only_what_that_day_changed(site, tmp_path):
    """The build's today (the commit's date) decides which closures still show and in which words, whether a check
    of room is still repeated, and which offers have expired. A merge on a later day keeps the pages of every other
    offer and writes what a clean build of that commit writes, calendars and search index included."""
    offers = _offer_files(site["content"])
    closures = {offers[20]: ("2026-12-24", "2026-12-30", "    reason: kerstsluiting\n"),  # ended by the later day
                offers[21]: ("2027-01-05", "2027-01-05", "")}  # "5 januari 2027", then "5 januari"
    for path, (start, end, reason) in closures.items():
        path.write_text(path.read_text(encoding="utf-8") + f"closures:\n  - start_date: {start}\n    end_date: {end}\n{reason}", encoding="utf-8")
    _replace_line(offers[22], "verified_on", "2026-01-01")  # expires after twelve months: on 2027-01-02, not on 2026-12-28
    # One offer's room, checked six weeks before 2026-12-30: still repeated on 2026-12-28, not on 2027-01-02.
    room = sorted((site["content"] / "availability").glob("*.yaml"))[1]
    checked = Path(re.match(r"([^\s:]+):", room.read_text(encoding="utf-8"))[1])  # the offer it names first
    assert checked.name not in {path.stem for path in offers[20:23]}
    room.write_text(re.sub(r"checked_on: \S+", "checked_on: 2026-11-18", room.read_text(encoding="utf-8"), count=1), encoding="utf-8")
    _commit(site["folder"], "dates that a later day changes", when="2026-12-28T12:00:00+00:00")
    search = ("AANBOD_SEARCH_INDEX=true",)
    _build(site, site["output"], cache=True, extra=search)
    page = lambda path: (site["output"] / "aanbod" / path.stem / "index.html").read_text(encoding="utf-8")  # noqa: E731
    assert "(kerstsluiting)" in page(offers[20]) and "Gesloten op 5 januari 2027" in page(offers[21])
    assert "Dit aanbod is gestopt" not in page(offers[22]) and 'data-availability="unknown"' not in page(checked)
    _commit(site["folder"], "nothing that touches these offers, merged on a later day", when="2027-01-02T12:00:00+00:00")
    kept, made = _assert_same_as_clean(site, tmp_path, extra=search)
    assert "(kerstsluiting)" not in page(offers[20]) and "Gesloten op 5 januari<" in page(offers[21])
    assert not (site["output"] / "aanbod" / offers[22].stem).exists()  # expired: held back, reported, no page
    assert 'data-availability="unknown"' in page(checked)
    assert kept > OFFERS and made > 4, (kept, made)
