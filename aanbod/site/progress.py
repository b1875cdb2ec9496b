"""Progress of a long build stage: stage, count, rate and time left.

On a terminal one line is rewritten in place; in a CI log (no terminal) a few plain lines appear,
each whole and unwrapped, so a log of 100,000 pages stays short and readable.
"""

from __future__ import annotations

import sys
import time
from typing import Callable, TextIO

CI_STEPS = 4  # lines in a log without terminal: at a quarter, half, three quarters and the end
REDRAW_SECONDS = 0.2


class Progress:
    def __init__(self, stage: str, total: int, stream: TextIO | None = None, clock: Callable[[], float] = time.monotonic):
        self.stage, self.total, self.done = stage, total, 0
        self.stream = stream if stream is not None else sys.stderr
        self.clock = clock
        self.started = self.drawn = clock()
        self.live = self.stream.isatty()
        self._next_step = 1

    def advance(self, count: int = 1):
        self.done = min(self.total, self.done + count)
        now = self.clock()
        if self.live:
            if now - self.drawn >= REDRAW_SECONDS or self.done == self.total:
                self.drawn = now
                self.stream.write("\r" + self.line(now) + "\033[K")
                self.stream.flush()
        elif self.total and self.done * CI_STEPS >= self._next_step * self.total:
            while self._next_step <= CI_STEPS and self.done * CI_STEPS >= self._next_step * self.total:
                self._next_step += 1
            print(self.line(now), file=self.stream, flush=True)

    def finish(self):
        """Show the last count, and end the terminal's line so the next message starts on its own."""
        if self.done < self.total:
            self.advance(self.total - self.done)
        if self.live:
            self.stream.write("\n")
            self.stream.flush()

    def line(self, now: float) -> str:
        seconds = now - self.started
        rate = self.done / seconds if seconds > 0 else 0.0
        text = f"Aanbod: {self.stage}: {_number(self.done)} van {_number(self.total)}"
        if rate:
            text += f", {_number(round(rate))} per seconde"
            if self.done < self.total:
                text += f", nog ongeveer {_duration((self.total - self.done) / rate)}"
            else:
                text += f", in {_duration(seconds)}"
        return text + "."


def _number(value: int) -> str:
    """Dutch thousands: 20.000."""
    return f"{value:,}".replace(",", ".")


def _duration(seconds: float) -> str:
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60:02d} s"
