"""Command line: ``python -m aanbod validate``. A thin layer over the library; errors become messages."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .catalogue import read_catalogue
from .loading import DEFAULT_MAX_BYTES
from .problems import plural, report
from .schema import SchemaError


def validate(args) -> int:
    try:
        catalogue, problems = read_catalogue(Path(args.content), Path(args.schema), args.max_bytes)
    except SchemaError as error:
        print(f"Het schema klopt niet: {error}", file=sys.stderr)
        return 2
    if args.format == "json":
        print(json.dumps([problem.as_dict() for problem in problems], ensure_ascii=False, indent=2))
        return 1 if problems else 0
    if problems:
        print("\n".join(report(problems)))
        return 1
    offers = len(catalogue.offers)
    providers = len(catalogue.providers)
    print(f"Alles in orde: {plural(offers, 'aanbod-bestand', 'aanbod-bestanden')} van {plural(providers, 'aanbieder', 'aanbieders')} gecontroleerd.")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="aanbod", description="Open Aanbod: controleer aanbod-bestanden en maak de site en open data.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="controleer alle bestanden in content/ tegen schema/")
    check.add_argument("--content", default="content", help="map met providers/ en offers/ (standaard: content)")
    check.add_argument("--schema", default="schema", help="map met het schema (standaard: schema)")
    check.add_argument("--format", choices=("text", "json"), default="text", help="text voor mensen, json voor programma's")
    check.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, help=f"maximale grootte van één bestand (standaard: {DEFAULT_MAX_BYTES})")
    check.set_defaults(handler=validate)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)
