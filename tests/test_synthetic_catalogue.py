"""The benchmark catalogue is valid and the same every time."""

import sys
from pathlib import Path

from aanbod.schema import load_schema
from aanbod.validation import validate_content
from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from synthetic_catalogue import write_catalogue  # noqa: E402


def test_synthetic_catalogue_is_valid_and_deterministic(tmp_path: Path):
    first = write_catalogue(tmp_path / "a", 60)
    second = write_catalogue(tmp_path / "b", 60)
    files = sorted(path.relative_to(first) for path in first.rglob("*.yaml"))
    assert len(files) == 60 + 2
    assert all((first / name).read_bytes() == (second / name).read_bytes() for name in files)
    validated, problems = validate_content(first, load_schema(ROOT / "schema"))
    assert [problem.format() for problem in problems] == []
    assert len(validated.typed["offers"]) == 60
