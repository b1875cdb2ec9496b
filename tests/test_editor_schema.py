"""The JSON Schemas for editors: generated from schema/, committed in sync, and as strict as validation."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from aanbod.contrib import editor_schema
from aanbod.content.loading import load_file, parse_text
from aanbod.content.schema import load_schema
from aanbod.content.validation import validate_content
from conftest import LOCATION, REPOSITORY_SCHEMA, ROOT, SCHEMA, offer_yaml, provider_yaml, require_sample, write_files
from yaml12 import load as load_yaml12

sys.path.insert(0, str(ROOT / "scripts"))
from synthetic_catalogue import write_catalogue  # noqa: E402


def validator(name: str, schema_folder: Path = SCHEMA) -> Draft7Validator:
    document = json.loads((schema_folder / "editor" / name).read_text(encoding="utf-8"))
    Draft7Validator.check_schema(document)
    return Draft7Validator(document)


OFFER, PROVIDER = validator("offer.schema.json"), validator("provider.schema.json")
# The repository's own editor schemas, for its own content and guide (a fork's region).
REPOSITORY_OFFER = validator("offer.schema.json", REPOSITORY_SCHEMA)
REPOSITORY_PROVIDER = validator("provider.schema.json", REPOSITORY_SCHEMA)


def messages(schema_validator, tree) -> list[str]:
    return [error.message for error in schema_validator.iter_errors(tree)]


def test_committed_schemas_equal_what_schema_gives_now():
    assert editor_schema.outdated(load_schema(REPOSITORY_SCHEMA)) == []
    result = subprocess.run([sys.executable, "-m", "aanbod", "schemas", "--check"], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout


def test_a_change_in_schema_shows_up_and_is_reported_as_outdated(tmp_path):
    folder = tmp_path / "schema"
    shutil.copytree(SCHEMA, folder)
    with (folder / "taxonomies/sectors.csv").open("a", encoding="utf-8") as handle:
        handle.write("visserij,Visserij\n")
    schema = load_schema(folder)
    assert editor_schema.outdated(schema) == [folder / "editor/offer.schema.json"]
    sectors = editor_schema.editor_schema(schema, schema.tables["offers"])["properties"]["sectors"]
    assert "visserij" in json.dumps(sectors)
    editor_schema.write(schema)
    assert editor_schema.outdated(schema) == []


def content_files(folder):
    return sorted((folder / "offers").rglob("*.yaml")), sorted((folder / "providers").glob("*.yaml"))


@pytest.mark.parametrize("reader", ["our strict loader (all text)", "an editor (YAML 1.2 types)"])
def test_every_valid_file_is_accepted(reader, tmp_path):
    synthetic = write_catalogue(tmp_path / "synthetic", 60, schema_folder=REPOSITORY_SCHEMA)
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    examples = re.findall(r"```yaml\n(.*?)```", contributing, flags=re.DOTALL)
    offers, providers = content_files(ROOT / "content")
    more_offers, more_providers = content_files(synthetic)
    checked = 0
    for schema_validator, paths, example in ((REPOSITORY_OFFER, offers + more_offers, examples[0]),
                                             (REPOSITORY_PROVIDER, providers + more_providers, examples[1])):
        texts = {str(path): path.read_text(encoding="utf-8") for path in paths}
        texts["CONTRIBUTING.md"] = example
        for name, text in texts.items():
            tree = parse_text(text.encode(), name)[0].data if reader.startswith("our") else load_yaml12(text)
            assert messages(schema_validator, tree) == [], name
            checked += 1
    assert checked == len(offers) + len(more_offers) + len(providers) + len(more_providers) + 2


VALID = offer_yaml("fietsen", "buurtwerk")

REFUSED = {
    "unknown key": LOCATION + "openingstijden: elke dag\n",
    "bad kind": {"kind": "werken"},
    "subtype of another kind": {"subtype": "cursus"},
    "unknown target group": {"target_groups": "[dak-loos]"},
    "text for a number": {"cost_eur": "gratis"},
    "not ja or nee": {"referral_required": "misschien"},
    "a formula": {"title": "'=HYPERLINK(\"x\")'"},
    "a date in words": {"verified_on": "1 november 2026"},
    "bad postcode": "locations:\n  - street_address: Hoofdstraat 1\n    postcode: 3511ab\n    municipality: zeist\n",
    "wijk outside its municipality": "locations:\n  - street_address: Hoofdstraat 1\n    postcode: 3511 AB\n    municipality: zeist\n    wijk: overvecht\n",
    "no address and not online": "",
    "unknown day": "locations: []\nonline: ja\nschedule:\n  zondagavond: [avond]\n",
}


def mutated(change) -> str:
    if isinstance(change, dict):
        return offer_yaml("fietsen", "buurtwerk", **change)
    return offer_yaml("fietsen", "buurtwerk", extra=change, drop=("online",) if "online:" in change else ())


@pytest.mark.parametrize("case", list(REFUSED))
def test_the_editor_and_validation_both_refuse(case, tmp_path):
    text = mutated(REFUSED[case])
    assert messages(OFFER, load_yaml12(text)), f"the editor schema accepts: {case}"
    assert messages(OFFER, parse_text(text.encode(), "x")[0].data), f"the editor schema accepts as text: {case}"
    content = write_files(tmp_path / "content", {"providers/buurtwerk.yaml": provider_yaml(), "offers/buurtwerk/fietsen.yaml": text})
    _, problems = validate_content(content, load_schema(SCHEMA))
    assert problems, f"validation accepts: {case}"


def test_the_unchanged_offer_is_valid_for_both():
    assert messages(OFFER, load_yaml12(VALID)) == []
    assert messages(OFFER, parse_text(VALID.encode(), "x")[0].data) == []


def test_every_content_file_names_its_editor_schema_in_its_first_line():
    require_sample()  # `make new` and the form write this line; a fork's own hand-written files may lack it
    schema = load_schema(REPOSITORY_SCHEMA)
    offers, providers = content_files(ROOT / "content")
    for table, paths in (("offers", offers), ("providers", providers)):
        for path in paths:
            first = path.read_text(encoding="utf-8").split("\n", 1)[0]
            assert first == editor_schema.modeline(schema, schema.tables[table], path), path
            target = (path.parent / first.split("$schema=", 1)[1]).resolve()
            assert target == (REPOSITORY_SCHEMA / "editor" / editor_schema.file_name(schema.tables[table])).resolve()
            assert load_file(path)[1] == []
