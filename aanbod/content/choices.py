"""Choices that depend on another field, read from the taxonomies themselves.

A taxonomy column that has the name of another field of the same table narrows the choices:
``subtypes.csv`` has a ``kind`` column, so the subtypes to choose from depend on the kind;
``wijken.csv`` has a ``municipality`` column, so only Utrecht's locations have wijken. The
editor schema, the scaffold and the form all ask this module, so a fork's taxonomies work
without code changes.
"""

from __future__ import annotations

from .schema import CatalogueSchema, Table, Term


def parent_field(schema: CatalogueSchema, table: Table, name: str) -> str | None:
    """The field whose value narrows the choices of ``name``, if any."""
    descriptor = table.field(name)
    taxonomy_name = descriptor.get("taxonomy")
    if not taxonomy_name or descriptor["type"] == "list":
        return None
    for column in schema.taxonomies[taxonomy_name].columns:
        if column != name and table.has_field(column) and table.field(column).get("taxonomy"):
            return column
    return None


def choices(schema: CatalogueSchema, table: Table, name: str, parent_value: str | None = None) -> list[Term]:
    """The terms ``name`` may take; narrowed by the parent field's value when it has one and it is given."""
    terms = list(schema.taxonomies[table.field(name)["taxonomy"]].terms)
    parent = parent_field(schema, table, name)
    if parent and parent_value is not None:
        terms = [term for term in terms if term.extra.get(parent) == parent_value]
    return terms
