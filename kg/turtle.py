"""Deterministic Turtle and TriG: the same graphs give the same bytes, whatever the run.

Subjects, predicates and objects are sorted, prefixes are fixed, and blank
nodes (only the ontology has them) get canonical labels. Each graph becomes one
block of text, so a file is the concatenation of its graphs' blocks.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import RDF, NamespaceManager
from rdflib.term import Node

from kg.namespaces import PREFIXES

LOCAL_NAME = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
INDENT = "    "


class Writer:
    """Writes graphs as Turtle with the project's prefixes."""

    def __init__(self, prefixes: dict[str, str] = PREFIXES) -> None:
        self.prefixes = sorted(prefixes.items(), key=lambda item: -len(item[1]))
        self.manager = NamespaceManager(Graph(), bind_namespaces="none")
        for prefix, namespace in prefixes.items():
            self.manager.bind(prefix, namespace, override=True, replace=True)
        self.header = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(prefixes.items())) + "\n"

    def term(self, node: Node) -> str:
        if isinstance(node, URIRef):
            for prefix, namespace in self.prefixes:
                if node.startswith(namespace) and LOCAL_NAME.fullmatch(node[len(namespace):]):
                    return f"{prefix}:{node[len(namespace):]}"
            return node.n3()
        if isinstance(node, Literal):
            return node.n3(self.manager)
        return node.n3()

    def block(self, graph: Graph, indent: str = "") -> str:
        """The statements of `graph`, grouped by subject and sorted."""
        if any(isinstance(n, BNode) for triple in graph for n in triple):
            graph = to_canonical_graph(graph)
        subjects: dict[str, dict[str, list[str]]] = {}
        for s, p, o in graph:
            predicate = "a" if p == RDF.type else self.term(p)
            subjects.setdefault(self.term(s), {}).setdefault(predicate, []).append(self.term(o))
        parts = []
        for subject in sorted(subjects):
            predicates = subjects[subject]
            lines = [
                f"{indent}{INDENT}{predicate} {' , '.join(sorted(predicates[predicate]))}"
                for predicate in sorted(predicates, key=lambda p: (p != "a", p))
            ]
            parts.append(f"{indent}{subject}\n" + " ;\n".join(lines) + " .\n")
        return "\n".join(parts)

    def turtle(self, graphs: Iterable[Graph]) -> str:
        """Turtle of all the graphs merged (each graph's block in turn)."""
        return self.header + "\n".join(self.block(g) for g in graphs if len(g))

    def trig(self, graphs: Iterable[tuple[URIRef, Graph]]) -> str:
        """TriG with one block per named graph."""
        blocks = [f"{self.term(name)} {{\n{self.block(g, INDENT)}}}\n" for name, g in graphs]
        return self.header + "\n".join(blocks)
