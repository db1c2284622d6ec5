"""The SKOS vocabularies as an HTML page beside the ontology's: every scheme and concept in English and Indonesian.

pyLODE documents classes and properties but not concepts, so `kg docs` writes
this second page from a template (kg/templates/vocabularies.html). Each concept
has an anchor named after its IRI's local name (vocabularies.html#mayor).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, SKOS

from kg.namespaces import APK, local_name
from kg.ontology import load_ontology
from kg.pages import render

PAGE = "vocabularies.html"
SCHEME_PROPERTIES = {
    "roles": ("role",),
    "participation-roles": ("participationRole",),
    "event-types": ("eventType",),
    "event-statuses": ("eventStatus",),
    "agreement-types": ("agreementType",),
}


@dataclass
class Term:
    iri: str
    anchor: str
    notation: str
    label_en: str
    label_id: str
    definition_en: str
    definition_id: str
    concepts: list[Term] = field(default_factory=list)
    used_by: tuple[str, ...] = ()


def in_language(graph: Graph, subject: URIRef, predicate: URIRef, language: str) -> str:
    values = sorted(str(value) for value in graph.objects(subject, predicate)
                    if isinstance(value, Literal) and value.language == language)
    return values[0] if values else ""


def term(graph: Graph, subject: URIRef) -> Term:
    words = {f"{kind}_{language}": in_language(graph, subject, predicate, language)
             for kind, predicate in (("label", SKOS.prefLabel), ("definition", SKOS.definition))
             for language in ("en", "id")}
    notation = graph.value(subject, SKOS.notation)
    return Term(str(subject), local_name(subject), str(notation or local_name(subject)), **words)


def schemes(graph: Graph) -> list[Term]:
    """Every concept scheme with its concepts, both in the order of their English names."""
    found = []
    for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme):
        if isinstance(scheme, URIRef):
            entry = term(graph, scheme)
            entry.used_by = SCHEME_PROPERTIES.get(entry.anchor, ())
            members = [c for c in graph.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef)]
            entry.concepts = sorted((term(graph, c) for c in members), key=lambda t: (t.label_en.lower(), t.iri))
            found.append(entry)
    return sorted(found, key=lambda t: (t.label_en.lower(), t.iri))


def vocabulary_html(ontology_dir: Path, ontology_page: str = "ontology.html") -> str:
    """The page documenting the vocabularies of the ontology in `ontology_dir`."""
    graph = load_ontology(ontology_dir).graph
    ontology = next((s for s in graph.subjects(RDF.type, OWL.Ontology) if isinstance(s, URIRef)), URIRef(str(APK)))
    return render(
        PAGE,
        title="Vocabularies of the APEKSI knowledge graph", title_id="Kosakata graf pengetahuan APEKSI",
        description=("The SKOS concepts the annotations use for kinds of post, roles at events, event types, "
                     "agreement types and event statuses, with their names and definitions in both languages."),
        description_id=("Konsep SKOS yang dipakai anotasi untuk jenis jabatan, peran dalam acara, jenis acara, "
                        "jenis kesepakatan dan status acara, dengan nama dan definisinya dalam kedua bahasa."),
        ontology_iri=str(ontology), version=str(graph.value(ontology, OWL.versionInfo) or ""),
        ontology_page=ontology_page, schemes=schemes(graph),
    )
