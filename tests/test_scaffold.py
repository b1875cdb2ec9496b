"""`python -m aanbod new`: options or answers on stdin give a file that passes validation; nothing is overwritten."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from aanbod.content import rules
from aanbod.contrib import scaffold
from aanbod.content.loading import parse_text
from aanbod.content.schema import load_schema
from aanbod.content.validation import validate_content
from aanbod.content.yaml_text import scalar
from conftest import ROOT, SCHEMA, SCHEMA_OPTION

FIXTURES = ROOT / "tests" / "fixtures" / "scaffold"

OPTIONS = {
    "--provider": "buurtwerk-noord", "--title": "Koken: samen eten", "--summary": "Je kookt samen met buren.",
    "--description": "In het buurthuis koken we een maaltijd.", "--kind": "doen", "--subtype": "vrijwilligerswerk",
    "--target-groups": "ggz, iedereen", "--how-to-apply": "Bel Fatima.", "--street-address": "Zamenhofdreef 10",
    "--postcode": "3562 JT", "--municipality": "utrecht", "--wijk": "overvecht",
}


@pytest.fixture
def content(tmp_path):
    folder = tmp_path / "content"
    (folder / "providers").mkdir(parents=True)
    (folder / "offers/buurtwerk-noord").mkdir(parents=True)
    # An organisation and one of its offers from the test region, as in Utrecht's sample (a fork has removed it).
    shutil.copy(FIXTURES / "providers/buurtwerk-noord.yaml", folder / "providers")
    shutil.copy(FIXTURES / "offers/buurtwerk-noord/fietsenwerkplaats-overvecht.yaml", folder / "offers/buurtwerk-noord")
    return folder


def new(content, *arguments, answers=None):
    command = [sys.executable, "-m", "aanbod", "new", "--content", str(content), "--today", "2026-11-22", *arguments, *SCHEMA_OPTION]
    return subprocess.run(command, input=answers or "", capture_output=True, text=True, cwd=ROOT)


def options(**changes) -> list[str]:
    values = {**OPTIONS, **changes}
    return [part for key, value in values.items() if value is not None for part in (key, value)]


def problems_in(content) -> list[str]:
    return [problem.format() for problem in validate_content(content, load_schema(SCHEMA))[1]]


def test_options_give_a_valid_file_in_the_providers_folder(content):
    result = new(content, "--no-questions", *options())
    assert result.returncode == 0, result.stderr
    path = content / "offers/buurtwerk-noord/koken-samen-eten.yaml"
    assert f"Nieuw aanbod gemaakt: {path}" in result.stdout
    assert problems_in(content) == []
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[0].startswith("# yaml-language-server: $schema=") and lines[0].endswith("schema/editor/offer.schema.json")
    data = parse_text(text.encode(), "x")[0].data
    assert data["title"] == "Koken: samen eten"
    assert data["target_groups"] == ["ggz", "iedereen"]
    assert data["status"] == "actief" and data["verified_on"] == "2026-11-22" and data["cost_eur"] == "0"
    assert data["locations"] == [{"street_address": "Zamenhofdreef 10", "postcode": "3562 JT", "municipality": "utrecht", "wijk": "overvecht"}]
    assert "# min_age: 18  # Minimale leeftijd" in lines  # every optional field is offered as a comment


def test_an_existing_id_is_refused_and_nothing_is_overwritten(content):
    existing = content / "offers/buurtwerk-noord/fietsenwerkplaats-overvecht.yaml"
    before = existing.read_bytes()
    result = new(content, "--no-questions", *options(**{"--id": "fietsenwerkplaats-overvecht"}))
    assert result.returncode == 1
    assert "wordt al gebruikt in" in result.stderr and "fietsenwerkplaats-overvecht.yaml" in result.stderr
    assert existing.read_bytes() == before
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("option, value, message", [
    ("--kind", "werken", "'werken' kan hier niet"),
    ("--subtype", "cursus", "'cursus' kan hier niet. Kies uit: vrijwilligerswerk, dagbesteding, activiteit."),
    ("--postcode", "3562jt", "heeft niet de goede vorm"),
    ("--provider", "onbekend", "'onbekend' staat niet in de lijst van organisaties. Schrijf de naam zoals in de lijst: Buurtwerk Noord."),
    ("--provider", "Buurtwerk Nord", "Bedoel je Buurtwerk Noord?"),
    ("--contact-email", "wandelen@hetlint,example.nl", "geen goed e-mailadres"),
    ("--contact-phone", "030 123", "heeft niet de goede vorm"),
    ("--cost-eur", "1e3", "is geen getal"),
    ("--title", None, "--title ontbreekt"),
])
def test_a_wrong_or_missing_option_is_named_and_no_file_is_written(content, option, value, message):
    result = new(content, "--no-questions", *options(**{option: value}))
    assert result.returncode == 1
    assert message in result.stderr
    assert sorted(path.name for path in (content / "offers/buurtwerk-noord").iterdir()) == ["fietsenwerkplaats-overvecht.yaml"]


ANSWERS = "\n".join([
    "Samen tuinieren",         # title first: what a provider knows
    "",                        # provider: the only one, the default
    "Je werkt in de moestuin.",
    "We zaaien, wieden en oogsten.",
    "3",                       # kind by number: doen
    "cursus",                  # subtype that does not fit: asked again
    "vrijwilligerswerk",
    "ggz, 10",                 # target groups by code and by number
    "",                        # referral: default nee
    "Kom langs op maandag.",
    "",                        # required documents: not needed (issue 14, all four optional)
    "",                        # service area: the whole region
    "",                        # income situations: any
    "",                        # funding: not said
    "",                        # cost: default 0
    "ja",                      # online: no address needed
    "Fatima",                  # contact name
    "fatima@buurtwerk,nl",     # contact e-mail with a comma: asked again
    "",                        # then Enter: the organisation's own address
    "",                        # contact phone: Enter, the organisation's own number
    "",                        # first intake step: skipped, so its text is not asked
    "",                        # id: the suggestion from the title
]) + "\n"


def test_answers_on_stdin_give_a_valid_file(content):
    result = new(content, answers=ANSWERS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "'cursus' kan hier niet" in result.stdout
    assert "'fatima@buurtwerk,nl' is geen goed e-mailadres" in result.stdout
    path = content / "offers/buurtwerk-noord/samen-tuinieren.yaml"
    data = parse_text(path.read_bytes(), "x")[0].data
    provider = parse_text((content / "providers/buurtwerk-noord.yaml").read_bytes(), "x")[0].data
    assert (data["contact_name"], data["contact_email"], data["contact_phone"]) == ("Fatima", provider["email"], provider["phone"])
    assert (data["kind"], data["subtype"], data["online"]) == ("doen", "vrijwilligerswerk", "ja")
    assert data["target_groups"] == ["ggz", "iedereen"]
    assert "locations" not in data
    assert problems_in(content) == []


def test_too_few_answers_stop_with_the_option_to_use(content):
    result = new(content, answers="Alleen een titel\n\n")
    assert result.returncode == 1
    assert "Geef het mee als optie: --summary" in result.stderr
    assert not (content / "offers/buurtwerk-noord/alleen-een-titel.yaml").exists()


@pytest.mark.parametrize("text", [
    "Koken", "Koken: samen eten", "# niet een opmerking", "a #b", "ja", "2024", "null", "- lijst", "'quote", 'zegt "hoi"',
    "tab\thier", " spatie voor", "spatie na ", "é ü 中", "\u2028regel", "eindigt op:", "@naam", "50%", "regel 1\nregel 2\n\nregel 4",
])
def test_text_is_written_as_yaml_that_reads_back_exactly(text):
    document, problems = parse_text(f"k: {scalar(text)}\n".encode(), "x")
    assert problems == []
    expected = text.strip("\n") + "\n" if "\n" in text else text
    assert document.data["k"] == expected


def test_the_organisation_is_found_by_its_name_in_any_case(content):
    """Issue 12, item 6: 'Vrijwilligerspunt Het Lint' bestaat niet."""
    shutil.copy(FIXTURES / "providers/het-lint.yaml", content / "providers")
    name = parse_text((content / "providers/het-lint.yaml").read_bytes(), "x")[0].data["name"]
    result = new(content, "--no-questions", *options(**{"--provider": f"  {name.upper()} "}))
    assert result.returncode == 0, result.stderr
    assert (content / "offers/het-lint/koken-samen-eten.yaml").exists()
    assert problems_in(content) == []


def test_the_code_comes_from_the_title_and_never_takes_a_code_in_use(content):
    taken = content / "offers/buurtwerk-noord/fietsenwerkplaats-overvecht.yaml"
    result = new(content, "--no-questions", *options(**{"--title": "Fietsenwerkplaats Overvecht"}))
    assert result.returncode == 0, result.stderr
    assert {path.name for path in taken.parent.iterdir()} == {taken.name, "fietsenwerkplaats-overvecht-2.yaml"}
    assert problems_in(content) == []


def test_optional_fields_stay_empty_and_contacts_come_from_the_organisation(content):
    """Issue 12, items 1 and 3: no invented dates; 'Bel of mail' gets a number and an address."""
    result = new(content, "--no-questions", *options())
    assert result.returncode == 0, result.stderr
    data = parse_text((content / "offers/buurtwerk-noord/koken-samen-eten.yaml").read_bytes(), "x")[0].data
    provider = parse_text((content / "providers/buurtwerk-noord.yaml").read_bytes(), "x")[0].data
    assert "start_date" not in data and "end_date" not in data and "min_age" not in data
    assert (data["contact_email"], data["contact_phone"]) == (provider["email"], provider["phone"])
    assert "contact_name" not in data


def test_no_questions_writes_the_postcode_in_capitals(content):
    result = new(content, "--no-questions", *options(**{"--postcode": "3562 jt"}))
    assert result.returncode == 0, result.stderr
    data = parse_text((content / "offers/buurtwerk-noord/koken-samen-eten.yaml").read_bytes(), "x")[0].data
    assert data["locations"][0]["postcode"] == "3562 JT"
    assert problems_in(content) == []


def test_no_questions_asks_for_the_wijk_only_where_the_municipality_has_wijken(content):
    # The form shows the wijk as required exactly when the municipality has wijken; so does the command line,
    # before it writes anything, rather than writing a file the check then refuses.
    result = new(content, "--no-questions", *options(**{"--wijk": None}))
    assert result.returncode == 1
    assert result.stderr.strip().startswith("--wijk ontbreekt: Wijk.")
    assert not (content / "offers/buurtwerk-noord/koken-samen-eten.yaml").exists()
    without = next(code for code in load_schema(SCHEMA).taxonomies["municipalities"].codes
                   if all(term.extra["municipality"] != code for term in load_schema(SCHEMA).taxonomies["wijken"].terms))
    result = new(content, "--no-questions", *options(**{"--wijk": None, "--municipality": without}))
    assert result.returncode == 0, result.stderr
    assert problems_in(content) == []


def test_the_hint_for_optional_fields_says_which_space_to_remove(content):
    result = new(content, "--no-questions", *options())
    text = (content / "offers/buurtwerk-noord/koken-samen-eten.yaml").read_text(encoding="utf-8")
    hint = next(line for line in text.splitlines() if "hekje" in line)
    # The commented keys read "# key:": the space to remove comes after the hash, not before it.
    assert "spatie erachter" in hint and "ervoor" not in hint
    assert any(line.startswith("# ") and line[2:].split(":")[0].isidentifier() for line in text.splitlines()[1:])
    assert result.returncode == 0


def test_make_new_refuses_a_formula_as_validation_does_even_after_a_space():
    """One formula rule (rules.formula_start): a spreadsheet skips the space, so `make new` must not take it either."""
    schema = load_schema(SCHEMA)
    title = next(question for question in scaffold.questions(schema) if question.field == "title")
    for answer in ("=1+1", " =1+1", "'@SUM(A1)"):
        assert scaffold.check_answer(schema, title, answer, {}) == ("", rules.FORMULA_MESSAGE), answer
    assert scaffold.check_answer(schema, title, "Koken - samen", {})[1] is None


def test_issue_14_fields_are_asked_plainly_and_may_be_skipped(content):
    """Documents, service area, income, funding and a first intake step are asked, each saying Enter skips it."""
    answers = ANSWERS.replace("Kom langs op maandag.\n\n\n\n\n", "Kom langs op maandag.\nvog, digid\nhouten\n\nwmo\n", 1)
    answers = answers.replace("Fatima\nfatima@buurtwerk,nl\n\n\n\n", "Fatima\nfatima@buurtwerk,nl\n\n\nbellen\nBel op maandag.\n", 1)
    result = new(content, answers=answers)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(scaffold.SKIP_HINT) >= 6  # the four lists, the step and its text
    data = parse_text((content / "offers/buurtwerk-noord/samen-tuinieren.yaml").read_bytes(), "x")[0].data
    assert (data["required_documents"], data["service_area"], data["funding"]) == (["vog", "digid"], ["houten"], ["wmo"])
    assert "income_situations" not in data
    assert data["intake_steps"] == [{"step": "bellen", "text": "Bel op maandag."}]
    assert problems_in(content) == []


def test_options_for_a_referral_step_give_a_valid_file(content):
    result = new(content, "--no-questions", *options(**{"--referral-required": "ja", "--step": "via-werkmatcher", "--service-area": "utrecht"}))
    assert result.returncode == 0, result.stderr
    data = parse_text((content / "offers/buurtwerk-noord/koken-samen-eten.yaml").read_bytes(), "x")[0].data
    assert data["intake_steps"] == [{"step": "via-werkmatcher"}] and data["service_area"] == ["utrecht"]
    assert problems_in(content) == []


def test_a_referral_without_a_referral_step_is_refused_and_no_file_is_left(content):
    result = new(content, "--no-questions", *options(**{"--referral-required": "ja", "--step": "bellen"}))
    assert result.returncode == 1
    assert "geen stap onder 'intake_steps' zegt wie iemand verwijst" in result.stderr
    assert not (content / "offers/buurtwerk-noord/koken-samen-eten.yaml").exists()
