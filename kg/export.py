"""`kg export`: the built dataset in the formats other tools read, byte for byte the same on every run.

What goes in is chosen by graph: the facts the articles state are always
exported; the inferred statements, the ontology and the reference data can be
left out. Formats without named graphs (Turtle, N-Triples, JSON-LD, RDF/XML)
get the chosen graphs merged; TriG and N-Quads keep one named graph each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

from kg.built_dataset import read_dataset
from kg.errors import KgError
from kg.namespaces import APK, INFERRED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH, REGISTRY_GRAPH, RESOLVED_GRAPH
from kg.ntriples import nquads, ntriples
from kg.ontology import load_ontology
from kg.serialise import jsonld, rdfxml
from kg.turtle import Writer, canonical

NamedGraph = tuple[URIRef, Graph]


@dataclass(frozen=True)
class Contents:
    """Which graphs besides the articles' own go into an export."""

    inferred: bool = True
    ontology: bool = True
    reference: bool = True

    def includes(self, name: URIRef) -> bool:
        optional = {INFERRED_GRAPH: self.inferred, RESOLVED_GRAPH: self.inferred, ONTOLOGY_GRAPH: self.ontology,
                    REFERENCE_GRAPH: self.reference}
        return optional.get(name, True)


def selected_graphs(dataset: Dataset, contents: Contents) -> list[NamedGraph]:
    """The non-empty named graphs `contents` asks for: ontology, reference, registry, articles, resolved,
    inferred."""
    rank = {ONTOLOGY_GRAPH: 0, REFERENCE_GRAPH: 1, REGISTRY_GRAPH: 2, RESOLVED_GRAPH: 4, INFERRED_GRAPH: 5}
    graphs = [
        (URIRef(graph.identifier), graph) for graph in dataset.graphs()
        if isinstance(graph.identifier, URIRef) and len(graph) and contents.includes(URIRef(graph.identifier))
    ]
    return sorted(graphs, key=lambda item: (rank.get(item[0], 3), str(item[0])))


def merged(graphs: Iterable[NamedGraph]) -> Graph:
    """One graph with the statements of all of them."""
    union = Graph()
    for _, graph in graphs:
        union += graph
    return union


def sorted_triples(graph: Graph) -> list[tuple[Node, Node, Node]]:
    return sorted(graph, key=lambda triple: tuple(node.n3() for node in triple))


def to_turtle(graphs: list[NamedGraph]) -> str:
    return Writer().turtle([merged(graphs)])


def to_trig(graphs: list[NamedGraph]) -> str:
    return Writer().trig(graphs)


def to_ntriples(graphs: list[NamedGraph]) -> str:
    return ntriples(merged(graphs))


def to_nquads(graphs: list[NamedGraph]) -> str:
    return nquads(graphs)


def to_rdfxml(graphs: list[NamedGraph]) -> str:
    """RDF/XML for OWL tools: the graphs merged, each individual declared owl:NamedIndividual."""
    return rdfxml(with_individuals(canonical(merged(graphs))))


def with_individuals(graph: Graph) -> Graph:
    """`graph` plus `x a owl:NamedIndividual` for every IRI typed with a class of the ontology, which owlready2
    needs to list it among the individuals (Protégé shows them either way)."""
    individuals = {s for s, o in graph.subject_objects(RDF.type)
                   if isinstance(s, URIRef) and str(o).startswith(str(APK))}
    for individual in individuals:
        graph.add((individual, RDF.type, OWL.NamedIndividual))
    return graph


def to_jsonld(graphs: list[NamedGraph]) -> str:
    return jsonld(canonical(merged(graphs)))


WRITERS: dict[str, Callable[[list[NamedGraph]], str]] = {
    "turtle": to_turtle,
    "trig": to_trig,
    "nquads": to_nquads,
    "nt": to_ntriples,
    "jsonld": to_jsonld,
    "xml": to_rdfxml,
}
NETWORK_FORMATS = ("graphml", "gexf")
FORMATS = (*WRITERS, *NETWORK_FORMATS)


def export_ontology(ontology_dir: Path, fmt: str) -> str:
    """The ontology and its vocabularies alone, as one graph (`graph:ontology`) in an RDF format."""
    if fmt in NETWORK_FORMATS:
        raise KgError(f"--ontology-only writes RDF and {fmt} is the network of kg viz; choose another --format")
    return export_graphs([(ONTOLOGY_GRAPH, load_ontology(ontology_dir).graph)], fmt)


def export(trig: Path, fmt: str, contents: Contents = Contents()) -> str:
    """The dataset in `trig` as text in format `fmt` (one of FORMATS).

    GraphML and GEXF are the network of the HTML page (entities the articles mention, their
    Komwil and province), so `contents` does not apply to them.
    """
    if fmt in NETWORK_FORMATS:
        return network(trig, fmt)
    return export_dataset(read_dataset(trig), fmt, contents)


def network(trig: Path, fmt: str) -> str:
    """The network of the HTML page as GraphML or GEXF; its modules (networkx, the layout) load only here."""
    from kg.network_files import to_gexf, to_graphml

    return {"graphml": to_graphml, "gexf": to_gexf}[fmt](trig)


def export_dataset(dataset: Dataset, fmt: str, contents: Contents = Contents()) -> str:
    """The chosen graphs of `dataset` in an RDF format (every format of FORMATS but graphml)."""
    return export_graphs(selected_graphs(dataset, contents), fmt)


def export_graphs(graphs: list[NamedGraph], fmt: str) -> str:
    if fmt not in WRITERS:
        raise KgError(f"unknown RDF format '{fmt}'; use one of {', '.join(WRITERS)}")
    return WRITERS[fmt](graphs)
