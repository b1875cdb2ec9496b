"""Read-aloud ("Voorlezen") on offer pages, with a recording stand-in for the browser's speech
synthesis (headless chromium has no voices), and hidden where the browser cannot speak."""

from __future__ import annotations

import pytest

from inclusion import tab_until

pytestmark = pytest.mark.browser

OFFER = "fietsenwerkplaats-overvecht"

# Records what the page asks to say; speaking "ends" only when the test says so.
RECORDING_SPEECH = """
    window.__spoken = [];
    window.__cancelled = 0;
    const pending = [];
    window.SpeechSynthesisUtterance = function (text) { this.text = text; this.lang = ""; };
    Object.defineProperty(window, "speechSynthesis", {value: {
        getVoices: () => [{lang: "en-US", name: "English"}, {lang: "nl-NL", name: "Nederlands"}],
        speak: (utterance) => { window.__spoken.push({text: utterance.text, lang: utterance.lang, voice: utterance.voice && utterance.voice.name}); pending.push(utterance); },
        cancel: () => { window.__cancelled++; pending.splice(0).forEach(u => u.onerror && u.onerror({error: "canceled"})); },
    }});
    window.__finish = () => pending.splice(0).forEach(u => u.onend && u.onend({}));
"""
NO_SPEECH = "delete window.speechSynthesis; delete window.SpeechSynthesisUtterance;"


def test_reads_the_offer_aloud_in_dutch_and_stops_on_request(page, site_url):
    page.add_init_script(RECORDING_SPEECH)
    page.goto(f"{site_url}/aanbod/{OFFER}/")
    tab_until(page, lambda f: f["text"] == "Lees voor")
    page.keyboard.press("Enter")
    spoken = page.evaluate("window.__spoken")
    assert {piece["lang"] for piece in spoken} == {"nl-NL"}
    assert {piece["voice"] for piece in spoken} == {"Nederlands"}
    text = " ".join(piece["text"] for piece in spoken)
    assert text.startswith("Fietsen repareren in de werkplaats.")
    for part in ("Kort overzicht.", "Wat ga je doen?", "Zo meld je je aan.", "Zamenhofdreef 30"):
        assert part in text
    assert "Bewaar in mijn lijstje" not in text and "Ga direct naar de inhoud" not in text
    assert max(len(piece["text"]) for piece in spoken) <= 180
    button = page.locator("[data-read-aloud]")
    assert button.inner_text() == "Stop met voorlezen"
    page.keyboard.press("Enter")
    assert page.evaluate("window.__cancelled") >= 2
    assert button.inner_text() == "Lees voor"


def test_button_resets_when_reading_ends(page, site_url):
    page.add_init_script(RECORDING_SPEECH)
    page.goto(f"{site_url}/aanbod/{OFFER}/")
    button = page.locator("[data-read-aloud]")
    button.click()
    assert button.inner_text() == "Stop met voorlezen"
    page.evaluate("window.__finish()")
    assert button.inner_text() == "Lees voor"


def test_hidden_where_the_browser_cannot_speak(page, site_url):
    page.add_init_script(NO_SPEECH)
    page.goto(f"{site_url}/aanbod/{OFFER}/")
    page.wait_for_load_state("load")
    assert not page.locator("[data-read-aloud]").is_visible()
    assert page.get_by_role("button", name="Bewaar in mijn lijstje").is_visible()
