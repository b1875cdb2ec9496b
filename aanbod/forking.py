"""Work out ``function(slice)`` for consecutive slices of a list in forked processes, results back in order.

For work whose results are worth sending back (the rows read from 10,000 content files): each child
pickles its result into a pipe, the parent works out the first slice itself meanwhile and then reads
the others in order, so the results are the same as from one process, in the same order. A child
that fails prints its traceback and the parent raises ForkFailed. Without fork, or with one worker,
everything runs here. (aanbod/site/pages/workers.py is the other kind: workers that write files and
send nothing back.) ``apart`` is the same for one piece of work done in a child only to keep its garbage out of
this process's heap.
"""

from __future__ import annotations

import os
import pickle
import sys
import traceback
from typing import Callable, Sequence, TypeVar

T = TypeVar("T")


class ForkFailed(RuntimeError):
    pass


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_slices(function: Callable[[Sequence], object], items: Sequence, workers: int, here: bool = True) -> list:
    """[function(slice) for each of up to ``workers`` consecutive slices of ``items``], the first worked out here
    (without ``here``: in a child as well, also when it is the only one)."""
    workers = max(1, min(workers, len(items)))
    size = max(1, -(-len(items) // workers))  # the ceiling: every slice but the last is full
    slices = [items[start:start + size] for start in range(0, len(items), size)] or [items]
    if not hasattr(os, "fork") or (here and len(slices) == 1):
        return [function(part) for part in slices]
    sys.stdout.flush()
    sys.stderr.flush()
    children: list[tuple[int, int | None]] = []
    try:
        for part in slices[1 if here else 0:]:
            reader, writer = os.pipe()
            pid = os.fork()
            if pid == 0:  # the child: its slice, pickled into the pipe
                os.close(reader)
                os._exit(_send(function, part, writer))
            os.close(writer)
            children.append((pid, reader))
        results = [function(slices[0])] if here else []
        for number, (pid, reader) in enumerate(children):
            with os.fdopen(reader, "rb") as stream:
                children[number] = (pid, None)
                data = stream.read()
            results.append(pickle.loads(data) if data else None)
    finally:
        for pid, reader in children:
            if reader is not None:  # the parent failed first: a child writing into this pipe must not wait forever
                os.close(reader)
        failed = [pid for pid, _ in children if os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) != 0]
    if failed:
        raise ForkFailed(f"{len(failed)} van de {len(children)} hulpprocessen liep vast; de fout staat hierboven.")
    return results


def apart(work: Callable[[], T]) -> T:
    """``work()`` worked out in a forked child, its result pickled back (here without fork).

    For work that leaves much garbage between the few objects that live on, such as reading and validating the
    content: this process's heap then holds only the result, packed together, instead of a result scattered over
    memory that the garbage freed and that no process gives back. Every process forked from it later shares that
    smaller heap: at 100,000 offers the build's peak PSS fell by about a gigabyte."""
    return map_slices(lambda _: work(), [None], 1, here=False)[0]


def exit_status(work: Callable[[], object]) -> int:
    """A forked child's exit status: 0 when ``work()`` ran through, else 1 with its traceback printed (the parent
    then says that a helper process stopped, and the traceback above says why)."""
    try:
        work()
        return 0
    except BaseException:
        traceback.print_exc()
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()


def _send(function: Callable[[Sequence], object], part: Sequence, writer: int) -> int:
    def work():
        data = pickle.dumps(function(part), protocol=pickle.HIGHEST_PROTOCOL)
        with os.fdopen(writer, "wb") as stream:
            stream.write(data)
    return exit_status(work)
