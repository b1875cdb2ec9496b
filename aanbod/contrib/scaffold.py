"""``python -m aanbod new``: a few questions (or options), then a new offer file that passes validation.

The questions are the schema's required fields, in schema order, with its titles, descriptions
and taxonomies; nothing here lists fields. Each answer is checked as it is given, the way
validation would check it. The file gets the editor-schema modeline and, as comments, every
optional field, so a provider sees what else can be filled in.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from frictionless import Field

from ..content import messages, roles
from ..content.choices import choices, parent_field
from .content_index import build_index
from .editor_schema import modeline
from .form import FIRST, starts_today
from ..content.loading import load_file
from ..content.rules import FORMULA_MESSAGE, address_or_online, formula_start, syntax_problem
from ..content.schema import CatalogueSchema, Table, Term
from ..content.validation import _display, validate_files
from ..content.yaml_text import scalar

# Values a new offer starts with unless the provider says otherwise (with its status: defaults()).
DEFAULTS = {"online": "nee", "referral_required": "nee", "cost_eur": "0"}
NOT_ASKED = {"status", "verified_on"}  # sensible defaults; still settable with an option
# Optional, but asked: without them the page says "Bel of mail Anja." with no number or address (issue 12).
# Pressing Enter takes the organisation's own e-mail address or phone number (the provider field named here).
ASKED_OPTIONAL = {"contact_name": None, "contact_phone": "phone", "contact_email": "email",
                  # How to get in, who may come and who pays (issue 14): a professional needs them to refer someone.
                  "required_documents": None, "service_area": None, "income_situations": None, "funding": None}
SKIP_HINT = "  Niet verplicht: druk op Enter als het niet nodig is."


@dataclass(frozen=True)
class Owner:
    """An organisation a new offer can belong to: its code, its name and what its file says."""

    code: str
    name: str
    values: dict = field(default_factory=dict, hash=False, compare=False)


class ScaffoldError(Exception):
    """Something the provider must change before a file can be written; the message says what."""


@dataclass(frozen=True)
class Question:
    name: str  # the option name and the key in answers: a field name, child fields prefixed when they clash
    field: str
    table: Table

    @property
    def descriptor(self):
        return self.table.field(self.field)

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


def defaults(schema: CatalogueSchema) -> dict[str, str]:
    """What `make new` and the form start a new offer with: DEFAULTS and the published status (statuses.csv, role)."""
    return {**DEFAULTS, "status": roles.status(schema, roles.PUBLISHED)}


def questions(schema: CatalogueSchema) -> list[Question]:
    """Every field that can be set: the offer's own writable fields, then those of its list-shaped children."""
    grouped = schema.grouping.table
    result = [Question(name, name, grouped) for name in grouped.field_names if name not in grouped.generated_fields]
    taken = set(grouped.field_names)
    for child in schema.children_of(grouped.name):
        if child.source["shape"] != "list":
            continue
        for name in child.field_names:
            if name not in child.generated_fields:
                option = f"{child.source['key']}_{name}" if name in taken else name
                result.append(Question(option, name, child))
    return result


def slug(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(character for character in decomposed if not unicodedata.combining(character))
    return "-".join(re.findall(r"[a-z0-9]+", plain))[:80].strip("-")


def _term(terms: list[Term], answer: str) -> str | None:
    answer = answer.strip()
    if answer.isdigit() and 1 <= int(answer) <= len(terms):
        return terms[int(answer) - 1].code
    for term in terms:
        if answer == term.code or answer.lower() == term.label.lower():
            return term.code
    return None


def _optional_list(schema: CatalogueSchema, table: Table) -> bool:
    """A list in the offer that may stay empty (intake steps), unlike the locations of an offer that is not online."""
    rule = address_or_online(schema)
    return bool(table.parent) and not (rule and table is rule[0])


def _required(schema: CatalogueSchema, question: Question, answers: dict) -> bool:
    """Required by the schema, or a choice narrowed by another answer that leaves something to choose
    (the wijk in a municipality with wijken), as validation and the form require it. A field of an
    optional list is never required here: make new asks for its first item only, and it may be skipped."""
    if _optional_list(schema, question.table):
        return False
    if (question.descriptor.get("constraints") or {}).get("required"):
        return True
    parent = parent_field(schema, question.table, question.field)
    return bool(parent and answers.get(parent) and choices(schema, question.table, question.field, answers[parent]))


def check_answer(schema: CatalogueSchema, question: Question, answer: str, answers: dict) -> tuple[str, str | None]:
    """The value to write for an answer, or a message saying what is wrong with it."""
    descriptor, table = question.descriptor, question.table
    answer = answer.strip()
    required = _required(schema, question, answers)
    if not answer:
        return "", ("dit veld is verplicht." if required else None)
    if descriptor.get("taxonomy"):
        parent = parent_field(schema, table, question.field)
        terms = choices(schema, table, question.field, answers.get(parent) if parent else None)
        if descriptor["type"] == "list":
            codes = [_term(terms, part) for part in re.split(r"[,;]", answer) if part.strip()]
            if None in codes or not codes:
                return "", messages.unknown_item_message(schema.taxonomies[descriptor["taxonomy"]], answer)
            return "[" + ", ".join(dict.fromkeys(codes)) + "]", None
        code = _term(terms, answer)
        if code is None:
            listed = ", ".join(term.code for term in terms)
            return "", f"'{answer}' kan hier niet. Kies uit: {listed}."
        return code, None
    if descriptor["type"] == "boolean":
        answer = {"j": "ja", "n": "nee"}.get(answer.lower(), answer.lower())
    if formula_start(descriptor, answer) >= 0:
        return "", FORMULA_MESSAGE
    wrong_syntax = syntax_problem(descriptor, answer)
    if wrong_syntax:
        return "", wrong_syntax
    plain = next(each for each in schema.table_schema(table.name)["fields"] if each["name"] == question.field)
    value, notes = Field.from_descriptor(plain).read_cell(answer)
    if notes:
        if "type" in notes:
            return "", messages.type_message(descriptor, answer)
        note = next(iter(notes.values()))
        return "", messages.constraint_message(schema, descriptor, answer, note)
    return (answer.upper() if descriptor.get("case") == "upper" else answer), None


def _prompt(schema: CatalogueSchema, question: Question, answers: dict, default: str | None) -> str:
    descriptor = question.descriptor
    lines = [f"{descriptor.get('title', question.field)}: {descriptor.get('description', '')}".rstrip()]
    if descriptor.get("taxonomy"):
        parent = parent_field(schema, question.table, question.field)
        for number, term in enumerate(choices(schema, question.table, question.field, answers.get(parent) if parent else None), start=1):
            lines.append(f"  {number:>2}. {term.code}" + (f" ({term.label})" if term.label.lower() != term.code.lower() else ""))
        if descriptor["type"] == "list":
            lines.append("  Meer dan één? Zet komma's ertussen, bijvoorbeeld: 1, 3")
    if not _required(schema, question, answers) and default in (None, ""):
        lines.append(SKIP_HINT)
    ask = "> " if default in (None, "") else f"[{default}] > "
    return "\n" + "\n".join(lines) + "\n" + ask


def _needed(schema: CatalogueSchema, question: Question, answers: dict) -> bool:
    """Required fields are asked; a child's fields only when the offer needs an address; narrowed choices when any fit."""
    if question.field in NOT_ASKED:
        return False
    rule = address_or_online(schema)
    if rule and question.table is rule[0] and answers.get(rule[2], "") in rule[1].field(rule[2]).get("trueValues", ["true"]):
        return False  # as validation's rule says (rules.CROSS_FIELD): an offer has an address, or it is online
    if _optional_list(schema, question.table) and not question.table.source.get("asked"):
        return False  # an optional list (closures): written as a hint to fill in, or given as options
    parent = parent_field(schema, question.table, question.field)
    if parent and not choices(schema, question.table, question.field, answers.get(parent)):
        return False
    if _optional_list(schema, question.table):
        # A list the schema says make new asks for ("asked": intake steps): the first field of its first item;
        # the others only once that has an answer.
        siblings = [q for q in questions(schema) if q.table is question.table]
        return question == siblings[0] or any(answers.get(q.name) for q in siblings[:siblings.index(question)])
    required = (question.descriptor.get("constraints") or {}).get("required")
    return bool(required) or bool(parent) or (question.field in ASKED_OPTIONAL and not question.table.parent)


def _ordered(schema: CatalogueSchema) -> list[Question]:
    """The order of asking: the name of the offer and the organisation first, as the form does; the code last,
    so it can be suggested from the name."""
    all_questions = questions(schema)
    grouped = all_questions[0].table
    key, group = grouped.primary_key[0], schema.grouping.field
    top = [q for q in all_questions if not q.table.parent]
    first = [q for name in (FIRST, group) for q in top if q.field == name]
    last = [q for q in top if q.field == key]
    return first + [q for q in all_questions if q not in first and q not in last] + last


def unique_slug(title: str, taken: Callable[[str], str | None]) -> str:
    """The code for a title: its slug, with -2, -3, ... added when another file has it already."""
    base = slug(title) or "aanbod"
    candidate, number = base, 1
    while taken(candidate):
        number += 1
        candidate = f"{base[:80 - len(str(number)) - 1].rstrip('-')}-{number}"
    return candidate


def find_owner(owners: list[Owner], answer: str) -> tuple[str | None, str | None]:
    """The code of the organisation a provider typed, by code or by name (any case); else a message with a suggestion."""
    wanted = " ".join(answer.split()).lower()
    for owner in owners:
        if wanted in (owner.code.lower(), owner.name.lower()):
            return owner.code, None
    by_name = {owner.name.lower(): owner for owner in owners}
    by_name.update({owner.code: owner for owner in owners})
    close = difflib.get_close_matches(wanted, list(by_name), n=1, cutoff=0.6)
    if close:
        return None, f"'{answer}' staat niet in de lijst. Bedoel je {by_name[close[0]].name}? Schrijf de naam zoals in de lijst."
    return None, (f"'{answer}' staat niet in de lijst van organisaties. Schrijf de naam zoals in de lijst: "
                  f"{', '.join(owner.name for owner in owners)}. Staat je organisatie er niet bij? Lees 'Staat je organisatie er niet bij?' in CONTRIBUTING.md.")


def collect(schema: CatalogueSchema, given: dict, ask: Callable[[str], str] | None, say: Callable[[str], None], today: date,
            owners: list[Owner], taken: Callable[[str], str | None]) -> dict:
    """All answers: options first, then questions for what is missing.

    ``owners`` are the providers that exist; ``taken`` says which file already has an id.
    """
    grouped = schema.grouping.table
    group, key = schema.grouping.field, grouped.primary_key[0]
    answers: dict[str, str] = {}

    def extra_check(question: Question, value: str) -> str | None:
        if question.table is grouped and question.field == key:
            return _id_problem(value, taken)
        return None

    def owner_code(question: Question, answer: str) -> tuple[str, str | None]:
        """The organisation by its name or code; other answers pass unchanged."""
        if question.table is not grouped or question.field != group or not answer.strip():
            return answer, None
        code, problem = find_owner(owners, answer)
        return (code or "", problem)

    starting = defaults(schema)
    for question in _ordered(schema):
        default = starting.get(question.field)
        if starts_today(question.descriptor):
            default = today.isoformat()
        if question.table is grouped and question.field == key and answers.get("title"):
            default = unique_slug(answers["title"], taken)
        if question.table is grouped and question.field == group and len(owners) == 1:
            default = owners[0].name
        if question.table is grouped and ASKED_OPTIONAL.get(question.field) and answers.get(group):
            owner = next(owner for owner in owners if owner.code == answers[group])
            default = owner.values.get(ASKED_OPTIONAL[question.field]) or None
        if given.get(question.name) is not None:
            answer, problem = owner_code(question, given[question.name])
            if problem:
                raise ScaffoldError(f"{question.option}: {problem[:1].upper()}{problem[1:]}")
            value, problem = check_answer(schema, question, answer, answers)
            problem = problem or extra_check(question, value)
            if problem:
                raise ScaffoldError(f"{question.option}: {problem[:1].upper()}{problem[1:]}")
            answers[question.name] = value
            continue
        if question.field not in (key, group) and not _needed(schema, question, answers):
            if default is not None and not question.table.parent:
                answers[question.name] = default
            continue
        listed = [f"{owner.name} ({owner.code})" for owner in owners] if question.table is grouped and question.field == group else None
        answers[question.name] = _ask(schema, question, answers, default, ask, say, extra_check, listed, owner_code)
    return answers


def _id_problem(value: str, taken: Callable[[str], str | None]) -> str | None:
    other = taken(value)
    return f"de code '{value}' wordt al gebruikt in {other}. Kies een andere code." if other else None


def _ask(schema, question, answers, default, ask, say, extra_check, listed, owner_code) -> str:
    title = question.descriptor.get("title", question.field)
    if ask is None:
        if default in (None, ""):
            if not _required(schema, question, answers):
                return ""
            raise ScaffoldError(f"{question.option} ontbreekt: {title}. {question.descriptor.get('description', '')}".rstrip())
        answer, problem = owner_code(question, default)
        value, problem = (answer, problem) if problem else check_answer(schema, question, answer, answers)
        problem = problem or extra_check(question, value)
        if problem:
            raise ScaffoldError(f"{question.option}: {problem[:1].upper()}{problem[1:]}")
        return value
    prompt = _prompt(schema, question, answers, default)
    if listed:  # the organisations, by name: a provider knows its name, not the code of its folder
        prompt = (f"\n{title}: kies je organisatie. Schrijf het nummer of de naam.\n"
                  + "".join(f"  {number:>2}. {item}\n" for number, item in enumerate(listed, start=1))
                  + ("> " if default in (None, "") else f"[{default}] > "))
    for _ in range(3):
        try:
            answer = ask(prompt)
        except EOFError:
            raise ScaffoldError(f"Er kwam geen antwoord op: {title}. Geef het mee als optie: {question.option}") from None
        if not answer.strip() and default not in (None, ""):
            answer = default
        if listed and answer.strip().isdigit() and 1 <= int(answer) <= len(listed):
            answer = listed[int(answer) - 1].rsplit(" (", 1)[1].rstrip(")")
        answer, problem = owner_code(question, answer)
        value, problem = (answer, problem) if problem else check_answer(schema, question, answer, answers)
        problem = problem or extra_check(question, value)
        if not problem:
            return value
        say(f"  {problem[:1].upper()}{problem[1:]}")
    raise ScaffoldError(f"Drie keer geen goed antwoord op: {title}. Probeer het opnieuw.")


def _example(schema: CatalogueSchema, descriptor) -> str:
    if descriptor.get("example"):
        return str(descriptor["example"])
    if descriptor.get("taxonomy"):
        first = schema.taxonomies[descriptor["taxonomy"]].codes[0]
        return f"[{first}]" if descriptor["type"] == "list" else first
    return "..."


def render(schema: CatalogueSchema, answers: dict, first_line: str) -> str:
    """The offer file: the modeline, the answers in schema order, then every optional field as a comment."""
    grouped = schema.grouping.table
    lines, hints = [first_line], []
    by_table: dict[str, list[Question]] = {}
    for question in questions(schema):
        by_table.setdefault(question.table.name, []).append(question)
    for question in by_table[grouped.name]:
        value = answers.get(question.name, "")
        if value:
            lines.append(f"{question.field}: {_formatted(question, value)}")
        else:
            hints.append(f"# {question.field}: {_example(schema, question.descriptor)}  # {question.descriptor.get('title', '')}")
    for child in schema.children_of(grouped.name):
        key = child.source["key"]
        if child.source["shape"] == "list":
            child_questions = by_table.get(child.name, [])
            filled = [question for question in child_questions if answers.get(question.name)]
            if filled:
                lines.append(f"{key}:")
                for number, question in enumerate(filled):
                    lead = "  - " if number == 0 else "    "
                    lines.append(f"{lead}{question.field}: {_formatted(question, answers[question.name])}")
                lines.extend(f"    # {question.field}: {_example(schema, question.descriptor)}  # {question.descriptor.get('title', '')}"
                             for question in child_questions if not answers.get(question.name))
            else:
                hints.append(f"# {key}:  # {child.title}")
                for number, question in enumerate(child_questions):
                    lead = "#   - " if number == 0 else "#     "
                    hints.append(f"{lead}{question.field}: {_example(schema, question.descriptor)}")
        else:
            day = child.field(child.source["key_field"])
            part = child.field(child.source["value_field"])
            hints.append(f"# {key}:  # {child.title}")
            hints.append(f"#   {schema.taxonomies[day['taxonomy']].codes[0]}: [{schema.taxonomies[part['taxonomy']].codes[0]}]")
    if hints:
        lines.append("")
        lines.append("# Je kunt nog meer invullen. Haal dan het hekje (#) en de spatie erachter weg.")
        lines.extend(hints)
    return "\n".join(lines) + "\n"


def _formatted(question: Question, value: str) -> str:
    descriptor = question.descriptor
    if descriptor.get("taxonomy") or descriptor["type"] in ("boolean", "integer", "number", "date"):
        return value
    return scalar(value)


@dataclass
class NewOffer:
    path: Path
    text: str


def create(content: Path, schema: CatalogueSchema, given: dict, ask, say, today: date) -> NewOffer:
    """Collect the answers, write the file and validate it; a file that would not validate is not left behind."""
    content = Path(content)
    index = build_index(content, schema)
    grouped = schema.grouping.table
    group = schema.grouping.field
    owners = _owners(index.ids.get(_owner_table_name(schema), {}))
    if not owners:
        raise ScaffoldError(f"Er is nog geen aanbieder. Maak eerst een bestand in {content}/providers/.")

    def taken(identifier: str) -> str | None:
        files = index.files_with_id(grouped.name, identifier)
        return _display(files[0]) if files else None

    answers = collect(schema, given, ask, say, today, owners, taken)
    path = content / grouped.source["folder"] / answers[group] / f"{answers['id']}.yaml"
    if path.exists():
        raise ScaffoldError(f"{_display(path)} bestaat al. Kies een andere code.")
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render(schema, answers, modeline(schema, grouped, path))
    path.write_text(text, encoding="utf-8")
    _, problems = validate_files(content, schema, [path], index.ids)
    if problems:
        path.unlink()
        raise ScaffoldError("Het nieuwe bestand klopt nog niet:\n" + "\n".join(problem.format() for problem in problems))
    return NewOffer(path, text)


def _owners(files: dict[str, list[Path]]) -> list[Owner]:
    """Every organisation with its name and values as its file gives them (its code where the file cannot be read)."""
    result = []
    for code, paths in files.items():
        document, _ = load_file(paths[0])
        values = document.data if document is not None and isinstance(document.data, dict) else {}
        name = values.get("name") if isinstance(values.get("name"), str) else code
        result.append(Owner(code, name, {k: v for k, v in values.items() if isinstance(v, str)}))
    return sorted(result, key=lambda owner: owner.name.lower())


def _owner_table_name(schema: CatalogueSchema) -> str:
    if schema.grouping.owner is not None:
        return schema.grouping.owner.name
    raise ScaffoldError("Het schema zegt niet bij welke tabel de map van een aanbod hoort.")
