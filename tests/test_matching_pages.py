"""Issue 14 on the built sample site and in its data: numbered steps, what to bring, the service area,
income and funding on the offer page (Dutch and English), and in CSV, JSON, HSDS and JSON-LD.

Expected values come from the catalogue model (the YAML files), never from the output under test.
"""

from __future__ import annotations

import csv
import json

import pytest
from bs4 import BeautifulSoup

from aanbod.search import search
from aanbod.exports import hsds
from aanbod.presentation import joined
from conftest import offer_yaml, write_files


def page_of(site, offer_id: str, prefix: str = "") -> BeautifulSoup:
    return BeautifulSoup((site / prefix / "aanbod" / offer_id / "index.html").read_text(encoding="utf-8"), "html.parser")


def with_steps(catalogue):
    return [offer for offer in catalogue.published if catalogue.rows_of("intake_steps", offer.id)]


def test_the_sample_uses_every_new_field_across_several_providers(catalogue):
    for name in ("required_documents", "service_area", "income_situations", "funding"):
        providers = {offer.provider for offer in catalogue.offers if offer.values[name]}
        assert len(providers) >= 3, name
    assert len({offer.provider for offer in with_steps(catalogue)}) >= 5
    # Realistic, not everywhere: most offers say nothing about who pays.
    assert sum(1 for offer in catalogue.offers if offer.funding) < len(catalogue.offers) / 2


def test_steps_are_numbered_in_the_providers_order_with_their_own_text(sample_site, catalogue):
    steps_taxonomy = catalogue.schema.taxonomies["intake_steps"]
    for offer in with_steps(catalogue):
        items = page_of(sample_site, offer.id).select(".apply ol.steps > li")
        steps = catalogue.rows_of("intake_steps", offer.id)
        assert [item.strong.get_text() for item in items] == [steps_taxonomy.label(step["step"]) for step in steps], offer.id
        for item, step in zip(items, steps):
            assert (step["text"] or steps_taxonomy.get(step["step"]).description) in item.get_text()


def test_documents_area_income_and_funding_are_said_plainly(sample_site, catalogue):
    label = catalogue.label
    for offer in catalogue.published:
        page = page_of(sample_site, offer.id)
        documents = [item.strong.get_text() for item in page.select(".apply ul.documents > li")]
        assert documents == [label("documents", code) for code in offer.required_documents or ()], offer.id
        if documents:
            assert page.find("h3", string="Neem mee") and "Je hebt nodig:" in page.select_one(".access").get_text()
        notice = page.select_one(".access .notice")
        if offer.service_area:
            area = joined([label("municipalities", code) for code in offer.service_area])
            assert notice.get_text(strip=True) == f"Alleen voor inwoners van {area}."
        else:
            assert notice is None
        facts = {div.dt.get_text(): div.dd.get_text() for div in page.select(".access-facts > div")}
        assert facts.get("Alleen voor mensen met", "") == joined([label("income_situations", code) for code in offer.income_situations or ()])
        assert facts.get("Wie betaalt", "") == joined([label("funding", code) for code in offer.funding or ()])


def test_the_english_page_uses_english_labels_and_keeps_the_providers_words_dutch(sample_site, catalogue):
    offer = next(offer for offer in with_steps(catalogue) if offer.service_area and offer.required_documents
                 and any(step["text"] for step in catalogue.rows_of("intake_steps", offer.id)))
    page = page_of(sample_site, offer.id, "en")
    steps = catalogue.rows_of("intake_steps", offer.id)
    items = page.select(".apply ol.steps > li")
    assert [item.strong.get_text() for item in items] == [catalogue.label("intake_steps", step["step"], "en") for step in steps]
    own = next(item for item, step in zip(items, steps) if step["text"])
    assert own.span["lang"] == "nl"
    assert page.find("h3", string="Bring with you") and page.find("h3", string="Step by step")
    assert page.select_one(".access .notice").get_text(strip=True).startswith("Only for residents of ")
    assert [item.strong.get_text() for item in page.select("ul.documents > li")] == [catalogue.label("documents", code, "en") for code in offer.required_documents]


def test_an_offer_without_these_fields_shows_no_empty_parts(sample_site, catalogue):
    offer = next(offer for offer in catalogue.published if not (catalogue.rows_of("intake_steps", offer.id) or offer.required_documents
                                                                or offer.service_area or offer.income_situations or offer.funding))
    assert page_of(sample_site, offer.id).select_one(".access") is None


def test_csv_and_json_carry_steps_and_lists(sample_site, catalogue):
    data = sample_site / "data"
    with (data / "intake_steps.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows == [{"offer_id": step["offer_id"], "position": str(step["position"]), "step": step["step"], "text": step["text"] or ""}
                    for step in catalogue.tables["intake_steps"]]
    with (data / "offers.csv").open(encoding="utf-8", newline="") as handle:
        offers = {row["id"]: row for row in csv.DictReader(handle)}
    documents = {document["id"]: document for document in json.loads((data / "offers.json").read_text(encoding="utf-8"))["offers"]}
    for offer in catalogue.offers:
        for name in ("required_documents", "service_area", "income_situations", "funding"):
            assert offers[offer.id][name] == ";".join(offer.values[name] or ()), (offer.id, name)
    stepped = with_steps(catalogue)[0]
    assert [step["step"] for step in documents[stepped.id]["intake_steps"]] == [step["step"] for step in catalogue.rows_of("intake_steps", stepped.id)]


def test_hsds_services_say_how_to_get_in_who_may_come_and_who_pays(sample_site, catalogue):
    services = {service["id"]: service for service in json.loads((sample_site / "data/hsds/services.json").read_text(encoding="utf-8"))}
    label = catalogue.label
    for offer in catalogue.offers:
        service = services[hsds.hsds_id("offer", offer.id)]
        steps = catalogue.rows_of("intake_steps", offer.id)
        if steps:
            first = steps[0]
            expected = f"1. {label('intake_steps', first['step'])}: {first['text'] or catalogue.schema.taxonomies['intake_steps'].get(first['step']).description}"
            assert service["application_process"].startswith(expected + "\n"), offer.id
        assert [item["document"] for item in service.get("required_documents", [])] == [label("documents", code) for code in offer.required_documents or ()]
        assert [item["name"] for item in service.get("service_areas", [])] == [label("municipalities", code) for code in offer.service_area or ()]
        assert [item["source"] for item in service.get("funding", [])] == [label("funding", code) for code in offer.funding or ()]
        for code in offer.income_situations or ():
            assert label("income_situations", code) in service["eligibility_description"]


def test_json_ld_names_the_service_area_where_schema_org_has_a_place(sample_site, catalogue):
    for offer in catalogue.published:
        if not offer.service_area:
            continue
        data = json.loads(page_of(sample_site, offer.id).find("script", type="application/ld+json").string)
        names = [catalogue.label("municipalities", code) for code in offer.service_area]
        regions = data.get("offers", {}).get("eligibleRegion") or data.get("areaServed")
        if data["@type"] == "JobPosting":
            assert data["eligibilityToWorkRequirement"] == f"Alleen voor inwoners van {joined(names)}."
        else:
            assert [region["name"] for region in regions] == names, offer.id


# --- the municipality filter and who may come, on an inline catalogue ---

@pytest.fixture
def restricted(site):
    """An offer in Utrecht only for residents of Houten, and one in Utrecht for everyone with Wajong."""
    from aanbod.content.catalogue import read_catalogue
    from conftest import SCHEMA

    write_files(site, {
        "offers/buurtwerk/alleen-houten.yaml": offer_yaml("alleen-houten", service_area="[houten]", income_situations="[bijstand]"),
        "offers/buurtwerk/fietsen.yaml": offer_yaml(income_situations="[wajong]"),
        "offers/buurtwerk/open.yaml": offer_yaml("open", funding="[wmo]"),
    })
    catalogue, problems = read_catalogue(site, SCHEMA, 100_000)
    assert problems == []
    return catalogue


def test_an_offer_only_for_houten_is_not_found_under_utrecht(restricted):
    by_id = {offer.id: offer for offer in restricted.published}
    assert by_id["alleen-houten"].municipalities == ["utrecht"]  # where it is
    assert search.offer_filters(restricted, by_id["alleen-houten"])["gemeente"] == ["houten"]
    assert search.offer_filters(restricted, by_id["open"])["gemeente"] == ["utrecht"]
    utrecht = dict((term.code, offers) for term, offers in restricted.group_by("municipalities", search.codes_of("municipalities")))
    assert [offer.id for offer in utrecht["utrecht"]] == ["fietsen", "open"]
    assert [offer.id for offer in utrecht["houten"]] == ["alleen-houten"]


def test_an_offer_naming_no_income_is_open_to_every_income(restricted):
    by_id = {offer.id: offer for offer in restricted.published}
    codes = restricted.schema.taxonomies["income_situations"].codes
    assert search.offer_filters(restricted, by_id["open"])["inkomen"] == codes
    assert search.offer_filters(restricted, by_id["fietsen"])["inkomen"] == ["wajong"]
    groups = {group.key: group for group in search.filter_groups(restricted)}
    assert groups["inkomen"].professional and groups["financiering"].professional and not groups["gemeente"].professional
    assert [code for code, _ in groups["financiering"].values] == ["wmo"]


def test_the_income_filter_is_left_out_when_no_offer_names_an_income(site):
    from aanbod.content.catalogue import read_catalogue
    from conftest import SCHEMA

    catalogue, problems = read_catalogue(site, SCHEMA, 100_000)
    assert problems == []
    assert "inkomen" not in {group.key for group in search.filter_groups(catalogue)}


def test_the_search_record_says_who_may_come(restricted):
    by_id = {offer.id: offer for offer in restricted.published}
    document = search.offer_document(restricted, by_id["alleen-houten"])
    assert '<data value="Houten" data-pagefind-meta="alleen_voor[value]"></data>' in document
    assert "alleen_voor" not in search.offer_document(restricted, by_id["open"])
