"""What a phone downloads per page type: HTML plus the CSS and JavaScript the page loads, raw and
gzipped, and the "Mijn lijstje" data files. The search index is not counted (it loads per query).

    .venv/bin/python scripts/bench_pages.py                 # builds content/ into a temp folder
    .venv/bin/python scripts/bench_pages.py --site output   # measures an existing build
    .venv/bin/python scripts/bench_pages.py --offers 2000   # a synthetic catalogue of 2000 offers
    .venv/bin/python scripts/bench_pages.py --layout-shift  # also measure layout shift in chromium

The budget (issue 6): an offer page transfers under 50 KB.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

BUDGET = 50 * 1024


def sizes(data: bytes) -> tuple[int, int]:
    return len(data), len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(site: Path, page: Path) -> dict:
    """HTML plus every local stylesheet and script it loads, raw and gzipped."""
    html = page.read_bytes()
    document = BeautifulSoup(html, "html.parser")
    assets = [link["href"] for link in document.select("link[rel~=stylesheet][href]")] + [script["src"] for script in document.select("script[src]")]
    files = {"html": html}
    for url in assets:
        if url.startswith(("http:", "https:", "//")):
            raise SystemExit(f"{page}: loads {url} from another host")
        files[url] = (site / url.lstrip("/")).read_bytes()
    raw = sum(sizes(data)[0] for data in files.values())
    zipped = sum(sizes(data)[1] for data in files.values())
    return {"files": len(files), "html_raw": len(html), "raw": raw, "gzip": zipped}


def representative_pages(site: Path) -> dict[str, list[Path]]:
    groups = {
        "home": [site / "index.html"],
        "zoeken": [site / "zoeken/index.html"],
        "lijstje": [site / "lijstje/index.html"],
        "data": [site / "data/index.html"],
        "aanbieders": [site / "aanbieders/index.html"],
        "404": [site / "404.html"],
        "aanbod": sorted((site / "aanbod").glob("*/index.html")),
        "aanbieder": sorted(path for path in (site / "aanbieders").glob("*/index.html")),
        "lijst (soort/wijk/gemeente/doelgroep)": sorted(path for folder in ("soort", "wijk", "gemeente", "doelgroep") for path in (site / folder).glob("*/index.html")),
    }
    return {name: [path for path in paths if path.exists()] for name, paths in groups.items() if any(path.exists() for path in paths)}


def report(site: Path) -> dict:
    rows = {}
    for name, pages in representative_pages(site).items():
        weights = [page_weight(site, page) for page in pages]
        largest = max(weights, key=lambda weight: weight["gzip"])
        rows[name] = {
            "pages": len(pages),
            "median_gzip": int(statistics.median(weight["gzip"] for weight in weights)),
            "largest_gzip": largest["gzip"],
            "largest_raw": largest["raw"],
            "files": largest["files"],
        }
    buckets = sorted((site / "lijstje").glob("aanbod-*.json"))
    bucket_sizes = [sizes(path.read_bytes()) for path in buckets]
    rows["lijstje data (per bestand)"] = {
        "pages": len(buckets),
        "median_gzip": int(statistics.median(zipped for _, zipped in bucket_sizes)) if bucket_sizes else 0,
        "largest_gzip": max((zipped for _, zipped in bucket_sizes), default=0),
        "largest_raw": max((raw for raw, _ in bucket_sizes), default=0),
        "files": 1,
    }
    return rows


def layout_shift(site: Path, paths: list[str]) -> dict[str, float]:
    """Cumulative layout shift while each page loads, in Debian's chromium."""
    from browser import browser_page, serve

    script = """window.__cls = 0; new PerformanceObserver(list => list.getEntries().forEach(entry => {
        if (!entry.hadRecentInput) window.__cls += entry.value; })).observe({type: "layout-shift", buffered: true});"""
    results = {}
    with serve(site) as url, browser_page("/usr/bin/chromium") as page:
        page.add_init_script(script)
        for path in paths:
            page.goto(url + path, wait_until="load")
            page.wait_for_timeout(1000)
            results[path] = page.evaluate("window.__cls")
    return results


def build(content: Path, output: Path) -> None:
    command = [str(ROOT / ".venv/bin/pelican"), str(content), "--settings", str(ROOT / "pelicanconf.py"),
               "--output", str(output), "--delete-output-directory", "--fatal", "errors"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if result.returncode:
        raise SystemExit(result.stdout + result.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build content/ first)")
    parser.add_argument("--offers", type=int, help="measure a synthetic catalogue of this many offers instead")
    parser.add_argument("--layout-shift", action="store_true", help="also measure layout shift in chromium")
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as temporary:
        site = arguments.site
        if site is None:
            content = ROOT / "content"
            if arguments.offers:
                content = Path(temporary) / "content"
                subprocess.run([sys.executable, str(ROOT / "scripts/synthetic_catalogue.py"), "--offers", str(arguments.offers), "--out", str(content)], check=True)
            site = Path(temporary) / "site"
            print(f"Bouwen van {content} …", file=sys.stderr)
            build(content, site)
        rows = report(site)
        shifts = {}
        if arguments.layout_shift:
            offer = sorted((site / "aanbod").glob("*/index.html"))[0].parent.name
            shifts = layout_shift(site, ["/", f"/aanbod/{offer}/", "/lijstje/", "/zoeken/"])
    if arguments.json:
        print(json.dumps({"pages": rows, "layout_shift": shifts}, indent=2))
        return
    print(f"{'paginatype':40} {'aantal':>6} {'mediaan gzip':>13} {'grootste gzip':>14} {'grootste ruw':>13} {'bestanden':>9}")
    for name, row in rows.items():
        print(f"{name:40} {row['pages']:>6} {row['median_gzip'] / 1024:>10.1f} KB {row['largest_gzip'] / 1024:>11.1f} KB "
              f"{row['largest_raw'] / 1024:>10.1f} KB {row['files']:>9}")
    offer = rows.get("aanbod")
    if offer:
        verdict = "binnen" if offer["largest_raw"] < BUDGET else "BOVEN"
        print(f"\nBudget aanbodpagina: {offer['largest_raw'] / 1024:.1f} KB ongecomprimeerd, "
              f"{offer['largest_gzip'] / 1024:.1f} KB gzip: {verdict} de 50 KB.")
    for path, value in shifts.items():
        print(f"Layout shift {path}: {value:.4f}")


if __name__ == "__main__":
    main()
