"""The whole build against the peer a municipality might pick instead, on the same offers, in one run.

    make bench                                                   # 1,000 and 10,000 offers (installs hugo first)
    .venv/bin/python scripts/bench.py --offers 1000 --repeat 3 --json /tmp/bench.json

For each size it writes a deterministic synthetic catalogue (scripts/synthetic_catalogue.py) with
realistic text, commits it to a fresh git repository (so no offer counts as new, and "today" is the
commit's fixed date), then measures, one after the other:

- ours, as `make html` runs it: pelican with the plugin (which validates the content once), both
  languages, the data files and the search index;
- the peer: Debian's `hugo` on the same offers (one Markdown page per offer with its text, the
  minimal templates a municipality would start with, written by this script), then the pinned
  Pagefind (`python -m pagefind`, the binary of the pagefind[bin] wheel) over Hugo's output.

For every command: wall time, CPU time (user and system, of the whole process tree: the steadier
figure when others share the machine), and the peak of the summed resident memory of its process
tree (sampled from /proc every 50 ms, so a short peak can be missed). Resident memory counts a page
that forked processes share once in every one of them, so the sum overstates what the machine needs
when the page workers share the catalogue: the peak of the summed proportional set size (PSS, each
shared page divided among its sharers, from /proc/<pid>/smaps_rollup every 0.2 s) is given beside
it; for a run of a few seconds it is only a rough figure. For ours also the stages, read from the
build's log lines as they arrive and from the times the output files were written:
context (read, validate, prepare), pages (until the last offer page), data files and
search index (first to last file written in data/ and pagefind/). Then the output's bytes and
files, and our ratio to the peer. Prints a table and writes everything as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic_catalogue import write_catalogue  # noqa: E402

PYTHON = Path(sys.executable)
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_SECONDS = 0.05
PSS_EVERY = 4  # samples (0.2 s): reading smaps_rollup walks a process's page tables, which costs more than statm
# The commit date is the build's "today": fixed, so every run judges freshness the same way.
COMMIT_DATE = "2026-11-30T12:00:00+00:00"
# The one-offer change of --rebuild is merged a day later, as a pull request usually is: the build's today moves too.
CHANGE_DATE = "2026-12-01T09:00:00+00:00"
CONTEXT_DONE = re.compile(r"Aanbod: \d+ gepubliceerd")


# --- measuring a command -------------------------------------------------------------------------

def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                stat = handle.read()
        except OSError:  # the process ended while we looked
            continue
        parent = int(stat[stat.rindex(b")") + 2:].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def _tree(root: int):
    """The pids of a process and all its descendants, now."""
    tree, stack = _children(), [root]
    while stack:
        pid = stack.pop()
        yield pid
        stack.extend(tree.get(pid, ()))


def tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants, now."""
    total = 0
    for pid in _tree(root):
        try:
            with open(f"/proc/{pid}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * PAGE_SIZE
        except OSError:  # the process ended while we looked
            continue
    return total


def tree_pss(root: int) -> tuple[int, int]:
    """(resident, proportional) bytes of a process and all its descendants, now, from one reading of each process's
    smaps_rollup: in the proportional set size a page that processes share counts once in all of them."""
    resident = proportional = 0
    for pid in _tree(root):
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
                sizes = {line.split(b":")[0]: int(line.split()[1]) * 1024 for line in handle if line.startswith((b"Rss:", b"Pss:"))}
        except OSError:
            continue
        resident, proportional = resident + sizes.get(b"Rss", 0), proportional + sizes.get(b"Pss", 0)
    return resident, proportional


@dataclass
class Run:
    command: list[str]
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # user + system time of the whole tree: steadier than wall time on a shared machine
    peak_bytes: int = 0
    peak_pss_bytes: int = 0
    lines: list[tuple[float, str]] = field(default_factory=list)  # (seconds since start, line)
    started_at: float = 0.0  # wall-clock time of the start, to compare with file times


def measure(command: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Run a command to its end; its output lines with their arrival times, its wall time and peak tree memory."""
    run = Run(command)
    run.started_at = time.time()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace")
    done = threading.Event()

    def sample():
        count = 0
        while not done.is_set():
            run.peak_bytes = max(run.peak_bytes, tree_rss(process.pid))
            if count % PSS_EVERY == 0:
                resident, proportional = tree_pss(process.pid)  # the same moment's resident size: never below the PSS
                run.peak_bytes, run.peak_pss_bytes = max(run.peak_bytes, resident), max(run.peak_pss_bytes, proportional)
            count += 1
            done.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    for line in process.stdout:
        run.lines.append((time.perf_counter() - start, line.rstrip("\n")))
    process.wait()
    run.seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    run.cpu_seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    done.set()
    sampler.join()
    if process.returncode != 0:
        tail = "\n".join(line for _, line in run.lines[-40:])
        raise SystemExit(f"{' '.join(command)} stopped with status {process.returncode}:\n{tail}")
    return run


def folder_size(folder: Path) -> tuple[int, int]:
    total = files = 0
    for directory, _, names in os.walk(folder):
        for name in names:
            total += os.stat(os.path.join(directory, name)).st_size
            files += 1
    return total, files


def write_span(folder: Path, since: float, pattern: str = "**/*") -> tuple[float, float] | None:
    """When the first and the last file below ``folder`` were written, in seconds after ``since``."""
    times = [path.stat().st_mtime for path in folder.glob(pattern) if path.is_file()]
    return (min(times) - since, max(times) - since) if times else None


# --- the two sides ------------------------------------------------------------------------------

def prepare_content(folder: Path, offers: int) -> Path:
    """The synthetic catalogue plus the real pages, committed, as a provider's repository would hold it."""
    content = write_catalogue(folder / "content", offers)
    shutil.copytree(ROOT / "content" / "pages", content / "pages")
    for arguments in (["init", "--quiet"], ["add", "--all"], ["commit", "--quiet", "--message", "catalogue"],
                      # A second commit that adds no offer: the build compares HEAD with its first parent to find new offers.
                      ["commit", "--quiet", "--allow-empty", "--message", "build"]):
        git(folder, *arguments)
    return content


def git(folder: Path, *arguments: str, when: str = COMMIT_DATE) -> None:
    """A git command in ``folder``, committing as the benchmark at its fixed date (the build's "today"), or ``when``."""
    env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_NAME": "bench",
           "GIT_AUTHOR_EMAIL": "bench@example.nl", "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.nl"}
    subprocess.run(["git", *arguments], cwd=folder, env=env, check=True)


HUGO_CONFIG = """baseURL = "https://openaanbod.example.nl/"
languageCode = "nl"
title = "Open Aanbod"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
paginate = 50
"""
HUGO_BASEOF = """<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }} | {{ .Site.Title }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main data-pagefind-body>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""
HUGO_SINGLE = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>{{ .Params.summary }}</p>
{{ .Content }}
<h2>Waar</h2>
<ul>{{ range .Params.locations }}<li>{{ .name }}, {{ .street_address }}, {{ .postcode }} {{ .municipality }}</li>{{ end }}</ul>
<h2>Wanneer</h2>
<ul>{{ range $day, $parts := .Params.schedule }}<li>{{ $day }}: {{ delimit $parts ", " }}</li>{{ end }}</ul>
<h2>Aanmelden</h2>
<p>{{ .Params.how_to_apply }}</p>
{{ end }}
"""
HUGO_LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range (.Paginate .RegularPagesRecursive).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>: {{ .Params.summary }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}
{{ end }}
"""


def prepare_hugo(content: Path, site: Path) -> int:
    """A Hugo site with one page per offer (its text as Markdown, the rest as JSON front matter)."""
    import yaml  # PyYAML, pinned for Pelican; only used here to copy the offers into Hugo's format

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for name, text in (("hugo.toml", HUGO_CONFIG), ("layouts/_default/baseof.html", HUGO_BASEOF),
                       ("layouts/_default/single.html", HUGO_SINGLE), ("layouts/_default/list.html", HUGO_LIST),
                       ("content/_index.md", "---\ntitle: Al het aanbod\n---\n")):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    pages = site / "content" / "aanbod"
    pages.mkdir(parents=True)
    count = 0
    for path in sorted((content / "offers").rglob("*.yaml")):
        offer = yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
        if str(offer.get("status")) == "ingetrokken":
            continue
        front = {key: offer.get(key) for key in ("title", "summary", "provider", "kind", "subtype", "how_to_apply")}
        front["locations"] = offer.get("locations") or []
        front["schedule"] = offer.get("schedule") or {}
        text = json.dumps(front, ensure_ascii=False, default=str, indent=1) + "\n\n" + offer["description"]
        (pages / f"{path.stem}.md").write_text(text, encoding="utf-8")
        count += 1
    return count


def _pelican(content: Path, output: Path, cache: Path | None = None) -> list[str]:
    """`make html`'s command; a clean build (no build cache) unless ``cache`` names a cache folder."""
    return [str(PYTHON.with_name("pelican")), str(content), "--settings", str(ROOT / "pelicanconf.py"), "--output", str(output),
            "--delete-output-directory", "--fatal", "errors", "--extra-settings", f"AANBOD_CACHE_PATH={json.dumps(str(cache or ''))}"]


def ours(content: Path, output: Path) -> dict:
    build = measure(_pelican(content, output), cwd=ROOT)
    stages = {}
    context_end = next((at for at, line in build.lines if CONTEXT_DONE.search(line)), None)
    if context_end is not None:
        stages["context"] = {"start": 0.0, "end": round(context_end, 2)}
    spans = {
        "pages": write_span(output, build.started_at, "**/aanbod/*/index.html"),
        "data files": write_span(output / "data", build.started_at),
        "search index": write_span(output / "pagefind", build.started_at),
    }
    if spans["pages"] and context_end is not None:
        spans["pages"] = (context_end, spans["pages"][1])
    for name, span in spans.items():
        if span:
            stages[name] = {"start": round(span[0], 2), "end": round(span[1], 2)}
    for stage in stages.values():
        stage["seconds"] = round(stage["end"] - stage["start"], 2)
    size, files = folder_size(output)
    return {
        "seconds": round(build.seconds, 2),
        "cpu_seconds": round(build.cpu_seconds, 2),
        "peak_bytes": build.peak_bytes,
        "peak_pss_bytes": build.peak_pss_bytes,
        "output_bytes": size,
        "output_files": files,
        "stages": stages,
        "commands": {"build": _command(build)},
    }


KEPT = re.compile(r"Aanbod: (\d+) pagina's ongewijzigd uit de vorige bouw, (\d+) opnieuw gemaakt")
CHANGED_SENTENCE = "Vanaf januari zijn we ook op zaterdagochtend open."


def rebuild(repository: Path, folder: Path) -> dict:
    """Issue 10's incremental build: one offer changed in a committed catalogue, rebuilt with the build cache.

    A first build with an empty cache, then one offer's description gets a sentence (a commit on the next day,
    as a pull request merged later would), the rebuild with the cache, and a clean build of that same commit to
    compare with: the rebuild's time against the clean build's, and whether every output file is byte for byte
    the same.
    """
    content, cache = repository / "content", folder / "cache"
    first = measure(_pelican(content, folder / "cached", cache), cwd=ROOT)
    offer = sorted((content / "offers").rglob("*.yaml"))[len(list((content / "offers").rglob("*.yaml"))) // 2]
    offer.write_text(offer.read_text(encoding="utf-8").replace("description: |\n", f"description: |\n  {CHANGED_SENTENCE}\n", 1), encoding="utf-8")
    git(repository, "commit", "--quiet", "--all", "--message", "one offer changed", when=CHANGE_DATE)
    again = measure(_pelican(content, folder / "cached", cache), cwd=ROOT)
    clean = measure(_pelican(content, folder / "clean"), cwd=ROOT)
    kept = next((KEPT.search(line) for _, line in again.lines if KEPT.search(line)), None)
    different = _different_files(folder / "cached", folder / "clean")
    seconds = {name: (round(run.seconds, 2), round(run.cpu_seconds, 2)) for name, run in (("first", first), ("again", again), ("clean", clean))}
    return {
        "changed_offer": offer.relative_to(content).as_posix(),
        "changed_on": CHANGE_DATE,
        "first_with_cache": {"seconds": seconds["first"][0], "cpu_seconds": seconds["first"][1], "peak_bytes": first.peak_bytes,
                             "peak_pss_bytes": first.peak_pss_bytes},
        "rebuild": {"seconds": seconds["again"][0], "cpu_seconds": seconds["again"][1], "peak_bytes": again.peak_bytes,
                    "peak_pss_bytes": again.peak_pss_bytes,
                    "pages_kept": int(kept[1]) if kept else None, "pages_made": int(kept[2]) if kept else None},
        "clean": {"seconds": seconds["clean"][0], "cpu_seconds": seconds["clean"][1]},
        # From the rounded figures, so the JSON agrees with itself.
        "ratio": {"seconds": round(seconds["again"][0] / seconds["clean"][0], 3), "cpu_seconds": round(seconds["again"][1] / seconds["clean"][1], 3)},
        "identical_to_clean": not different,
        "different_files": different[:20],
    }


def _different_files(one: Path, other: Path) -> list[str]:
    """Paths (relative) that are in only one of the folders or differ in bytes."""
    def files(folder):
        return {path.relative_to(folder).as_posix(): path for path in folder.rglob("*") if path.is_file()}
    mine, theirs = files(one), files(other)
    return sorted(set(mine) ^ set(theirs)) + sorted(name for name in set(mine) & set(theirs) if mine[name].read_bytes() != theirs[name].read_bytes())


def peer(site: Path) -> dict:
    public = site / "public"
    hugo = measure(["hugo", "--source", str(site), "--destination", str(public), "--quiet"], cwd=site)
    pagefind = measure([str(PYTHON), "-m", "pagefind", "--site", str(public)], cwd=site)
    size, files = folder_size(public)
    return {
        "seconds": round(hugo.seconds + pagefind.seconds, 2),
        "cpu_seconds": round(hugo.cpu_seconds + pagefind.cpu_seconds, 2),
        "peak_bytes": max(hugo.peak_bytes, pagefind.peak_bytes),
        "peak_pss_bytes": max(hugo.peak_pss_bytes, pagefind.peak_pss_bytes),
        "output_bytes": size,
        "output_files": files,
        "stages": {
            "hugo": {"start": 0.0, "end": round(hugo.seconds, 2), "seconds": round(hugo.seconds, 2)},
            "pagefind": {"start": round(hugo.seconds, 2), "end": round(hugo.seconds + pagefind.seconds, 2), "seconds": round(pagefind.seconds, 2)},
        },
        "commands": {"hugo": _command(hugo), "pagefind": _command(pagefind)},
    }


def _command(run: Run) -> dict:
    return {"argv": run.command, "seconds": round(run.seconds, 2), "cpu_seconds": round(run.cpu_seconds, 2), "peak_bytes": run.peak_bytes,
            "peak_pss_bytes": run.peak_pss_bytes}


def hugo_version() -> str:
    if not shutil.which("hugo"):
        raise SystemExit("hugo ontbreekt. `make bench` installeert het (Debian: apt-get install hugo).")
    return subprocess.run(["hugo", "version"], capture_output=True, text=True, check=True).stdout.strip()


def pagefind_version() -> str:
    return subprocess.run([str(PYTHON), "-m", "pagefind", "--version"], capture_output=True, text=True, check=True).stdout.strip()


# --- one size, several runs ---------------------------------------------------------------------

def _summary(runs: list[dict]) -> dict:
    """Median wall time over the runs, the highest memory peak; sizes are the same every run."""
    middle = sorted(runs, key=lambda run: run["seconds"])[len(runs) // 2]
    return {**middle, "seconds": round(statistics.median(run["seconds"] for run in runs), 2),
            "cpu_seconds": round(statistics.median(run["cpu_seconds"] for run in runs), 2),
            "peak_bytes": max(run["peak_bytes"] for run in runs), "peak_pss_bytes": max(run["peak_pss_bytes"] for run in runs)}


def bench_size(offers: int, repeat: int, work: Path, with_rebuild: bool = False) -> dict:
    folder = work / f"offers-{offers}"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    content = prepare_content(folder / "repository", offers)
    hugo_pages = prepare_hugo(content, folder / "hugo")
    our_runs, peer_runs = [], []
    for _ in range(repeat):
        our_runs.append(ours(content, folder / "output"))
        shutil.rmtree(folder / "hugo" / "public", ignore_errors=True)
        peer_runs.append(peer(folder / "hugo"))
    our, their = _summary(our_runs), _summary(peer_runs)
    incremental = rebuild(folder / "repository", folder / "rebuild") if with_rebuild else None
    return {
        "offers": offers,
        "peer_pages": hugo_pages,
        "ours": our,
        "peer": their,
        "ratio": {
            "seconds": round(our["seconds"] / their["seconds"], 2),
            "cpu_seconds": round(our["cpu_seconds"] / their["cpu_seconds"], 2),
            "peak_bytes": round(our["peak_bytes"] / their["peak_bytes"], 2),
            "peak_pss_bytes": round(our["peak_pss_bytes"] / their["peak_pss_bytes"], 2),
            "output_bytes": round(our["output_bytes"] / their["output_bytes"], 2),
        },
        "runs": {"ours": [run["seconds"] for run in our_runs], "peer": [run["seconds"] for run in peer_runs]},
        **({"rebuild": incremental} if incremental else {}),
    }


def _megabytes(count: int) -> str:
    return f"{count / 1e6:,.1f} MB"


def table(results: list[dict]) -> str:
    rows = [("offers", "side", "seconds", "cpu seconds", "peak memory", "peak PSS", "output", "files", "stages (seconds)")]
    for result in results:
        for side in ("ours", "peer"):
            measured = result[side]
            stages = ", ".join(f"{name} {stage['seconds']:.1f}" for name, stage in measured["stages"].items())
            rows.append((f"{result['offers']:,}", side, f"{measured['seconds']:.1f}", f"{measured['cpu_seconds']:.1f}", _megabytes(measured["peak_bytes"]),
                         _megabytes(measured["peak_pss_bytes"]), _megabytes(measured["output_bytes"]), f"{measured['output_files']:,}", stages))
        ratio = result["ratio"]
        rows.append(("", "ratio", f"{ratio['seconds']:.2f}x", f"{ratio['cpu_seconds']:.2f}x", f"{ratio['peak_bytes']:.2f}x", f"{ratio['peak_pss_bytes']:.2f}x",
                     f"{ratio['output_bytes']:.2f}x", "", ""))
        if "rebuild" in result:
            again, clean = result["rebuild"]["rebuild"], result["rebuild"]["clean"]
            same = "identical to a clean build" if result["rebuild"]["identical_to_clean"] else f"DIFFERS: {', '.join(result['rebuild']['different_files'][:3])}"
            rows.append(("", "one offer changed, next day", f"{again['seconds']:.1f}", f"{again['cpu_seconds']:.1f}", _megabytes(again["peak_bytes"]), _megabytes(again["peak_pss_bytes"]), "", "",
                         f"{result['rebuild']['ratio']['seconds']:.2f} of a clean build ({clean['seconds']:.1f} s); pages kept {again['pages_kept']}, made {again['pages_made']}; {same}"))
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip() for row in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offers", type=int, nargs="+", default=[1000, 10000], help="catalogue sizes (default: 1000 10000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per size and side; the median time counts (default 1)")
    parser.add_argument("--json", type=Path, help="write the results here as JSON (default: bench-<sizes>.json in --work)")
    parser.add_argument("--rebuild", action="store_true", help="also change one offer and rebuild with the build cache (issue 10's incremental build)")
    parser.add_argument("--work", type=Path, help="folder for catalogues and outputs (default: a temporary folder, removed at the end)")
    args = parser.parse_args(argv)
    versions = {"hugo": hugo_version(), "pagefind": pagefind_version(), "python": sys.version.split()[0]}
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        results = []
        for offers in args.offers:
            print(f"{offers:,} aanbod: catalogus, onze build en de vergelijking ...", flush=True)
            results.append(bench_size(offers, args.repeat, work, args.rebuild))
        report = {"machine": {"cores": os.cpu_count(), "memory_bytes": os.sysconf("SC_PHYS_PAGES") * PAGE_SIZE},
                  "versions": versions, "repeat": args.repeat, "results": results}
        target = args.json or work / f"bench-{'-'.join(map(str, args.offers))}.json"
        target.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
        print(table(results))
        print(f"JSON: {target}")
    finally:
        if not args.work:
            keep = args.json is None
            for child in work.iterdir():
                if not (keep and child.suffix == ".json"):
                    shutil.rmtree(child) if child.is_dir() else child.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
