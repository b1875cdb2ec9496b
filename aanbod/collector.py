"""Python's cyclic garbage collector around the build's big, long-lived data.

Reading a catalogue makes millions of objects (rows, cells, offers) that all live until the
build ends. The collector would walk them again and again while they are made (a fifth of the
reading time at 10,000 offers) and find almost nothing to free; after they are made, every
full collection in the pages walks them once more, and walking writes to each object, so a
forked worker's shared memory pages turn into copies of its own.
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def paused() -> Iterator[None]:
    """No cyclic collection inside the block (reference counting still frees what is no longer used)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def settle() -> None:
    """Free the cycles left so far, then keep everything that lives now out of later collections.

    For the catalogue and what the build prepared from it, before the pages and workers start;
    ``release`` undoes it at the end of the build.
    """
    gc.collect()
    gc.freeze()


def release() -> None:
    gc.unfreeze()
