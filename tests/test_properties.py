"""Property-based tests: offers generated from schema/ survive every step, and any text comes out escaped.

The strategies are read from the schema (field types, constraints, taxonomies, which taxonomy
narrows which), so a new field or code is generated without touching this file. Only the rules
that span fields (validation._check_rules) are followed here by hand, in ``fit_rules``.

(a) any valid offer: YAML -> validation -> model -> every export -> read back unchanged.
(b) any text in any text field: escaped in the HTML pages (parsed and compared as text) and
    unchanged in the data files. The site is built once, from many generated offers.

Deterministic and bounded: derandomize, a modest max_examples, no deadline, no example database.
"""

from __future__ import annotations

import csv
import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from conftest import OFFER_FIELDS, ROOT, SCHEMA as SCHEMA_FOLDER, assert_no_inline_code, build_ok, provider_yaml, soup, write_files
from aanbod.content import choices, roles
from aanbod.content.history import head_commit_date
from aanbod.content.catalogue import read_catalogue
from aanbod.exports import write_all
from aanbod.content.rows import LIST_DELIMITER
from aanbod.content.rules import formula_start
from aanbod.content.schema import load_schema
from aanbod.content.settings import DEFAULTS
from aanbod.content.timetable import split_slot
from aanbod.urls import Urls
from aanbod.content.yaml_text import quoted, scalar

SCHEMA = load_schema(SCHEMA_FOLDER)  # the tests' schema: the repository's fields with the test region's lists
OFFERS = next(table for table in SCHEMA.top_tables if table.source.get("grouped_by"))
PROVIDER = "buurtwerk"
# The one field the offer page renders as Markdown (offer.html); generated with several lines.
MARKDOWN_FIELDS = {"description"}
# Validation refuses control characters, bidi controls and line separators (tests/test_hostile*.py pin
# that). These tests are about escaping and round trips, so they also leave out the other format,
# private-use and unassigned characters, which validation accepts; every other character may be generated.
REFUSED_CATEGORIES = ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp")
CHARACTERS = st.characters(exclude_categories=REFUSED_CATEGORIES)
# Pieces that break HTML, JSON, CSV or templates when not escaped, mixed into the generated text.
HOSTILE = st.sampled_from(["<", ">", "&", '"', "'", "<script>alert(1)</script>", "</p>", "&amp;", "<!--", "{{ x }}", "${x}", ",", ";", "\\", "=1+1", "<img src=x onerror=alert(1)>"])
# No shrinking: each example writes every export, so shrinking a failure would take many minutes;
# the failing example is printed whole instead.
PROPERTIES = settings(
    derandomize=True, deadline=None, database=None, max_examples=20, phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


FREE_TEXT = {"type": "string"}  # a text field without a pattern: the formula rule applies


def free_text(max_length: int, multiline: bool = False):
    pieces = st.one_of(CHARACTERS, HOSTILE, st.just("\n")) if multiline else st.one_of(CHARACTERS, HOSTILE)
    return (
        st.lists(pieces, min_size=1, max_size=12).map("".join)
        .filter(lambda text: text.strip() and len(text) <= max_length and formula_start(FREE_TEXT, text) < 0)
    )


def _decimal(bound) -> Decimal | None:
    return None if bound is None else Decimal(str(bound))


def field_text(table, name: str, values: dict):
    """The text a provider could write for one field, or None to leave it out."""
    descriptor = table.field(name)
    constraints = descriptor.get("constraints", {})
    required = constraints.get("required", False)
    kind = descriptor["type"]
    taxonomy = descriptor.get("taxonomy")
    if taxonomy and kind != "list":
        parent = choices.parent_field(SCHEMA, table, name)
        terms = choices.choices(SCHEMA, table, name, values.get(parent) if parent else None)
        if not terms:
            return st.none()
        # Where a parent narrows the choice (a wijk in its municipality), validation asks for one.
        required = required or bool(parent)
        strategy = st.sampled_from([term.code for term in terms])
    elif kind == "list":
        items = st.sampled_from(SCHEMA.taxonomies[taxonomy].codes) if taxonomy else st.from_regex(descriptor["itemConstraints"]["pattern"], fullmatch=True)
        strategy = st.lists(items, min_size=1, max_size=4, unique=True)
    elif kind == "boolean":
        strategy = st.sampled_from([*descriptor["trueValues"], *descriptor["falseValues"]])
    elif kind == "integer":
        strategy = st.integers(constraints.get("minimum", -10**6), constraints.get("maximum", 10**6)).map(str)
    elif kind == "number":
        strategy = st.decimals(_decimal(constraints.get("minimum")), _decimal(constraints.get("maximum")), places=2, allow_nan=False, allow_infinity=False).map(str)
    elif kind == "date":
        strategy = st.dates(date(2000, 1, 1), date(2099, 12, 31)).map(date.isoformat)
    elif descriptor.get("format") == "email":
        strategy = st.from_regex(r"[a-z0-9]{1,12}(\.[a-z0-9]{1,8})?@[a-z0-9]{1,12}\.nl", fullmatch=True)
    elif "pattern" in constraints:
        limit = constraints.get("maxLength", 10**6)
        strategy = st.from_regex(constraints["pattern"], fullmatch=True, alphabet=CHARACTERS).filter(lambda text: len(text) <= limit and text.strip() == text)
    else:
        strategy = free_text(constraints.get("maxLength", 200), name in MARKDOWN_FIELDS)
    return strategy if required else st.one_of(st.none(), strategy)


@st.composite
def table_row(draw, table, fixed: dict):
    """One row of ``table``: fields a parent narrows are drawn after their parent."""
    values = dict(fixed)
    names = [name for name in table.field_names if name not in fixed and name not in table.generated_fields]
    for name in sorted(names, key=lambda name: choices.parent_field(SCHEMA, table, name) is not None):
        values[name] = draw(field_text(table, name, values))
    return values


@st.composite
def offer(draw):
    values = draw(table_row(OFFERS, {OFFERS.source["grouped_by"]: PROVIDER}))
    children = {}
    for child in SCHEMA.children_of(OFFERS.name):
        source = child.source
        if source["shape"] == "list":
            children[source["key"]] = draw(st.lists(table_row(child, {}), max_size=3))
        else:
            keys = SCHEMA.taxonomies[child.field(source["key_field"])["taxonomy"]].codes
            items = SCHEMA.taxonomies[child.field(source["value_field"])["taxonomy"]].codes
            children[source["key"]] = draw(st.dictionaries(st.sampled_from(keys), st.lists(st.sampled_from(items), min_size=1, unique=True), max_size=3))
    return fit_rules(values, children)


def fit_rules(values: dict, children: dict) -> tuple[dict, dict]:
    """The rules across fields that validation checks (validation._check_rules), applied to a generated offer."""
    for low, high, parse in (("min_age", "max_age", int), ("start_date", "end_date", date.fromisoformat)):
        if values[low] is not None and values[high] is not None and parse(values[low]) > parse(values[high]):
            values[low], values[high] = values[high], values[low]
    if not children["locations"]:
        values["online"] = OFFERS.field("online")["trueValues"][0]
    for location in children["locations"]:
        if location["latitude"] is None or location["longitude"] is None:
            location["latitude"] = location["longitude"] = None
    if children.get("intake_steps"):  # "referral-step": a step through someone who refers exactly when a referral is needed
        flag = OFFERS.field("referral_required")
        refers = any(step["step"] in roles.referral_steps(SCHEMA) for step in children["intake_steps"])
        values["referral_required"] = (flag["trueValues"] if refers else flag["falseValues"])[0]
    # Closures: each in order, the list in time order, and none ended more than a year before the build's today
    # (moved to 2080 or later, whatever the commit date; day and month stay as drawn).
    closures = children.get("closures", [])
    for closure in closures:
        start, end = sorted(date.fromisoformat(closure[name]) for name in ("start_date", "end_date"))
        start, end = (day.replace(year=max(day.year, 2080), day=min(day.day, 28)) for day in (start, end))
        start, end = sorted((start, end))
        closure["start_date"], closure["end_date"] = start.isoformat(), end.isoformat()
    closures.sort(key=lambda closure: closure["start_date"])
    return values, children


def yaml_value(value) -> str:
    return quoted(value) if "\n" in value else scalar(value)


def offer_file(values: dict, children: dict) -> str:
    """The offer as a YAML file, written with the project's own YAML writer (aanbod/content/yaml_text.py)."""
    lines = []

    def field_lines(name, value, indent):
        if isinstance(value, list):
            return [f"{indent}{name}:", *(f"{indent}  - {yaml_value(item)}" for item in value)]
        return [f"{indent}{name}: {yaml_value(value)}"]

    for name, value in values.items():
        if value is not None:
            lines += field_lines(name, value, "")
    for key, value in children.items():
        if isinstance(value, list) and value:
            lines.append(f"{key}:")
            for row in value:
                row_lines = [line for name, item in row.items() if item is not None for line in field_lines(name, item, "    ")]
                lines += ["  - " + row_lines[0][4:], *row_lines[1:]]
        elif isinstance(value, dict) and value:
            lines.append(f"{key}:")
            for day, parts in value.items():
                lines += field_lines(day, parts, "  ")
    return "\n".join(lines) + "\n"


def write_content(folder: Path, offers: list[tuple[dict, dict]]) -> Path:
    files = {f"providers/{PROVIDER}.yaml": provider_yaml(PROVIDER)}
    for values, children in offers:
        files[f"offers/{PROVIDER}/{values['id']}.yaml"] = offer_file(values, children)
    return write_files(folder, files)


# --- Typed values: what the provider wrote, and what each export holds, in one comparable form ---


def typed(descriptor, text: str | list | None):
    """The value a provider's text means: the form every export must give back."""
    if text is None:
        return None
    kind = descriptor["type"]
    if kind == "list":
        return list(text)
    if kind == "integer":
        return int(text)
    if kind == "number":
        return Decimal(text)
    if kind == "boolean":
        return text in descriptor["trueValues"]
    if kind == "date":
        return date.fromisoformat(text)
    if descriptor.get("case") == "upper":  # the postcode: small letters are accepted and published in capitals
        return text.upper()
    return text


def from_csv(descriptor, cell: str):
    if cell == "":
        return None
    kind = descriptor["type"]
    if kind == "list":
        return cell.split(LIST_DELIMITER)
    if kind == "boolean":
        return cell == "true"
    return typed(descriptor, cell)


def from_json(descriptor, value):
    if value is None:
        return None
    kind = descriptor["type"]
    if kind == "number":
        return Decimal(str(value))
    if kind == "date":
        return date.fromisoformat(value)
    return value


def from_cell(descriptor, value):
    if value is None:
        return None
    kind = descriptor["type"]
    if kind == "list":
        return value.split(LIST_DELIMITER)
    if kind == "number":
        return Decimal(str(value))
    if kind == "date":
        return value.date() if isinstance(value, datetime) else value
    return value


def expected_rows(offers) -> dict[str, list[dict]]:
    """Each table's rows as the provider wrote them, typed, in file order (ids sorted, as the files are read)."""
    rows = {table.name: [] for table in (OFFERS, *SCHEMA.children_of(OFFERS.name))}
    for values, children in sorted(offers, key=lambda item: item[0]["id"]):
        # Fields merged from another file (availability) are not written in an offer file: empty here.
        rows[OFFERS.name].append({name: typed(OFFERS.field(name), values.get(name)) for name in OFFERS.field_names})
        for child in SCHEMA.children_of(OFFERS.name):
            source, value = child.source, children[child.source["key"]]
            if source["shape"] == "list":
                for position, row in enumerate(value, start=1):
                    full = {**row, source["parent_field"]: values["id"], source["position_field"]: str(position)}
                    rows[child.name].append({name: typed(child.field(name), full.get(name)) for name in child.field_names})
            else:
                for day, parts in value.items():
                    for part in parts:
                        row = {name: None for name in child.field_names}  # clock times: none in these examples
                        row.update({source["parent_field"]: values["id"], source["key_field"]: day, source["value_field"]: part})
                        rows[child.name].append(row)
    return rows


def read_back(data: Path) -> dict[str, dict[str, list[dict]]]:
    """Every table as each export gives it back, in the typed form."""
    tables = {table.name: table for table in SCHEMA.tables.values()}
    found = {"csv": {}, "xlsx": {}}
    for name, table in tables.items():
        with (data / table.path).open(encoding="utf-8", newline="") as handle:
            found["csv"][name] = [{key: from_csv(table.field(key), cell) for key, cell in row.items()} for row in csv.DictReader(handle)]
    book = load_workbook(data / "offers.xlsx")
    for name, table in tables.items():
        header, *body = book[name].iter_rows(values_only=True)
        found["xlsx"][name] = [{key: from_cell(table.field(key), cell) for key, cell in zip(header, row)} for row in body]
    documents = json.loads((data / "offers.json").read_text(encoding="utf-8"))["offers"]
    single = [json.loads((data / "offers" / f"{document['id']}.json").read_text(encoding="utf-8")) for document in documents]
    for label, source in (("offers.json", documents), ("offers/<id>.json", single)):
        found[label] = _nested_rows(source)
    return found


def _nested_rows(documents: list[dict]) -> dict[str, list[dict]]:
    """offers.json's nesting undone into table rows, so it compares with the same expectation."""
    rows = {table.name: [] for table in SCHEMA.tables.values()}
    for document in documents:
        rows[OFFERS.name].append({name: from_json(OFFERS.field(name), document[name]) for name in OFFERS.field_names})
        for child in SCHEMA.children_of(OFFERS.name):
            source = child.source
            if source["shape"] == "list":
                for position, row in enumerate(document[source["key"]], start=1):
                    full = {**row, source["parent_field"]: document["id"], source["position_field"]: position}
                    rows[child.name].append({name: from_json(child.field(name), full[name]) for name in child.field_names})
            else:
                for day, parts in document[source["key"]].items():
                    for item in parts:  # "ochtend 09:30-12:00" as a provider writes it
                        part, start, end = split_slot(item)
                        times = {child.times["start"]: start or None, child.times["end"]: end or None} if child.times else {}
                        rows[child.name].append({source["parent_field"]: document["id"], source["key_field"]: day, source["value_field"]: part, **times})
    return rows


# HSDS names the offer's fields its own way: HSDS service field -> our field.
HSDS_FIELDS = {
    "name": "title", "description": "description", "application_process": "how_to_apply", "fees_description": "cost_description",
    "email": "contact_email", "minimum_age": "min_age", "maximum_age": "max_age", "assured_date": "verified_on",
}


def check_round_trip(offers, data: Path):
    expected = expected_rows(offers)
    for export, tables in read_back(data).items():
        for name, rows in expected.items():
            assert tables[name] == rows, (export, name)
    by_id = {row["id"]: row for row in expected[OFFERS.name]}
    services = json.loads((data / "hsds" / "services.json").read_text(encoding="utf-8"))
    assert len(services) == len(by_id)
    for service in services:
        row = next(row for row in by_id.values() if row["title"] == service["name"] and row["description"] == service["description"])
        stepped = any(step["offer_id"] == row["id"] for step in expected.get("intake_steps", []))
        for hsds_name, name in HSDS_FIELDS.items():
            if hsds_name == "application_process" and stepped:  # the numbered steps come first (issue 14), the text unchanged last
                assert service[hsds_name].endswith("\n\n" + row[name]), row["id"]
                continue
            assert from_json(OFFERS.field(name), service.get(hsds_name)) == row[name], (hsds_name, row["id"])
    features = json.loads((data / "offers.geojson").read_text(encoding="utf-8"))["features"]
    locations = {(row["offer_id"], row["position"]): row for row in expected["locations"]}
    assert len(features) == len(locations)
    for feature in features:
        properties = feature["properties"]
        location = locations[(properties["offer_id"], properties["position"])]
        for name, value in properties.items():
            if name in location:
                assert from_json(SCHEMA.tables["locations"].field(name), value) == location[name], (feature["id"], name)
            elif name in OFFERS.field_names:
                assert value == by_id[properties["offer_id"]][name], (feature["id"], name)
        if location["latitude"] is not None:
            assert [Decimal(str(number)) for number in feature["geometry"]["coordinates"]] == [location["longitude"], location["latitude"]]


@PROPERTIES
@given(st.lists(offer(), min_size=1, max_size=4, unique_by=lambda item: item[0]["id"]))
def test_any_valid_offer_survives_every_export_unchanged(tmp_path_factory, offers):
    folder = tmp_path_factory.mktemp("offers")
    content = write_content(folder / "content", offers)
    catalogue, problems = read_catalogue(content, SCHEMA_FOLDER)
    assert problems == [], [problem.format() for problem in problems]
    write_all(catalogue, folder / "data")
    check_round_trip(offers, folder / "data")


# --- (b) Any text in any text field: escaped in the pages, unchanged in the data ---------------

# Free-text fields (no pattern, no taxonomy, no format): where a provider can write anything.
TEXT_FIELDS = [
    (table, descriptor["name"]) for table in (OFFERS, *SCHEMA.children_of(OFFERS.name)) for descriptor in table.fields
    if descriptor["type"] == "string" and not descriptor.get("taxonomy") and not descriptor.get("format")
    and "pattern" not in descriptor.get("constraints", {}) and descriptor["name"] not in table.generated_fields
    and descriptor["name"] != OFFERS.source["grouped_by"]
]
# Tags Markdown may make; anything else in a rendered description came from unescaped text.
MARKDOWN_TAGS = {"p", "em", "strong", "a", "ul", "ol", "li", "code", "pre", "br", "blockquote", "hr", "h1", "h2", "h3", "h4", "h5", "h6"}
# Generated pieces that Markdown has no syntax for: in a description they must come out as the same text.
LITERAL_TAGS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "</p>", "<!--")
SAMPLES = 30
BUILD_DAY = head_commit_date(ROOT / "content") or date.today()  # the build's 'today' (settings.py, AANBOD_TODAY)


def collect(strategy, count: int) -> list:
    """``count`` deterministic examples of ``strategy``, to build one site from all of them."""
    examples = []

    @settings(derandomize=True, database=None, deadline=None, max_examples=count, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def record(example):
        examples.append(example)

    record()
    return examples[:count]


def hostile_offers() -> list[tuple[dict, dict, str]]:
    """One offer per generated text, that text (cut to each field's maximum) in every free-text field;
    the Markdown field gets a text of several lines of its own."""
    texts = collect(free_text(80), SAMPLES)
    markdown = collect(free_text(200, multiline=True), SAMPLES)
    base = collect(offer(), SAMPLES)
    made = []
    for number, (text, markdown_text, (values, children)) in enumerate(zip(texts, markdown, base)):
        # Published, so each offer has its page: the sample offer's status, verified on the day of the build.
        values = {**values, "id": f"vrij-{number}", "status": OFFER_FIELDS["status"], "verified_on": BUILD_DAY.isoformat()}
        children = {**children, "locations": [dict(location) for location in children["locations"]]}
        for table, name in TEXT_FIELDS:
            targets = [values] if table is OFFERS else children[table.source["key"]]
            for target in targets:
                written = markdown_text if name in MARKDOWN_FIELDS else text
                target[name] = written[: table.field(name).get("constraints", {}).get("maxLength", len(written))]
        made.append((values, children, text))
    return made


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    offers = hostile_offers()
    root = tmp_path_factory.mktemp("hostile")
    content = write_content(root / "content", [(values, children) for values, children, _ in offers])
    output = root / "output"
    build_ok(content, output, search_index=False)
    return offers, output


def test_any_text_is_escaped_in_the_offer_pages(hostile_site):
    offers, output = hostile_site
    for values, children, _ in offers:
        for language in ("", "en/"):
            page = soup(output / language / "aanbod" / values["id"] / "index.html")
            shown = page.get_text()
            for table, name in TEXT_FIELDS:
                if name in MARKDOWN_FIELDS:
                    continue
                for target in ([values] if table is OFFERS else children[table.source["key"]]):
                    if target.get(name) is not None:
                        assert target[name] in shown, (values["id"], name, target[name])
            assert_no_inline_code(page, values["id"])
            assert page.find("img", src="x") is None


def test_any_text_is_escaped_in_the_list_pages(hostile_site):
    """Titles and summaries also appear in lists: the page of each offer's kind shows them as text."""
    offers, output = hostile_site
    urls = Urls(dict(DEFAULTS))
    pages = {}
    for values, _, _ in offers:
        path = output / urls.term_file("kinds", values["kind"])
        pages.setdefault(path, soup(path))
        shown = pages[path].get_text()
        assert values["title"] in shown and values["summary"] in shown, values["id"]
    for path, page in pages.items():
        assert_no_inline_code(page, path)


def test_markdown_text_makes_only_markdown_elements(hostile_site):
    """The description is Markdown without HTML: it makes paragraphs and the like, and any tag in it stays text."""
    offers, output = hostile_site
    for values, _, _ in offers:
        page = soup(output / "aanbod" / values["id"] / "index.html")
        [container] = page.select("section.description > div")
        assert {tag.name for tag in container.find_all(True)} <= MARKDOWN_TAGS, values["id"]
        for token in LITERAL_TAGS:
            if token in values["description"]:
                assert token in container.get_text(), (values["id"], token)


def test_any_text_is_unchanged_in_the_data_files(hostile_site):
    offers, output = hostile_site
    check_round_trip([(values, children) for values, children, _ in offers], output / "data")


def test_structured_data_in_pages_reads_back_the_text(hostile_site):
    offers, output = hostile_site
    for values, _, _ in offers:
        page = soup(output / "aanbod" / values["id"] / "index.html")
        [script] = page.find_all("script", type="application/ld+json")
        document = json.loads(script.string)
        assert document["name"] == values["title"]
