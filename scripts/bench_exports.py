"""Time and size of the open data files for a synthetic catalogue of N offers.

    .venv/bin/python scripts/synthetic_catalogue.py --offers 2000 --out /tmp/catalogue-2k
    .venv/bin/python scripts/bench_exports.py /tmp/catalogue-2k

Prints the seconds each export module takes, as wall time and as this process's CPU time (on a
shared machine the CPU time is the steadier figure), and the size of each file or group of files.
With --memory also the most memory each step held beyond what was there before it (tracemalloc,
which makes every step slower: compare times only from runs without it).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aanbod.site.data_page import human_size  # noqa: E402
from aanbod.exports import csv_tables, datapackage, dcat, excel_csv, feeds, geojson, hsds, hsds_api, offer_files, offers_json, xlsx  # noqa: E402
from aanbod.exports.publication import Publication  # noqa: E402
from aanbod.content.settings import DEFAULTS  # noqa: E402
from synthetic_catalogue import read_for_benchmark  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--memory", action="store_true", help="also the peak memory each step adds (slower)")
    catalogue, args = read_for_benchmark(parser)
    if catalogue is None:
        return 1
    publication = Publication.from_settings(DEFAULTS)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        documents = offers_json.offer_documents(catalogue)
        services: dict = {}
        steps = [
            ("csv_tables", lambda: csv_tables.write(catalogue, folder)),
            ("datapackage", lambda: datapackage.write(catalogue, folder, publication)),
            ("offers_json", lambda: offers_json.write(folder, documents)),
            ("offer_files", lambda: offer_files.write(folder, documents)),
            ("geojson", lambda: geojson.write(catalogue, folder, publication)),
            ("xlsx", lambda: xlsx.write(catalogue, folder)),
            ("excel_csv", lambda: excel_csv.write(catalogue, folder)),
            # As exports.write_all does: the services made once, for both HSDS forms.
            ("hsds", lambda: hsds.write(catalogue, folder, publication, services.setdefault("records", hsds.services(catalogue, publication)))),
            ("hsds_api", lambda: hsds_api.write(catalogue, folder, publication, services.pop("records"))),
            ("feeds", lambda: feeds.write(catalogue, folder, publication, documents)),
        ]
        steps.append(("dcat", lambda: dcat.write(catalogue, folder, publication, written)))
        written, total, total_cpu = [], 0.0, 0.0
        if args.memory:
            tracemalloc.start()
        print(f"{'':12} {'wall':>8} {'cpu':>8}" + (f" {'memory':>9}" if args.memory else ""))
        for name, step in steps:
            if args.memory:
                tracemalloc.reset_peak()
                before = tracemalloc.get_traced_memory()[0]
            begin, begin_cpu = time.perf_counter(), time.process_time()
            written += step()
            elapsed, cpu = time.perf_counter() - begin, time.process_time() - begin_cpu
            total, total_cpu = total + elapsed, total_cpu + cpu
            memory = f" {(tracemalloc.get_traced_memory()[1] - before) / 2**20:6.1f} MB" if args.memory else ""
            print(f"{name:12} {elapsed:6.2f} s {cpu:6.2f} s{memory}")
        print(f"{'all exports':12} {total:6.2f} s {total_cpu:6.2f} s")
        for data_file in written:
            count = f" ({len(data_file.paths)} files)" if len(data_file.paths) > 1 else ""
            print(f"  {data_file.name:28} {human_size(data_file.size)}{count}")
        files = sum(1 for path in folder.rglob("*") if path.is_file())
        print(f"  {'in all':28} {human_size(sum(path.stat().st_size for path in folder.rglob('*') if path.is_file()))} ({files} files)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
