"""Codes get their roles from columns of the taxonomies (aanbod/content/roles.py), and the schema check guards those columns."""

from __future__ import annotations

import json

import pytest

from aanbod.site import branding
from aanbod.content import roles
from aanbod.content.schema import load_schema
from conftest import SCHEMA, rewrite, schema_messages


def test_the_repositorys_roles():
    schema = load_schema(SCHEMA)
    assert roles.statuses(schema, *roles.ON_SITE) == ("actief", "gepauzeerd")
    assert roles.status(schema, roles.PUBLISHED) == "actief" and roles.status(schema, roles.WITHDRAWN) == "ingetrokken"
    assert roles.days(schema, "rfc5545") == dict(zip(schema.taxonomies["days"].codes, ("MO", "TU", "WE", "TH", "FR", "SA", "SU")))
    assert roles.days(schema, "schema_org")["zondag"] == "https://schema.org/Sunday"
    assert roles.pictograms(schema) == {"rolstoel": "rolstoel"}
    assert [term.code for term in roles.pictogram_terms(schema, ["prikkelarm", "rolstoel"])] == ["rolstoel"]
    assert roles.kind_icon(schema, "leren") == "studie"


# One edit of a role column: the schema check names each problem on its line and says what fits.
ROLE_EDITS = [
    pytest.param("statuses.csv", "later terug.,Paused,There is no place right now. The offer will come back later.,paused",
                 "later terug.,Paused,There is no place right now. The offer will come back later.,published", [
        ":3: role: 'published' staat al op regel 2 in de kolom role. Dit mag maar bij één code staan.",
    ], id="two-published-statuses"),
    pytest.param("statuses.csv", ",withdrawn", ",weg", [
        ":1: role: Geen enkele code heeft 'withdrawn' in de kolom role. Zet 'withdrawn' bij precies één code.",
        ":4: role: 'weg' kan niet in de kolom role bij 'ingetrokken'. Kies uit: published, paused, withdrawn.",
    ], id="no-withdrawn-status-and-an-unknown-role"),
    pytest.param("days.csv", "Tuesday,TU,https://schema.org/Tuesday", "Tuesday,MO,https://schema.org/Dinsdag", [
        ":3: rfc5545: 'MO' staat al op regel 2 in de kolom rfc5545. Dit mag maar bij één code staan.",
        ":3: schema_org: 'https://schema.org/Dinsdag' kan niet in de kolom schema_org bij 'dinsdag'. Kies uit: "
        + ", ".join(f"https://schema.org/{day}" for day in roles.DAYS) + ".",
    ], id="days-need-distinct-rfc5545-and-schema-org-codes"),
    # An empty pictogram is allowed (most accessibility codes have none); a bad one is not.
    pytest.param("accessibility.csv", "Hearing loop,", "Hearing loop,<svg>", [
        ":6: pictogram: '<svg>' kan niet in de kolom pictogram bij 'ringleiding'. Schrijf bijvoorbeeld 'rolstoel'.",
    ], id="a-bad-pictogram"),
]


@pytest.mark.parametrize("name, old, new, expected", ROLE_EDITS)
def test_a_role_column_filled_in_wrong(schema_copy, name, old, new, expected):
    path = schema_copy / "taxonomies" / name
    rewrite(path, old, new)
    assert schema_messages(schema_copy) == [f"{path}{message}" for message in expected]


def test_a_kind_needs_a_colour_and_a_code_fit_for_a_style_name(schema_copy):
    kinds = schema_copy / "taxonomies/kinds.csv"
    rewrite(kinds, "#6a3d9a,studie", "paars,studie")
    rewrite(kinds, "\ndoen,", "\nDoen mee,")
    subtypes = schema_copy / "taxonomies/subtypes.csv"
    rewrite(subtypes, ",doen,", ",Doen mee,")
    assert schema_messages(schema_copy) == [
        f"{kinds}:3: colour: 'paars' kan niet in de kolom colour bij 'leren'. Schrijf bijvoorbeeld '#0b6e4f'.",
        f"{kinds}:4: code: 'Doen mee' kan geen code zijn: de site maakt er een stijlnaam van. "
        "Gebruik kleine letters, cijfers en streepjes en begin met een letter, zoals 'werk'.",
    ]


def test_the_licence_must_be_in_the_datapackage(schema_copy):
    package_path = schema_copy / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    del package["licenses"]
    package_path.write_text(json.dumps(package), encoding="utf-8")
    [message] = schema_messages(schema_copy)
    assert message.startswith(f"{package_path}: licenses: De licentie van de data ontbreekt.")


def test_kind_colours_become_classes_and_nothing_else():
    css = branding.colours_css({"brand": "#8a1538"}, {"werk": "#0b6e4f", "doe-mee": "#8a4b08"})
    assert css.splitlines()[-2:] == [".kind-werk { --kind-colour: #0b6e4f; }", ".kind-doe-mee { --kind-colour: #8a4b08; }"]
    with pytest.raises(branding.BrandingError, match="kinds.csv"):
        branding.colours_css({}, {"werk": "red; } body { display: none"})
