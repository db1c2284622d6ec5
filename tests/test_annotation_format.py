"""The format's description names only what exists: the ontology's properties and classes, vocab.ttl's schemes,
and fields whose values the schema and the README know how to describe."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib.namespace import OWL, RDF

from kg.annotation_format import expand, sections
from kg.format_reference import VALUES
from kg.namespaces import APK
from kg.ontology import load_ontology

ROOT = Path(__file__).resolve().parent.parent
FIELDS = [(s.name, f) for s in sections().values() for f in s.fields]
KINDS = {"reference", "concept", "choice", *VALUES}


@pytest.fixture(scope="module")
def ontology():
    return load_ontology(ROOT / "ontology")


@pytest.mark.parametrize("section, field", FIELDS, ids=lambda x: getattr(x, "name", x))
def test_each_field_maps_to_what_the_ontology_declares(ontology, section: str, field) -> None:
    assert field.value in KINDS
    if field.property is not None and str(field.property).startswith(str(APK)):
        declared = set(ontology.graph.objects(field.property, RDF.type))
        assert declared & {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}, field.rdf
        assert field.value != "reference" or ontology.is_object_property(field.property), field.rdf
    if field.value == "concept":
        assert ontology.concepts.get(field.vocabulary), field.vocabulary


def test_each_section_class_and_relation_is_declared(ontology) -> None:
    classes = [expand(s.rdf) for s in sections().values() if s.rdf]
    assert all((c, RDF.type, OWL.Class) in ontology.graph for c in classes)
    relations = [expand(curie) for _, curie in sections()["relations"].field("relation").choice_rdf]
    assert relations and all(ontology.is_object_property(p) for p in relations)


def test_sections_in_the_order_of_the_format() -> None:
    assert list(sections()) == ["article", "entities", "series", "events", "positions", "participations",
                                "agreements", "relations"]
    assert [f.name for f in sections()["relations"].fields] == ["subject", "relation", "object", "quote", "occurrence",
                                                                 "review"]
