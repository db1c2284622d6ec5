"""Deterministic Turtle and TriG: the same graphs give the same bytes, whatever the run.

Subjects, predicates and objects are sorted, prefixes are fixed, and blank
nodes (only the ontology has them) get canonical labels. Each graph becomes one
block of text, so a file is the concatenation of its graphs' blocks; in TriG the
blocks are not indented, since indenting would change multi-line literals.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, NamespaceManager
from rdflib.term import Node

from kg.namespaces import PREFIXES, prefixed

LOCAL_NAME = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
INDENT = "    "


def canonical(graph: Graph) -> Graph:
    """`graph` with blank node labels that depend only on its content (itself when it has none)."""
    if not any(isinstance(node, BNode) for triple in graph for node in triple):
        return graph
    result = Graph()
    result += to_canonical_graph(graph)
    return result


class Writer:
    """Writes graphs as Turtle with the project's prefixes."""

    def __init__(self) -> None:
        self.manager = NamespaceManager(Graph(), bind_namespaces="none")
        for prefix, namespace in PREFIXES.items():
            self.manager.bind(prefix, namespace, override=True, replace=True)
        self.header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items())) + "\n"
        self.terms: dict[Node, str] = {}
        self.type = self.term(RDF.type)

    def term(self, node: Node) -> str:
        text = self.terms.get(node)
        if text is None:
            text = self.terms[node] = self._format(node)
        return text

    def _format(self, node: Node) -> str:
        if isinstance(node, URIRef):
            found = prefixed(node)
            return f"{found[0]}:{found[1]}" if found and LOCAL_NAME.fullmatch(found[1]) else node.n3()
        if isinstance(node, Literal):
            return node.n3(self.manager)
        return node.n3()

    def block(self, graph: Graph) -> str:
        """The statements of `graph`, grouped by subject and sorted."""
        return self.block_of(canonical(graph))

    def block_of(self, triples: Iterable[tuple[Node, Node, Node]]) -> str:
        """The block of a set of statements without blank nodes (a graph's, without building the graph)."""
        return "\n".join(self.parts_of(triples))

    def parts_of(self, triples: Iterable[tuple[Node, Node, Node]]) -> list[str]:
        """A block's parts, one per subject in order: its statements about that subject."""
        subjects: dict[str, dict[str, list[str]]] = {}
        term, rdf_type = self.term, self.type
        for s, p, o in triples:
            predicate = term(p)
            subjects.setdefault(term(s), {}).setdefault("a" if predicate == rdf_type else predicate, []).append(term(o))
        parts = []
        for subject in sorted(subjects):
            predicates = subjects[subject]
            lines = [
                f"{INDENT}{predicate} {' , '.join(sorted(predicates[predicate]))}"
                for predicate in sorted(predicates, key=lambda p: (p != "a", p))
            ]
            parts.append(f"{subject}\n" + " ;\n".join(lines) + " .\n")
        return parts

    def turtle(self, graphs: Iterable[Graph]) -> str:
        """Turtle of all the graphs merged (each graph's block in turn)."""
        return self.turtle_of_blocks(self.block(g) for g in graphs if len(g))

    def trig(self, graphs: Iterable[tuple[URIRef, Graph]]) -> str:
        """TriG with one block per named graph."""
        return self.trig_of_blocks((name, self.block(g)) for name, g in graphs)

    def turtle_of_blocks(self, blocks: Iterable[str]) -> str:
        return self.header + "\n".join(block for block in blocks if block)

    def trig_of_blocks(self, blocks: Iterable[tuple[URIRef, str]]) -> str:
        """TriG from blocks already written, so that a graph is written once for both files."""
        return self.header + "\n".join(f"{self.term(name)} {{\n\n{block}\n}}\n" for name, block in blocks)
