import json
import shutil
from pathlib import Path

import pytest

from aanbod.content.schema import load_schema
from aanbod.content.validation import validate_content
from conftest import LOCATION, MUNICIPALITY, SCHEMA, WIJK, offer_yaml, provider_yaml, write_files


@pytest.fixture(scope="module")
def schema():
    return load_schema(SCHEMA)


def problems_in(content: Path, schema) -> list[str]:
    validated, problems = validate_content(content, schema)
    assert (validated is None) == bool(problems)
    root = content.parent
    return [problem.format().replace(str(root) + "/", "") for problem in problems]


def test_a_valid_site_has_typed_rows(site, schema):
    validated, problems = validate_content(site, schema)
    assert problems == []
    offer = validated.typed["offers"][0]
    assert offer["referral_required"] is False
    assert offer["target_groups"] == ["ggz", "bijstand"]
    assert str(offer["verified_on"]) == "2026-10-15"
    assert validated.typed["locations"][0]["position"] == 1
    assert validated.file_count == 2



def test_validation_reads_the_rows_once_and_copies_none(site, schema, monkeypatch):
    """The typed rows come from frictionless's validation pass itself; its copies share the inline rows."""
    import copy

    from frictionless.resources import TableResource

    expected = validate_content(site, schema)[0].typed
    deep_copies = []
    original_deepcopy = copy.deepcopy

    def counting_deepcopy(value, *args, **kwargs):
        if isinstance(value, list) and value and value[0] == schema.tables["offers"].field_names:
            deep_copies.append(value)
        return original_deepcopy(value, *args, **kwargs)

    def second_pass(self, *args, **kwargs):
        raise AssertionError("the rows were read again after the validation")

    monkeypatch.setattr(TableResource, "read_rows", second_pass)
    monkeypatch.setattr("frictionless.metadata.metadata.deepcopy", counting_deepcopy)
    validated, problems = validate_content(site, schema)
    assert problems == [] and validated.typed == expected
    assert validated.typed["offers"][0]["target_groups"] == ["ggz", "bijstand"]
    # Frictionless asks to copy the offers' rows (package validation, foreign keys); each time it gets the same list.
    assert deep_copies and all(original_deepcopy(rows) is rows for rows in deep_copies)

def test_every_problem_in_a_file_is_reported_at_once(site, schema):
    write_files(site, {"offers/buurtwerk/fietsen.yaml": offer_yaml(
        title="\"=SOM(A1)\"", kind="werken", referral_required="misschien", cost_eur="2,50",
        verified_on="15-10-2026", contact_phone="12345", titel="Dubbel", sectors="[techniek, tuin]",
    )})
    assert problems_in(site, schema) == [
        "content/offers/buurtwerk/fietsen.yaml:3: title: Begin deze tekst met een letter of cijfer, niet met =, +, -, @ of een tab. Een spreadsheet kan zo'n tekst uitvoeren als formule.",
        "content/offers/buurtwerk/fietsen.yaml:8: kind: 'werken' kan hier niet. Kies uit: werk, leren, doen.",
        "content/offers/buurtwerk/fietsen.yaml:10: sectors: 'tuin' kan hier niet. Kies uit: horeca (Horeca en koken), groen (Groen en tuin), techniek (Techniek en fietsen), creatief (Creatief en kunst), zorg (Zorg en welzijn), administratie (Administratie en kantoor), schoonmaak, logistiek (Logistiek en magazijn), detailhandel (Winkel en verkoop), ict (Computers en ICT), sport (Sport en bewegen), dieren, bouw (Bouw en klussen).",
        "content/offers/buurtwerk/fietsen.yaml:12: referral_required: 'misschien' is geen ja of nee. Schrijf ja of nee.",
        "content/offers/buurtwerk/fietsen.yaml:14: cost_eur: '2,50' is geen getal. Schrijf alleen cijfers, met een punt voor een deel van een euro (2.50), bijvoorbeeld: 0.",
        "content/offers/buurtwerk/fietsen.yaml:17: verified_on: '15-10-2026' is geen datum. Schrijf de datum als jaar-maand-dag, bijvoorbeeld: 2026-11-01.",
        "content/offers/buurtwerk/fietsen.yaml:18: contact_phone: '12345' heeft niet de goede vorm. Een telefoonnummer voor dit aanbod, bijvoorbeeld 012 345 6789, 06 12345678 of +31 12 345 6789.",
        "content/offers/buurtwerk/fietsen.yaml:19: titel: Dit veld bestaat niet. Bedoel je 'title'?",
    ]


def test_missing_required_fields_are_named(site, schema):
    write_files(site, {"offers/buurtwerk/fietsen.yaml": offer_yaml(drop=("summary", "status"))})
    assert problems_in(site, schema) == [
        "content/offers/buurtwerk/fietsen.yaml:1: status: Dit veld is verplicht. actief: je kunt je aanmelden. gepauzeerd: tijdelijk geen plek. ingetrokken: het aanbod bestaat niet meer.",
        "content/offers/buurtwerk/fietsen.yaml:1: summary: Dit veld is verplicht. Eén zin over het aanbod. Deze zin staat in de zoekresultaten.",
    ]


def test_cross_file_checks(site, schema):
    write_files(site, {
        "offers/buurtwerk/tweede.yaml": offer_yaml("fietsen"),
        "offers/buurtwerk/zonder-aanbieder.yaml": offer_yaml("zonder-aanbieder", provider="onbekend"),
        "offers/los.yaml": offer_yaml("los"),
    })
    assert problems_in(site, schema) == [
        "content/offers/buurtwerk/tweede.yaml:1: id: De code 'fietsen' moet gelijk zijn aan de bestandsnaam 'tweede'. Pas de code of de bestandsnaam aan.",
        "content/offers/buurtwerk/tweede.yaml:1: id: De code 'fietsen' wordt al gebruikt in content/offers/buurtwerk/fietsen.yaml. Kies een andere code.",
        "content/offers/buurtwerk/zonder-aanbieder.yaml:2: provider: 'onbekend' bestaat niet. Maak eerst een bestand voor de aanbieder in content/providers/, of controleer de code.",
        "content/offers/buurtwerk/zonder-aanbieder.yaml:2: provider: Dit bestand staat in de map 'buurtwerk', maar hoort bij 'onbekend'. Zet het in de map van je eigen organisatie.",
        "content/offers/los.yaml:1: Zet dit bestand in de map van de aanbieder: offers/<aanbieder>/los.yaml.",
    ]


def test_rules_across_fields(site, schema):
    # Another municipality of the region than the wijk's own (zeist in Utrecht's region), so the wijk does not fit.
    other = next(code for code in schema.taxonomies["municipalities"].codes if code != MUNICIPALITY)
    location = LOCATION.replace(f"municipality: {MUNICIPALITY}", f"municipality: {other}").replace("    longitude: 5.1162\n", "")
    write_files(site, {"offers/buurtwerk/fietsen.yaml": offer_yaml(
        extra=location + "schedule:\n  maandag: [ochtend, ochtend]\n  mandag: [middag]\n",
        subtype="dagbesteding", min_age="30", max_age="18", start_date="2026-05-01", end_date="2026-01-01",
    )})
    assert problems_in(site, schema) == [
        "content/offers/buurtwerk/fietsen.yaml:9: subtype: 'dagbesteding' past niet bij de soort 'werk'. Kies uit: betaald-werk, beschut-werk, werkervaringsplek, traject.",
        "content/offers/buurtwerk/fietsen.yaml:19: max_age: De maximale leeftijd (18) is lager dan de minimale leeftijd (30).",
        "content/offers/buurtwerk/fietsen.yaml:21: end_date: De einddatum (2026-01-01) ligt voor de begindatum (2026-05-01).",
        "content/offers/buurtwerk/fietsen.yaml:23: locations[1].longitude: Vul de breedtegraad (latitude) en de lengtegraad (longitude) allebei in, of allebei niet.",
        f"content/offers/buurtwerk/fietsen.yaml:27: locations[1].wijk: '{WIJK}' past niet bij de gemeente '{other}'. Laat 'wijk' weg of kies een andere gemeente.",
        "content/offers/buurtwerk/fietsen.yaml:30: schedule.part_of_day: 'ochtend' staat twee keer in dit bestand (ook op regel 30).",
        "content/offers/buurtwerk/fietsen.yaml:31: schedule.day: 'mandag' kan hier niet. Kies uit: maandag, dinsdag, woensdag, donderdag, vrijdag, zaterdag, zondag.",
    ]


def test_a_forks_own_dependent_choice_is_checked_without_code(site, tmp_path):
    """A fork adds a field whose list has a column named after another field (choices.py): validation applies it as is."""
    folder = tmp_path / "schema"
    shutil.copytree(SCHEMA, folder, ignore=shutil.ignore_patterns("editor"))
    (folder / "taxonomies/activities.csv").write_text(
        "code,subtype,label\nfietsen-maken,werkervaringsplek,Fietsen maken\nkoken,cursus,Koken\n", encoding="utf-8")
    offers = json.loads((folder / "offers.schema.json").read_text(encoding="utf-8"))
    offers["fields"].append({"name": "activity", "type": "string", "title": "Activiteit", "taxonomy": "activities"})
    (folder / "offers.schema.json").write_text(json.dumps(offers), encoding="utf-8")
    schema = load_schema(folder)
    path = site / "offers/buurtwerk/fietsen.yaml"
    path.write_text(offer_yaml(activity="koken"), encoding="utf-8")
    assert problems_in(site, schema) == [
        "content/offers/buurtwerk/fietsen.yaml:18: activity: 'koken' past niet bij de soort aanbod 'werkervaringsplek'. Kies uit: fietsen-maken."
    ]
    path.write_text(offer_yaml(), encoding="utf-8")  # optional, but werkervaringsplek has activities to choose from
    assert problems_in(site, schema) == [
        "content/offers/buurtwerk/fietsen.yaml:1: activity: Vul de activiteit in. Kies uit: fietsen-maken."
    ]
    path.write_text(offer_yaml(activity="fietsen-maken"), encoding="utf-8")
    assert problems_in(site, schema) == []


def test_an_offer_needs_an_address_or_online(site, schema):
    write_files(site, {"offers/buurtwerk/fietsen.yaml": offer_yaml(extra="")})
    assert problems_in(site, schema) == [
        "content/offers/buurtwerk/fietsen.yaml:1: locations: Vul minstens één adres in onder 'locations', of schrijf 'online: ja' als het aanbod online is.",
    ]
    write_files(site, {"offers/buurtwerk/fietsen.yaml": offer_yaml(extra="", online="ja")})
    assert problems_in(site, schema) == []


def test_wrong_shapes_are_explained(site, schema):
    write_files(site, {"offers/buurtwerk/fietsen.yaml": offer_yaml(
        extra="locations:\n  street_address: Hoofdstraat 1\nschedule: [maandag]\n", title="\n  - a\n  - b",
    )})
    assert problems_in(site, schema) == [
        "content/offers/buurtwerk/fietsen.yaml:3: title: Hier hoort één waarde, geen lijst of blok met velden.",
        "content/offers/buurtwerk/fietsen.yaml:20: locations: Hier hoort een lijst: zet voor elk onderdeel een streepje (-).",
        "content/offers/buurtwerk/fietsen.yaml:22: schedule: Schrijf onder 'schedule' per regel een dag met een lijst, bijvoorbeeld: maandag: [ochtend, middag]",
    ]


def test_broken_yaml_does_not_hide_problems_in_other_files(site, schema):
    write_files(site, {
        "offers/buurtwerk/kapot.yaml": "id: kapot\ntitle: \"open\n",
        "providers/leeg.yaml": "",
    })
    assert problems_in(site, schema) == [
        "content/offers/buurtwerk/kapot.yaml:3: Het bestand stopt te vroeg. Mist er een aanhalingsteken of haakje?",
        "content/providers/leeg.yaml:1: Het bestand is leeg.",
    ]


def test_unknown_provider_key_lists_what_is_allowed(site, schema):
    write_files(site, {"providers/buurtwerk.yaml": provider_yaml() + "kvk: 1234\n"})
    assert problems_in(site, schema) == [
        "content/providers/buurtwerk.yaml:8: kvk: Dit veld bestaat niet. Toegestane velden: id, name, description, website, email, phone, municipality, maintainers.",
    ]


def test_a_misspelled_key_is_not_also_reported_as_missing(site, schema):
    # "sumary" gets "Bedoel je 'summary'?"; a second message that summary is missing would point at line 1 for nothing.
    text = offer_yaml().replace("summary:", "sumary:")
    write_files(site, {"offers/buurtwerk/fietsen.yaml": text})
    assert problems_in(site, schema) == [
        "content/offers/buurtwerk/fietsen.yaml:4: sumary: Dit veld bestaat niet. Bedoel je 'summary'?",
    ]


def test_a_key_missing_without_a_lookalike_is_still_required(site, schema):
    text = offer_yaml(drop=("summary",)).replace("title:", "titel:")
    write_files(site, {"offers/buurtwerk/fietsen.yaml": text})
    assert problems_in(site, schema) == [
        "content/offers/buurtwerk/fietsen.yaml:1: summary: Dit veld is verplicht. Eén zin over het aanbod. Deze zin staat in de zoekresultaten.",
        "content/offers/buurtwerk/fietsen.yaml:3: titel: Dit veld bestaat niet. Bedoel je 'title'?",
    ]


def test_a_postcode_in_small_letters_is_accepted_and_published_in_capitals(site, schema):
    write_files(site, {"offers/buurtwerk/fietsen.yaml": offer_yaml(extra=LOCATION.replace("3562 JW", "3562 jw"))})
    validated, problems = validate_content(site, schema)
    assert problems == []
    assert validated.typed["locations"][0]["postcode"] == "3562 JW"


def test_a_postcode_in_another_shape_is_still_refused(site, schema):
    write_files(site, {"offers/buurtwerk/fietsen.yaml": offer_yaml(extra=LOCATION.replace("3562 JW", "3562jw"))})
    assert [line.split(": ", 2)[1] for line in problems_in(site, schema)] == ["locations[1].postcode"]



def test_the_tables_validated_in_several_processes_give_the_same_problems_and_rows(site, schema):
    """Frictionless validates the tables in groups, one process each (validation._frictionless_problems): the problems
    in an offer and in its nested locations, and the typed rows, are one process's."""
    write_files(site, {
        "offers/buurtwerk/kapot.yaml": offer_yaml("kapot", extra=LOCATION.replace("3562 JW", "35 JW"), cost_eur="-5"),
        "offers/buurtwerk/goed.yaml": offer_yaml("goed"),
    })
    alone, problems_alone = validate_content(site, schema, workers=1)
    together, problems_together = validate_content(site, schema, workers=2)
    assert alone is None and together is None and problems_together == problems_alone
    assert {problem.field for problem in problems_alone} >= {"cost_eur", "locations[1].postcode"}
    (site / "offers" / "buurtwerk" / "kapot.yaml").unlink()
    alone, _ = validate_content(site, schema, workers=1)
    together, _ = validate_content(site, schema, workers=2)
    assert alone is not None and together.typed == alone.typed and len(alone.typed["locations"]) == 2
