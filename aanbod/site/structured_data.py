"""schema.org JSON-LD for an offer page, built from the same data as the page and the exports.

The type follows what the offer is, as the subtypes taxonomy says (columns schema_org_type and
employment_type in schema/taxonomies/subtypes.csv): work, paid or not, is a JobPosting, so it can
appear in job search; a programme with a diploma an EducationalOccupationalProgram, other learning
a Course, the rest a Service. Each type gets only properties schema.org defines for it, and what the
search engines' documentation requires or recommends for it (tests/test_structured_data.py).
"""

from __future__ import annotations

import json

from markupsafe import Markup

from ..content import roles
from . import structured_access
from ..exports.values import to_json, utc_stamp
from ..contrib.freshness import months_before
from ..content.markup import plain_text, render_markdown
from ..content.settings import DEFAULTS
from ..content.model import Catalogue, Offer
from ..exports.publication import Publication


FALLBACK_TYPE = "Service"  # for a fork whose subtypes.csv has no schema_org_type yet


def _subtype(catalogue: Catalogue, offer: Offer):
    return catalogue.schema.taxonomies["subtypes"].get(offer.subtype)


def schema_type(catalogue: Catalogue, offer: Offer) -> str:
    return _subtype(catalogue, offer).extra.get("schema_org_type") or FALLBACK_TYPE


def _clean(mapping: dict) -> dict:
    return {key: value for key, value in mapping.items() if value not in (None, "", [], {})}


def _organization(catalogue: Catalogue, offer: Offer, publication: Publication) -> dict:
    provider = catalogue.providers[offer.provider]
    return _clean({
        "@type": "Organization",
        "@id": publication.provider_url(provider.id) + "#organisatie",
        "name": provider.name,
        "url": provider.website or publication.provider_url(provider.id),
        "email": provider.email,
        "telephone": provider.phone,
    })


def _opening_hours(catalogue: Catalogue, offer: Offer) -> dict:
    """Clock times as OpeningHoursSpecification (one per slot with times), closures as special hours that open and
    close at 00:00: schema.org's way to say closed all day, from validFrom through validThrough."""
    urls = roles.days(catalogue.schema, "schema_org")
    regular = [{"@type": "OpeningHoursSpecification", "dayOfWeek": urls[day], "opens": start, "closes": end}
               for (day, _part), (start, end) in offer.slot_times().items()]
    closed = [{"@type": "OpeningHoursSpecification", "opens": "00:00", "closes": "00:00", "validFrom": to_json(closure["start_date"]),
               "validThrough": to_json(closure["end_date"]), **({"description": closure["reason"]} if closure.get("reason") else {})}
              for closure in offer.closures]
    return {"openingHoursSpecification": regular, "specialOpeningHoursSpecification": closed}


def _places(catalogue: Catalogue, offer: Offer, publication: Publication) -> list[dict]:
    places = []
    hours = _opening_hours(catalogue, offer)
    for location in offer.locations:
        geo = {"@type": "GeoCoordinates", "latitude": to_json(location.latitude), "longitude": to_json(location.longitude)} if location.has_coordinates else {}
        places.append(_clean({
            "@type": "Place",
            "name": location.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": location.street_address,
                "postalCode": location.postcode,
                "addressLocality": catalogue.town(location),
                "addressRegion": publication.province,
                "addressCountry": "NL",
            },
            "geo": geo,
            **hours,
        }))
    return places


def _audience(catalogue: Catalogue, offer: Offer) -> dict:
    return _clean({
        "@type": "PeopleAudience",
        "audienceType": [catalogue.label("target_groups", code) for code in offer.target_groups],
        "suggestedMinAge": offer.min_age,
        "suggestedMaxAge": offer.max_age,
    })


def _offer(offer: Offer, places: list[dict]) -> dict:
    return _clean({
        "@type": "Offer",
        "price": to_json(offer.cost_eur),
        "priceCurrency": "EUR",
        "description": offer.cost_description,
        "availableAtOrFrom": places,
    })


def _contact(offer: Offer) -> dict:
    return _clean({"@type": "ContactPoint", "name": offer.contact_name, "email": offer.contact_email, "telephone": offer.contact_phone, "url": offer.website})


def _labels(catalogue: Catalogue, taxonomy: str, codes) -> list[str]:
    return [catalogue.label(taxonomy, code) for code in codes or ()]


def _days(catalogue: Catalogue, offer: Offer) -> list[str]:
    urls = roles.days(catalogue.schema, "schema_org")  # days.csv, column schema_org
    return [urls[day] for day in offer.schedule_by_day()]


def _valid_through(offer: Offer) -> str:
    """The end date, else the day an unverified offer leaves the site (AANBOD_EXPIRE_AFTER_MONTHS after verified_on)."""
    if offer.end_date:
        return to_json(offer.end_date)
    return months_before(offer.values["verified_on"], -DEFAULTS["AANBOD_EXPIRE_AFTER_MONTHS"]).isoformat()


def _job_posting(catalogue: Catalogue, offer: Offer, publication: Publication, places: list[dict]) -> dict:
    provider = catalogue.providers[offer.provider]
    return {
        "title": offer.title,
        # Job search shows the description as HTML: its paragraphs and lists stay.
        "description": str(render_markdown(offer.description)),
        "identifier": {"@type": "PropertyValue", "name": provider.name, "value": offer.id},
        "datePosted": offer.last_modified.date().isoformat(),
        "validThrough": _valid_through(offer),
        "jobStartDate": to_json(offer.start_date),
        "employmentType": _subtype(catalogue, offer).extra.get("employment_type", ""),
        "directApply": False,  # one applies through the contact person, not on the page
        "hiringOrganization": _organization(catalogue, offer, publication),
        "jobLocation": places,
        "jobLocationType": "TELECOMMUTE" if offer.online else "",
        "applicantLocationRequirements": {"@type": "Country", "name": "NL"} if offer.online else {},
        "industry": _labels(catalogue, "sectors", offer.sectors),
        "workHours": f"Ongeveer {to_json(offer.hours_per_week)} uur per week" if offer.hours_per_week else "",
        "totalJobOpenings": offer.places,
        "incentiveCompensation": offer.compensation,
        "applicationContact": _contact(offer),
    }


def _course(catalogue: Catalogue, offer: Offer, publication: Publication, places: list[dict]) -> dict:
    weeks = (offer.end_date - offer.start_date).days // 7 + 1 if offer.start_date and offer.end_date else None
    schedule = _clean({
        "@type": "Schedule",
        "byDay": _days(catalogue, offer),
        "repeatFrequency": "Weekly",
        "repeatCount": weeks,
        "duration": f"PT{to_json(offer.hours_per_week)}H" if offer.hours_per_week else "",
        "startDate": to_json(offer.start_date),
        "endDate": to_json(offer.end_date),
    })
    instances = [_clean({"@type": "CourseInstance", "courseMode": "onsite", "location": place, "courseSchedule": schedule}) for place in places]
    if offer.online:
        instances.append(_clean({"@type": "CourseInstance", "courseMode": "online", "courseSchedule": schedule}))
    return {
        "provider": _organization(catalogue, offer, publication),
        "offers": {**_offer(offer, places), "category": "Free" if offer.is_free else "Paid"},
        "isAccessibleForFree": offer.is_free,
        "inLanguage": list(offer.languages or ()),
        "audience": _audience(catalogue, offer),
        "hasCourseInstance": instances,
        "dateModified": utc_stamp(offer.last_modified),
    }


def _program(catalogue: Catalogue, offer: Offer, publication: Publication, places: list[dict]) -> dict:
    modes = (["onsite"] if places else []) + (["online"] if offer.online else [])
    return {
        "provider": _organization(catalogue, offer, publication),
        "offers": _offer(offer, places),
        "startDate": to_json(offer.start_date),
        "endDate": to_json(offer.end_date),
        "educationalProgramMode": modes[0] if len(modes) == 1 else "blended",
        "maximumEnrollment": offer.places,
        "dayOfWeek": _days(catalogue, offer),
        "occupationalCategory": _labels(catalogue, "sectors", offer.sectors),
    }


def _service(catalogue: Catalogue, offer: Offer, publication: Publication, places: list[dict]) -> dict:
    languages = [{"@type": "Language", "name": catalogue.label("languages", code), "alternateName": code} for code in offer.languages or ()]
    channels = [_clean({"@type": "ServiceChannel", "serviceLocation": place, "availableLanguage": languages}) for place in places]
    if offer.online:
        channels.append(_clean({"@type": "ServiceChannel", "name": "Online", "serviceUrl": offer.website, "availableLanguage": languages}))
    return {
        "provider": _organization(catalogue, offer, publication),
        "serviceType": catalogue.label("subtypes", offer.subtype),
        "category": _labels(catalogue, "sectors", offer.sectors),
        "audience": _audience(catalogue, offer),
        "areaServed": [{"@type": "AdministrativeArea", "name": catalogue.label("municipalities", code)} for code in offer.municipalities],
        "availableChannel": channels,
        "offers": _offer(offer, places),
    }


BUILDERS = {"JobPosting": _job_posting, "Course": _course, "EducationalOccupationalProgram": _program, "Service": _service}


def offer_data(catalogue: Catalogue, offer: Offer, publication: Publication) -> dict:
    url = publication.offer_url(offer.id)
    kind = schema_type(catalogue, offer)
    places = _places(catalogue, offer, publication)
    data = {
        "@context": "https://schema.org",
        "@type": kind,
        "@id": url + "#aanbod",
        "url": url,
        "identifier": offer.id,
        "name": offer.title,
        "disambiguatingDescription": offer.summary,
        "description": plain_text(offer.description),
        **BUILDERS[kind](catalogue, offer, publication, places),
    }
    return _clean(structured_access.add_access(catalogue, offer, data))


def script_json(data: dict) -> Markup:
    """JSON for inside <script>: '<', '>' and '&' as JSON escapes, so no text can close the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
