"""The DCAT-AP-DONL catalogue: rdflib reads it, and every field data.overheid.nl requires is there."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef, namespace
from rdflib.compare import isomorphic

from aanbod.content.catalogue import read_catalogue
from aanbod.exports import write_all
from conftest import REPOSITORY_SCHEMA, ROOT

OVERHEID = Namespace("http://standaarden.overheid.nl/owms/terms/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
DCATAP = Namespace("http://data.europa.eu/r5r/")
DUTCH = URIRef("http://publications.europa.eu/resource/authority/language/NLD")
BASE = "https://openaanbod.example.nl/data/"
# rdflib parses JSON-LD through a graph class it has deprecated itself; nothing to act on here.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[Path, list]:
    catalogue, problems = read_catalogue(ROOT / "content", REPOSITORY_SCHEMA)
    assert problems == []
    folder = tmp_path_factory.mktemp("dcat-data")
    return folder, write_all(catalogue, folder)


@pytest.fixture(scope="module")
def graph(published) -> Graph:
    folder, _ = published
    return Graph().parse(folder / "dcat.jsonld", format="json-ld")


def _one(graph: Graph, subject, predicate):
    values = list(graph.objects(subject, predicate))
    assert len(values) == 1, (subject, predicate, values)
    return values[0]


def _dataset(graph: Graph):
    return _one(graph, URIRef(BASE + "dcat.jsonld"), namespace.DCAT.dataset)


def test_the_dataset_has_every_field_data_overheid_nl_requires(graph):
    dataset = _dataset(graph)
    assert (dataset, namespace.RDF.type, namespace.DCAT.Dataset) in graph
    assert _one(graph, dataset, namespace.DCTERMS.identifier) == Literal(BASE, datatype=namespace.XSD.anyURI)
    assert _one(graph, dataset, namespace.DCTERMS.title).language == "nl"
    assert len(_one(graph, dataset, namespace.DCTERMS.description)) > 50
    assert _one(graph, dataset, namespace.DCTERMS.language) == DUTCH
    record = next(graph.subjects(namespace.FOAF.primaryTopic, dataset))
    assert (record, namespace.RDF.type, namespace.DCAT.CatalogRecord) in graph and _one(graph, record, namespace.DCTERMS.language) == DUTCH  # metadata language
    eu_theme = URIRef("http://publications.europa.eu/resource/authority/data-theme/SOCI")
    assert set(graph.objects(dataset, namespace.DCAT.theme)) == {OVERHEID["Werk_(thema)"], OVERHEID["Sociale_zekerheid"], eu_theme}
    assert all(_one(graph, theme, namespace.SKOS.prefLabel).language == "nl" for theme in graph.objects(dataset, namespace.DCAT.theme))
    assert _one(graph, dataset, namespace.DCTERMS.creator) == _one(graph, dataset, namespace.DCTERMS.publisher)
    assert _one(graph, dataset, namespace.DCTERMS.spatial) == OVERHEID["Utrecht_(provincie)"]
    assert _one(graph, dataset, namespace.DCTERMS.modified).datatype == namespace.XSD.date
    authority = URIRef("http://standaarden.overheid.nl/owms/terms/Utrecht_(gemeente)")
    assert _one(graph, dataset, OVERHEID.authority) == authority and _one(graph, dataset, namespace.DCTERMS.publisher) == authority
    contact = _one(graph, dataset, namespace.DCAT.contactPoint)
    assert (contact, namespace.RDF.type, VCARD.Organization) in graph
    assert str(_one(graph, contact, VCARD.fn)) and str(_one(graph, contact, VCARD.hasEmail)).startswith("mailto:")
    assert _one(graph, dataset, namespace.DCTERMS.conformsTo) == URIRef(BASE + "datapackage.json")


def test_every_distribution_has_the_required_fields_and_matches_its_file(graph, published):
    folder, data_files = published
    dataset = _dataset(graph)
    distributions = list(graph.objects(dataset, namespace.DCAT.distribution))
    single_files = [data_file for data_file in data_files if not data_file.is_group and not data_file.name.startswith("dcat.")]
    assert len(distributions) == len(single_files)
    described = set()
    for distribution in distributions:
        assert (distribution, namespace.RDF.type, namespace.DCAT.Distribution) in graph
        url = str(_one(graph, distribution, namespace.DCAT.accessURL))
        name = url.removeprefix(BASE)
        described.add(name)
        assert _one(graph, distribution, namespace.DCTERMS.license) == URIRef("http://creativecommons.org/publicdomain/zero/1.0/deed.nl")
        assert _one(graph, distribution, namespace.DCTERMS.title).language == "nl"
        assert str(_one(graph, distribution, namespace.DCTERMS.description))
        assert _one(graph, distribution, namespace.DCTERMS.language) == DUTCH
        assert str(_one(graph, distribution, namespace.DCTERMS.format)).startswith("http://publications.europa.eu/resource/authority/file-type/")
        assert int(_one(graph, distribution, namespace.DCAT.byteSize)) == (folder / name).stat().st_size
        assert str(_one(graph, distribution, namespace.DCTERMS.conformsTo)).startswith("http")
        assert _one(graph, distribution, DCATAP.availability) == URIRef("http://publications.europa.eu/resource/authority/planned-availability/STABLE")
    assert described == {data_file.name for data_file in single_files}
    offers_csv = next(distribution for distribution in distributions if str(_one(graph, distribution, namespace.DCAT.accessURL)).endswith("/offers.csv"))
    schema_url = str(_one(graph, offers_csv, namespace.DCTERMS.conformsTo))
    assert (folder / schema_url.removeprefix(BASE)).is_file()


def test_rdf_xml_holds_the_same_graph(graph, published):
    folder, _ = published
    assert isomorphic(graph, Graph().parse(folder / "dcat.rdf", format="xml"))


STANDARDS = ROOT.parent / "shared" / "standards"
SHAPES = {
    "DCAT-AP-NL 3.0": ["dcat-ap-nl-3.0/dcat-ap-nl-SHACL.ttl", "dcat-ap-nl-3.0/dcat-ap-nl-SHACL-klassebereik.ttl",
                       "dcat-ap-nl-3.0/dcat-ap-nl-SHACL-klassebereik-codelijsten.ttl", "dcat-ap-nl-3.0/dcat-ap-nl-SHACL-aanbevolen.ttl"],
    "DCAT-AP 3.0.1": ["dcat-ap-3.0.1/releases_3.0.1_shacl_dcat-ap-SHACL.ttl", "dcat-ap-3.0.1/releases_3.0.1_html_shacl_shapes_recommended.ttl"],
}


@pytest.mark.parametrize("profile", SHAPES)
@pytest.mark.parametrize("name, syntax", [("dcat.jsonld", "json-ld"), ("dcat.rdf", "xml")])
def test_the_official_shacl_shapes_find_no_violation(published, profile, name, syntax):
    """Geonovum's DCAT-AP-NL 3.0 and SEMIC's DCAT-AP 3.0.1 shapes, on both serialisations; warnings may stay."""
    pyshacl = pytest.importorskip("pyshacl")
    if not STANDARDS.is_dir():
        pytest.skip(f"the shapes are not here ({STANDARDS}): they live beside the repository, in ../shared/standards")
    folder, _ = published
    shapes = Graph()
    for path in SHAPES[profile]:
        shapes.parse(STANDARDS / path, format="turtle")
    _, report, _ = pyshacl.validate(Graph().parse(folder / name, format=syntax), shacl_graph=shapes, inference="rdfs")
    SH = namespace.SH
    violations = [(str(report.value(result, SH.focusNode)), str(report.value(result, SH.resultPath)), str(report.value(result, SH.resultMessage)))
                  for result in report.subjects(SH.resultSeverity, SH.Violation)]
    assert violations == []
