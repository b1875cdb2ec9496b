"""Command line: ``python -m aanbod validate | new | owners | codeowners | schemas``, and the upkeep commands
of issue 16 (``mention | reminders | verified | links``, in upkeep_cli.py).

A thin layer over the library: it reads options, calls one module, and turns problems and
errors into Dutch messages (text for people, JSON for programs, workflow commands for GitHub).
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from .contrib import availability_file, editor_schema, lookalikes, ownership, readability, scaffold
from . import forking, upkeep_cli
from .content import roles
from .contrib.annotations import annotation
from .contrib.freshness import Limits
from .content.history import build_today
from .content.loading import DEFAULT_MAX_BYTES
from .problems import Problem, plural, report
from .contrib.review import added_files, read_changed_list, review_changes
from .content.schema import SchemaError, load_schema
from .site.siteconfig import SettingsError, check_fork, load_settings
from .content.validation import validate_content

FORMATS = ("text", "json", "github")


class CommandError(Exception):
    """Stops a command with a message for the person who ran it."""


def _warning_line(problem: Problem) -> str:
    return Problem(problem.path, problem.line, problem.field, "let op: " + problem.message, problem.code).format()


def _print_findings(problems: list[Problem], warnings: list[Problem], output_format: str) -> None:
    """Problems and warnings in the chosen format; the closing summary is printed by the caller.

    JSON has every finding. For people (and GitHub annotations) a bulk change would print
    thousands of lookalikes, so the first ``lookalikes.LOG_LINES`` are shown and the rest counted.
    """
    if output_format == "json":
        findings = [problem.as_dict() for problem in problems] + [{**warning.as_dict(), "severity": "warning"} for warning in warnings]
        print(json.dumps(findings, ensure_ascii=False, indent=2))
        return
    similar = [warning for warning in warnings if warning.code == "lookalike"]
    hidden = similar[lookalikes.LOG_LINES:]
    if hidden:
        left_out = {id(warning) for warning in hidden}
        warnings = [warning for warning in warnings if id(warning) not in left_out]
    if output_format == "github":
        for problem in problems:
            print(annotation(problem, "error"))
        for warning in warnings:
            print(annotation(warning, "warning"))
    else:
        warned = {id(warning) for warning in warnings}
        for finding in sorted(problems + warnings):
            print(_warning_line(finding) if id(finding) in warned else finding.format())
    if hidden:
        print(f"En nog {plural(len(hidden), 'waarschuwing', 'waarschuwingen')} over aanbod dat op ander aanbod lijkt. "
              "Alles staat in `validate --format json`.")


def _summary(problems: list[Problem], warnings: list[Problem], ok: str) -> str:
    if problems:
        return report(problems)[-1]
    if warnings:
        return f"{ok} {plural(len(warnings), 'waarschuwing', 'waarschuwingen')}: kijk er even naar."
    return ok


def _today(args, settings: dict) -> date:
    if getattr(args, "today", None):
        try:
            return date.fromisoformat(args.today)
        except ValueError:
            raise CommandError(f"--today: '{args.today}' is geen datum. Schrijf jaar-maand-dag, zoals 2026-11-22.") from None
    return build_today(settings.get("AANBOD_TODAY"), Path(args.content))


def _changed(args) -> list[str] | None:
    if args.changed_list is None and args.changed is None:
        return None
    names = list(args.changed or [])
    if args.changed_list is not None:
        try:
            names += read_changed_list(Path(args.changed_list))
        except OSError as error:
            raise CommandError(f"--changed-list: {args.changed_list} kan niet worden gelezen ({error.strerror}).") from None
    return names


def validate(args) -> int:
    fork_problems = check_fork(Path(args.settings), Path(args.schema))
    if fork_problems:
        # The settings or the schema are broken: content cannot be judged against them.
        _print_findings(fork_problems, [], args.format)
        if args.format != "json":
            print(_summary(fork_problems, [], ""))
        return 1
    schema = load_schema(Path(args.schema))
    changed = _changed(args)
    if changed is not None:
        return _validate_changed(args, schema, changed)
    today = _today(args, load_settings(Path(args.settings)))
    validated, problems = validate_content(Path(args.content), schema, args.max_bytes, today, forking.available_cores())
    warnings = []
    if validated is not None:
        new = {path for path in added_files(Path(args.content))}
        sketches = lookalikes.sketches_from_rows(validated.rows)
        candidates = [sketch for sketch in sketches if Path(sketch.path).resolve() in new]
        warnings = lookalikes.find(candidates, sketches, roles.statuses(schema, roles.WITHDRAWN))
        warnings += readability.warnings(validated.rows, schema)
    _print_findings(problems, warnings, args.format)
    if args.format != "json":
        offers = len(validated.rows["offers"]) if validated else 0
        providers = len(validated.rows["providers"]) if validated else 0
        ok = f"Alles in orde: {plural(offers, 'aanbod-bestand', 'aanbod-bestanden')} van {plural(providers, 'aanbieder', 'aanbieders')} gecontroleerd."
        print(_summary(problems, warnings, ok))
    return 1 if problems else 0


def _validate_changed(args, schema, changed: list[str]) -> int:
    settings = load_settings(Path(args.settings))
    limits = Limits(_today(args, settings), settings["AANBOD_STALE_AFTER_MONTHS"], settings["AANBOD_EXPIRE_AFTER_MONTHS"])
    review = review_changes(Path(args.content), schema, changed, limits, args.max_bytes)
    _print_findings(review.problems, review.warnings, args.format)
    if args.format != "json":
        if not review.checked and not review.deleted:
            print("Er is geen aanbod of aanbieder veranderd: niets te controleren.")
        else:
            against = f"{plural(review.index.count('offers'), 'aanbod-bestand', 'aanbod-bestanden')} van {plural(review.index.count('providers'), 'aanbieder', 'aanbieders')}"
            ok = f"Alles in orde: {plural(len(review.checked), 'veranderd bestand', 'veranderde bestanden')} gecontroleerd, tegen {against}."
            print(_summary(review.problems, review.warnings, ok))
    return 1 if review.problems else 0


def new(args) -> int:
    schema = load_schema(Path(args.schema))
    settings = load_settings(Path(args.settings))
    given = {question.name: getattr(args, question.name, None) for question in scaffold.questions(schema)}

    def ask(prompt: str) -> str:
        print(prompt, end="", flush=True)
        answer = sys.stdin.readline()
        if not answer:
            print()
            raise EOFError
        return answer.rstrip("\n")

    interactive = None if args.no_questions else ask
    if interactive:
        print("Een nieuw aanbod. Beantwoord de vragen; Enter kiest het antwoord tussen [ ]. Stoppen: Ctrl+C.")
    try:
        # A new offer is verified on the day it is written, whatever the last commit's date.
        today = _today(args, settings) if args.today else date.today()
        offer = scaffold.create(Path(args.content), schema, given, interactive, print, today)
    except scaffold.ScaffoldError as error:
        print(str(error), file=sys.stderr)
        return 1
    print(f"Nieuw aanbod gemaakt: {offer.path}")
    print("Vul de rest in, controleer het met `make validate` en open een pull request.")
    return 0


def room(args) -> int:
    """One offer's availability into content/availability/<provider>.yaml, checked before it is written."""
    schema = load_schema(Path(args.schema))
    settings = load_settings(Path(args.settings))
    today = _today(args, settings) if args.today else date.today()
    values = {"availability": args.state, "free_places": args.plekken or "", "waiting_weeks": args.weken or "", "checked_on": args.datum or ""}
    try:
        written = availability_file.write(Path(args.content), schema, args.offer, values, today)
    except availability_file.AvailabilityError as error:
        raise CommandError(error.args[0][0].upper() + error.args[0][1:]) from None
    if written.problems:
        print("\n".join(report(written.problems)))
        print(f"Er is niets geschreven in {written.path}.")
        return 1
    print(f"Geschreven: {written.path}. Controleer het met `make validate` en open een pull request.")
    return 0


def owners(args) -> int:
    schema = load_schema(Path(args.schema))
    settings = load_settings(Path(args.settings))
    changed = _changed(args) or []
    layout = ownership.Layout.of(schema, settings["AANBOD_REPOSITORY_CONTENT"])
    base = ownership.maintainers(Path(args.base_content or args.content), schema)
    proposed = ownership.maintainers(Path(args.content), schema)
    result = ownership.check(args.author, changed, layout, base, proposed, _editors(settings))
    if args.format == "github":
        for problem in result.problems:
            print(annotation(problem, "error"))
        for notice in result.notices:
            print(annotation(notice, "notice"))
    else:
        for problem in result.problems:
            print(problem.format())
        for notice in result.notices:
            print(_warning_line(notice))
    if result.problems:
        print(f"{args.author} mag {plural(len(result.problems), 'bestand', 'bestanden')} niet veranderen.")
        return 1
    print(f"In orde: {args.author} mag {plural(len(dict.fromkeys(changed)), 'bestand', 'bestanden')} veranderen.")
    return 0


def _editors(settings: dict) -> list[str]:
    try:
        return ownership.editors(settings)
    except ownership.OwnershipError as error:
        raise CommandError(str(error)) from None


def codeowners(args) -> int:
    schema = load_schema(Path(args.schema))
    settings = load_settings(Path(args.settings))
    layout = ownership.Layout.of(schema, settings["AANBOD_REPOSITORY_CONTENT"])
    text = ownership.codeowners(layout, ownership.maintainers(Path(args.content), schema), _editors(settings))
    output = Path(args.output)
    if args.check:
        if output.exists() and output.read_text(encoding="utf-8") == text:
            print(f"{output} klopt met de maintainers van de aanbieders.")
            return 0
        message = f"{output} klopt niet meer met de maintainers van de aanbieders. Maak het opnieuw met `make codeowners`."
        print(annotation(Problem(str(output), 0, "", message)) if args.format == "github" else message)
        return 1
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    print(f"{output} geschreven.")
    return 0


def schemas(args) -> int:
    schema = load_schema(Path(args.schema))
    if args.check:
        stale = editor_schema.outdated(schema)
        for path in stale:
            print(f"{path} klopt niet meer met het schema. Maak het opnieuw met `make schemas`.")
        if not stale:
            print("De editor-schema's kloppen met het schema.")
        return 1 if stale else 0
    for path in editor_schema.write(schema):
        print(f"{path} geschreven.")
    return 0


def _common(command: argparse.ArgumentParser, content: bool = True) -> None:
    if content:
        command.add_argument("--content", default="content", help="map met providers/ en offers/ (standaard: content)")
    command.add_argument("--schema", default="schema", help="map met het schema (standaard: schema)")


def _settings_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--settings", default="pelicanconf.py", help="instellingen van de site (standaard: pelicanconf.py)")


def _changed_options(command: argparse.ArgumentParser, what: str) -> None:
    command.add_argument("--changed", nargs="*", metavar="BESTAND", help=f"{what}: deze bestanden (paden vanaf de map van de repository)")
    command.add_argument("--changed-list", metavar="LIJST", help=f"{what}: de bestanden in dit tekstbestand, één per regel (zoals git diff --name-only ze geeft)")


def build_parser(schema_folder: str = "schema") -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aanbod", description="Open Aanbod: controleer aanbod-bestanden en maak de site en open data.")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("validate", help="controleer alle bestanden in content/ tegen schema/ (of alleen de veranderde)")
    _common(check)
    _settings_option(check)
    check.add_argument("--format", choices=FORMATS, default="text", help="text voor mensen, json voor programma's, github voor meldingen in een pull request")
    check.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help=f"maximale grootte van één bestand (standaard: {DEFAULT_MAX_BYTES})")
    _changed_options(check, "controleer alleen de veranderde bestanden, tegen de rest")
    check.add_argument("--today", help="de datum van vandaag voor de controle op verouderd aanbod (standaard: de datum van de laatste commit)")
    check.set_defaults(handler=validate)

    create = commands.add_parser("new", help="maak een nieuw aanbod-bestand: stelt een paar vragen, of neemt de antwoorden als opties")
    _common(create)
    _settings_option(create)
    create.add_argument("--no-questions", action="store_true", help="stel geen vragen: alles moet als optie meekomen")
    create.add_argument("--today", help="de datum voor verified_on (standaard: vandaag)")
    try:
        questions = scaffold.questions(load_schema(Path(schema_folder)))
    except SchemaError:
        questions = []
    for question in questions:
        descriptor = question.descriptor
        create.add_argument(question.option, dest=question.name, metavar="WAARDE", help=descriptor.get("title", question.field))
    create.set_defaults(handler=new)

    room_command = commands.add_parser("beschikbaarheid", help="zeg of er plek is bij een aanbod: schrijft content/availability/<aanbieder>.yaml")
    _common(room_command)
    _settings_option(room_command)
    room_command.add_argument("offer", metavar="AANBOD", help="de code van het aanbod (de naam van het bestand, zonder .yaml)")
    room_command.add_argument("state", metavar="STAAT", help="plek, vol of wachtlijst")
    room_command.add_argument("--plekken", metavar="AANTAL", help="hoeveel plekken er vrij zijn (bij plek)")
    room_command.add_argument("--weken", metavar="AANTAL", help="hoeveel weken iemand ongeveer wacht (bij wachtlijst)")
    room_command.add_argument("--datum", metavar="DATUM", help="de dag waarop je keek, zoals 2026-11-20 (standaard: vandaag)")
    room_command.add_argument("--today", help="de datum van vandaag (standaard: de klok van deze computer)")
    room_command.set_defaults(handler=room)

    owners_check = commands.add_parser("owners", help="mag dit account deze bestanden veranderen? (maintainers van de aanbieders)")
    _common(owners_check)
    _settings_option(owners_check)
    owners_check.add_argument("--author", required=True, help="het GitHub-account dat de wijziging maakt")
    owners_check.add_argument("--base-content", help="de content-map van vóór de wijziging; daar staan de maintainers die tellen (standaard: --content)")
    owners_check.add_argument("--format", choices=("text", "github"), default="text")
    _changed_options(owners_check, "de veranderde bestanden")
    owners_check.set_defaults(handler=owners)

    owners_file = commands.add_parser("codeowners", help="schrijf .github/CODEOWNERS uit de maintainers van de aanbieders")
    _common(owners_file)
    _settings_option(owners_file)
    owners_file.add_argument("--output", default=".github/CODEOWNERS")
    owners_file.add_argument("--check", action="store_true", help="schrijf niets; meld of het bestand nog klopt")
    owners_file.add_argument("--format", choices=("text", "github"), default="text")
    owners_file.set_defaults(handler=codeowners)

    editor = commands.add_parser("schemas", help="schrijf de JSON Schema's voor editors in schema/editor/")
    _common(editor, content=False)
    editor.add_argument("--check", action="store_true", help="schrijf niets; meld of de bestanden nog kloppen")
    editor.set_defaults(handler=schemas)
    upkeep_cli.add_commands(commands, _common, _settings_option)
    return parser


def _schema_folder(argv: list[str]) -> str:
    early = argparse.ArgumentParser(add_help=False)
    early.add_argument("--schema", default="schema")
    known, _ = early.parse_known_args(argv)
    return known.schema


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = build_parser(_schema_folder(argv)).parse_args(argv)
    try:
        return args.handler(args)
    except SchemaError as error:
        print("\n".join(report(error.problems)), file=sys.stderr)
        return 2
    except SettingsError as error:
        print(f"De instellingen kloppen niet: {error}", file=sys.stderr)
        return 2
    except (CommandError, upkeep_cli.UpkeepError) as error:
        print(str(error), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("\nGestopt. Er is niets geschreven.", file=sys.stderr)
        return 130
