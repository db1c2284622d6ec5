"""`kg check`: quality checks (SPARQL that must return no rows), SHACL shapes and the reasoner.

Each violation names the entity and where it was annotated. Exit codes, as in
pySHACL: 0 clean, 1 violations, 2 the checks could not run. A check whose header says
`# scope: article graph` depends on one article graph at a time (returned as ?graph): it runs on the
article graphs that changed since the last check only, the rows of the others kept by their block's digest. A
check whose header says `# scope: entity` finds rows that depend only on what the dataset says about ?entity: it
runs on the entities that the changed, added or removed article graphs describe, the rows of the others kept.
That holds for statements that an article about the entity makes or entails; a check that reads statements
derived across articles (such as the edition links between events of one series) must not have this scope.
"""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field, replace
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.annotations import Scan
from kg.build import TRIG, BuildResult, Sources, collection_paused, read_and_build
from kg.cache import read_entry, write_pickled
from kg.compile import ENTITIES, build_version
from kg.errors import CannotRun, KgError, display_path
from kg.namespaces import entity_id
from kg.query import CHECKS, SavedQuery, read_query, run
from kg.reasoner import ReasonerError, ReasonerUnavailable
from kg.results import show
from kg.review import pending_in, pending_reviews
from kg.shapes import Article, Finding, check_shapes, described_by, shared_digests, validate
from kg.source_digest import source_digests
from kg.sparql_text import where_brace
from kg.stat_cache import FileDigests
from kg.store import open_store
from kg.turtle import Writer

SHAPES = "shapes.ttl"
SCOPED = Path(".cache") / "checks.pickle"
ARTICLE_SCOPE = "article graph"
ENTITY_SCOPE = "entity"
DATASET_AT_MOST = 64
Row = tuple[str, str, str]
"""One row of a check: the offending node's IRI (or its text), the node as shown, the other columns as shown."""


class CannotCheck(CannotRun):
    """The checks could not run (exit code 2), as opposed to finding violations (exit code 1)."""


@dataclass(frozen=True)
class Violation:
    check: str
    entity: str
    where: str
    message: str

    def __str__(self) -> str:
        where = f" ({self.where})" if self.where else ""
        entity = f"{self.entity}{where}: " if self.entity else ""
        return f"{self.check}: {entity}{self.message}"


def check(seeds: Path, out: Path, ontology_dir: Path, checks: Path = CHECKS) -> list[Violation]:
    """Build, which runs the cross-source checks and the reasoner's consistency check, then the
    quality checks and the SHACL shapes on what it wrote."""
    with collection_paused():
        return checked(seeds, out, ontology_dir, checks)


def checked(seeds: Path, out: Path, ontology_dir: Path, checks: Path) -> list[Violation]:
    digest, digests = source_digests(seeds, ontology_dir, out)
    try:
        sources, result = read_and_build(seeds, ontology_dir, out, digest, digests)
    except ReasonerUnavailable as exc:
        raise CannotCheck(exc.message) from None
    except ReasonerError as exc:
        return [Violation("reasoner", "", "", exc.message)]
    except KgError as exc:
        return [Violation("input", "", "", str(exc))]
    locations: dict[str, str] = {}
    for fact in sources.facts():
        locations.setdefault(str(fact.triple[0]), str(fact.where))
    store = open_store(out / TRIG)
    articles = [Article(str(c.article.graph_iri), c.block, c.mentions) for c in sources.compiled]
    violations = changed_violations(digests) + corpus_violations(result) + review_violations(seeds, sources.scans)
    violations += run_checks(store, checks, locations, GraphScope.of(out, articles))
    return violations + store_shapes(out, ontology_dir / SHAPES, sources, store, locations, articles)


def store_shapes(out: Path, shapes: Path, sources: Sources, store: ox.Store, locations: dict[str, str],
                 articles: list[Article]) -> list[Violation]:
    """The SHACL shapes on the built corpus, validated again only where it changed (kg/shapes.py)."""
    shapes_graph, digest = read_shapes(shapes)
    findings = check_shapes(out, shapes_graph, digest, sources.ontology.graph, Writer().header, articles, store)
    return shape_violations(findings, locations)


def changed_violations(digests: FileDigests) -> list[Violation]:
    """Source files edited while the check read them: what it found there may be of either version."""
    return [Violation("source", display_path(Path(name)), "", "changed while the check read it; run `kg check` again")
            for name in sorted(digests.changed)]


def corpus_violations(result: BuildResult) -> list[Violation]:
    """Open conflicts between articles' claims, and identifiers that may name one thing twice."""
    found = [Violation("conflict", entity_id(c.node), str(c.first.fact.where), str(c)) for c in result.open_conflicts]
    return found + [Violation("possible-duplicate", d.first, str(d.first_where), str(d)) for d in result.duplicates]


def review_violations(seeds: Path, scans: list[Scan] | None = None) -> list[Violation]:
    """Proposals of `kg draft` that nobody has reviewed yet, in the annotation files as the build scanned them
    (else read again)."""
    pending = pending_reviews(seeds / "annotations") if scans is None else pending_in((s.path, s.data) for s in scans)
    return [Violation("review", p.label, f"{p.file}:{p.line}", str(p)) for p in pending]


@dataclass
class GraphScope:
    """The article graphs of a build, by the digest of their block, and the entities each describes; the rows
    each scoped check found, per article graph or per entity; and what the last check saw (`last`)."""

    graphs: dict[str, str]
    path: Path | None = None
    rows: dict[str, dict[str, list[Row]]] = field(default_factory=dict)
    mentions: dict[str, frozenset[str]] = field(default_factory=dict)
    context: dict[str, str] = field(default_factory=dict)
    entities: dict[str, dict[str, list[Row]]] = field(default_factory=dict)
    last: ScopeSeen | None = None

    @classmethod
    def of(cls, out: Path, articles: list[Article]) -> GraphScope:
        graphs = {a.name: a.digest for a in articles}
        context = shared_digests(out) | {"build": build_version()}
        scope = cls(graphs, out / SCOPED, mentions={a.name: a.mentions for a in articles}, context=context)
        payload = read_entry(scope.path)
        try:
            saved = pickle.loads(payload) if payload is not None else None
        except Exception:  # rows written by another version read as absent
            saved = None
        if isinstance(saved, ScopeState):
            scope.rows, scope.entities, scope.last = saved.rows, saved.entities, saved.seen
        return scope

    def affected(self) -> set[str] | None:
        """The entities that the article graphs changed, added or removed since the last check describe, before
        or after the change; None when there was no last check or the shared graphs or the build changed since."""
        if self.last is None or self.last.context != self.context:
            return None
        graphs = self.last.graphs
        touched = {name for name in self.graphs.keys() | graphs.keys() if self.graphs.get(name) != graphs.get(name)}
        return described_by(touched, self.last.mentions, self.mentions)

    def seen(self) -> ScopeSeen:
        return ScopeSeen(self.graphs, self.mentions, self.context)

    def save(self) -> None:
        if self.path is not None:
            write_pickled(self.path, ScopeState(self.rows, self.entities, self.seen()))


@dataclass
class ScopeSeen:
    """The article graphs, the entities they describe and the shared graphs' digests a check ran on."""

    graphs: dict[str, str]
    mentions: dict[str, frozenset[str]]
    context: dict[str, str]


@dataclass
class ScopeState:
    """What `kg check` keeps for the next one: the scoped checks' rows, and what they were found in."""

    rows: dict[str, dict[str, list[Row]]]
    entities: dict[str, dict[str, list[Row]]]
    seen: ScopeSeen


def run_checks(store: ox.Store, checks: Path, locations: dict[str, str],
               scope: GraphScope | None = None) -> list[Violation]:
    """Every row of every check query is a violation."""
    files = sorted(checks.glob("*.rq"))
    if not files:
        raise CannotCheck("no check queries (*.rq) found", checks)
    violations, ran = [], set()
    for path in files:
        query = read_query(path)
        digest = hashlib.sha256(query.text.encode()).hexdigest()
        ran.add(digest)
        if scope is not None and query.scope == ARTICLE_SCOPE:
            rows = scoped_rows(store, query, scope, digest)
        elif scope is not None and query.scope == ENTITY_SCOPE:
            rows = entity_rows(store, query, scope, digest)
        else:
            rows = check_rows(store, query, None)
        violations += [Violation(path.stem, name, locations.get(iri, ""), query.violation + details)
                       for iri, name, details in rows]
    if scope is not None:
        scope.entities = {digest: rows for digest, rows in scope.entities.items() if digest in ran}
        scope.save()
    return violations


def check_rows(store: ox.Store, query: SavedQuery, graphs: list[str] | None) -> list[tuple[str, Row]]:
    """The rows of one check, each with the graph it was found in when the check is run on `graphs` only.

    Many graphs are not given to Oxigraph as the query's dataset (its time grows with the square of their
    number: 15 s for 1,000 article graphs, 3 s for the whole store): the check runs on the whole store and
    only the rows of those graphs are kept."""
    everywhere = graphs is not None and len(graphs) > DATASET_AT_MOST
    result = run(store, query, {}, None if everywhere else graphs)
    if not isinstance(result, ox.QuerySolutions):
        raise CannotCheck("a check must be a SELECT query; each row it returns is a violation", query.path)
    names = [v.value for v in result.variables]
    if "entity" not in names:
        raise CannotCheck("a check must return the offending node as ?entity", query.path)
    if graphs is not None and "graph" not in names:
        raise CannotCheck(f"a check of scope '{ARTICLE_SCOPE}' must return the article graph as ?graph", query.path)
    found = []
    for row in result:
        details = ", ".join(f"{n} {show(row[n])}" for n in names if n != "entity" and row[n] is not None)
        line = (_iri(row["entity"]), _name(row["entity"]), f" ({details})" if details else "")
        found.append((_iri(row["graph"]) if graphs is not None else "", line))
    if everywhere:
        wanted = set(graphs)
        found = [(graph, line) for graph, line in found if graph in wanted]
    return found if graphs is not None else [line for _, line in found]


def scoped_rows(store: ox.Store, query: SavedQuery, scope: GraphScope, digest: str) -> list[Row]:
    """The rows of a check of one article graph at a time: run on the graphs it has not seen, kept for the rest."""
    seen = scope.rows.get(digest, {})
    fresh = sorted(name for name, sha in scope.graphs.items() if sha not in seen)
    found: dict[str, list[Row]] = {scope.graphs[name]: [] for name in fresh}
    if fresh:
        for graph, line in check_rows(store, query, fresh):
            found[scope.graphs[graph]].append(line)
    rows = {sha: seen.get(sha, []) for sha in scope.graphs.values()} | found
    scope.rows[digest] = rows
    return [line for name in sorted(scope.graphs) for line in rows[scope.graphs[name]]]


def entity_rows(store: ox.Store, query: SavedQuery, scope: GraphScope, digest: str) -> list[Row]:
    """The rows of a check of one entity at a time: run on the entities the changed article graphs describe, kept
    for the rest; in the order of their entity's IRI."""
    kept, affected = scope.entities.get(digest), scope.affected()
    if kept is None or affected is None:
        kept = _by_entity(check_rows(store, query, None), query)
    else:
        kept = {entity: rows for entity, rows in kept.items() if entity not in affected}
        if affected:
            kept |= _by_entity(check_rows(store, for_entities(query, affected), None), query)
    scope.entities[digest] = kept
    return [line for entity in sorted(kept) for line in kept[entity]]


def for_entities(query: SavedQuery, entities: set[str]) -> SavedQuery:
    """The check with ?entity bound to each of `entities` in turn, in a VALUES block at the start of its WHERE
    group (on the brace's line, so that an error's line number stays the file's). The check ran whole before,
    so it has a WHERE group."""
    brace = where_brace(query.text)
    nodes = " ".join(str(ox.NamedNode(entity)) for entity in sorted(entities))
    return replace(query, text=f"{query.text[:brace + 1]} VALUES ?entity {{ {nodes} }}{query.text[brace + 1:]}")


def _by_entity(rows: list[Row], query: SavedQuery) -> dict[str, list[Row]]:
    """The rows by their entity, each an entity an article can describe (else no change would ever check it again)."""
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        if not row[0].startswith(ENTITIES):
            raise CannotCheck(f"a check of scope '{ENTITY_SCOPE}' must return as ?entity an entity of the corpus "
                              f"(an IRI under {', '.join(ENTITIES)}), not {row[1]}", query.path)
        grouped.setdefault(row[0], []).append(row)
    return grouped


def run_shapes(data: Path, shapes: Path, locations: dict[str, str]) -> list[Violation]:
    """SHACL validation of one Turtle file."""
    shapes_graph, _ = read_shapes(shapes)
    return shape_violations(validate(Graph().parse(data, format="turtle"), shapes_graph), locations)


def read_shapes(path: Path) -> tuple[Graph, str]:
    """The shapes graph and the digest of its file."""
    try:
        text = path.read_bytes()
    except FileNotFoundError:
        raise CannotCheck("SHACL shapes not found; restore ontology/shapes.ttl", path) from None
    return Graph().parse(data=text, format="turtle"), hashlib.sha256(text).hexdigest()


def shape_violations(findings: list[Finding], locations: dict[str, str]) -> list[Violation]:
    violations = [Violation("shape", entity_id(URIRef(focus)) if ":" in focus else focus, locations.get(focus, ""),
                            f"{path}: {message}" if path else message) for focus, path, message in findings]
    return sorted(violations, key=str)


def _iri(node: object) -> str:
    return node.value if isinstance(node, ox.NamedNode) else str(node)


def _name(node: object) -> str:
    if isinstance(node, ox.NamedNode | URIRef):
        return entity_id(URIRef(_iri(node)))
    return str(node)
