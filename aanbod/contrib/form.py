"""The "aanbod aanmelden" form, described from ``schema/``: one widget per field, in schema order.

The template theme/templates/form.html renders these widgets and theme/static/js/form.js
checks them while the provider types and writes the YAML file. Labels, help texts and choices
come from the schema and the taxonomies; the checks come from aanbod/content/rules.py, as data the
page carries. So the form never drifts from the field list or from validation. No Pelican here.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

from . import editor_schema
from ..content import availability, roles, rules
from ..content.choices import parent_field
from ..content.rules import CROSS_FIELD
from ..content.schema import CatalogueSchema, Table
from ..content.timetable import spans

FIRST = "title"  # a provider knows the name of the offer; the form starts there, then the organisation, then the code
OFFERS_FOLDER = "aanbod"  # next to the form page: <provider>.json, the offers to choose from in "Is er plek?"
NAME_FIELDS = (FIRST, "name")  # the field a table's code is made from (an offer's title, an organisation's name)


@dataclass(frozen=True)
class Option:
    code: str
    label: str


@dataclass(frozen=True)
class Widget:
    name: str
    label: str
    help: str
    control: str  # text, textarea, email, number, date, select, checkboxes, yesno
    value_type: str  # the schema type: string, integer, number, boolean, date, list
    required: bool
    options: tuple[Option, ...] = ()
    example: str = ""
    default: str = ""
    true_value: str = ""
    false_value: str = ""
    today: bool = False  # starts as the day the form is filled in


def starts_today(descriptor) -> bool:
    """A date the provider must give (the day they checked the offer) starts as today; an optional date starts empty."""
    return descriptor["type"] == "date" and bool((descriptor.get("constraints") or {}).get("required"))


def _control(descriptor, options: tuple) -> str:
    kind = descriptor["type"]
    if kind == "list":
        return "checkboxes" if options else "text"  # a list without fixed choices is typed, with commas
    if options:
        return "select"
    if kind == "boolean":
        return "yesno"
    if kind in ("integer", "number"):
        return "number"
    if kind == "date":
        return "date"
    if descriptor.get("format") == "email":
        return "email"
    if descriptor.get("multiline"):  # the fields validation lets hold a newline
        return "textarea"
    return "text"


def _options(schema: CatalogueSchema, table: Table, name: str, references: dict) -> tuple[Option, ...]:
    descriptor = table.field(name)
    taxonomy = descriptor.get("taxonomy")
    if taxonomy:
        # Which options fit the field they depend on is in the rules the form reads (aanbod/content/rules.py).
        return tuple(Option(term.code, term.label) for term in schema.taxonomies[taxonomy].terms)
    for foreign in table.foreign_keys:
        if foreign["fields"][0] == name and foreign["reference"]["resource"] in references:
            return tuple(Option(code, label) for code, label in references[foreign["reference"]["resource"]])
    return ()


def widget(schema: CatalogueSchema, table: Table, name: str, references: dict, defaults: dict) -> Widget:
    descriptor = table.field(name)
    constraints = descriptor.get("constraints") or {}
    options = _options(schema, table, name, references)
    return Widget(
        name=name,
        label=descriptor.get("title", name),
        help=descriptor.get("description", ""),
        control=_control(descriptor, options),
        value_type=descriptor["type"],
        # A choice narrowed by another field (the wijk) is shown only when there is something to choose,
        # and then it must be chosen, as the check requires: it is not "mag leeg blijven".
        required=bool(constraints.get("required")) or parent_field(schema, table, name) is not None,
        options=options,
        example=str(descriptor.get("example", "")) if descriptor["type"] != "boolean" else "",
        default=defaults.get(name, "") if constraints.get("required") else "",
        today=starts_today(descriptor),
        true_value=(descriptor.get("trueValues") or ["true"])[0] if descriptor["type"] == "boolean" else "",
        false_value=(descriptor.get("falseValues") or ["false"])[0] if descriptor["type"] == "boolean" else "",
    )


def widgets(schema: CatalogueSchema, table: Table, references: dict | None = None, defaults: dict | None = None) -> list[Widget]:
    """One widget for every field a provider writes in ``table``: the name, the organisation and the code first, then schema order."""
    names = [name for name in table.field_names if name not in table.generated_fields]
    first = [name for name in (name_field(table), table.group_field, table.primary_key[0]) if name and name in names]
    return [widget(schema, table, name, references or {}, defaults or {}) for name in first + [name for name in names if name not in first]]


def name_field(table: Table) -> str | None:
    """The field the code of a record is made from, if the table has one."""
    return next((name for name in NAME_FIELDS if name in table.field_names), None)


def provider_form(schema: CatalogueSchema, owner: Table, repository_content: str, content: Path) -> dict:
    """The short second form on the same page: a file for an organisation that is not in the list yet."""
    return {
        "widgets": widgets(schema, owner), "rules": rules.form_rules(schema, owner),
        "folder": f"{repository_content.strip('/')}/{owner.source['folder']}",
        "modeline": editor_schema.modeline(schema, owner, Path(content) / owner.source["folder"] / "organisatie.yaml"),
        "key_field": owner.primary_key[0], "slug_from": name_field(owner),
    }


def optional_together(table: Table) -> set[str]:
    """Fields that may only be filled in all together (coordinates): the form tucks them away as extra."""
    return {name for rule in CROSS_FIELD if rule["rule"] == "together" and rule["table"] == table.name for name in rule["fields"]
            if not (table.field(name).get("constraints") or {}).get("required")}


@dataclass(frozen=True)
class Section:
    """A child table: a repeatable group of widgets (list shape) or a grid of choices (mapping shape)."""

    key: str
    title: str
    help: str
    shape: str
    widgets: tuple[Widget, ...] = ()
    extra: tuple[Widget, ...] = ()  # optional fields that go together, shown folded away
    rows: tuple[Option, ...] = ()  # mapping shape: the keys (days)
    columns: tuple[Option, ...] = ()  # mapping shape: the values (dagdelen)
    times: bool = False  # mapping shape: each ticked cell may carry a start and end time (the schedule's clock times)
    spans: dict | None = None  # dagdeel -> (start, end) the times must fall in (timetable.py)


def sections(schema: CatalogueSchema, table: Table) -> list[Section]:
    result = []
    for child in schema.children_of(table.name):
        source = child.source
        if source["shape"] == "list":
            extra = optional_together(child)
            all_widgets = widgets(schema, child)
            result.append(Section(source["key"], child.title, child.description, "list",
                                  tuple(w for w in all_widgets if w.name not in extra), tuple(w for w in all_widgets if w.name in extra)))
        else:
            keys = schema.taxonomies[child.field(source["key_field"])["taxonomy"]]
            values = schema.taxonomies[child.field(source["value_field"])["taxonomy"]]
            result.append(Section(
                source["key"], child.title, child.description, "mapping",
                rows=tuple(Option(term.code, term.label) for term in keys.terms),
                columns=tuple(Option(term.code, term.label) for term in values.terms),
                times=bool(child.times), spans=spans(schema) if child.times else None,
            ))
    return result


def availability_form(schema: CatalogueSchema, providers: list, offers: list, repository_content: str, content: Path) -> dict:
    """The third form on the page: one offer's availability, as an entry for its provider's file (availability.py).

    ``providers`` are (id, name) in the order to show; ``offers`` the catalogue's offers. The page carries whether each
    provider's file exists (then GitHub opens it for editing, otherwise as a new file); ``offers`` (provider -> [id, title])
    is written as one small file per provider that the page loads when it is chosen, so the page stays small at 100,000 offers."""
    table = schema.grouping.table
    keys = dict(table.merged_fields)  # key in the file -> offer field
    folder = f"{repository_content.strip('/')}/{table.merged['folder']}"
    group = schema.grouping.field
    by_provider: dict[str, list] = {provider_id: [] for provider_id, _ in providers}
    for offer in sorted(offers, key=lambda offer: str(offer.values.get(name_field(table) or table.primary_key[0], "")).lower()):
        by_provider.setdefault(offer.values[group], []).append([offer.id, offer.values.get(name_field(table)) or offer.id])
    file_keys = availability.Keys.of(schema, table)
    state, day = file_keys.state, file_keys.date
    taxonomy = schema.taxonomies[table.field(keys[state])["taxonomy"]]
    modeline = editor_schema.MODELINE.format(
        Path(os.path.relpath(editor_schema.merged_path(schema, table).resolve(), (Path(content) / table.merged["folder"]).resolve())).as_posix())
    return {
        # Optional in an offer, but an entry needs its state and the day it was checked (availability.py): they are not "mag leeg blijven".
        "widgets": [replace(widget(schema, table, name, {}, {}), required=key in (state, day), today=key == day) for key, name in keys.items()],
        "rules": {
            "folder": folder, "modeline": modeline,
            "keys": {name: key for key, name in keys.items()},  # offer field (the widget) -> key in the file
            "state": state, "date": day,
            "onlyWith": dict(file_keys.count_for),  # a number's key -> the role of the state it belongs to
            "roles": {term.code: roles.availability_role(schema, term.code) for term in taxonomy.terms},
            "labels": {term.code: term.label for term in taxonomy.terms},
            "fields": {key: rules.field_rules(schema, table, name) for key, name in keys.items()},
            "providers": {provider_id: {"file": (Path(content) / table.merged["folder"] / f"{provider_id}.yaml").is_file()} for provider_id, _ in providers},
        },
        "providers": providers,
        "offers": {provider_id: by_provider.get(provider_id, []) for provider_id, _ in providers},
    }
