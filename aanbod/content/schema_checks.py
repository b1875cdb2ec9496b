"""Checks on a fork's schema folder that span files: taxonomies that point at each other, codes and ids as file names.

``schema.py`` reads each file and reports what is wrong inside it; this module looks at the
whole schema once it is read. Every finding is a Problem with the CSV or JSON file and line.
"""

from __future__ import annotations

import re

from . import choices, roles
from ..problems import Problem

# Dependent columns the repository's lists must keep: without them a subtype of any kind, or a wijk in any
# municipality, would pass (choices.py finds the dependency by the column's name).
RULE_COLUMNS = {"subtypes": "kind", "wijken": "municipality"}
# A code or an id becomes a folder or file name in the site: none of these may pass.
UNSAFE_NAMES = ("", ".", "..", "a/b", "a\\b", "/a", " a")


def check(schema) -> list[Problem]:
    return [*_licence(schema), *_rule_columns(schema), *_role_columns(schema), *_codes(schema), *_references(schema), *_id_patterns(schema)]


def _licence(schema) -> list[Problem]:
    """Every export names the licence from datapackage.json (schema.licence): it must be there, with its URL."""
    licences = schema.package.get("licenses")
    if isinstance(licences, tuple) and licences and hasattr(licences[0], "get") and isinstance(licences[0].get("path"), str) and licences[0]["path"]:
        return []
    return [Problem(str(schema.folder / "datapackage.json"), 0, "licenses", "de licentie van de data ontbreekt. Schrijf bijvoorbeeld: \"licenses\": [{\"name\": \"CC0-1.0\", "
                    "\"title\": \"Creative Commons Zero v1.0 Universal\", \"path\": \"https://creativecommons.org/publicdomain/zero/1.0/\"}]", code="schema")]


def _rule_columns(schema) -> list[Problem]:
    problems = []
    for name, column in RULE_COLUMNS.items():
        taxonomy = schema.taxonomies.get(name)
        if taxonomy is not None and column not in taxonomy.columns:
            problems.append(Problem(str(taxonomy.path), 1, "", f"de kolom '{column}' ontbreekt. Zet op de eerste regel {','.join(taxonomy.columns)},{column} "
                                    f"en vul per regel de {column} in waar de waarde bij hoort.", code="schema"))
    return problems


def _role_columns(schema) -> list[Problem]:
    """The columns that give codes their roles (roles.COLUMNS): present, filled in with allowed values, once where once is needed."""
    problems = []
    for column in roles.COLUMNS:
        table = schema.tables.get(column.table)
        if table is None or column.field not in table.field_names or not table.field(column.field).get("taxonomy"):
            continue
        taxonomy = schema.taxonomy_of(column.table, column.field)
        where, name = str(taxonomy.path), column.name
        if name not in taxonomy.columns:
            problems.append(Problem(where, 1, "", f"de kolom '{name}' ontbreekt. Zet op de eerste regel {','.join(taxonomy.columns)},{name} "
                                    f"en vul per regel de {name} in, zoals '{column.example}'.", code="schema"))
            continue
        lines: dict[str, list[int]] = {}
        for term in taxonomy.terms:
            value = term.extra.get(name, "")
            if not value and column.optional:
                continue
            if (column.allowed and value not in column.allowed) or (column.pattern and not column.pattern.fullmatch(value)):
                what = f"'{value}' kan niet" if value else "dit is leeg"
                choose = f"Kies uit: {', '.join(column.allowed)}." if column.allowed else f"Schrijf bijvoorbeeld '{column.example}'."
                problems.append(Problem(where, term.line, name, f"{what} in de kolom {name} bij '{term.code}'. {choose}", code="schema"))
                continue
            lines.setdefault(value, []).append(term.line)
        for value, found in lines.items():
            if len(found) > 1 and (column.unique or value in column.exactly_one):
                problems.append(Problem(where, found[1], name, f"'{value}' staat al op regel {found[0]} in de kolom {name}. Dit mag maar bij één code staan.", code="schema"))
        for value in column.exactly_one:
            if value not in lines:
                problems.append(Problem(where, 1, name, f"geen enkele code heeft '{value}' in de kolom {name}. Zet '{value}' bij precies één code.", code="schema"))
    for (table_name, field_name), pattern in roles.CODE_PATTERNS.items():
        table = schema.tables.get(table_name)
        if table is None or field_name not in table.field_names or not table.field(field_name).get("taxonomy"):
            continue
        taxonomy = schema.taxonomy_of(table_name, field_name)
        for term in taxonomy.terms:
            if not pattern.fullmatch(term.code):
                problems.append(Problem(str(taxonomy.path), term.line, "code", f"'{term.code}' kan geen code zijn: de site maakt er een stijlnaam van. "
                                        "Gebruik kleine letters, cijfers en streepjes en begin met een letter, zoals 'werk'.", code="schema"))
    return problems


def _codes(schema) -> list[Problem]:
    """A code becomes part of a URL and a folder name (list pages): no slashes, dots only, or spaces around it."""
    problems = []
    for taxonomy in schema.taxonomies.values():
        for term in taxonomy.terms:
            if term.code != term.code.strip() or "/" in term.code or "\\" in term.code or not term.code.strip("."):
                problems.append(Problem(str(taxonomy.path), term.line, "code", f"'{term.code}' kan geen code zijn: een code wordt een deel van een adres. "
                                        "Gebruik kleine letters, cijfers en streepjes, zoals 'de-bilt'.", code="schema"))
    return problems


def _references(schema) -> list[Problem]:
    """A taxonomy column named after another field of the same table holds codes of that field's taxonomy (choices.py)."""
    problems, seen = [], set()
    for table in schema.tables.values():
        for name in table.field_names:
            parent = choices.parent_field(schema, table, name)
            if parent is None:
                continue
            taxonomy = schema.taxonomies[table.field(name)["taxonomy"]]
            target = schema.taxonomies[table.field(parent)["taxonomy"]]
            if (taxonomy.name, parent) in seen:
                continue
            seen.add((taxonomy.name, parent))
            for term in taxonomy.terms:
                value = term.extra.get(parent, "")
                if value not in target:
                    what = f"'{value}' staat niet in {target.path.name}" if value else "is leeg"
                    problems.append(Problem(str(taxonomy.path), term.line, parent, f"{what}. Kies een code uit {target.path.name}: {', '.join(target.codes)}.", code="schema"))
    return problems


def _id_patterns(schema) -> list[Problem]:
    """The key of a table with its own files (offers, providers) is a file name: its pattern must keep it one."""
    problems = []
    for table in schema.top_tables:
        for key in table.primary_key:
            pattern = table.field(key).get("constraints", {}).get("pattern")
            try:
                unsafe = [probe for probe in UNSAFE_NAMES if pattern is None or re.fullmatch(pattern, probe)]
            except re.error as error:
                problems.append(Problem(table.file, 0, f"{table.name}.{key}", f"het patroon is geen geldige reguliere expressie ({error}).", code="schema"))
                continue
            if unsafe:
                problems.append(Problem(table.file, 0, f"{table.name}.{key}", "een id wordt een bestandsnaam, maar het patroon laat "
                                        f"{', '.join(repr(probe) for probe in unsafe)} toe. Gebruik bijvoorbeeld \"pattern\": \"[a-z0-9]+(-[a-z0-9]+)*\".", code="schema"))
    return problems
