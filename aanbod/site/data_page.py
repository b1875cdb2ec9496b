"""What the data page shows, derived from ``schema/`` and the files just written: no second field list.

Every field with its type, rules and allowed values (with their Dutch labels), every file with
its size, and examples that load the data. The page is written after the exports, because only
then are the sizes known.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..exports.datafile import DataFile
from ..exports import rpde
from ..exports.hsds import NAMESPACE
from ..content.model import Catalogue
from ..exports.publication import Publication
from ..content.rows import LIST_DELIMITER

TYPES = {
    "string": "tekst",
    "integer": "geheel getal",
    "number": "getal, met een punt als decimaalteken",
    "boolean": "ja of nee: in de bestanden true of false",
    "date": "datum, geschreven als 2026-11-01",
    "list": f"lijst: waarden gescheiden door een puntkomma ({LIST_DELIMITER})",
}


@dataclass
class FieldDoc:
    name: str
    title: str
    type: str
    description: str
    rules: list[str] = field(default_factory=list)
    allowed: list[tuple[str, str]] = field(default_factory=list)
    example: str = ""


@dataclass
class TableDoc:
    name: str
    title: str
    description: str
    path: str
    keys: list[str]
    fields: list[FieldDoc]


@dataclass
class FileDoc:
    name: str
    title: str
    description: str
    path: str  # on this site, so the link works wherever the site is served
    size: str
    count: int


def _number(value) -> str:
    return str(value).replace(".", ",")


def _rules(descriptor) -> list[str]:
    constraints = descriptor.get("constraints", {})
    rules = []
    if constraints.get("required"):
        rules.append("verplicht")
    if "minimum" in constraints and "maximum" in constraints:
        rules.append(f"van {_number(constraints['minimum'])} tot en met {_number(constraints['maximum'])}")
    elif "minimum" in constraints:
        rules.append(f"minimaal {_number(constraints['minimum'])}")
    elif "maximum" in constraints:
        rules.append(f"maximaal {_number(constraints['maximum'])}")
    if "maxLength" in constraints:
        rules.append(f"hoogstens {constraints['maxLength']} tekens")
    if descriptor.get("format") == "email":
        rules.append("een e-mailadres")
    if "pattern" in constraints:
        rules.append(f"volgt het patroon {constraints['pattern']}")
    return rules


def _keys(table) -> list[str]:
    keys = [f"Elke rij is uniek op: {', '.join(table.primary_key)}."]
    for foreign in table.foreign_keys:
        reference = foreign["reference"]
        keys.append(f"{', '.join(foreign['fields'])} verwijst naar {', '.join(reference['fields'])} in {reference['resource']}.")
    return keys


def table_docs(catalogue: Catalogue) -> list[TableDoc]:
    schema = catalogue.schema
    docs = []
    for table in schema.tables.values():
        fields = []
        for descriptor in table.fields:
            taxonomy = descriptor.get("taxonomy")
            allowed = [(term.code, term.label) for term in schema.taxonomies[taxonomy].terms] if taxonomy else []
            fields.append(FieldDoc(
                descriptor["name"], descriptor.get("title", ""), TYPES.get(descriptor["type"], descriptor["type"]),
                descriptor.get("description", ""), _rules(descriptor), allowed, descriptor.get("example", ""),
            ))
        docs.append(TableDoc(table.name, table.title, table.description, table.path, _keys(table), fields))
    return docs


def human_size(size: int) -> str:
    if size < 1000:
        return f"{size} bytes"
    if size < 1_000_000:
        return f"{size / 1000:.1f} kB".replace(".", ",")
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def _example_name(data_file: DataFile) -> str:
    """A real file of a group, to link to: the first one written."""
    depth = data_file.name.count("/") + 1  # a placeholder may stand for a folder too (changes/after/{n}/{id}.json)
    return "/".join(data_file.paths[0].parts[-depth:])


def file_docs(data_files: list[DataFile], publication: Publication) -> list[FileDoc]:
    docs = []
    for data_file in data_files:
        linked = _example_name(data_file) if data_file.is_group and data_file.paths else data_file.name
        docs.append(FileDoc(
            data_file.name, data_file.title, data_file.description, f"{publication.data_dir}/{linked}",
            human_size(data_file.size), len(data_file.paths),
        ))
    return docs


def examples(publication: Publication) -> list[tuple[str, str]]:
    offers, package = publication.data_url("offers.csv"), publication.data_url("datapackage.json")
    return [
        ("Python (pandas)", f'import pandas as pd\n\noffers = pd.read_csv("{offers}", dtype=str, keep_default_na=False)\nprint(offers.groupby("kind").size())'),
        ("Python (frictionless, met types en controle)", f'from frictionless import Package\n\npackage = Package("{package}")\nfor row in package.get_resource("offers").read_rows():\n    print(row["id"], row["cost_eur"], row["target_groups"])'),
        ("R", f'offers <- read.csv("{offers}", colClasses = "character", encoding = "UTF-8")\ntable(offers$kind)'),
        ("DuckDB", f"SELECT kind, count(*) AS aantal\nFROM read_csv('{offers}', all_varchar = true)\nGROUP BY kind;"),
    ]


def context(catalogue: Catalogue, data_files: list[DataFile], publication: Publication) -> dict:
    licence = catalogue.schema.licence
    return {
        "tables": table_docs(catalogue),
        "files": file_docs(data_files, publication),
        "examples": examples(publication),
        "licence": {"name": licence.get("title", licence["name"]), "url": licence.get("path", "")},
        "version": catalogue.schema.package.get("version", ""),
        "modified": catalogue.last_modified.date() if catalogue.last_modified else None,
        "dcat_url": publication.data_url("dcat.jsonld"),
        "rdf_url": publication.data_url("dcat.rdf"),
        "package_url": publication.data_url("datapackage.json"),
        "changes_url": publication.data_url("changes/index.json"),
        "xlsx_url": publication.data_url("offers.xlsx"),
        "excel_csv_url": publication.data_url("excel/offers.csv"),
        "feed_url": publication.data_url(rpde.FEED),
        "first_page_file_url": publication.data_url(rpde.page_file(None)),
        "hsds_namespace": str(NAMESPACE),
        "offer_count": len(catalogue.offers),
    }
