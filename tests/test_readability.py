"""Plain language (issue 16): B1 rules and the Flesch-Douma score as warnings on their lines, never errors."""

from __future__ import annotations

import csv
import subprocess
import sys

import yaml

from aanbod.contrib import readability
from aanbod.content.schema import load_schema
from aanbod.content.validation import validate_content
from conftest import ROOT, SCHEMA, SCHEMA_OPTION, offer_yaml, provider_yaml, require_sample, write_files

JARGON = readability.word_list(str(SCHEMA))


def messages(field, text):
    return [message for _offset, message in readability.text_warnings(field, text, JARGON)]


def test_a_sentence_over_twenty_words_is_flagged_where_it_starts():
    twenty = " ".join(["woord"] * 19) + " eind."
    assert messages("description", twenty) == []
    text = "Korte zin. " + " ".join(["woord"] * 20) + " eind."
    found = readability.text_warnings("description", text, JARGON)
    assert [(offset, "21 woorden" in message) for offset, message in found] == [(11, True)]


def test_list_items_and_paragraphs_end_a_sentence():
    items = "We praten over:\n- " + " ".join(["woord"] * 12) + "\n- " + " ".join(["woord"] * 12)
    assert messages("description", items) == []


def test_long_words_the_passive_and_hard_words_get_a_simpler_alternative():
    assert any("'arbeidsmarkttoeleidingstraject' is een lang woord" in message for message in messages("summary", "Een arbeidsmarkttoeleidingstraject."))
    assert any("'wordt begeleid' is de lijdende vorm" in message for message in messages("description", "Je wordt begeleid door Ahmed."))
    assert messages("description", "Je werkt mee in de tuin.") == []
    found = messages("how_to_apply", "Wij willen dat je gaat Participeren. Indien je wilt, bel ons.")
    assert "'Participeren' is een moeilijk woord. Schrijf liever 'meedoen'." in found
    assert "'Indien' is een moeilijk woord. Schrijf liever 'als'." in found


def test_a_long_title_is_flagged_but_no_title_is_a_sentence():
    assert messages("title", "Fietsen repareren") == []
    assert any("11 woorden" in message for message in messages("title", " ".join(["Fietsen"] * 11)))


def test_the_score_is_flesch_douma():
    easy = "Je werkt in de tuin. Je plant bloemen. Je haalt onkruid weg. " * 4
    hard = ("De implementatie van participatiebevorderende interventiemethodieken vereist intersectorale samenwerkingsverbanden "
            "tussen gemeentelijke organisatieonderdelen en maatschappelijke dienstverleningsinstanties. ") * 3
    assert readability.score("Te kort.") is None
    assert readability.score(easy).b1 and not readability.score(hard).b1
    assert readability.score(hard).lix > readability.score(easy).lix


def _texts_to_score(scratch):
    """Every resident-facing text of the sample offers and of a synthetic catalogue, plus a few made hard on purpose."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from synthetic_catalogue import write_catalogue

    synthetic = write_catalogue(scratch / "content", 200)
    texts = []
    for path in sorted([*(ROOT / "content" / "offers").rglob("*.yaml"), *(synthetic / "offers").rglob("*.yaml")]):
        offer = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts += [offer[field] for field in readability.FIELDS if isinstance(offer.get(field), str)]
    texts += [
        "Bijv. op ma. en di. werk je mee, o.a. in de tuin! Of niet? " * 6,
        "It's the volunteers' café: we're open, aren't we? 'Kom' zegt Ahmed's zus. " * 5,
        "Één-op-één begeleiding... Daarna: zelfstandig — met ‘hulp’ van coördinatoren (T.B.C.) " * 5,
    ]
    return [text for text in texts if readability.score(text) is not None]


def test_the_score_is_textstats_flesch_douma_and_lix_to_the_decimal(tmp_path):
    """Ours counts words, sentences and syllables as textstat 0.7.13 does for Dutch; only nltk's import is spared."""
    from textstat.textstat import textstatistics

    statistics = textstatistics()
    statistics.set_lang("nl")
    texts = _texts_to_score(tmp_path)
    assert len(texts) > 150
    for text in texts:
        ours = readability.score(text)
        assert (ours.douma, ours.lix) == (round(statistics.flesch_reading_ease(text), 1), round(statistics.lix(text), 1)), text


def test_checking_readability_does_not_import_nltk():
    code = "import sys; from aanbod.contrib import readability; readability.score('Je werkt in de tuin. ' * 10); print('nltk' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "False"


def test_the_word_list_in_schema_has_a_simpler_word_for_every_word():
    with (SCHEMA / readability.WORD_LIST).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {"word": "participeren", "simpler": "meedoen"} in rows
    assert all(row["word"].strip() and row["simpler"].strip() for row in rows)
    assert len({row["word"].lower() for row in rows}) == len(rows)


def test_validate_warns_on_the_line_and_still_passes(tmp_path):
    description = "|\n  Je werkt in de tuin.\n  " + " ".join(["Je"] + ["werkt"] * 22) + ".\n  Je wordt begeleid door Ahmed."
    content = write_files(tmp_path / "content", {
        "providers/buurtwerk.yaml": provider_yaml(),
        "offers/buurtwerk/fietsen.yaml": offer_yaml(description=description, how_to_apply="Indien je wilt, bel Ahmed."),
    })
    path = content / "offers/buurtwerk/fietsen.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    long_line = next(number for number, line in enumerate(lines, 1) if "werkt werkt" in line)
    passive_line = next(number for number, line in enumerate(lines, 1) if "wordt begeleid" in line)
    apply_line = next(number for number, line in enumerate(lines, 1) if line.startswith("how_to_apply:"))
    result = subprocess.run([sys.executable, "-m", "aanbod", "validate", "--content", str(content), *SCHEMA_OPTION], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout
    shown = str(path)
    out = result.stdout.splitlines()
    assert any(line.startswith(f"{shown}:{long_line}: description: Let op: de zin 'Je werkt werkt") for line in out), out
    assert any(line.startswith(f"{shown}:{passive_line}: description: Let op: 'wordt begeleid'") for line in out), out
    assert f"{shown}:{apply_line}: how_to_apply: Let op: 'Indien' is een moeilijk woord. Schrijf liever 'als'." in out
    assert out[-1].endswith("3 waarschuwingen: kijk er even naar.")

    github = subprocess.run([sys.executable, "-m", "aanbod", "validate", "--content", str(content), "--format", "github", *SCHEMA_OPTION],
                            capture_output=True, text=True, cwd=ROOT)
    assert f"::warning file={shown},line={apply_line},title=how_to_apply::'Indien' is een moeilijk woord. Schrijf liever 'als'." in github.stdout.splitlines()


def test_the_sample_content_meets_the_check():
    require_sample()
    schema = load_schema(SCHEMA)
    validated, problems = validate_content(ROOT / "content", schema)
    assert problems == []
    assert [warning.format() for warning in readability.warnings(validated.rows, schema)] == []
