"""Checks across all sources that the reasoner would only report as "inconsistent".

One identifier must name one thing: the same type and preferred name wherever
it is declared, no two disjoint classes (asserted, or implied by the domain
and range of a property), and one value for a functional property. Each
error names both places.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from rdflib import URIRef
from rdflib.namespace import OWL, RDF

from kg.errors import KgError
from kg.model import Fact, Where
from kg.namespaces import entity_id, local_name
from kg.ontology import Ontology

TYPED = object()
"""What `rdf:type` implies in `check_types`: the object is the class."""


def check_types(facts: Iterable[Fact], ontology: Ontology) -> None:
    """Fail on a node given two disjoint classes, naming where each class came from.

    Facts come in source order (reference data first), so "here" is the later source.
    """
    claims: dict[URIRef, dict[URIRef, Where]] = {}
    implied = cache(lambda p: TYPED if p == RDF.type else
                    (ontology.domain(p), ontology.range(p)) if ontology.is_object_property(p) else None)
    disjoint = cache(ontology.disjoint)
    for fact in facts:
        s, p, o = fact.triple
        if (classes := implied(p)) is TYPED:
            claims.setdefault(s, {}).setdefault(o, fact.where)
        elif classes is not None:
            for node, cls in zip((s, o), classes, strict=True):
                if cls is not None:
                    claims.setdefault(node, {}).setdefault(cls, fact.where)
    for node, classes in claims.items():
        items = list(classes.items())
        for i, (first, first_where) in enumerate(items):
            for second, second_where in items[i + 1:]:
                if disjoint(first, second):
                    a, b = local_name(first), local_name(second)
                    raise _error(second_where, f"{entity_id(node)} is typed {a} in {first_where} and {b} "
                                 f"here ({second_where.field}); {a} and {b} are disjoint")


def check_functional(facts: Iterable[Fact], ontology: Ontology) -> None:
    """Fail on two different values of a functional property, such as two provinces for one city."""
    functional = set(ontology.graph.subjects(RDF.type, OWL.FunctionalProperty))
    seen: dict[tuple[URIRef, URIRef], Fact] = {}
    for fact in facts:
        s, p, o = fact.triple
        if p not in functional:
            continue
        earlier = seen.setdefault((s, p), fact)
        if earlier.triple[2] != o:
            name = ontology.label(p)
            raise _error(fact.where, f"{entity_id(s)} has {name} {entity_id(earlier.triple[2])} in "
                         f"{earlier.where} and {entity_id(o)} here; '{name}' takes one value")


def _error(where: Where, message: str) -> KgError:
    return KgError(message, where.file, where.line, where.field or None)
