"""Find content files and read them as strict YAML: every scalar stays text, every key keeps its line.

PyYAML's own constructors guess types (``no`` becomes False, ``010`` becomes 8) and accept
anchors, tags and duplicate keys. We read libyaml's event stream instead and build plain
``str`` / ``list`` / ``dict`` trees ourselves, so the schema alone decides types.
"""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..problems import Problem

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - libyaml is a pinned requirement; this keeps a clear fallback
    from yaml import SafeLoader as _Loader

DEFAULT_MAX_BYTES = 100_000
SUFFIXES = (".yaml", ".yml")

# A provider file nests at most four levels (file, locations, one location, its value). The
# bound is generous, and far below Python's recursion limit (1,000 frames), so a file like
# `x: [[[[...]]]]` 20,000 deep stops here with its line, never in a RecursionError.
MAX_DEPTH = 20

# Characters no text in a content file may hold. C0 and C1 control characters (NUL, the
# escape of an ANSI colour code, ...) end up in HTML, CSV, XLSX and terminals; the bidi
# overrides and isolates (U+202A-U+202E, U+2066-U+2069) make text look different from what
# it is ("Trojan Source"). Tab and newline are allowed only where a field is multi-line; the
# Unicode line and paragraph separators (U+2028, U+2029) nowhere, as they end a line in YAML
# and in older JavaScript but not in CSV or HTML.
_BIDI = "\u202a-\u202e\u2066-\u2069"
_FORBIDDEN_ONE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]")
_FORBIDDEN_MULTI_LINE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]")
_BIDI_CHARACTER = re.compile(f"[{_BIDI}]")


def character_problem(text: str, multiline: bool = False) -> str | None:
    """A Dutch message for the first character ``text`` may not hold, or None when all are fine."""
    found = (_FORBIDDEN_MULTI_LINE if multiline else _FORBIDDEN_ONE_LINE).search(text)
    if not found:
        return None
    character = found.group()
    code = f"U+{ord(character):04X}"
    if _BIDI_CHARACTER.match(character):
        return (f"er staat een onzichtbaar teken ({code}) in dat de leesrichting van de tekst omdraait. Zo kan een tekst er "
                "anders uitzien dan wat er echt staat (een truc die 'Trojan Source' heet); daarom mag het niet. Haal het teken weg.")
    if character in "\t\n":
        name = "een tab" if character == "\t" else "een nieuwe regel"
        return f"hier staat {name}, maar dit veld is één regel tekst. Schrijf alles op één regel, met spaties."
    return (f"er staat een onzichtbaar stuurteken ({code}) in. Zo'n teken hoort niet in een tekst: het kan de site, een "
            "spreadsheet of een terminal in de war brengen. Typ de tekst opnieuw zonder dat teken.")


def visible(text: str) -> str:
    """``text`` with every forbidden character written as an escape, for a message that quotes it."""
    return _FORBIDDEN_ONE_LINE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)



@dataclass
class Document:
    """One YAML file: its tree of text values and the line of every key and list item."""

    path: str
    data: dict
    lines: dict = field(default_factory=dict)
    # Keys on lines left out to read the rest of a file with a syntax error: already reported, not missing too.
    lost: frozenset = frozenset()

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


def _parser_message(problem: str, text: str = "", line: int = 0) -> str:
    if any(needle in problem for needle in _INDENTATION_PROBLEMS):
        said = _indentation_message(text.split("\n"), line)
        if said:
            return said
    for needle, message in _PARSER_MESSAGES:
        if needle in problem:
            return message
    return f"de YAML-opmaak klopt niet ({visible(problem)}). Vergelijk het bestand met het voorbeeld in CONTRIBUTING.md."


# What libyaml says when a line is indented differently from the lines it belongs with. "mapping values are
# not allowed" also means a colon inside a text; the line itself tells which (see _indentation_message).
_INDENTATION_PROBLEMS = ("did not find expected key", "did not find expected '-' indicator", "mapping values are not allowed")
_KEY_LINE = re.compile(r"^( *)(- +)?([A-Za-z_][A-Za-z0-9_-]*):( |$)")


def _at(count: int) -> str:
    return "aan het begin van de regel" if count == 0 else "na 1 spatie" if count == 1 else f"na {count} spaties"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _indentation_message(lines: list[str], number: int) -> str | None:
    """Say what is wrong on line ``number``, by comparing it with the line above it that it belongs with."""
    if not 1 <= number <= len(lines):
        return None
    line, above = lines[number - 1], [(n, lines[n - 1]) for n in range(number - 1, 0, -1)
                                       if lines[n - 1].strip() and not lines[n - 1].lstrip().startswith("#")]
    if not line.strip() or not above:
        return None
    indent = _indent(line)
    if line.lstrip().startswith("- "):
        dash = next(((n, text) for n, text in above if text.lstrip().startswith("- ")), None)
        if dash and _indent(dash[1]) != indent:
            return (f"het streepje (-) staat {_at(indent)}, maar het streepje op regel {dash[0]} {_at(_indent(dash[1]))}. "
                    "Zet elk streepje van de lijst precies onder het vorige.")
        return None
    key = _KEY_LINE.match(line)
    if key:
        sibling = next(((n, found) for n, text in above if (found := _KEY_LINE.match(text))), None)
        if sibling:
            column = len(sibling[1].group(1)) + len(sibling[1].group(2) or "")
            if column != indent and not (sibling[1].group(4) == "" and indent > column):
                return (f"'{key.group(3)}' begint {_at(indent)}, maar '{sibling[1].group(3)}' op regel {sibling[0]} {_at(column)}. "
                        f"Velden die bij elkaar horen staan precies onder elkaar: laat '{key.group(3)}' ook {_at(column)} beginnen.")
        return None
    previous = above[0][1]
    if _indent(previous) > indent:
        return (f"deze regel begint {_at(indent)}, de regel erboven {_at(_indent(previous))}. Hoort hij bij de tekst "
                "erboven? Laat dan alle regels van die tekst even ver inspringen.")
    return None


def _decode(raw: bytes) -> str:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _YamlProblem(line, "het bestand is niet opgeslagen als UTF-8. Sla het op als UTF-8 en probeer het opnieuw.") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


TAB_AT_START = "er staat een tab aan het begin van de regel. Gebruik spaties om in te springen."


def _check_indentation(text: str) -> None:
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.lstrip(" ")
        if stripped.startswith("\t"):
            raise _YamlProblem(number, TAB_AT_START)


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
                root = self._node(next(self.events), (), 0)
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
            tag = visible(event.tag.replace('tag:yaml.org,2002:', '!!'))[:100]
            raise _YamlProblem(line, f"YAML-tags ({tag}) zijn niet toegestaan. Schrijf alleen de waarde.")

    def _node(self, event, path: tuple, depth: int):
        if isinstance(event, yaml.AliasEvent):
            raise _YamlProblem(event.start_mark.line + 1, "verwijzingen (*anker) zijn niet toegestaan. Schrijf de waarde gewoon uit.")
        self._refuse_extras(event)
        if depth >= MAX_DEPTH and isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            raise _YamlProblem(event.start_mark.line + 1, f"hier zitten lijsten of blokken meer dan {MAX_DEPTH} keer in elkaar. "
                               "Een aanbod heeft er hooguit een paar nodig; vergelijk het bestand met het voorbeeld in CONTRIBUTING.md.")
        if isinstance(event, yaml.ScalarEvent):
            return event.value
        if isinstance(event, yaml.SequenceStartEvent):
            items = []
            for event in self.events:
                if isinstance(event, yaml.SequenceEndEvent):
                    return items
                item_path = path + (len(items),)
                self.lines[item_path] = event.start_mark.line + 1
                items.append(self._node(event, item_path, depth + 1))
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
                wrong = character_problem(key)
                if wrong:
                    raise _YamlProblem(line, f"de naam van een veld ('{visible(key)[:100]}'): {wrong}")
                if key in mapping:
                    raise _YamlProblem(line, f"het veld '{key}' staat twee keer in het bestand (eerst op regel {self.lines[path + (key,)]}). Haal er één weg.")
                self.lines[path + (key,)] = line
                mapping[key] = self._node(next(self.events), path + (key,), depth + 1)
        raise _YamlProblem(event.start_mark.line + 1, "de YAML-opmaak klopt niet.")  # pragma: no cover


def _holds(tree, pattern: re.Pattern) -> bool:
    if isinstance(tree, str):
        return bool(pattern.search(tree))
    if isinstance(tree, list):
        return any(_holds(item, pattern) for item in tree)
    return any(pattern.search(key) or _holds(value, pattern) for key, value in tree.items())


def _check_comments(text: str, data: dict) -> None:
    """A bidi control in a comment: values and keys are checked where they are used, comments only here.

    libyaml already refuses other control characters anywhere in a file. A bidi control in
    a comment can make a reviewer read a line differently from the parser (Trojan Source).
    """
    found = _BIDI_CHARACTER.search(text)
    if found and not _holds(data, _BIDI_CHARACTER):
        raise _YamlProblem(text.count("\n", 0, found.start()) + 1, (
            f"in een opmerking (na #) staat een onzichtbaar teken (U+{ord(found.group()):04X}) dat de leesrichting van de tekst "
            "omdraait. Zo kan het bestand er anders uitzien dan wat er echt staat (een truc die 'Trojan Source' heet); "
            "daarom mag het niet. Haal het teken weg."))


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
        _check_comments(text, data)
    except _YamlProblem as problem:
        return None, [Problem(path, problem.line, "", problem.message, code="yaml")]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        return None, [Problem(path, line, "", _parser_message(error.problem or str(error), text, line), code="yaml")]
    except yaml.YAMLError as error:
        return None, [Problem(path, 1, "", _parser_message(str(error)), code="yaml")]
    return Document(path, data, builder.lines), []


# A file with a syntax error is read again without the lines that break it, so its other problems show in the
# same run. More than a few broken lines usually means one mistake that confuses the rest: then stop.
MAX_SKIPPED_LINES = 5


def parse_around_errors(raw: bytes, path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Document | None, list[Problem]]:
    """Like parse_text, but after a syntax error, the rest of the file as far as it can be read.

    Every line that starts with a tab is reported (each is certain). Of the other syntax errors the
    first is reported, and after it only lines that are wrong by themselves (indented unlike the line
    they belong with): the others may be echoes of an earlier mistake. The document returned then holds
    what parses without those lines, and names their keys in ``lost``, so nobody is told a field is
    missing that is only badly written.
    """
    document, problems = parse_text(raw, path, max_bytes)
    if document is not None or problems[0].code != "yaml" or problems[0].message.startswith(("het bestand", "Het bestand")):
        return document, problems
    try:
        lines = _decode(raw).split("\n")
    except _YamlProblem:
        return document, problems
    tabs = [number for number, line in enumerate(lines, start=1) if line.lstrip(" ").startswith("\t")]
    reported = [Problem(path, number, "", TAB_AT_START, code="yaml") for number in tabs] or problems[:1]
    skipped = set(tabs) or {problems[0].line}
    while len(skipped) <= MAX_SKIPPED_LINES:
        text = "\n".join("" if number in skipped else line for number, line in enumerate(lines, start=1))
        document, again = parse_text(text.encode("utf-8"), path, max_bytes)
        if document is not None:
            lost = frozenset(found.group(3) for number in skipped if (found := _KEY_LINE.match(lines[number - 1].replace("\t", " "))))
            return Document(document.path, document.data, document.lines, lost), reported
        if again[0].code != "yaml" or again[0].line in skipped:
            break
        skipped.add(again[0].line)
        if _indentation_message(text.split("\n"), again[0].line):  # this line is wrong by itself, not an echo
            reported.append(again[0])
    return None, reported


def load_file(path: Path, display_path: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
              root: Path | None = None, around_errors: bool = False) -> tuple[Document | None, list[Problem]]:
    """Read and parse one content file below ``root`` (default: its own folder), refusing what read_content refuses."""
    shown = display_path or str(path)
    try:
        raw = read_content(path, root, max_bytes)
    except RefusedFile as refused:
        return None, [Problem(shown, 1, "", refused.message, code="refused")]
    except _YamlProblem as problem:
        return None, [Problem(shown, problem.line, "", problem.message, code="yaml")]
    except OSError as error:
        return None, [Problem(shown, 1, "", f"het bestand kan niet worden gelezen ({error.strerror}).", code="io")]
    return (parse_around_errors if around_errors else parse_text)(raw, shown, max_bytes)


# --- Opening content safely: never a symlink, never a pipe or device, never outside the content folder ---

SYMLINK_FILE = ("dit bestand is een symlink: een verwijzing naar een ander bestand. Die lezen we niet, want zo'n verwijzing "
                "kan naar een bestand buiten de map content wijzen. Zet de tekst zelf in dit bestand.")
SYMLINK_FOLDER = ("de map '{name}' is een symlink: een verwijzing naar een andere map. Die lezen we niet, want zo'n verwijzing "
                  "kan naar bestanden buiten de map content wijzen. Zet de bestanden in een gewone map.")
NOT_A_FILE = "dit is geen gewoon bestand (maar bijvoorbeeld een pipe of een apparaat). Zet de tekst in een gewoon tekstbestand."
OUTSIDE = "dit bestand staat niet in de map content. Alleen bestanden in die map worden gelezen."

_FILE_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC
_FOLDER_FLAGS = os.O_RDONLY | os.O_NOFOLLOW | os.O_DIRECTORY | os.O_CLOEXEC


class RefusedFile(Exception):
    """A path the loader will not open; ``message`` says why in Dutch and never quotes the file."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _parts_below(path, root) -> tuple[str, tuple[str, ...]]:
    """The root as given and the names from it down to ``path``, without resolving any link."""
    base, absolute = os.path.abspath(root), os.path.abspath(path)
    prefix = base.rstrip(os.sep) + os.sep
    if not absolute.startswith(prefix) or absolute == prefix:
        raise RefusedFile(OUTSIDE)
    return base, tuple(absolute[len(prefix):].split(os.sep))


def _refusal(base: str, parts: tuple[str, ...]) -> RefusedFile:
    """Which part is a link or not a plain file, for the message; only names are looked at, nothing is read."""
    current = base
    for position, name in enumerate(parts):
        current = os.path.join(current, name)
        try:
            mode = os.lstat(current).st_mode
        except OSError:
            break
        last = position == len(parts) - 1
        if stat.S_ISLNK(mode):
            # isdir follows the link only to tell a folder from a file.
            return RefusedFile(SYMLINK_FILE if last and not os.path.isdir(current) else SYMLINK_FOLDER.format(name=visible(name)))
    return RefusedFile(NOT_A_FILE)


@functools.lru_cache(maxsize=16)
def _real_folder(base: str) -> str:
    return os.path.realpath(base)


def _opened_path(handle: int, fallback: str) -> str:
    """Where an open file really is: Linux tells through /proc, elsewhere the path is resolved."""
    try:
        return os.readlink(f"/proc/self/fd/{handle}")
    except OSError:
        return os.path.realpath(fallback)


def read_content(path: Path, root: Path | None = None, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of a plain file below ``root`` (default: its own folder), never through a link.

    Each folder on the way and the file itself are opened relative to the one before with
    O_NOFOLLOW, so no link is followed, not even one swapped in while we read; a pipe opens
    without waiting and is refused before it is read. Then the opened file's real path must
    lie inside the real content folder.
    """
    base, parts = _parts_below(path, root if root is not None else os.path.dirname(os.path.abspath(path)))
    folder = os.open(base, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)  # the content folder is the caller's choice
    try:
        for name in parts[:-1]:
            inner = _open_step(name, _FOLDER_FLAGS, folder, base, parts)
            os.close(folder)
            folder = inner
        handle = _open_step(parts[-1], _FILE_FLAGS, folder, base, parts)
    finally:
        os.close(folder)
    with os.fdopen(handle, "rb") as stream:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode):
            raise _refusal(base, parts)
        real, inside = _opened_path(handle, str(path)), _real_folder(base)
        if os.path.commonpath([real, inside]) != inside:
            raise RefusedFile(OUTSIDE)
        if max_bytes is None:
            return stream.read()
        _check_size(info.st_size, max_bytes)
        data = stream.read(max_bytes + 1)
        _check_size(len(data), max_bytes)
        return data


def _open_step(name: str, flags: int, folder: int, base: str, parts: tuple[str, ...]) -> int:
    try:
        return os.open(name, flags, dir_fd=folder)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
            raise _refusal(base, parts) from None
        raise


def find_files(folder: Path) -> list[Path]:
    """Every *.yaml / *.yml file below ``folder``, in a stable order, without following links.

    Links (to files or folders, whatever their name) and YAML-named entries that are not
    files are listed too, so that reading them refuses them with a message.
    """
    folder = Path(folder)
    if folder.is_symlink():
        return [folder]
    if not folder.is_dir():
        return []
    found, pending = [], [str(folder)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_symlink():
                    found.append(entry.path)
                elif entry.is_dir(follow_symlinks=False):
                    pending.append(entry.path)
                elif entry.name.endswith(SUFFIXES):
                    found.append(entry.path)
    return sorted(Path(path) for path in found)
