"""The loader's and validation's own defences, case by case (tests/test_hostile.py runs the whole corpus)."""

from __future__ import annotations

import os

import pytest

from aanbod.content.loading import RefusedFile, read_content
from aanbod.content.schema import load_schema
from aanbod.content.validation import validate_content
from conftest import SCHEMA, offer_yaml, provider_yaml, write_files

SCHEMA_ = load_schema(SCHEMA)


def _free_text_fields(table: str) -> list[tuple[str, bool]]:
    """(name, multi-line) for every free-text field a provider writes at the top of a file."""
    descriptors = SCHEMA_.tables[table].fields
    return [(d["name"], bool(d.get("multiline"))) for d in descriptors
            if d["type"] == "string" and not d.get("taxonomy") and "pattern" not in d.get("constraints", {})
            and d.get("format") != "email" and d["name"] != "provider"]


@pytest.mark.parametrize(("name", "multiline"), _free_text_fields("offers"))
def test_only_fields_the_schema_marks_multi_line_take_a_newline_or_tab(site, name, multiline):
    path = site / "offers" / "buurtwerk" / "fietsen.yaml"
    text = offer_yaml(drop=(name,)) + f'{name}: "Een regel\\n\\tEn nog een"\n'
    path.write_text(text, encoding="utf-8")
    _, problems = validate_content(site, SCHEMA_)
    refused = [(problem.field, problem.code) for problem in problems if problem.code == "character"]
    assert refused == ([] if multiline else [(name, "character")])


def test_the_schema_marks_the_markdown_fields_multi_line():
    assert [name for name, multiline in _free_text_fields("offers") if multiline] == ["description", "how_to_apply"]
    assert [name for name, multiline in _free_text_fields("providers") if multiline] == ["description"]


@pytest.mark.parametrize("character", ["\x07", "\x1b", "\x7f", "\x9b", "\u2028", "\u2029", "\u202e", "\u2067"])
def test_a_multi_line_field_still_refuses_other_controls_and_bidi(site, character):
    path = site / "offers" / "buurtwerk" / "fietsen.yaml"
    path.write_text(offer_yaml(description=f'"Een regel\\n{character.encode("unicode_escape").decode()} twee"'), encoding="utf-8")
    _, problems = validate_content(site, SCHEMA_)
    assert [(problem.field, problem.code, f"U+{ord(character):04X}" in problem.message) for problem in problems] == [("description", "character", True)]


def test_a_content_folder_given_as_a_link_is_the_callers_choice(site, tmp_path):
    link = tmp_path / "link-to-content"
    os.symlink(site, link)
    validated, problems = validate_content(link, SCHEMA_)
    assert problems == []
    assert validated.file_count == 2


def test_a_table_folder_that_is_a_link_is_refused(tmp_path):
    real = write_files(tmp_path / "elsewhere", {"buurtwerk/fietsen.yaml": offer_yaml()})
    content = write_files(tmp_path / "content", {"providers/buurtwerk.yaml": provider_yaml()})
    os.symlink(real, content / "offers")
    _, problems = validate_content(content, SCHEMA_)
    assert [(problem.path.endswith("content/offers"), problem.line, problem.code) for problem in problems] == [(True, 1, "refused")]


def test_a_control_character_in_a_file_name_is_shown_as_an_escape(site):
    (site / "offers" / "buurtwerk" / "fietsen\x1b[31m.yaml").write_text(offer_yaml("fietsen-twee"), encoding="utf-8")
    _, problems = validate_content(site, SCHEMA_)
    assert problems
    assert all("\x1b" not in problem.path for problem in problems)
    assert any(problem.path.endswith("fietsen\\u001b[31m.yaml") for problem in problems)


def test_reading_never_follows_a_link_swapped_in_for_a_folder(tmp_path):
    """The checks open each folder with O_NOFOLLOW; a link in the middle of the path is refused, not resolved."""
    outside = write_files(tmp_path / "outside", {"a.yaml": "title: geheim\n"})
    content = tmp_path / "content"
    (content / "offers").mkdir(parents=True)
    os.symlink(outside, content / "offers" / "p")
    with pytest.raises(RefusedFile) as refused:
        read_content(content / "offers" / "p" / "a.yaml", content)
    assert "'p' is een symlink" in refused.value.message
    with pytest.raises(RefusedFile):
        read_content(outside / "a.yaml", content)
    with pytest.raises(RefusedFile):
        read_content(content / "offers" / ".." / ".." / "outside" / "a.yaml", content)
