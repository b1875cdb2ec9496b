"""The form and the check agree (issue 12, item 2): the same good and bad values, the same verdict.

Each case starts from a complete, valid offer on the form in Debian chromium, changes one or
two fields, and reads the form's verdict ("Alles is goed ingevuld" or not). The file the form
wrote for that case then goes through our validator. The two verdicts must agree with each
other and with the case's label; a form that lets a bad value through fails here, as does a
form that refuses what the check takes.
"""

from __future__ import annotations

import pytest

from aanbod.content.schema import load_schema
from browser import browser_page
from conftest import ROOT, SCHEMA
from form_page import change, fill, form_url, validate_files  # noqa: F401 (form_url is a fixture)

pytestmark = pytest.mark.browser

GOOD, BAD = True, False
SCHEMA_ = load_schema(SCHEMA)
PROVIDER = sorted(path.stem for path in (ROOT / "content/providers").glob("*.yaml"))[0]
# Any region's taxonomies: a municipality with wijken (if the region lists any) and one without.
WIJKEN = SCHEMA_.taxonomies["wijken"].terms
WITH_WIJKEN = WIJKEN[0].extra["municipality"] if WIJKEN else None
WITHOUT_WIJKEN = next(term.code for term in SCHEMA_.taxonomies["municipalities"].terms
                      if all(wijk.extra["municipality"] != term.code for wijk in WIJKEN))
KIND = SCHEMA_.taxonomies["kinds"].codes[0]
SUBTYPE = next(term.code for term in SCHEMA_.taxonomies["subtypes"].terms if term.extra["kind"] == KIND)
OTHER_KIND = SCHEMA_.taxonomies["kinds"].codes[1]
TARGET_GROUP = SCHEMA_.taxonomies["target_groups"].terms[0].label

# (what is changed: [(selector, value)], the label); selectors as form_page.change takes them.
CASES = [
    ([("#field-title", "Samen koken")], GOOD),
    ([("#field-title", "")], BAD),
    ([("#field-title", "a" * 100)], GOOD),
    ([("#field-title", "a" * 101)], BAD),
    ([("#field-title", "Koken " + "🍲" * 95)], BAD),
    ([("#field-title", "Koken " + "🍲" * 94)], GOOD),  # 100 characters, 194 UTF-16 units
    ([("#field-title", "=SOM(A1)")], BAD),
    ([("#field-title", "+31 koken")], BAD),
    ([("#field-title", "-koken")], BAD),
    ([("#field-title", "@koken")], BAD),
    ([("#field-summary", "b" * 200)], GOOD),
    ([("#field-summary", "b" * 201)], BAD),
    ([("#field-contact-email", "wandelen@hetlint.nl")], GOOD),
    ([("#field-contact-email", "Wandelen.Lint@Het-Lint.example.nl")], GOOD),
    ([("#field-contact-email", "wandelen@hetlint,example.nl")], BAD),
    ([("#field-contact-email", "wandelen@hetlint")], BAD),
    ([("#field-contact-email", "wandelen@@hetlint.nl")], BAD),
    ([("#field-contact-email", "wan delen@hetlint.nl")], BAD),
    ([("#field-contact-email", "wandelen..lint@hetlint.nl")], BAD),
    ([("#field-contact-email", "-wandelen@hetlint.nl")], BAD),
    ([("#field-contact-email", "wandelen@-hetlint.nl")], BAD),
    ([("#field-contact-phone", "030 123 4567")], GOOD),
    ([("#field-contact-phone", "06 12345678")], GOOD),
    ([("#field-contact-phone", "+31 30 123 4567")], GOOD),
    ([("#field-contact-phone", "0800 1234")], GOOD),
    ([("#field-contact-phone", "030 123 456")], BAD),
    ([("#field-contact-phone", "+32 30 123 4567")], BAD),
    ([("#field-contact-phone", "bel ons")], BAD),
    ([("#field-website", "https://www.hetlint.nl/wandelen")], GOOD),
    ([("#field-website", "www.hetlint.nl")], BAD),
    ([("#field-website", "https://het lint.nl")], BAD),
    ([("#field-min-age", "18")], GOOD),
    ([("#field-min-age", "0")], GOOD),
    ([("#field-min-age", "120")], GOOD),
    ([("#field-min-age", "121")], BAD),
    ([("#field-min-age", "-1")], BAD),
    ([("#field-min-age", "18.5")], BAD),
    ([("#field-min-age", "+18")], BAD),
    ([("#field-min-age", "1_8")], BAD),
    ([("#field-min-age", "١٨")], BAD),  # Arabic-Indic digits: Python's int() reads them, the files may not have them
    ([("#field-min-age", "achttien")], BAD),
    ([("#field-min-age", "18"), ("#field-max-age", "67")], GOOD),
    ([("#field-min-age", "18"), ("#field-max-age", "18")], GOOD),
    ([("#field-min-age", "18"), ("#field-max-age", "17")], BAD),
    ([("#field-cost-eur", "0")], GOOD),
    ([("#field-cost-eur", "2,50")], GOOD),
    ([("#field-cost-eur", "2.50")], GOOD),
    ([("#field-cost-eur", "10000")], GOOD),
    ([("#field-cost-eur", "10000,01")], BAD),
    ([("#field-cost-eur", "-1")], BAD),
    ([("#field-cost-eur", "1e3")], BAD),
    ([("#field-cost-eur", "NaN")], BAD),
    ([("#field-cost-eur", "Infinity")], BAD),
    ([("#field-cost-eur", "€ 2")], BAD),
    ([("#field-cost-eur", "")], BAD),
    ([("#field-hours-per-week", "60")], GOOD),
    ([("#field-hours-per-week", "60,5")], BAD),
    ([("#field-places", "6")], GOOD),
    ([("#field-places", "zes")], BAD),
    ([("#field-start-date", "2027-03-01")], GOOD),
    ([("#field-start-date", "2027-03-01"), ("#field-end-date", "2027-03-01")], GOOD),
    ([("#field-start-date", "2027-03-01"), ("#field-end-date", "2027-02-28")], BAD),
    ([("#field-end-date", "2027-02-28")], GOOD),
    ([("#field-how-to-apply", "")], BAD),
    ([("#locations-1-postcode", "3562 JT")], GOOD),
    ([("#locations-1-postcode", "3562jt")], BAD),
    ([("#locations-1-postcode", "3562 jt")], GOOD),  # written in capitals (schema: "case": "upper")
    ([("#locations-1-postcode", "0562 JT")], BAD),
    ([("#locations-1-street-address", "")], BAD),
    ([("#locations-1-street-address", "s" * 151)], BAD),
    ([("#locations-1-latitude", "52.09"), ("#locations-1-longitude", "5.12")], GOOD),
    ([("#locations-1-latitude", "52,09"), ("#locations-1-longitude", "5,12")], GOOD),
    ([("#locations-1-latitude", "52.09")], BAD),
    ([("#locations-1-longitude", "5.12")], BAD),
    ([("#locations-1-latitude", "49"), ("#locations-1-longitude", "5.12")], BAD),
    ([("#locations-1-municipality", WITHOUT_WIJKEN)], GOOD),
    *([([("#locations-1-municipality", WITH_WIJKEN), ("#locations-1-wijk", "")], BAD)] if WITH_WIJKEN else []),
    ([("#field-kind", OTHER_KIND)], BAD),  # the subtype no longer fits: the form empties it, the check refuses it
    ([("#locations-1-street-address", ""), ("#locations-1-postcode", ""), ("#locations-1-municipality", "")], BAD),
    ([("#locations-1-street-address", ""), ("#locations-1-postcode", ""), ("#locations-1-municipality", ""),
      ("group:Online", "Ja")], GOOD),
]


# A complete, valid offer in any region's taxonomies.
VALID_OFFER = [
    ("#field-title", "Wandelen in de wijk"),
    ("#field-provider", PROVIDER),
    ("#field-summary", "Je wandelt elke week met buren."),
    ("#field-description", "We lopen een uur door de wijk."),
    ("#field-kind", KIND),
    ("#field-subtype", SUBTYPE),
    ("group:Voor wie", TARGET_GROUP),
    ("#field-how-to-apply", "Kom langs op dinsdag."),
    ("#locations-1-street-address", "Dorpsstraat 1"),
    ("#locations-1-postcode", "3562 JT"),
    ("#locations-1-municipality", WITH_WIJKEN or WITHOUT_WIJKEN),
    *([("#locations-1-wijk", WIJKEN[0].code)] if WITH_WIJKEN else []),
]


def form_verdicts(form_url, chromium_path) -> list[tuple[bool, str]]:
    """For every case: does the form say all is well, and the file it wrote.

    A case that only types into fields is undone by typing the old values back; a case that
    chooses (which may empty a dependent choice) gets a freshly filled page.
    """
    results = []
    with browser_page(chromium_path) as page:
        fresh = True
        for changes, _ in CASES:
            if fresh:
                page.goto(form_url)
                fill(page, VALID_OFFER)
            typed_only = all(not selector.startswith(("group:", "label:")) and page.eval_on_selector(selector, "e => e.tagName") != "SELECT"
                             for selector, _ in changes)
            before = [(selector, page.input_value(selector)) for selector, _ in changes] if typed_only else []
            for selector, value in changes:
                change(page, selector, value)
            results.append(("Alles is goed ingevuld" in page.text_content("#form-status"), page.input_value("#yaml")))
            for selector, value in reversed(before):
                change(page, selector, value)
            fresh = not typed_only or "Alles is goed ingevuld" not in page.text_content("#form-status")
    return results


def check_verdicts(tmp_path, texts: list[str]) -> list[list[str]]:
    """Our validator's problems for each file, all checked in one pass.

    Each file gets its own code (case-<n>), as many files of one provider would; everything
    else is the form's text as written.
    """
    files = {}
    for number, text in enumerate(texts):
        lines = [line for line in text.splitlines() if not line.startswith("id: ")]
        lines.insert(1, f"id: case-{number}")
        files[f"case-{number}.yaml"] = "\n".join(lines) + "\n"
    problems = validate_files(tmp_path, PROVIDER, files)[1]
    return [[problem.format() for problem in problems if problem.path.endswith(f"/case-{number}.yaml")] for number in range(len(texts))]


def test_the_cases_hold_good_and_bad_values():
    assert {label for _, label in CASES} == {GOOD, BAD}


def test_the_form_and_the_check_give_the_same_verdict(form_url, chromium_path, tmp_path):
    disagreements = []
    verdicts = form_verdicts(form_url, chromium_path)
    checked = check_verdicts(tmp_path, [text for _, text in verdicts])
    for (changes, label), (form_ok, _), problems in zip(CASES, verdicts, checked):
        if not (form_ok == (not problems) == label):
            disagreements.append(f"{changes}: label {'goed' if label else 'fout'}, form {'goed' if form_ok else 'fout'}, check {problems or 'goed'}")
    assert disagreements == []
