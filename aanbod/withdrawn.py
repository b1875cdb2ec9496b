"""Withdrawn offers keep their URL: the page that says so points to similar offers nearby."""

from __future__ import annotations

from .model import Catalogue, Offer

SIMILAR_COUNT = 5


def _closeness(withdrawn: Offer, candidate: Offer) -> tuple:
    """Sort key, closest first: same subtype, then same wijk, then same municipality, then by title."""
    same_wijk = bool(set(withdrawn.wijken) & set(candidate.wijken))
    same_municipality = bool(set(withdrawn.municipalities) & set(candidate.municipalities))
    return (candidate.subtype != withdrawn.subtype, not same_wijk, not same_municipality, candidate.title.lower(), candidate.id)


def similar_offers(catalogue: Catalogue, withdrawn: Offer, count: int = SIMILAR_COUNT) -> list[Offer]:
    """Published offers of the same kind, the closest first."""
    candidates = [offer for offer in catalogue.published if offer.kind == withdrawn.kind]
    return sorted(candidates, key=lambda candidate: _closeness(withdrawn, candidate))[:count]
