"""The named graphs of the dataset: ontology, reference data, one per article, inferred.

In an article's graph each stated triple is also described as an rdf:Statement
whose apk:evidence is a W3C Web Annotation SpecificResource: the article, a
TextQuoteSelector with the exact words, and a TextPositionSelector with their
offsets in the article text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
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


def article_graph(article: ArticleAnnotation) -> Graph:
    """The named graph of one article: its metadata, its facts and their evidence."""
    graph = Graph()
    for triple in article.metadata:
        graph.add(triple)
    graph.add((article.graph_iri, PROV.wasDerivedFrom, article.iri))
    graph.add((article.graph_iri, RDFS.label, Literal(f"Facts stated by article {article.identifier}", lang="en")))
    for fact in article.facts:
        graph.add(fact.triple)
        statement = statement_iri(article.iri, fact.triple)
        s, p, o = fact.triple
        for prop, value in ((RDF.type, RDF.Statement), (RDF.subject, s), (RDF.predicate, p), (RDF.object, o)):
            graph.add((statement, prop, value))
        graph.add((statement, APK.evidence, _evidence(graph, article.iri, fact.span)))
    return graph


def _evidence(graph: Graph, article: URIRef, span: Span) -> URIRef:
    node = evidence_iri(article, span)
    quote, position = URIRef(f"{node}/text"), URIRef(f"{node}/position")
    graph.add((node, RDF.type, OA.SpecificResource))
    graph.add((node, OA.hasSource, article))
    graph.add((node, OA.hasSelector, quote))
    graph.add((node, OA.hasSelector, position))
    graph.add((quote, RDF.type, OA.TextQuoteSelector))
    graph.add((quote, OA.exact, Literal(span.exact)))
    graph.add((quote, OA.prefix, Literal(span.prefix)))
    graph.add((quote, OA.suffix, Literal(span.suffix)))
    graph.add((position, RDF.type, OA.TextPositionSelector))
    graph.add((position, OA.start, Literal(span.start, datatype=XSD.nonNegativeInteger)))
    graph.add((position, OA.end, Literal(span.end, datatype=XSD.nonNegativeInteger)))
    return node


def graph_of(triples: Iterable[Triple]) -> Graph:
    graph = Graph()
    for triple in triples:
        graph.add(triple)
    return graph
