"""SHACL shapes on a built corpus, validated again only where the graphs changed since the last check.

The shapes whose targets are minted per article (the article, its statements, its quote and position
selectors) are validated on each article graph alone, parsed from its Turtle block, and their findings kept
by the digest of that block. The shapes that span articles (an entity's one name, an event's type, a
position's holder) are validated on the triples the store holds about the entities that a changed article
describes, and about the entities that point to those whose classes changed (a shape may ask for its values'
classes); every other entity keeps its last findings. The shapes may read the statements about an entity that
the articles describing it make or entail, and the classes of its values; not statements derived across
articles (the edition links between events of one series), which another article can change. A change to the
shapes, the ontology, the reference data, the registry or the check's own code validates everything again.
"""

from __future__ import annotations

import itertools
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, URIRef
from rdflib.namespace import RDF, SH

from kg.cache import read_entry, write_pickled
from kg.compile import ENTITIES, build_version
from kg.namespaces import APK, OA, ONTOLOGY_GRAPH, REFERENCE_GRAPH, REGISTRY_GRAPH, local_name
from kg.progress import progress
from kg.remote import rdflib_term
from kg.store import block_digest, read_manifest

ARTICLE_TARGETS = frozenset({APK.Article, RDF.Statement, OA.TextPositionSelector, OA.TextQuoteSelector})
SHARED = (ONTOLOGY_GRAPH, REFERENCE_GRAPH, REGISTRY_GRAPH)
STATE = Path(".cache") / "shapes.pickle"
CHUNK = 200
ENTITY_CHUNK = 1000
IS_ENTITY = " || ".join(f'STRSTARTS(STR(?s), "{prefix}")' for prefix in ENTITIES)

Finding = tuple[str, str, str]
"""One SHACL result: the focus node, the local name of the path ('' for none), the message."""


@dataclass
class ShapeState:
    """What the last check found, and on what."""

    shapes: str = ""
    version: str = ""
    shared: dict[str, str] = field(default_factory=dict)
    articles: dict[str, list[Finding]] = field(default_factory=dict)
    mentions: dict[str, frozenset[str]] = field(default_factory=dict)
    entities: dict[str, list[Finding]] = field(default_factory=dict)
    classes: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Article:
    """One article graph as the build wrote it: its name, its Turtle block, the entities it describes."""

    name: str
    block: str
    mentions: frozenset[str]

    @cached_property
    def digest(self) -> str:
        return block_digest(self.block)


def validate(data: Graph, shapes: Graph) -> list[Finding]:
    """The violations pySHACL finds in `data`."""
    import pyshacl  # slow to import; only a check validates

    conforms, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    if conforms:
        return []
    found = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        path = report.value(result, SH.resultPath)
        message = str(report.value(result, SH.resultMessage) or "does not conform")
        found.append((str(report.value(result, SH.focusNode)),
                      local_name(path) if isinstance(path, URIRef) else "", message))
    return found


def split_shapes(shapes: Graph) -> tuple[Graph, Graph]:
    """The shapes whose targets live in one article graph, and the shapes that span articles."""
    per_article, spanning = Graph(), Graph()
    for shape in set(shapes.subjects(RDF.type, SH.NodeShape)):
        targets = set(shapes.objects(shape, SH.targetClass))
        into = per_article if targets and targets <= ARTICLE_TARGETS else spanning
        for triple in _description(shapes, shape):
            into.add(triple)
    return per_article, spanning


def _description(graph: Graph, node: URIRef | BNode) -> Iterable[tuple]:
    """The triples about `node` and, recursively, about the blank nodes they lead to (property shapes, lists)."""
    pending, seen = [node], set()
    while pending:
        subject = pending.pop()
        if subject in seen:
            continue
        seen.add(subject)
        for triple in graph.triples((subject, None, None)):
            yield triple
            if isinstance(triple[2], BNode):
                pending.append(triple[2])


def check_shapes(out: Path, shapes: Graph, shapes_digest: str, ontology: Graph, header: str,
                 articles: list[Article], store: ox.Store) -> list[Finding]:
    """Every violation of the shapes in the corpus, validating again only what changed since the last check."""
    per_article, spanning = split_shapes(shapes)
    shared = shared_digests(out)
    state = _read_state(out)
    if (state.shapes, state.version, state.shared) != (shapes_digest, build_version(), shared):
        state = ShapeState(shapes_digest, build_version(), shared)
    blocks = {a.name: a.digest for a in articles}
    fresh = [a for a in articles if blocks[a.name] not in state.articles]
    state.articles = {d: state.articles.get(d, []) for d in blocks.values()} | _article_findings(
        fresh, blocks, header, per_article)
    mentions = {a.name: a.mentions for a in articles}
    if not state.entities and not state.mentions:
        state.entities = _group(_entity_findings(store, spanning, ontology, None))
        state.classes = _classes(store, None)
    else:
        touched = {a.name for a in fresh} | (set(state.mentions) - set(mentions))
        affected = described_by(touched, state.mentions, mentions)
        classes = _classes(store, affected)
        retyped = {e for e in affected if classes.get(e) != state.classes.get(e)}
        state.classes = {e: c for e, c in state.classes.items() if e not in affected} | classes
        focus = affected | _pointing_to(store, retyped)
        state.entities = {f: v for f, v in state.entities.items() if f not in focus}
        state.entities.update(_group(_entity_findings(store, spanning, ontology, focus)))
    state.mentions = mentions
    write_pickled(out / STATE, state)
    found = [f for findings in state.articles.values() for f in findings]
    return found + [f for findings in state.entities.values() for f in findings]


def shared_digests(out: Path) -> dict[str, str]:
    """The digests the last build's manifest gives the ontology's, the reference data's and the registry's graphs."""
    digests = read_manifest(out).get("graphs", {})
    return {str(name): digests.get(str(name), "") for name in SHARED}


def described_by(graphs: Iterable[str], before: dict[str, frozenset[str]], after: dict[str, frozenset[str]]
                 ) -> set[str]:
    """The entities these article graphs describe, before or after a change."""
    return set().union(*(before.get(name, frozenset()) | after.get(name, frozenset()) for name in graphs))


def _read_state(out: Path) -> ShapeState:
    payload = read_entry(out / STATE)
    try:
        state = pickle.loads(payload) if payload is not None else None
    except Exception:  # a state written by another version reads as absent
        state = None
    return state if isinstance(state, ShapeState) else ShapeState()


def _article_findings(articles: list[Article], digests: dict[str, str], header: str,
                      shapes: Graph) -> dict[str, list[Finding]]:
    """The per-article shapes on these article graphs, validated CHUNK articles at a time (pySHACL's time grows
    faster than the graph it is given) and told apart by their focus nodes (which no two articles share)."""
    findings: dict[str, list[Finding]] = {digests[a.name]: [] for a in articles}
    bar = progress(articles, len(articles), "checking shapes")
    for _ in range(0, len(articles), CHUNK):
        data, owner = Graph(), {}
        for article in itertools.islice(bar, CHUNK):
            for quad in ox.parse((header + article.block).encode(), format=ox.RdfFormat.TURTLE):
                owner[quad.subject.value] = digests[article.name]
                data.add((rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object)))
        for finding in validate(data, shapes):
            findings[owner[finding[0]]].append(finding)
    return findings


def _group(findings: Iterable[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding[0], []).append(finding)
    return grouped


def _values(nodes: Iterable[str]) -> str:
    return " ".join(f"<{node}>" for node in sorted(nodes))


def _classes(store: ox.Store, nodes: set[str] | None) -> dict[str, frozenset[str]]:
    """The classes the store gives each of `nodes` that has one (each entity's, when None)."""
    if nodes is not None and not nodes:
        return {}
    subjects = f"VALUES ?s {{ {_values(nodes)} }}" if nodes is not None else ""
    rows = store.query(f"SELECT DISTINCT ?s ?c WHERE {{ {subjects} GRAPH ?g {{ ?s a ?c }} "
                       f"FILTER(isIRI(?s) && ({IS_ENTITY})) }}")
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(row["s"].value, set()).add(row["c"].value)
    return {node: frozenset(classes) for node, classes in found.items()}


def _pointing_to(store: ox.Store, nodes: set[str]) -> set[str]:
    """The subjects of triples whose object is one of `nodes` (a focus node's value may have changed type)."""
    if not nodes:
        return set()
    rows = store.query(f"SELECT DISTINCT ?s WHERE {{ VALUES ?o {{ {_values(nodes)} }} GRAPH ?g {{ ?s ?p ?o }} "
                       "FILTER(isIRI(?s)) }")
    return {row["s"].value for row in rows}


def _entity_findings(store: ox.Store, shapes: Graph, ontology: Graph, focus: set[str] | None) -> list[Finding]:
    """The shapes that span articles, on what the store holds about the entities in `focus` (all of them,
    ENTITY_CHUNK at a time, when None): their triples in every graph, the classes of their values, and the
    ontology's class hierarchy."""
    if focus is None:
        everyone = _described_entities(store)
        chunks = [set(everyone[i:i + ENTITY_CHUNK]) for i in range(0, len(everyone), ENTITY_CHUNK)]
        return [f for chunk in progress(chunks, len(chunks), "checking entities")
                for f in _entity_findings(store, shapes, ontology, chunk)]
    if not focus:
        return []
    subjects = f"VALUES ?s {{ {_values(focus)} }}"
    data = Graph()
    for triple in ontology:
        data.add(triple)
    about = f"SELECT DISTINCT ?s ?p ?o WHERE {{ {subjects} GRAPH ?g {{ ?s ?p ?o }} }}"
    for row in store.query(about):
        data.add((rdflib_term(row["s"]), rdflib_term(row["p"]), rdflib_term(row["o"])))
    classes = f"SELECT DISTINCT ?o ?c WHERE {{ {subjects} GRAPH ?g {{ ?s ?p ?o }} GRAPH ?h {{ ?o a ?c }} }}"
    for row in store.query(classes):
        data.add((rdflib_term(row["o"]), RDF.type, rdflib_term(row["c"])))
    return [f for f in validate(data, shapes) if f[0] in focus]


def _described_entities(store: ox.Store) -> list[str]:
    """Every typed subject but the articles' own statements, quotes and positions, in order."""
    excluded = ", ".join(f"<{c}>" for c in sorted(ARTICLE_TARGETS | {OA.SpecificResource}))
    rows = store.query(f"SELECT DISTINCT ?s WHERE {{ GRAPH ?t {{ ?s a ?c }} FILTER(?c NOT IN ({excluded})) }}")
    return sorted(row["s"].value for row in rows if isinstance(row["s"], ox.NamedNode))

