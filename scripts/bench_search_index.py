"""Wall time and peak memory of the search index step for a synthetic catalogue of N offers.

    .venv/bin/python scripts/synthetic_catalogue.py --offers 10000 --out /tmp/catalogue-10k
    .venv/bin/python scripts/bench_search_index.py /tmp/catalogue-10k

Reads and validates the catalogue first (not measured), then runs ``search.write_index`` alone
and reports its wall and CPU seconds (this process and the Pagefind runs; CPU time says more than
wall time on a busy machine), the peak resident memory of this process and all its children
(summed, sampled every 50 ms from /proc), and the bundle on disk.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aanbod.search import search  # noqa: E402
from bench import tree_rss  # noqa: E402  (scripts/bench.py: the process tree's resident memory)
from synthetic_catalogue import read_for_benchmark  # noqa: E402


class PeakMemory:
    """Samples the process tree's resident memory in a thread until stopped."""

    def __init__(self) -> None:
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, tree_rss(os.getpid()))

    def __enter__(self) -> PeakMemory:
        self.peak = tree_rss(os.getpid())
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join()


def _cpu_seconds() -> float:
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> int:
    catalogue, _ = read_for_benchmark(argparse.ArgumentParser(description=__doc__.splitlines()[0]))
    if catalogue is None:
        return 1
    with tempfile.TemporaryDirectory(prefix="bench-zoekindex-") as temporary:
        site = Path(temporary)
        before = tree_rss(os.getpid())
        with PeakMemory() as memory:
            started, cpu = time.perf_counter(), _cpu_seconds()
            count, located = search.write_index(catalogue, site, lambda offer: f"/aanbod/{offer.id}/")
            seconds, cpu = time.perf_counter() - started, _cpu_seconds() - cpu
        files = [path for path in (site / search.BUNDLE_FOLDER).rglob("*") if path.is_file()]
        size = sum(path.stat().st_size for path in files)
    print(f"index: {count} offers ({located} on the map) in {seconds:.1f} s ({cpu:.1f} s CPU); "
          f"memory before {before / 2**20:.0f} MiB, peak of the process tree {memory.peak / 2**20:.0f} MiB; "
          f"bundle {size / 2**20:.1f} MiB in {len(files)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
