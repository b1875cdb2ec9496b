"""Plain language (B1) for the texts residents read: title, summary, description and how to apply.

Two parts. A score: Flesch-Douma (Flesch reading ease with Douma's Dutch constants) and LIX, with Dutch
syllables from pyphen, counted exactly as textstat 0.7.13 counts them (tests/test_readability.py checks that on
every sample text). And our own rules, each a
warning with the line it is on: sentences that are too long, very long words, the passive voice
("je wordt geholpen") and words from the list in ``schema/plain_language.csv`` with a simpler
word ("participeren" -> "meedoen"). Warnings, never errors: a provider may have good reasons.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..problems import Problem

# The texts a resident reads, in this order; fields a fork's schema lacks are skipped.
FIELDS = ("title", "summary", "description", "how_to_apply")
WORD_LIST = "plain_language.csv"
# B1 guidance (Direct Duidelijk, Stichting Makkelijk Lezen): sentences of at most 15 words are best; we warn
# above 20. Words of more than 20 letters are hard to read, especially compounds; so is a Flesch-Douma below 60.
MAX_SENTENCE_WORDS = 20
MAX_TITLE_WORDS = 10
MAX_WORD_LETTERS = 20
MIN_DOUMA = 60
# Fewer words than this give no reliable score: a title or a two-sentence offer is not scored.
MIN_SCORED_WORDS = 30

_WORD = re.compile(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", re.UNICODE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n\s*\n|\n\s*[-*]\s+")
# A form of 'worden' followed, within a few words, by a past participle (ge...d/t/en, or be-/ver-/ont-...d/t).
_PASSIVE = re.compile(
    r"\b(?:word|wordt|worden|werd|werden)\b(?:\s+\S+){0,5}?\s+((?:ge|be|ver|ont|her|over)[a-zë]{2,}(?:d|t|en))\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Score:
    douma: float
    lix: float
    words: int

    @property
    def b1(self) -> bool:
        return self.douma >= MIN_DOUMA


# Flesch-Douma: 206.835 - 0.93 x words per sentence - 77 x syllables per word. LIX: words per sentence + the
# percentage of words longer than 6 letters. Counted as textstat 0.7.13 counts them for "nl" (its words, its
# sentences, pyphen's syllables), so scores and warnings are the ones providers saw before. Our own few lines
# rather than textstat itself: textstat imports nltk for an English dictionary we never use, and that import
# alone was a quarter of a pull request's check (issue 10).
_APOSTROPHE_OUTSIDE_CONTRACTION = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION_BUT_APOSTROPHE = re.compile(r"[^\w\s']")
_PUNCTUATION = re.compile(r"[^\w\s]")
_SCORED_SENTENCE = re.compile(r"\b[^.!?]+[.!?]*")


def _scored_words(text: str) -> list[str]:
    return _PUNCTUATION_BUT_APOSTROPHE.sub("", _APOSTROPHE_OUTSIDE_CONTRACTION.sub("", text)).split()


def _scored_sentences(text: str) -> int:
    # A "sentence" of two words or fewer (an abbreviation's tail, "bijv.") does not count; at least one.
    sentences = _SCORED_SENTENCE.findall(text)
    return max(1, len(sentences) - sum(1 for sentence in sentences if len(_scored_words(sentence)) <= 2))


@lru_cache(maxsize=None)
def _hyphenator():
    # Imported once, when first needed: the build and `validate` of invalid content never pay for it.
    from pyphen import Pyphen

    return Pyphen(lang="nl")


@lru_cache(maxsize=65536)
def _syllables(word: str) -> int:
    return len(_hyphenator().positions(word)) + 1


def score(text: str) -> Score | None:
    """Flesch-Douma and LIX of ``text``, or None when it is too short to score."""
    words = len(_WORD.findall(text))
    if words < MIN_SCORED_WORDS:
        return None
    scored = _scored_words(text)
    per_sentence = len(scored) / _scored_sentences(text)
    per_word = sum(_syllables(word.lower()) for word in scored) / len(scored)
    long_words = sum(1 for word in _PUNCTUATION.sub("", text).split() if len(word) > 6)
    douma = 206.835 - 0.93 * per_sentence - 77 * per_word
    lix = per_sentence + 100 * long_words / len(scored)
    return Score(round(douma, 1), round(lix, 1), words)


@dataclass(frozen=True)
class WordList:
    """The hard words of schema/plain_language.csv and their simpler words, found with one pattern."""

    simpler: dict  # the hard word in small letters -> the simpler word
    pattern: re.Pattern | None

    def find(self, text: str) -> list[re.Match]:
        if self.pattern is None:
            return []
        first: dict[str, re.Match] = {}
        for match in self.pattern.finditer(text):
            first.setdefault(_normal(match.group()), match)
        return list(first.values())


def _normal(words: str) -> str:
    return " ".join(words.lower().split())


@lru_cache(maxsize=8)
def word_list(schema_folder: str) -> WordList:
    """The word list of ``schema_folder``; an empty one when a fork has none."""
    path = Path(schema_folder) / WORD_LIST
    if not path.exists():
        return WordList({}, None)
    with path.open(encoding="utf-8", newline="") as handle:
        simpler = {_normal(row["word"]): row["simpler"].strip() for row in csv.DictReader(handle) if (row.get("word") or "").strip()}
    # Longest first, so "woonachtig zijn" wins over "woonachtig"; spaces match any run of white space.
    words = sorted(simpler, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(word).replace(r"\ ", r"\s+") for word in words) + r")\b", re.IGNORECASE) if words else None
    return WordList(simpler, pattern)


def _sentences(text: str) -> list[tuple[int, str]]:
    """(offset, sentence) for each sentence; a list item or a paragraph ends one too."""
    found, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        found.append((start, text[start:match.start()]))
        start = match.end()
    found.append((start, text[start:]))
    return [(offset, sentence.strip()) for offset, sentence in found if _WORD.search(sentence)]


def text_warnings(field: str, text: str, jargon) -> list[tuple[int, str]]:
    """(offset in ``text``, message) for every rule ``text`` breaks."""
    found = []
    if field == "title":
        count = len(_WORD.findall(text))
        if count > MAX_TITLE_WORDS:
            found.append((0, f"de titel heeft {count} woorden. Een korte titel (hoogstens {MAX_TITLE_WORDS} woorden) lezen mensen beter; de rest kan in de samenvatting."))
    else:
        for offset, sentence in _sentences(text):
            count = len(_WORD.findall(sentence))
            if count > MAX_SENTENCE_WORDS:
                begin = " ".join(sentence.split()[:5])
                found.append((offset, f"de zin '{begin} …' heeft {count} woorden. Voor taalniveau B1 zijn zinnen van hoogstens {MAX_SENTENCE_WORDS} woorden (liefst 15) beter. Maak er twee zinnen van."))
    seen = set()
    for match in _WORD.finditer(text):
        word = match.group()
        if len(word.replace("-", "")) > MAX_WORD_LETTERS and word.lower() not in seen:
            seen.add(word.lower())
            found.append((match.start(), f"'{word}' is een lang woord ({len(word)} letters). Kun je het korter zeggen, of in twee woorden?"))
    passive = _PASSIVE.search(text)
    if passive:
        found.append((passive.start(), f"'{passive.group(0)}' is de lijdende vorm. Schrijf wie het doet: 'wij helpen je' in plaats van 'je wordt geholpen'."))
    for match in jargon.find(text):
        found.append((match.start(), f"'{match.group()}' is een moeilijk woord. Schrijf liever '{jargon.simpler[_normal(match.group())]}'."))
    return sorted(found)


def _line(row, field: str, text: str, offset: int) -> int:
    """The file line of ``offset``: a block of several lines (description: |) starts on the line after its key."""
    line = row.line_of(field)
    if "\n" not in text:
        return line
    return line + 1 + text.count("\n", 0, offset)


def warnings(rows: dict, schema) -> list[Problem]:
    """Plain-language warnings for every offer row, each on its line; and one for a hard text as a whole."""
    jargon = word_list(str(schema.folder))
    found = []
    for row in rows.get("offers", []):
        texts = {field: row.values.get(field) for field in FIELDS}
        texts = {field: text for field, text in texts.items() if isinstance(text, str) and text.strip()}
        for field, text in texts.items():
            for offset, message in text_warnings(field, text, jargon):
                found.append(Problem(row.path, _line(row, field, text, offset), row.label(field), message, code="plain-language"))
        measured = score(offer_text(texts))
        if measured and not measured.b1 and "description" in texts:
            found.append(Problem(row.path, row.line_of("description"), row.label("description"), (
                f"de tekst is moeilijk te lezen (Flesch-Douma {measured.douma:g}; voor taalniveau B1 minstens {MIN_DOUMA}). "
                "Schrijf kortere zinnen en kortere woorden."), code="plain-language"))
    return sorted(found)


def offer_text(texts: dict) -> str:
    """The sentences a resident reads about one offer, as one text for the score (the title is no sentence)."""
    return "\n\n".join(texts[field] for field in FIELDS[1:] if texts.get(field))
