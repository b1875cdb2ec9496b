"""How long validating one changed file takes in a large catalogue, as a pull request does it.

    .venv/bin/python scripts/bench_validate.py --offers 10000
    .venv/bin/python scripts/bench_validate.py --offers 10000 --full   # also the whole catalogue, for comparison

Writes a deterministic synthetic catalogue (scripts/synthetic_catalogue.py) unless --content names one,
then runs the real command, `python -m aanbod validate --changed <one offer>`, in a fresh process
each time (Python's start-up included, as in CI) and prints the fastest and the median run.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from synthetic_catalogue import write_catalogue  # noqa: E402


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    return time.perf_counter() - start, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offers", type=int, default=10000, help="size of the synthetic catalogue (default 10000)")
    parser.add_argument("--content", type=Path, help="an existing content folder instead of a synthetic one")
    parser.add_argument("--runs", type=int, default=7, help="how many times to run the command (default 7)")
    parser.add_argument("--full", action="store_true", help="also time validating the whole catalogue once")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-validate-") as scratch:
        content = args.content or write_catalogue(Path(scratch) / "content", args.offers)
        changed = sorted((content / "offers").rglob("*.yaml"))[len(list((content / "offers").rglob("*.yaml"))) // 2]
        offers = sum(1 for _ in (content / "offers").rglob("*.yaml"))
        command = [sys.executable, "-m", "aanbod", "validate", "--content", str(content), "--changed", str(changed), "--today", "2026-11-22"]
        times = []
        for _ in range(args.runs):
            seconds, result = timed(command)
            if result.returncode != 0:
                print(result.stdout + result.stderr, file=sys.stderr)
                return 1
            times.append(seconds)
        print(f"catalogue: {offers} offers in {content}")
        print(f"one changed file ({changed.name}), {args.runs} runs of: python -m aanbod validate --changed <file>")
        print(f"  fastest {min(times):.3f} s, median {statistics.median(times):.3f} s, slowest {max(times):.3f} s")
        print(f"  output: {result.stdout.strip().splitlines()[-1]}")
        if args.full:
            seconds, result = timed([sys.executable, "-m", "aanbod", "validate", "--content", str(content)])
            print(f"whole catalogue, for comparison: {seconds:.3f} s ({result.stdout.strip().splitlines()[-1]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
