"""Is there room: one small file per provider (``content/availability/<provider>.yaml``), merged into its offers.

Availability changes weekly; the offer itself does not. So a provider writes, per offer id,
whether there is room (``availability``: a code from availability.csv), how many places are free,
how many weeks the waiting list is, and the day it looked (``checked_on``). The offers resource's
``source.merged`` in ``schema/datapackage.json`` names the folder and which key fills which offer
field; every value is checked against that field's rules (rules.py) and only then copied into
the offer's row, so frictionless types it like any other cell.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date

from . import messages, roles
from .loading import Document
from ..problems import Problem
from .rules import field_rules, syntax_problem
from .schema import CatalogueSchema, Table


@dataclass(frozen=True)
class Keys:
    """The keys of an availability file, read from the schema: key in the file -> offer field."""

    fields: dict
    state: str  # the key holding the code (availability)
    date: str  # the key holding the day it was checked (checked_on)
    count_for: dict = field(default_factory=dict)  # a number's key -> the role it belongs to

    @classmethod
    def of(cls, schema: CatalogueSchema, table: Table) -> "Keys":
        fields = dict(table.merged_fields)
        state = next(key for key, name in fields.items() if table.field(name).get("taxonomy"))
        date_key = next(key for key, name in fields.items() if table.field(name)["type"] == "date")
        # A number belongs to one state: free places to room, waiting weeks to a waiting list (roles in availability.csv).
        count_for = dict(table.merged.get("only_with") or {})
        return cls(fields, state, date_key, count_for)


@dataclass
class OfferIndex:
    """What an availability file is checked against: offer id -> its provider, and the known providers."""

    provider_of: dict
    providers: set


def check_document(schema: CatalogueSchema, document: Document, provider: str, index: OfferIndex, today: date | None) -> tuple[dict, list[Problem]]:
    """Offer id -> {offer field: text} for every entry without problems, and the problems of the file."""
    table = schema.grouping.table
    keys = Keys.of(schema, table)
    folder = table.merged["folder"]
    problems: list[Problem] = []
    path = document.path

    def problem(line_keys: tuple, label: str, message: str, code: str = "availability") -> None:
        problems.append(Problem(path, document.line_of(*line_keys), label, message, code=code))

    if provider not in index.providers:
        problem((), "", f"er is geen aanbieder '{provider}'. Geef dit bestand de code van je organisatie als naam: "
                        f"content/{folder}/<aanbieder>.yaml, zoals bij content/{schema.grouping.owner.source['folder']}/<aanbieder>.yaml.", code="file-name")
        return {}, problems
    merged = {}
    for offer_id, entry in document.data.items():
        before = len(problems)
        owner = index.provider_of.get(offer_id)
        if owner is None:
            close = difflib.get_close_matches(offer_id, [key for key, value in index.provider_of.items() if value == provider], n=1, cutoff=0.75)
            hint = f" Bedoel je '{close[0]}'?" if close else " Schrijf de code van het aanbod: de naam van zijn bestand, zonder .yaml."
            problem((offer_id,), offer_id, f"er is geen aanbod met de code '{offer_id}'.{hint}", code="reference")
            continue
        if owner != provider:
            problem((offer_id,), offer_id, f"dit is aanbod van '{owner}', niet van '{provider}'. Je geeft hier alleen de plek van je eigen aanbod door; "
                                           f"die van '{owner}' staat in content/{folder}/{owner}.yaml.", code="owner")
            continue
        if not isinstance(entry, dict):
            problem((offer_id,), offer_id, f"schrijf onder '{offer_id}' de velden, zoals {keys.state}: ... en {keys.date}: 2026-11-20.", code="shape")
            continue
        values = {}
        for key, value in entry.items():
            label = f"{offer_id}.{key}"
            if key not in keys.fields:
                close = difflib.get_close_matches(key, list(keys.fields), n=1, cutoff=0.75)
                hint = f" Bedoel je '{close[0]}'?" if close else " Toegestane velden: " + ", ".join(keys.fields) + "."
                problem((offer_id, key), label, "dit veld bestaat niet." + hint, code="unknown-field")
            elif not isinstance(value, str):
                problem((offer_id, key), label, "hier hoort één waarde, geen lijst of blok met velden.", code="shape")
            elif value:
                wrong = _value_problem(schema, table, keys.fields[key], value, today)
                if wrong:
                    problem((offer_id, key), label, wrong)
                else:
                    values[key] = value
        problems += _entry_problems(schema, document, offer_id, entry, values, keys)
        if len(problems) == before:
            merged[offer_id] = {keys.fields[key]: value for key, value in values.items()}
    return merged, problems


def _value_problem(schema: CatalogueSchema, table: Table, name: str, value: str, today: date | None) -> str | None:
    """What is wrong with one value, by the same rules as the offer field it fills (rules.py)."""
    descriptor = table.field(name)
    rules = field_rules(schema, table, name)
    wrong = syntax_problem(descriptor, value)
    if wrong:
        return wrong
    if "choices" in rules and value not in rules["choices"]:
        return messages.unknown_item_message(schema.taxonomies[descriptor["taxonomy"]], value)
    if descriptor["type"] == "integer":
        number = int(value)
        for limit, check in (("minimum", number < rules.get("minimum", number)), ("maximum", number > rules.get("maximum", number))):
            if check:
                return messages.constraint_message(schema, descriptor, value, f'constraint "{limit}"')
    if descriptor["type"] == "date":
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return messages.type_message(descriptor, value)
        if today is not None and day > today:
            return f"{value} ligt in de toekomst. Schrijf de dag waarop je hebt gekeken of er plek is, vandaag of eerder."
    return None


def _entry_problems(schema: CatalogueSchema, document: Document, offer_id: str, entry: dict, values: dict, keys: Keys) -> list[Problem]:
    """The fields of one offer's entry together: a state needs a date, a count belongs to its state."""
    problems = []
    state = values.get(keys.state)
    if keys.state not in entry:
        problems.append(Problem(document.path, document.line_of(offer_id), f"{offer_id}.{keys.state}",
                                f"vul in of er plek is. Kies uit: {schema.taxonomy_of('offers', 'availability').choices()}.", code="required"))
    if keys.date not in entry:
        problems.append(Problem(document.path, document.line_of(offer_id), f"{offer_id}.{keys.date}",
                                "vul de dag in waarop je hebt gekeken of er plek is, zoals 2026-11-20. Zonder die dag zegt de site niet dat er plek is.", code="required"))
    for key, wanted in keys.count_for.items():
        if key in values and state is not None and roles.availability_role(schema, state) != wanted:
            code = roles.availability_code(schema, wanted)
            problems.append(Problem(document.path, document.line_of(offer_id, key), f"{offer_id}.{key}",
                                    f"dit getal hoort alleen bij {keys.state}: {code}, en hier staat {keys.state}: {state}. Haal {key} weg of schrijf {keys.state}: {code}.",
                                    code="rule"))
    return problems

