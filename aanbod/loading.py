"""Find content files and read them as strict YAML: every scalar stays text, every key keeps its line.

PyYAML's own constructors guess types (``no`` becomes False, ``010`` becomes 8) and accept
anchors, tags and duplicate keys. We read libyaml's event stream instead and build plain
``str`` / ``list`` / ``dict`` trees ourselves, so the schema alone decides types.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is a pinned requirement; this keeps a clear fallback
    from yaml import SafeLoader as _Loader

DEFAULT_MAX_BYTES = 100_000



@dataclass
class Document:
    """One YAML file: its tree of text values and the line of every key and list item."""

    path: str
    data: dict
    lines: dict = field(default_factory=dict)

    def line_of(self, *keys) -> int:
        """The line of the deepest known key along ``keys``; 1 when nothing is known."""
        for end in range(len(keys), 0, -1):
            line = self.lines.get(tuple(keys[:end]))
            if line:
                return line
        return 1


class _YamlProblem(Exception):
    def __init__(self, line: int, message: str, column: int = 0):
        super().__init__(message)
        self.line = line
        self.column = column
        self.message = message


_PARSER_MESSAGES = [
    ("found character '\\t'", "er staat een tab. Gebruik spaties om in te springen."),
    ("mapping values are not allowed", "er staat een dubbele punt (:) op een plek waar dat niet kan. "
     "Zet de hele tekst tussen aanhalingstekens, bijvoorbeeld: title: \"Koken: samen eten\"."),
    ("could not find expected ':'", "er mist een dubbele punt (:) achter de naam van het veld."),
    ("did not find expected key", "de inspringing klopt niet. Zet velden die bij elkaar horen precies onder elkaar."),
    ("did not find expected '-' indicator", "de inspringing van de lijst klopt niet. Zet elk streepje (-) precies onder het vorige."),
    ("found unexpected end of stream", "het bestand stopt te vroeg. Mist er een aanhalingsteken of haakje?"),
    ("found unknown escape character", "er staat een \\ in een tekst tussen dubbele aanhalingstekens. Gebruik enkele aanhalingstekens of laat de \\ weg."),
    ("control characters are not allowed", "er staat een onzichtbaar teken in het bestand. Typ de regel opnieuw."),
    ("found unacceptable", "er staat een onzichtbaar teken in het bestand. Typ de regel opnieuw."),
]


def _parser_message(problem: str) -> str:
    for needle, message in _PARSER_MESSAGES:
        if needle in problem:
            return message
    return f"de YAML-opmaak klopt niet ({problem}). Vergelijk het bestand met het voorbeeld in CONTRIBUTING.md."


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _YamlProblem(line, "het bestand is niet opgeslagen als UTF-8. Sla het op als UTF-8 en probeer het opnieuw.") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _check_indentation(text: str) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise _YamlProblem(number, "er staat een tab aan het begin van de regel. Gebruik spaties om in te springen.")


class _TreeBuilder:
    """Builds the tree from libyaml events, refusing every YAML feature a provider never needs."""

    def __init__(self, events):
        self.events = events
        self.lines: dict = {}

    def build(self) -> dict:
        documents = 0
        root = None
        for event in self.events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _YamlProblem(event.start_mark.line + 1, "het bestand bevat meer dan één document (---). Zet één aanbod in één bestand.")
                root = self._node(next(self.events), ())
            elif isinstance(event, (yaml.StreamStartEvent, yaml.DocumentEndEvent, yaml.StreamEndEvent)):
                continue
        if root is None or root == "":
            raise _YamlProblem(1, "het bestand is leeg.")
        if not isinstance(root, dict):
            raise _YamlProblem(1, "het bestand moet bestaan uit regels als 'naam: waarde'.")
        return root

    @staticmethod
    def _refuse_extras(event) -> None:
        line = event.start_mark.line + 1
        if getattr(event, "anchor", None):
            raise _YamlProblem(line, "verwijzingen (&anker) zijn niet toegestaan. Schrijf de waarde gewoon uit.")
        if getattr(event, "tag", None):
            raise _YamlProblem(line, f"YAML-tags ({event.tag.replace('tag:yaml.org,2002:', '!!')}) zijn niet toegestaan. Schrijf alleen de waarde.")

    def _node(self, event, path: tuple):
        if isinstance(event, yaml.AliasEvent):
            raise _YamlProblem(event.start_mark.line + 1, "verwijzingen (*anker) zijn niet toegestaan. Schrijf de waarde gewoon uit.")
        self._refuse_extras(event)
        if isinstance(event, yaml.ScalarEvent):
            return event.value
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            for event in self.events:
                if isinstance(event, yaml.SequenceEndEvent):
                    return items
                item_path = path + (len(items),)
                self.lines[item_path] = event.start_mark.line + 1
                items.append(self._node(event, item_path))
        if isinstance(event, yaml.MappingStartEvent):
            mapping = {}
            for event in self.events:
                if isinstance(event, yaml.MappingEndEvent):
                    return mapping
                line = event.start_mark.line + 1
                if not isinstance(event, yaml.ScalarEvent):
                    raise _YamlProblem(line, "de naam van een veld moet gewone tekst zijn.")
                self._refuse_extras(event)
                key = event.value
                if key in mapping:
                    raise _YamlProblem(line, f"het veld '{key}' staat twee keer in het bestand (eerst op regel {self.lines[path + (key,)]}). Haal er één weg.")
                self.lines[path + (key,)] = line
                mapping[key] = self._node(next(self.events), path + (key,))
        raise _YamlProblem(event.start_mark.line + 1, "de YAML-opmaak klopt niet.")  # pragma: no cover


def _check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise _YamlProblem(1, f"het bestand is te groot ({size} bytes; het maximum is {max_bytes}). Maak de beschrijving korter.")


def parse_text(raw: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Document | None, list[Problem]]:
    """Parse one file's bytes. Returns the document, or None with the problem that stopped it."""
    try:
        _check_size(len(raw), max_bytes)
        text = _decode(raw)
        _check_indentation(text)
        builder = _TreeBuilder(yaml.parse(text, Loader=_Loader))
        data = builder.build()
    except _YamlProblem as problem:
        return None, [Problem(path, problem.line, "", problem.message, code="yaml")]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(path, line, "", _parser_message(error.problem or str(error)), code="yaml")]
    except yaml.YAMLError as error:
        return None, [Problem(path, 1, "", _parser_message(str(error)), code="yaml")]
    return Document(path, data, builder.lines), []


def load_file(path: Path, display_path: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Document | None, list[Problem]]:
    shown = display_path or str(path)
    try:
        _check_size(path.stat().st_size, max_bytes)
        raw = path.read_bytes()
    except _YamlProblem as problem:
        return None, [Problem(shown, problem.line, "", problem.message, code="yaml")]
    except OSError as error:
        return None, [Problem(shown, 0, "", f"het bestand kan niet worden gelezen ({error.strerror}).", code="io")]
    return parse_text(raw, shown, max_bytes)


def find_files(folder: Path) -> list[Path]:
    """Every *.yaml / *.yml file below ``folder``, in a stable order."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
