"""Check every content file against ``schema/`` in one pass, so keys and uniqueness hold across files.

The flow: load every YAML file, map it to rows, check what frictionless cannot (unknown keys,
list items, file names), then validate each table as one frictionless Resource inside one
Package (foreign keys need the whole package), and translate its errors back to file and line.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from frictionless import Check, Checklist, Package, Resource, Schema

from . import availability, messages, roles, timetable
from .. import collector, forking
from .loading import DEFAULT_MAX_BYTES, character_problem, find_files, load_file, visible
from ..problems import Problem
from .choices import choices, parent_field
from .rows import Row, document_rows
from .rules import CROSS_FIELD, FORMULA_MESSAGE, formula_start, syntax_problem
from .schema import CatalogueSchema, Table

# Names Windows keeps for devices, whatever the case or extension: a file or URL folder
# with such a name cannot be checked out or served there, so no id may be one.
WINDOWS_DEVICES = frozenset(["con", "prn", "aux", "nul", *(f"com{n}" for n in range(10)), *(f"lpt{n}" for n in range(10))])


@dataclass
class ValidatedContent:
    """Rows per table, each with its typed values in the same order (after a clean validation)."""

    schema: CatalogueSchema
    rows: dict[str, list[Row]]
    typed: dict[str, list[dict]]
    file_count: int
    # Each merged file (availability) -> offer id -> the fields it filled in: what the build cache keeps of them.
    merged_by_file: dict[Path, dict] = field(default_factory=dict)


def _display(path: Path) -> str:
    """The path as a provider reads it; a control or bidi character in a file name is shown as an escape."""
    try:
        shown = str(path.relative_to(Path.cwd()))
    except ValueError:
        shown = str(path)
    return visible(shown)


def _check_location(table: Table, folder: Path, path: Path, row: Row) -> list[Problem]:
    """The id must equal the file name, and a grouped file must sit in its group's folder."""
    problems = []
    key = table.primary_key[0]
    shown = row.path
    if row.values.get(key) and row.values[key] != path.stem:
        problems.append(Problem(shown, row.line_of(key), key, f"de code '{row.values[key]}' moet gelijk zijn aan de bestandsnaam '{path.stem}'. Pas de code of de bestandsnaam aan.", code="file-name"))
    relative = path.relative_to(folder)
    for name in (*relative.parts[:-1], path.stem):
        if name.split(".")[0].lower() in WINDOWS_DEVICES:
            problems.append(Problem(shown, 1, "", f"'{name}' is een naam die Windows gebruikt voor een apparaat; zo'n bestand of map kan daar niet bestaan. Kies een andere naam.", code="file-name"))
    group = table.group_field
    if group:
        if len(relative.parts) != 2:
            problems.append(Problem(shown, 1, "", f"zet dit bestand in de map van de aanbieder: {folder.name}/<aanbieder>/{path.name}.", code="file-location"))
        elif row.values.get(group) and row.values[group] != relative.parts[0]:
            problems.append(Problem(shown, row.line_of(group), group, f"dit bestand staat in de map '{relative.parts[0]}', maar hoort bij '{row.values[group]}'. Zet het in de map van je eigen organisatie.", code="file-location"))
    elif len(relative.parts) != 1:
        # CODEOWNERS and the ownership check name content/<folder>/<id>.yaml; a file deeper down would escape them.
        problems.append(Problem(shown, 1, "", f"zet dit bestand direct in de map {folder.name}: {folder.name}/{path.name}.", code="file-location"))
    return problems


def _check_characters(descriptor, row: Row, texts: list[str]) -> Problem | None:
    """No control or bidi character in any text; tab and newline only in a field the schema marks multi-line."""
    name = descriptor["name"]
    for text in texts:
        wrong = character_problem(text, multiline=bool(descriptor.get("multiline")))
        if wrong:
            return Problem(row.path, row.line_of(name), row.label(name), wrong, code="character")
    return None


def _check_text(schema: CatalogueSchema, table: Table, row: Row) -> list[Problem]:
    """No forbidden characters; list items must come from their taxonomy; free text may not look like a spreadsheet formula."""
    problems = []
    for descriptor in table.fields:
        name = descriptor["name"]
        value = row.values.get(name)
        if not value or name in table.generated_fields:  # a copy of the parent's id is checked once, at its source
            continue
        texts = value if isinstance(value, list) else [value]
        formula = formula_start(descriptor, value) if isinstance(value, str) else -1
        if formula >= 0:
            # A leading tab or carriage return is a formula start; the rest still may not hold control characters.
            problems.append(Problem(row.path, row.line_of(name), row.label(name), FORMULA_MESSAGE, code="formula"))
            texts = [value[formula + 1:]]
        wrong = _check_characters(descriptor, row, texts)
        if wrong:
            problems.append(wrong)
        if wrong or formula >= 0:
            continue
        wrong_syntax = syntax_problem(descriptor, value)
        if wrong_syntax:  # the same words and code as frictionless's type error, so the two merge into one
            problems.append(Problem(row.path, row.line_of(name), row.label(name), wrong_syntax, code="type-error"))
        if descriptor["type"] == "list" and descriptor.get("taxonomy"):
            taxonomy = schema.taxonomies[descriptor["taxonomy"]]
            for item in value:
                if item not in taxonomy:
                    problems.append(Problem(row.path, row.line_of(name), row.label(name), messages.unknown_item_message(taxonomy, item), code="taxonomy"))
        elif descriptor["type"] == "list" and "pattern" in descriptor.get("itemConstraints", {}):
            # Frictionless has no constraints on list items; the schema states them in itemConstraints.
            pattern = descriptor["itemConstraints"]["pattern"]
            for item in value:
                if not re.fullmatch(pattern, item):
                    problems.append(Problem(row.path, row.line_of(name), row.label(name), messages.constraint_message(schema, descriptor, item, 'constraint "pattern"'), code="constraint-error"))
    return problems


def _parse_number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _check_rules(schema: CatalogueSchema, rows: dict[str, list[Row]], today: date | None = None) -> list[Problem]:
    """Rules that span fields. They read the raw text leniently: type errors are reported elsewhere.

    ``today`` is the build's (history.py); without it the rules that count from today are skipped."""
    problems = timetable.problems(schema, rows, today)
    for table in schema.tables.values():
        # Which field narrows which depends on the schema only: worked out once per table, not once per row.
        parents = {name: parent for name in table.field_names if (parent := parent_field(schema, table, name))}
        for row in rows.get(table.name, []):
            problems += _dependent_choices(schema, table, row, parents)
    for rule in CROSS_FIELD:  # declared once in rules.py, which the form reads too
        table = schema.tables.get(rule["table"])
        if table is not None:
            problems += _CROSS_FIELD_CHECKS[rule["rule"]](schema, table, rule, rows)
    return problems


def _order(schema: CatalogueSchema, table: Table, rule: dict, rows: dict[str, list[Row]]) -> list[Problem]:
    """``high`` may not be below ``low`` (an age, a date)."""
    problems = []
    low_field, high_field = table.field(rule["low"]), table.field(rule["high"])
    parse = timetable.read_date if low_field["type"] == "date" else _parse_number
    for row in rows.get(table.name, []):
        low_text, high_text = row.values[rule["low"]], row.values[rule["high"]]
        low, high = parse(low_text), parse(high_text)
        if low is not None and high is not None and low > high:
            message = messages.order_message(low_field, low_text, high_field, high_text)
            problems.append(Problem(row.path, row.line_of(rule["high"]), row.label(rule["high"]), message, code="rule"))
    return problems


def _together(schema: CatalogueSchema, table: Table, rule: dict, rows: dict[str, list[Row]]) -> list[Problem]:
    """All of ``fields`` or none (latitude and longitude)."""
    problems = []
    for row in rows.get(table.name, []):
        empty = [name for name in rule["fields"] if not row.values[name]]
        if empty and len(empty) < len(rule["fields"]):
            message = messages.together_message([table.field(name) for name in rule["fields"]])
            problems.append(Problem(row.path, row.line, row.label(empty[0]), message, code="rule"))
    return problems


def _address_or_online(schema: CatalogueSchema, table: Table, rule: dict, rows: dict[str, list[Row]]) -> list[Problem]:
    """At least one item of ``table`` (a location) unless the parent's ``flag`` (online) is true."""
    parent = schema.tables[table.parent]
    flag = parent.field(rule["flag"])
    present = {row.values[table.source["parent_field"]] for row in rows.get(table.name, [])}
    return [
        Problem(row.path, row.line, table.source["key"], messages.address_or_online_message(table.source["key"], flag), code="rule")
        for row in rows.get(parent.name, [])
        if row.values[parent.primary_key[0]] not in present and row.values[rule["flag"]] not in flag["trueValues"]
        and not row.misspelled(table.source["key"])  # a misspelled 'locations' has its own message
    ]


def _referral_step(schema: CatalogueSchema, table: Table, rule: dict, rows: dict[str, list[Row]]) -> list[Problem]:
    """An offer that lists intake steps has a step through someone who refers (role referral) exactly when it
    needs a referral. An offer without steps is left alone: its how_to_apply says how to get in."""
    parent = schema.tables[table.parent]
    flag = parent.field(rule["flag"])
    referral = roles.referral_steps(schema)
    others = [code for code in schema.taxonomy_of(table.name, rule["field"]).codes if code not in referral]
    steps: dict[str, list[Row]] = {}
    for row in rows.get(table.name, []):
        steps.setdefault(row.values[table.source["parent_field"]], []).append(row)
    problems = []
    for row in rows.get(parent.name, []):
        own = steps.get(row.values[parent.primary_key[0]], [])
        value = row.values[rule["flag"]]
        if not own or not referral:
            continue
        if value in flag["trueValues"] and not any(step.values[rule["field"]] in referral for step in own):
            message = messages.referral_without_step_message(flag, table.source["key"], list(referral))
            problems.append(Problem(row.path, row.line_of(rule["flag"]), row.label(rule["flag"]), message, code="rule"))
        elif value in flag["falseValues"]:
            problems += [
                Problem(step.path, step.line_of(rule["field"]), step.label(rule["field"]),
                        messages.step_without_referral_message(flag, step.values[rule["field"]], others[:3]), code="rule")
                for step in own if step.values[rule["field"]] in referral
            ]
    return problems


_CROSS_FIELD_CHECKS = {"order": _order, "together": _together, "address-or-online": _address_or_online, "referral-step": _referral_step}


def _dependent_choices(schema: CatalogueSchema, table: Table, row: Row, parents: dict[str, str]) -> list[Problem]:
    """A choice that depends on another field (choices.py: subtype on kind, wijk on municipality, or a fork's own) must fit
    it; an optional one must be filled in when the other field's value has choices of its own. ``parents``: each
    such field's parent field (choices.parent_field)."""
    problems = []
    for name, parent in parents.items():
        parent_value = row.values.get(parent)
        if not parent_value or parent_value not in schema.taxonomy_of(table.name, parent):
            continue  # no rule to apply, or the other field's own problem is reported already
        value = row.values.get(name)
        fitting = [term.code for term in choices(schema, table, name, parent_value)]
        parent_title = table.field(parent).get("title", parent).lower()
        if value and value in schema.taxonomy_of(table.name, name) and value not in fitting:
            message = messages.unfitting_choice_message(name, value, parent_title, parent_value, fitting)
            problems.append(Problem(row.path, row.line_of(name), row.label(name), message, code="rule"))
        elif not value and fitting and not (table.field(name).get("constraints") or {}).get("required"):
            message = messages.missing_choice_message(table.field(name).get("title", name).lower(), fitting)
            problems.append(Problem(row.path, row.line, row.label(name), message, code="rule"))
    return problems


def _duplicated_ids(rows: list[Row], key: str) -> set[str]:
    seen, duplicated = set(), set()
    for row in rows:
        value = row.cell(key)
        (duplicated if value in seen else seen).add(value)
    return duplicated


class _SharedRows(list):
    """A table's inline rows, which frictionless never changes: its copies of a resource may share them.

    Frictionless deep-copies a resource's descriptor, inline data included, whenever it copies the
    resource (validating a package, looking up a foreign key): at 10,000 offers that was 4 million
    copied cells and a fifth of the validation's time.
    """

    def __deepcopy__(self, memo):
        return self


class _KeepTypedRows(Check):
    """Keeps each row's typed values as frictionless reads them to validate it, so the rows are read once."""

    type = "aanbod-keep-typed-rows"

    def __init__(self, typed: dict[str, list[dict]]):
        super().__init__()
        self._typed = typed

    def validate_row(self, row):
        self._typed.setdefault(self.resource.name, []).append(row.to_dict())
        return []


def _frictionless_problems(schema: CatalogueSchema, package: Package, rows: dict[str, list[Row]], typed: dict | None = None,
                           workers: int = 1) -> list[Problem]:
    """Frictionless's errors as problems; ``typed`` (if given) receives every table's typed rows from the same pass.

    With more than one of ``workers`` the tables are validated in that many processes (aanbod/forking.py), each
    within the whole package, so references to other tables are checked as before: at 10,000 offers frictionless
    took 1.8 s on one core, a third of the validation. The problems and typed rows are the same either way."""
    groups = _table_groups(schema, rows, workers)
    problems = []
    for part in forking.map_slices(lambda part: [_validate_tables(schema, package, rows, names, typed is not None) for names in part],
                                   groups, len(groups)):
        for group_problems, group_typed in part:
            problems.extend(group_problems)
            if typed is not None:
                typed.update(group_typed)
    return problems


def _table_groups(schema: CatalogueSchema, rows: dict[str, list[Row]], workers: int) -> list[list[str]]:
    """The tables in up to ``workers`` groups of about the same number of cells (the largest first into the smallest
    group), each in schema order: one group of all tables for one worker."""
    names = list(schema.tables)
    if workers <= 1:
        return [names]
    groups: list[list[str]] = [[] for _ in range(min(workers, len(names)))]
    cells = [0] * len(groups)
    for name in sorted(names, key=lambda name: -len(rows[name]) * len(schema.tables[name].field_names)):
        smallest = cells.index(min(cells))
        groups[smallest].append(name)
        cells[smallest] += len(rows[name]) * len(schema.tables[name].field_names)
    return [sorted(group, key=names.index) for group in groups if group]


def _validate_tables(schema: CatalogueSchema, package: Package, rows: dict[str, list[Row]], names: list[str],
                     keep_typed: bool) -> tuple[list[Problem], dict[str, list[dict]]]:
    """The problems frictionless finds in the tables ``names`` of ``package``, and their typed rows if ``keep_typed``."""
    problems: list[Problem] = []
    typed: dict[str, list[dict]] = {}
    for name in names:
        report = package.validate(Checklist(checks=[_KeepTypedRows(typed)]) if keep_typed else None, name=name)
        for task in report.tasks:
            problems.extend(_task_problems(schema, task, rows))
    return problems, typed


def _task_problems(schema: CatalogueSchema, task, rows: dict[str, list[Row]]) -> list[Problem]:
    problems = []
    table = schema.tables[task.name]
    table_rows = rows[task.name]
    parent_duplicates = set()
    if table.parent:
        parent = schema.tables[table.parent]
        parent_duplicates = _duplicated_ids(rows[parent.name], parent.primary_key[0])
    for error in task.errors:
        row_number = getattr(error, "row_number", None)
        if row_number is None:
            problems.append(Problem(str(schema.folder), 0, task.name, error.message, code=error.type))
            continue
        row = table_rows[row_number - 2]
        if error.type == "primary-key" and row.cell(table.source["parent_field"] if table.parent else "") in parent_duplicates:
            continue  # the duplicated parent id is reported; its children repeat it
        problem = _row_problem(schema, table, table_rows, row, error)
        if problem:
            problems.append(problem)
    return problems


# A field with the wrong shape is read as empty: do not also call it missing or invalid. A field
# with a control character: do not quote its value in another message, which would print it.
ECHOED = ("shape", "character")


def _without_echoes(problems: list[Problem]) -> list[Problem]:
    """Only the first word about a field that is unreadable or holds a forbidden character."""
    shaped = {(problem.path, problem.field) for problem in problems if problem.code in ECHOED}
    return [problem for problem in problems if problem.code in ECHOED or (problem.path, problem.field) not in shaped]


def _row_problem(schema: CatalogueSchema, table: Table, table_rows: list[Row], row: Row, error) -> Problem | None:
    if error.type == "primary-key":
        key = table.primary_key
        this = tuple(row.cell(name) for name in key)
        first = next(other for other in table_rows if tuple(other.cell(name) for name in key) == this)
        name = key[-1]
        if not table.parent and Path(first.path).stem != first.cell(name):
            return None  # the earlier file took a code that is not its own name: that file is told so
        if first.path == row.path:
            message = f"'{row.cell(name)}' staat twee keer in dit bestand (ook op regel {first.line_of(name)})."
        else:
            message = f"de code '{row.cell(name)}' wordt al gebruikt in {first.path}. Kies een andere code."
        return Problem(row.path, row.line_of(name), row.label(name), message, code="duplicate")
    if error.type == "foreign-key":
        return _reference_problem(schema.tables[error.reference_name], row, error.field_names[0])
    name = getattr(error, "field_name", "") or ""
    if name:
        descriptor = table.field(name)
        cell = row.cell(name)
        if error.type == "constraint-error" and not cell and row.misspelled(name):
            return None
        if error.type == "type-error":
            message = messages.type_message(descriptor, cell)
        else:
            message = messages.constraint_message(schema, descriptor, cell, error.note)
        return Problem(row.path, row.line_of(name), row.label(name), message, code=error.type)
    return Problem(row.path, row.line, "", f"deze regel klopt niet: {error.note or error.message}", code=error.type)


def _reference_problem(target: Table, row: Row, name: str) -> Problem:
    message = f"'{row.cell(name)}' bestaat niet. Maak eerst een bestand voor de aanbieder in content/{target.source.get('folder', target.name)}/, of controleer de code."
    return Problem(row.path, row.line_of(name), row.label(name), message, code="reference")


def _package(schema: CatalogueSchema, rows: dict[str, list[Row]], checked_elsewhere: frozenset = frozenset()) -> Package:
    """One resource per table; foreign keys to the tables in ``checked_elsewhere`` are left out."""
    resources = []
    for table in schema.tables.values():
        header = table.field_names
        data = _SharedRows([header, *([row.cell(name) for name in header] for row in rows[table.name])])
        descriptor = schema.table_schema(table.name)
        if checked_elsewhere and "foreignKeys" in descriptor:
            descriptor["foreignKeys"] = [key for key in descriptor["foreignKeys"] if key["reference"]["resource"] not in checked_elsewhere]
        resources.append(Resource(name=table.name, data=data, schema=Schema.from_descriptor(descriptor)))
    return Package(resources=resources)


def _read_slice(schema: CatalogueSchema, content: Path, files: list[tuple[str, Path]], max_bytes: int) -> tuple[dict[str, list[Row]], list[Problem]]:
    """The rows of these (table name, path) files, and what is wrong with each file on its own."""
    rows: dict[str, list[Row]] = {name: [] for name in schema.tables}
    problems: list[Problem] = []
    for name, path in files:
        problems.extend(_read_file(schema, schema.tables[name], content, path, max_bytes, rows))
    return rows, problems


def _read_file(schema: CatalogueSchema, table: Table, content: Path, path: Path, max_bytes: int, rows: dict[str, list[Row]]) -> list[Problem]:
    """Load one file below ``content``, add its rows to ``rows`` and return what is wrong with it on its own."""
    folder = content / table.source["folder"]
    document, problems = load_file(path, _display(path), max_bytes, root=content, around_errors=True)
    if document is None:
        return problems
    document_rows_, shape_problems = document_rows(schema, table, document)
    problems = problems + shape_problems
    problems.extend(_check_location(table, folder, path, document_rows_[table.name][0]))
    for name, new_rows in document_rows_.items():
        for row in new_rows:
            problems.extend(_check_text(schema, schema.tables[name], row))
        rows[name].extend(new_rows)
    return problems


def _read_merged(schema: CatalogueSchema, content: Path, paths: list[Path], index: availability.OfferIndex, max_bytes: int,
                 today: date | None, by_file: dict | None = None) -> tuple[dict[str, dict], list[Problem]]:
    """The files whose fields are merged into the grouped table (availability), checked against ``index``;
    ``by_file`` (if given) receives each file's own values."""
    grouping = schema.grouping
    folder = content / grouping.table.merged["folder"]
    merged, problems = {}, []
    for path in paths:
        shown = _display(path)
        if len(path.relative_to(folder).parts) != 1:
            problems.append(Problem(shown, 1, "", f"zet dit bestand direct in de map {folder.name}: {folder.name}/{path.name}.", code="file-location"))
            continue
        document, file_problems = load_file(path, shown, max_bytes, root=content)
        problems += file_problems
        if document is not None:
            values, document_problems = availability.check_document(schema, document, path.stem, index, today)
            merged.update(values)
            problems += document_problems
            if by_file is not None:
                by_file[path] = values
    return merged, problems


def _merge(schema: CatalogueSchema, rows: dict[str, list[Row]], merged: dict[str, dict]) -> None:
    """Copy checked availability values into their offers' rows, so frictionless types them with the rest."""
    table = schema.grouping.table
    key = table.primary_key[0]
    for row in rows[table.name]:
        for name, value in merged.get(row.values.get(key), {}).items():
            row.values[name] = value


def _merged_files(schema: CatalogueSchema, content: Path) -> list[Path]:
    grouping = schema.grouping
    if grouping is None or not grouping.table.merged:
        return []
    return find_files(content / grouping.table.merged["folder"])


def validate_content(content: Path, schema: CatalogueSchema, max_bytes: int = DEFAULT_MAX_BYTES,
                     today: date | None = None, workers: int = 1) -> tuple[ValidatedContent | None, list[Problem]]:
    """All problems in all files, or the validated content when there are none.

    ``today`` is the build's (history.py): a check date after it, or a closure long before it, is refused.
    With more than one of ``workers`` the files are read in that many processes (aanbod/forking.py); the rows and
    problems are the same, in the same order."""
    with collector.paused():  # what is read lives on: nothing for the cyclic collector to find (aanbod/collector.py)
        return _validate_content(content, schema, max_bytes, today, workers)


def _validate_content(content: Path, schema: CatalogueSchema, max_bytes: int, today: date | None,
                      workers: int) -> tuple[ValidatedContent | None, list[Problem]]:
    content = Path(content)
    rows: dict[str, list[Row]] = {name: [] for name in schema.tables}
    problems: list[Problem] = []
    files = [(table.name, path) for table in schema.top_tables for path in find_files(content / table.source["folder"])]
    file_count = len(files)
    # Reading and checking each file on its own is most of the time (5 of 6 s at 10,000 offers); the rows come
    # back from the other processes pickled, which costs much less.
    for part_rows, part_problems in forking.map_slices(lambda part: _read_slice(schema, content, part, max_bytes), files, workers):
        for name, new_rows in part_rows.items():
            rows[name].extend(new_rows)
        problems.extend(part_problems)
    merged_paths = _merged_files(schema, content)
    merged_by_file: dict[Path, dict] = {}
    if merged_paths:
        grouping = schema.grouping
        index = availability.OfferIndex(
            {row.values[grouping.table.primary_key[0]]: row.values[grouping.field] for row in rows[grouping.table.name]},
            {row.values[grouping.owner.primary_key[0]] for row in rows[grouping.owner.name]},
        )
        merged, merged_problems = _read_merged(schema, content, merged_paths, index, max_bytes, today, merged_by_file)
        file_count += len(merged_paths)
        problems.extend(merged_problems)
        _merge(schema, rows, merged)
    problems.extend(_check_rules(schema, rows, today))
    package = _package(schema, rows)
    typed: dict[str, list[dict]] = {}
    problems.extend(_frictionless_problems(schema, package, rows, typed, workers))
    if problems:
        return None, sorted(set(_without_echoes(problems)))
    typed = {name: typed.get(name, []) for name in schema.tables}
    _normalise_case(schema, typed)
    return ValidatedContent(schema, rows, typed, file_count, merged_by_file), []


def _normalise_case(schema: CatalogueSchema, typed: dict[str, list[dict]]) -> None:
    """A field with ``"case": "upper"`` (the postcode) accepts small letters and is published in capitals.

    Accepting "3401 dk" and writing "3401 DK" is kinder than refusing it: the letters mean the same.
    Every page, export and search record reads the typed rows, so this is the one place it happens.
    """
    for table in schema.tables.values():
        upper = [name for name in table.field_names if table.field(name).get("case") == "upper"]
        for values in typed[table.name] if upper else ():
            for name in upper:
                if isinstance(values.get(name), str):
                    values[name] = values[name].upper()


# --- A few changed files, checked against an index of all the others (pull requests) ---

def table_of(schema: CatalogueSchema, content: Path, path: Path) -> Table | None:
    """The top table whose folder holds ``path`` by name, or None for a file that is not content.

    The path is compared as written, links not followed: a link inside content/ is content
    (and reading refuses it), a link to content/ from elsewhere is not.
    """
    path, content = Path(os.path.abspath(path)), Path(os.path.abspath(content))
    for table in schema.top_tables:
        folder = content / table.source["folder"]
        if path.suffix in (".yaml", ".yml") and folder in path.parents:
            return table
    return None


def is_merged_file(schema: CatalogueSchema, content: Path, path: Path) -> bool:
    """A file directly or deeper in the folder whose fields are merged into the grouped table (content/availability/)."""
    grouping = schema.grouping
    if grouping is None or not grouping.table.merged:
        return False
    folder = Path(os.path.abspath(content)) / grouping.table.merged["folder"]
    return Path(path).suffix in (".yaml", ".yml") and folder in Path(os.path.abspath(path)).parents


def validate_files(content: Path, schema: CatalogueSchema, paths: list[Path], known_ids: dict[str, dict[str, list[Path]]],
                   max_bytes: int = DEFAULT_MAX_BYTES, today: date | None = None) -> tuple[dict[str, list[Row]], list[Problem]]:
    """Every problem in these files, with the cross-file checks done against ``known_ids``.

    ``known_ids`` maps each top table to {id: files} for the whole content folder, as file
    names give them: a changed file may not take an id another file has, and may only
    refer to ids that exist. The files themselves are validated exactly as by validate_content.
    """
    content = Path(content)
    rows: dict[str, list[Row]] = {name: [] for name in schema.tables}
    problems: list[Problem] = []
    for path in paths:
        table = table_of(schema, content, path)
        if table is not None:
            problems.extend(_read_file(schema, table, content, Path(path), max_bytes, rows))
    merged_paths = [Path(path) for path in paths if is_merged_file(schema, content, path)]
    if merged_paths:
        # Checked against the index: an offer's provider is the folder its file sits in; a changed file says it itself.
        grouping = schema.grouping
        provider_of = {offer_id: files[0].parent.name for offer_id, files in known_ids.get(grouping.table.name, {}).items() if files}
        provider_of.update({row.values[grouping.table.primary_key[0]]: row.values[grouping.field] for row in rows[grouping.table.name]})
        providers = set(known_ids.get(grouping.owner.name, {})) | {row.values[grouping.owner.primary_key[0]] for row in rows[grouping.owner.name]}
        problems.extend(_read_merged(schema, content, merged_paths, availability.OfferIndex(provider_of, providers), max_bytes, today)[1])
    problems.extend(_check_rules(schema, rows, today))
    top = frozenset(table.name for table in schema.top_tables)
    package = _package(schema, rows, checked_elsewhere=top)
    problems.extend(_frictionless_problems(schema, package, rows))
    problems.extend(_known_id_problems(schema, rows, known_ids))
    return rows, sorted(set(_without_echoes(problems)))


def _known_id_problems(schema: CatalogueSchema, rows: dict[str, list[Row]], known_ids: dict[str, dict[str, list[Path]]]) -> list[Problem]:
    problems = []
    for table in schema.top_tables:
        key = table.primary_key[0]
        for row in rows[table.name]:
            own = Path(row.path).resolve()
            others = [path for path in known_ids.get(table.name, {}).get(row.cell(key), []) if path.resolve() != own]
            if others and Path(row.path).stem == row.cell(key):
                message = f"de code '{row.cell(key)}' wordt al gebruikt in {_display(others[0])}. Kies een andere code."
                problems.append(Problem(row.path, row.line_of(key), row.label(key), message, code="duplicate"))
        for foreign in table.foreign_keys:
            name, target = foreign["fields"][0], schema.tables[foreign["reference"]["resource"]]
            if target.parent:
                continue
            changed = {other.cell(target.primary_key[0]) for other in rows[target.name]}
            for row in rows[table.name]:
                value = row.cell(name)
                if value and value not in changed and value not in known_ids.get(target.name, {}):
                    problems.append(_reference_problem(target, row, name))
    return problems
