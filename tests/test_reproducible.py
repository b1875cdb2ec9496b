"""Two builds of the same commit, in different folders, give byte-identical output."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from conftest import REPOSITORY_SCHEMA, ROOT, build_site

COMMIT_DATE = "2026-12-01T23:30:00+01:00"  # after every date in the sample, which may not lie in the future (availability)


def _git(folder: Path, *arguments: str) -> None:
    environment = {"GIT_AUTHOR_DATE": COMMIT_DATE, "GIT_COMMITTER_DATE": COMMIT_DATE, "HOME": str(folder), "GIT_AUTHOR_NAME": "t",
                   "GIT_AUTHOR_EMAIL": "t@example.nl", "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.nl"}
    subprocess.run(["git", *arguments], cwd=folder, check=True, capture_output=True, env=environment)


def _files(folder: Path) -> dict[Path, Path]:
    return {path.relative_to(folder): path for path in sorted(folder.rglob("*")) if path.is_file()}


def test_two_builds_of_one_commit_in_different_folders_are_identical(tmp_path):
    # Two checkouts side by side, as two machines would have them; each builds from its own root.
    first = tmp_path / "eerste" / "checkout"
    shutil.copytree(ROOT / "content", first / "content")
    _git(first, "init", "-q")
    _git(first, "add", ".")
    _git(first, "commit", "-qm", "content")
    second = tmp_path / "tweede" / "kopie"
    second.parent.mkdir()
    _git(tmp_path, "clone", "-q", str(first), str(second))

    outputs = []
    for folder in (first, second):
        result = build_site(folder / "content", folder / "output", cwd=folder, schema=REPOSITORY_SCHEMA)
        assert result.returncode == 0, result.stdout + result.stderr
        outputs.append(_files(folder / "output"))
    one, two = outputs
    # Every file, the search index included: same names, same bytes.
    assert one.keys() == two.keys()
    assert {Path("data/feed.atom"), Path("data/offers.xlsx"), Path("data/dcat.rdf"), Path("pagefind/pagefind-entry.json")} <= one.keys()
    assert any(relative.parts[:2] == ("pagefind", "filter") for relative in one)
    different = [str(relative) for relative in one if one[relative].read_bytes() != two[relative].read_bytes()]
    assert different == []
    for relative, path in one.items():
        if path.suffix in (".html", ".json", ".csv", ".atom", ".jsonld", ".rdf", ".geojson", ".xml"):
            text = path.read_text(encoding="utf-8")
            assert str(tmp_path) not in text, relative
