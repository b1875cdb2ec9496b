"""Every make target and every setting is documented (the Datasette habit)."""

import re

from aanbod.settings import DEFAULTS
from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_make_target_is_in_the_readme():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = re.findall(r"^([a-z]+):.*## ", makefile, flags=re.MULTILINE)
    assert targets
    for target in targets:
        assert f"make {target}" in README, target


def test_every_setting_is_in_the_readme():
    for name in DEFAULTS:
        assert f"`{name}`" in README or name in README, name


def test_contributing_example_is_a_valid_offer(tmp_path):
    from aanbod.schema import load_schema
    from aanbod.validation import validate_content

    example = re.search(r"```yaml\n(.*?)```", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), flags=re.DOTALL).group(1)
    content = tmp_path / "content"
    (content / "offers/buurtwerk-noord").mkdir(parents=True)
    (content / "providers").mkdir()
    (content / "offers/buurtwerk-noord/koken-in-de-wijk.yaml").write_text(example, encoding="utf-8")
    (content / "providers/buurtwerk-noord.yaml").write_bytes((ROOT / "content/providers/buurtwerk-noord.yaml").read_bytes())
    validated, problems = validate_content(content, load_schema(ROOT / "schema"))
    assert [problem.format() for problem in problems] == []
