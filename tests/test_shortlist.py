"""aanbod/site/shortlist.py: the handout data of "Mijn lijstje", its buckets, and the list page that
finds saved offers in them (in Debian's chromium, with more offers than fit one bucket)."""

from __future__ import annotations

import dataclasses
import datetime
import json
from types import MappingProxyType

import pytest
from bs4 import BeautifulSoup

from aanbod.site import shortlist
from aanbod.content.catalogue import read_catalogue
from browser import browser_page, serve
from conftest import LOCATION, SCHEMA, build_site, offer_yaml, provider_yaml, write_files
from inclusion import SHORTLIST_KEY


@pytest.fixture
def catalogue(site):
    write_files(site, {
        "providers/stil.yaml": "id: stil\nname: Stille Stichting\ndescription: Zonder telefoon.\nmunicipality: utrecht\nphone: 030 999 8877\nemail: info@stil.example.nl\n",
        "offers/stil/tuin.yaml": offer_yaml(
            "tuin", provider="stil", title="Tuinieren", status="gepauzeerd", referral_required="ja", cost_eur="2.5",
            hours_per_week="3.5", accessibility="[rolstoel, prikkelarm]", contact_name="Els",
            extra=LOCATION + "schedule:\n  vrijdag: [middag]\n  maandag: [avond, ochtend]\n",
        ),
        "offers/stil/weg.yaml": offer_yaml("weg", provider="stil", status="ingetrokken"),
    })
    catalogue, problems = read_catalogue(site, SCHEMA)
    assert problems == []
    return catalogue


def test_record_holds_what_a_handout_needs_in_plain_dutch(catalogue):
    offer = next(offer for offer in catalogue.offers if offer.id == "tuin")
    record = shortlist.shortlist_record(catalogue, offer, "aanbod/tuin/")
    assert record == {
        "title": "Tuinieren",
        "url": "aanbod/tuin/",
        "provider": "Stille Stichting",
        "kind": "werk",
        "what": "Werk: Werkervaringsplek",
        "addresses": ["Werkplaats De Spaak, Zamenhofdreef 30, 3562 JW Utrecht"],
        "times": ["Maandag: ochtend en avond", "Vrijdag: middag"],
        "hours": "Ongeveer 3,5 uur per week.",
        "cost": "€ 2,50",
        "referral": True,
        "apply": "Bel Ahmed.",
        # The offer names a person but no number: the provider's number and address fill in.
        "contact": {"name": "Els", "phone": "030 999 8877", "tel": "tel:0309998877", "email": "info@stil.example.nl"},
        "access": ["Toegankelijk met rolstoel", "Weinig prikkels"],
        "pictograms": ["rolstoel"],
        "paused": True,
        # Issue 15: slots for the week plan in taxonomy order, and who may refer (no intake steps: the general rule).
        "slots": [{"day": "maandag", "part": "ochtend"}, {"day": "maandag", "part": "avond"}, {"day": "vrijdag", "part": "middag"}],
        "referrers": ["Iemand die een verwijzing of indicatie mag geven. Vraag de aanbieder wie dat is."],
    }


def test_record_reads_clock_times_intake_steps_and_documents_where_present(catalogue):
    """The matching fields of issue 14 arrive in parallel: a schedule row with start_time/end_time,
    rows of the intake_steps table and required_documents on the offer are read where present."""
    offer = next(offer for offer in catalogue.offers if offer.id == "tuin")
    offer = dataclasses.replace(
        offer,
        values=MappingProxyType({**offer.values, "required_documents": ["identiteitsbewijs", "vog"]}),
        schedule=(MappingProxyType({"offer_id": "tuin", "day": "vrijdag", "part_of_day": "middag", "start_time": "13:30", "end_time": "16:00"}),
                  MappingProxyType({"offer_id": "tuin", "day": "maandag", "part_of_day": "ochtend", "start_time": datetime.time(9, 0), "end_time": None})),
    )
    steps = (
        MappingProxyType({"offer_id": "tuin", "position": 1, "step": "via-buurtteam", "text": None}),
        MappingProxyType({"offer_id": "fietsen", "position": 1, "step": "via-huisarts", "text": None}),
        MappingProxyType({"offer_id": "tuin", "position": 2, "step": "kennismakingsgesprek", "text": "Kom een ochtend kijken."}),
    )
    with_steps = dataclasses.replace(catalogue, tables=MappingProxyType({**catalogue.tables, "intake_steps": steps}))
    record = shortlist.shortlist_record(with_steps, offer, "aanbod/tuin/")
    assert record["slots"] == [{"day": "maandag", "part": "ochtend", "start": "09:00"}, {"day": "vrijdag", "part": "middag", "start": "13:30", "end": "16:00"}]
    # Labels from schema/taxonomies: the steps in their order, the referring step as who may refer.
    label = catalogue.schema.label
    assert record["steps"] == [label("intake_steps", "via-buurtteam"), label("intake_steps", "kennismakingsgesprek") + ": Kom een ochtend kijken."]
    assert record["referrers"] == [label("intake_steps", "via-buurtteam")]
    assert record["documents"] == [label("documents", "identiteitsbewijs"), label("documents", "vog")]


def test_record_leaves_out_what_an_offer_does_not_have(catalogue):
    offer = next(offer for offer in catalogue.offers if offer.id == "fietsen")
    record = shortlist.shortlist_record(catalogue, offer, "aanbod/fietsen/")
    assert "times" not in record and "hours" not in record and "paused" not in record and "referral" not in record
    assert record["cost"] == "Gratis"
    assert record["contact"]["website"] == "https://buurtwerk.example.nl/"


def test_buckets_hold_every_published_offer_once(catalogue, tmp_path):
    written = shortlist.write_data(catalogue, tmp_path, lambda offer: f"aanbod/{offer.id}/")
    assert [path.name for path in written] == ["aanbod-0.json"]
    offers = json.loads(written[0].read_text(encoding="utf-8"))["offers"]
    assert sorted(offers) == ["fietsen", "tuin"]


@pytest.mark.parametrize("count, buckets", [(0, 1), (1, 1), (64, 1), (65, 2), (640, 10), (641, 11)])
def test_bucket_count_keeps_files_small(count, buckets):
    assert shortlist.bucket_count(count) == buckets


def test_bucket_of_is_fnv1a_as_the_page_computes_it():
    # Values bucketOf() in shortlist-page.js gives for the same ids (computed with node), so the page
    # looks each saved offer up in the file the build put it in. FNV-1a of "a" is 0xe40c292c.
    assert shortlist.bucket_of("a", 2 ** 32) == 0xE40C292C
    assert shortlist.bucket_of("fietsen", 2 ** 32) == 12_671_109
    long_id = "een-heel-lang-aanbod-met-veel-woorden-in-de-naam"
    assert shortlist.bucket_of(long_id, 2 ** 32) == 468_263_492
    assert shortlist.bucket_of(long_id, 7) == 4


def test_buckets_are_even_for_ids_that_differ_only_in_digits():
    counts = [0] * 32
    for number in range(2000):
        counts[shortlist.bucket_of(f"aanbod-{number:05d}", 32)] += 1
    assert min(counts) > 40 and max(counts) < 90


# --- the page, with more offers than one bucket holds ---

@pytest.fixture(scope="module")
def big_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("lijstje")
    files = {"providers/buurtwerk.yaml": provider_yaml()}
    for number in range(70):
        files[f"offers/buurtwerk/aanbod-{number:02d}.yaml"] = offer_yaml(f"aanbod-{number:02d}", title=f"Aanbod nummer {number}")
    write_files(root / "content", files)
    result = build_site(root / "content", root / "output", search_index=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


def test_page_and_buckets_are_written(big_site):
    page = BeautifulSoup((big_site / "lijstje/index.html").read_text(encoding="utf-8"), "html.parser")
    assert page.h1.get_text() == "Mijn lijstje"
    assert page.select_one("[data-shortlist-page]")["data-buckets"] == "2"
    sizes = [len(json.loads((big_site / f"lijstje/aanbod-{bucket}.json").read_text(encoding="utf-8"))["offers"]) for bucket in (0, 1)]
    assert sum(sizes) == 70 and min(sizes) > 0
    assert "werkt alleen als JavaScript aan staat" in page.main.noscript.get_text()


@pytest.mark.browser
def test_list_page_finds_offers_in_every_bucket_and_prints_a_handout(big_site, chromium_path):
    ids = ["aanbod-69", "aanbod-00", "bestaat-niet", "aanbod-33", "aanbod-07"]
    with serve(big_site) as url, browser_page(chromium_path) as page:
        page.goto(f"{url}/404.html")
        page.evaluate("([key, ids]) => localStorage.setItem(key, JSON.stringify(ids))", [SHORTLIST_KEY, ids])
        page.goto(f"{url}/lijstje/")
        page.wait_for_selector(".shortlist-item")
        titles = page.locator(".shortlist-item h2").all_inner_texts()
        assert titles == ["Aanbod nummer 69", "Aanbod nummer 0", "Dit aanbod staat niet meer op de site", "Aanbod nummer 33", "Aanbod nummer 7"]
        fetched = page.evaluate("performance.getEntriesByType('resource').map(entry => entry.name.split('/').pop()).filter(name => name.endsWith('.json'))")
        assert sorted(fetched) == ["aanbod-0.json", "aanbod-1.json"]
        first = page.locator(".shortlist-item").first
        assert "Zamenhofdreef 30" in first.inner_text()
        assert first.get_by_role("link", name="030 123 4567").get_attribute("href") == "tel:0301234567"
        page.emulate_media(media="print")
        assert not page.get_by_role("button", name="Print lijstje").is_visible()
        assert not first.get_by_role("button").first.is_visible()
        assert page.locator(".print-only", has_text="Dit lijstje op internet").is_visible()
        assert f"{url.removeprefix('http://')}/aanbod/aanbod-69/" in first.locator(".offer-url").inner_text()
        assert page.foreign_requests == []
