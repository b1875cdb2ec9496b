"""Open Referral HSDS 3.0: services (offers) and organizations (providers) as the standard's JSON.

Every id is a UUIDv5 of our stable id under one fixed namespace, so an offer keeps its HSDS id
across builds and forks: uuid5(NAMESPACE, "offer/<id>"), "provider/<id>", "location/<offer>/<n>",
and so on. Each service nests what HSDS 3.0 nests: service_at_locations with
locations and addresses, schedules, cost options, languages, contacts, phones and attributes.
What would repeat in every service is written once and linked by id, as HSDS 3.0 allows (only a
service's id, name and status are required): the organization in organizations.json
(``organization_id``) and the taxonomy terms in taxonomy_terms.json (``taxonomy_term_id``).
A nested object leaves out the id of the object it sits in (``service_id``, ``location_id``,
``link_id``): its place in the document says it, and a consumer that flattens the services into
HSDS tables takes it from the parent. At 10,000 offers these copies were over half of services.json.
"""

from __future__ import annotations

import hashlib
import uuid
from pathlib import Path

from ..content import roles
from ..content.model import Catalogue, Offer, Provider
from .publication import Publication
from . import hsds_access
from .datafile import DataFile, write_json
from .values import to_json, utc_stamp

NAMESPACE = uuid.UUID("aa5a2ff7-3d17-456b-9e7d-aa464061f0f0")
FOLDER = "hsds"
# The standard these files follow, for dct:conformsTo in the DCAT catalogue.
STANDARD = "https://docs.openreferral.org/en/v3.0/hsds/"
# HSDS service status per role of the offer's status (statuses.csv, column role).
STATUSES = {roles.PUBLISHED: "active", roles.PAUSED: "temporarily closed", roles.WITHDRAWN: "defunct"}
ATTRIBUTE_FIELDS = ("kind", "subtype", "sectors", "target_groups")


_NAMESPACE_HASH = hashlib.sha1(NAMESPACE.bytes)


def hsds_id(*parts) -> str:
    """uuid.uuid5(NAMESPACE, "a/b/c") as text, without building a UUID object for each of the
    25 or so ids an offer has: that object was over a third of the export's time."""
    digest = _NAMESPACE_HASH.copy()
    digest.update("/".join(str(part) for part in parts).encode("utf-8"))
    raw = bytearray(digest.digest()[:16])
    raw[6] = (raw[6] & 0x0F) | 0x50  # version 5
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    text = raw.hex()
    return f"{text[:8]}-{text[8:12]}-{text[12:16]}-{text[16:20]}-{text[20:]}"


def _without_empty(mapping: dict) -> dict:
    return {key: value for key, value in mapping.items() if value not in (None, "", [])}


def organization(provider: Provider, publication: Publication) -> dict:
    phones = [{"id": hsds_id("provider-phone", provider.id), "number": provider.phone}] if provider.phone else []
    return _without_empty({
        "id": hsds_id("provider", provider.id),
        "name": provider.name,
        "description": provider.description,
        "email": provider.email,
        "website": provider.website,
        "uri": publication.provider_url(provider.id),
        "phones": phones,
    })


def _address(catalogue: Catalogue, location, publication: Publication) -> dict:
    return {
        "id": hsds_id("address", location.offer_id, location.position),
        "address_1": location.street_address,
        "city": catalogue.town(location),
        "region": catalogue.label("wijken", location.wijk) if location.wijk else "",
        "state_province": publication.province,
        "postal_code": location.postcode,
        "country": "NL",
        "address_type": "physical",
    }


def _locations(catalogue: Catalogue, offer: Offer, publication: Publication) -> list[dict]:
    links = []
    for location in offer.locations:
        location_id = hsds_id("location", offer.id, location.position)
        place = _without_empty({
            "id": location_id,
            "location_type": "physical",
            "name": location.name,
            "latitude": to_json(location.latitude),
            "longitude": to_json(location.longitude),
            "addresses": [_without_empty(_address(catalogue, location, publication))],
            "accessibility": [
                {"id": hsds_id("accessibility", offer.id, location.position, code), "description": catalogue.label("accessibility", code)}
                for code in offer.accessibility or ()
            ],
        })
        links.append({"id": hsds_id("service-at-location", offer.id, location.position), "location": place})
    if offer.online:
        location_id = hsds_id("location", offer.id, "online")
        place = _without_empty({"id": location_id, "location_type": "virtual", "name": "Online", "url": offer.website})
        links.append({"id": hsds_id("service-at-location", offer.id, "online"), "location": place})
    return links


def _schedules(catalogue: Catalogue, offer: Offer, publication: Publication) -> list[dict]:
    schedules = []
    byday = roles.days(catalogue.schema, "rfc5545")  # RFC 5545 day codes (days.csv), which HSDS uses in byday
    # HSDS has no closures and only a fixed UTC offset; Dutch time changes in summer, so times are local and the notes say so.
    closed = "; ".join(f"gesloten {closure['start_date'].isoformat()} t/m {closure['end_date'].isoformat()}"
                       + (f" ({closure['reason']})" if closure.get("reason") else "") for closure in offer.closures)
    for slot in offer.schedule:
        timed = bool(slot.get("start_time") and slot.get("end_time"))
        notes = "; ".join(part for part in ("Tijden in Nederlandse tijd (Europe/Amsterdam)." if timed else "", closed) if part)
        schedules.append(_without_empty({
            "id": hsds_id("schedule", offer.id, slot["day"], slot["part_of_day"]),
            "freq": "WEEKLY",
            "byday": byday[slot["day"]],
            "valid_from": to_json(offer.start_date),
            "valid_to": to_json(offer.end_date),
            "description": f"{catalogue.label('days', slot['day'])}: {catalogue.label('parts_of_day', slot['part_of_day']).lower()}",
            "attending_type": "in_person",
            "opens_at": slot.get("start_time") if timed else None,
            "closes_at": slot.get("end_time") if timed else None,
            "notes": notes,
            "schedule_link": publication.data_url(f"offers/{offer.id}.ics"),
        }))
    return schedules


def _attributes(catalogue: Catalogue, offer: Offer) -> list[dict]:
    attributes = []
    for name in ATTRIBUTE_FIELDS:
        taxonomy = catalogue.schema.taxonomy_of("offers", name)
        value = offer.values[name]
        for code in value if isinstance(value, list | tuple) else [value] if value else []:
            attributes.append({
                "id": hsds_id("attribute", offer.id, name, code),
                "link_type": name,
                "taxonomy_term_id": hsds_id("taxonomy-term", taxonomy.name, code),
                "value": code,
            })
    return attributes


def taxonomy_terms(catalogue: Catalogue) -> list[dict]:
    """Every code an attribute can point to, written once instead of inside every attribute."""
    terms = []
    for name in ATTRIBUTE_FIELDS:
        taxonomy = catalogue.schema.taxonomy_of("offers", name)
        for term in taxonomy.terms:
            terms.append({
                "id": hsds_id("taxonomy-term", taxonomy.name, term.code),
                "code": term.code,
                "name": term.label,
                "description": term.description or term.label,
                "taxonomy": f"open-aanbod:{taxonomy.name}",
                "language": "nl",
            })
    return terms


def _eligibility(catalogue: Catalogue, offer: Offer) -> str:
    groups = "Voor: " + ", ".join(catalogue.label("target_groups", code) for code in offer.target_groups) + "."
    return " ".join(filter(None, [groups, hsds_access.eligibility(catalogue, offer)]))


def service(catalogue: Catalogue, offer: Offer, publication: Publication) -> dict:
    service_id = hsds_id("offer", offer.id)
    provider = catalogue.providers[offer.provider]
    contact_id = hsds_id("contact", offer.id)
    return _without_empty({
        "id": service_id,
        "organization_id": hsds_id("provider", provider.id),
        "name": offer.title,
        "description": offer.description,
        "url": publication.offer_url(offer.id),
        "email": offer.contact_email,
        "status": STATUSES[offer.status_role],
        "fees_description": offer.cost_description,
        "eligibility_description": _eligibility(catalogue, offer),
        "minimum_age": offer.min_age,
        "maximum_age": offer.max_age,
        "assured_date": offer.verified_on.isoformat(),
        "last_modified": utc_stamp(offer.last_modified),
        "service_at_locations": _locations(catalogue, offer, publication),
        "schedules": _schedules(catalogue, offer, publication),
        "cost_options": [_without_empty({
            "id": hsds_id("cost-option", offer.id),
            "option": "Gratis" if offer.is_free else "Eigen bijdrage",
            "currency": "EUR",
            "amount": to_json(offer.cost_eur),
            "amount_description": offer.cost_description,
        })],
        "languages": [
            {"id": hsds_id("language", offer.id, code), "name": catalogue.label("languages", code), "code": code}
            for code in offer.languages or ()
        ],
        "contacts": [_without_empty({"id": contact_id, "name": offer.contact_name, "email": offer.contact_email})]
        if offer.contact_name or offer.contact_email else [],
        "phones": [{"id": hsds_id("phone", offer.id), "number": offer.contact_phone}] if offer.contact_phone else [],
        "attributes": _attributes(catalogue, offer),
        # Intake steps, documents, service area and funding (issue 14).
        **hsds_access.fields(catalogue, offer, hsds_id),
    })


def services(catalogue: Catalogue, publication: Publication) -> list[dict]:
    """Every offer as a service."""
    return [service(catalogue, offer, publication) for offer in catalogue.offers]


def write(catalogue: Catalogue, folder: Path, publication: Publication, records: list | None = None) -> list[DataFile]:
    """``records``: the services, made (``services``) or encoded (hsds_api.encoded_services), if made already."""
    services_path = write_json(folder / FOLDER / "services.json", services(catalogue, publication) if records is None else records)
    providers = sorted(catalogue.providers.values(), key=lambda provider: provider.id)
    organizations = write_json(folder / FOLDER / "organizations.json", [organization(provider, publication) for provider in providers])
    terms = write_json(folder / FOLDER / "taxonomy_terms.json", taxonomy_terms(catalogue))
    return [
        DataFile(
            f"{FOLDER}/services.json", "Aanbod in Open Referral HSDS 3.0 (JSON)",
            "Elk aanbod als HSDS 3.0-service, met plekken, adressen, dagen, kosten, talen, contact en codes, "
            "de stappen om binnen te komen, wat je nodig hebt, voor inwoners van welke gemeenten en wie betaalt. "
            "De aanbieder staat in organizations.json (organization_id), de namen van de codes in taxonomy_terms.json "
            "(taxonomy_term_id). Gestopt aanbod staat erin met status defunct.",
            "application/json", "JSON", (services_path,), standard=STANDARD,
        ),
        DataFile(
            f"{FOLDER}/organizations.json", "Aanbieders in Open Referral HSDS 3.0 (JSON)",
            "Elke aanbieder als HSDS 3.0-organization.", "application/json", "JSON", (organizations,), standard=STANDARD,
        ),
        DataFile(
            f"{FOLDER}/taxonomy_terms.json", "Codes in Open Referral HSDS 3.0 (JSON)",
            "Elke code van soort, vorm, werkveld en doelgroep als HSDS 3.0-taxonomy_term, met de Nederlandse naam.",
            "application/json", "JSON", (terms,), standard=STANDARD,
        ),
    ]
