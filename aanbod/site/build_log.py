"""The build's log as whole Dutch lines: one message per line, never wrapped, level in a word.

Pelican logs through rich, which wraps at the terminal's width and at 80 columns when there
is none (a CI log), so a path breaks over two lines and cannot be copied or clicked. The
plugin swaps rich's handler for this one; the messages stay the same.
"""

from __future__ import annotations

import logging
import sys

# What a provider or editor reads before a message; information needs no word of its own.
LEVEL_WORDS = {logging.WARNING: "Let op: ", logging.ERROR: "Fout: ", logging.CRITICAL: "Fout: "}


class LineFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = " ".join(record.getMessage().split())  # one line, however the message was written
        return LEVEL_WORDS.get(record.levelno, "") + message


def plain_handler(stream=None) -> logging.Handler:
    # stderr, where the problem report and the progress lines go, so a CI log keeps their order.
    handler = logging.StreamHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(LineFormatter())
    return handler


def replace_handlers(logger: logging.Logger, replaced: type, stream=None) -> None:
    """Swap every handler of class ``replaced`` on ``logger`` for the plain one, keeping its level and filters."""
    for handler in list(logger.handlers):
        if isinstance(handler, replaced):
            plain = plain_handler(stream)
            plain.setLevel(handler.level)
            for each in handler.filters:
                plain.addFilter(each)
            logger.removeHandler(handler)
            logger.addHandler(plain)


def done_line(output: str, seconds: float) -> str:
    """Pelican's closing "Done: Processed 0 articles, ..." counts what this site does not have; this says what it did."""
    return f"Klaar: de site staat in {output} ({seconds:.1f} seconden).".replace(f"{seconds:.1f}", f"{seconds:.1f}".replace(".", ","))
