"""Time and size of the open data files for a synthetic catalogue of N offers.

    .venv/bin/python scripts/synthetic_catalogue.py --offers 2000 --out /tmp/catalogue-2k
    .venv/bin/python scripts/bench_exports.py /tmp/catalogue-2k
    .venv/bin/python scripts/bench_exports.py --changed /tmp/catalogue-2k

Prints the seconds each export module takes, as wall time and as this process's CPU time (on a
shared machine the CPU time is the steadier figure), and the size of each file or group of files.
With --memory also the most memory each step held beyond what was there before it (tracemalloc,
which makes every step slower: compare times only from runs without it).

With --changed it measures an incremental build instead (issue 10): in a copy of the content (a local
clone when it is in git, so the change feed sees the same history) it writes every data file with a
build cache, changes one offer's description, writes them again taking back what did not change, and
writes them once more without a cache; it prints the CPU seconds of each (this process and the git it
runs), what was taken back, and whether the incremental output is byte for byte the clean one. --repeat N
changes the offer and builds again N times (on a shared machine take the lowest).
"""

from __future__ import annotations

import argparse
import filecmp
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aanbod.site.data_page import human_size  # noqa: E402
from aanbod.build_cache import CacheFolder, OutputLedger, build_start_ns, digest  # noqa: E402
from aanbod.content.catalogue import read_catalogue  # noqa: E402
from aanbod.content.fingerprints import Fingerprints  # noqa: E402
from aanbod.exports import (csv_tables, datapackage, dcat, excel_csv, feeds, geojson, hsds, hsds_api, ical, offer_files,  # noqa: E402
                            offers_json, write_all, xlsx)
from aanbod.exports.publication import Publication  # noqa: E402
from aanbod.exports.reuse import ExportReuse, Pieces  # noqa: E402
from aanbod.content.settings import DEFAULTS  # noqa: E402
from synthetic_catalogue import ROOT, read_for_benchmark  # noqa: E402

TODAY = date(2026, 11, 30)
DATA = "data"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memory", action="store_true", help="also the peak memory each step adds (slower)")
    parser.add_argument("--changed", action="store_true", help="an incremental build after one changed offer instead")
    parser.add_argument("--repeat", type=int, default=1, help="with --changed: change and build again this many times")
    catalogue, args = read_for_benchmark(parser)
    if catalogue is None:
        return 1
    return changed(args.content, args.repeat) if args.changed else steps(catalogue, args.memory)


def steps(catalogue, memory: bool) -> int:
    publication = Publication.from_settings(DEFAULTS)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        pieces = Pieces(catalogue, None)
        made: dict = {}

        def documents():  # a step of its own: offers.json, the file per offer and the feed share them
            made["documents"] = offers_json.offer_documents(catalogue, pieces)
            return []

        steps = [
            ("csv_tables", lambda: csv_tables.write(catalogue, folder, pieces)),
            ("datapackage", lambda: datapackage.write(catalogue, folder, publication)),
            ("documents", documents),
            ("offers_json", lambda: offers_json.write(folder, made["documents"])),
            ("offer_files", lambda: offer_files.write(folder, catalogue.offers, made["documents"], pieces)),
            ("ical", lambda: ical.write(catalogue, folder, publication, TODAY, pieces)),
            ("geojson", lambda: geojson.write(catalogue, folder, publication, pieces)),
            ("xlsx", lambda: xlsx.write(catalogue, folder, pieces)),
            ("excel_csv", lambda: excel_csv.write(catalogue, folder, pieces)),
            # As exports.write_all does: the services made once, for both HSDS forms.
            ("hsds", lambda: hsds.write(catalogue, folder, publication, [record for record, _ in made.setdefault(
                "services", hsds_api.encoded_services(catalogue, publication, pieces))])),
            ("hsds_api", lambda: hsds_api.write(catalogue, folder, publication, pieces, made.pop("services"))),
            ("feeds", lambda: feeds.write(catalogue, folder, publication, made["documents"])),
        ]
        steps.append(("dcat", lambda: dcat.write(catalogue, folder, publication, written)))
        written, total, total_cpu = [], 0.0, 0.0
        if memory:
            tracemalloc.start()
        print(f"{'':12} {'wall':>8} {'cpu':>8}" + (f" {'memory':>9}" if memory else ""))
        for name, step in steps:
            if memory:
                tracemalloc.reset_peak()
                before = tracemalloc.get_traced_memory()[0]
            begin, begin_cpu = time.perf_counter(), time.process_time()
            written += step()
            elapsed, cpu = time.perf_counter() - begin, time.process_time() - begin_cpu
            total, total_cpu = total + elapsed, total_cpu + cpu
            peak = f" {(tracemalloc.get_traced_memory()[1] - before) / 2**20:6.1f} MB" if memory else ""
            print(f"{name:12} {elapsed:6.2f} s {cpu:6.2f} s{peak}")
        print(f"{'all exports':12} {total:6.2f} s {total_cpu:6.2f} s")
        for data_file in written:
            count = f" ({len(data_file.paths)} files)" if len(data_file.paths) > 1 else ""
            print(f"  {data_file.name:28} {human_size(data_file.size)}{count}")
        files = sum(1 for path in folder.rglob("*") if path.is_file())
        print(f"  {'in all':28} {human_size(sum(path.stat().st_size for path in folder.rglob('*') if path.is_file()))} ({files} files)")
    return 0


def _cpu() -> float:
    """CPU seconds of this process and of the children it waited for (git, for the change feed's history)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def _copy(content: Path, into: Path) -> Path:
    """The content in a folder this script may change: a local clone of its repository (same history), else a copy."""
    top = subprocess.run(["git", "-C", str(content), "rev-parse", "--show-toplevel"], capture_output=True, text=True, check=False)
    if top.returncode != 0:
        return Path(shutil.copytree(content, into / "content"))
    repository = Path(top.stdout.strip())
    subprocess.run(["git", "clone", "--quiet", "--local", str(repository), str(into / "repository")], check=True)
    return into / "repository" / content.resolve().relative_to(repository.resolve())


def _read(content: Path):
    catalogue, problems = read_catalogue(content, ROOT / "schema")
    if problems:
        raise SystemExit(f"{len(problems)} problemen in {content}")
    return catalogue


def _timed_build(catalogue, output: Path, cache: Path | None, label: str) -> ExportReuse | None:
    publication = Publication.from_settings(DEFAULTS)
    if cache is None:
        begin = _cpu()
        write_all(catalogue, output / DATA, publication, TODAY)
        print(f"{label:44} {_cpu() - begin:6.2f} s")
        return None
    cache_folder = CacheFolder(cache)
    begin = _cpu()
    fingerprints = Fingerprints(catalogue, TODAY)
    for offer in catalogue.offers:
        fingerprints.offer(offer)
    print(f"{'  fingerprints (the site makes them for pages)':44} {_cpu() - begin:6.2f} s")
    ledger = OutputLedger(cache_folder, output, build_start_ns(cache_folder))
    ledger.forget()
    reuse = ExportReuse(ledger, cache_folder, fingerprints, f"{DATA}/", digest("bench", TODAY))
    begin = _cpu()
    write_all(catalogue, output / DATA, publication, TODAY, reuse)
    print(f"{label:44} {_cpu() - begin:6.2f} s")
    begin = _cpu()
    ledger.sweep()
    print(f"{'  sweep (the site sweeps its whole output)':44} {_cpu() - begin:6.2f} s")
    print(f"  {reuse.summary()}")
    return reuse


def _change_one_offer(content: Path, time: int) -> Path:
    """Another sentence in one offer's description, a different one each ``time``."""
    path = sorted((content / "offers").rglob("*.yaml"))[len(list((content / "offers").iterdir())) // 2]
    sentence = f"  Nu ook op zondag, {time + 1} keer.\n"
    path.write_text(path.read_text(encoding="utf-8").replace("description: |\n", f"description: |\n{sentence}", 1), encoding="utf-8")
    return path


def changed(content: Path, repeat: int) -> int:
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        copy = _copy(content, folder)
        catalogue = _read(copy)
        print(f"{'CPU seconds':44} {'':>8}")
        _timed_build(catalogue, folder / "incremental", folder / "cache", "data files, empty cache")
        for time in range(repeat):
            changed_file = _change_one_offer(copy, time)
            print(f"changed {changed_file.relative_to(copy)}")
            catalogue = _read(copy)
            _timed_build(catalogue, folder / "incremental", folder / "cache", "data files, one offer changed")
        _timed_build(catalogue, folder / "clean", None, "data files, clean build (no cache)")
        comparison = filecmp.dircmp(folder / "clean" / DATA, folder / "incremental" / DATA)
        print("incremental output byte for byte the clean one:", "yes" if _same(comparison) else "NO")
    return 0


def _same(comparison: filecmp.dircmp) -> bool:
    if comparison.left_only or comparison.right_only or comparison.funny_files:
        return False
    _, mismatch, errors = filecmp.cmpfiles(comparison.left, comparison.right, comparison.common_files, shallow=False)
    return not mismatch and not errors and all(_same(sub) for sub in comparison.subdirs.values())


if __name__ == "__main__":
    raise SystemExit(main())
