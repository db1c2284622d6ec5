"""Cache entries pickle rdflib terms with their state and read them back interned (kg/pickling.py)."""

from __future__ import annotations

import pickle
import xml.dom.minidom

import pytest
from rdflib import RDF, Literal, URIRef

from kg.pickling import dumps

XSD = "http://www.w3.org/2001/XMLSchema#"
TERMS = [
    URIRef("https://w3id.org/apeksi-kg/id/kota-medan"),
    Literal("Kota Medan", lang="id"),
    Literal("Medan"),
    Literal("2019-10-19", datatype=URIRef(XSD + "date")),
    Literal("2019-10", datatype=URIRef(XSD + "gYearMonth")),
    Literal("2019", datatype=URIRef(XSD + "gYear")),
    Literal("17", datatype=URIRef(XSD + "integer")),
    Literal("1.50", datatype=URIRef(XSD + "decimal")),
    Literal("true", datatype=URIRef(XSD + "boolean")),
    Literal("19 Oktober", datatype=URIRef(XSD + "date")),
]


@pytest.mark.parametrize("term", TERMS, ids=lambda term: term.n3())
def test_a_term_reads_back_as_the_same_term(term: URIRef | Literal) -> None:
    back = pickle.loads(dumps(term))
    assert (type(back), back, hash(back), back.n3()) == (type(term), term, hash(term), term.n3())
    if isinstance(term, Literal):
        assert (back.value, back.language, back.datatype, back.ill_typed) == (
            term.value, term.language, term.datatype, term.ill_typed)
        assert back.eq(term)


def test_equal_terms_from_separate_entries_are_one_object() -> None:
    first = pickle.loads(dumps([(TERMS[0], RDF.type, TERMS[1])]))
    second = pickle.loads(dumps([(URIRef(str(TERMS[0])), URIRef(str(RDF.type)), Literal("Kota Medan", lang="id"))]))
    assert all(a is b for a, b in zip(first[0], second[0], strict=True))


def test_a_literal_whose_value_is_not_plain_data_is_rebuilt_by_rdflib() -> None:
    term = Literal("<b>Medan</b>", datatype=RDF.XMLLiteral)
    assert isinstance(term.value, xml.dom.minidom.Document)
    entry = dumps(term)
    assert b"rdflib.term" in entry
    back = pickle.loads(entry)
    assert back == term and back.value.toxml() == term.value.toxml()
