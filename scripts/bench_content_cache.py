"""CPU seconds of reading the catalogue (``read_catalogue``) in full, and with the build cache after a change.

    .venv/bin/python scripts/bench_content_cache.py --offers 10000
    .venv/bin/python scripts/bench_content_cache.py --repository /tmp/bench-final/offers-10000/repository

Copies the repository (a folder holding content/ and, for git times, .git) or writes a synthetic catalogue
(scripts/synthetic_catalogue.py) into a scratch folder, then runs each read in a fresh process and prints
the CPU seconds of the read alone (its own and its git child's): a full read without cache, the first read
with an empty cache (a full read that saves the snapshot), a read with nothing changed, and a read after one
offer's description changed. Each cached result is compared with a full read of the same files.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

# One read in a fresh process: the CPU time of read_catalogue, and a digest of what it gave.
READ = """
import json, resource, sys
from datetime import date
from pathlib import Path
sys.path.insert(0, {root!r})
from aanbod.build_cache import CacheFolder, digest
from aanbod.content.catalogue import read_catalogue

def cpu():
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

cache = CacheFolder(Path({cache!r})) if {cache!r} else None
start = cpu()
catalogue, problems = read_catalogue(Path({content!r}), Path({schema!r}), today=date(2026, 11, 22), cache=cache)
seconds = cpu() - start
result = digest(repr(catalogue.offers), repr(dict(catalogue.providers)), repr(dict(catalogue.tables))) if catalogue else repr(problems)
print(json.dumps({{"seconds": seconds, "result": result}}))
"""


def read(content: Path, cache: Path | None) -> dict:
    code = READ.format(root=str(ROOT), cache=str(cache) if cache else "", content=str(content), schema=str(ROOT / "schema"))
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--offers", type=int, default=10000, help="size of the synthetic catalogue (default 10000)")
    parser.add_argument("--repository", type=Path, help="a folder holding content/ (and .git) to copy instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-content-cache-") as scratch:
        scratch = Path(scratch)
        if args.repository:
            shutil.copytree(args.repository, scratch / "repository", symlinks=True)
            content = scratch / "repository" / "content"
        else:
            from synthetic_catalogue import write_catalogue
            content = write_catalogue(scratch / "repository" / "content", args.offers)
        cache = scratch / "cache"
        offers = sorted((content / "offers").rglob("*.yaml"))
        rows = [("full read, no cache", read(content, None))]
        rows.append(("full read, empty cache (saves the snapshot)", read(content, cache)))
        rows.append(("nothing changed", read(content, cache)))
        changed = offers[len(offers) // 2]
        text = changed.read_text(encoding="utf-8")
        edited = text.replace("description: |\n  ", "description: |\n  Nieuw. ", 1) if "description: |\n" in text else text.replace("description: ", "description: Nieuw. ", 1)
        changed.write_text(edited, encoding="utf-8")
        rows.append((f"one offer changed ({changed.name})", read(content, cache)))
        full = read(content, None)
        print(f"{len(offers)} offers in {content}")
        for label, row in rows:
            print(f"  {label:<48} {row['seconds']:6.2f} CPU s")
        same = rows[-1][1]["result"] == full["result"] and rows[2][1]["result"] == rows[0][1]["result"]
        print(f"  cached results equal to a full read: {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
