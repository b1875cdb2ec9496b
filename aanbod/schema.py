"""The one field list: tables, fields and taxonomies read from ``schema/``.

Everything else (validation, labels, CSV column order, the published data package) asks
this module; nothing else reads the schema files.
"""

from __future__ import annotations

import copy
import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType


class SchemaError(Exception):
    """The schema folder itself is broken: a maintainer's problem, reported without traceback."""


@dataclass(frozen=True)
class Term:
    code: str
    label: str
    description: str = ""
    extra: MappingProxyType = field(default_factory=lambda: MappingProxyType({}))

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

    @property
    def field_names(self) -> list[str]:
        return [f["name"] for f in self.fields]

    def field(self, name: str) -> MappingProxyType:
        for candidate in self.fields:
            if candidate["name"] == name:
                return candidate
        raise KeyError(name)

    @property
    def parent(self) -> str | None:
        return self.source.get("parent")

    @property
    def generated_fields(self) -> set[str]:
        """Fields filled in by nesting, which a provider never writes."""
        return {self.source[key] for key in ("parent_field", "position_field") if key in self.source}

    def is_list(self, name: str) -> bool:
        return self.field(name)["type"] == "list"


@dataclass(frozen=True)
class CatalogueSchema:
    folder: Path
    package: MappingProxyType
    tables: MappingProxyType
    taxonomies: MappingProxyType

    @property
    def top_tables(self) -> list[Table]:
        return [table for table in self.tables.values() if not table.parent]

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


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise SchemaError(f"{path}: het schema kan niet worden gelezen ({error}).") from None


def _read_taxonomy(path: Path) -> Taxonomy:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = tuple(reader.fieldnames or ())
        if "code" not in columns or "label" not in columns:
            raise SchemaError(f"{path}: een lijst met waarden heeft de kolommen 'code' en 'label' nodig.")
        terms = []
        for row in reader:
            extra = {key: value for key, value in row.items() if key not in ("code", "label", "description")}
            terms.append(Term(row["code"], row["label"], row.get("description") or "", MappingProxyType(extra)))
    codes = [term.code for term in terms]
    if len(set(codes)) != len(codes):
        raise SchemaError(f"{path}: een code staat er twee keer in.")
    return Taxonomy(path.stem, tuple(terms), columns)


def load_schema(folder: Path) -> CatalogueSchema:
    folder = Path(folder)
    package = _read_json(folder / "datapackage.json")
    taxonomies = {path.stem: _read_taxonomy(path) for path in sorted((folder / "taxonomies").glob("*.csv"))}
    tables = {}
    for resource in package.get("resources", []):
        schema = resource["schema"]
        if isinstance(schema, str):
            schema = _read_json(folder / schema)
        for descriptor in schema["fields"]:
            taxonomy = descriptor.get("taxonomy")
            if taxonomy and taxonomy not in taxonomies:
                raise SchemaError(f"{folder}: veld {resource['name']}.{descriptor['name']} noemt een onbekende lijst '{taxonomy}'.")
        tables[resource["name"]] = Table(
            name=resource["name"],
            title=resource.get("title", resource["name"]),
            description=resource.get("description", ""),
            path=resource["path"],
            fields=_freeze(schema["fields"]),
            primary_key=tuple(schema.get("primaryKey", ())),
            foreign_keys=_freeze(schema.get("foreignKeys", [])),
            source=_freeze(resource.get("source", {})),
        )
    meta = {key: value for key, value in package.items() if key != "resources"}
    return CatalogueSchema(folder, _freeze(meta), MappingProxyType(tables), MappingProxyType(taxonomies))
