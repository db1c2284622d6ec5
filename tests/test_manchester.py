"""Class expressions in Manchester syntax, as Protégé writes them."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.namespace import OWL

from kg.manchester import manchester, write_out_expressions
from kg.namespaces import APK
from tests.sparql import PROLOGUE

EXPRESSIONS = {
    "[ owl:complementOf apk:City ]": "not City",
    "[ owl:oneOf ( apv:mayor apv:chair ) ]": "{mayor, chair}",
    "[ a owl:Restriction ; owl:onProperty apk:holder ; owl:allValuesFrom apk:Person ]": "holder only Person",
    "[ a owl:Restriction ; owl:onProperty apk:holder ; owl:maxCardinality 1 ]": "holder max 1",
    "[ a owl:Restriction ; owl:onProperty apk:holder ; owl:qualifiedCardinality 1 ; owl:onClass apk:Person ]":
        "holder exactly 1 Person",
    "[ owl:intersectionOf ( apk:Person [ owl:unionOf ( apk:City schema:Place ) ] ) ]":
        "Person and (City or schema:Place)",
    "[ a owl:Restriction ; owl:onProperty apk:holder ; owl:someValuesFrom [ owl:complementOf apk:City ] ]":
        "holder some (not City)",
}


def parsed(expression: str) -> Graph:
    return Graph().parse(data=f"{PROLOGUE}apk:Mayor owl:equivalentClass {expression} .", format="turtle")


@pytest.mark.parametrize(("expression", "written"), EXPRESSIONS.items())
def test_expressions(expression: str, written: str) -> None:
    graph = parsed(expression)
    assert manchester(graph, graph.value(APK.Mayor, OWL.equivalentClass)) == written


def test_written_out_expressions_leave_no_blank_node() -> None:
    graph = write_out_expressions(parsed(next(iter(EXPRESSIONS))))
    assert [str(o) for o in graph.objects(APK.Mayor, OWL.equivalentClass)] == ["not City"]
    assert len(graph) == 1
