from pathlib import Path

import pytest

from aanbod.content.loading import find_files, load_file, parse_around_errors, parse_text


def parse(raw: bytes, max_bytes: int = 100_000):
    document, problems = parse_text(raw, "x.yaml", max_bytes)
    return document, [problem.format() for problem in problems]


def test_every_scalar_stays_text():
    document, problems = parse(b"a: no\nb: 010\nc: 2024-05-01\nd: 1.50\ne: ~\nf: yes\n")
    assert problems == []
    assert document.data == {"a": "no", "b": "010", "c": "2024-05-01", "d": "1.50", "e": "~", "f": "yes"}


def test_lines_of_keys_and_list_items_are_kept():
    document, _ = parse(b"title: x\nlocations:\n  - street_address: a\n    postcode: b\n")
    assert document.lines[("title",)] == 1
    assert document.lines[("locations", 0)] == 3
    assert document.lines[("locations", 0, "postcode")] == 4
    assert document.line_of("locations", 0, "name") == 3


def test_bom_and_windows_line_endings_are_accepted():
    document, problems = parse(b"\xef\xbb\xbftitle: x\r\nsummary: y\r\n")
    assert problems == []
    assert document.data == {"title": "x", "summary": "y"}
    assert document.lines[("summary",)] == 2


@pytest.mark.parametrize(
    "raw, expected",
    [
        (b"a: 1\nb: 2\na: 3\n", "x.yaml:3: Het veld 'a' staat twee keer in het bestand (eerst op regel 1). Haal er één weg."),
        (b"a:\n\tb: 1\n", "x.yaml:2: Er staat een tab aan het begin van de regel. Gebruik spaties om in te springen."),
        (b"a: 1\nb: caf\xe9\n", "x.yaml:2: Het bestand is niet opgeslagen als UTF-8. Sla het op als UTF-8 en probeer het opnieuw."),
        (b"a: 1\n---\nb: 2\n", "x.yaml:2: Het bestand bevat meer dan één document (---). Zet één aanbod in één bestand."),
        (b"a: !!int 1\n", "x.yaml:1: YAML-tags (!!int) zijn niet toegestaan. Schrijf alleen de waarde."),
        (b"a: &x 1\n", "x.yaml:1: Verwijzingen (&anker) zijn niet toegestaan. Schrijf de waarde gewoon uit."),
        (b"a: 1\nb: *x\n", None),
        (b"", "x.yaml:1: Het bestand is leeg."),
        (b"# alleen commentaar\n", "x.yaml:1: Het bestand is leeg."),
        (b"- a\n- b\n", "x.yaml:1: Het bestand moet bestaan uit regels als 'naam: waarde'."),
        (b"title: Koken: samen eten\n", "x.yaml:1: Er staat een dubbele punt (:) op een plek waar dat niet kan. Zet de hele tekst tussen aanhalingstekens, bijvoorbeeld: title: \"Koken: samen eten\"."),
        (b"{a: 1}: 2\n", "x.yaml:1: De naam van een veld moet gewone tekst zijn."),
    ],
)
def test_refused_yaml_is_reported_with_its_line(raw, expected):
    document, problems = parse(raw)
    assert document is None
    assert len(problems) == 1
    if expected:
        assert problems == [expected]
    else:
        assert problems[0].startswith("x.yaml:2: ")


def test_file_size_is_bounded():
    document, problems = parse(b"a: " + b"x" * 200 + b"\n", max_bytes=100)
    assert document is None
    assert problems == ["x.yaml:1: Het bestand is te groot (204 bytes; het maximum is 100). Maak de beschrijving korter."]


def test_big_file_on_disk_is_refused_before_reading(tmp_path: Path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * 500)
    document, problems = load_file(path, "big.yaml", max_bytes=100)
    assert document is None
    assert problems[0].line == 1 and "te groot" in problems[0].message


def test_find_files_is_sorted_and_only_yaml(tmp_path: Path):
    for name in ("b/2.yaml", "a/1.yml", "a/readme.md", "c.yaml"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("a: 1\n")
    assert [str(path.relative_to(tmp_path)) for path in find_files(tmp_path)] == ["a/1.yml", "b/2.yaml", "c.yaml"]
    assert find_files(tmp_path / "missing") == []


@pytest.mark.parametrize(("text", "expected"), [
    # A key one space too far: libyaml calls it a colon in the wrong place; the line says what is wrong.
    ("id: x\n title: y\nkind: doen\n",
     "x.yaml:2: 'title' begint na 1 spatie, maar 'id' op regel 1 aan het begin van de regel. "
     "Velden die bij elkaar horen staan precies onder elkaar: laat 'title' ook aan het begin van de regel beginnen."),
    # A key of a list item one space short: libyaml talks about dashes, and this line has none.
    ("locations:\n  - name: a\n    street_address: b\n   postcode: c\n",
     "x.yaml:4: 'postcode' begint na 3 spaties, maar 'street_address' op regel 3 na 4 spaties. "
     "Velden die bij elkaar horen staan precies onder elkaar: laat 'postcode' ook na 4 spaties beginnen."),
    ("locations:\n  - name: a\n - name: b\n",
     "x.yaml:3: Het streepje (-) staat na 1 spatie, maar het streepje op regel 2 na 2 spaties. "
     "Zet elk streepje van de lijst precies onder het vorige."),
    ("description: |\n  hallo\n daar\nkind: doen\n",
     "x.yaml:3: Deze regel begint na 1 spatie, de regel erboven na 2 spaties. "
     "Hoort hij bij de tekst erboven? Laat dan alle regels van die tekst even ver inspringen."),
    # A colon inside a text is not an indentation problem: that message stays.
    ("title: Koken: samen eten\n",
     "x.yaml:1: Er staat een dubbele punt (:) op een plek waar dat niet kan. Zet de hele tekst tussen aanhalingstekens, "
     "bijvoorbeeld: title: \"Koken: samen eten\"."),
])
def test_indentation_messages_say_what_is_wrong_on_that_line(text, expected):
    assert parse(text.encode())[1] == [expected]


def test_the_rest_of_a_file_with_syntax_errors_is_still_read():
    text = "id: x\n\ttitle: y\nkind: doen\nlocations:\n  - name: a\n     postcode: b\n\tsummary: z\nstatus: open\n"
    document, problems = parse_around_errors(text.encode(), "x.yaml")
    assert [(problem.line, problem.message[:20]) for problem in problems] == [
        (2, "er staat een tab aan"), (7, "er staat een tab aan"), (6, "'postcode' begint na")]
    assert document.data == {"id": "x", "kind": "doen", "locations": [{"name": "a"}], "status": "open"}
    assert document.lost == {"title", "summary", "postcode"}


def test_reading_around_errors_gives_up_rather_than_guess():
    # An unclosed quote confuses everything after it: one message, no document.
    text = 'id: x\ntitle: "Koken\nkind: doen\nsummary: "a\nstatus: open\n'
    document, problems = parse_around_errors(text.encode(), "x.yaml")
    assert len(problems) == 1
    valid, none = parse_around_errors(b"id: x\n", "x.yaml")
    assert valid.data == {"id": "x"} and none == []
