"""aanbod/content/rules.py: the rules validation applies, as the data the form reads (issue 12, item 2)."""

from __future__ import annotations

import json

import pytest

from aanbod.content.rules import CROSS_FIELD, FORMULA_STARTS, form_rules, syntax_problem
from aanbod.content.schema import load_schema
from aanbod.content.validation import validate_content
from conftest import SCHEMA, offer_yaml, provider_yaml, write_files

SCHEMA_ = load_schema(SCHEMA)


def test_every_writable_field_of_the_offer_and_its_lists_has_its_schema_rules():
    rules = json.loads(json.dumps(form_rules(SCHEMA_, SCHEMA_.tables["offers"])))  # what the page gets
    for table_name in ("offers", "locations"):
        table = SCHEMA_.tables[table_name]
        assert set(rules["fields"][table_name]) == {name for name in table.field_names if name not in table.generated_fields}
        for name, rule in rules["fields"][table_name].items():
            descriptor = table.field(name)
            constraints = descriptor.get("constraints") or {}
            assert rule["type"] == descriptor["type"]
            assert rule["required"] == bool(constraints.get("required"))
            assert {key: rule[key] for key in ("pattern", "maxLength", "minimum", "maximum") if key in rule} == \
                {key: constraints[key] for key in ("pattern", "maxLength", "minimum", "maximum") if key in constraints}
            if descriptor.get("taxonomy"):
                assert list(rule["choices"]) == SCHEMA_.taxonomies[descriptor["taxonomy"]].codes
    assert rules["sections"] == {"locations": "locations", "intake_steps": "intake_steps", "closures": "closures"}
    assert rules["formulaStarts"] == "".join(FORMULA_STARTS)
    assert rules["crossField"] == [rule for rule in CROSS_FIELD if rule["table"] in ("offers", "locations", "intake_steps", "closures")]
    assert rules["fields"]["locations"]["wijk"]["parent"] == "municipality"
    assert rules["fields"]["offers"]["subtype"]["parent"] == "kind"


def test_every_cross_field_rule_names_fields_of_its_table():
    for rule in CROSS_FIELD:
        table = SCHEMA_.tables[rule["table"]]
        named = [rule[key] for key in ("low", "high", "field") if key in rule] + rule.get("fields", [])
        assert set(named) <= set(table.field_names)
        if "flag" in rule:
            assert SCHEMA_.tables[table.parent].field(rule["flag"])["type"] == "boolean"


@pytest.mark.parametrize("kind, text, wrong", [
    ("integer", "18", False), ("integer", "+18", True), ("integer", "1_000", True), ("integer", "١٨", True),
    ("number", "2.50", False), ("number", "2,50", True), ("number", "1e3", True), ("number", "NaN", True),
    ("date", "2027-03-01", False), ("date", "2027-3-1", True), ("string", "+18", False),
])
def test_numbers_and_dates_have_one_way_of_writing(kind, text, wrong):
    assert (syntax_problem({"type": kind}, text) is not None) == wrong


def test_validation_refuses_a_number_python_would_read_but_the_form_would_not(tmp_path):
    content = write_files(tmp_path / "content", {
        "providers/buurtwerk.yaml": provider_yaml(),
        "offers/buurtwerk/koken.yaml": offer_yaml("koken", places="1_000"),
    })
    problems = [problem.format() for problem in validate_content(content, SCHEMA_)[1]]
    assert len(problems) == 1 and "'1_000' is geen heel getal" in problems[0]
