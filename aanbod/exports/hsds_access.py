"""How to get in, who may come and who pays (issue 14) in HSDS 3.0: the service's ``application_process``,
``required_documents``, ``service_areas`` and ``funding``, and the income situations in its eligibility.

Nested in the service as hsds.py nests everything, so without ``service_id``; ids are UUIDv5 of our
stable ids like every other (hsds.hsds_id). Texts are the Dutch labels of the taxonomies.
"""

from __future__ import annotations

from ..content.model import Catalogue, Offer
from ..presentation import joined

STEPS_TABLE = "intake_steps"


def application_process(catalogue: Catalogue, offer: Offer) -> str:
    """The numbered steps ("1. Via het buurtteam: ..."), then the provider's how_to_apply; only the latter without steps."""
    steps = catalogue.rows_of(STEPS_TABLE, offer.id)
    if not steps:
        return offer.how_to_apply
    taxonomy = catalogue.schema.taxonomy_of(STEPS_TABLE, "step")
    lines = []
    for number, step in enumerate(steps, start=1):
        term = taxonomy.get(step["step"])
        lines.append(f"{number}. {term.label}: {step['text'] or term.description}")
    return "\n".join(lines) + "\n\n" + offer.how_to_apply


def _labels(catalogue: Catalogue, offer: Offer, name: str) -> list[tuple[str, str]]:
    """(code, Dutch label) of a list field of the offer; none where a fork has no such field."""
    codes = offer.values.get(name) or ()
    taxonomy = catalogue.schema.taxonomy_of("offers", name) if codes else None
    return [(code, taxonomy.label(code)) for code in codes]


def eligibility(catalogue: Catalogue, offer: Offer) -> str:
    """What the offer's own restrictions add to its eligibility description: income situations and service area."""
    sentences = []
    incomes = [label for _, label in _labels(catalogue, offer, "income_situations")]
    if incomes:
        sentences.append(f"Alleen voor mensen met: {joined(incomes)}.")
    area = [label for _, label in _labels(catalogue, offer, "service_area")]
    if area:
        sentences.append(f"Alleen voor inwoners van {joined(area)}.")
    return " ".join(sentences)


def fields(catalogue: Catalogue, offer: Offer, hsds_id) -> dict:
    """The service's fields about getting in; ``hsds_id`` makes the ids (hsds.hsds_id)."""
    return {
        "application_process": application_process(catalogue, offer),
        "required_documents": [
            {"id": hsds_id("required-document", offer.id, code), "document": label}
            for code, label in _labels(catalogue, offer, "required_documents")
        ],
        "service_areas": [
            {"id": hsds_id("service-area", offer.id, code), "name": label, "description": f"Alleen voor inwoners van {label}."}
            for code, label in _labels(catalogue, offer, "service_area")
        ],
        "funding": [
            {"id": hsds_id("funding", offer.id, code), "source": label}
            for code, label in _labels(catalogue, offer, "funding")
        ],
    }
