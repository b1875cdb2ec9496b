"""Commands that keep the catalogue true (issue 16): ``mention``, ``reminders``, ``verified`` and ``links``.

Thin, like cli.py: each reads its options, calls one module and prints Dutch lines. The workflows call
exactly these, so everything they do also runs on a provider's or editor's own machine.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from .contrib import error_report, ownership, reminders, reverify
from .content.catalogue import read_catalogue
from .contrib.freshness import Limits
from .contrib.github_api import GitHub, GitHubError
from .content.loading import load_file
from .problems import plural, report
from .content.schema import load_schema
from .site.siteconfig import load_settings


class UpkeepError(Exception):
    """Stops a command with a message (cli.main prints it)."""


def _settings_and_schema(args):
    return load_settings(Path(args.settings)), load_schema(Path(args.schema))


def _github(repository: str) -> GitHub:
    try:
        return GitHub.from_environment(repository)
    except GitHubError as error:
        raise UpkeepError(str(error)) from None


def mention(args) -> int:
    """Print (and with --github post) the comment that tells a provider's maintainers about a report."""
    settings, schema = _settings_and_schema(args)
    try:
        issue_body = Path(args.body_file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UpkeepError(f"--body-file: {args.body_file} kan niet worden gelezen ({error}).") from None
    layout = ownership.Layout.of(schema, settings["AANBOD_REPOSITORY_CONTENT"])
    owners = ownership.maintainers(Path(args.content), schema)
    provider = error_report.provider_of(issue_body, layout)
    if provider not in owners:
        print("Dit is geen melding over een aanbieder in content/: niemand genoemd.")
        return 0
    name = _provider_name(Path(args.content), schema, provider)
    try:
        editors = ownership.editors(settings)
    except ownership.OwnershipError as error:
        raise UpkeepError(str(error)) from None
    text = error_report.mention(provider, name, owners[provider], editors)
    print(text)
    if args.github:
        if not (args.issue or "").isdigit():
            raise UpkeepError("--issue: geef het nummer van het issue, zoals 12.")
        github = _github(args.github)
        try:
            github.add_labels(int(args.issue), [error_report.LABEL, error_report.PROVIDER_LABEL.format(provider=provider)])
            github.comment(int(args.issue), text)
        except GitHubError as error:
            raise UpkeepError(str(error)) from None
    return 0


def _provider_name(content: Path, schema, provider: str) -> str:
    table = schema.grouping.owner
    document, _ = load_file(content / table.source["folder"] / f"{provider}.yaml")
    name = document.data.get("name") if document else None
    return name if isinstance(name, str) and name.strip() else provider


def _catalogue(args):
    catalogue, problems = read_catalogue(Path(args.content), Path(args.schema))
    if problems:
        raise UpkeepError("\n".join(report(problems)))
    return catalogue


def _day(args, settings) -> date:
    """--today, else the machine's date: reminders and verifying happen on a real day, not on the last commit's."""
    from .cli import _today

    return _today(args, settings) if args.today else date.today()


def _limits(args, settings) -> Limits:
    return Limits(_day(args, settings), settings["AANBOD_STALE_AFTER_MONTHS"], settings["AANBOD_EXPIRE_AFTER_MONTHS"])


def reminders_command(args) -> int:
    settings, schema = _settings_and_schema(args)
    limits = _limits(args, settings)
    catalogue = _catalogue(args)
    found = reminders.due(catalogue, limits, args.weeks)
    if args.links_report:
        from .contrib.links import read_report

        found = reminders.with_links(found, read_report(Path(args.links_report)))
    owners = ownership.maintainers(Path(args.content), schema)
    if args.format == "json":
        print(json.dumps([{"provider": item.provider, "offers": [
            {"id": due.offer_id, "file": due.path, "verified_on": due.verified_on.isoformat(), "state": due.state, "becomes": due.becomes, "on": due.on.isoformat()}
            for due in item.due]} for item in found if item.due], ensure_ascii=False, indent=2))
    else:
        for item in found:
            for due in item.due:
                print(f"{due.path}: verified_on {due.verified_on.isoformat()}: {reminders.describe(due)}")
        count = sum(len(item.due) for item in found)
        print(f"{plural(count, 'aanbod', 'aanbod')} van {plural(sum(1 for item in found if item.due), 'aanbieder', 'aanbieders')} "
              f"moet in de komende {args.weeks} weken opnieuw gecontroleerd worden." if count else
              f"Al het aanbod is over {args.weeks} weken nog actueel.")
    if args.github:
        github = _github(args.github)
        try:
            edit = _edit_url(settings, Path(args.content))
            actions = reminders.sync(github, found, lambda item: reminders.issue_text(item, owners.get(item.provider, []), limits, edit_url=edit))
        except GitHubError as error:
            raise UpkeepError(str(error)) from None
        for action in actions:
            print(f"Herinnering voor {action.provider}: issue #{action.number} {action.what}.")
    return 0


def _edit_url(settings: dict, content: Path):
    """A file's page in GitHub's editor, or None when the site names no repository."""
    repository = (settings["AANBOD_REPOSITORY_URL"] or "").rstrip("/")
    if not repository:
        return None
    branch = settings["AANBOD_REPOSITORY_BRANCH"]
    return lambda path: f"{repository}/edit/{branch}/{error_report.repository_path(path, content, settings['AANBOD_REPOSITORY_CONTENT'])}"


def verified(args) -> int:
    settings, schema = _settings_and_schema(args)
    today = _day(args, settings)
    folder = Path(args.content) / schema.grouping.table.source["folder"]
    try:
        changes = reverify.plan(folder, args.provider, args.offers, today)
    except reverify.ReverifyError as error:
        raise UpkeepError(str(error)) from None
    # The date of each chosen offer's entry in the provider's availability file: the merged field of type date.
    table = schema.grouping.table
    merged_dates = [key for key, field in table.merged_fields.items() if table.field(field).get("type") == "date"]
    if merged_dates:
        entries = reverify.plan_entries(Path(args.content) / table.merged["folder"] / f"{args.provider}.yaml", merged_dates[0],
                                        [change.path.stem for change in changes], today)
        changes += [entries] if entries else []
    written = reverify.apply(changes)
    for path in written:
        field = merged_dates[0] if path.parent.name == table.merged.get("folder") else reverify.FIELD
        print(f"{path}: {field} is nu {today.isoformat()}.")
    print(f"{plural(len(written), 'bestand', 'bestanden')} bijgewerkt; {len(changes) - len(written)} stond al op vandaag. "
          "Controleer met `make validate` en open een pull request." if written else "Niets veranderd: alles stond al op vandaag.")
    return 0


def links_command(args) -> int:
    """Check every website and e-mail domain; warnings only, so a site that is down for an hour blocks nothing."""
    from .contrib import links
    from .contrib.annotations import annotation
    from .cli import _warning_line
    from .content.validation import validate_content

    settings, schema = _settings_and_schema(args)
    today = _day(args, settings)
    validated, problems = validate_content(Path(args.content), schema)
    if validated is None or problems:
        raise UpkeepError("\n".join(report(problems)))
    found = links.targets(validated.rows, schema)
    checker = links.Checker(
        timeout=settings["AANBOD_LINKS_TIMEOUT"], interval=settings["AANBOD_LINKS_INTERVAL"],
        resolver=links.resolver(settings["AANBOD_DNS_SERVER"], settings["AANBOD_DNS_PORT"], settings["AANBOD_LINKS_TIMEOUT"]),
    )
    cache = links.Cache(Path(args.cache or settings["AANBOD_LINKS_CACHE"]))
    results = links.check_all(found, checker, cache, today, settings["AANBOD_LINKS_MAX_AGE_DAYS"])
    cache.save()
    links.write_report(Path(args.report or settings["AANBOD_LINKS_REPORT"]), found, results, today)
    warnings = links.problems(found, results)
    for warning in warnings:
        if args.format == "github":
            print(annotation(warning, "warning"))
        else:
            print(_warning_line(warning))
    checked = len({target.key for target in found})
    broken = sum(1 for warning in warnings if warning.code == "link")
    print(f"{plural(checked, 'website of e-maildomein', 'websites en e-maildomeinen')} gecontroleerd: "
          + (f"{plural(broken, 'plek', 'plekken')} met een link of adres dat niet werkt." if broken else "alles werkt."))
    return 0


def add_commands(commands, common, settings_option) -> None:
    """The subcommands of this module, added to cli.build_parser's ``commands``."""
    tell = commands.add_parser("mention", help="noem de maintainers van de aanbieder bij een melding 'Klopt er iets niet?'")
    common(tell)
    settings_option(tell)
    tell.add_argument("--body-file", required=True, metavar="BESTAND", help="de tekst van het issue")
    tell.add_argument("--github", metavar="EIGENAAR/NAAM", help="zet het bericht ook als reactie bij het issue (GITHUB_TOKEN, GITHUB_API_URL)")
    tell.add_argument("--issue", metavar="NUMMER", help="het nummer van het issue (met --github)")
    tell.set_defaults(handler=mention)

    remind = commands.add_parser("reminders", help="welk aanbod moet binnenkort opnieuw gecontroleerd worden, per aanbieder")
    common(remind)
    settings_option(remind)
    remind.add_argument("--today", help="de datum van vandaag (standaard: vandaag)")
    remind.add_argument("--weeks", type=int, default=reminders.WEEKS_AHEAD, help=f"hoeveel weken vooruit (standaard: {reminders.WEEKS_AHEAD})")
    remind.add_argument("--format", choices=("text", "json"), default="text")
    remind.add_argument("--github", metavar="EIGENAAR/NAAM", help="open, werk bij of sluit één issue per aanbieder (GITHUB_TOKEN, GITHUB_API_URL)")
    remind.add_argument("--links-report", metavar="BESTAND", help="zet ook de links en e-mailadressen uit dit rapport van `links` in de issues")
    remind.set_defaults(handler=reminders_command)

    again = commands.add_parser("verified", help="zet verified_on op vandaag voor aanbod van één aanbieder (alleen die regel)")
    common(again)
    settings_option(again)
    again.add_argument("--provider", required=True, help="de code van de aanbieder")
    again.add_argument("offers", nargs="*", metavar="AANBOD", help="de codes van het aanbod (standaard: al het aanbod van de aanbieder)")
    again.add_argument("--today", help="de datum die verified_on krijgt (standaard: vandaag)")
    again.set_defaults(handler=verified)

    check = commands.add_parser("links", help="controleer elke website en elk e-maildomein in content/ (waarschuwingen)")
    common(check)
    settings_option(check)
    check.add_argument("--format", choices=("text", "github"), default="text")
    check.add_argument("--cache", metavar="BESTAND", help="de cache met uitkomsten en datums (standaard: AANBOD_LINKS_CACHE)")
    check.add_argument("--report", metavar="BESTAND", help="het rapport voor de redactie (standaard: AANBOD_LINKS_REPORT)")
    check.add_argument("--today", help="de datum van vandaag (standaard: vandaag)")
    check.set_defaults(handler=links_command)
