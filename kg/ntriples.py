"""N-Triples and N-Quads written by Oxigraph's serialiser, lines sorted for stable bytes.

The serialiser escapes what the formats require; the lines are then split on
"\\n" alone, the one line break N-Triples knows (text may hold U+2028, U+0085 or
a form feed, which `str.splitlines` would also split on).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.turtle import canonical

NamedGraph = tuple[URIRef, Graph]


def ox_term(node: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """The pyoxigraph term of an rdflib term."""
    if isinstance(node, URIRef):
        return ox.NamedNode(str(node))
    if isinstance(node, BNode):
        return ox.BlankNode(str(node))
    assert isinstance(node, Literal), node
    if node.language:
        return ox.Literal(str(node), language=node.language)
    if node.datatype is not None:
        return ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
    return ox.Literal(str(node))


def _sorted_lines(serialised: bytes) -> str:
    lines = sorted(line for line in serialised.decode("utf-8").split("\n") if line)
    return "".join(f"{line}\n" for line in lines)


def ntriples(graph: Graph) -> str:
    """The graph as sorted N-Triples (blank nodes labelled canonically)."""
    triples = (ox.Triple(ox_term(s), ox_term(p), ox_term(o)) for s, p, o in canonical(graph))
    return _sorted_lines(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))


def nquads(graphs: Iterable[NamedGraph]) -> str:
    """The named graphs as N-Quads, each graph's lines sorted, graphs in the order given."""
    parts = []
    for name, graph in graphs:
        quads = (ox.Quad(ox_term(s), ox_term(p), ox_term(o), ox.NamedNode(str(name))) for s, p, o in canonical(graph))
        parts.append(_sorted_lines(ox.serialize(quads, format=ox.RdfFormat.N_QUADS)))
    return "".join(parts)
