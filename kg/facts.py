"""What the built dataset states, read for the network pages: each entity's statements, with their quotes.

A dataset is read graph by graph. After a build, each named graph is a slice of kg.trig at the byte range
the store's manifest records (kg.sections), and what one graph contributes (its entities' statements, the
quotes of its claims, the entities it mentions) is cached under out/.cache/network/ by the digest of its
block: a page drawn again after one article changed parses that article alone. Without a matching manifest
the whole file is parsed. Either way the graphs are merged in the order of their names, so the facts are
the same.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SDO, SKOS

from kg.cache import keep_only, read_pickled, write_entry
from kg.compile import build_version
from kg.errors import KgError
from kg.namespaces import APK, ARTICLE, GRAPH, ID, OA, ONTOLOGY_GRAPH, REFERENCE_GRAPH
from kg.parallel import forked_map
from kg.pickling import dumps
from kg.sections import Slices, built_slices

Term = ox.NamedNode | ox.BlankNode | ox.Literal
Props = dict[str, dict[Term, None]]
Key = tuple[Term, str, Term]
Graph = dict[Term, Props]

CACHE = Path(".cache") / "network"
ARTICLE_GRAPHS = str(GRAPH["article/"])
ENTITIES = str(ID)
RECORDS_OF_ARTICLE = str(ARTICLE)
NAMES = (str(SKOS.prefLabel), str(RDFS.label), str(SKOS.altLabel))
TYPE, PREF_LABEL = str(RDF.type), str(SKOS.prefLabel)
STATEMENT, ARTICLE_CLASS = ox.NamedNode(str(RDF.Statement)), ox.NamedNode(str(APK.Article))
SUBJECT, PREDICATE, OBJECT = str(RDF.subject), str(RDF.predicate), str(RDF.object)
EVIDENCE, SOURCE = str(APK.evidence), str(DCTERMS.source)
HAS_SOURCE, HAS_SELECTOR = str(OA.hasSource), str(OA.hasSelector)
SELECTED = (("quote", str(OA.exact)), ("start", str(OA.start)), ("end", str(OA.end)))
ARTICLE_FIELDS = (("headline", str(SDO.headline)), ("url", str(SDO.url)), ("published", str(SDO.datePublished)),
                  ("publisher", str(SDO.publisher)))
PARALLEL_FROM = 200


@dataclass
class Facts:
    """What the reference data and the articles state, with the words and sources stating it."""

    about: dict[Term, Props] = field(default_factory=dict)
    concepts: dict[str, str] = field(default_factory=dict)
    quotes: dict[Key, list[dict]] = field(default_factory=lambda: defaultdict(list))
    record_quotes: dict[Term, list[dict]] = field(default_factory=lambda: defaultdict(list))
    sources: dict[Key, list[str]] = field(default_factory=lambda: defaultdict(list))
    mentioned: set[str] = field(default_factory=set)

    def values(self, subject: Term, predicate: URIRef | str) -> list[Term]:
        props = self.about.get(subject)
        return list(props.get(str(predicate), ())) if props else []

    def words(self, concept: Term) -> str:
        """The English name of a vocabulary concept, or the last part of its IRI."""
        return self.concepts.get(concept.value) or concept.value.rstrip("/").rsplit("/", 1)[-1]


@dataclass
class Part:
    """What one named graph adds to the facts."""

    about: Graph = field(default_factory=dict)
    concepts: dict[str, str] = field(default_factory=dict)
    quotes: list[tuple[Key, dict]] = field(default_factory=list)
    sources: list[tuple[Key, list[str]]] = field(default_factory=list)
    mentioned: set[str] = field(default_factory=set)


def read_facts(path: Path) -> Facts:
    """Read a dataset written by `kg build` (TriG); the resolved and inferred graphs are not needed."""
    try:
        with built_slices(path) as slices:
            parts = _cached_parts(slices, path.parent / CACHE) if slices else _parsed_parts(path)
    except OSError as exc:
        raise KgError(f"cannot read the dataset ({exc.strerror or exc}); run `kg build` first", path) from None
    except SyntaxError as exc:
        raise KgError(f"not a valid TriG dataset: {exc}", path) from None
    return _merged(parts)


def wanted(name: str) -> bool:
    return name in (str(ONTOLOGY_GRAPH), str(REFERENCE_GRAPH)) or name.startswith(ARTICLE_GRAPHS)


def _parsed_parts(path: Path) -> list[tuple[str, Part]]:
    graphs: dict[str, Graph] = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
    for quad in ox.parse(path=path, format=ox.RdfFormat.TRIG):
        name = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        if wanted(name):
            graphs[name][quad.subject][quad.predicate.value][quad.object] = None
    return [(name, part_of(name, graph)) for name, graph in graphs.items()]


def _cached_parts(slices: Slices, cache: Path) -> list[tuple[str, Part]]:
    names = [str(name) for name in slices.names() if wanted(str(name))]
    version = build_version()
    keys = {name: hashlib.sha256(f"{version}\0{name}\0{slices.digest(URIRef(name))}".encode()).hexdigest()
            for name in names}
    found: dict[str, Part | None] = {name: read_pickled(cache / f"{keys[name]}.pickle", Part) for name in names}
    missing = [name for name, part in found.items() if part is None]
    texts = [slices.header + slices.section(URIRef(name)) for name in missing]
    for name, payload in zip(missing, _read_all(missing, texts), strict=True):
        found[name] = pickle.loads(payload)
        write_entry(cache / f"{keys[name]}.pickle", payload)
    keep_only(cache, {f"{key}.pickle" for key in keys.values()})
    return [(name, part) for name, part in found.items() if part is not None]


def _read_all(names: list[str], texts: list[bytes]) -> list[bytes]:
    return forked_map(_read_section, [names, texts], "reading graphs", PARALLEL_FROM, chunksize=32)


def _read_section(name: str, text: bytes) -> bytes:
    """The part of the graph `name`, from its TriG section, pickled (each term once, so that it unpickles once)."""
    graph: Graph = defaultdict(lambda: defaultdict(dict))
    terms: dict[Term, Term] = {}
    for quad in ox.parse(text, format=ox.RdfFormat.TRIG):
        subject, value = terms.setdefault(quad.subject, quad.subject), terms.setdefault(quad.object, quad.object)
        graph[subject][quad.predicate.value][value] = None
    return dumps(part_of(name, graph))


def part_of(name: str, graph: Graph) -> Part:
    """What the named graph `name` adds to the facts."""
    if name == str(ONTOLOGY_GRAPH):
        return Part(concepts=_concept_words(graph))
    if name == str(REFERENCE_GRAPH):
        return Part(about=_plain(graph), sources=[(key, sorted(source.value for source in props.get(SOURCE, ())))
                                                  for key, props in _statements(graph)])
    return _article_part(graph)


def _plain(graph: Graph) -> Graph:
    return {subject: {predicate: dict(objects) for predicate, objects in props.items()}
            for subject, props in graph.items()}


def _concept_words(ontology: Graph) -> dict[str, str]:
    words = {}
    for subject, props in ontology.items():
        english = sorted(o.value for o in props.get(PREF_LABEL, ()) if getattr(o, "language", None) == "en")
        if english and isinstance(subject, ox.NamedNode):
            words[subject.value] = english[0]
    return words


def _statements(graph: Graph) -> Iterator[tuple[Key, Props]]:
    for props in graph.values():
        if STATEMENT in props.get(TYPE, ()):
            for s in props.get(SUBJECT, ()):
                for p in props.get(PREDICATE, ()):
                    for o in props.get(OBJECT, ()):
                        yield (s, p.value, o), props


def _article_part(graph: Graph) -> Part:
    """An article's statements about entities and records (not its reifications), its quotes, what it names."""
    articles = {s: _article(s, props) for s, props in graph.items() if ARTICLE_CLASS in props.get(TYPE, ())}
    part = Part(about=_plain({s: props for s, props in graph.items() if not _of_article(s)}))
    quotes: dict[Term, dict | None] = {}
    for key, props in _statements(graph):
        for evidence in props.get(EVIDENCE, ()):
            if evidence not in quotes:
                quotes[evidence] = _quote(graph, evidence, articles)
            if quotes[evidence]:
                part.quotes.append((key, quotes[evidence]))
    part.mentioned = {term.value[len(ENTITIES):] for term in _terms(graph)
                      if isinstance(term, ox.NamedNode) and term.value.startswith(ENTITIES)}
    return part


def _of_article(subject: Term) -> bool:
    """Whether the subject is an article or what an article says of its words (statements, quotes)."""
    return isinstance(subject, ox.NamedNode) and subject.value.startswith(RECORDS_OF_ARTICLE)


def _terms(graph: Graph) -> Iterator[Term]:
    for subject, props in graph.items():
        yield subject
        for objects in props.values():
            yield from objects


def _article(iri: Term, props: Props) -> dict:
    def first(predicate: str) -> str:
        return min((o.value for o in props.get(predicate, ())), default="")

    return {"article": iri.value.removeprefix(str(ARTICLE)), **{name: first(p) for name, p in ARTICLE_FIELDS}}


def _quote(graph: Graph, evidence: Term, articles: dict[Term, dict]) -> dict | None:
    props = graph.get(evidence, {})
    source = next(iter(props.get(HAS_SOURCE, ())), None)
    quote: dict[str, Any] = {"quote": "", "start": -1, "end": -1}
    for selector in props.get(HAS_SELECTOR, ()):
        selected = graph.get(selector, {})
        for name, predicate in SELECTED:
            for value in selected.get(predicate, ()):
                quote[name] = value.value if name == "quote" else int(value.value)
    if source is None or not quote["quote"]:
        return None
    unknown = {"article": source.value, "headline": "", "url": "", "published": "", "publisher": ""}
    return {**articles.get(source, unknown), **quote}


def _merged(parts: Iterable[tuple[str, Part]]) -> Facts:
    facts = Facts()
    for _, part in sorted(parts, key=lambda named: named[0]):
        facts.concepts.update(part.concepts)
        _adopt(facts.about, part.about)
        for key, quote in part.quotes:
            facts.quotes[key].append(quote)
            facts.record_quotes[key[0]].append(quote)
        for key, sources in part.sources:
            facts.sources[key].extend(sources)
        facts.mentioned |= part.mentioned
    _name_publishers(facts)
    return facts


def _adopt(about: dict[Term, Props], more: Graph) -> None:
    """Merge `more`, a part's statements read for this merge only, into `about`, taking its dictionaries over."""
    for subject, props in more.items():
        held = about.get(subject)
        if held is None:
            about[subject] = props
            continue
        for predicate, objects in props.items():
            if predicate in held:
                held[predicate].update(objects)
            else:
                held[predicate] = objects


def _name_publishers(facts: Facts) -> None:
    """Each quote's publisher by name, so that an article without a headline is cited by its publisher."""
    names: dict[str, str] = {}
    for quotes in [*facts.quotes.values(), *facts.record_quotes.values()]:
        for quote in quotes:
            iri = quote.get("publisher", "")
            if iri.startswith(ENTITIES):
                quote["publisher"] = names.setdefault(iri, label_of(facts, ox.NamedNode(iri)))


def label_of(facts: Facts, subject: Term) -> str:
    """The preferred name of an entity, else its rdfs:label, else its id."""
    for predicate in NAMES[:2]:
        names = sorted(o.value for o in facts.values(subject, predicate))
        if names:
            return names[0]
    value = subject.value
    return value[len(ENTITIES):] if isinstance(subject, ox.NamedNode) and value.startswith(ENTITIES) else value
