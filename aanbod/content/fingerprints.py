"""Fingerprints of the catalogue's records, for the build cache (aanbod/build_cache.py, issue 10).

An offer's fingerprint covers everything a page, card, data file or search record of that offer can
show: its typed values (availability merged in), its source path and git time, its locations,
schedule and closures, the rows of its nested tables (intake steps), its status and whether it is
held back, its provider's record (a card names the provider), and what the build's today decides for it
(availability_view.dated_facts: whether its room is still current, which closures still show). Whatever the
whole site shares (code, schema, settings) is not in it: callers add their own digest of that. The date itself
is not in it either, so a build on a new day keeps every offer whose dated facts did not move.
"""

from __future__ import annotations

from datetime import date

from ..build_cache import digest
from .availability_view import dated_facts
from .model import Catalogue, Offer, Provider


class Fingerprints:
    """Each record's fingerprint, worked out once per build."""

    def __init__(self, catalogue: Catalogue, today: date | None):
        self.catalogue = catalogue
        self.today = today  # the build's (content/history.py)
        self._offers: dict[str, str] = {}
        self._providers: dict[str, str] = {}
        self._children = [child.name for child in catalogue.schema.children_of("offers")]

    def provider(self, provider: Provider) -> str:
        found = self._providers.get(provider.id)
        if found is None:
            found = self._providers[provider.id] = digest(repr(provider))
        return found

    def offer(self, offer: Offer) -> str:
        found = self._offers.get(offer.id)
        if found is None:
            catalogue = self.catalogue
            provider = catalogue.providers.get(offer.provider)
            found = self._offers[offer.id] = digest(
                repr(offer), [repr(catalogue.rows_of(name, offer.id)) for name in self._children],
                offer.id in catalogue.held_back, self.provider(provider) if provider is not None else "-",
                dated_facts(catalogue, offer, self.today),
            )
        return found
