"""The named graphs of the dataset: ontology, reference data, one per article, inferred.

In an article's graph each stated triple is also described as an rdf:Statement
whose apk:evidence is a W3C Web Annotation SpecificResource: the article, a
TextQuoteSelector with the exact words, and a TextPositionSelector with their
offsets in the article text.
"""

from __future__ import annotations

import hashlib

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, XSD

from kg.annotations import ArticleAnnotation
from kg.model import Triple
from kg.namespaces import APK, OA
from kg.quotes import Span


def statement_iri(article: URIRef, triple: Triple) -> URIRef:
    """A stable IRI for one stated triple of one article."""
    line = " ".join(term.n3() for term in triple)
    return URIRef(f"{article}/statement/{hashlib.sha256(line.encode()).hexdigest()[:16]}")


def evidence_iri(article: URIRef, span: Span) -> URIRef:
    return URIRef(f"{article}/quote/{span.start}-{span.end}")


STATEMENT, SUBJECT, PREDICATE, OBJECT, TYPE = RDF.Statement, RDF.subject, RDF.predicate, RDF.object, RDF.type
EVIDENCE, DERIVED_FROM, LABEL = APK.evidence, PROV.wasDerivedFrom, RDFS.label
SPECIFIC, SOURCE, SELECTOR, QUOTE, POSITION = (OA.SpecificResource, OA.hasSource, OA.hasSelector,
                                               OA.TextQuoteSelector, OA.TextPositionSelector)
EXACT, PREFIX, SUFFIX, START, END = OA.exact, OA.prefix, OA.suffix, OA.start, OA.end
OFFSET = XSD.nonNegativeInteger


def article_triples(article: ArticleAnnotation) -> set[Triple]:
    """The statements of one article's named graph: its metadata, its facts and their evidence."""
    triples = set(article.metadata)
    triples.add((article.graph_iri, DERIVED_FROM, article.iri))
    triples.add((article.graph_iri, LABEL, Literal(f"Facts stated by article {article.identifier}", lang="en")))
    evidence: dict[Span, URIRef] = {}
    for fact in article.facts:
        triples.add(fact.triple)
        statement = statement_iri(article.iri, fact.triple)
        s, p, o = fact.triple
        if fact.span not in evidence:
            evidence[fact.span] = _evidence(triples, article.iri, fact.span)
        triples |= {(statement, TYPE, STATEMENT), (statement, SUBJECT, s), (statement, PREDICATE, p),
                    (statement, OBJECT, o), (statement, EVIDENCE, evidence[fact.span])}
    return triples


def _evidence(triples: set[Triple], article: URIRef, span: Span) -> URIRef:
    node = evidence_iri(article, span)
    quote, position = URIRef(f"{node}/text"), URIRef(f"{node}/position")
    triples |= {
        (node, TYPE, SPECIFIC), (node, SOURCE, article), (node, SELECTOR, quote), (node, SELECTOR, position),
        (quote, TYPE, QUOTE), (quote, EXACT, Literal(span.exact)), (quote, PREFIX, Literal(span.prefix)),
        (quote, SUFFIX, Literal(span.suffix)), (position, TYPE, POSITION),
        (position, START, Literal(span.start, datatype=OFFSET)), (position, END, Literal(span.end, datatype=OFFSET)),
    }
    return node
