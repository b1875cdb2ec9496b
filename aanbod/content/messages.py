"""Dutch, provider-facing explanations of what frictionless found wrong with a cell."""

from __future__ import annotations

import re

from .schema import CatalogueSchema

_TYPE_HINTS = {
    "integer": "is geen heel getal. Schrijf alleen cijfers",
    "number": "is geen getal. Schrijf alleen cijfers, met een punt voor een deel van een euro (2.50)",
    "date": "is geen datum. Schrijf de datum als jaar-maand-dag",
    "boolean": "is geen ja of nee. Schrijf ja of nee",
    "list": "is geen goede lijst",
}


def _example(descriptor) -> str:
    example = descriptor.get("example")
    return f", bijvoorbeeld: {example}" if example else ""


def type_message(descriptor, cell: str) -> str:
    kind = descriptor["type"]
    if kind == "string" and descriptor.get("format") == "email":
        return f"'{cell}' is geen goed e-mailadres{_example(descriptor)}."
    hint = _TYPE_HINTS.get(kind, f"heeft niet het type {kind}")
    example = "" if kind == "boolean" else _example(descriptor)
    return f"'{cell}' {hint}{example}."


def constraint_message(schema: CatalogueSchema, descriptor, cell: str, note: str) -> str:
    match = re.search(r'constraint "(\w+)"', note or "")
    constraint = match.group(1) if match else ""
    limit = (descriptor.get("constraints") or {}).get(constraint)
    if constraint == "required":
        return f"dit veld is verplicht. {descriptor.get('description', '')}".strip()
    if constraint == "enum":
        taxonomy = schema.taxonomies[descriptor["taxonomy"]] if descriptor.get("taxonomy") else None
        choices = taxonomy.choices() if taxonomy else ", ".join(map(str, limit or []))
        return f"'{cell}' kan hier niet. Kies uit: {choices}."
    if constraint == "pattern" and descriptor.get("format") == "email":
        return type_message(descriptor, cell)  # the schema's pattern narrows what frictionless takes as e-mail
    if constraint == "pattern":
        return f"'{cell}' heeft niet de goede vorm. {descriptor.get('description', '')}".strip()
    if constraint == "maxLength":
        return f"de tekst is te lang: {len(cell)} tekens, het maximum is {limit}. Maak de tekst korter."
    if constraint == "minLength":
        return f"de tekst is te kort: het minimum is {limit} tekens."
    if constraint == "minimum":
        return f"{cell} is te klein: het minimum is {limit}."
    if constraint == "maximum":
        return f"{cell} is te groot: het maximum is {limit}."
    return f"'{cell}' klopt niet ({note})."


def order_message(low_field, low: str, high_field, high: str) -> str:
    """``high`` below ``low`` (rules.py, rule "order"): an earlier date, or a lower number."""
    below = "ligt voor" if low_field["type"] == "date" else "is lager dan"
    return f"de {high_field.get('title', high_field['name']).lower()} ({high}) {below} de {low_field.get('title', low_field['name']).lower()} ({low})."


def together_message(fields) -> str:
    """Some but not all of ``fields`` filled in (rules.py, rule "together")."""
    named = " en ".join(f"de {field.get('title', field['name']).lower()} ({field['name']})" for field in fields)
    both = "allebei" if len(fields) == 2 else "alle"
    return f"vul {named} {both} in, of {both} niet."


def address_or_online_message(key: str, flag) -> str:
    """No item under ``key`` while ``flag`` is not true (rules.py, rule "address-or-online")."""
    return f"vul minstens één adres in onder '{key}', of schrijf '{flag['name']}: {flag['trueValues'][0]}' als het aanbod online is."


def referral_without_step_message(flag, key: str, steps: list[str]) -> str:
    """The offer needs a referral, but none of its intake steps says who refers (rules.py, rule "referral-step")."""
    return (f"bij '{flag['name']}' staat {flag['trueValues'][0]}, maar geen stap onder '{key}' zegt wie iemand verwijst. "
            f"Zet er een stap bij, zoals {_or(steps)}, of schrijf '{flag['name']}: {flag['falseValues'][0]}'.")


def step_without_referral_message(flag, step: str, others: list[str]) -> str:
    """A step through someone who refers, while the offer needs no referral (rules.py, rule "referral-step")."""
    instead = f", of kies een stap zonder verwijzing, zoals {_or(others)}" if others else ""
    return (f"de stap '{step}' betekent dat iemand je verwijst, maar bij '{flag['name']}' staat {flag['falseValues'][0]}. "
            f"Schrijf '{flag['name']}: {flag['trueValues'][0]}'{instead}.")


def _or(codes: list[str]) -> str:
    return codes[0] if len(codes) == 1 else f"{', '.join(codes[:-1])} of {codes[-1]}"


def unfitting_choice_message(name: str, value: str, parent_title: str, parent_value: str, fitting: list[str]) -> str:
    """A choice that does not fit the field it depends on (choices.py), such as a subtype of another kind."""
    instead = f"Kies uit: {', '.join(fitting)}." if fitting else f"Laat '{name}' weg of kies een andere {parent_title}."
    return f"'{value}' past niet bij de {parent_title} '{parent_value}'. {instead}"


def missing_choice_message(title: str, fitting: list[str]) -> str:
    return f"vul de {title} in. Kies uit: {', '.join(fitting)}."


def unknown_item_message(taxonomy, item: str) -> str:
    return f"'{item}' kan hier niet. Kies uit: {taxonomy.choices()}."
