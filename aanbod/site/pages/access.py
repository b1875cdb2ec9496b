"""How to get in, who may come and who pays (issue 14): what an offer page shows of its intake steps,
required documents, service area, income situations and funding, worked out once per offer and language.

Labels and descriptions come from the taxonomies (``label_en``, ``description_en`` for English); the
provider's own text for a step stays as written. No Pelican here; ``_`` is the page language's gettext.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ...content.model import Catalogue, Offer
from ...presentation import N_, joined

STEPS_TABLE = "intake_steps"


@dataclass(frozen=True)
class Item:
    """A chosen code in the page's language: its label, and the provider's text or else the code's description."""

    code: str
    label: str
    text: str
    own_words: bool  # the text is the provider's (Dutch), not the taxonomy's


@dataclass(frozen=True)
class Access:
    steps: tuple[Item, ...]
    documents: tuple[Item, ...]
    area: str  # "Houten, Woerden en Montfoort", empty when everyone in the region may come
    incomes: str
    funding: str

    def __bool__(self) -> bool:
        return bool(self.steps or self.documents or self.area or self.incomes or self.funding)


def _items(catalogue: Catalogue, table: str, name: str, pairs, language: str | None) -> tuple[Item, ...]:
    """Items of the codes in ``pairs`` (code, provider's text); the taxonomy is the one ``table.name`` uses, so a fork may rename it."""
    terms = catalogue.schema.taxonomy_of(table, name)
    items = []
    for code, text in pairs:
        term = terms.get(code)
        items.append(Item(code, term.label_in(language), text or term.description_in(language), bool(text)))
    return tuple(items)


def offer_access(catalogue: Catalogue, offer: Offer, language: str | None = None, _: Callable[[str], str] = N_) -> Access:
    """The parts of the page about getting in, for ``offer`` in ``language``; fields a fork removed count as empty."""
    values = offer.values
    steps = catalogue.rows_of(STEPS_TABLE, offer.id)

    def labels(name: str) -> str:
        codes = values.get(name) or ()
        return joined([catalogue.schema.taxonomy_of("offers", name).label(code, language) for code in codes], _) if codes else ""

    documents = values.get("required_documents") or ()

    return Access(
        steps=_items(catalogue, STEPS_TABLE, "step", ((step["step"], step["text"]) for step in steps), language) if steps else (),
        documents=_items(catalogue, "offers", "required_documents", ((code, "") for code in documents), language) if documents else (),
        area=labels("service_area"),
        incomes=labels("income_situations"),
        funding=labels("funding"),
    )
