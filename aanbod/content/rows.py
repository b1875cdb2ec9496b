"""Map a provider's nested YAML tree to flat table rows, remembering where every value came from.

A provider writes one offer per file, with its locations as a list and its schedule as a
mapping of day to dagdelen. The schema's ``source`` properties say how each child table
nests; this module turns that into one row per table entry, with every cell still text.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from .loading import Document
from ..problems import Problem
from .schema import CatalogueSchema, Table
from .timetable import split_slot, unreadable_slot_message

LIST_DELIMITER = ";"


@dataclass
class Row:
    table: str
    values: dict  # field name -> text ("" when absent); list fields hold a list of texts
    path: str
    line: int
    prefix: str = ""  # how a provider finds this row's keys: "" or "locations[2]."
    lines: dict = field(default_factory=dict)  # field name -> line
    meant: set = field(default_factory=set)  # fields a misspelled key was probably meant as

    def misspelled(self, name: str) -> bool:
        """A misspelled key already named this field ("Bedoel je ...?"): it is not missing as well."""
        return name in self.meant

    def line_of(self, name: str) -> int:
        return self.lines.get(name, self.line)

    def label(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def cell(self, name: str) -> str:
        """The value as frictionless reads it: lists joined with the schema's delimiter."""
        value = self.values.get(name, "")
        return LIST_DELIMITER.join(value) if isinstance(value, list) else value


def _closest(key: str, allowed: list[str]) -> str | None:
    close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.75)
    return close[0] if close else None


def _suggest(key: str, allowed: list[str]) -> str:
    close = _closest(key, allowed)
    if close:
        return f" Bedoel je '{close}'?"
    return " Toegestane velden: " + ", ".join(allowed) + "."


def _unknown_key(path: str, line: int, label: str, allowed: list[str]) -> Problem:
    return Problem(path, line, label, "dit veld bestaat niet." + _suggest(label.rsplit(".", 1)[-1], allowed), code="unknown-field")


class _RowBuilder:
    def __init__(self, schema: CatalogueSchema, document: Document):
        self.schema = schema
        self.document = document
        self.problems: list[Problem] = []

    def problem(self, keys: tuple, label: str, message: str, code: str = "invalid") -> None:
        self.problems.append(Problem(self.document.path, self.document.line_of(*keys), label, message, code=code))

    def _text(self, value, keys: tuple, label: str) -> str:
        if isinstance(value, str):
            return value
        self.problem(keys, label, "hier hoort één waarde, geen lijst of blok met velden.", code="shape")
        return ""

    def _items(self, value, keys: tuple, label: str) -> list[str]:
        if isinstance(value, str):
            return [value] if value else []
        if isinstance(value, list):
            items = []
            for index, item in enumerate(value):
                if not isinstance(item, str):
                    self.problem(keys + (index,), label, "elk onderdeel van de lijst is één waarde.", code="shape")
                elif LIST_DELIMITER in item:
                    self.problem(keys + (index,), label, f"een waarde mag geen '{LIST_DELIMITER}' bevatten. Zet elke waarde apart in de lijst.", code="shape")
                elif item:
                    items.append(item)
            return items
        self.problem(keys, label, "hier hoort een lijst, bijvoorbeeld [a, b].", code="shape")
        return []

    def fill(self, row: Row, table: Table, mapping: dict, keys: tuple, skip: set) -> None:
        """Copy the keys of ``mapping`` that belong to ``table`` into ``row``."""
        writable = [name for name in table.field_names if name not in table.generated_fields]
        for key, value in mapping.items():
            label = row.label(key)
            if key in skip:
                continue
            if key in table.merged_fields.values():
                folder = table.merged["folder"]
                self.problem(keys + (key,), label, f"dit schrijf je niet in het bestand van het aanbod, maar in content/{folder}/<aanbieder>.yaml. "
                             "Zo pas je het elke week aan zonder het aanbod zelf te veranderen.", code="unknown-field")
                continue
            if key not in writable:
                self.problems.append(_unknown_key(self.document.path, self.document.line_of(*keys, key), label, writable + sorted(skip)))
                meant = _closest(key, writable)
                if meant and meant not in mapping:
                    row.meant.add(meant)
                continue
            row.lines[key] = self.document.line_of(*keys, key)
            if table.is_list(key):
                row.values[key] = self._items(value, keys + (key,), label)
            else:
                row.values[key] = self._text(value, keys + (key,), label)

    def rows(self, table: Table) -> dict[str, list[Row]]:
        data = self.document.data
        children = self.schema.children_of(table.name)
        child_keys = {child.source["key"] for child in children}
        parent = Row(table.name, {name: "" for name in table.field_names}, self.document.path, 1, meant=set(self.document.lost))
        self.fill(parent, table, data, (), child_keys)
        result = {table.name: [parent]}
        for child in children:  # a lost line inside a child's block: the block is not missing, it is badly written
            if self.document.lost & set(child.field_names):
                parent.meant.add(child.source["key"])
        parent_id = parent.cell(table.primary_key[0])
        for child in children:
            key = child.source["key"]
            value = data.get(key)
            if value is None or value == "":
                result[child.name] = []
            elif child.source["shape"] == "list":
                result[child.name] = self._list_rows(child, value, parent_id)
            else:
                result[child.name] = self._mapping_rows(child, value, parent_id)
        return result

    def _new_row(self, child: Table, parent_id: str, line: int, prefix: str) -> Row:
        row = Row(child.name, {name: "" for name in child.field_names}, self.document.path, line, prefix, meant=set(self.document.lost))
        row.values[child.source["parent_field"]] = parent_id
        return row

    def _list_rows(self, child: Table, value, parent_id: str) -> list[Row]:
        key = child.source["key"]
        if not isinstance(value, list):
            self.problem((key,), key, "hier hoort een lijst: zet voor elk onderdeel een streepje (-).", code="shape")
            return []
        rows = []
        for index, item in enumerate(value):
            position = index + 1
            prefix = f"{key}[{position}]."
            if not isinstance(item, dict):
                self.problem((key, index), f"{key}[{position}]", "elk onderdeel van deze lijst bestaat uit velden, zoals 'street_address: ...'.", code="shape")
                continue
            row = self._new_row(child, parent_id, self.document.line_of(key, index), prefix)
            row.values[child.source["position_field"]] = str(position)
            self.fill(row, child, item, (key, index), set())
            rows.append(row)
        return rows

    def _mapping_rows(self, child: Table, value, parent_id: str) -> list[Row]:
        key = child.source["key"]
        key_field, value_field = child.source["key_field"], child.source["value_field"]
        if not isinstance(value, dict):
            title = child.field(key_field)["title"].lower()
            self.problem((key,), key, f"schrijf onder '{key}' per regel een {title} met een lijst, bijvoorbeeld: maandag: [ochtend, middag]", code="shape")
            return []
        rows = []
        for name, values in value.items():
            label = f"{key}.{name}"
            for item in self._items(values, (key, name), label):
                row = self._new_row(child, parent_id, self.document.line_of(key, name), f"{key}.")
                row.values[key_field] = name
                row.values[value_field] = self._slot(child, row, item, label)
                row.lines[key_field] = row.lines[value_field] = row.line
                rows.append(row)
        return rows

    def _slot(self, child: Table, row: Row, item: str, label: str) -> str:
        """The dagdeel of ``ochtend 09:30-12:00``; its times go to the fields the schema's ``times`` names."""
        times = child.times
        if not times:
            return item
        slot = split_slot(item)
        if slot is None:
            self.problems.append(Problem(self.document.path, row.line, label, unreadable_slot_message(item), code="shape"))
            return (item.split() or [item])[0]
        part, start, end = slot
        row.values[times["start"]], row.values[times["end"]] = start, end
        row.lines[times["start"]] = row.lines[times["end"]] = row.line
        return part


def document_rows(schema: CatalogueSchema, table: Table, document: Document) -> tuple[dict[str, list[Row]], list[Problem]]:
    """The rows of ``table`` and its child tables held by one document, and the shape problems."""
    builder = _RowBuilder(schema, document)
    rows = builder.rows(table)
    return rows, builder.problems
