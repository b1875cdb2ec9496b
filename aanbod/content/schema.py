"""The one field list: tables, fields and taxonomies read from ``schema/``.

Everything else (validation, labels, CSV column order, the published data package) asks
this module; nothing else reads the schema files.
"""

from __future__ import annotations

import copy
import csv
import difflib
import json
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from types import MappingProxyType

from ..problems import Problem


# Every taxonomy needs these; other columns are labels in other languages or point at another taxonomy.
REQUIRED_COLUMNS = ("code", "label")


class SchemaError(Exception):
    """The schema folder itself is broken: a maintainer's problem, reported without traceback."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(problem.format() for problem in self.problems))


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    description: str = ""
    extra: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))
    line: int = field(default=0, compare=False)  # in its CSV file, for messages about the schema itself

    def label_in(self, language: str | None) -> str:
        """The label in ``language`` from a column such as ``label_en``; the Dutch label where there is none."""
        return (language and self.extra.get(f"label_{language}")) or self.label

    def description_in(self, language: str | None) -> str:
        return (language and self.extra.get(f"description_{language}")) or self.description


@dataclass(frozen=True)
class Taxonomy:
    name: str
    terms: tuple[Term, ...]
    columns: tuple[str, ...]
    path: Path | None = field(default=None, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_code", {term.code: term for term in self.terms})

    @property
    def codes(self) -> list[str]:
        return [term.code for term in self.terms]

    def __contains__(self, code) -> bool:
        return code in self._by_code

    def get(self, code: str) -> Term | None:
        return self._by_code.get(code)

    def label(self, code: str, language: str | None = None) -> str:
        term = self._by_code.get(code)
        return term.label_in(language) if term else code

    def choices(self) -> str:
        """Allowed values for a message: 'werk (Werk), leren (Leren)'."""
        return ", ".join(term.code if term.code.lower() == term.label.lower() else f"{term.code} ({term.label})" for term in self.terms)


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    path: str
    fields: tuple[MappingProxyType, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[MappingProxyType, ...]
    source: MappingProxyType
    file: str = field(default="", compare=False)  # the file its fields are written in, for messages

    def __post_init__(self):
        # Asked for every cell of every row: looked up once here instead of by walking the fields each time.
        by_name = {}
        for descriptor in self.fields:
            by_name.setdefault(descriptor["name"], descriptor)
        object.__setattr__(self, "_by_name", by_name)
        object.__setattr__(self, "_names", tuple(f["name"] for f in self.fields))
        object.__setattr__(self, "_generated", frozenset(self.source[key] for key in ("parent_field", "position_field") if key in self.source)
                           | frozenset(self.merged_fields.values()))

    @property
    def field_names(self) -> list[str]:
        return list(self._names)

    def title_of(self, name: str, language: str | None = None) -> str:
        """A field's title in ``language`` (``title_en``), the Dutch title where there is none."""
        descriptor = self.field(name)
        return (language and descriptor.get(f"title_{language}")) or descriptor["title"]

    def field(self, name: str) -> MappingProxyType:
        return self._by_name[name]

    def has_field(self, name: str) -> bool:
        return name in self._by_name

    @property
    def parent(self) -> str | None:
        return self.source.get("parent")

    @property
    def group_field(self) -> str | None:
        """The field whose value names the folder this table's files sit in (offers: provider), if they are grouped."""
        return self.source.get("grouped_by")

    @property
    def generated_fields(self) -> frozenset[str]:
        """Fields filled in by nesting or merged from another folder, which a provider never writes in this table's files."""
        return self._generated

    @property
    def merged(self) -> MappingProxyType:
        """Where fields of this table are written in files of their own (offers: ``availability``): the folder, the
        field naming the group each file belongs to, and ``fields``, a key in those files -> this table's field."""
        return self.source.get("merged") or MappingProxyType({})

    @property
    def merged_fields(self) -> MappingProxyType:
        return self.merged.get("fields") or MappingProxyType({})

    @property
    def times(self) -> MappingProxyType:
        """For a mapping of day to dagdelen (schedules): the fields a clock time after the dagdeel goes to (``start``, ``end``)."""
        return self.source.get("times") or MappingProxyType({})

    def is_list(self, name: str) -> bool:
        return self.field(name)["type"] == "list"


@dataclass(frozen=True)
class Grouping:
    """The table whose files sit in a folder per group (offers), the field naming the group (provider), and the
    table that field refers to, which owns the groups (providers)."""

    table: Table
    field: str
    owner: Table | None


@dataclass(frozen=True)
class CatalogueSchema:
    folder: Path
    package: MappingProxyType
    tables: MappingProxyType
    taxonomies: MappingProxyType

    @property
    def top_tables(self) -> list[Table]:
        return [table for table in self.tables.values() if not table.parent]

    @cached_property
    def grouping(self) -> Grouping | None:
        """Which table is grouped in folders and which table owns the groups: the one place this is worked out."""
        for table in self.top_tables:
            group = table.group_field
            if group:
                owner = next((self.tables[key["reference"]["resource"]] for key in table.foreign_keys if key["fields"][0] == group), None)
                return Grouping(table, group, owner)
        return None

    @property
    def licence(self) -> MappingProxyType:
        """The data's licence: the first of datapackage.json's licenses (``path``, ``title``; ``dcat_ap_donl``, its
        spelling in the DCAT-AP-DONL list, for the national portal). schema_checks makes sure it is there."""
        return self.package["licenses"][0]

    def children_of(self, name: str) -> list[Table]:
        return [table for table in self.tables.values() if table.parent == name]

    def taxonomy_of(self, table: str, field_name: str) -> Taxonomy | None:
        name = self.tables[table].field(field_name).get("taxonomy")
        return self.taxonomies[name] if name else None

    def label(self, taxonomy: str, code: str, language: str | None = None) -> str:
        return self.taxonomies[taxonomy].label(code, language)

    def table_schema(self, name: str) -> dict:
        """The Table Schema for frictionless: taxonomy codes become enum constraints on single values.

        List fields keep their taxonomy as a property; frictionless has no item constraints,
        so validation checks their items itself.
        """
        table = self.tables[name]
        fields = []
        for source in table.fields:
            descriptor = _thaw(source)
            taxonomy = descriptor.get("taxonomy")
            if taxonomy and descriptor["type"] != "list":
                descriptor.setdefault("constraints", {})["enum"] = self.taxonomies[taxonomy].codes
            fields.append(descriptor)
        schema = {"fields": fields, "primaryKey": list(table.primary_key)}
        if table.foreign_keys:
            schema["foreignKeys"] = [_thaw(fk) for fk in table.foreign_keys]
        return schema


def _freeze(value):
    if isinstance(value, dict):
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value


def _thaw(value):
    if isinstance(value, MappingProxyType | dict):
        return {key: _thaw(item) for key, item in value.items()}
    if isinstance(value, tuple | list):
        return [_thaw(item) for item in value]
    return copy.copy(value)


def load_schema(folder: Path) -> CatalogueSchema:
    """The schema in ``folder``; raises SchemaError with every problem when it cannot be used."""
    schema, problems = read_schema(folder)
    if problems:
        raise SchemaError(problems)
    return schema


def read_schema(folder: Path) -> tuple[CatalogueSchema | None, list[Problem]]:
    """The schema and the problems found in it: errors as values, reported at the edge (CLI, build)."""
    folder = Path(folder)
    problems: list[Problem] = []
    package = _read_json(folder / "datapackage.json", problems)
    taxonomies, files = {}, sorted((folder / "taxonomies").glob("*.csv"))
    for path in files:
        taxonomy = _read_taxonomy(path, problems)
        if taxonomy is not None:
            taxonomies[path.stem] = taxonomy
    if package is None:
        return None, problems
    # A taxonomy file that exists but has a problem of its own is not also reported as unknown.
    tables = _read_tables(folder, package, {path.stem for path in files}, problems)
    if problems:
        return None, problems
    meta = {key: value for key, value in package.items() if key != "resources"}
    schema = CatalogueSchema(folder, _freeze(meta), MappingProxyType(tables), MappingProxyType(taxonomies))
    from . import schema_checks  # here, not at the top: the checks read choices.py, which imports this module

    problems += schema_checks.check(schema)
    return (None, problems) if problems else (schema, [])


def _read_json(path: Path, problems: list[Problem]) -> dict | None:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        problems.append(Problem(str(path), 0, "", "dit bestand ontbreekt. Zet het terug uit Open Aanbod of maak het opnieuw.", code="schema"))
        return None
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(str(path), 0, "", f"dit bestand kan niet worden gelezen ({error}). Sla het op als UTF-8.", code="schema"))
        return None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        problems.append(Problem(str(path), error.lineno, "", f"dit is geen geldige JSON: {error.msg} (kolom {error.colno}). "
                                "Kijk naar komma's, aanhalingstekens en haakjes op deze regel of de regel ervoor.", code="schema", column=error.colno))
        return None
    if not isinstance(document, dict):
        problems.append(Problem(str(path), 1, "", "het bestand moet een JSON-object zijn, tussen { en }.", code="schema"))
        return None
    return document


def _read_taxonomy(path: Path, problems: list[Problem]) -> Taxonomy | None:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        problems.append(Problem(str(path), 0, "", f"deze lijst kan niet worden gelezen ({error}). Sla hem op als CSV in UTF-8.", code="schema"))
        return None
    columns = tuple(rows[0]) if rows else ()
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    if missing:
        names = " en ".join(f"'{name}'" for name in missing)
        problems.append(Problem(str(path), 1, "", f"de kolom {names} ontbreekt. De eerste regel moet de kolommen noemen, zoals: code,label", code="schema"))
        return None
    terms, lines = [], {}
    for line, values in enumerate(rows[1:], start=2):
        if not any(value.strip() for value in values):
            continue
        if len(values) > len(columns):
            problems.append(Problem(str(path), line, "", f"deze regel heeft {len(values)} waarden, maar er zijn {len(columns)} kolommen ({','.join(columns)}). "
                                    "Zet tekst met een komma tussen aanhalingstekens.", code="schema"))
            continue
        # A shorter row leaves its last columns empty, such as a label_en not yet translated.
        row = dict(zip(columns, values + [""] * (len(columns) - len(values))))
        code = row["code"]
        if not code.strip():
            problems.append(Problem(str(path), line, "code", "de code is leeg. Schrijf een korte code met kleine letters, zoals 'tuinieren'.", code="schema"))
            continue
        if not row["label"].strip():
            problems.append(Problem(str(path), line, "label", f"het label van '{code}' is leeg. Schrijf de naam zoals bewoners die lezen.", code="schema"))
        if code in lines:
            problems.append(Problem(str(path), line, "code", f"de code '{code}' staat er al op regel {lines[code]}. Geef elke waarde een eigen code.", code="schema"))
            continue
        lines[code] = line
        extra = {key: value for key, value in row.items() if key not in ("code", "label", "description")}
        terms.append(Term(code, row["label"], row.get("description") or "", MappingProxyType(extra), line))
    return Taxonomy(path.stem, tuple(terms), columns, path)


def _read_tables(folder: Path, package: dict, taxonomies: set[str], problems: list[Problem]) -> dict:
    where = str(folder / "datapackage.json")
    resources = package.get("resources")
    if not isinstance(resources, list) or not resources:
        problems.append(Problem(where, 0, "resources", "er staan geen tabellen in. Zet onder 'resources' de tabellen offers, providers, locations en schedules.", code="schema"))
        return {}
    tables = {}
    for number, resource in enumerate(resources, start=1):
        missing = [key for key in ("name", "path", "schema") if not isinstance(resource, dict) or key not in resource]
        if missing:
            problems.append(Problem(where, 0, "resources", f"tabel {number} mist {', '.join(missing)}. Elke tabel heeft een name, een path en een schema.", code="schema"))
            continue
        schema, schema_path = resource["schema"], where
        if isinstance(schema, str):
            schema_path = str(folder / schema)
            schema = _read_json(folder / schema, problems)
            if schema is None:
                continue
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not isinstance(fields, list) or not all(isinstance(item, dict) and "name" in item and "type" in item for item in fields):
            problems.append(Problem(schema_path, 0, "fields", "elk veld heeft een 'name' en een 'type' nodig, in een lijst 'fields'.", code="schema"))
            continue
        for descriptor in fields:
            taxonomy = descriptor.get("taxonomy")
            if taxonomy and taxonomy not in taxonomies:
                known = ", ".join(sorted(taxonomies))
                problems.append(Problem(
                    schema_path, _json_line(schema_path, descriptor["name"], taxonomy), f"{resource['name']}.{descriptor['name']}",
                    f"de lijst '{taxonomy}' bestaat niet{_suggestion(taxonomy, taxonomies)}. Maak taxonomies/{taxonomy}.csv of kies uit: {known}.", code="schema",
                ))
        tables[resource["name"]] = Table(
            name=resource["name"],
            title=resource.get("title", resource["name"]),
            description=resource.get("description", ""),
            path=resource["path"],
            fields=_freeze(fields),
            primary_key=tuple(schema.get("primaryKey", ())),
            foreign_keys=_freeze(schema.get("foreignKeys", [])),
            source=_freeze(resource.get("source", {})),
            file=schema_path,
        )
    return tables


def _suggestion(name: str, known) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f" (bedoel je '{close[0]}'?)" if close else ""


def _json_line(path: str, field_name: str, value: str) -> int:
    """The line where a field's value is written: the first line with ``value`` after the field's name.

    json gives no positions; a schema file is small and written one key per line, so a search finds it.
    """
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 0
    start = next((number for number, line in enumerate(lines) if f'"{field_name}"' in line), 0)
    return next((number + 1 for number, line in enumerate(lines[start:], start=start) if f'"{value}"' in line), start + 1 if lines else 0)
