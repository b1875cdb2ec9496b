"""Measure search on deterministic synthetic catalogues of 1,000 and 10,000 offers.

    .venv/bin/python scripts/bench_search.py                   # 1,000 and 10,000 offers
    .venv/bin/python scripts/bench_search.py --offers 1000     # one size
    .venv/bin/python scripts/bench_search.py --work /tmp/bench --reuse   # keep and reuse the builds

For every size it writes the catalogue (scripts/synthetic_catalogue.py), builds the site with the
real pelican command, serves it on 127.0.0.1 and drives Debian's chromium, then reports:

- the index on disk: the Pagefind bundle and the places file;
- the bytes a browser downloads for a first query, cold cache: everything from opening the search
  page to the first rendered result (page, CSS, JavaScript, Pagefind), headers included, as a
  plain static server sends it; and what that would be with a server that gzips text files;
- the time from the last keystroke to the first rendered result: from the moment the debounce
  ends ("search-start") to the rendered list ("search-shown"), and the same including the
  debounce; the first query after the page has loaded, then the median and slowest of more;
- what comes later, on request: opening every filter group (counts), "Bij jou in de buurt".

Nothing is downloaded from another host; the build takes minutes at 10,000 offers.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import statistics
import subprocess
import sys
import tempfile
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser import CHROMIUM_ARGS  # noqa: E402
from synthetic_catalogue import write_catalogue  # noqa: E402

QUERIES = ["koken", "fietsen", "tuinieren", "schilderen", "computerles", "voorlezen", "dieren", "timmeren", "zingen", "klussen"]
FIRST_QUERY = "tuinieren"
COMPRESSIBLE = (".html", ".css", ".js", ".json", ".svg")
CHROMIUM = "/usr/bin/chromium"


class _KeepAliveHandler(SimpleHTTPRequestHandler):
    # Like any real static host: connections stay open. (The test suite's server closes each one.)
    protocol_version = "HTTP/1.1"

    def log_message(self, format, *args):
        pass


@contextmanager
def serve(folder: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_KeepAliveHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def browser_page():
    """Chromium whose name lookups fail for every host but 127.0.0.1. Nothing intercepts requests
    (Playwright's routing, which the tests use as their guard, adds milliseconds to each one);
    requests to other hosts are still recorded, and the benchmark fails if there are any."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*CHROMIUM_ARGS, "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"])
        context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844},
                                      geolocation={"latitude": 52.09, "longitude": 5.12}, permissions=["geolocation"])
        page = context.new_page()
        page.foreign_requests = []
        page.on("request", lambda request: urlparse(request.url).hostname == "127.0.0.1" or page.foreign_requests.append(request.url))
        try:
            yield page
        finally:
            browser.close()


def build(content: Path, output: Path) -> None:
    command = [str(Path(sys.executable).with_name("pelican")), str(content), "--settings", str(ROOT / "pelicanconf.py"),
               "--output", str(output), "--delete-output-directory", "--fatal", "errors"]
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    if result.returncode != 0:
        sys.exit(result.stdout + result.stderr)


def folder_bytes(folder: Path, pattern: str = "**/*") -> int:
    return sum(path.stat().st_size for path in folder.glob(pattern) if path.is_file())


def kilobytes(count: float) -> str:
    return f"{count / 1000:.1f} kB"


def index_on_disk(site: Path) -> dict[str, int]:
    bundle = site / "pagefind"
    return {
        "whole bundle (with Pagefind's unused UI files)": folder_bytes(bundle),
        "search data (meta, index, filter, fragment)": folder_bytes(bundle, "pagefind.*.pf_meta") + sum(
            folder_bytes(bundle / part) for part in ("index", "filter", "fragment")),
        "places file (plaatsen.json)": (bundle / "plaatsen.json").stat().st_size,
    }


class Downloads:
    """Every response of a page, with its size on the wire and its size if the server gzipped text."""

    def __init__(self, page, site: Path, base: str):
        self.site, self.base, self.items = site, base, []
        page.on("requestfinished", self._finished)

    def _finished(self, request):
        sizes = request.sizes()
        path = request.url.removeprefix(self.base).split("?")[0]
        wire = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        self.items.append((path, wire, self._gzipped(path, sizes)))

    def _gzipped(self, path: str, sizes: dict) -> int:
        file = self.site / path.lstrip("/")
        if file.is_dir():
            file = file / "index.html"
        if file.suffix in COMPRESSIBLE and file.is_file():
            return len(gzip.compress(file.read_bytes(), 6)) + sizes["responseHeadersSize"]
        return sizes["responseBodySize"] + sizes["responseHeadersSize"]

    def mark(self) -> int:
        return len(self.items)

    def since(self, mark: int) -> list[tuple[str, int, int]]:
        return self.items[mark:]


def group(path: str) -> str:
    if path.startswith("/pagefind/fragment/"):
        return "Pagefind fragments (results)"
    if path.startswith("/pagefind/index/"):
        return "Pagefind index chunks"
    if path.startswith("/pagefind/filter/"):
        return "Pagefind filter chunks"
    if path.startswith("/pagefind/"):
        return "Pagefind " + path.removeprefix("/pagefind/").split("_")[0]
    return "page, CSS and JavaScript of the site"


def wait_for_update(page, before: int) -> None:
    page.wait_for_function("n => Number(document.getElementById('search').dataset.updates || 0) > n", arg=before, timeout=120000)


def updates(page) -> int:
    return int(page.get_attribute("#search", "data-updates") or 0)


def type_query(page, words: str) -> dict[str, float]:
    """Type like a person; the timings of the resulting search from the page's performance marks."""
    page.evaluate("performance.clearMarks()")
    before = updates(page)
    field = page.locator("#search-words")
    field.fill("")
    field.press_sequentially(words, delay=60)
    wait_for_update(page, before)
    # The update for the whole word: its list appeared after the last keystroke.
    page.wait_for_function("""() => {
        const last = (name) => performance.getEntriesByName(name).at(-1)?.startTime ?? -1;
        return last('search-shown') > last('search-input') && last('search-start') > last('search-input');
    }""", timeout=120000)
    return page.evaluate("""() => {
        const last = (name) => performance.getEntriesByName(name).at(-1).startTime;
        return {search: last('search-shown') - last('search-start'), keystroke: last('search-shown') - last('search-input')};
    }""")


def measure(site: Path, offers: int) -> None:
    print(f"\n## {offers} offers\n")
    for name, size in index_on_disk(site).items():
        print(f"- index on disk, {name}: {kilobytes(size)}")
    with serve(site) as base, browser_page() as page:
        downloads = Downloads(page, site, base)
        page.goto(base + "/zoeken/")
        page.wait_for_load_state("networkidle")
        first = type_query(page, FIRST_QUERY)
        page.wait_for_load_state("networkidle")
        first_query = downloads.since(0)
        by_group: dict[str, list[int]] = {}
        for path, wire, gzipped in first_query:
            by_group.setdefault(group(path), [0, 0, 0])
            by_group[group(path)][0] += 1
            by_group[group(path)][1] += wire
            by_group[group(path)][2] += gzipped
        print(f"- first query ('{FIRST_QUERY}'), cold cache, opening the page included: "
              f"{kilobytes(sum(item[1] for item in first_query))} downloaded in {len(first_query)} requests; "
              f"{kilobytes(sum(item[2] for item in first_query))} if the server gzips text files")
        for name, (count, wire, gzipped) in sorted(by_group.items(), key=lambda item: -item[1][1]):
            print(f"    - {name}: {count} × → {kilobytes(wire)} ({kilobytes(gzipped)} gzipped)")
            if name.startswith("page"):
                for path, wire, gzipped in first_query:
                    if group(path) == name:
                        print(f"        - {path}: {kilobytes(wire)} ({kilobytes(gzipped)} gzipped)")
        print(f"- first query: {first['search']:.0f} ms from the end of the debounce to the rendered list "
              f"({first['keystroke']:.0f} ms from the last keystroke, 150 ms debounce included)")

        timings = [type_query(page, words) for words in QUERIES]
        searches = [timing["search"] for timing in timings]
        keystrokes = [timing["keystroke"] for timing in timings]
        print(f"- {len(QUERIES)} more queries: median {statistics.median(searches):.0f} ms, slowest {max(searches):.0f} ms "
              f"(from the last keystroke: median {statistics.median(keystrokes):.0f} ms, slowest {max(keystrokes):.0f} ms)")
        print("    - " + ", ".join(f"{words} {timing['search']:.0f} ms" for words, timing in zip(QUERIES, timings)))

        mark = downloads.mark()
        page.locator("[data-filters] > summary").click()
        for summary in page.locator("[data-group] > summary").all():
            summary.click()
        page.wait_for_function("() => [...document.querySelectorAll('.filter-count')].every(count => count.textContent)", timeout=120000)
        page.wait_for_load_state("networkidle")
        print(f"- opening every filter group (counts for all values): {kilobytes(sum(item[1] for item in downloads.since(mark)))} more")

        mark = downloads.mark()
        before = updates(page)
        page.locator("[data-nearby] > summary").click()
        started = page.evaluate("performance.now()")
        page.get_by_role("button", name="Gebruik mijn locatie").click()
        wait_for_update(page, before)
        ranked = page.evaluate("performance.getEntriesByName('search-shown').at(-1).startTime") - started
        print(f"- 'Bij jou in de buurt' (device location, all results of '{QUERIES[-1]}' ranked): {ranked:.0f} ms, "
              f"{kilobytes(sum(item[1] for item in downloads.since(mark)))} more "
              f"({kilobytes(sum(item[2] for item in downloads.since(mark)))} if gzipped)")
        if page.foreign_requests:
            sys.exit(f"requests left 127.0.0.1: {page.foreign_requests}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offers", type=int, action="append", help="catalogue size; repeat for several (default 1000 and 10000)")
    parser.add_argument("--work", type=Path, help="folder for catalogues and builds (default: a temporary folder)")
    parser.add_argument("--reuse", action="store_true", help="reuse catalogues and builds already in --work")
    args = parser.parse_args()
    sizes = args.offers or [1000, 10000]
    with tempfile.TemporaryDirectory(prefix="bench-search-") as temporary:
        work = args.work or Path(temporary)
        for offers in sizes:
            content, site = work / f"catalogue-{offers}", work / f"site-{offers}"
            if not (args.reuse and (site / "pagefind").exists()):
                print(f"Building {offers} offers into {site} …", flush=True)
                write_catalogue(content, offers)
                build(content, site)
            measure(site, offers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
