"""Issue 15 in Debian's chromium: the week plan on Mijn lijstje (three offers, a clash, free dagdelen
that open a filtered search, the share link on a fresh profile, the printed plan) and "Aanmelden
voor iemand" (the mailto holds the offer's contact, a subject and a body with only what was typed;
the consent check is required; nothing is left in storage after clearing). Every page is routed:
a request that leaves 127.0.0.1 is aborted and recorded. axe and the Nu checker on every new state."""

from __future__ import annotations

import json
import shutil
import subprocess
from urllib.parse import parse_qs, urlparse

import pytest

from browser import browser_page, serve
from conftest import LOCATION, MUNICIPALITY, ROOT, WIJK, build_site, offer_yaml, provider_yaml, write_files
from inclusion import SHORTLIST_KEY, axe_violations, focused

pytestmark = pytest.mark.browser

PLAN_KEY = "open-aanbod-weekplan"
IDS = ["tuin", "fietsen", "taal"]
OTHER_PLACE = f"""\
locations:
  - name: Buurthuis De Boog
    street_address: Kanaalstraat 10
    postcode: 3531 CJ
    municipality: {MUNICIPALITY}
{"    wijk: " + WIJK + chr(10) if WIJK else ""}"""


@pytest.fixture(scope="module")
def plan_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("weekplan")
    write_files(root / "content", {
        "providers/buurtwerk.yaml": provider_yaml(),
        "offers/buurtwerk/tuin.yaml": offer_yaml(
            "tuin", title="Tuinieren", referral_required="ja", contact_name="Els", contact_email="tuin@buurtwerk.example.nl",
            extra=LOCATION + "schedule:\n  maandag: [ochtend]\n  woensdag: [middag]\n"),
        "offers/buurtwerk/fietsen.yaml": offer_yaml(
            "fietsen", title="Fietsen repareren", contact_email="fiets@buurtwerk.example.nl",
            extra=OTHER_PLACE + "schedule:\n  maandag: [ochtend]\n"),
        "offers/buurtwerk/taal.yaml": offer_yaml(
            "taal", title="Taalcafé", contact_email="taal@buurtwerk.example.nl", extra=OTHER_PLACE + "schedule:\n  dinsdag: [avond]\n"),
        # Not in the list: the search page offers the days and dagdelen that published offers have.
        "offers/buurtwerk/koken.yaml": offer_yaml("koken", title="Koken", extra=OTHER_PLACE + "schedule:\n  donderdag: [ochtend]\n  vrijdag: [middag]\n"),
    })
    result = build_site(root / "content", root / "output")
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "output"


@pytest.fixture(scope="module")
def site_url(plan_site):
    with serve(plan_site) as url:
        yield url


def errors_of(page) -> list:
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def open_list(page, site_url, ids):
    page.goto(f"{site_url}/404.html")
    page.evaluate("([key, ids]) => localStorage.setItem(key, JSON.stringify(ids))", [SHORTLIST_KEY, ids])
    page.goto(f"{site_url}/lijstje/")
    page.wait_for_selector(".shortlist-item")


def cell(page, slot):
    return page.locator(f"td[data-slot='{slot}']")


def storage(page) -> str:
    return page.evaluate("() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])")


def save_snapshot(page, folder, name):
    (folder / f"{name}.html").write_text(page.content(), encoding="utf-8")


def test_week_plan_clash_choice_free_dagdelen_share_link_and_print(plan_site, site_url, chromium_path, tmp_path):
    with browser_page(chromium_path) as page:
        errors = errors_of(page)
        open_list(page, site_url, IDS)
        plan = page.locator("[data-week-plan]")
        table = plan.get_by_role("table", name="Je week: wat je doet per dag en dagdeel")
        assert table.get_by_role("columnheader").all_inner_texts() == ["Dag", "Ochtend", "Middag", "Avond"]
        assert table.get_by_role("rowheader").first.inner_text() == "Maandag"
        # Three offers: Tuinieren on Monday morning and Wednesday afternoon, Fietsen on Monday morning, Taalcafé on Tuesday evening.
        assert plan.locator("[data-plan-count]").inner_text() == "Je bent nu 3 dagdelen per week actief."
        assert cell(page, "maandag-ochtend").locator("li").all_inner_texts() == ["Tuinieren", "Fietsen repareren"]
        assert "Tegelijk!" in cell(page, "maandag-ochtend").inner_text()
        assert plan.locator("[data-plan-clashes] li").all_inner_texts() == [
            "Maandag ochtend: “Tuinieren” en “Fietsen repareren” zijn tegelijk. Kies bij het aanbod hieronder wanneer je gaat."]
        assert axe_violations(page) == []
        save_snapshot(page, tmp_path, "plan-botsing")

        # Tuinieren only on Wednesday: the clash is gone, the count stays 3, the live region says so.
        tuin = page.locator(".shortlist-item[data-id='tuin']")
        tuin.get_by_role("group", name="Wanneer ga je naar Tuinieren?").get_by_role("checkbox", name="Maandag ochtend").uncheck()
        assert plan.locator("[data-plan-clashes] li").count() == 0
        assert cell(page, "maandag-ochtend").locator("li").all_inner_texts() == ["Fietsen repareren"]
        assert page.inner_text("[data-status]") == "Je weekplan is veranderd. Je bent nu 3 dagdelen per week actief."

        # Free dagdelen by keyboard: focus stays on the button that was pressed.
        for name in ("Vrij: Donderdag ochtend", "Vrij: Vrijdag middag"):
            button = plan.get_by_role("button", name=name, exact=True)
            button.focus()
            page.keyboard.press("Enter")
            assert focused(page)["text"].startswith("Vrij")
            assert plan.get_by_role("button", name=name, exact=True).get_attribute("aria-pressed") == "true"
        assert page.inner_text("[data-status]") == "Je hebt 2 vrije dagdelen gekozen."
        kept = json.loads(page.evaluate("(key) => localStorage.getItem(key)", PLAN_KEY))
        assert kept == {"choices": {"tuin": ["woensdag-middag"]}, "free": ["donderdag-ochtend", "vrijdag-middag"], "helper": {"name": "", "phone": ""}}

        plan.get_by_label("Naam").fill("Sanne")
        plan.get_by_label("Telefoon").fill("030 111 2222")
        assert axe_violations(page) == []
        save_snapshot(page, tmp_path, "plan-vrij")
        share = page.input_value("[data-link]")
        assert parse_qs(urlparse(share).query) == {
            "aanbod": ["tuin,fietsen,taal"], "kies": ["tuin:woensdag-middag"], "vrij": ["donderdag-ochtend,vrijdag-middag"],
            "begeleider": ["Sanne"], "telefoon": ["030 111 2222"],
        }

        # The printed plan: per day what, where, with whom, the next step, and the professional.
        page.emulate_media(media="print")
        assert not table.is_visible()
        printed = page.locator("[data-print-plan]")
        assert printed.is_visible()
        assert printed.locator("h3").all_inner_texts() == ["Maandag", "Dinsdag", "Woensdag"]
        days = {day.locator("h3").inner_text(): day.inner_text() for day in printed.locator(".print-day").all()}
        assert "Ochtend: Fietsen repareren" in days["Maandag"] and "Kanaalstraat 10" in days["Maandag"]
        assert "Tuinieren" not in days["Maandag"] and "Zamenhofdreef 30" not in days["Maandag"]
        assert "Middag: Tuinieren" in days["Woensdag"] and "Zamenhofdreef 30" in days["Woensdag"] and "Els, Buurtwerk" in days["Woensdag"]
        assert "Avond: Taalcafé" in days["Dinsdag"] and "Bel Ahmed." in days["Dinsdag"]
        assert printed.locator(".print-helper").inner_text() == "Vragen? Bel Sanne: 030 111 2222"
        page.emulate_media(media="screen")

        # The search for the free dagdelen: the search page's day and dagdeel filters are set.
        link = plan.get_by_role("link", name="Zoek aanbod voor de lege dagdelen")
        assert urlparse(link.get_attribute("href")).query == "dag=donderdag&dag=vrijdag&dagdeel=ochtend&dagdeel=middag"
        link.click()
        page.wait_for_url("**/zoeken/?dag=donderdag&dag=vrijdag&dagdeel=ochtend&dagdeel=middag")
        for name, value in (("dag", "donderdag"), ("dag", "vrijdag"), ("dagdeel", "ochtend"), ("dagdeel", "middag")):
            assert page.locator(f"input[name={name}][value={value}]").is_checked()
        assert not page.locator("input[name=dag][value=maandag]").is_checked()
        # Koken runs on Thursday morning: found. The offers already in the plan run on other days: not found.
        page.wait_for_selector("main a[href*='/aanbod/koken/']")
        found = {urlparse(href).path for href in page.eval_on_selector_all("main a[href*='/aanbod/']", "links => links.map(link => link.href)")}
        assert found == {"/aanbod/koken/"}
        assert errors == [] and page.foreign_requests == []

    # A fresh profile opening the link sees the same plan.
    with browser_page(chromium_path, viewport={"width": 1280, "height": 900}) as fresh:
        errors = errors_of(fresh)
        fresh.goto(share)
        fresh.wait_for_selector(".shortlist-item")
        assert fresh.evaluate("(key) => localStorage.getItem(key)", PLAN_KEY) is None
        assert fresh.locator("[data-plan-count]").inner_text() == "Je bent nu 3 dagdelen per week actief."
        assert fresh.locator("[data-plan-clashes] li").count() == 0
        assert cell(fresh, "woensdag-middag").locator("li").all_inner_texts() == ["Tuinieren"]
        assert cell(fresh, "maandag-ochtend").locator("li").all_inner_texts() == ["Fietsen repareren"]
        assert [button.get_attribute("data-free") for button in fresh.locator("[aria-pressed=true]").all()] == ["donderdag-ochtend", "vrijdag-middag"]
        assert fresh.get_by_label("Naam").input_value() == "Sanne"
        assert not fresh.locator(".shortlist-item[data-id='tuin']").get_by_role("checkbox", name="Maandag ochtend").is_checked()
        # The same link in the English interface: the same plan, in English, printed too.
        fresh.goto(share.replace("/lijstje/", "/en/lijstje/"))
        fresh.wait_for_selector(".shortlist-item")
        assert fresh.locator("[data-plan-count]").inner_text() == "You are now active 3 parts of a day a week."
        fresh.emulate_media(media="print")
        assert fresh.locator("[data-print-plan] h3").all_inner_texts() == ["Monday", "Tuesday", "Wednesday"]
        assert fresh.locator("[data-print-plan] .print-helper").inner_text() == "Questions? Call Sanne: 030 111 2222"
        fresh.emulate_media(media="screen")
        fresh.goto(share)
        fresh.wait_for_selector(".shortlist-item")
        # Kept on this device: the list and its plan move from the link into storage.
        fresh.get_by_role("button", name="Bewaar dit lijstje").click()
        fresh.wait_for_function("() => !location.search")
        assert json.loads(fresh.evaluate("(key) => localStorage.getItem(key)", PLAN_KEY))["choices"] == {"tuin": ["woensdag-middag"]}
        assert fresh.locator("[data-plan-count]").inner_text() == "Je bent nu 3 dagdelen per week actief."
        assert errors == [] and fresh.foreign_requests == []
    check_html(tmp_path)


def mail_of(link) -> tuple[str, dict]:
    href = link.get_attribute("href")
    parsed = urlparse(href)
    assert parsed.scheme == "mailto"
    return parsed.path, {key: values[0] for key, values in parse_qs(parsed.query).items()}


def test_referral_from_an_offer_page_needs_consent_holds_only_what_was_typed_and_leaves_nothing(site_url, chromium_path, tmp_path):
    with browser_page(chromium_path) as page:
        errors = errors_of(page)
        page.goto(f"{site_url}/aanbod/tuin/")
        section = page.locator("section[data-referral]")
        opener = section.get_by_role("button", name="Aanmelden voor iemand")
        # The form's code and template load on the first click, from this site.
        opener.click()
        form = section.locator("form")
        form.wait_for()
        assert opener.get_attribute("aria-expanded") == "true"
        assert focused(page)["text"].startswith("Aanmelden voor iemand")
        assert "We bewaren niets." in form.inner_text()
        assert "Schrijf niet meer op dan nodig." in form.inner_text()
        # A referral is required: who may refer, from the offer's data.
        assert form.locator("[data-ref-referrers]").inner_text().startswith("Voor dit aanbod is een verwijzing nodig.")

        form.get_by_label("Je naam").fill("Sanne Jansen")
        form.get_by_label("Organisatie").fill("Buurtteam Noord")
        form.get_by_label("Voornaam of initialen").fill("J.")
        form.get_by_role("checkbox", name="Woensdag").check()
        form.get_by_role("button", name="Maak de aanmelding").click()
        # Without the consent check there is no e-mail: the check says why and has the focus.
        consent = form.get_by_role("checkbox", name="De bewoner weet van deze aanmelding en vindt het goed")
        assert consent.get_attribute("aria-invalid") == "true"
        assert page.evaluate("() => document.activeElement.name") == "consent"
        assert form.locator("[data-ref-status]").inner_text() == "Nog 1 ding om in te vullen."
        assert not form.locator("[data-ref-mail]").is_visible()
        assert axe_violations(page) == []
        save_snapshot(page, tmp_path, "aanmelden-fout")

        consent.check()
        form.get_by_role("button", name="Maak de aanmelding").click()
        mail = form.get_by_role("link", name="Open de e-mail aan tuin@buurtwerk.example.nl")
        assert mail.is_visible()
        to, fields = mail_of(mail)
        assert to == "tuin@buurtwerk.example.nl"
        assert fields["subject"] == "Aanmelding voor Tuinieren (tuin)"
        assert fields["body"].split("\r\n") == [
            "Beste Els,", "",
            "Ik wil graag iemand aanmelden voor uw aanbod Tuinieren.", "Aanbod: tuin", f"Webadres: {site_url}/aanbod/tuin/", "",
            "Naam of initialen van de bewoner: J.", "Voorkeursdagen: Woensdag", "",
            "De bewoner weet van deze aanmelding en vindt het goed.", "",
            "Wilt u contact met mij opnemen om een kennismaking af te spreken? Alvast bedankt.", "",
            "Met vriendelijke groet,", "Sanne Jansen", "Buurtteam Noord",
        ]
        note = form.locator("[data-ref-note]")
        note_text = note.evaluate("(node) => node.textContent")
        assert note_text.startswith("Aanmelding voor Tuinieren")
        assert "Zamenhofdreef 30" in note_text and "Voor: J." in note_text and "Bel Ahmed." in note_text
        assert "Vragen? Bel Els, Buurtwerk: 030 123 4567" in note_text
        assert axe_violations(page) == []
        save_snapshot(page, tmp_path, "aanmelden-klaar")

        # Printing the note: only the note is shown.
        page.evaluate("() => { window.print = () => {}; }")
        form.get_by_role("button", name="Print een brief voor de bewoner").click()
        page.emulate_media(media="print")
        assert note.is_visible()
        assert not page.locator("h1").is_visible()
        page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
        page.emulate_media(media="screen")

        form.get_by_role("button", name="Wis alles en sluit").click()
        assert section.locator("form").count() == 0
        assert section.locator("[data-referral-status]").inner_text() == "Het formulier is gewist. Er is niets bewaard."
        assert focused(page)["text"] == "Aanmelden voor iemand"
        assert opener.get_attribute("aria-expanded") == "false"
        kept = storage(page)
        assert "Sanne" not in kept and "Buurtteam" not in kept and "J." not in kept
        opener.click()
        assert section.get_by_label("Je naam").input_value() == ""
        assert errors == [] and page.foreign_requests == []
    check_html(tmp_path)


def test_referral_for_an_offer_on_the_list_goes_to_that_offer(site_url, chromium_path):
    with browser_page(chromium_path) as page:
        errors = errors_of(page)
        open_list(page, site_url, IDS)
        before = storage(page)
        item = page.locator(".shortlist-item[data-id='taal']")
        item.get_by_role("button", name="Aanmelden voor iemand: Taalcafé").click()
        form = item.locator("form")
        form.get_by_label("Je naam").fill("Sanne")
        form.get_by_label("E-mail").fill("geen adres")
        form.get_by_role("button", name="Maak de aanmelding").click()
        assert form.locator("[data-ref-status]").inner_text() == "Nog 2 dingen om in te vullen."
        form.get_by_label("E-mail").fill("sanne@buurtteam.example.nl")
        form.get_by_role("checkbox", name="De bewoner weet van deze aanmelding en vindt het goed").check()
        form.get_by_role("button", name="Maak de aanmelding").click()
        to, fields = mail_of(form.get_by_role("link", name="Open de e-mail aan taal@buurtwerk.example.nl"))
        assert to == "taal@buurtwerk.example.nl" and fields["subject"] == "Aanmelding voor Taalcafé (taal)"
        assert fields["body"].startswith("Goedendag,\r\n") and fields["body"].endswith("Sanne\r\nsanne@buurtteam.example.nl")
        form.get_by_role("button", name="Wis alles en sluit").click()
        assert page.inner_text("[data-status]") == "Het formulier is gewist. Er is niets bewaard."
        assert storage(page) == before
        assert errors == [] and page.foreign_requests == []


def check_html(folder):
    """The Nu Html Checker over the states saved by a test."""
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is missing: the Nu Html Checker needs it (apt-get install default-jre-headless).")
    pages = sorted(folder.glob("*.html"))
    assert pages
    result = subprocess.run([java, "-jar", str(ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"), "--errors-only", "--format", "json", *map(str, pages)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    assert [f"{message.get('url', '').rsplit('/', 1)[-1]}:{message.get('lastLine')}: {message['message']}" for message in messages] == []
