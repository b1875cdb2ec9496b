"""Checks on a fork's settings (pelicanconf.py): misspelled or missing names, wrong types, paths outside output/.

Errors are Problems with the settings file, the line of the setting and its name; the build
and ``python -m aanbod validate`` report them like content problems. The expected type of
each setting is the type of its default in settings.py, so there is no second list of settings.
"""

from __future__ import annotations

import datetime
import difflib
import os
import re
from collections.abc import Iterable
from pathlib import Path

from .. import containment
from ..problems import Problem
from ..content.settings import DEFAULTS

# Who publishes the data: a fork that keeps Utrecht's would publish its open data under Utrecht's name.
REQUIRED = ("AANBOD_PUBLIC_URL", "AANBOD_PUBLISHER", "AANBOD_CONTACT")
# Keys each mapping setting needs.
MAPPING_KEYS = {"AANBOD_PUBLISHER": ("name", "uri"), "AANBOD_CONTACT": ("name", "email")}
# Settings whose default is None, or that also take a pathlib.Path: what else they accept.
ALSO_ACCEPTED = {
    "AANBOD_TODAY": (datetime.date, type(None)),
    "AANBOD_LOGO": (str, os.PathLike, type(None)),
    "AANBOD_REPOSITORY_ROOT": (str, os.PathLike, type(None)),
    "AANBOD_WORKERS": (int, type(None)),
    "AANBOD_SCHEMA_PATH": (str, os.PathLike),
    "AANBOD_CACHE_PATH": (str, os.PathLike, type(None)),
    "AANBOD_MAP_LIBRARY": (str, os.PathLike),
    "AANBOD_CONTRIBUTING_FILE": (str, os.PathLike),
    "AANBOD_LANGUAGES": (list, tuple),
    "AANBOD_EDITORS": (list, tuple),
    "AANBOD_LINKS_TIMEOUT": (int, float),
    "AANBOD_LINKS_INTERVAL": (int, float),
}
# What to write for a setting whose default (None) is no example.
EXAMPLES = {"AANBOD_TODAY": "date(2026, 11, 22)", "AANBOD_WORKERS": "2", "AANBOD_LOGO": "'theme/static/img/logo.svg'", "AANBOD_REPOSITORY_ROOT": "str(ROOT)"}
# Settings the theme reads that have no default: the tagline, and one per language (SITE_TAGLINE_EN).
THEME_SETTINGS = re.compile(r"SITE_TAGLINE(_[A-Z]{2,3})?|AUTHOR")
# Page paths with a placeholder: each must have it, or every offer would be written to one file.
PLACEHOLDERS = {"OFFER_SAVE_AS": ("id",), "PROVIDER_SAVE_AS": ("id",), "TERM_SAVE_AS": ("taxonomy", "code"),
                "TERM_PAGE_SAVE_AS": ("taxonomy", "code", "number")}
LANGUAGE = re.compile(r"[a-z]{2,3}")
TYPE_NAMES = {
    str: "tekst", int: "een heel getal", bool: "True of False", dict: "een woordenboek {...}", list: "een lijst [...]",
    tuple: "een tuple (...)", os.PathLike: "een Path", datetime.date: "een datum",
}


def check(settings: dict, source: str, known: Iterable[str] = ()) -> list[Problem]:
    """Every problem in ``settings`` as written in the file ``source`` (defaults not yet added).

    ``known`` holds the names Pelican itself reads; this module does not import Pelican.
    """
    lines = _setting_lines(source)
    known_names = set(DEFAULTS) | set(known)

    def problem(name: str, message: str) -> Problem:
        return Problem(source, lines.get(name, 0), name, message, code="settings")

    problems = [problem(name, f"deze instelling ontbreekt. Zet in {Path(source).name}: {name} = {DEFAULTS[name]!r}, met de gegevens van jouw gemeente.")
                for name in REQUIRED if name not in settings]
    for name in sorted(key for key in settings if key.isupper()):
        if name in known_names or THEME_SETTINGS.fullmatch(name):
            continue
        close = difflib.get_close_matches(name, sorted(known_names), n=1, cutoff=0.8)
        if close:
            problems.append(problem(name, f"deze instelling bestaat niet. Bedoel je {close[0]}?"))
        elif name.startswith("AANBOD_"):
            problems.append(problem(name, "deze instelling bestaat niet. De instellingen van Open Aanbod staan in aanbod/content/settings.py."))
    for name, default in DEFAULTS.items():
        if name in settings:
            message = _type_problem(name, settings[name], default)
            if message:
                problems.append(problem(name, message))
    problems += [problem(name, message) for name, message in _path_problems(settings)]
    return problems


def pelican_names(default_config: dict) -> set[str]:
    """Pelican's setting names, with the per-template ones it derives (CATEGORIES_SAVE_AS from 'categories')."""
    templates = {*default_config.get("DIRECT_TEMPLATES", ()), "index", "tags", "categories", "authors", "archives"}
    derived = {f"{template.upper()}_{suffix}" for template in templates for suffix in ("SAVE_AS", "URL")}
    return set(default_config) | derived


def _type_problem(name: str, value, default) -> str | None:
    accepted = ALSO_ACCEPTED.get(name, (type(default),))
    if isinstance(value, bool) and bool not in accepted or not isinstance(value, accepted):
        expected = " of ".join(TYPE_NAMES.get(kind, kind.__name__) for kind in accepted if kind is not type(None))
        empty = ", of None" if type(None) in accepted else ""
        return f"dit moet {expected} zijn, zoals {EXAMPLES.get(name, repr(default))}{empty}; nu staat er {value!r}."
    if isinstance(value, int) and not isinstance(value, bool) and value <= 0:
        return f"dit moet een getal groter dan 0 zijn, zoals {EXAMPLES.get(name, repr(default))}."
    if name in MAPPING_KEYS:
        missing = [key for key in MAPPING_KEYS[name] if not isinstance(value.get(key), str) or not value.get(key)]
        if missing:
            return f"hier ontbreekt {', '.join(missing)}. Schrijf bijvoorbeeld {default!r}."
    if isinstance(value, list | tuple) and not all(isinstance(item, str) for item in value):
        return f"dit moet een lijst met teksten zijn, zoals {default!r}."
    if isinstance(value, dict) and not all(isinstance(key, str) and isinstance(item, str) for key, item in value.items()) and name not in MAPPING_KEYS:
        return f"elke naam en waarde moet tekst zijn, zoals {default!r}."
    return None


def _path_problems(settings: dict):
    """Paths in the output folder from settings: relative, inside it, with the placeholders each page needs."""
    for name in containment.output_settings(settings):
        value = settings.get(name)
        if isinstance(value, str) and containment.escapes(value):
            yield name, f"'{value}' ligt buiten de map output/. Schrijf een pad binnen de site, zonder '..' en zonder / aan het begin, zoals {DEFAULTS.get(name, 'pagina/index.html')!r}."
    for name, fields in PLACEHOLDERS.items():
        value = settings.get(name)
        if not isinstance(value, str):
            continue
        written = {match.group(1) for match in re.finditer(r"\{(\w*)[^}]*\}", value)}
        if written - set(fields) or set(fields) - written:
            wanted = " en ".join("{" + field + "}" for field in fields)
            yield name, f"'{value}' moet {wanted} bevatten en geen andere namen tussen {{ }}, zoals {DEFAULTS[name]!r}."
    languages = settings.get("AANBOD_LANGUAGES")
    if isinstance(languages, list | tuple):
        for code in languages:
            if isinstance(code, str) and not LANGUAGE.fullmatch(code):
                yield "AANBOD_LANGUAGES", f"'{code}' is geen taalcode. Schrijf codes van 2 of 3 kleine letters, zoals ['nl', 'en']."
    folders = settings.get("AANBOD_LIST_PAGES")
    if isinstance(folders, dict):
        for taxonomy, folder in folders.items():
            if isinstance(folder, str) and (containment.escapes(folder) or not folder.strip("/. ")):
                yield "AANBOD_LIST_PAGES", f"de map '{folder}' voor {taxonomy} ligt buiten de site. Schrijf één woord, zoals 'wijk'."


def _setting_lines(source: str) -> dict[str, int]:
    """The line where each name is first assigned at the start of a line, for messages."""
    try:
        text = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    lines = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.match(r"([A-Z][A-Z0-9_]*)\s*(?::[^=]*)?=(?!=)", line)
        if match:
            lines.setdefault(match.group(1), number)
    return lines


def line_of(source: str, name: str) -> int:
    return _setting_lines(source).get(name, 0)


def check_against_schema(settings: dict, schema, source: str) -> list[Problem]:
    """Settings that name parts of the schema: each list page's taxonomy must exist."""
    problems, lines = [], _setting_lines(source)
    folders = settings.get("AANBOD_LIST_PAGES")
    if isinstance(folders, dict):
        for taxonomy in folders:
            if taxonomy not in schema.taxonomies:
                close = difflib.get_close_matches(str(taxonomy), list(schema.taxonomies), n=1)
                hint = f" Bedoel je '{close[0]}'?" if close else f" Kies uit: {', '.join(schema.taxonomies)}."
                problems.append(Problem(source, lines.get("AANBOD_LIST_PAGES", 0), "AANBOD_LIST_PAGES", f"de lijst '{taxonomy}' bestaat niet in het schema.{hint}", code="settings"))
    return problems
