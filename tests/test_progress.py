"""Long build stages show their progress: a line rewritten on a terminal, a few whole lines in a CI log."""

from __future__ import annotations

import io

from aanbod.site.progress import Progress


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_ci_log_gets_four_whole_lines_with_count_rate_and_time_left():
    log, clock = io.StringIO(), Clock()
    progress = Progress("pagina's geschreven", 20_000, stream=log, clock=clock)
    for _ in range(200):
        clock.now += 0.5
        progress.advance(100)
    progress.finish()
    lines = log.getvalue().splitlines()
    assert lines == [
        "Aanbod: pagina's geschreven: 5.000 van 20.000, 200 per seconde, nog ongeveer 1 min 15 s.",
        "Aanbod: pagina's geschreven: 10.000 van 20.000, 200 per seconde, nog ongeveer 50 s.",
        "Aanbod: pagina's geschreven: 15.000 van 20.000, 200 per seconde, nog ongeveer 25 s.",
        "Aanbod: pagina's geschreven: 20.000 van 20.000, 200 per seconde, in 1 min 40 s.",
    ]
    assert "\r" not in log.getvalue()


def test_a_terminal_gets_one_line_rewritten_in_place_and_ended_at_the_finish():
    screen, clock = Terminal(), Clock()
    progress = Progress("pagina's geschreven", 10, stream=screen, clock=clock)
    for _ in range(10):
        clock.now += 1
        progress.advance()
    progress.finish()
    text = screen.getvalue()
    assert text.count("\r") == 10 and text.endswith("in 10 s.\033[K\n")
    assert "\n" not in text[:-1]


def test_a_stage_that_ends_early_still_shows_its_total():
    log = io.StringIO()
    progress = Progress("pagina's geschreven", 300, stream=log, clock=Clock())
    progress.advance(50)
    progress.finish()
    assert log.getvalue().splitlines()[-1].startswith("Aanbod: pagina's geschreven: 300 van 300")
