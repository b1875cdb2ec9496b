"""Who may come and what to bring (issue 14) in an offer's schema.org JSON-LD, where schema.org has a place.

- service area: ``eligibleRegion`` of the Offer (Course, programme, Service) and ``areaServed`` of a Service,
  as AdministrativeAreas; a JobPosting says it in ``eligibilityToWorkRequirement``.
- required documents: ``coursePrerequisites`` of a Course, ``programPrerequisites`` of a programme.
Income situations and funding have no schema.org property for these types; they are in HSDS and our own files.
"""

from __future__ import annotations

from ..content.model import Catalogue, Offer
from ..presentation import joined

PREREQUISITES = {"Course": "coursePrerequisites", "EducationalOccupationalProgram": "programPrerequisites"}


def _labels(catalogue: Catalogue, offer: Offer, name: str) -> list[str]:
    codes = offer.values.get(name) or ()
    return [catalogue.schema.taxonomy_of("offers", name).label(code) for code in codes] if codes else []


def add_access(catalogue: Catalogue, offer: Offer, data: dict) -> dict:
    """``data`` (one offer's JSON-LD, before cleaning) with the service area and documents added where they fit."""
    kind = data["@type"]
    area = _labels(catalogue, offer, "service_area")
    if area:
        regions = [{"@type": "AdministrativeArea", "name": name} for name in area]
        if isinstance(data.get("offers"), dict):
            data["offers"] = {**data["offers"], "eligibleRegion": regions}
        if kind == "Service":
            data["areaServed"] = regions
        if kind == "JobPosting":
            data["eligibilityToWorkRequirement"] = f"Alleen voor inwoners van {joined(area)}."
    documents = _labels(catalogue, offer, "required_documents")
    if documents and kind in PREREQUISITES:
        data[PREREQUISITES[kind]] = documents
    return data
