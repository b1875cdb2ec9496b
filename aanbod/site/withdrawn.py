"""Withdrawn offers keep their URL: the page that says so points to similar offers nearby.

Closeness, closest first: same subtype, then a shared wijk, then a shared municipality, then by
title. Sorting every published offer for every withdrawn one grows with withdrawn × published
(28 minutes at 100,000 offers); ``SimilarOffers`` indexes the published offers once and walks only
the few lists that can hold the closest ones, each already in title order.
"""

from __future__ import annotations

from heapq import merge

from ..content.model import Catalogue, Offer

SIMILAR_COUNT = 5


def _title_order(offer: Offer) -> tuple:
    return (offer.title.lower(), offer.id)


def _closeness(withdrawn: Offer, candidate: Offer) -> tuple:
    """Sort key, closest first: same subtype, then same wijk, then same municipality, then by title."""
    same_wijk = bool(set(withdrawn.wijken) & set(candidate.wijken))
    same_municipality = bool(set(withdrawn.municipalities) & set(candidate.municipalities))
    return (candidate.subtype != withdrawn.subtype, not same_wijk, not same_municipality, *_title_order(candidate))


class SimilarOffers:
    """Published offers in title order, per kind, per subtype, per wijk and per municipality."""

    def __init__(self, catalogue: Catalogue):
        self._lists: dict[tuple, list[Offer]] = {}
        for offer in sorted(catalogue.published, key=_title_order):
            for subtype in (offer.subtype, None):  # None: any subtype of the kind
                self._add((offer.kind, subtype), offer)
                for wijk in offer.wijken:
                    self._add((offer.kind, subtype, "wijk", wijk), offer)
                for municipality in offer.municipalities:
                    self._add((offer.kind, subtype, "municipality", municipality), offer)

    def _add(self, key: tuple, offer: Offer):
        self._lists.setdefault(key, []).append(offer)

    def _walk(self, withdrawn: Offer, subtype, place: str | None):
        """Candidates in title order: of ``subtype`` (None: any), sharing a wijk or municipality if ``place`` says so."""
        if place is None:
            return iter(self._lists.get((withdrawn.kind, subtype), ()))
        codes = withdrawn.wijken if place == "wijk" else withdrawn.municipalities
        return merge(*(self._lists.get((withdrawn.kind, subtype, place, code), ()) for code in codes), key=_title_order)

    def of(self, withdrawn: Offer, count: int = SIMILAR_COUNT) -> list[Offer]:
        """The ``count`` closest published offers of the same kind.

        Each closeness tier is filled in title order from the one list that holds it; offers of a
        closer tier met there were taken already, and there are fewer than ``count`` of those, so
        each walk stops after a few steps.
        """
        found: list[Offer] = []
        taken: set[str] = set()
        for subtype in (withdrawn.subtype, None):
            for same_wijk, same_municipality in ((True, True), (True, False), (False, True), (False, False)):
                tier = (subtype is None, not same_wijk, not same_municipality)
                place = "wijk" if same_wijk else "municipality" if same_municipality else None
                for candidate in self._walk(withdrawn, subtype, place):
                    if candidate.id not in taken and _closeness(withdrawn, candidate)[:3] == tier:
                        found.append(candidate)
                        taken.add(candidate.id)
                        if len(found) == count:
                            return found
        return found
