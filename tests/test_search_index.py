"""The search index, built from the model: filters, records, the places file, the search page
and the self-hosted map library. Browser behaviour is in test_search_browser.py."""

from __future__ import annotations

import filecmp
import gzip
import hashlib
import json
from pathlib import Path

import pytest

from aanbod.search import cbor, pagefind_service, search, search_bundle, search_places
from aanbod.site import map_library
from aanbod.build_cache import CacheFolder, Memo
from aanbod.content.catalogue import read_catalogue
from conftest import LOCATION, REPOSITORY_SCHEMA, ROOT, SCHEMA, build_site, offer_yaml, provider_yaml, require_sample, soup, write_files

SCHEDULE = "schedule:\n  maandag: [ochtend]\n  woensdag: [middag, avond]\n"
TWO_PLACES = LOCATION + """\
  - name: Buurthuis Zuid
    street_address: Smaragdplein 1
    postcode: 3523 EA
    municipality: utrecht
    wijk: zuid
    latitude: 52.0702
    longitude: 5.1232
"""



@pytest.fixture(scope="module")
def content(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("search") / "content"
    write_files(folder, {
        "providers/buurtwerk.yaml": provider_yaml(name="Buurtwerk & Co"),
        "offers/buurtwerk/fietsen.yaml": offer_yaml(title="Fietsen <b>repareren</b>", languages="[nl, ar]", extra=TWO_PLACES + SCHEDULE),
        "offers/buurtwerk/online.yaml": offer_yaml("online", title="Leren op de computer", kind="leren", subtype="cursus",
                                                   cost_eur="12.50", referral_required="ja", online="ja", status="gepauzeerd", extra=""),
        "offers/buurtwerk/gestopt.yaml": offer_yaml("gestopt", title="Gestopt", status="ingetrokken"),
    })
    return folder


@pytest.fixture(scope="module")
def catalogue(content):
    catalogue, problems = read_catalogue(content, SCHEMA)
    assert problems == []
    return catalogue


@pytest.fixture(scope="module")
def output(content) -> Path:
    output = content.parent / "output"
    result = build_site(content, output)
    assert result.returncode == 0, result.stdout + result.stderr
    return output


def offer(catalogue, offer_id):
    return next(offer for offer in catalogue.offers if offer.id == offer_id)


def fragments(output: Path) -> dict[str, dict]:
    bundle = output / "pagefind"
    return {path.name.split(".")[0]: json.loads(search_bundle.read_index_file(path)) for path in (bundle / "fragment").glob("*.pf_fragment")}


# --- filters and records, from the model ---

def test_offer_filters_are_codes_with_every_slot(catalogue):
    filters = search.offer_filters(catalogue, offer(catalogue, "fietsen"))
    assert filters == {
        "soort": ["werk"], "type": ["werkervaringsplek"], "werkveld": ["techniek"], "voor": ["ggz", "bijstand"],
        "gemeente": ["utrecht"], "wijk": ["overvecht", "zuid"], "kosten": ["gratis"], "verwijzing": ["nee"],
        "dag": ["maandag", "woensdag"], "dagdeel": ["ochtend", "middag", "avond"], "taal": ["nl", "ar"],
        "tijd": ["maandag-ochtend", "woensdag-middag", "woensdag-avond"],
        # No income situation named: open to every one (issue 14).
        "inkomen": catalogue.schema.taxonomies["income_situations"].codes,
    }
    online = search.offer_filters(catalogue, offer(catalogue, "online"))
    assert online["gemeente"] == ["online"] and online["kosten"] == ["betaald"] and online["verwijzing"] == ["ja"]
    assert "wijk" not in online and "tijd" not in online


def test_filter_groups_show_schema_titles_and_only_values_in_use(catalogue):
    groups = {group.key: group for group in search.filter_groups(catalogue)}
    offers_table = catalogue.schema.tables["offers"]
    assert groups["soort"].title == offers_table.field("kind")["title"]
    assert groups["voor"].title == offers_table.field("target_groups")["title"]
    assert groups["verwijzing"].title == offers_table.field("referral_required")["title"]
    assert groups["wijk"].values == (("overvecht", "Overvecht"), ("zuid", "Zuid"))
    assert groups["gemeente"].values == (("utrecht", "Utrecht"), ("online", "Online"))
    assert groups["kosten"].values == (("gratis", "Gratis"), ("betaald", "Betaald"))
    assert groups["taal"].values == (("nl", "Nederlands"), ("ar", "Arabisch"))
    assert "toegankelijk" not in groups  # no published offer names any accessibility
    assert search.SLOT_FILTER not in groups  # the slots are for the index only


def test_record_text_is_escaped_and_carries_labels(catalogue):
    document = search.offer_document(catalogue, offer(catalogue, "fietsen"))
    assert "<b>" not in document and "Fietsen &lt;b&gt;repareren&lt;/b&gt;" in document
    assert "Buurtwerk &amp; Co" in document
    # Labels are words people search for.
    assert "Werkervaringsplek" in document and "Psychische klachten" in document and "Overvecht" in document


# --- the built index ---

def test_index_holds_published_offers_with_meta_and_filters(output, catalogue):
    by_url = {fragment["url"]: fragment for fragment in fragments(output).values()}
    assert set(by_url) == {"/aanbod/fietsen/", "/aanbod/online/"}
    fietsen = by_url["/aanbod/fietsen/"]
    assert fietsen["meta"]["title"] == "Fietsen <b>repareren</b>"  # text, escaped where it is shown
    assert fietsen["meta"]["aanbieder"] == "Buurtwerk & Co"
    assert fietsen["meta"]["plaats"] == "Utrecht (Overvecht, Zuid)"
    assert fietsen["meta"]["kosten"] == "Gratis"
    assert "geen_plek" not in fietsen["meta"]
    expected = search.offer_filters(catalogue, offer(catalogue, "fietsen"))
    assert {key: sorted(values) for key, values in fietsen["filters"].items()} == {key: sorted(values) for key, values in expected.items()}
    online = by_url["/aanbod/online/"]["meta"]
    assert online["plaats"] == "Online" and online["kosten"] == "€ 12,50" and online["geen_plek"] == "ja"


def test_places_file_maps_page_ids_to_every_location(output):
    places = search_places.read_places(output / "pagefind")
    ids = {fragment["url"]: page_id for page_id, fragment in fragments(output).items()}
    assert places == {ids["/aanbod/fietsen/"]: [(52.1121, 5.1162), (52.0702, 5.1232)]}  # online: no place
    raw = json.loads((output / "pagefind" / search_places.PLACES_FILE).read_text())
    assert raw["origin"] == [520702, 51162] and raw["pages"][ids["/aanbod/fietsen/"]] == [419, 0, 0, 70]


def test_sample_places_cover_every_located_offer(sample_site):
    catalogue, _ = read_catalogue(ROOT / "content", REPOSITORY_SCHEMA)
    places = search_places.read_places(sample_site / "pagefind")
    ids = search_places.page_ids(sample_site / "pagefind")
    located = [offer for offer in catalogue.published if any(location.has_coordinates for location in offer.locations)]
    assert len(places) == len(located) == len(catalogue.published) - 1
    for each in located:
        assert places[ids[f"/aanbod/{each.id}/"]] == [(float(location.latitude), float(location.longitude)) for location in each.locations]


def test_a_site_in_a_subfolder_keeps_its_path_in_result_urls(catalogue, tmp_path):
    count, located = search.write_index(catalogue, tmp_path, lambda each: f"/regio/aanbod/{each.id}/")
    assert (count, located) == (2, 1)
    assert set(search_places.page_ids(tmp_path / "pagefind")) == {"/regio/aanbod/fietsen/", "/regio/aanbod/online/"}


# --- the published bundle ---

def meta_of(bundle: Path) -> tuple[str, list]:
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    name = entry["languages"]["nl"]["hash"]
    return name, cbor.decode(search_bundle.read_index_file(bundle / f"pagefind.{name}.pf_meta"))


def test_bundle_holds_only_what_the_search_page_loads(output):
    bundle = output / "pagefind"
    name, _meta = meta_of(bundle)
    top = {path.name for path in bundle.iterdir()}
    assert top == {"pagefind.js", "pagefind-entry.json", f"pagefind.{name}.pf_meta", "wasm.nl.pagefind", "plaatsen.json",
                   "delen.json", "fragment", "index", "filter"}


def test_filter_files_are_sorted_and_named_by_their_bytes(output):
    bundle = output / "pagefind"
    name, meta = meta_of(bundle)
    data = search_bundle.read_index_file(bundle / f"pagefind.{name}.pf_meta")
    assert name == "nl_" + hashlib.sha1(data).hexdigest()[:10]
    filters = meta[3]
    assert [key for key, _ in filters] == sorted(key for key, _ in filters)
    assert {path.stem for path in (bundle / "filter").iterdir()} == {file for _, file in filters}
    for key, file in filters:
        raw = search_bundle.read_index_file(bundle / "filter" / f"{file}.pf_filter")
        assert file == "nl_" + hashlib.sha1(raw).hexdigest()[:7]
        filter_name, values = cbor.decode(raw)
        assert filter_name == key and [value for value, _ in values] == sorted(value for value, _ in values)


def found_by_filters(bundle: Path) -> dict[tuple[str, str], set[str]]:
    """(filter, value) -> result URLs, over every part of the index."""
    found: dict[tuple[str, str], set[str]] = {}
    for folder in [bundle] + [bundle / part for part in json.loads((bundle / search.PARTS_FILE).read_text())]:
        _name, meta = meta_of(folder)
        url_of_page = [json.loads(search_bundle.read_index_file(folder / "fragment" / f"{page[0]}.pf_fragment"))["url"] for page in meta[1]]
        for key, file in meta[3]:
            _key, values = cbor.decode(search_bundle.read_index_file(folder / "filter" / f"{file}.pf_filter"))
            for value, pages in values:
                found.setdefault((key, value), set()).update(url_of_page[page] for page in pages)
    return found


def expected_filters(catalogue, prefix: str = "") -> dict[tuple[str, str], set[str]]:
    expected: dict[tuple[str, str], set[str]] = {}
    for each in catalogue.published:
        for key, values in search.document_filters(catalogue, each).items():
            for value in values:
                expected.setdefault((key, value), set()).add(f"{prefix}/aanbod/{each.id}/")
    return expected


def test_every_filter_value_finds_exactly_the_offers_that_have_it(output, catalogue):
    assert json.loads((output / "pagefind" / search.PARTS_FILE).read_text()) == []  # a small catalogue: one part
    assert found_by_filters(output / "pagefind") == expected_filters(catalogue)


def test_a_large_catalogue_is_indexed_in_parts_that_find_the_same(tmp_path):
    require_sample()  # the sample's size decides how many parts of 20 there are
    sample, _problems = read_catalogue(ROOT / "content", REPOSITORY_SCHEMA)
    count, located = search.write_index(sample, tmp_path, lambda each: f"/regio/aanbod/{each.id}/", part_size=20)
    published = len(sample.published)
    assert count == published and located == published - 1
    bundle = tmp_path / "pagefind"
    parts = json.loads((bundle / search.PARTS_FILE).read_text())
    assert parts == ["deel-2/", "deel-3/"] == [search.part_folder(number) for number in (1, 2)]
    for number, folder in enumerate([bundle] + [bundle / part for part in parts]):
        urls = {json.loads(search_bundle.read_index_file(path))["url"] for path in (folder / "fragment").iterdir()}
        assert urls == {f"/regio/aanbod/{each.id}/" for each in sample.published if search.part_of(each.id, 3) == number}
        assert (folder / "pagefind.js").exists() == (number == 0)  # one script and one WebAssembly for all parts
    assert found_by_filters(bundle) == expected_filters(sample, "/regio")
    ids = search_places.page_ids(bundle)
    assert len(ids) == len(set(ids.values())) == published


def test_a_rebuild_sends_only_the_changed_offers_part_through_pagefind(tmp_path):
    """The other parts' Pagefind files come back from the build cache, and the index is a clean build's, byte for byte."""
    require_sample()
    sample, _problems = read_catalogue(ROOT / "content", REPOSITORY_SCHEMA)
    changed = sample.published[len(sample.published) // 2]

    def document(catalogue, each, extra=""):
        text = search.offer_document(catalogue, each)
        return text.replace("</h1>", f" {extra}</h1>", 1) if each.id == changed.id else text

    def build(site, cache=None, extra=""):
        memo = Memo(CacheFolder(cache), "search-index-parts", "salt") if cache else None
        index = search.RememberedIndex(memo) if memo else search.pagefind_index
        search.write_index(sample, site, lambda each: f"/aanbod/{each.id}/", part_size=20,
                           document=lambda catalogue, each: document(catalogue, each, extra), index=index)
        if memo:
            memo.save()
        return index

    parts = search.part_count(len(sample.published), 20)
    assert parts >= 3
    first = build(tmp_path / "first", tmp_path / "cache")
    assert len(first.runs) == parts
    again = build(tmp_path / "again", tmp_path / "cache", extra="tandemfiets")
    part = search.part_of(changed.id, parts)
    assert again.runs == [sum(1 for each in sample.published if search.part_of(each.id, parts) == part)]
    build(tmp_path / "clean", extra="tandemfiets")
    compared = filecmp.dircmp(tmp_path / "again", tmp_path / "clean")
    def differences(comparison):
        found = comparison.left_only + comparison.right_only + comparison.diff_files + comparison.funny_files
        return found + [name for sub in comparison.subdirs.values() for name in differences(sub)]
    files = [path for path in (tmp_path / "clean").rglob("*") if path.is_file()]
    assert differences(compared) == [] and len(files) > 3 * len(sample.published) / parts
    assert all((tmp_path / "again" / path.relative_to(tmp_path / "clean")).read_bytes() == path.read_bytes() for path in files)
    fragments = [search_bundle.read_index_file(path) for path in (tmp_path / "again" / "pagefind").rglob("*.pf_fragment")]
    assert sum(b"tandemfiets" in fragment for fragment in fragments) == 1


def test_parts_are_at_most_part_size_and_up_to_four_of_at_least_2500_for_rebuilds():
    assert [search.part_count(offers) for offers in (1, 84, 2_499, 2_500, 5_000, 9_999, 10_000, 50_000, 60_000, 100_000, 100_001)] == \
        [1, 1, 1, 1, 2, 3, 4, 4, 5, 8, 9]


def _pagefind_files(filter_order: list[str], value_order: list[str]) -> dict[str, bytes]:
    """What Pagefind hands over for two pages and two filters, with filters and values in the given orders."""
    def packed(data: bytes) -> bytes:
        return gzip.compress(search_bundle.SIGNATURE + data, mtime=0)
    pages = {"nl_aaa1111": {"url": "/a/"}, "nl_bbb2222": {"url": "/b/"}}
    files = {f"fragment/{page}.pf_fragment": packed(json.dumps(fragment).encode()) for page, fragment in pages.items()}
    files["index/nl_ccc3333.pf_index"] = packed(cbor.encode([[["fiets", [[0, [1]]], []]]]))
    values = {"werk": [0], "leren": [1], "doen": [0, 1]}
    filters = {
        "soort": (["soort", [[value, values[value]] for value in value_order]], "nl_random1"),
        "kosten": (["kosten", [["gratis", [0, 1]]]], "nl_random2"),
    }
    for key, (content, name) in filters.items():
        files[f"filter/{name}.pf_filter"] = packed(cbor.encode(content))
    meta = ["1.5.2", [[page, 3] for page in pages], [["fiets", "fiets", "nl_ccc3333"]],
            [[key, filters[key][1]] for key in filter_order], [], ["title"]]
    files["pagefind.nl_random0.pf_meta"] = packed(cbor.encode(meta))
    entry = {"version": "1.5.2", "languages": {"nl": {"hash": "nl_random0", "wasm": "nl", "page_count": 2}}, "include_characters": ["_"]}
    files["pagefind-entry.json"] = json.dumps(entry).encode()
    for name in ("pagefind.js", "wasm.nl.pagefind", "wasm.unknown.pagefind", "pagefind-ui.js", "pagefind-worker.js"):
        files[name] = name.encode()
    return files


def published_files(folder: Path) -> dict[Path, bytes]:
    return {path.relative_to(folder): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


def test_publishing_gives_the_same_bytes_whatever_order_pagefind_chose(tmp_path):
    first = _pagefind_files(["soort", "kosten"], ["werk", "leren", "doen"])
    second = _pagefind_files(["kosten", "soort"], ["doen", "werk", "leren"])
    assert first != second
    assert search_bundle.publish(search_bundle.normalize(first), tmp_path / "one") == search_bundle.publish(search_bundle.normalize(second), tmp_path / "two") == 2
    one, two = published_files(tmp_path / "one"), published_files(tmp_path / "two")
    assert one == two
    name, meta = meta_of(tmp_path / "one")
    assert {str(path) for path in one if len(path.parts) == 1} == {"pagefind.js", "wasm.nl.pagefind", "pagefind-entry.json", f"pagefind.{name}.pf_meta"}
    soort = dict(meta[3])["soort"]
    assert cbor.decode(search_bundle.read_index_file(tmp_path / "one" / "filter" / f"{soort}.pf_filter")) == [
        "soort", [["doen", [0, 1]], ["leren", [1]], ["werk", [0]]]]


def test_normalized_files_are_the_same_whatever_order_pagefind_chose_and_are_what_gets_published(tmp_path):
    first = search_bundle.normalize(_pagefind_files(["soort", "kosten"], ["werk", "leren", "doen"]))
    assert first == search_bundle.normalize(_pagefind_files(["kosten", "soort"], ["doen", "werk", "leren"]))
    # What a rebuild remembers of a part is what gets published, file for file, when no other part took a page name.
    assert search_bundle.publish(first, tmp_path / "bundle") == 2
    assert {path.as_posix(): data for path, data in published_files(tmp_path / "bundle").items()} == first
    assert not {"pagefind-ui.js", "pagefind-worker.js", "wasm.unknown.pagefind"} & set(first)


def test_a_truncated_pagefind_file_is_an_error_not_a_broken_site(tmp_path):
    files = _pagefind_files(["soort", "kosten"], ["werk", "leren", "doen"])
    files["index/nl_ccc3333.pf_index"] = files["index/nl_ccc3333.pf_index"][:-6]
    with pytest.raises(search_bundle.BundleError, match="nl_ccc3333"):
        search_bundle.normalize(files)


def test_pages_with_the_same_name_in_two_parts_get_different_names(tmp_path):
    taken: set[str] = set()
    for number in (1, 2):
        files = _pagefind_files(["soort", "kosten"], ["werk", "leren", "doen"])
        files["fragment/nl_aaa1111.pf_fragment"] = gzip.compress(search_bundle.SIGNATURE + json.dumps({"url": f"/deel{number}/"}).encode())
        search_bundle.publish(search_bundle.normalize(files), tmp_path / "bundle" / str(number), taken, scripts=number == 1)
    first, second = (meta_of(tmp_path / "bundle" / str(number))[1][1] for number in (1, 2))
    assert [page[0] for page in first] == ["nl_aaa1111", "nl_bbb2222"]
    assert second[0][0].startswith("nl_aaa1111") and second[1][0].startswith("nl_bbb2222")
    assert not {page[0] for page in first} & {page[0] for page in second}
    assert taken == {page[0] for page in first + second}
    for page in second:
        assert (tmp_path / "bundle" / "2" / "fragment" / f"{page[0]}.pf_fragment").exists()
    assert not (tmp_path / "bundle" / "2" / "pagefind.js").exists()


def test_pagefind_refusing_a_document_is_an_error_with_its_message():
    with pytest.raises(pagefind_service.PagefindError, match="Pagefind"):
        pagefind_service.index([("/a/", "<html><body>één</body></html>"), ("/b/", None)], "nl")


# --- pages ---

def test_search_page_works_without_javascript_through_the_lists(output):
    page = soup(output / "zoeken/index.html")
    finder = page.select_one("#search")
    assert "needs-js" in finder["class"]  # hidden before the first paint when scripts are off
    assert page.select_one("main noscript").get_text(strip=True).startswith("Zoeken werkt alleen met JavaScript.")
    browse = [link["href"] for link in page.select(".browse a")]
    assert "/soort/werk/" in browse and "/wijk/overvecht/" in browse and "/gemeente/utrecht/" in browse
    for href in browse:
        assert (output / href.strip("/") / "index.html").exists(), href
    assert [script["src"] for script in page.select("main script[src]")] == ["/theme/js/search.js"]
    assert not page.select("link[href*=pagefind], script[src*=pagefind]")  # Pagefind's own interface is not loaded


def test_search_page_filters_come_from_the_groups(output, catalogue):
    page = soup(output / "zoeken/index.html")
    data = json.loads(page.select_one("[data-filter-groups]")["data-filter-groups"])
    assert data == [[group.key, group.title, [list(value) for value in group.values]] for group in search.filter_groups(catalogue)]
    assert ["kosten", "Kosten", [["gratis", "Gratis"], ["betaald", "Betaald"]]] in data


def test_offer_page_map_has_every_located_address(output):
    section = soup(output / "aanbod/fietsen/index.html").select_one("[data-offer-map]")
    assert "needs-js" in section["class"]
    points = json.loads(section["data-points"])
    assert [(point["lat"], point["lon"], point["title"]) for point in points] == [
        (52.1121, 5.1162, "Werkplaats De Spaak"), (52.0702, 5.1232, "Buurthuis Zuid")]
    assert section["data-leaflet"] == "/theme/leaflet/"
    assert not soup(output / "aanbod/online/index.html").select("[data-offer-map]")


def test_leaflet_is_copied_from_npm_into_the_site(output):
    dist = ROOT / "node_modules/leaflet/dist"
    for name in ("leaflet.js", "leaflet.css", "images/marker-icon.png"):
        assert filecmp.cmp(dist / name, output / "theme/leaflet" / name, shallow=False), name
    assert (output / "theme/leaflet/LICENSE.txt").exists()
    assert not (output / "theme/leaflet/leaflet-src.js").exists()


def test_missing_leaflet_is_reported_not_fatal(tmp_path):
    assert map_library.copy_leaflet(tmp_path / "missing", tmp_path / "out") is False
    assert not (tmp_path / "out").exists()
