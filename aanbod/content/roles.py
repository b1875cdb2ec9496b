"""Codes with a role, read from the role columns of the taxonomies, never written in code.

A fork may rename ``gepauzeerd`` or ``maandag``; what the code needs to know about a code (is
this status published, which RFC 5545 day is this, which pictogram shows this accessibility
code, which colour has this kind) is a column next to it in ``schema/taxonomies/``. Every
module, template and script asks here (scripts through the data the build publishes), and
``schema_checks`` checks the columns with :data:`COLUMNS`.

The taxonomies are found through the fields that use them (``offers.status``), so a fork may
also rename a taxonomy file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .schema import CatalogueSchema, Taxonomy, Term

PUBLISHED, PAUSED, WITHDRAWN = "published", "paused", "withdrawn"
# An intake step with this role goes through someone who refers (via-buurtteam, via-huisarts, ...).
REFERRAL = "referral"
# Availability (availability.csv): room, full, or a waiting list.
FREE, FULL, WAITING = "free", "full", "waiting"
# Offers with these status roles are on the site; a paused one says there is no place right now.
ON_SITE = (PUBLISHED, PAUSED)
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
NAME = re.compile(r"[a-z][a-z0-9-]*")  # a pictogram name, or a kind code: it becomes a CSS class
COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
CLOCK = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9]")  # a dagdeel's span (parts_of_day.csv)


@dataclass(frozen=True)
class Column:
    """A role column of the taxonomy that ``table.field`` uses, and what its cells may hold."""

    table: str
    field: str
    name: str
    allowed: tuple[str, ...] = ()  # the only values; empty: any value matching ``pattern``
    pattern: re.Pattern | None = None
    example: str = ""
    optional: bool = False  # a cell may be empty
    unique: bool = False
    exactly_one: tuple[str, ...] = ()  # values that must appear on exactly one line


COLUMNS = (
    Column("offers", "status", "role", allowed=(PUBLISHED, PAUSED, WITHDRAWN), example=PUBLISHED, exactly_one=(PUBLISHED, WITHDRAWN)),
    Column("schedules", "day", "rfc5545", allowed=tuple(day[:2].upper() for day in DAYS), example="MO", unique=True),
    Column("schedules", "day", "schema_org", allowed=tuple(f"https://schema.org/{day}" for day in DAYS), example="https://schema.org/Monday", unique=True),
    Column("offers", "accessibility", "pictogram", pattern=NAME, example="rolstoel", optional=True),
    Column("offers", "kind", "colour", pattern=COLOUR, example="#0b6e4f"),
    Column("offers", "kind", "icon", pattern=NAME, example="koffer"),
    Column("intake_steps", "step", "role", allowed=(REFERRAL,), example=REFERRAL, optional=True),
    Column("offers", "availability", "role", allowed=(FREE, FULL, WAITING), example=FREE, unique=True),
    Column("offers", "availability", "pictogram", pattern=NAME, example="plek"),
    Column("schedules", "part_of_day", "start", pattern=CLOCK, example="06:00"),
    Column("schedules", "part_of_day", "end", pattern=CLOCK, example="12:30"),
)
# A kind's code becomes a CSS class that carries its colour.
CODE_PATTERNS = {("offers", "kind"): NAME}


def _taxonomy(schema: CatalogueSchema, table: str, field: str) -> Taxonomy:
    return schema.taxonomy_of(table, field)


def status_role(schema: CatalogueSchema, code: str) -> str:
    term = _taxonomy(schema, "offers", "status").get(code)
    return term.extra.get("role", "") if term else ""


def statuses(schema: CatalogueSchema, *roles: str) -> tuple[str, ...]:
    """The status codes with one of ``roles``, in taxonomy order."""
    return tuple(term.code for term in _taxonomy(schema, "offers", "status").terms if term.extra.get("role") in roles)


def status(schema: CatalogueSchema, role: str) -> str:
    """The one status with ``role`` (published or withdrawn; the schema check makes sure there is one)."""
    return statuses(schema, role)[0]


def days(schema: CatalogueSchema, column: str) -> dict[str, str]:
    """Day code -> its ``rfc5545`` (MO) or ``schema_org`` (https://schema.org/Monday) value."""
    return {term.code: term.extra[column] for term in _taxonomy(schema, "schedules", "day").terms}


def pictograms(schema: CatalogueSchema) -> dict[str, str]:
    """Accessibility code -> the name of its pictogram (theme/templates/_icons.html), for codes that have one."""
    return {term.code: term.extra["pictogram"] for term in _taxonomy(schema, "offers", "accessibility").terms if term.extra.get("pictogram")}


def pictogram_terms(schema: CatalogueSchema, codes) -> list[Term]:
    """The accessibility terms among ``codes`` that show as a key fact with a pictogram, in taxonomy order."""
    chosen = set(codes or ())
    return [term for term in _taxonomy(schema, "offers", "accessibility").terms if term.code in chosen and term.extra.get("pictogram")]


def kind_icon(schema: CatalogueSchema, code: str) -> str:
    term = _taxonomy(schema, "offers", "kind").get(code)
    return term.extra.get("icon", "") if term else ""


def kind_colours(schema: CatalogueSchema) -> dict[str, str]:
    return {term.code: term.extra["colour"] for term in _taxonomy(schema, "offers", "kind").terms}


def referral_steps(schema: CatalogueSchema) -> tuple[str, ...]:
    """The intake step codes that go through someone who refers (role ``referral``), in taxonomy order; none in a
    fork without intake steps."""
    if "intake_steps" not in schema.tables:
        return ()
    return tuple(term.code for term in _taxonomy(schema, "intake_steps", "step").terms if term.extra.get("role") == REFERRAL)


def availability_role(schema: CatalogueSchema, code: str | None) -> str:
    """free, full or waiting for an availability code; "" for none."""
    taxonomy = _taxonomy(schema, "offers", "availability") if "availability" in schema.tables["offers"].field_names else None
    term = taxonomy.get(code) if taxonomy and code else None
    return term.extra.get("role", "") if term else ""


def availability_code(schema: CatalogueSchema, role: str) -> str:
    """The availability code with ``role``; "" when the taxonomy has none."""
    return next((term.code for term in _taxonomy(schema, "offers", "availability").terms if term.extra.get("role") == role), "")


def availability_pictogram(schema: CatalogueSchema, code: str | None) -> str:
    term = _taxonomy(schema, "offers", "availability").get(code) if code else None
    return term.extra.get("pictogram", "") if term else ""
