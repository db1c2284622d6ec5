"""`kg export`: the built dataset in the formats other tools read, byte for byte the same on every run.

What goes in is chosen by graph: the facts the articles state are always
exported; the inferred statements, the ontology and the reference data can be
left out. Formats without named graphs (Turtle, N-Triples, JSON-LD, RDF/XML)
get the chosen graphs merged; TriG and N-Quads keep one named graph each.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

from kg.errors import KgError
from kg.freshness import read_dataset
from kg.namespaces import APK, INFERRED_GRAPH, ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH, local_name, prefixed
from kg.network_files import to_gexf, to_graphml
from kg.ontology import load_ontology
from kg.turtle import Writer, canonical

NamedGraph = tuple[URIRef, Graph]


@dataclass(frozen=True)
class Contents:
    """Which graphs besides the articles' own go into an export."""

    inferred: bool = True
    ontology: bool = True
    reference: bool = True

    def includes(self, name: URIRef) -> bool:
        optional = {INFERRED_GRAPH: self.inferred, ONTOLOGY_GRAPH: self.ontology, REFERENCE_GRAPH: self.reference}
        return optional.get(name, True)


def selected_graphs(dataset: Dataset, contents: Contents) -> list[NamedGraph]:
    """The non-empty named graphs `contents` asks for: ontology, reference, articles, inferred."""
    rank = {ONTOLOGY_GRAPH: 0, REFERENCE_GRAPH: 1, INFERRED_GRAPH: 3}
    graphs = [
        (URIRef(graph.identifier), graph) for graph in dataset.graphs()
        if isinstance(graph.identifier, URIRef) and len(graph) and contents.includes(URIRef(graph.identifier))
    ]
    return sorted(graphs, key=lambda item: (rank.get(item[0], 2), str(item[0])))


def merged(graphs: Iterable[NamedGraph]) -> Graph:
    """One graph with the statements of all of them."""
    union = Graph()
    for _, graph in graphs:
        union += graph
    return union


def sorted_triples(graph: Graph) -> list[tuple[Node, Node, Node]]:
    return sorted(graph, key=lambda triple: tuple(node.n3() for node in triple))


def ntriples_lines(graph: Graph) -> list[str]:
    """Sorted N-Triples lines, each ending with ' .'."""
    text = canonical(graph).serialize(format="nt", encoding="utf-8").decode("utf-8")
    return sorted(line for line in text.splitlines() if line.strip())


def to_turtle(graphs: list[NamedGraph]) -> str:
    return Writer().turtle([merged(graphs)])


def to_trig(graphs: list[NamedGraph]) -> str:
    return Writer().trig(graphs)


def to_ntriples(graphs: list[NamedGraph]) -> str:
    return "".join(f"{line}\n" for line in ntriples_lines(merged(graphs)))


def to_nquads(graphs: list[NamedGraph]) -> str:
    lines = [
        f"{line.removesuffix('.').rstrip()} {name.n3()} .\n"
        for name, graph in graphs for line in ntriples_lines(graph)
    ]
    return "".join(lines)


def to_rdfxml(graphs: list[NamedGraph]) -> str:
    """RDF/XML for OWL tools: the graphs merged, each individual declared owl:NamedIndividual."""
    return RdfXmlWriter(with_individuals(canonical(merged(graphs)))).text()


def with_individuals(graph: Graph) -> Graph:
    """`graph` plus `x a owl:NamedIndividual` for every IRI typed with a class of the ontology, which owlready2
    needs to list it among the individuals (Protégé shows them either way)."""
    individuals = {s for s, o in graph.subject_objects(RDF.type)
                   if isinstance(s, URIRef) and str(o).startswith(str(APK))}
    for individual in individuals:
        graph.add((individual, RDF.type, OWL.NamedIndividual))
    return graph


def to_jsonld(graphs: list[NamedGraph]) -> str:
    return JsonLdWriter(canonical(merged(graphs))).text()


WRITERS: dict[str, Callable[[list[NamedGraph]], str]] = {
    "turtle": to_turtle,
    "trig": to_trig,
    "nquads": to_nquads,
    "nt": to_ntriples,
    "jsonld": to_jsonld,
    "xml": to_rdfxml,
}
NETWORK_WRITERS: dict[str, Callable[[Path], str]] = {"graphml": to_graphml, "gexf": to_gexf}
FORMATS = (*WRITERS, *NETWORK_WRITERS)


def export_ontology(ontology_dir: Path, fmt: str) -> str:
    """The ontology and its vocabularies alone, as one graph (`graph:ontology`) in an RDF format."""
    if fmt in NETWORK_WRITERS:
        raise KgError(f"--ontology-only writes RDF and {fmt} is the network of kg viz; choose another --format")
    return export_graphs([(ONTOLOGY_GRAPH, load_ontology(ontology_dir).graph)], fmt)


def export(trig: Path, fmt: str, contents: Contents = Contents()) -> str:
    """The dataset in `trig` as text in format `fmt` (one of FORMATS).

    GraphML and GEXF are the network of the HTML page (entities the articles mention, their
    Komwil and province), so `contents` does not apply to them.
    """
    if fmt in NETWORK_WRITERS:
        return NETWORK_WRITERS[fmt](trig)
    return export_dataset(read_dataset(trig), fmt, contents)


def export_dataset(dataset: Dataset, fmt: str, contents: Contents = Contents()) -> str:
    """The chosen graphs of `dataset` in an RDF format (every format of FORMATS but graphml)."""
    return export_graphs(selected_graphs(dataset, contents), fmt)


def export_graphs(graphs: list[NamedGraph], fmt: str) -> str:
    if fmt not in WRITERS:
        raise KgError(f"unknown RDF format '{fmt}'; use one of {', '.join(WRITERS)}")
    return WRITERS[fmt](graphs)


class JsonLdWriter:
    """JSON-LD whose context turns properties and classes into words ("label", "mayorOf", "City").

    Each subject is one node object; nodes, keys and values are sorted. Where two
    vocabularies share a word, the project ontology's term gets the word and the
    other keeps its compact IRI (for example "schema:startDate").
    """

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.words = self._words()
        self.links = self._link_properties() & set(self.words)

    def text(self) -> str:
        document = {"@context": self.context(), "@graph": self.nodes()}
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"

    def context(self) -> dict[str, object]:
        context: dict[str, object] = dict(sorted(PREFIXES.items()))
        for iri, word in sorted(self.words.items(), key=lambda item: item[1]):
            context[word] = {"@id": self.curie(iri), "@type": "@id"} if iri in self.links else self.curie(iri)
        return context

    def nodes(self) -> list[dict[str, object]]:
        subjects: dict[Node, dict[str, list[object]]] = {}
        for s, p, o in self.graph:
            key, value = ("@type", self.word(o)) if p == RDF.type else (self.word(p), self.value(p, o))
            subjects.setdefault(s, {}).setdefault(key, []).append(value)
        nodes = [self.node(subject, values) for subject, values in subjects.items()]
        return sorted(nodes, key=lambda node: str(node["@id"]))

    def node(self, subject: Node, values: dict[str, list[object]]) -> dict[str, object]:
        node: dict[str, object] = {"@id": self.identifier(subject)}
        for key in sorted(values, key=lambda k: (k != "@type", k)):
            items = sorted(values[key], key=lambda item: json.dumps(item, ensure_ascii=False, sort_keys=True))
            node[key] = items[0] if len(items) == 1 else items
        return node

    def value(self, predicate: Node, obj: Node) -> object:
        if isinstance(obj, Literal):
            if obj.language:
                return {"@value": str(obj), "@language": obj.language}
            if obj.datatype is not None:
                return {"@value": str(obj), "@type": self.curie(obj.datatype)}
            return str(obj)
        if predicate in self.links:
            return self.identifier(obj)
        return {"@id": self.identifier(obj)}

    def identifier(self, node: Node) -> str:
        return f"_:{node}" if isinstance(node, BNode) else self.curie(node)

    def word(self, iri: Node) -> str:
        return self.words.get(iri) or self.identifier(iri)

    @staticmethod
    def curie(iri: Node) -> str:
        found = prefixed(str(iri))
        return f"{found[0]}:{found[1]}" if found and not found[1].startswith("//") else str(iri)

    def _link_properties(self) -> set[Node]:
        """Properties whose values are all IRIs or blank nodes: their terms make values plain strings."""
        literal = {p for _, p, o in self.graph if isinstance(o, Literal)}
        return {p for p in self.graph.predicates(unique=True) if p not in literal}

    def _words(self) -> dict[Node, str]:
        terms = {p for p in self.graph.predicates(unique=True) if p != RDF.type}
        terms |= set(self.graph.objects(None, RDF.type, unique=True))
        by_word: dict[str, list[Node]] = {}
        for iri in terms:
            if isinstance(iri, URIRef):
                by_word.setdefault(local_name(iri), []).append(iri)
        words: dict[Node, str] = {}
        for word, iris in by_word.items():
            if not word.isidentifier() or word in PREFIXES:
                continue
            owner = iris[0] if len(iris) == 1 else next((i for i in iris if i.startswith(str(APK))), None)
            if owner is not None:
                words[owner] = word
        return words


NCNAME_END = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*$")


class RdfXmlWriter:
    """Flat RDF/XML: one rdf:Description per subject, subjects and properties sorted."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.namespaces = {namespace: prefix for prefix, namespace in PREFIXES.items()}

    def text(self) -> str:
        subjects: dict[Node, list[tuple[str, Node]]] = {}
        for s, p, o in sorted_triples(self.graph):
            subjects.setdefault(s, []).append((self.element(p), o))
        body = "".join(self.description(s, pairs) for s, pairs in subjects.items())
        declarations = "".join(
            f"\n   xmlns:{prefix}={quoteattr(namespace)}" for namespace, prefix in sorted(
                self.namespaces.items(), key=lambda item: item[1])
        )
        return f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{declarations}>\n{body}</rdf:RDF>\n'

    def element(self, predicate: Node) -> str:
        """The qualified element name of a property, declaring a new prefix when none fits."""
        match = NCNAME_END.search(predicate)
        if match is None or match.start() == 0:
            raise KgError(f"the property <{predicate}> cannot be written as RDF/XML; export another format")
        namespace, name = predicate[:match.start()], match.group()
        if namespace not in self.namespaces:
            self.namespaces[namespace] = f"ns{len(self.namespaces) - len(PREFIXES) + 1}"
        return f"{self.namespaces[namespace]}:{name}"

    def description(self, subject: Node, pairs: list[tuple[str, Node]]) -> str:
        about = f"rdf:nodeID={quoteattr(str(subject))}" if isinstance(subject, BNode) else \
            f"rdf:about={quoteattr(str(subject))}"
        lines = "".join(f"    {self.property(element, obj)}\n" for element, obj in pairs)
        return f"  <rdf:Description {about}>\n{lines}  </rdf:Description>\n"

    @staticmethod
    def property(element: str, obj: Node) -> str:
        if isinstance(obj, BNode):
            return f"<{element} rdf:nodeID={quoteattr(str(obj))}/>"
        if isinstance(obj, URIRef):
            return f"<{element} rdf:resource={quoteattr(str(obj))}/>"
        assert isinstance(obj, Literal)
        attribute = ""
        if obj.language:
            attribute = f" xml:lang={quoteattr(obj.language)}"
        elif obj.datatype is not None:
            attribute = f" rdf:datatype={quoteattr(str(obj.datatype))}"
        return f"<{element}{attribute}>{escape(str(obj))}</{element}>"
