"""The "aanbod aanmelden" form in headless Debian chromium: it checks while typing and produces a valid file.

The form opens GitHub's "new file" page; the browser helper aborts that request (nothing leaves
127.0.0.1), and the test reads the file the form put in the aborted URL and validates it.
"""

import json
import shutil
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect
from jsonschema import Draft7Validator

from aanbod.content.schema import load_schema
from aanbod.content.validation import validate_content
from browser import browser_page
from conftest import ROOT, SCHEMA
from form_page import fill, form_url, validate_files  # noqa: F401 (form_url is a fixture)
from inclusion import axe_violations
from yaml12 import load as load_yaml12

pytestmark = pytest.mark.browser

TITLE = 'Koken: samen "eten" #1'


# A complete offer, as a provider fills it in.
VALID_OFFER = [
    ("#field-provider", "buurtwerk-noord"),
    ("#field-title", TITLE),
    ("#field-summary", "Je kookt elke dinsdag met buurtgenoten."),
    ("#field-description", "In het buurthuis koken we samen.\n\nJe leert nieuwe recepten."),
    ("#field-kind", "doen"),
    ("#field-subtype", "vrijwilligerswerk"),
    ("group:Voor wie", "Psychische klachten"),
    ("group:Voor wie", "Iedereen"),
    ("#field-how-to-apply", "Bel of mail Fatima."),
    ("#field-cost-eur", "2,50"),
    ("#locations-1-street-address", "Zamenhofdreef 10"),
    ("#locations-1-postcode", "3562 JT"),
    ("#locations-1-municipality", "utrecht"),
    ("#locations-1-wijk", "overvecht"),
    ("label:Dinsdag middag", ""),
]


def test_the_form_produces_a_file_that_passes_validation(form_url, chromium_path, tmp_path):
    with browser_page(chromium_path) as page:
        page.goto(form_url)
        assert page.locator("#github-link").get_attribute("aria-disabled") == "true"
        assert page.locator("#github-link").get_attribute("href") == "#form-errors"
        fill(page, VALID_OFFER)
        assert page.input_value("#field-id") == "koken-samen-eten-1"
        assert "Alles is goed ingevuld" in page.text_content("#form-status")
        with page.context.expect_page():
            page.click("#github-link")
        page.wait_for_function("() => true")
        github = [url for url in page.foreign_requests if "github.com" in url]
        assert github, page.foreign_requests
        assert all(urlparse(url).hostname == "github.com" for url in page.foreign_requests)

    url = urlparse(github[0])
    assert url.path == "/open-aanbod/open-aanbod/new/main"
    query = parse_qs(url.query)
    assert query["filename"] == ["content/offers/buurtwerk-noord/koken-samen-eten-1.yaml"]
    text = query["value"][0]
    validated, problems = validate_files(tmp_path, "buurtwerk-noord", {"koken-samen-eten-1.yaml": text})
    assert [problem.format() for problem in problems] == []

    offer = validated.typed["offers"][0]
    assert offer["title"] == TITLE
    assert str(offer["cost_eur"]) == "2.50"
    assert offer["target_groups"] == ["ggz", "iedereen"]
    assert offer["description"] == "In het buurthuis koken we samen.\n\nJe leert nieuwe recepten.\n"
    assert [(row["day"], row["part_of_day"]) for row in validated.typed["schedules"]] == [("dinsdag", "middag")]
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../../schema/editor/offer.schema.json"
    editor = Draft7Validator(json.loads((SCHEMA / "editor/offer.schema.json").read_text(encoding="utf-8")))
    assert list(editor.iter_errors(load_yaml12(text))) == []


def test_the_form_says_what_is_wrong_while_typing_and_opens_nothing(form_url, chromium_path):
    with browser_page(chromium_path) as page:
        page.goto(form_url)
        fill(page, VALID_OFFER)
        page.fill("#locations-1-postcode", "3562jt")
        error = page.locator("#locations-1-postcode-error")
        assert error.is_visible()
        assert "Vier cijfers, een spatie en twee letters" in error.text_content()
        page.fill("#field-contact-email", "koken-at-buurtwerk")
        assert "geen goed e-mailadres" in page.text_content("#field-contact-email-error")
        assert page.locator("#github-link").get_attribute("href") == "#form-errors"
        page.click("#github-link", force=True)  # aria-disabled: Playwright would wait for it to be enabled
        summary = page.locator("#form-errors")
        assert summary.is_visible()
        assert summary.locator("li").count() == 2
        assert page.evaluate("document.activeElement.id") == "form-errors"
        page.fill("#locations-1-postcode", "3562 JT")
        page.fill("#field-contact-email", "")
        assert not error.is_visible()
        assert page.locator("#github-link").get_attribute("href").startswith("https://github.com/")
        assert page.locator("#github-link").get_attribute("aria-disabled") is None
        assert page.foreign_requests == []


def test_choices_follow_the_field_they_depend_on(form_url, chromium_path):
    with browser_page(chromium_path) as page:
        page.goto(form_url)
        page.select_option("#field-kind", "leren")
        visible = page.eval_on_selector_all("#field-subtype option", "options => options.filter(o => o.value && !o.disabled).map(o => o.value)")
        schema = load_schema(SCHEMA)
        assert visible == [term.code for term in schema.taxonomies["subtypes"].terms if term.extra["kind"] == "leren"]
        page.select_option("#locations-1-municipality", "zeist")
        assert page.locator("#locations-1-wijk").is_hidden()
        page.select_option("#locations-1-municipality", "utrecht")
        assert page.locator("#locations-1-wijk").is_visible()
        page.get_by_role("group", name="Online").get_by_label("Ja").check()
        assert "locations:" in page.input_value("#yaml")
        page.select_option("#locations-1-municipality", "")
        assert "locations:" not in page.input_value("#yaml")
        assert "Alles is goed ingevuld" not in page.text_content("#form-status")


def test_optional_fields_start_empty_and_stay_out_of_the_file(form_url, chromium_path):
    """Issue 12, item 1: a weekly walk was published as starting and ending today."""
    schema = load_schema(SCHEMA)
    offers = schema.tables["offers"]
    optional = [name for name in offers.field_names if name not in offers.generated_fields
                and not (offers.field(name).get("constraints") or {}).get("required")]
    with browser_page(chromium_path) as page:
        page.goto(form_url)
        fill(page, VALID_OFFER)
        yaml_keys = {line.split(":")[0] for line in page.input_value("#yaml").splitlines() if not line.startswith((" ", "#"))}
        assert "Alles is goed ingevuld" in page.text_content("#form-status")
        assert page.input_value("#field-start-date") == "" and page.input_value("#field-end-date") == ""
        assert page.input_value("#field-verified-on") == page.evaluate("new Date().toLocaleDateString('sv')")
    assert {"start_date", "end_date"} <= set(optional)
    assert yaml_keys & set(optional) == set()
    assert "verified_on" in yaml_keys


def test_the_form_asks_the_name_first_and_the_organisation_by_name(form_url, chromium_path):
    with browser_page(chromium_path) as page:
        page.goto(form_url)
        order = page.eval_on_selector_all("#offer-form > fieldset:first-of-type [data-field]", "fields => fields.map(f => f.dataset.field)")
        assert order[:3] == ["title", "provider", "id"]
        labels = page.eval_on_selector_all("#field-provider option", "options => options.filter(o => o.value).map(o => o.textContent.trim())")
        names = sorted((load_yaml12((ROOT / "content/providers" / f"{code}.yaml").read_text(encoding="utf-8"))["name"]
                        for code in page.eval_on_selector_all("#field-provider option", "options => options.filter(o => o.value).map(o => o.value)")),
                       key=str.lower)
        assert labels == names
        note = page.locator("#provider-missing")
        assert "Staat je organisatie er niet bij?" in note.text_content()
        assert note.locator("a[href^='mailto:']").count() == 1
        assert page.locator("#locations-1-latitude").is_hidden()  # coordinates are folded away, optional
        assert "niet op de kaart" in page.text_content("details.form-extra")


def test_a_problem_in_the_folded_coordinates_opens_them_and_the_form_stays_accessible(form_url, chromium_path):
    from inclusion import axe_violations

    with browser_page(chromium_path) as page:
        page.set_viewport_size({"width": 320, "height": 640})
        page.goto(form_url)
        fill(page, VALID_OFFER)
        page.click("details.form-extra summary")
        page.fill("#locations-1-latitude", "52.09")
        page.click("details.form-extra summary")  # folded again, with only one of the two filled in
        page.click("#copy-yaml")
        assert page.locator("#locations-1-longitude-error").is_visible()
        assert "allebei" in page.text_content("#locations-1-longitude-error")
        assert page.locator("#form-errors li").count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        assert axe_violations(page) == []
        page.fill("#locations-1-longitude", "5.12")
        assert "Alles is goed ingevuld" in page.text_content("#form-status")


def test_an_organisation_not_in_the_list_gets_a_file_from_the_second_form(form_url, chromium_path, tmp_path):
    """Issue 12, item 7: the route for an organisation that is not in the list, ending in a file that passes."""
    schema = load_schema(SCHEMA)
    municipality = schema.taxonomies["municipalities"].codes[0]
    with browser_page(chromium_path) as page:
        page.goto(form_url)
        page.click("#provider-missing a[href='#organisatie-aanmelden']")
        page.fill("#provider-name", "Wandelclub De Stap")
        assert page.input_value("#provider-id") == "wandelclub-de-stap"
        page.fill("#provider-description", "Wij wandelen elke week met buurtbewoners.")
        page.select_option("#provider-municipality", municipality)
        page.fill("#provider-email", "info@destap,example.nl")
        page.fill("#provider-maintainers", "anja-destap, @piet")
        status = page.locator("#provider-form-status")
        assert "Alles is goed ingevuld" not in status.text_content()
        assert page.locator("#provider-email-error").is_visible() and page.locator("#provider-maintainers-error").is_visible()
        page.fill("#provider-email", "info@destap.example.nl")
        page.fill("#provider-maintainers", "anja-destap, piet-destap")
        assert "Alles is goed ingevuld" in status.text_content()
        assert page.text_content("#provider-file-name") == "content/providers/wandelclub-de-stap.yaml"
        text = page.input_value("#provider-yaml")
        assert "Alles is goed ingevuld" not in page.text_content("#form-status")  # the offer form is its own form
    content = tmp_path / "content"
    (content / "providers").mkdir(parents=True)
    (content / "providers/wandelclub-de-stap.yaml").write_text(text, encoding="utf-8")
    validated, problems = validate_content(content, schema)
    assert [problem.format() for problem in problems] == []
    assert validated.typed["providers"][0]["maintainers"] == ["anja-destap", "piet-destap"]
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../../schema/editor/provider.schema.json"


def test_copying_the_file_puts_it_on_the_clipboard_and_says_so(form_url, chromium_path):
    with browser_page(chromium_path, permissions=["clipboard-read", "clipboard-write"]) as page:
        page.goto(form_url)
        fill(page, VALID_OFFER)
        page.click("#copy-yaml")
        expect(page.locator("#form-status")).to_have_text("De tekst staat nu op je klembord.")
        assert page.evaluate("() => navigator.clipboard.readText()") == page.input_value("#yaml")


def test_clock_times_on_the_schedule_grid_are_checked_and_pass_validation(form_url, chromium_path, tmp_path):
    """Issue 14: a ticked day and dagdeel may carry a start and end time, checked as timetable.py checks them."""
    with browser_page(chromium_path) as page:
        page.goto(form_url)
        times = page.locator("#schedule-dinsdag-middag")
        assert times.is_hidden()  # only a ticked cell asks for times
        fill(page, VALID_OFFER + [("label:Maandag ochtend", "")])
        assert times.is_visible() and page.locator("#schedule-maandag-ochtend").is_visible()
        assert page.locator("#schedule-woensdag-ochtend").is_hidden()
        page.get_by_label("Begintijd op dinsdag middag", exact=True).fill("11:00")
        page.get_by_label("Eindtijd op dinsdag middag", exact=True).fill("13:00")
        error = page.locator("#schedule-dinsdag-middag-start-error")
        assert error.is_visible() and "12:00 tot 18:00" in error.text_content()
        assert page.locator("#github-link").get_attribute("aria-disabled") == "true"
        page.fill("#schedule-dinsdag-middag-start", "16:00")
        assert "na de begintijd" in page.text_content("#schedule-dinsdag-middag-end-error")
        page.fill("#schedule-dinsdag-middag-start", "13:00")
        page.fill("#schedule-dinsdag-middag-end", "16:30")
        page.fill("#schedule-maandag-ochtend-start", "09:30")
        page.click("#copy-yaml")  # shows every problem: the morning has a start and no end yet
        assert "allebei" in page.text_content("#schedule-maandag-ochtend-end-error")
        assert page.locator("#form-errors li").count() == 1
        assert axe_violations(page) == []  # the times of the ticked cells, with a problem shown
        page.fill("#schedule-maandag-ochtend-end", "12:00")
        assert "Alles is goed ingevuld" in page.text_content("#form-status")
        text = page.input_value("#yaml")
    assert "  maandag: [ochtend 09:30-12:00]\n  dinsdag: [middag 13:00-16:30]\n" in text
    validated, problems = validate_files(tmp_path, "buurtwerk-noord", {"koken-samen-eten-1.yaml": text})
    assert [problem.format() for problem in problems] == []
    assert [(row["day"], row["part_of_day"], row["start_time"], row["end_time"]) for row in validated.typed["schedules"]] == [
        ("maandag", "ochtend", "09:30", "12:00"), ("dinsdag", "middag", "13:00", "16:30")]


def _availability_content(tmp_path, provider: str, text: str):
    """The sample provider, its offers and an availability file holding ``text``, validated as the build does."""
    content = tmp_path / "content"
    (content / "providers").mkdir(parents=True)
    shutil.copy(ROOT / "content/providers" / f"{provider}.yaml", content / "providers")
    shutil.copytree(ROOT / "content/offers" / provider, content / "offers" / provider)
    (content / "availability").mkdir()
    (content / "availability" / f"{provider}.yaml").write_text(text, encoding="utf-8")
    return validate_content(content, load_schema(SCHEMA))


def test_availability_in_one_step_gives_an_entry_that_passes_validation(form_url, chromium_path, tmp_path):
    """Issue 14: the third form writes one offer's entry for the provider's availability file and refuses what validation refuses."""
    with browser_page(chromium_path) as page:
        page.goto(form_url)
        link = page.locator("#availability-github-link")
        assert link.get_attribute("aria-disabled") == "true"
        assert page.input_value("#availability-availability-checked-on") == page.evaluate("new Date().toLocaleDateString('sv')")
        page.select_option("#availability-provider", "buurtwerk-noord")
        expect(page.locator("#availability-offer")).to_be_enabled()  # the organisation's offers are loaded when it is chosen
        offers = page.eval_on_selector_all("#availability-offer option", "options => options.filter(o => o.value).map(o => o.value)")
        assert "klusploeg-noord" in offers and "moestuin-de-bilt" not in offers  # only this organisation's offers
        page.select_option("#availability-offer", "klusploeg-noord")
        page.select_option("#availability-availability", "vol")
        page.fill("#availability-free-places", "3")
        error = page.locator("#availability-free-places-error")
        assert error.is_visible() and "hoort alleen bij 'Er is plek'" in error.text_content()
        assert link.get_attribute("aria-disabled") == "true"
        page.click("#availability-github-link", force=True)
        assert page.evaluate("document.activeElement.id") == "availability-form-errors"
        assert axe_violations(page) == []
        page.fill("#availability-free-places", "")
        page.select_option("#availability-availability", "wachtlijst")
        page.fill("#availability-waiting-weeks", "5")
        assert "Alles is goed ingevuld" in page.text_content("#availability-form-status")
        assert link.get_attribute("href") == "https://github.com/open-aanbod/open-aanbod/edit/main/content/availability/buurtwerk-noord.yaml"
        assert page.text_content("#availability-file-name") == "content/availability/buurtwerk-noord.yaml"
        entry = page.input_value("#availability-yaml")
        assert "Alles is goed ingevuld" not in page.text_content("#form-status")  # the offer form is its own form
        assert page.foreign_requests == []
    # As a provider pastes it: the file without the offer's old lines, the new entry at the bottom.
    old = (ROOT / "content/availability/buurtwerk-noord.yaml").read_text(encoding="utf-8")
    kept = old.split("klusploeg-noord:\n")[0] + old.split("klusploeg-noord:\n")[1].split("\n", 3)[3]
    validated, problems = _availability_content(tmp_path, "buurtwerk-noord", kept + entry)
    assert [problem.format() for problem in problems] == []
    row = next(offer for offer in validated.typed["offers"] if offer["id"] == "klusploeg-noord")
    assert (row["availability"], row["waiting_weeks"], row["free_places"]) == ("wachtlijst", 5, None)
