"""JSON-LD and RDF/XML written by rdflib's own serialisers, fed sorted input so the bytes never change.

rdflib's SimpleMemory store keeps insertion order, so a graph filled in sorted
order is written in sorted order; the JSON-LD serialiser collects its nodes in
a set, so its node list is sorted afterwards. Namespaces are bound before
writing (the project's prefixes, then ns1, ns2... in sorted order), so no
prefix depends on the run.
"""

from __future__ import annotations

import json
import re

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, NamespaceManager
from rdflib.term import Node

from kg.errors import KgError
from kg.namespaces import APK, PREFIXES, local_name, prefixed

NCNAME_END = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*$")
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def sorted_copy(graph: Graph) -> Graph:
    """The same statements, inserted in sorted order, with the project's prefixes bound."""
    copy = Graph(store="SimpleMemory", bind_namespaces="none")
    copy.namespace_manager = NamespaceManager(copy, bind_namespaces="none")
    for prefix, namespace in sorted(PREFIXES.items()):
        copy.bind(prefix, namespace, override=True, replace=True)
    for triple in sorted(graph, key=lambda t: tuple(node.n3() for node in t)):
        copy.add(triple)
    return copy


def rdfxml(graph: Graph) -> str:
    """Flat RDF/XML: one rdf:Description per subject, subjects and properties sorted."""
    for _, _, o in graph:
        if isinstance(o, Literal) and NOT_XML.search(str(o)):
            found = NOT_XML.search(str(o)).group()
            raise KgError(f"a text holds U+{ord(found):04X}, which XML 1.0 cannot represent; export another format")
    copy = sorted_copy(graph)
    _bind_property_namespaces(copy)
    return copy.serialize(format="xml", encoding="utf-8").decode("utf-8")


def _bind_property_namespaces(graph: Graph) -> None:
    known = set(PREFIXES.values())
    extra = set()
    for predicate in graph.predicates(unique=True):
        match = NCNAME_END.search(predicate)
        if match is None or match.start() == 0:
            raise KgError(f"the property <{predicate}> cannot be written as RDF/XML; export another format")
        namespace = predicate[:match.start()]
        if namespace not in known:
            extra.add(namespace)
    for number, namespace in enumerate(sorted(extra), start=1):
        graph.bind(f"ns{number}", namespace, override=True, replace=True)


def jsonld(graph: Graph) -> str:
    """JSON-LD whose context turns properties and classes into words ("label", "mayorOf", "City").

    Each subject is one node object; nodes and the values of each key are sorted.
    """
    context = jsonld_context(graph)
    document = json.loads(sorted_copy(graph).serialize(format="json-ld", context=context))
    nodes = document.get("@graph", [document] if "@id" in document else [])
    for node in nodes:
        for key, value in node.items():
            if isinstance(value, list):
                node[key] = sorted(value, key=lambda item: json.dumps(item, ensure_ascii=False, sort_keys=True))
    nodes.sort(key=lambda node: str(node["@id"]))
    ordered = {"@context": context, "@graph": nodes}
    return json.dumps(ordered, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def jsonld_context(graph: Graph) -> dict[str, object]:
    """The project's prefixes, and a word for every property and class whose local name is free.

    Where two vocabularies share a word the project ontology's term gets it; the
    other keeps its compact IRI (for example "schema:startDate"). Properties whose
    values are all IRIs (no literal, no blank node) are coerced to "@id", so their values read as plain strings.
    """
    context: dict[str, object] = dict(sorted(PREFIXES.items()))
    not_iri = {p for _, p, o in graph if not isinstance(o, URIRef)}
    links = {p for p in graph.predicates(unique=True) if p not in not_iri}
    for iri, word in sorted(_words(graph).items(), key=lambda item: item[1]):
        context[word] = {"@id": curie(iri), "@type": "@id"} if iri in links else curie(iri)
    return context


def curie(iri: Node) -> str:
    found = prefixed(str(iri))
    return f"{found[0]}:{found[1]}" if found and not found[1].startswith("//") else str(iri)


def _words(graph: Graph) -> dict[Node, str]:
    terms = {p for p in graph.predicates(unique=True) if p != RDF.type}
    terms |= set(graph.objects(None, RDF.type, unique=True))
    by_word: dict[str, list[Node]] = {}
    for iri in terms:
        if isinstance(iri, URIRef):
            by_word.setdefault(local_name(iri), []).append(iri)
    words: dict[Node, str] = {}
    for word, iris in by_word.items():
        if not word.isidentifier() or word in PREFIXES:
            continue
        owner = iris[0] if len(iris) == 1 else next((i for i in iris if i.startswith(str(APK))), None)
        if owner is not None:
            words[owner] = word
    return words
