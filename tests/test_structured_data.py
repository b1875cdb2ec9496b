"""schema.org JSON-LD on offer pages: the right type, the same data as the page, and safe inside <script>."""

from __future__ import annotations

import json

from bs4 import BeautifulSoup

from aanbod.content.markup import plain_text, render_markdown
from aanbod.exports.publication import Publication
from aanbod.content.settings import DEFAULTS
from aanbod.site.structured_data import offer_data, schema_type, script_json
from conftest import build_site, offer_yaml, provider_yaml, write_files

PUBLICATION = Publication.from_settings(DEFAULTS)


def test_the_type_follows_the_kind_of_offer(catalogue):
    expected = {
        "vrijwilligerswerk": "JobPosting", "opleiding": "EducationalOccupationalProgram", "cursus": "Course", "taal": "Course",
        "dagbesteding": "Service", "activiteit": "Service", "betaald-werk": "JobPosting", "beschut-werk": "JobPosting",
        "werkervaringsplek": "JobPosting", "traject": "Service",
    }
    assert {offer.subtype: schema_type(catalogue, offer) for offer in catalogue.offers} == expected


def test_the_data_matches_the_offer(catalogue):
    for offer in catalogue.published:
        data = offer_data(catalogue, offer, PUBLICATION)
        provider = catalogue.providers[offer.provider]
        assert data["@context"] == "https://schema.org" and data["@type"] == schema_type(catalogue, offer)
        assert data["url"] == f"https://openaanbod.example.nl/aanbod/{offer.id}/"
        assert (data["name"], data["disambiguatingDescription"]) == (offer.title, offer.summary)
        if data["@type"] == "JobPosting":
            assert data["description"] == str(render_markdown(offer.description))
            assert data["identifier"] == {"@type": "PropertyValue", "name": provider.name, "value": offer.id}
        else:
            assert (data["identifier"], data["description"]) == (offer.id, plain_text(offer.description))
        organisation = data.get("hiringOrganization") or data["provider"]
        assert organisation["name"] == provider.name
        addresses = [(location.street_address, location.postcode) for location in offer.locations]
        if data["@type"] == "JobPosting":
            assert data.get("employmentType") == {"vrijwilligerswerk": "VOLUNTEER", "werkervaringsplek": "INTERN"}.get(offer.subtype)
            assert data["title"] == offer.title
            places = data.get("jobLocation", [])
            assert (data.get("jobLocationType") == "TELECOMMUTE") == offer.online
        else:
            assert data["offers"]["price"] == float(offer.cost_eur) and data["offers"]["priceCurrency"] == "EUR"
            places = data["offers"].get("availableAtOrFrom", [])
        assert [(place["address"]["streetAddress"], place["address"]["postalCode"]) for place in places] == addresses
        if data["@type"] == "Course":
            assert len(data["hasCourseInstance"]) == len(offer.locations) + offer.online
            assert data["isAccessibleForFree"] == offer.is_free
        if data["@type"] == "Service":
            assert data["serviceType"] == catalogue.label("subtypes", offer.subtype)
            assert data["audience"]["audienceType"] == [catalogue.label("target_groups", code) for code in offer.target_groups]


def test_script_json_cannot_close_its_element():
    nasty = {"name": "</script><script>alert(1)</script> & <!-- x -->"}
    text = str(script_json(nasty))
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == nasty


def test_every_published_offer_page_carries_its_json_ld(sample_site, catalogue):
    for offer in catalogue.published:
        page = BeautifulSoup((sample_site / f"aanbod/{offer.id}/index.html").read_text(encoding="utf-8"), "html.parser")
        scripts = page.find_all("script", type="application/ld+json")
        assert len(scripts) == 1 and scripts[0].parent.name == "head", offer.id
        assert json.loads(scripts[0].string) == offer_data(catalogue, offer, PUBLICATION), offer.id


def test_a_title_with_markup_stays_inside_the_json(tmp_path):
    title = "'Koken </script><b>vet</b> & meer'"
    write_files(tmp_path / "content", {"providers/buurtwerk.yaml": provider_yaml(), "offers/buurtwerk/fietsen.yaml": offer_yaml(title=title)})
    result = build_site(tmp_path / "content", tmp_path / "output", search_index=False)
    assert result.returncode == 0, result.stdout + result.stderr
    page = BeautifulSoup((tmp_path / "output/aanbod/fietsen/index.html").read_text(encoding="utf-8"), "html.parser")
    assert not page.find("b")
    assert json.loads(page.find("script", type="application/ld+json").string)["name"] == "Koken </script><b>vet</b> & meer"


# What the search engines' documentation asks per type (Google Search Central: job posting, course info
# and course list, education programs), and the properties schema.org defines for the type (its own and
# those of Thing and Intangible / CreativeWork). Paid work has no salary or employment type in our data:
# baseSalary and employmentType stay recommended-but-absent there, and are listed as such.
REQUIRED = {
    "JobPosting": {"title", "description", "datePosted", "hiringOrganization"},
    "Course": {"name", "description", "provider", "offers", "hasCourseInstance"},
    "EducationalOccupationalProgram": {"name", "description", "provider"},
    "Service": {"name", "description", "provider"},
}
RECOMMENDED = {
    "JobPosting": {"validThrough", "identifier", "directApply", "employmentType", "baseSalary"},
    "Course": set(),
    "EducationalOccupationalProgram": {"offers", "occupationalCategory", "educationalProgramMode"},
    "Service": {"areaServed", "serviceType"},
}
NOT_IN_OUR_DATA = {"JobPosting": {"baseSalary"}}
THING = {"@context", "@type", "@id", "url", "identifier", "name", "description", "disambiguatingDescription"}
PROPERTIES = {
    "JobPosting": THING | {"title", "datePosted", "validThrough", "jobStartDate", "employmentType", "directApply", "hiringOrganization",
                           "jobLocation", "jobLocationType", "applicantLocationRequirements", "industry", "workHours", "totalJobOpenings",
                           "incentiveCompensation", "applicationContact", "baseSalary", "eligibilityToWorkRequirement"},
    "Course": THING | {"provider", "offers", "isAccessibleForFree", "inLanguage", "audience", "hasCourseInstance", "dateModified", "coursePrerequisites"},
    "EducationalOccupationalProgram": THING | {"provider", "offers", "startDate", "endDate", "educationalProgramMode", "maximumEnrollment",
                                               "dayOfWeek", "occupationalCategory", "programPrerequisites"},
    "Service": THING | {"provider", "serviceType", "category", "audience", "areaServed", "availableChannel", "offers"},
}


def test_each_type_has_what_search_engines_require_and_nothing_schema_org_lacks(catalogue):
    seen = set()
    for offer in catalogue.published:
        data = offer_data(catalogue, offer, PUBLICATION)
        kind = data["@type"]
        seen.add(kind)
        assert REQUIRED[kind] <= set(data), (offer.id, REQUIRED[kind] - set(data))
        optional_gaps = NOT_IN_OUR_DATA.get(kind, set()) | ({"employmentType"} if offer.subtype in ("betaald-werk", "beschut-werk") else set())
        assert RECOMMENDED[kind] - optional_gaps <= set(data), (offer.id, RECOMMENDED[kind] - optional_gaps - set(data))
        assert set(data) <= PROPERTIES[kind], (offer.id, set(data) - PROPERTIES[kind])
        if kind == "JobPosting":
            assert data.get("jobLocation") or (data.get("jobLocationType") == "TELECOMMUTE" and data.get("applicantLocationRequirements")), offer.id
            assert "\n" in offer.description.strip() or "<p>" in data["description"], offer.id
        if kind == "Course":
            assert data["offers"]["category"] in ("Free", "Paid")
            for instance in data["hasCourseInstance"]:
                assert instance["courseMode"] in ("onsite", "online") and instance["courseSchedule"]["repeatFrequency"] == "Weekly", offer.id
    assert seen == set(REQUIRED)


def test_a_job_description_keeps_its_paragraphs(catalogue):
    jobs = [offer for offer in catalogue.published if schema_type(catalogue, offer) == "JobPosting" and "\n\n" in offer.description.strip()]
    assert jobs, "the sample needs a job whose description has two paragraphs"
    for offer in jobs:
        assert offer_data(catalogue, offer, PUBLICATION)["description"].count("<p>") >= 2, offer.id
