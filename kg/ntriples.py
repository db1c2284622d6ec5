"""N-Triples and N-Quads written by Oxigraph's serialiser, lines sorted for stable bytes.

The serialiser escapes what the formats require; the lines are then split on
"\\n" alone, the one line break N-Triples knows (text may hold U+2028, U+0085 or
a form feed, which `str.splitlines` would also split on). Lines are sorted as
UTF-8 bytes, which is the order of their characters' code points.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from kg.turtle import canonical


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


def sorted_lines(statements: Iterable[ox.Triple | ox.Quad], fmt: ox.RdfFormat) -> list[bytes]:
    """The distinct lines Oxigraph writes for `statements` in `fmt` (N-Triples or N-Quads), sorted."""
    return sorted({line for line in ox.serialize(statements, format=fmt).split(b"\n") if line})


def graph_lines(graph: Graph, name: URIRef | None = None) -> list[bytes]:
    """The graph's sorted N-Triples lines (blank nodes labelled canonically), or N-Quads lines in graph `name`."""
    triples = ((ox_term(s), ox_term(p), ox_term(o)) for s, p, o in canonical(graph))
    if name is None:
        return sorted_lines((ox.Triple(*triple) for triple in triples), ox.RdfFormat.N_TRIPLES)
    graph_name = ox.NamedNode(str(name))
    return sorted_lines((ox.Quad(*triple, graph_name) for triple in triples), ox.RdfFormat.N_QUADS)


def text_of_lines(lines: Iterable[bytes]) -> bytes:
    return b"".join(line + b"\n" for line in lines)


def ntriples(graph: Graph) -> str:
    """The graph as sorted N-Triples (blank nodes labelled canonically)."""
    return text_of_lines(graph_lines(graph)).decode("utf-8")
