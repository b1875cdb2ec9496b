"""Every make target and every setting is documented (the Datasette habit)."""

import re

from aanbod.content.settings import DEFAULTS
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
    from aanbod.content.schema import load_schema
    from aanbod.content.validation import validate_content

    # Both examples (an offer, and the file of an organisation that is not in the list yet), against this
    # repository's schema: a fork that forgets to give them its own municipalities and wijken fails here.
    offer, provider = re.findall(r"```yaml\n(.*?)```", (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"), flags=re.DOTALL)[:2]
    offer_id, provider_id = (re.search(rf"^{key}: (.+)$", text, flags=re.MULTILINE).group(1) for key, text in (("id", offer), ("id", provider)))
    assert re.search(r"^provider: (.+)$", offer, flags=re.MULTILINE).group(1) == provider_id
    content = tmp_path / "content"
    (content / f"offers/{provider_id}").mkdir(parents=True)
    (content / "providers").mkdir()
    (content / f"offers/{provider_id}/{offer_id}.yaml").write_text(offer, encoding="utf-8")
    (content / f"providers/{provider_id}.yaml").write_text(provider, encoding="utf-8")
    validated, problems = validate_content(content, load_schema(ROOT / "schema"))
    assert [problem.format() for problem in problems] == []


def _module_table() -> set[str]:
    """The names in the first column of the README's table of modules inside `aanbod/`."""
    section = README.split("Inside `aanbod/`:", 1)[1].split("\n#", 1)[0]
    names = set()
    for row in re.findall(r"^\| (.+?) \|", section, flags=re.MULTILINE):
        names.update(re.findall(r"`([^`]+)`", row))
    return names


def test_every_module_is_in_the_readme_module_table():
    documented = _module_table()
    package = ROOT / "aanbod"
    missing = []
    for path in sorted(package.rglob("*.py")):
        relative = path.relative_to(package)
        if path.name in ("__init__.py", "__main__.py"):
            continue
        # A module is named by its path inside aanbod/ (`content/loading.py`); a subpackage may be documented
        # as a whole (`exports/`, `site/pages/`).
        folders = {"/".join(relative.parts[:end]) + "/" for end in range(1, len(relative.parts))}
        if str(relative) not in documented and not folders & documented:
            missing.append(str(relative))
    assert missing == []
    for name in documented:
        assert (package / name).exists(), f"the README names {name}, which does not exist"


def _cli_commands():
    from aanbod.cli import build_parser

    parser = build_parser()
    subcommands = next(action for action in parser._actions if action.choices and isinstance(action.choices, dict))
    return subcommands.choices


def test_every_command_and_option_is_in_the_readme():
    from aanbod.contrib import scaffold
    from aanbod.content.schema import load_schema

    # `new` has one option per question, derived from schema/: the README explains that rule once.
    generated = {question.option for question in scaffold.questions(load_schema(ROOT / "schema"))}
    reference = README.split("### Command line", 1)[1].split("\n#", 1)[0]
    missing = []
    for name, command in _cli_commands().items():
        if f"python -m aanbod {name}" not in reference:
            missing.append(name)
        for action in command._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help" and option not in generated and f"`{option}" not in reference:
                    missing.append(f"{name} {option}")
    assert missing == []
