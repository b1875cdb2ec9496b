"""Pages are rendered in forked worker processes: every page once, the same files as one process, failures stop the build."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from aanbod.site.pages import workers


def write_page(folder: Path):
    def write(number: int):
        (folder / f"{number}.txt").write_text(f"pagina {number}\n")
        (folder / f"{number}.pid").write_text(str(os.getpid()))
    return write


def test_workers_write_every_page_once_as_one_process_would(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    one.mkdir()
    two.mkdir()
    counted = []
    workers.run(list(range(300)), write_page(one), 1, counted.append)
    workers.run(list(range(300)), write_page(two), 2, counted.append)
    pages = sorted(path.name for path in one.glob("*.txt"))
    assert len(pages) == 300 and pages == sorted(path.name for path in two.glob("*.txt"))
    assert all((one / name).read_bytes() == (two / name).read_bytes() for name in pages)
    # The pages really were shared out: two processes wrote them, one of them not this one.
    writers = {(two / name).with_suffix(".pid").read_text() for name in pages}
    assert len(writers) == 2 and str(os.getpid()) in writers
    assert sum(counted) >= 300 + 150  # all of the single run, and at least this process's half


def test_a_failing_worker_stops_the_run(tmp_path):
    def fails_on_some(number: int):
        if number % 2 == 1:  # the odd pages go to the second process
            raise ValueError(f"pagina {number} kan niet")
        (tmp_path / f"{number}.txt").write_text("goed")

    with pytest.raises(workers.WorkerFailed):
        workers.run(list(range(10)), fails_on_some, 2)
    assert len(list(tmp_path.glob("*.txt"))) == 5


def test_a_site_built_by_three_workers_is_the_site_built_by_one(tmp_path):
    import subprocess
    import sys

    from conftest import ROOT

    def build(workers_setting: int) -> Path:
        output = tmp_path / f"workers-{workers_setting}"
        command = [str(Path(sys.executable).with_name("pelican")), str(ROOT / "content"), "--settings", str(ROOT / "pelicanconf.py"),
                   "--output", str(output), "--fatal", "errors", "--extra-settings", "AANBOD_SEARCH_INDEX=false", f"AANBOD_WORKERS={workers_setting}"]
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        assert result.returncode == 0, result.stdout + result.stderr
        return output

    one, three = build(1), build(3)
    files = sorted(path.relative_to(one) for path in one.rglob("*") if path.is_file())
    assert files == sorted(path.relative_to(three) for path in three.rglob("*") if path.is_file())
    assert len([path for path in files if path.name == "index.html"]) > 20
    assert all((one / path).read_bytes() == (three / path).read_bytes() for path in files)


def test_work_alongside_runs_in_another_process_while_this_one_goes_on(tmp_path):
    reader, writer = os.pipe()

    def background():
        # Waits for the body's word: this only finishes if the body runs at the same time, elsewhere.
        os.read(reader, 1)
        (tmp_path / "data.pid").write_text(str(os.getpid()))

    with workers.alongside(background):
        os.write(writer, b".")
        (tmp_path / "pages.pid").write_text(str(os.getpid()))
    assert (tmp_path / "data.pid").read_text() != (tmp_path / "pages.pid").read_text() == str(os.getpid())


def test_work_alongside_runs_first_and_here_with_one_core(tmp_path):
    done = []
    with workers.alongside(lambda: done.append(os.getpid()), enabled=False):
        assert done == [os.getpid()]


def test_failing_work_alongside_stops_the_build_after_the_body(tmp_path):
    def fails():
        raise ValueError("databestand kan niet")

    with pytest.raises(workers.WorkerFailed):
        with workers.alongside(fails):
            (tmp_path / "page.txt").write_text("goed")
    assert (tmp_path / "page.txt").exists()


def test_work_in_turn_runs_the_second_after_the_first_ended_without_its_heap_while_this_one_goes_on(tmp_path):
    reader, writer = os.pipe()
    left_behind: dict = {}

    def first():
        os.read(reader, 1)  # waits for the body's word: the body runs at the same time, elsewhere
        left_behind["data files"] = "a gigabyte"
        (tmp_path / "first.pid").write_text(str(os.getpid()))

    def then():
        # Started once the first process is done (its file, written last, is there; the pipe it holds closes when
        # it exits, after its memory is given back), and forked before it began: nothing of its heap here.
        first_pid = (tmp_path / "first.pid").read_text()
        (tmp_path / "then.txt").write_text(f"{os.getpid()} {first_pid} {sorted(left_behind)}")

    with workers.in_turn(first, then):
        os.write(writer, b".")
        (tmp_path / "body.pid").write_text(str(os.getpid()))
    then_pid, first_pid, seen = (tmp_path / "then.txt").read_text().split(" ", 2)
    assert seen == "[]" and first_pid == (tmp_path / "first.pid").read_text()
    assert len({then_pid, first_pid, (tmp_path / "body.pid").read_text()}) == 3


def test_work_in_turn_runs_both_here_in_order_with_one_core():
    done = []
    with workers.in_turn(lambda: done.append("first"), lambda: done.append("then"), enabled=False):
        assert done == ["first", "then"]


def test_a_failing_first_still_lets_the_second_run_and_stops_the_build_after_the_body(tmp_path):
    def fails():
        raise ValueError("databestand kan niet")

    with pytest.raises(workers.WorkerFailed):
        with workers.in_turn(fails, lambda: (tmp_path / "index.txt").write_text("zoekindex")):
            (tmp_path / "page.txt").write_text("goed")
    assert (tmp_path / "page.txt").exists() and (tmp_path / "index.txt").exists()
