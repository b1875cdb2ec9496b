"""A long list of offers split into numbered pages, and the links between them, worked out in Python.

A list page with thousands of cards is megabytes on a phone and a screen reader's endless list; the
search page is where a resident filters. Each page holds ``size`` cards in the list's own order, so
every offer is on exactly one page of the list, and the navigation always links the first, the last,
the neighbours of the current page and the previous and next page: every page is reachable in a few steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

NEIGHBOURS = 2  # numbered links on each side of the current page


@dataclass(frozen=True)
class Link:
    number: int
    url: str


@dataclass(frozen=True)
class Pagination:
    """Page ``number`` of ``count``: its slice of the list, and the links a template lays out."""

    number: int
    count: int
    first: int  # the position of this page's first card in the whole list, from 1
    last: int
    total: int
    previous: Link | None
    next: Link | None
    # Numbered links in order; None where numbers are left out (shown as an ellipsis).
    links: tuple[Link | None, ...]


def page_count(total: int, size: int) -> int:
    return max(1, -(-total // size))


def paginate(items: Sequence, size: int, url: Callable[[int], str]) -> list[tuple[Sequence, Pagination]]:
    """``items`` in pages of ``size``: each page's items and its Pagination; ``url(number)`` is a page's URL."""
    count = page_count(len(items), size)
    pages = []
    for number in range(1, count + 1):
        start = (number - 1) * size
        chunk = items[start:start + size]
        pages.append((chunk, Pagination(
            number=number, count=count, first=start + 1 if chunk else 0, last=start + len(chunk), total=len(items),
            previous=Link(number - 1, url(number - 1)) if number > 1 else None,
            next=Link(number + 1, url(number + 1)) if number < count else None,
            links=tuple(None if shown is None else Link(shown, url(shown)) for shown in shown_numbers(number, count)),
        )))
    return pages


def shown_numbers(number: int, count: int) -> list[int | None]:
    """1, the last page and the current page's neighbours; None for each gap of more than one number."""
    wanted = {1, count, *range(number - NEIGHBOURS, number + NEIGHBOURS + 1)}
    shown: list[int | None] = []
    for candidate in sorted(page for page in wanted if 1 <= page <= count):
        if shown and candidate - shown[-1] == 2:
            shown.append(candidate - 1)  # a gap of one number is shown as that number, not as an ellipsis
        elif shown and candidate - shown[-1] > 2:
            shown.append(None)
        shown.append(candidate)
    return shown
