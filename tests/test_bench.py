"""scripts/bench.py on a tiny catalogue: both sides build the same offers, and the JSON says what each did.

No time is judged here: the figures belong in docs/performance.md, not in a test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import bench  # noqa: E402

OFFERS = 30


@pytest.fixture(scope="module")
def measured(tmp_path_factory) -> tuple[dict, Path]:
    if not shutil.which("hugo"):
        pytest.fail("Debian's hugo is missing: run `make test`, which installs it.")
    work = tmp_path_factory.mktemp("bench")
    assert bench.main(["--offers", str(OFFERS), "--rebuild", "--work", str(work), "--json", str(work / "bench.json")]) == 0
    return json.loads((work / "bench.json").read_text(encoding="utf-8")), work / f"offers-{OFFERS}"


def test_the_json_reports_both_sides_with_their_stages_and_the_ratio(measured):
    report, _ = measured
    assert set(report) == {"machine", "versions", "repeat", "results"}
    assert report["versions"]["hugo"].startswith("hugo v") and report["versions"]["pagefind"].startswith("pagefind ")
    [result] = report["results"]
    assert result["offers"] == OFFERS
    for side, stages in (("ours", ["context", "pages", "data files", "search index"]), ("peer", ["hugo", "pagefind"])):
        measured_side = result[side]
        assert list(measured_side["stages"]) == stages, side
        assert measured_side["seconds"] > 0 and measured_side["cpu_seconds"] > 0 and measured_side["peak_bytes"] > 0, side
        # Shared pages count once in the PSS, in every process in the resident sum: never more, never nothing.
        assert 0 < measured_side["peak_pss_bytes"] <= measured_side["peak_bytes"], side
        assert measured_side["output_bytes"] > 0 and measured_side["output_files"] > 0, side
        for stage in measured_side["stages"].values():
            assert 0 <= stage["start"] <= stage["end"] <= measured_side["seconds"] + 0.01
    for name in ("seconds", "cpu_seconds", "peak_bytes", "peak_pss_bytes", "output_bytes"):
        assert result["ratio"][name] == round(result["ours"][name] / result["peer"][name], 2)


def test_both_sides_built_a_page_and_a_search_index_for_the_same_published_offers(measured):
    _, folder = measured
    ours = {path.parent.name for path in (folder / "output" / "aanbod").glob("*/index.html")}
    theirs = {path.parent.name for path in (folder / "hugo" / "public" / "aanbod").glob("*/index.html")}
    offers = {path.stem for path in (folder / "repository" / "content" / "offers").rglob("*.yaml")}
    # The peer publishes what we publish; our withdrawn offers keep a page that says they stopped.
    assert theirs and theirs <= ours == offers
    assert (folder / "output" / "pagefind" / "pagefind-entry.json").is_file()
    assert (folder / "hugo" / "public" / "pagefind" / "pagefind-entry.json").is_file()
    assert (folder / "output" / "data" / "offers.csv").is_file()


def test_the_rebuild_after_one_changed_offer_keeps_the_other_pages_and_equals_a_clean_build(measured):
    report, folder = measured
    rebuild = report["results"][0]["rebuild"]
    assert rebuild["identical_to_clean"] and rebuild["different_files"] == []
    assert 0 < rebuild["rebuild"]["pages_made"] < rebuild["rebuild"]["pages_kept"]
    assert rebuild["ratio"]["seconds"] == round(rebuild["rebuild"]["seconds"] / rebuild["clean"]["seconds"], 3)
    page = folder / "rebuild" / "cached" / "aanbod" / Path(rebuild["changed_offer"]).stem / "index.html"
    assert bench.CHANGED_SENTENCE in page.read_text(encoding="utf-8")


def test_the_catalogue_is_committed_before_the_build(measured):
    _, folder = measured
    repository = folder / "repository"
    status = subprocess.run(["git", "status", "--porcelain"], cwd=repository, capture_output=True, text=True, check=True).stdout
    added = subprocess.run(["git", "diff", "--name-only", "--diff-filter=A", "HEAD^1", "HEAD"], cwd=repository, capture_output=True, text=True, check=True).stdout
    assert status == "" and added == ""  # everything committed, and the commit being built adds no offer


def test_tree_memory_counts_every_descendant(tmp_path):
    """A grandchild holding 200 MB counts towards the tree of the process that started it."""
    holder = "import sys; block = b'x' * 200_000_000; print('ready', flush=True); sys.stdin.read()"
    child = subprocess.Popen(["sh", "-c", f'{sys.executable} -c "{holder}"'], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline() == "ready\n"
        assert bench.tree_rss(child.pid) >= 200_000_000
        assert bench.tree_rss(os.getpid()) >= 200_000_000
    finally:
        child.stdin.close()
        child.wait()
