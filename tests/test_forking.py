"""aanbod/forking.py: slices worked out in forked processes come back whole and in order, and a failure is loud."""

from __future__ import annotations

import os

import pytest

from aanbod import forking


def test_the_results_are_the_slices_in_order_as_in_one_process():
    items = list(range(103))
    for workers in (1, 2, 3, 7, 200):
        parts = forking.map_slices(lambda part: [item * item for item in part], items, workers)
        assert [value for part in parts for value in part] == [item * item for item in items]
        assert len(parts) == min(workers, len(items))


def test_the_slices_after_the_first_are_worked_out_in_other_processes():
    pids = forking.map_slices(lambda part: os.getpid(), list(range(6)), 3)
    assert pids[0] == os.getpid() and len(set(pids)) == 3


def test_large_results_come_through_the_pipe():
    parts = forking.map_slices(lambda part: {item: "x" * 100_000 for item in part}, list(range(40)), 2)
    assert sum(len(part) for part in parts) == 40 and all(len(value) == 100_000 for part in parts for value in part.values())


def test_no_items_gives_one_empty_slice():
    assert forking.map_slices(lambda part: list(part), [], 4) == [[]]


def test_a_child_that_fails_makes_the_parent_raise(capfd):
    def fail_in_child(part):
        if 5 in part:
            raise ValueError("kapot in het hulpproces")
        return part

    with pytest.raises(forking.ForkFailed):
        forking.map_slices(fail_in_child, list(range(10)), 2)
    assert "kapot in het hulpproces" in capfd.readouterr().err


def test_a_parent_that_fails_does_not_wait_forever_for_a_child_writing_a_large_result():
    def large_in_child(part):
        if 0 in part:
            raise KeyError("kapot in het hoofdproces")
        return "x" * 10_000_000  # far more than a pipe holds: the child blocks until the pipe is closed

    with pytest.raises(KeyError):
        forking.map_slices(large_in_child, list(range(4)), 2)


def test_apart_works_it_out_in_another_process_and_sends_the_result_back():
    pid, result = forking.apart(lambda: (os.getpid(), {"rijen": [list(range(1000))] * 3}))
    assert pid != os.getpid() and result == {"rijen": [list(range(1000))] * 3}


def test_apart_raises_when_the_work_fails(capfd):
    def fail():
        raise ValueError("kapot apart")

    with pytest.raises(forking.ForkFailed):
        forking.apart(fail)
    assert "kapot apart" in capfd.readouterr().err
