"""Intake steps, documents, service area, income and funding (issue 14): rows, and the rule between referral and steps."""

import pytest

from aanbod.content.schema import load_schema
from aanbod.content.validation import validate_content
from conftest import SCHEMA, offer_yaml, write_files

STEPS = """\
intake_steps:
  - step: {first}
    text: Het buurtteam belt je.
  - step: kennismakingsgesprek
"""


@pytest.fixture(scope="module")
def schema():
    return load_schema(SCHEMA)


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


def messages(content, schema) -> list[str]:
    validated, problems = validate_content(content, schema)
    return [problem.format().replace(str(content.parent) + "/", "") for problem in problems]


def test_steps_and_new_lists_become_rows_in_order(site, schema):
    text = offer_yaml(referral_required="ja", required_documents="[vog, digid]", service_area="[houten]",
                      income_situations="[bijstand, wajong]", funding="[wmo]") + STEPS.format(first="via-buurtteam")
    write_files(site, {"offers/buurtwerk/fietsen.yaml": text})
    validated, problems = validate_content(site, schema)
    assert problems == []
    assert [(row["offer_id"], row["position"], row["step"], row["text"]) for row in validated.typed["intake_steps"]] == [
        ("fietsen", 1, "via-buurtteam", "Het buurtteam belt je."),
        ("fietsen", 2, "kennismakingsgesprek", None),
    ]
    offer = validated.typed["offers"][0]
    assert (offer["required_documents"], offer["service_area"], offer["income_situations"], offer["funding"]) == (
        ["vog", "digid"], ["houten"], ["bijstand", "wajong"], ["wmo"])


def test_a_referral_needs_a_step_that_says_who_refers(site, schema):
    text = offer_yaml(referral_required="ja") + STEPS.format(first="bellen")
    write_files(site, {"offers/buurtwerk/fietsen.yaml": text})
    assert messages(site, schema) == [
        f"content/offers/buurtwerk/fietsen.yaml:{line_of(text, 'referral_required: ja')}: referral_required: Bij 'referral_required' staat ja, "
        "maar geen stap onder 'intake_steps' zegt wie iemand verwijst. Zet er een stap bij, zoals via-buurtteam, via-werkmatcher, "
        "via-consulent of via-huisarts, of schrijf 'referral_required: nee'.",
    ]


def test_a_step_through_someone_who_refers_needs_referral_required(site, schema):
    text = offer_yaml(referral_required="nee") + STEPS.format(first="via-huisarts")
    write_files(site, {"offers/buurtwerk/fietsen.yaml": text})
    assert messages(site, schema) == [
        f"content/offers/buurtwerk/fietsen.yaml:{line_of(text, '  - step: via-huisarts')}: intake_steps[1].step: De stap 'via-huisarts' betekent "
        "dat iemand je verwijst, maar bij 'referral_required' staat nee. Schrijf 'referral_required: ja', of kies een stap zonder "
        "verwijzing, zoals binnenlopen, bellen of kennismakingsgesprek.",
    ]


def test_an_offer_without_steps_may_need_a_referral(site, schema):
    """Steps are optional: how_to_apply still says how to get in, so no rule applies without them."""
    write_files(site, {"offers/buurtwerk/fietsen.yaml": offer_yaml(referral_required="ja")})
    assert messages(site, schema) == []


def test_wrong_codes_are_refused_with_their_line(site, schema):
    text = offer_yaml(service_area="[houtn]", funding="[gratis]") + "intake_steps:\n  - step: langskomen\n    text: Kom maar.\n"
    write_files(site, {"offers/buurtwerk/fietsen.yaml": text})
    found = messages(site, schema)
    assert found[0].startswith(f"content/offers/buurtwerk/fietsen.yaml:{line_of(text, 'service_area: [houtn]')}: service_area: 'houtn'")
    assert found[1].startswith(f"content/offers/buurtwerk/fietsen.yaml:{line_of(text, 'funding: [gratis]')}: funding: 'gratis'")
    assert found[2].startswith(f"content/offers/buurtwerk/fietsen.yaml:{line_of(text, '  - step: langskomen')}: intake_steps[1].step: 'langskomen' kan hier niet. Kies uit: binnenlopen")
    assert len(found) == 3


def test_a_step_without_a_code_is_refused(site, schema):
    text = offer_yaml() + "intake_steps:\n  - text: Kom maar.\n"
    write_files(site, {"offers/buurtwerk/fietsen.yaml": text})
    found = messages(site, schema)
    assert len(found) == 1 and found[0].startswith(f"content/offers/buurtwerk/fietsen.yaml:{line_of(text, '  - text: Kom maar.')}: intake_steps[1].step:")


def test_a_steps_text_is_held_to_the_rules_of_all_free_text(site, schema):
    """Hostile input: a formula start or a bidi override in a step's text is refused with its line, like any text."""
    formula = '    text: =HYPERLINK("https://x.example")'
    bidi = '    text: "Kom \\u202e langs"'
    text = offer_yaml() + "intake_steps:\n  - step: bellen\n" + formula + "\n  - step: proefdag\n" + bidi + "\n"
    write_files(site, {"offers/buurtwerk/fietsen.yaml": text})
    found = messages(site, schema)
    assert found[0].startswith(f"content/offers/buurtwerk/fietsen.yaml:{line_of(text, formula)}: intake_steps[1].text: Begin deze tekst")
    assert found[1].startswith(f"content/offers/buurtwerk/fietsen.yaml:{line_of(text, bidi)}: intake_steps[2].text:")
    assert len(found) == 2
