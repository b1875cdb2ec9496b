"""Forking mistakes in pelicanconf.py and schema/: each one a single clear line with file, line and what to write.

Most checks run through ``siteconfig.check_fork``, as ``python -m aanbod validate`` does; the end
tests show that the command and the Pelican build both print them and stop without a traceback.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import ROOT, SCHEMA, messages, rewrite, schema_messages
from aanbod.content.schema import read_schema
from aanbod.site.siteconfig import check_fork

# A fork's settings file: the repository's own, then the lines a test adds (line 3 onwards).
SETTINGS_HEAD = (
    "import runpy\n"
    f"globals().update({{key: value for key, value in runpy.run_path({str(ROOT / 'pelicanconf.py')!r}).items() if key.isupper()}})\n"
)


def fork_settings(tmp_path, lines: str, name: str = "pelicanconf.py"):
    path = tmp_path / name
    path.write_text(SETTINGS_HEAD + lines, encoding="utf-8")
    return path


# --- Settings ---------------------------------------------------------------------------------


def test_the_repositorys_own_settings_and_schema_have_no_problems():
    assert check_fork(ROOT / "pelicanconf.py", SCHEMA) == []


def test_every_setting_that_defaults_to_none_says_what_else_it_takes():
    """The type check reads each setting's type from its default; None says nothing, so it must be declared."""
    from aanbod.content.settings import DEFAULTS
    from aanbod.site.settings_check import ALSO_ACCEPTED

    assert [name for name, value in DEFAULTS.items() if value is None and name not in ALSO_ACCEPTED] == []


def test_a_setting_that_defaults_to_none_takes_its_real_values(tmp_path):
    settings = fork_settings(tmp_path, "AANBOD_WORKERS = 2\nAANBOD_TODAY = None\n")
    assert check_fork(settings, SCHEMA) == []


# One wrong line in a fork's settings: one message on that line, naming the setting and what to write.
# A misspelled name names the close one:
MISSPELLED = [
    ('AANBOD_PUBLIK_URL = "https://aanbod.zwolle.example.nl"', "AANBOD_PUBLIK_URL: Deze instelling bestaat niet. Bedoel je AANBOD_PUBLIC_URL?"),
    ('OFER_SAVE_AS = "aanbod/{id}.html"', "OFER_SAVE_AS: Deze instelling bestaat niet. Bedoel je OFFER_SAVE_AS?"),
    ('SITENAM = "Open Aanbod Zwolle"', "SITENAM: Deze instelling bestaat niet. Bedoel je SITENAME?"),
    ('AANBOD_KLEUR_VAN_DE_KNOP = "rood"', "AANBOD_KLEUR_VAN_DE_KNOP: Deze instelling bestaat niet. De instellingen van Open Aanbod staan in aanbod/content/settings.py."),
]
# A value of the wrong type says what type, with an example:
WRONG_TYPE = [
    ('AANBOD_MAX_FILE_BYTES = "100000"', "AANBOD_MAX_FILE_BYTES: Dit moet een heel getal zijn, zoals 100000; nu staat er '100000'."),
    ("AANBOD_STALE_AFTER_MONTHS = 0", "AANBOD_STALE_AFTER_MONTHS: Dit moet een getal groter dan 0 zijn, zoals 6."),
    ('AANBOD_SEARCH_INDEX = "nee"', "AANBOD_SEARCH_INDEX: Dit moet True of False zijn, zoals True; nu staat er 'nee'."),
    ("AANBOD_EXAMPLE_DATA = 1", "AANBOD_EXAMPLE_DATA: Dit moet True of False zijn, zoals False; nu staat er 1."),
    ('AANBOD_LANGUAGES = "nl"', "AANBOD_LANGUAGES: Dit moet een lijst [...] of een tuple (...) zijn, zoals ['nl', 'en']; nu staat er 'nl'."),
    ('AANBOD_EDITORS = ["redactie", 7]', "AANBOD_EDITORS: Dit moet een lijst met teksten zijn, zoals []."),
    ('AANBOD_TODAY = "2026-11-22"', "AANBOD_TODAY: Dit moet een datum zijn, zoals date(2026, 11, 22), of None; nu staat er '2026-11-22'."),
    ('AANBOD_PUBLISHER = {"name": "Gemeente Zwolle"}', "AANBOD_PUBLISHER: Hier ontbreekt uri. Schrijf bijvoorbeeld "
     "{'name': 'Gemeente Utrecht', 'uri': 'http://standaarden.overheid.nl/owms/terms/Utrecht_(gemeente)'}."),
    ('AANBOD_LIST_PAGES = {"kinds": 1}', "AANBOD_LIST_PAGES: Elke naam en waarde moet tekst zijn, zoals "
     "{'kinds': 'soort', 'wijken': 'wijk', 'municipalities': 'gemeente', 'target_groups': 'doelgroep'}."),
]
# A path outside output/ (or a pattern without its names) is refused with a path that fits:
OUTSIDE_OUTPUT = [
    ('OFFER_SAVE_AS = "../{id}/index.html"', "OFFER_SAVE_AS: '../{id}/index.html' ligt buiten de map output/. Schrijf een pad binnen de site, "
     "zonder '..' en zonder / aan het begin, zoals 'aanbod/{id}/index.html'."),
    ('AANBOD_DATA_DIR = "/tmp/data"', "AANBOD_DATA_DIR: '/tmp/data' ligt buiten de map output/. Schrijf een pad binnen de site, "
     "zonder '..' en zonder / aan het begin, zoals 'data'."),
    ('FRESHNESS_CSV = "redactie/../../actualiteit.csv"', "FRESHNESS_CSV: 'redactie/../../actualiteit.csv' ligt buiten de map output/. "
     "Schrijf een pad binnen de site, zonder '..' en zonder / aan het begin, zoals 'redactie/actualiteit.csv'."),
    ('PAGE_SAVE_AS = "..\\\\{slug}.html"', "PAGE_SAVE_AS: '..\\{slug}.html' ligt buiten de map output/. Schrijf een pad binnen de site, "
     "zonder '..' en zonder / aan het begin, zoals 'pagina/index.html'."),
    ('OFFER_SAVE_AS = "aanbod/index.html"', "OFFER_SAVE_AS: 'aanbod/index.html' moet {id} bevatten en geen andere namen tussen { }, zoals 'aanbod/{id}/index.html'."),
    ('TERM_SAVE_AS = "{taxonomy}/{slug}.html"', "TERM_SAVE_AS: '{taxonomy}/{slug}.html' moet {taxonomy} en {code} bevatten en geen andere namen tussen { }, "
     "zoals '{taxonomy}/{code}/index.html'."),
    ('TERM_PAGE_SAVE_AS = "{taxonomy}/{code}/2/index.html"', "TERM_PAGE_SAVE_AS: '{taxonomy}/{code}/2/index.html' moet {taxonomy} en {code} "
     "en {number} bevatten en geen andere namen tussen { }, zoals '{taxonomy}/{code}/pagina/{number}/index.html'."),
    ("AANBOD_LIST_PAGE_SIZE = 0", "AANBOD_LIST_PAGE_SIZE: Dit moet een getal groter dan 0 zijn, zoals 50."),
    ('AANBOD_LANGUAGES = ["nl", "../en"]', "AANBOD_LANGUAGES: '../en' is geen taalcode. Schrijf codes van 2 of 3 kleine letters, zoals ['nl', 'en']."),
    ('AANBOD_LIST_PAGES = {"kinds": "../soort"}', "AANBOD_LIST_PAGES: De map '../soort' voor kinds ligt buiten de site. Schrijf één woord, zoals 'wijk'."),
]
# A list page must name a taxonomy of the schema:
UNKNOWN_LIST = [
    ('AANBOD_LIST_PAGES = {"wijk": "wijk"}', "AANBOD_LIST_PAGES: De lijst 'wijk' bestaat niet in het schema. Bedoel je 'wijken'?"),
]


@pytest.mark.parametrize("line, expected", MISSPELLED + WRONG_TYPE + OUTSIDE_OUTPUT + UNKNOWN_LIST)
def test_a_wrong_setting_is_one_message_on_its_line(tmp_path, line, expected):
    path = fork_settings(tmp_path, line + "\n")
    assert messages(check_fork(path, SCHEMA)) == [f"{path}:3: {expected}"]


def test_a_helper_name_that_resembles_no_setting_is_left_alone(tmp_path):
    path = fork_settings(tmp_path, 'HERE = "x"\nMY_COLOURS = ["#000"]\n')
    assert check_fork(path, SCHEMA) == []


def test_a_missing_publisher_is_named(tmp_path):
    path = tmp_path / "pelicanconf.py"
    text = (ROOT / "pelicanconf.py").read_text(encoding="utf-8")
    path.write_text("\n".join(line for line in text.splitlines() if not line.startswith("AANBOD_PUBLISHER")) + "\n", encoding="utf-8")
    assert messages(check_fork(path, SCHEMA)) == [
        f"{path}: AANBOD_PUBLISHER: Deze instelling ontbreekt. Zet in pelicanconf.py: AANBOD_PUBLISHER = "
        "{'name': 'Gemeente Utrecht', 'uri': 'http://standaarden.overheid.nl/owms/terms/Utrecht_(gemeente)'}, met de gegevens van jouw gemeente."
    ]


def test_a_logo_outside_the_repository_is_refused(tmp_path):
    repository = tmp_path / "fork"
    repository.mkdir()
    (tmp_path / "secret.svg").write_text("<svg/>", encoding="utf-8")
    path = fork_settings(repository, f"AANBOD_LOGO = {str(tmp_path / 'secret.svg')!r}\n")
    assert messages(check_fork(path, SCHEMA)) == [
        f"{path}:3: AANBOD_LOGO: {tmp_path / 'secret.svg'} ligt buiten de repository. Zet het bestand in de repository, bijvoorbeeld in theme/static/img/."
    ]


def test_a_logo_that_links_out_of_the_repository_is_refused(tmp_path):
    repository = tmp_path / "fork"
    repository.mkdir()
    (tmp_path / "secret.svg").write_text("<svg/>", encoding="utf-8")
    (repository / "logo.svg").symlink_to(tmp_path / "secret.svg")
    path = fork_settings(repository, f"AANBOD_LOGO = {str(repository / 'logo.svg')!r}\n")
    assert [problem.field for problem in check_fork(path, SCHEMA)] == ["AANBOD_LOGO"]


def test_without_a_settings_file_only_the_schema_is_checked(tmp_path, schema_copy):
    assert check_fork(tmp_path / "geen-instellingen.py", SCHEMA) == []
    (schema_copy / "taxonomies/sectors.csv").write_text("code,label\nhoreca,Horeca\nhoreca,Koken\n", encoding="utf-8")
    assert [problem.field for problem in check_fork(tmp_path / "geen-instellingen.py", schema_copy)] == ["code"]


# --- Schema -----------------------------------------------------------------------------------


# A taxonomy file written wrong: one message per problem, on its line, saying what to write.
TAXONOMY_FILES = [
    pytest.param("sectors.csv", "code,naam\nhoreca,Horeca\n", [
        ":1: De kolom 'label' ontbreekt. De eerste regel moet de kolommen noemen, zoals: code,label",
    ], id="no-label-column"),
    pytest.param("sectors.csv", "code,label\nhoreca,Horeca\ngroen,Groen\nhoreca,Koken\n,Zorg\n", [
        ":4: code: De code 'horeca' staat er al op regel 2. Geef elke waarde een eigen code.",
        ":5: code: De code is leeg. Schrijf een korte code met kleine letters, zoals 'tuinieren'.",
    ], id="duplicate-and-empty-code"),
    pytest.param("sectors.csv", "code,label\nhoreca,Horeca, en koken\n", [
        ":2: Deze regel heeft 3 waarden, maar er zijn 2 kolommen (code,label). Zet tekst met een komma tussen aanhalingstekens.",
    ], id="too-many-values"),
    # A short row leaves its last columns empty, but a label it needs.
    pytest.param("sectors.csv", "code,label,label_en\nvisserij,Visserij\nbakken\n", [
        ":3: label: Het label van 'bakken' is leeg. Schrijf de naam zoals bewoners die lezen.",
    ], id="short-row-without-label"),
    pytest.param("target_groups.csv", "code,label\n../../etc,Iedereen\n", [
        ":2: code: '../../etc' kan geen code zijn: een code wordt een deel van een adres. "
        "Gebruik kleine letters, cijfers en streepjes, zoals 'de-bilt'.",
    ], id="code-leaving-its-folder"),
    pytest.param("subtypes.csv", "code,label\ncursus,Cursus\n", [
        ":1: De kolom 'kind' ontbreekt. Zet op de eerste regel code,label,kind en vul per regel de kind in waar de waarde bij hoort.",
    ], id="no-kind-column"),
    # The role columns (aanbod/content/roles.py) are guarded like the others.
    pytest.param("statuses.csv", "code,label\nactief,Actief\n", [
        ":1: De kolom 'role' ontbreekt. Zet op de eerste regel code,label,role en vul per regel de role in, zoals 'published'.",
    ], id="no-role-column"),
]


@pytest.mark.parametrize("name, text, expected", TAXONOMY_FILES)
def test_a_taxonomy_file_written_wrong(schema_copy, name, text, expected):
    path = schema_copy / "taxonomies" / name
    path.write_text(text, encoding="utf-8")
    assert schema_messages(schema_copy) == [f"{path}{message}" for message in expected]


def test_a_wijk_in_a_municipality_that_does_not_exist(schema_copy):
    wijken = schema_copy / "taxonomies/wijken.csv"
    rewrite(wijken, "overvecht,utrecht", "overvecht,utrech")
    municipalities = ", ".join(read_schema(SCHEMA)[0].taxonomies["municipalities"].codes)
    assert schema_messages(schema_copy) == [
        f"{wijken}:4: municipality: 'utrech' staat niet in municipalities.csv. Kies een code uit municipalities.csv: {municipalities}."
    ]


def test_a_subtype_of_a_kind_that_does_not_exist(schema_copy):
    subtypes = schema_copy / "taxonomies/subtypes.csv"
    rewrite(subtypes, "cursus,leren", "cursus,leeren")
    assert schema_messages(schema_copy) == [
        f"{subtypes}:6: kind: 'leeren' staat niet in kinds.csv. Kies een code uit kinds.csv: werk, leren, doen."
    ]


def test_a_field_naming_an_unknown_taxonomy(schema_copy):
    offers = schema_copy / "offers.schema.json"
    text = offers.read_text(encoding="utf-8")
    offers.write_text(text.replace('"taxonomy": "sectors"', '"taxonomy": "sector"'), encoding="utf-8")
    line = next(number for number, row in enumerate(offers.read_text(encoding="utf-8").splitlines(), start=1) if '"sector"' in row)
    [message] = schema_messages(schema_copy)
    assert message.startswith(f"{offers}:{line}: offers.sectors: De lijst 'sector' bestaat niet (bedoel je 'sectors'?). Maak taxonomies/sector.csv of kies uit: accessibility, availability, days, ")


def test_a_datapackage_that_is_not_json_gives_its_line(schema_copy):
    package = schema_copy / "datapackage.json"
    lines = package.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].rstrip(",")  # a forgotten comma after "version"
    package.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert schema_messages(schema_copy) == [
        f"{package}:4: Dit is geen geldige JSON: Expecting ',' delimiter (kolom 3). Kijk naar komma's, aanhalingstekens en haakjes op deze regel of de regel ervoor."
    ]


def test_a_table_schema_that_is_not_json(schema_copy):
    offers = schema_copy / "offers.schema.json"
    offers.write_text(offers.read_text(encoding="utf-8").replace('"fields": [', '"fields": [[', 1), encoding="utf-8")
    [message] = schema_messages(schema_copy)
    assert message.startswith(f"{offers}:") and ": Dit is geen geldige JSON: " in message


def test_an_id_pattern_that_allows_paths(schema_copy):
    offers = schema_copy / "offers.schema.json"
    offers.write_text(offers.read_text(encoding="utf-8").replace('"pattern": "[a-z0-9]+(-[a-z0-9]+)*", "maxLength": 80', '"pattern": ".+", "maxLength": 80'), encoding="utf-8")
    assert schema_messages(schema_copy) == [
        f"{offers}: offers.id: Een id wordt een bestandsnaam, maar het patroon laat '.', '..', 'a/b', 'a\\\\b', '/a', ' a' toe. "
        "Gebruik bijvoorbeeld \"pattern\": \"[a-z0-9]+(-[a-z0-9]+)*\"."
    ]


def test_a_region_without_wijken_keeps_only_the_header(schema_copy):
    (schema_copy / "taxonomies/wijken.csv").write_text("code,municipality,label\n", encoding="utf-8")
    schema, problems = read_schema(schema_copy)
    assert problems == [] and schema.taxonomies["wijken"].terms == ()


def test_every_schema_problem_is_reported_at_once(schema_copy):
    (schema_copy / "taxonomies/sectors.csv").write_text("code,label\nhoreca,Horeca\nhoreca,Koken\n", encoding="utf-8")
    (schema_copy / "taxonomies/languages.csv").write_text("code\nnl\n", encoding="utf-8")
    assert len(schema_messages(schema_copy)) == 2


# --- At the edge: the command and the build -----------------------------------------------------


def test_validate_prints_fork_problems_and_exits_1(tmp_path, schema_copy):
    settings = fork_settings(tmp_path, 'AANBOD_PUBLIK_URL = "https://x.example.nl"\n')
    result = subprocess.run([sys.executable, "-m", "aanbod", "validate", "--settings", str(settings), "--schema", str(schema_copy)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    assert result.stdout == (
        f"{settings}:3: AANBOD_PUBLIK_URL: Deze instelling bestaat niet. Bedoel je AANBOD_PUBLIC_URL?\n"
        "1 probleem in 1 bestand. Los het op en probeer het opnieuw.\n"
    )
    assert result.stderr == ""


def test_validate_reports_a_schema_problem_as_json(tmp_path, schema_copy):
    (schema_copy / "taxonomies/sectors.csv").write_text("code,label\nhoreca,Horeca\nhoreca,Koken\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "aanbod", "validate", "--schema", str(schema_copy), "--format", "json"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    [problem] = json.loads(result.stdout)
    assert (problem["path"], problem["line"], problem["field"], problem["code"]) == (str(schema_copy / "taxonomies/sectors.csv"), 3, "code", "schema")


def build(content, output, settings):
    command = [str((ROOT / ".venv/bin/pelican")), str(content), "--settings", str(settings), "--output", str(output), "--fatal", "errors"]
    return subprocess.run(command, capture_output=True, text=True, cwd=ROOT)


def test_the_build_stops_on_a_settings_problem_before_writing(tmp_path):
    settings = fork_settings(tmp_path, 'AANBOD_DATA_DIR = "../data"\n')
    result = build(ROOT / "content", tmp_path / "output", settings)
    assert result.returncode == 1
    assert result.stderr == (
        f"{settings}:3: AANBOD_DATA_DIR: '../data' ligt buiten de map output/. Schrijf een pad binnen de site, zonder '..' en zonder / aan het begin, zoals 'data'.\n"
        "1 probleem in 1 bestand. Los het op en probeer het opnieuw.\n"
    )
    assert not (tmp_path / "output").exists() and not (tmp_path / "data").exists()


def test_the_build_stops_on_a_schema_problem(tmp_path, schema_copy):
    wijken = schema_copy / "taxonomies/wijken.csv"
    wijken.write_text("code,municipality,label\nwest,utrecht,West\nwest,utrecht,West\n", encoding="utf-8")
    settings = fork_settings(tmp_path, f"AANBOD_SCHEMA_PATH = {str(schema_copy)!r}\n")
    result = build(ROOT / "content", tmp_path / "output", settings)
    assert result.returncode == 1
    assert result.stderr == (
        f"{wijken}:3: code: De code 'west' staat er al op regel 2. Geef elke waarde een eigen code.\n"
        "1 probleem in 1 bestand. Los het op en probeer het opnieuw.\n"
    )
    assert "Traceback" not in result.stdout


def test_pelicans_setting_names_are_read_from_its_source_as_importing_it_gives_them():
    """The check reads Pelican's DEFAULT_CONFIG as text (importing Pelican would cost a pull request's check 0.14 s)."""
    from pelican.settings import DEFAULT_CONFIG
    from aanbod.site import settings_check, siteconfig

    read = siteconfig.pelican_defaults()
    assert set(read) == set(DEFAULT_CONFIG)
    assert read["DIRECT_TEMPLATES"] == DEFAULT_CONFIG["DIRECT_TEMPLATES"]
    assert siteconfig.pelican_setting_names() == settings_check.pelican_names(DEFAULT_CONFIG)
    code = "import sys; from aanbod.site import siteconfig; siteconfig.pelican_setting_names(); print('pelican' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "False"
