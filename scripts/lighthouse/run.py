"""Lighthouse (mobile) on the home, search and offer pages of a built site, served on 127.0.0.1,
in Debian's chromium. Prints the score per category and checks that no request left the machine.

    make lighthouse                                       # builds output/, installs Lighthouse here, runs this
    .venv/bin/python scripts/lighthouse/run.py --site output

Lighthouse is pinned in scripts/lighthouse/package.json and installed on demand into
scripts/lighthouse/node_modules; CI and `make test` never install it.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM_ARGS, serve  # noqa: E402

LIGHTHOUSE = HERE / "node_modules/.bin/lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# Besides the test flags: headless, and every host name but 127.0.0.1 resolves to nothing.
FLAGS = CHROMIUM_ARGS + ["--headless=new", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


def default_pages(site: Path) -> dict[str, str]:
    offer = sorted((site / "aanbod").glob("*/index.html"))[0].parent.name
    return {"home": "/", "zoeken": "/zoeken/?q=fietsen", "aanbod": f"/aanbod/{offer}/"}


def audit(url: str, report: Path, chromium: str) -> dict:
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={' '.join(FLAGS)}"]
    result = subprocess.run(command, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": chromium})
    if result.returncode:
        raise SystemExit(f"Lighthouse stopte met een fout voor {url}:\n{result.stderr[-2000:]}")
    return json.loads(report.read_text(encoding="utf-8"))


def foreign_requests(result: dict) -> list[str]:
    items = result["audits"].get("network-requests", {}).get("details", {}).get("items", [])
    return [item["url"] for item in items if urlparse(item["url"]).hostname not in ("127.0.0.1", None)
            and not item["url"].startswith("data:")]


def main() -> None:
    parser = argparse.ArgumentParser(description="Lighthouse scores for a built Open Aanbod site.")
    parser.add_argument("--site", type=Path, default=ROOT / "output", help="the built site (default: output/)")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--keep", type=Path, help="folder to keep the JSON reports in")
    arguments = parser.parse_args()
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is niet geïnstalleerd. Gebruik `make lighthouse`, of: npm ci --prefix scripts/lighthouse")
    if not (arguments.site / "index.html").exists():
        raise SystemExit(f"Geen gebouwde site in {arguments.site}. Draai eerst `make html`.")
    reports = arguments.keep or Path(tempfile.mkdtemp(prefix="lighthouse-"))
    reports.mkdir(parents=True, exist_ok=True)
    lowest = 100
    problems = []
    with serve(arguments.site) as base:
        print(f"{'pagina':10} " + " ".join(f"{name:>15}" for name in CATEGORIES))
        for name, path in default_pages(arguments.site).items():
            result = audit(base + path, reports / f"{name}.json", arguments.chromium)
            scores = {category: round(result["categories"][category]["score"] * 100) for category in CATEGORIES}
            lowest = min(lowest, *scores.values())
            print(f"{name:10} " + " ".join(f"{scores[category]:>15}" for category in CATEGORIES), flush=True)
            problems += [f"{name}: {url}" for url in foreign_requests(result)]
    print(f"\nRapporten: {reports}")
    if problems:
        raise SystemExit("Verzoeken naar een andere host:\n" + "\n".join(problems))
    print(f"Geen verzoek verliet 127.0.0.1. Laagste score: {lowest}.")


if __name__ == "__main__":
    main()
