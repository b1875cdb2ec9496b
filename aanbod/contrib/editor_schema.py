"""JSON Schemas for editors, generated from ``schema/``, so an editor completes and checks fields while typing.

Editors that use yaml-language-server (VS Code, Neovim, Helix, ...) read the schema named in
the modeline at the top of each content file. The schemas are committed in
``schema/editor/`` and regenerated with ``make schemas``; a test keeps them in sync.

Two readers see one file differently. Our loader reads every scalar as text and lets the
Table Schema decide types; an editor reads YAML 1.2, where ``8`` is a number, ``true`` a
boolean and ``nee`` text. So every typed field accepts both forms a provider may
legitimately write, and every text field also accepts what YAML 1.2 turns into a number
(a title such as ``2024``, a phone number written without spaces).
"""

from __future__ import annotations

import re

import json
import os
from pathlib import Path

from ..content.choices import choices, parent_field
from ..content.rules import FORMULA_PREFIX, FORMULA_STARTS, address_or_online
from ..content.schema import CatalogueSchema, Table

DRAFT = "http://json-schema.org/draft-07/schema#"
FOLDER = "editor"
MODELINE = "# yaml-language-server: $schema={}"
NUMBER_TEXT = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
INTEGER_TEXT = r"^[+-]?[0-9]+$"
DATE_TEXT = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"


def file_name(table: Table) -> str:
    """offers -> offer.schema.json: one file per kind of content file."""
    return f"{table.name.removesuffix('s')}.schema.json"


def schema_path(schema: CatalogueSchema, table: Table) -> Path:
    return schema.folder / FOLDER / file_name(table)


def modeline(schema: CatalogueSchema, table: Table, content_file: Path) -> str:
    """The first line of a content file: where its editor schema is, relative to the file itself."""
    relative = os.path.relpath(schema_path(schema, table).resolve(), Path(content_file).resolve().parent)
    return MODELINE.format(Path(relative).as_posix())


def _anchored(pattern: str) -> str:
    return f"^(?:{pattern})$"


def _described(descriptor) -> dict:
    text = descriptor.get("description", "")
    example = descriptor.get("example")
    if example and descriptor["type"] not in ("boolean",):
        text = f"{text} Bijvoorbeeld: {example}".strip()
    return {"title": descriptor.get("title", descriptor["name"]), "description": text}


def _text(descriptor, constraints: dict) -> dict:
    text: dict = {"type": "string"}
    if "pattern" in constraints:
        text["pattern"] = _anchored(constraints["pattern"])
    else:
        # Mirrors validation (aanbod/content/rules.py): free text may not look like a spreadsheet formula.
        text["not"] = {"pattern": f"^[{_character_class(FORMULA_PREFIX)}]*[{_character_class(FORMULA_STARTS)}]"}
    if "maxLength" in constraints:
        text["maxLength"] = constraints["maxLength"]
    if "minLength" in constraints:
        text["minLength"] = constraints["minLength"]
    if descriptor.get("format") == "email":
        text["format"] = "email"
        return text
    return {"anyOf": [text, {"type": "number"}]}


def _limits(constraints: dict) -> dict:
    return {key: constraints[key] for key in ("minimum", "maximum") if key in constraints}


def _choice(schema: CatalogueSchema, taxonomy_name: str) -> dict:
    taxonomy = schema.taxonomies[taxonomy_name]
    return {"enum": taxonomy.codes, "enumDescriptions": [term.label for term in taxonomy.terms]}


def _value(schema: CatalogueSchema, descriptor) -> dict:
    """What one field accepts, before 'required' and 'empty' are considered."""
    constraints = dict(descriptor.get("constraints") or {})
    kind = descriptor["type"]
    taxonomy = descriptor.get("taxonomy")
    if kind == "list":
        if taxonomy:
            item = _choice(schema, taxonomy)
        else:
            item = {"type": "string"}
            pattern = (descriptor.get("itemConstraints") or {}).get("pattern")
            if pattern:
                item["pattern"] = _anchored(pattern)
        array: dict = {"type": "array", "items": item}
        if constraints.get("required"):
            array["minItems"] = 1
        # Our loader also takes a single value where a list is expected.
        return {"anyOf": [array, item]}
    if taxonomy:
        return _choice(schema, taxonomy)
    if kind == "boolean":
        return {"enum": [True, False, *descriptor.get("trueValues", ["true"]), *descriptor.get("falseValues", ["false"])]}
    if kind == "integer":
        return {"anyOf": [{"type": "integer", **_limits(constraints)}, {"type": "string", "pattern": INTEGER_TEXT}]}
    if kind == "number":
        return {"anyOf": [{"type": "number", **_limits(constraints)}, {"type": "string", "pattern": NUMBER_TEXT}]}
    if kind == "date":
        return {"type": "string", "format": "date", "pattern": DATE_TEXT}
    return _text(descriptor, constraints)


def _property(schema: CatalogueSchema, descriptor) -> dict:
    value = _value(schema, descriptor)
    if not (descriptor.get("constraints") or {}).get("required"):
        # An empty value ("min_age:") reads as absent, which an optional field allows.
        value = {"anyOf": [value, {"type": "null"}]}
    return {**_described(descriptor), **value}


def _dependent_choices(schema: CatalogueSchema, table: Table, writable: list[str]) -> list[dict]:
    """Where a taxonomy narrows on another field (subtype on kind, wijk on municipality): one rule per parent value."""
    rules = []
    for name in writable:
        parent = parent_field(schema, table, name)
        if not parent or parent not in writable:
            continue
        for parent_code in schema.taxonomies[table.field(parent)["taxonomy"]].codes:
            children = [term.code for term in choices(schema, table, name, parent_code)]
            condition = {"properties": {parent: {"const": parent_code}}, "required": [parent]}
            if children:
                then = {"properties": {name: {"enum": children}}, "required": [name]}
            else:
                then = {"properties": {name: {"type": "null"}}}
            rules.append({"if": condition, "then": then})
    return rules


def _object(schema: CatalogueSchema, table: Table) -> dict:
    writable = [name for name in table.field_names if name not in table.generated_fields]
    properties = {name: _property(schema, table.field(name)) for name in writable}
    required = [name for name in writable if (table.field(name).get("constraints") or {}).get("required")]
    result: dict = {"type": "object", "properties": properties, "required": required, "additionalProperties": False}
    rules = _dependent_choices(schema, table, writable)
    if rules:
        result["allOf"] = rules
    return result


def _child(schema: CatalogueSchema, child: Table) -> dict:
    source = child.source
    described = {"title": child.title, "description": child.description}
    if source["shape"] == "list":
        return {**described, "anyOf": [{"type": "array", "items": _object(schema, child)}, {"type": "null"}]}
    key_field, value_field = child.field(source["key_field"]), child.field(source["value_field"])
    values = _choice(schema, value_field["taxonomy"])
    if child.times:
        # A dagdeel may carry its clock times (ochtend 09:30-12:00): the times' pattern after one of the codes.
        codes = "|".join(re.escape(code) for code in values["enum"])
        clock = child.field(child.times["start"])["constraints"]["pattern"]
        values = {"anyOf": [values, {"type": "string", "pattern": f"^({codes}) {clock}-{clock}$",
                                     "description": child.field(child.times["start"]).get("description", "")}]}
    per_key = {"anyOf": [{"type": "array", "items": values}, values, {"type": "null"}]}
    keys = schema.taxonomies[key_field["taxonomy"]]
    mapping = {
        "type": "object",
        "properties": {term.code: {"title": term.label, "description": value_field.get("description", ""), **per_key} for term in keys.terms},
        "additionalProperties": False,
    }
    return {**described, "anyOf": [mapping, {"type": "null"}]}


def _location_or_online(schema: CatalogueSchema, table: Table) -> list[dict]:
    """The rule validation applies (rules.CROSS_FIELD, "address-or-online"): an offer has an address, or it is online."""
    rule = address_or_online(schema)
    if rule is None or rule[1] is not table:
        return []
    items, _, flag = rule
    yes = [True, *table.field(flag).get("trueValues", ["true"])]
    key = items.source["key"]
    return [{
        "if": {"properties": {flag: {"enum": yes}}, "required": [flag]},
        "else": {"properties": {key: {"type": "array", "minItems": 1}}, "required": [key]},
    }]


def editor_schema(schema: CatalogueSchema, table: Table) -> dict:
    result = _object(schema, table)
    for child in schema.children_of(table.name):
        result["properties"][child.source["key"]] = _child(schema, child)
    rules = result.pop("allOf", []) + _location_or_online(schema, table)
    document = {
        "$schema": DRAFT,
        "$comment": "Gemaakt uit schema/ met `make schemas`. Verander dit bestand niet met de hand.",
        "title": table.title,
        "description": table.description,
        **result,
    }
    if rules:
        document["allOf"] = rules
    return document


def merged_schema(schema: CatalogueSchema, table: Table) -> dict:
    """The editor schema of the files merged into ``table`` (content/availability/<provider>.yaml): offer id -> its values.

    Each key takes the rules of the offer field it fills; the state and the date are required together, as
    availability.py requires them."""
    fields = dict(table.merged_fields)
    entry_properties = {key: _property(schema, table.field(name)) for key, name in fields.items()}
    state = next(key for key, name in fields.items() if table.field(name).get("taxonomy"))
    day = next(key for key, name in fields.items() if table.field(name)["type"] == "date")
    entry = {"type": "object", "properties": entry_properties, "required": [state, day], "additionalProperties": False}
    id_pattern = (table.field(table.primary_key[0]).get("constraints") or {}).get("pattern")
    return {
        "$schema": DRAFT,
        "$comment": "Gemaakt uit schema/ met `make schemas`. Verander dit bestand niet met de hand.",
        "title": f"{table.title}: {table.field(fields[state])['title'].lower()}",
        "description": table.field(fields[state]).get("description", ""),
        "type": "object",
        "propertyNames": {"pattern": _anchored(id_pattern)} if id_pattern else {},
        "additionalProperties": entry,
    }


def merged_path(schema: CatalogueSchema, table: Table) -> Path:
    return schema.folder / FOLDER / f"{table.merged['folder']}.schema.json"


def render(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def expected_files(schema: CatalogueSchema) -> dict[Path, str]:
    """Every editor schema file with the text it should have."""
    files = {schema_path(schema, table): render(editor_schema(schema, table)) for table in schema.top_tables}
    grouping = schema.grouping
    if grouping is not None and grouping.table.merged:
        files[merged_path(schema, grouping.table)] = render(merged_schema(schema, grouping.table))
    return files


def write(schema: CatalogueSchema) -> list[Path]:
    written = []
    for path, text in expected_files(schema).items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def outdated(schema: CatalogueSchema) -> list[Path]:
    """Files that are missing or differ from what schema/ gives now."""
    return [path for path, text in expected_files(schema).items() if not path.exists() or path.read_text(encoding="utf-8") != text]


def _character_class(characters) -> str:
    """The characters for inside [...] of a JSON Schema (ECMA 262) pattern."""
    return "".join("\\" + c if c in "-\\]^" else c for c in characters).replace("\t", "\\t").replace("\r", "\\r")
