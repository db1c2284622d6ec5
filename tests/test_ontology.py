"""The ontology: labelled in both languages, defined, aligned, and the namespace class in step with it."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.namespaces import APK, APV
from kg.ontology import Ontology, load_ontology

ROOT = Path(__file__).resolve().parent.parent
STANDARD = ("https://schema.org/", "http://www.w3.org/ns/org#", "http://www.w3.org/ns/prov#",
            "http://xmlns.com/foaf/0.1/", "http://www.w3.org/2004/02/skos/core#", "http://www.w3.org/2006/time#",
            "http://purl.org/dc/terms/")


@pytest.fixture(scope="module")
def ontology() -> Ontology:
    return load_ontology(ROOT / "ontology")


def terms(ontology: Ontology) -> set[URIRef]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {s for kind in kinds for s in ontology.graph.subjects(RDF.type, kind) if str(s).startswith(str(APK))}


def test_namespace_class_lists_exactly_the_ontology_terms(ontology: Ontology) -> None:
    declared = {URIRef(str(APK) + name) for name in APK.__annotations__}
    assert declared == terms(ontology)


def test_misspelled_term_raises() -> None:
    with pytest.raises(AttributeError):
        _ = APK.Mayr


@pytest.mark.parametrize("prop", [RDFS.label, SKOS.definition])
def test_every_term_has_indonesian_and_english(ontology: Ontology, prop: URIRef) -> None:
    concepts = set(ontology.graph.subjects(RDF.type, SKOS.Concept))
    for term in sorted(terms(ontology)) + sorted(concepts):
        label = prop if term not in concepts or prop == SKOS.definition else SKOS.prefLabel
        languages = sorted(value.language for value in ontology.graph.objects(term, label))
        assert languages == ["en", "id"], term


def test_classes_and_properties_are_aligned_with_standard_terms(ontology: Ontology) -> None:
    """A new term without a standard parent fails here until it is aligned or added to this reviewed list."""
    no_standard_counterpart = [
        "Region", "Seat", "agreedAt", "appointedAt", "asOf", "basis", "dateQualifier", "document", "earliestDate",
        "edition", "electedAt",
        "endQualifier", "endedBefore", "eventStatus", "followedUpBy", "hasMayor", "hasParticipation", "heldIn",
        "host", "inauguratedAt", "latestDate", "mayorOf", "nextEdition", "onField", "originalFileName",
        "participatedIn", "participationDate", "participationIn", "party", "partyTo", "presentedAt", "previousEdition",
        "signedAt", "startQualifier", "titleRequired",
    ]
    unaligned = []
    for term in sorted(terms(ontology)):
        parents = [*ontology.graph.objects(term, RDFS.subClassOf), *ontology.graph.objects(term, RDFS.subPropertyOf)]
        if not any(str(parent).startswith(STANDARD) for parent in parents):
            unaligned.append(str(term)[len(str(APK)):])
    assert unaligned == no_standard_counterpart


def test_mayor_is_defined_not_asserted(ontology: Ontology) -> None:
    assert (APK.Mayor, OWL.equivalentClass, None) in ontology.graph
    assert APV.mayor in set(ontology.graph.objects(None, OWL.hasValue))


@pytest.mark.parametrize(("first", "second", "disjoint"), [
    (APK.City, APK.Person, True),
    (APK.Event, APK.Organization, True),
    (APK.Event, APK.Actor, True),
    (APK.Venue, APK.Actor, True),
    (APK.Association, APK.Commission, True),
    (APK.City, APK.Association, True),
    (APK.City, APK.Commission, True),
    (APK.EventSeries, APK.Event, True),
    (APK.EventSeries, APK.Actor, True),
    (APK.City, APK.Organization, False),
    (APK.Person, APK.Actor, False),
])
def test_disjointness(ontology: Ontology, first: URIRef, second: URIRef, disjoint: bool) -> None:
    assert ontology.disjoint(first, second) is disjoint
