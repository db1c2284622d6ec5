"""`kg export`: the built dataset in the formats other tools read, byte for byte the same on every run.

What goes in is chosen by graph: the facts the articles state are always
exported; the inferred statements, the ontology and the reference data can be
left out. Formats without named graphs (Turtle, N-Triples, JSON-LD, RDF/XML)
get the chosen graphs merged (Turtle as one graph's block after the other);
TriG and N-Quads keep one named graph each.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, RDF
from rdflib.term import Node

from kg.built_dataset import read_dataset
from kg.errors import KgError
from kg.namespaces import APK, INFERRED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH, RESOLVED_GRAPH
from kg.ntriples import text_of_lines
from kg.ontology import load_ontology
from kg.sections import GraphTexts, Parsed, built_slices, graph_order
from kg.serialise import jsonld, rdfxml
from kg.turtle import canonical

NamedGraph = tuple[URIRef, Graph]
CHUNK = 10_000


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
    graphs = [
        (URIRef(graph.identifier), graph) for graph in dataset.graphs()
        if isinstance(graph.identifier, URIRef) and len(graph) and contents.includes(URIRef(graph.identifier))
    ]
    return sorted(graphs, key=lambda item: graph_order(item[0]))


def merged(graphs: Iterable[NamedGraph]) -> Graph:
    """One graph with the statements of all of them."""
    union = Graph()
    for _, graph in graphs:
        union += graph
    return union


def sorted_triples(graph: Graph) -> list[tuple[Node, Node, Node]]:
    return sorted(graph, key=lambda triple: tuple(node.n3() for node in triple))


def write_joined(sink: BinaryIO, header: bytes, parts: Iterable[bytes]) -> None:
    """`header`, then the parts with an empty line between each two."""
    sink.write(header)
    for index, part in enumerate(parts):
        sink.write(b"\n" if index else b"")
        sink.write(part)


def write_turtle(texts: GraphTexts, names: list[URIRef], sink: BinaryIO) -> None:
    """The graphs' blocks one after the other, as kg.ttl is written (a statement two graphs hold comes twice)."""
    write_joined(sink, texts.header, (texts.block(name) for name in names))


def write_trig(texts: GraphTexts, names: list[URIRef], sink: BinaryIO) -> None:
    write_joined(sink, texts.header, (texts.section(name) for name in names))


def write_ntriples(texts: GraphTexts, names: list[URIRef], sink: BinaryIO) -> None:
    """The distinct statements of all the graphs, sorted."""
    lines: set[bytes] = set()
    for name in names:
        lines.update(texts.lines(name, quads=False))
    write_lines(sink, sorted(lines))


def write_nquads(texts: GraphTexts, names: list[URIRef], sink: BinaryIO) -> None:
    """Each graph's statements sorted, the graphs in the order given."""
    for name in names:
        write_lines(sink, texts.lines(name, quads=True))


def write_lines(sink: BinaryIO, lines: list[bytes]) -> None:
    for start in range(0, len(lines), CHUNK):
        sink.write(text_of_lines(lines[start:start + CHUNK]))


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


STREAMED: dict[str, Callable[[GraphTexts, list[URIRef], BinaryIO], None]] = {
    "turtle": write_turtle,
    "trig": write_trig,
    "nquads": write_nquads,
    "nt": write_ntriples,
}
MERGED: dict[str, Callable[[list[NamedGraph]], str]] = {"jsonld": to_jsonld, "xml": to_rdfxml}
NETWORK_FORMATS = ("graphml", "gexf")
RDF_FORMATS = (*STREAMED, *MERGED)
FORMATS = (*RDF_FORMATS, *NETWORK_FORMATS)


def export_ontology(ontology_dir: Path, fmt: str) -> str:
    """The ontology and its vocabularies alone, as one graph (`graph:ontology`) in an RDF format."""
    if fmt in NETWORK_FORMATS:
        raise KgError(f"--ontology-only writes RDF and {fmt} is the network of kg viz; choose another --format")
    return export_graphs([(ONTOLOGY_GRAPH, load_ontology(ontology_dir).graph)], fmt)


def write_export(trig: Path, fmt: str, contents: Contents, sink: BinaryIO) -> None:
    """Write the dataset in `trig` to `sink` in format `fmt` (one of FORMATS).

    Turtle, TriG, N-Triples and N-Quads are written one graph at a time from the graphs' texts (see
    `built_texts`). GraphML and GEXF are the network of the HTML page (entities the articles mention, their
    Komwil and province), so `contents` does not apply to them.
    """
    if fmt in NETWORK_FORMATS:
        sink.write(network(trig, fmt).encode("utf-8"))
    elif fmt in STREAMED:
        with built_texts(trig) as texts:
            STREAMED[fmt](texts, [name for name in texts.names() if contents.includes(name)], sink)
    else:
        write_graphs(selected_graphs(read_dataset(trig), contents), fmt, sink)


def network(trig: Path, fmt: str) -> str:
    """The network of the HTML page as GraphML or GEXF; its modules (networkx, the layout) load only here."""
    from kg.network_files import to_gexf, to_graphml

    return {"graphml": to_graphml, "gexf": to_gexf}[fmt](trig)


@contextlib.contextmanager
def built_texts(trig: Path) -> Iterator[GraphTexts]:
    """The texts of the graphs in `trig`: slices of it when the manifest describes it, else written again from
    the graphs rdflib parses (the same bytes, much slower)."""
    with built_slices(trig) as slices:
        yield slices if slices is not None else Parsed(selected_graphs(read_dataset(trig), Contents()))


def export(trig: Path, fmt: str, contents: Contents = Contents()) -> str:
    """The dataset in `trig` as text in format `fmt`."""
    sink = io.BytesIO()
    write_export(trig, fmt, contents, sink)
    return sink.getvalue().decode("utf-8")


def export_dataset(dataset: Dataset, fmt: str, contents: Contents = Contents()) -> str:
    """The chosen graphs of `dataset` in an RDF format (every format of FORMATS but graphml)."""
    return export_graphs(selected_graphs(dataset, contents), fmt)


def export_graphs(graphs: list[NamedGraph], fmt: str) -> str:
    sink = io.BytesIO()
    write_graphs(graphs, fmt, sink)
    return sink.getvalue().decode("utf-8")


def write_graphs(graphs: list[NamedGraph], fmt: str, sink: BinaryIO) -> None:
    if fmt in STREAMED:
        texts = Parsed(graphs)
        STREAMED[fmt](texts, texts.names(), sink)
    elif fmt in MERGED:
        sink.write(MERGED[fmt](graphs).encode("utf-8"))
    else:
        raise KgError(f"unknown RDF format '{fmt}'; use one of {', '.join(RDF_FORMATS)}")
