"""Does a bulk change of near-identical offers cost what a bulk change of distinct offers costs?

    .venv/bin/python scripts/bench_lookalikes.py --offers 10000           # validate and build both
    .venv/bin/python scripts/bench_lookalikes.py --offers 10000 --no-build

Writes two synthetic catalogues (scripts/synthetic_catalogue.py) of N offers each, every offer
new (untracked in a fresh git repository, as in a pull request that adds them all):

- distinct: each offer its own title and address, as a region with many different activities
  ("Koken", "Fietsen repareren in Zuilen"); a quarter carry a number ("Koken groep 2");
- lookalike: a region migrating copies: ten providers, twenty activities written three ways
  ("Koken in de buurthuis", "Koken in het buurthuis", "Koken in de buurthuis!"), five addresses.
  Nearly every offer looks like hundreds of others.

For each it times `python -m aanbod validate --format json` (every warning) and the text output,
then `pelican` without the search index (the index does not look at lookalikes), and prints the
number of lookalike warnings, the log lines and the seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic_catalogue import ACTIVITIES, PLACES, STREETS, write_catalogue  # noqa: E402

WIJKEN = ["Overvecht", "Zuilen", "Kanaleneiland", "Lunetten", "Hoograven", "Leidsche Rijn", "Vleuten", "Tuindorp"]
ADDRESSES = [("Zamenhofdreef 30", "3562 JW"), ("Kerkweg 12", "3511 AB"), ("Molenweg 7", "3512 CD"),
             ("Parklaan 101", "3513 EF"), ("Julianaweg 3", "3514 GH")]


def _set(text: str, field: str, value: str) -> str:
    """Replace the first line ``field: ...`` (top level or in the first location)."""
    return re.sub(rf"^(\s*(?:- )?){field}: .*$", lambda match: f"{match.group(1)}{field}: {value}", text, count=1, flags=re.MULTILINE)


def distinct(text: str, index: int, offers: int) -> str:
    providers = max(1, offers // 25)  # as synthetic_catalogue.py deals offers out: index % providers
    provider, nth = index % providers, index // providers
    title = ACTIVITIES[nth % len(ACTIVITIES)].capitalize()
    if nth >= len(ACTIVITIES):
        title += f" in {WIJKEN[(nth + provider) % len(WIJKEN)]}"
    if index % 4 == 0:
        title += f" groep {nth % 3 + 1}"
    text = _set(text, "title", title)
    return _set(_set(text, "street_address", f"{STREETS[index % len(STREETS)]} {index // len(STREETS) + 1}"),
                "postcode", f"{3500 + index % 100} {chr(65 + index // 100 % 26)}{chr(65 + index // 2600 % 26)}")


def lookalike(text: str, index: int, offers: int) -> str:
    activity = ACTIVITIES[index % len(ACTIVITIES)].capitalize()
    place = PLACES[index % len(PLACES)]
    title = [f"{activity} in de {place}", f"{activity} in het {place}", f"{activity} in de {place}!"][index % 3]
    street, postcode = ADDRESSES[index % len(ADDRESSES)]
    text = _set(_set(_set(text, "title", title), "street_address", street), "postcode", postcode)
    return _set(text, "provider", f"aanbieder-{index % 10:04d}")


def make(folder: Path, offers: int, variant) -> Path:
    content = write_catalogue(folder / "content", offers)
    for path in sorted((content / "offers").rglob("*.yaml")):
        index = int(path.stem.rsplit("-", 1)[1])
        text = variant(path.read_text(encoding="utf-8"), index, offers)
        provider = re.search(r"^provider: (.*)$", text, re.MULTILINE).group(1)
        target = content / "offers" / provider / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        path.unlink()
        target.write_text(text, encoding="utf-8")
    for folder_path in (content / "offers").iterdir():
        if not any(folder_path.iterdir()):
            folder_path.rmdir()
    environment = {**os.environ, "GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.nl",
                   "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.nl"}
    for command in (["init", "-q"], ["add", "content/providers"], ["commit", "-q", "-m", "aanbieders"]):
        subprocess.run(["git", "-C", str(folder), *command], check=True, capture_output=True, env=environment)
    return content


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env={**os.environ, "COLUMNS": "400"})
    return time.perf_counter() - start, result


def measure(content: Path, output: Path, build: bool) -> dict:
    python = str(ROOT / ".venv/bin/python")
    seconds_json, result = timed([python, "-m", "aanbod", "validate", "--content", str(content), "--format", "json"])
    if result.returncode:
        raise SystemExit(result.stdout[-2000:] + result.stderr[-2000:])
    found = json.loads(result.stdout)
    row = {
        "warnings": sum(1 for finding in found if finding["code"] == "lookalike"),
        "validate_json_s": round(seconds_json, 1),
    }
    seconds_text, result = timed([python, "-m", "aanbod", "validate", "--content", str(content)])
    row.update(validate_text_s=round(seconds_text, 1), validate_text_lines=len(result.stdout.splitlines()))
    if build:
        settings = output.parent / "bench-settings.py"
        settings.write_text(f"import runpy\nglobals().update({{k: v for k, v in runpy.run_path({str(ROOT / 'pelicanconf.py')!r}).items() if k.isupper()}})\n"
                            "AANBOD_SEARCH_INDEX = False\n", encoding="utf-8")
        seconds, result = timed([str(ROOT / ".venv/bin/pelican"), str(content), "--settings", str(settings),
                                 "--output", str(output), "--delete-output-directory", "--fatal", "errors"])
        if result.returncode:
            raise SystemExit(result.stdout[-2000:] + result.stderr[-2000:])
        log = result.stdout + result.stderr
        report = output / "redactie" / "lijkt-op.csv"
        row.update(build_s=round(seconds, 1), build_log_lines=len(log.splitlines()),
                   report_rows=len(report.read_text(encoding="utf-8").splitlines()) - 1)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offers", type=int, default=10000, help="offers in each catalogue (default 10000)")
    parser.add_argument("--no-build", action="store_true", help="only validate")
    args = parser.parse_args()
    rows = {}
    with tempfile.TemporaryDirectory(prefix="bench-lookalikes-") as temporary:
        for name, variant in (("distinct", distinct), ("lookalike", lookalike)):
            folder = Path(temporary) / name
            content = make(folder, args.offers, variant)
            rows[name] = measure(content, folder / "output", not args.no_build)
            print(name, rows[name], file=sys.stderr)
    print(json.dumps({"offers": args.offers, **rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
