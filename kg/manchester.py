"""OWL class expressions written out in Manchester syntax, the notation Protégé shows.

`Person and (holdsPosition some (role value mayor and positionIn some City))` reads
better than the blank nodes the expression is made of in RDF; names are the terms'
local names (or compact IRIs outside this ontology).
"""

from __future__ import annotations

from collections.abc import Callable

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from kg.namespaces import APK, APV, local_name, prefixed

RESTRICTIONS = (
    (OWL.someValuesFrom, "some"),
    (OWL.allValuesFrom, "only"),
    (OWL.hasValue, "value"),
)
CARDINALITIES = (
    (OWL.minCardinality, "min"), (OWL.maxCardinality, "max"), (OWL.cardinality, "exactly"),
    (OWL.minQualifiedCardinality, "min"), (OWL.maxQualifiedCardinality, "max"),
    (OWL.qualifiedCardinality, "exactly"),
)
OPERATORS = ((OWL.intersectionOf, "and"), (OWL.unionOf, "or"))
Namer = Callable[[Node], str]


def name(term: Node) -> str:
    """How a named term is written: local name for ours, prefix:name for others, <IRI> failing both."""
    if isinstance(term, Literal):
        return term.n3()
    if str(term).startswith((str(APK), str(APV))):
        return local_name(term)
    found = prefixed(str(term))
    return f"{found[0]}:{found[1]}" if found else f"<{term}>"


def manchester(graph: Graph, node: Node, named: Namer = name) -> str:
    """The class expression at `node` in Manchester syntax; `named` writes each named term."""
    if not isinstance(node, BNode):
        return named(node)
    for predicate, word in OPERATORS:
        members = graph.value(node, predicate)
        if members is not None:
            parts = [_member(graph, member, named) for member in Collection(graph, members)]
            return f" {word} ".join(sorted(parts) if predicate == OWL.unionOf else parts)
    complement = graph.value(node, OWL.complementOf)
    if complement is not None:
        return f"not {_operand(graph, complement, named)}"
    one_of = graph.value(node, OWL.oneOf)
    if one_of is not None:
        return "{" + ", ".join(named(member) for member in Collection(graph, one_of)) + "}"
    if (node, RDF.type, OWL.Restriction) in graph:
        return _restriction(graph, node, named)
    return "owl:Thing"


def _operand(graph: Graph, node: Node, named: Namer) -> str:
    """A filler or a negated class: in brackets unless it is one name or an enumeration."""
    text = manchester(graph, node, named)
    return f"({text})" if isinstance(node, BNode) and " " in text and not text.startswith("{") else text


def _member(graph: Graph, node: Node, named: Namer) -> str:
    """A member of an intersection or union: in brackets when it is itself an intersection or union
    (restrictions bind more tightly than `and` and `or`)."""
    text = manchester(graph, node, named)
    compound = isinstance(node, BNode) and any(graph.value(node, p) is not None for p, _ in OPERATORS)
    return f"({text})" if compound else text


def _restriction(graph: Graph, node: BNode, named: Namer) -> str:
    on = named(graph.value(node, OWL.onProperty))
    for predicate, word in RESTRICTIONS:
        filler = graph.value(node, predicate)
        if filler is not None:
            return f"{on} {word} {named(filler) if predicate == OWL.hasValue else _operand(graph, filler, named)}"
    for predicate, word in CARDINALITIES:
        count = graph.value(node, predicate)
        if count is not None:
            qualifier = graph.value(node, OWL.onClass)
            suffix = f" {_operand(graph, qualifier, named)}" if qualifier is not None else ""
            return f"{on} {word} {count}{suffix}"
    return f"{on} some owl:Thing"


def expression_nodes(graph: Graph, node: Node) -> set[Node]:
    """The blank nodes an expression is made of, its list cells included."""
    found: set[Node] = set()
    pending = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, BNode) and current not in found:
            found.add(current)
            pending.extend(graph.objects(current, None))
    return found


def write_out_expressions(graph: Graph, named: Namer = name) -> Graph:
    """`graph` with each class expression that a named class is equivalent to or a subclass of replaced
    by its Manchester text, a literal, so that documentation tools show it instead of blank node ids."""
    for predicate in (OWL.equivalentClass, RDFS.subClassOf):
        for subject, node in list(graph.subject_objects(predicate)):
            if isinstance(subject, URIRef) and isinstance(node, BNode):
                text = manchester(graph, node, named)
                for part in expression_nodes(graph, node):
                    graph.remove((part, None, None))
                graph.remove((subject, predicate, node))
                graph.add((subject, predicate, Literal(text)))
    return graph

