"""The rules the check applies to each field, as data: validation applies them, the form reads them.

Per field everything comes from ``schema/`` (type, required, pattern, maxLength, minimum,
maximum, taxonomy and the field a choice depends on). What frictionless leaves open is fixed
here once: how numbers and dates are written, which first characters make a text a spreadsheet
formula, and the rules that span fields. ``form_rules`` publishes all of it as JSON for
theme/static/js/form.js, so the form never keeps a copy of its own (issue 12).
"""

from __future__ import annotations

import re

from . import messages
from .choices import parent_field
from .schema import CatalogueSchema, Table
from .timetable import spans

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A spreadsheet may skip these before it looks for a formula start (OWASP "CSV injection").
FORMULA_PREFIX = " \u00a0\"'\u2018\u2019\u201c\u201d"


# How a file writes a number or a date. Python's int() and Decimal() would also take "+5",
# "1_000", "1e3" or "NaN"; open data should not, and the form offers one way to write each.
SYNTAX = {
    "integer": r"-?[0-9]+",
    "number": r"-?[0-9]+(\.[0-9]+)?",
    "date": r"[0-9]{4}-[0-9]{2}-[0-9]{2}",
}

# Rules across fields, by the fields they name. validation.py words the problem for a file;
# the form words it for the page. "order": ``high`` may not be below ``low``. "together": all
# or none of ``fields`` in one item of ``table``. "address-or-online": at least one item of
# ``table`` unless the offer's ``flag`` is true. "referral-step": when the offer lists items of ``table`` (intake
# steps), one has the role referral (roles.py) exactly when its ``flag`` (referral_required) is true, so the
# "Verwijzing nodig" filter and the numbered steps never contradict each other.
CROSS_FIELD = (
    {"rule": "order", "table": "offers", "low": "min_age", "high": "max_age"},
    {"rule": "order", "table": "offers", "low": "start_date", "high": "end_date"},
    {"rule": "order", "table": "closures", "low": "start_date", "high": "end_date"},
    {"rule": "together", "table": "locations", "fields": ["latitude", "longitude"]},
    {"rule": "address-or-online", "table": "locations", "flag": "online"},
    {"rule": "referral-step", "table": "intake_steps", "field": "step", "flag": "referral_required"},
)


FORMULA_MESSAGE = "begin deze tekst met een letter of cijfer, niet met =, +, -, @ of een tab. Een spreadsheet kan zo'n tekst uitvoeren als formule."


def formula_start(descriptor, value: str) -> int:
    """Where free text starts like a spreadsheet formula (after spaces or quotes a spreadsheet skips); -1 when it does not.

    Validation and `make new` ask this; the editor schema and the form get FORMULA_STARTS and FORMULA_PREFIX as data."""
    if descriptor["type"] != "string" or "pattern" in (descriptor.get("constraints") or {}):
        return -1
    start = len(value) - len(value.lstrip(FORMULA_PREFIX))
    return start if value[start:].startswith(FORMULA_STARTS) else -1


def address_or_online(schema: CatalogueSchema) -> tuple[Table, Table, str] | None:
    """The "address-or-online" rule of CROSS_FIELD as tables: (the items, such as locations; their parent, the offers;
    the parent's flag field, online). None when the schema has no such tables."""
    for rule in CROSS_FIELD:
        table = schema.tables.get(rule["table"])
        if rule["rule"] == "address-or-online" and table is not None and table.parent and rule["flag"] in schema.tables[table.parent].field_names:
            return table, schema.tables[table.parent], rule["flag"]
    return None


def syntax_problem(descriptor, text: str) -> str | None:
    """A number or date not written the one way files write it; ``None`` when it is (or is empty)."""
    pattern = SYNTAX.get(descriptor["type"])
    if pattern and text and not re.fullmatch(pattern, text):
        return messages.type_message(descriptor, text)
    return None


def field_rules(schema: CatalogueSchema, table: Table, name: str) -> dict:
    """Everything the check requires of one field, as JSON-ready data."""
    descriptor = table.field(name)
    constraints = descriptor.get("constraints") or {}
    rule = {"type": descriptor["type"], "required": bool(constraints.get("required"))}
    for key in ("pattern", "maxLength", "minimum", "maximum"):
        if key in constraints:
            rule[key] = constraints[key]
    if descriptor.get("format"):
        rule["format"] = descriptor["format"]
    if descriptor["type"] in SYNTAX:
        rule["syntax"] = SYNTAX[descriptor["type"]]
    if descriptor["type"] == "string" and "pattern" not in constraints:
        rule["noFormula"] = True
    if descriptor.get("taxonomy"):
        parent = parent_field(schema, table, name)
        terms = schema.taxonomies[descriptor["taxonomy"]].terms
        rule["choices"] = {term.code: (term.extra.get(parent, "") if parent else "") for term in terms}
        if parent:
            rule["parent"] = parent
    if "pattern" in (descriptor.get("itemConstraints") or {}):
        rule["itemPattern"] = descriptor["itemConstraints"]["pattern"]
    if descriptor["type"] == "boolean":
        rule["trueValues"] = list(descriptor.get("trueValues") or ["true"])
    return rule


def time_rules(schema: CatalogueSchema, table: Table) -> dict:
    """Per mapping child with clock times (the schedule): the rules of its start and end fields and each dagdeel's span
    (timetable.py checks the same), keyed by the child's key in the file."""
    return {
        child.source["key"]: {"start": field_rules(schema, child, child.times["start"]), "end": field_rules(schema, child, child.times["end"]),
                              "spans": {code: list(span) for code, span in spans(schema).items()}}
        for child in schema.children_of(table.name) if child.source["shape"] != "list" and child.times
    }


def form_rules(schema: CatalogueSchema, table: Table) -> dict:
    """The rules for ``table`` and its list-shaped children, keyed by table name, plus the cross-field rules."""
    tables = [table] + [child for child in schema.children_of(table.name) if child.source["shape"] == "list"]
    return {
        "times": time_rules(schema, table),
        "table": table.name,
        "formulaStarts": "".join(FORMULA_STARTS),
        "formulaPrefix": FORMULA_PREFIX,
        "fields": {
            each.name: {name: field_rules(schema, each, name) for name in each.field_names if name not in each.generated_fields}
            for each in tables
        },
        "sections": {child.source["key"]: child.name for child in tables[1:]},
        "crossField": [rule for rule in CROSS_FIELD if rule["table"] in {each.name for each in tables}],
    }
