"""A withdrawn offer keeps its URL: a page that says it stopped and points to similar offers nearby."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from conftest import build_site, offer_yaml, provider_yaml, soup, write_files


def location(wijk: str, street: str = "Zamenhofdreef 30", postcode: str = "3562 JW") -> str:
    return f"locations:\n  - street_address: {street}\n    postcode: {postcode}\n    municipality: utrecht\n    wijk: {wijk}\n"



@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("withdrawn")
    volunteering = {"kind": "doen", "subtype": "vrijwilligerswerk"}
    write_files(root / "content", {
        "providers/buurtwerk.yaml": provider_yaml(),
        "offers/buurtwerk/gestopt.yaml": offer_yaml("gestopt", title="Klussen in Overvecht", status="ingetrokken", extra=location("overvecht"), **volunteering),
        "offers/buurtwerk/zelfde-wijk.yaml": offer_yaml("zelfde-wijk", title="Zelfde soort in Overvecht", extra=location("overvecht"), **volunteering),
        "offers/buurtwerk/andere-wijk.yaml": offer_yaml("andere-wijk", title="Aa zelfde soort in Zuid", extra=location("zuid", "Smaragdplein 1", "3523 EA"), **volunteering),
        "offers/buurtwerk/andere-soort.yaml": offer_yaml("andere-soort", title="Activiteit in Overvecht", kind="doen", subtype="activiteit", extra=location("overvecht")),
        "offers/buurtwerk/werk.yaml": offer_yaml("werk", title="Werk in Overvecht", extra=location("overvecht")),
        "offers/buurtwerk/cursus-gestopt.yaml": offer_yaml("cursus-gestopt", title="Gestopte cursus", kind="leren", subtype="cursus", status="ingetrokken"),
    })
    output = root / "output"
    result = build_site(root / "content", output, search_index=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def test_the_url_of_a_withdrawn_offer_says_it_stopped(output):
    page = soup(output / "aanbod/gestopt/index.html")
    assert page.h1.get_text() == "Klussen in Overvecht"
    assert page.select_one(".notice").get_text().startswith("Dit aanbod is gestopt.")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert not page.find("script", type="application/ld+json")
    assert not page.select(".apply")


def test_similar_offers_come_closest_first(output):
    page = soup(output / "aanbod/gestopt/index.html")
    titles = [link.get_text() for link in page.select(".card-title a")]
    # Same subtype in the same wijk, then same subtype elsewhere, then same kind; never another kind.
    assert titles == ["Zelfde soort in Overvecht", "Aa zelfde soort in Zuid", "Activiteit in Overvecht"]
    links = [link["href"] for link in page.select("#more-title ~ ul a")]
    assert "/soort/doen/" in links and "/wijk/overvecht/" in links and "/aanbieders/buurtwerk/" in links


def test_without_similar_offers_the_page_says_so_and_offers_search(output):
    page = soup(output / "aanbod/cursus-gestopt/index.html")
    assert "Er is nu geen ander aanbod van deze soort." in page.select_one(".empty").get_text()
    assert page.select_one(".empty a")["href"] == "/zoeken/"


def test_the_status_stays_in_the_data(output):
    with (output / "data/offers.csv").open(encoding="utf-8", newline="") as handle:
        statuses = {row["id"]: row["status"] for row in csv.DictReader(handle)}
    assert statuses["gestopt"] == "ingetrokken" and statuses["zelfde-wijk"] == "actief"
    documents = {document["id"]: document for document in json.loads((output / "data/offers.json").read_text(encoding="utf-8"))["offers"]}
    assert documents["gestopt"]["status"] == "ingetrokken"
    assert json.loads((output / "data/offers/gestopt.json").read_text(encoding="utf-8"))["status"] == "ingetrokken"
    items = json.loads((output / "data/changes/first.json").read_text(encoding="utf-8"))["items"]
    assert {item["id"]: item["state"] for item in items}["gestopt"] == "deleted"


def test_withdrawn_offers_are_not_listed_as_available(output):
    for path in ("soort/doen/index.html", "wijk/overvecht/index.html", "aanbieders/buurtwerk/index.html"):
        titles = [link.get_text() for link in soup(output / path).select(".card-title a")]
        assert "Klussen in Overvecht" not in titles, path


def test_the_index_of_similar_offers_picks_what_sorting_every_offer_would():
    """withdrawn.SimilarOffers walks a few lists instead of sorting all; it must choose the same offers."""
    import random
    from types import MappingProxyType

    from aanbod.content.model import Catalogue, Location, Offer
    from aanbod.site.withdrawn import SimilarOffers, _closeness

    chance = random.Random(10)
    places = [("utrecht", "overvecht"), ("utrecht", "zuid"), ("utrecht", None), ("zeist", None), ("zeist", "centrum"), ("zeist", "zuid")]  # one wijk code in two places

    def offer(number: int, status: str) -> Offer:
        chosen = chance.sample(places, chance.randint(0, 3))
        locations = tuple(Location(MappingProxyType({"municipality": municipality, "wijk": wijk})) for municipality, wijk in chosen)
        values = {"id": f"o{number}", "status": status, "kind": chance.choice(["doen", "leren"]),
                  "subtype": chance.choice(["cursus", "activiteit", "vrijwilligerswerk"]),
                  "title": chance.choice(["Koken", "koken", "Taal", "Fietsen", "Zwemmen"])}
        return Offer(MappingProxyType(values), locations=locations, status_role="withdrawn" if status == "ingetrokken" else "published")

    offers = tuple(offer(number, chance.choice(["actief", "actief", "actief", "ingetrokken"])) for number in range(400))
    catalogue = Catalogue(schema=None, providers=MappingProxyType({}), offers=offers)
    index = SimilarOffers(catalogue)
    assert catalogue.withdrawn and catalogue.published
    for withdrawn in catalogue.withdrawn:
        for count in (1, 5, 60):
            everything = sorted((candidate for candidate in catalogue.published if candidate.kind == withdrawn.kind),
                                key=lambda candidate: _closeness(withdrawn, candidate))
            assert [found.id for found in index.of(withdrawn, count)] == [found.id for found in everything[:count]]
