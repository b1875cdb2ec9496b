"""The DCAT-AP-DONL catalogue, so data.overheid.nl can harvest the dataset and every file.

Written as JSON-LD (with its own @context, so a reader needs nothing from the network) and as
RDF/XML, built from the same flat graph with xml.etree: every node has an IRI and no blank
nodes, so both files are the same bytes for the same content (rdflib's own RDF/XML writer
orders subjects and namespaces differently from run to run). Values come from the DONL lists: language NLD, themes from the
taxonomiebeleidsagenda, the licence CC0 and file types from the EU list.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ..content.model import Catalogue
from .publication import Publication
from .datafile import DataFile, write_json

CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "vcard": "http://www.w3.org/2006/vcard/ns#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "overheid": "http://standaarden.overheid.nl/owms/terms/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcatap": "http://data.europa.eu/r5r/",
}
DUTCH = "http://publications.europa.eu/resource/authority/language/NLD"
PUBLIC = "http://publications.europa.eu/resource/authority/access-right/PUBLIC"
# What the catalogue is about: work and social security from the DONL theme list (DCAT-AP-DONL 1.1 and
# DCAT-AP-NL 3.0), and "population and society" from the EU data-theme list (DCAT-AP 3.0).
THEMES = {
    "http://standaarden.overheid.nl/owms/terms/Werk_(thema)": "Werk",
    "http://standaarden.overheid.nl/owms/terms/Sociale_zekerheid": "Sociale zekerheid",
    "http://publications.europa.eu/resource/authority/data-theme/SOCI": "Bevolking en samenleving",
}
THEME_SCHEMES = {
    "http://standaarden.overheid.nl/owms/terms/TaxonomieBeleidsagenda": "Taxonomie Beleidsagenda",
    "http://publications.europa.eu/resource/authority/data-theme": "Datathema's (EU)",
}
PUBLIC_DOMAIN = "http://purl.org/adms/licencetype/PublicDomain"
STABLE = "http://publications.europa.eu/resource/authority/planned-availability/STABLE"
# The published standard each kind of file follows, for dct:conformsTo where no Table Schema applies.
STANDARDS = {
    "CSV": "https://www.rfc-editor.org/rfc/rfc4180",
    "JSON": "https://www.rfc-editor.org/rfc/rfc8259",
    "GEOJSON": "https://www.rfc-editor.org/rfc/rfc7946",
    "XLSX": "https://www.iso.org/standard/71691.html",
    "ATOM": "https://www.rfc-editor.org/rfc/rfc4287",
    "JSON_LD": "https://docs.geostandaarden.nl/dcat/dcat-ap-nl30/",
    "RDF_XML": "https://docs.geostandaarden.nl/dcat/dcat-ap-nl30/",
}
JSON_LD = "dcat.jsonld"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
XML = "http://www.w3.org/XML/1998/namespace"
RDF_XML = "dcat.rdf"


def _text(value: str) -> dict:
    return {"@value": value, "@language": "nl"}


def _iri(value: str) -> dict:
    return {"@id": value}


def _typed(value, datatype: str) -> dict:
    return {"@value": str(value), "@type": f"xsd:{datatype}"}


def _distribution_id(catalogue_id: str, data_file: DataFile) -> str:
    return f"{catalogue_id}#bestand-{data_file.name.replace('/', '-')}"


def licence_uri(schema) -> str:
    """The licence as the DCAT-AP-DONL list writes it (datapackage.json, licenses[0].dcat_ap_donl), else its own URL."""
    licence = schema.licence
    return licence.get("dcat_ap_donl") or licence["path"]


def _distribution(catalogue_id: str, data_file: DataFile, publication: Publication, modified: dict | None, licence: str) -> dict:
    url = publication.data_url(data_file.name)
    node = {
        "@id": _distribution_id(catalogue_id, data_file),
        "@type": "dcat:Distribution",
        "dcat:accessURL": _iri(url),
        "dcat:downloadURL": _iri(url),
        "dct:title": _text(data_file.title),
        "dct:description": _text(data_file.description),
        "dct:license": _iri(licence),
        "dct:language": _iri(DUTCH),
        "dct:format": _iri(data_file.format_uri),
        "dcat:mediaType": _iri(_media_type(data_file)),
        "dcat:byteSize": _typed(data_file.size, "nonNegativeInteger"),
    }
    if modified:
        node["dct:modified"] = modified
    node["dct:conformsTo"] = _iri(_standard(data_file, publication))
    node["dcatap:availability"] = _iri(STABLE)
    return node


def _standard(data_file: DataFile, publication: Publication) -> str:
    if data_file.conforms_to:
        return publication.data_url(data_file.conforms_to)
    return data_file.standard or STANDARDS[data_file.file_type]


def _vocabulary(files: list[DataFile], publication: Publication, spatial: str, licence: str) -> list[dict]:
    """The terms the catalogue points to, typed and labelled in the graph itself.

    A harvester looks them up in the EU and DONL vocabularies; SHACL validators that check ranges
    offline (pyshacl with the DCAT-AP 3.0.1 shapes) need the class and label right here.
    """
    nodes = [
        {"@id": DUTCH, "@type": "dct:LinguisticSystem"},
        {"@id": licence, "@type": "dct:LicenseDocument", "dct:type": _iri(PUBLIC_DOMAIN)},
        {"@id": PUBLIC_DOMAIN, "@type": "skos:Concept", "skos:prefLabel": _text("publiek domein")},
        {"@id": PUBLIC, "@type": "dct:RightsStatement"},
        {"@id": STABLE, "@type": "skos:Concept", "skos:prefLabel": _text("stabiel")},
        {"@id": spatial, "@type": "dct:Location", "skos:prefLabel": _text(publication.province)},
        {"@id": publication.url(), "@type": "foaf:Document"},
        {"@id": publication.data_url(), "@type": "foaf:Document"},
    ]
    nodes += [{"@id": theme, "@type": "skos:Concept", "skos:prefLabel": _text(label)} for theme, label in THEMES.items()]
    nodes += [{"@id": scheme, "@type": "skos:ConceptScheme", "dct:title": _text(title)} for scheme, title in THEME_SCHEMES.items()]
    formats = sorted({data_file.format_uri for data_file in files})
    media = sorted({_media_type(data_file) for data_file in files})
    standards = sorted({_standard(data_file, publication) for data_file in files} | {publication.data_url("datapackage.json"), STANDARDS["JSON_LD"]})
    nodes += [{"@id": uri, "@type": "dct:MediaTypeOrExtent"} for uri in formats]
    nodes += [{"@id": uri, "@type": "dct:MediaType"} for uri in media]
    nodes += [{"@id": uri, "@type": "dct:Standard"} for uri in standards]
    return nodes


def _media_type(data_file: DataFile) -> str:
    return f"https://www.iana.org/assignments/media-types/{data_file.media_type}"


def catalogue_document(catalogue: Catalogue, publication: Publication, data_files: list[DataFile]) -> dict:
    schema = catalogue.schema
    package = schema.package
    catalogue_id = publication.data_url(JSON_LD)
    # The dataset's node is not its landing page (the data page), which is a foaf:Document of its own.
    dataset_id = f"{catalogue_id}#dataset"
    # The province as OWMS names it (DONL's list of provinces).
    spatial = f"http://standaarden.overheid.nl/owms/terms/{publication.province.replace(' ', '_')}_(provincie)"
    contact_id = f"{catalogue_id}#contact"
    record_id = f"{catalogue_id}#record"
    modified = _typed(catalogue.last_modified.date().isoformat(), "date") if catalogue.last_modified else None
    files = [data_file for data_file in data_files if not data_file.is_group]
    keywords = [term.label for name in ("kinds", "subtypes") for term in schema.taxonomies[name].terms]
    dataset = {
        "@id": dataset_id,
        "@type": ["dcat:Dataset", "dcat:Resource"],
        "dct:identifier": _typed(publication.data_url(), "anyURI"),
        "dct:title": _text(package["title"]),
        "dct:description": _text(package["description"]),
        "dcat:keyword": [_text(keyword) for keyword in keywords],
        "dct:language": _iri(DUTCH),
        "dcat:theme": [_iri(theme) for theme in THEMES],
        "overheid:authority": _iri(publication.publisher_uri),
        "dct:publisher": _iri(publication.publisher_uri),
        "dct:creator": _iri(publication.publisher_uri),
        "dct:spatial": _iri(spatial),
        "dcat:contactPoint": _iri(contact_id),
        "dct:accessRights": _iri(PUBLIC),
        "dcat:landingPage": _iri(publication.data_url()),
        "foaf:page": _iri(publication.data_url()),
        "dct:conformsTo": _iri(publication.data_url("datapackage.json")),
        "owl:versionInfo": package.get("version", ""),
        "dcat:distribution": [_iri(_distribution_id(catalogue_id, data_file)) for data_file in files],
    }
    if modified:
        dataset["dct:modified"] = modified
    graph = [
        {
            "@id": catalogue_id,
            "@type": "dcat:Catalog",
            "dct:title": _text(publication.site_name),
            "dct:description": _text(package["description"]),
            "dct:publisher": _iri(publication.publisher_uri),
            "dcat:contactPoint": _iri(contact_id),
            "dct:creator": _iri(publication.publisher_uri),
            "dct:spatial": _iri(spatial),
            "dcat:themeTaxonomy": [_iri(scheme) for scheme in THEME_SCHEMES],
            "dct:language": _iri(DUTCH),
            "dct:license": _iri(licence_uri(schema)),
            "foaf:homepage": _iri(publication.url()),
            "dcat:dataset": _iri(dataset_id),
            "dcat:record": _iri(record_id),
        },
        # DCAT-AP keeps the metadata's own language on the catalogue record.
        {"@id": record_id, "@type": "dcat:CatalogRecord", "foaf:primaryTopic": _iri(dataset_id), "dct:language": _iri(DUTCH),
         "dct:conformsTo": _iri(STANDARDS["JSON_LD"])},
        dataset,
        {
            "@id": contact_id,
            "@type": ["vcard:Organization", "vcard:Kind"],
            "vcard:fn": publication.contact_name,
            "vcard:hasEmail": _iri(f"mailto:{publication.contact_email}"),
        },
        {"@id": publication.publisher_uri, "@type": ["foaf:Organization", "foaf:Agent"], "foaf:name": publication.publisher_name},
        *_vocabulary(files, publication, spatial, licence_uri(schema)),
    ]
    if modified:
        graph[0]["dct:modified"] = modified
        graph[1]["dct:modified"] = modified
    graph.extend(_distribution(catalogue_id, data_file, publication, modified, licence_uri(schema)) for data_file in files)
    return {"@context": CONTEXT, "@graph": graph}


def _expand(name: str) -> str:
    prefix, _, local = name.partition(":")
    return CONTEXT[prefix] + local


def _property(parent: ET.Element, name: str, value) -> None:
    element = ET.SubElement(parent, name)
    if isinstance(value, str):
        element.text = value
    elif "@id" in value:
        element.set("rdf:resource", value["@id"])
    else:
        element.text = value["@value"]
        if "@language" in value:
            element.set(f"{{{XML}}}lang", value["@language"])
        else:
            element.set("rdf:datatype", _expand(value["@type"]))


def rdf_xml(document: dict) -> bytes:
    """The flat JSON-LD graph as RDF/XML: one element per node, typed by its @type."""
    namespaces = {"rdf": RDF, **document["@context"]}
    root = ET.Element("rdf:RDF", {f"xmlns:{prefix}": namespace for prefix, namespace in namespaces.items()})
    for node in document["@graph"]:
        kind, *more = node["@type"] if isinstance(node["@type"], list) else [node["@type"]]
        element = ET.SubElement(root, kind, {"rdf:about": node["@id"]})
        for other in more:
            ET.SubElement(element, "rdf:type", {"rdf:resource": _expand(other)})
        for name, values in node.items():
            if name.startswith("@"):
                continue
            for value in values if isinstance(values, list) else [values]:
                _property(element, name, value)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def write(catalogue: Catalogue, folder: Path, publication: Publication, data_files: list[DataFile]) -> list[DataFile]:
    document = catalogue_document(catalogue, publication, data_files)
    json_ld = write_json(folder / JSON_LD, document, readable=True)
    rdf = folder / RDF_XML
    rdf.write_bytes(rdf_xml(document))
    return [
        DataFile(
            JSON_LD, "Catalogus voor data.overheid.nl (DCAT-AP-DONL, JSON-LD)",
            "De beschrijving van deze dataset en al zijn bestanden, om te oogsten in data.overheid.nl.",
            "application/ld+json", "JSON_LD", (json_ld,),
        ),
        DataFile(
            RDF_XML, "Catalogus voor data.overheid.nl (DCAT-AP-DONL, RDF/XML)",
            "Dezelfde catalogus als dcat.jsonld, in RDF/XML.", "application/rdf+xml", "RDF_XML", (rdf,),
        ),
    ]
