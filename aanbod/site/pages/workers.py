"""Render and write pages in worker processes, one per core.

The parent has computed everything the pages need (catalogue, view-models, templates); then it
forks, so each worker starts with all of that without copying or pickling anything. Each worker
renders and writes its own slice of the pages; a page is one file written by one process, so the
output does not depend on how the pages were split. Workers report progress through a pipe and
their failure through their exit status: the build stops when one fails.
"""

from __future__ import annotations

import gc
import os
import sys
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

from ...forking import available_cores, exit_status  # noqa: F401 - the build asks this module how many workers it may start

PROGRESS_EVERY = 50  # a worker reports this many pages at a time


class WorkerFailed(RuntimeError):
    pass


def run(jobs: Sequence, do: Callable[[object], None], workers: int, advance: Callable[[int], None] = lambda count: None):
    """``do(job)`` for every job, in ``workers`` processes (this one included); ``advance(n)`` after each n done."""
    workers = max(1, min(workers, len(jobs)))
    if workers == 1 or not hasattr(os, "fork"):
        for job in jobs:
            do(job)
            advance(1)
        return
    # Slices taken every n-th job, so each worker gets a like mix of small and large pages.
    slices = [jobs[index::workers] for index in range(workers)]
    reader, writer = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    gc.freeze()  # objects made before the fork stay shared: the collector does not touch (copy) them
    children = []
    try:
        try:
            for part in slices[1:]:
                pid = os.fork()
                if pid == 0:  # the worker
                    os.close(reader)
                    os._exit(_work(part, do, writer))
                children.append(pid)
        finally:
            os.close(writer)  # the workers hold their own copy; the pipe ends when the last one exits
        os.set_blocking(reader, False)
        for job in slices[0]:
            do(job)
            advance(1 + _reported(reader))
        os.set_blocking(reader, True)
        while report := os.read(reader, 4096):
            advance(len(report) * PROGRESS_EVERY)
    finally:
        failed = _failed(children)
        os.close(reader)
        gc.unfreeze()
    if failed:
        raise WorkerFailed(f"{len(failed)} van de {len(children)} hulpprocessen liep vast; de fout staat hierboven.")


@contextmanager
def alongside(do: Callable[[], None], enabled: bool = True) -> Iterator[None]:
    """``do()`` in a forked process while the ``with`` body runs here; WorkerFailed afterwards if it failed.

    For work that needs nothing the body makes and writes its own files (the data files and the
    search index beside the pages), so both cores stay busy until the end of the build.
    Without ``enabled`` (one worker) or fork, ``do()`` runs here first.
    """
    if not enabled or not hasattr(os, "fork"):
        do()
        yield
        return
    sys.stdout.flush()
    sys.stderr.flush()
    pid = _fork(do)
    try:
        yield
    finally:
        failed = _failed([pid])
    if failed:
        raise WorkerFailed("het hulpproces voor de databestanden en de zoekindex liep vast; de fout staat hierboven.")


@contextmanager
def in_turn(first: Callable[[], None], then: Callable[[], None], enabled: bool = True) -> Iterator[None]:
    """``first()`` and after it ``then()``, each in a forked process, while the ``with`` body runs here; WorkerFailed
    afterwards if either failed.

    Both are forked before ``first`` begins, so ``then`` does not inherit what ``first`` leaves in its heap (at
    100,000 offers the data files left about a gigabyte, which the search index and Pagefind then sat on top of);
    ``then`` waits for ``first``'s process to end, so the two never hold memory at once and one core stays free for
    the pages. Without ``enabled`` (one worker) or fork, both run here first.
    """
    if not enabled or not hasattr(os, "fork"):
        first()
        then()
        yield
        return
    # ``first``'s process holds the only open end of this pipe that is left after the forks: ``then`` reads the
    # end of it when that process ends, however it ends.
    reader, writer = os.pipe()

    def then_after_first():
        while os.read(reader, 1):
            pass
        os.close(reader)
        then()

    sys.stdout.flush()
    sys.stderr.flush()
    pids = [_fork(first, close=reader), _fork(then_after_first, close=writer)]
    os.close(reader)
    os.close(writer)  # before the body forks the page workers: they must not keep it open
    try:
        yield
    finally:
        failed = _failed(pids)
    if failed:
        raise WorkerFailed("een hulpproces voor de databestanden of de zoekindex liep vast; de fout staat hierboven.")


def _fork(do: Callable[[], None], close: int | None = None) -> int:
    """``do()`` in a forked process, which first closes the pipe end ``close`` (if given); returns its pid."""
    pid = os.fork()
    if pid == 0:
        if close is not None:
            os.close(close)
        gc.freeze()  # what the parent made stays shared: the collector does not touch (copy) it
        os._exit(_work([None], lambda _: do(), None))
    return pid


def _failed(pids: Sequence[int]) -> list[int]:
    """Waits for each of the processes ``pids``; the ones that failed."""
    return [pid for pid in pids if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0]


def _work(jobs: Sequence, do: Callable[[object], None], writer: int | None) -> int:
    """A worker's life: its jobs, a byte through the pipe (if any) every PROGRESS_EVERY pages, and an exit status."""
    def work():
        for count, job in enumerate(jobs, start=1):
            do(job)
            if writer is not None and count % PROGRESS_EVERY == 0:
                os.write(writer, b".")
    return exit_status(work)


def _reported(reader: int) -> int:
    try:
        return len(os.read(reader, 4096)) * PROGRESS_EVERY
    except BlockingIOError:
        return 0
