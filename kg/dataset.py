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


def article_triples(article: ArticleAnnotation) -> set[Triple]:
    """The statements of one article's named graph: its metadata, its facts and their evidence."""
    triples = set(article.metadata)
    triples.add((article.graph_iri, PROV.wasDerivedFrom, article.iri))
    triples.add((article.graph_iri, RDFS.label, Literal(f"Facts stated by article {article.identifier}", lang="en")))
    for fact in article.facts:
        triples.add(fact.triple)
        statement = statement_iri(article.iri, fact.triple)
        s, p, o = fact.triple
        triples |= {(statement, RDF.type, RDF.Statement), (statement, RDF.subject, s), (statement, RDF.predicate, p),
                    (statement, RDF.object, o), (statement, APK.evidence, _evidence(triples, article.iri, fact.span))}
    return triples


def _evidence(triples: set[Triple], article: URIRef, span: Span) -> URIRef:
    node = evidence_iri(article, span)
    quote, position = URIRef(f"{node}/text"), URIRef(f"{node}/position")
    triples |= {
        (node, RDF.type, OA.SpecificResource), (node, OA.hasSource, article), (node, OA.hasSelector, quote),
        (node, OA.hasSelector, position), (quote, RDF.type, OA.TextQuoteSelector),
        (quote, OA.exact, Literal(span.exact)), (quote, OA.prefix, Literal(span.prefix)),
        (quote, OA.suffix, Literal(span.suffix)),
        (position, RDF.type, OA.TextPositionSelector),
        (position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)),
        (position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)),
    }
    return node
