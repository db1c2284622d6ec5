"""`kg build`: ontology, reference data and annotations to one reasoned RDF dataset."""

from __future__ import annotations

import gc
import pickle
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.annotations import ArticleAnnotation, Scan
from kg.cache import read_entry, write_pickled
from kg.claims import Conflict, resolve
from kg.compile import Compiled, Compiler, build_version, compile_articles
from kg.corpus import Corpus, Duplicate, index_corpus
from kg.cycles import check_cycles
from kg.errors import KgError, display_path
from kg.inference import entailments
from kg.model import Fact, Triple
from kg.namespaces import (
    ID,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    REFERENCE_GRAPH,
    REGISTRY_GRAPH,
    RESOLVED_GRAPH,
    entity,
    entity_id,
    local_name,
)
from kg.ontology import Ontology, load_ontology
from kg.outputs import TRIG, TURTLE, outputs_match, publish, read_stamp
from kg.reasoner import check_ontology, unit_triples
from kg.reference import load_reference
from kg.registry import REGISTRY_FILE, Registry, load_registry
from kg.rules import RuleReasoner
from kg.sections import layout
from kg.series import check_editions, edition_links
from kg.source_cache import block_cached, files_key, folder_files, scan_all
from kg.source_digest import SOURCES_STAMP, digest_as_read, source_digests
from kg.stat_cache import FileDigests
from kg.store import preloading, store_kept, update_store
from kg.turtle import Writer
from kg.typecheck import check_functional, check_types
from kg.yamlfile import read_yaml

CACHE = Path(".cache") / "reasoner"
RESULT = Path(".cache") / "build-result.pickle"


@dataclass
class BuildResult:
    """What a build wrote and counted."""

    outputs: list[Path]
    articles: int
    entities: Counter = field(default_factory=Counter)
    facts: int = 0
    reference_statements: int = 0
    registry_statements: int = 0
    inferred: int = 0
    seconds: float = 0.0
    conflicts: list[Conflict] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    said: list[str] | None = None
    conflict_counts: tuple[int, int] | None = None

    def __post_init__(self) -> None:
        if self.said is None:
            self.said = ([f"possible duplicate: {d}" for d in self.duplicates]
                         + [f"conflict: {entity_id(c.node)}: {c}" for c in self.open_conflicts])
        if self.conflict_counts is None:
            self.conflict_counts = (len(self.open_conflicts), len(self.conflicts) - len(self.open_conflicts))

    def kept(self) -> BuildResult:
        """The result as a build with nothing changed reports it again: its warnings as text, without the
        conflicts' and duplicates' objects (slow to read back for a large corpus)."""
        return replace(self, conflicts=[], duplicates=[])

    def summary(self) -> str:
        entities = ", ".join(f"{name} {count}" for name, count in sorted(self.entities.items()))
        return "\n".join([
            f"Built {' and '.join(display_path(p) for p in self.outputs)} in {self.seconds:.1f} s",
            f"  articles: {self.articles}",
            f"  entities: {entities}",
            f"  facts stated by articles: {self.facts}, each with its quote",
            f"  reference statements: {self.reference_statements}",
            f"  registry statements: {self.registry_statements}",
            f"  inferred statements: {self.inferred}",
            f"  conflicts between articles: {self.conflict_counts[0]} open, {self.conflict_counts[1]} settled by "
            "the registry",
        ])

    @property
    def open_conflicts(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.settled is None]

    def warnings(self) -> list[str]:
        """What the build accepts but `kg check` reports."""
        return list(self.said or ())


@dataclass
class Sources:
    """Everything a build reads, checked across sources; `types` is the class of every entity."""

    ontology: Ontology
    corpus: Corpus
    registry: Registry
    compiled: list[Compiled]
    types: dict[URIRef, URIRef] = field(default_factory=dict)
    shared_keys: dict[URIRef, str | None] = field(default_factory=dict)
    scans: list[Scan] = field(default_factory=list)

    @property
    def articles(self) -> list[ArticleAnnotation]:
        return [c.article for c in self.compiled]

    @property
    def reference(self):
        return self.corpus.reference

    def facts(self) -> list[Fact]:
        return [*self.reference.facts, *self.registry.facts, *(f for a in self.articles for f in a.facts)]


def read_sources(seeds: Path, ontology_dir: Path, cache: Path | None = None, digests: FileDigests | None = None
                 ) -> Sources:
    """Read the ontology, the reference data, the registry and every annotation, and check them against each
    other: first the identifiers every file declares (the corpus index), then each article in full (compiled,
    or taken from `cache` when nothing it depends on changed). `digests` has the source files' digests, where
    this build took them."""
    digests = digests if digests is not None else FileDigests(None)
    ontology, registry, scans, corpus = index_sources(seeds, ontology_dir, cache, digests)
    types = {entity(identifier): known.cls for identifier, known in corpus.known.items()}
    keys = shared_keys(seeds, ontology, digests)
    reference_key = keys[REFERENCE_GRAPH]
    compiled = compile_articles(scans, Compiler(ontology, corpus, types, reference_key or ""),
                                cache if reference_key is not None else None, digests)
    check_article_ids(scans, compiled)
    sources = Sources(ontology, corpus, registry, compiled, types, keys, scans)
    check_sources(sources)
    return sources


def index_sources(seeds: Path, ontology_dir: Path, cache: Path | None = None, digests: FileDigests | None = None
                  ) -> tuple[Ontology, Registry, list[Scan], Corpus]:
    """The ontology, the registry, each annotation file parsed and scanned (or its scan taken from `cache`
    when the file did not change), and the corpus index over them."""
    ontology = load_ontology(ontology_dir)
    reference = load_reference(seeds / "reference")
    registry = load_registry(seeds)
    scans = scan_articles(seeds / "annotations", ontology, cache, digests or FileDigests(None))
    return ontology, registry, scans, index_corpus(ontology, reference, registry, ((s.path, s.entries) for s in scans))


def build(seeds: Path, out: Path, ontology_dir: Path) -> BuildResult:
    """Read everything, check it, reason over it and write out/kg.trig and out/kg.ttl; when nothing changed
    since the last build, what it wrote and counted stands."""
    started = time.perf_counter()
    digest, digests = source_digests(seeds, ontology_dir, out)
    unchanged = unchanged_result(out, digest)
    if unchanged is not None:
        unchanged.seconds = time.perf_counter() - started
        return unchanged
    with collection_paused():
        _, result = read_and_build(seeds, ontology_dir, out, digest, digests)
    result.seconds = time.perf_counter() - started
    write_pickled(out / RESULT, (digest_as_read(digest, digests), build_version(), result.kept()))
    return result


def read_and_build(seeds: Path, ontology_dir: Path, out: Path, digest: str, digests: FileDigests
                   ) -> tuple[Sources, BuildResult]:
    """Read and check the sources whose digests were taken (`digest`, `digests`), then build from them; a
    source that changed while it was read is said, and the outputs' stamp then names no sources."""
    started = time.perf_counter()
    sources = read_sources(seeds, ontology_dir, out, digests)
    result = build_from(sources, out, started, digest_as_read(digest, digests))
    result.said += [f"{display_path(Path(name))} changed while the build read it; run `kg build` again"
                    for name in sorted(digests.changed)]
    return sources, result


@contextmanager
def collection_paused() -> Iterator[None]:
    """No cyclic garbage collection while a build holds millions of objects it keeps to the end (the
    collector would walk them all, again and again, as they are made). After it, what survived counts as
    old, as if collections had run: the first collection does not walk millions of young objects."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.enable()
            gc.unfreeze()


def unchanged_result(out: Path, digest: str) -> BuildResult | None:
    """The last build's result, when its outputs are there, its store holds them, and it was built from sources
    with this digest by this version of the build's code."""
    stamp = read_stamp(out, SOURCES_STAMP)
    if stamp is None or stamp.sources != digest or not outputs_match(out, stamp) or not store_kept(out):
        return None
    payload = read_entry(out / RESULT)
    try:
        built_from, version, result = pickle.loads(payload) if payload is not None else (None, None, None)
    except Exception:  # a result written by another version reads as absent
        return None
    return result if (built_from, version) == (digest, build_version()) else None


def build_from(sources: Sources, out: Path, started: float, digest: str) -> BuildResult:
    """Reason over checked sources and write the dataset, with `digest`, the digest of its sources.

    Article graphs come as the Turtle blocks their compile wrote; only the shared graphs are written here. A
    new store is loaded with the article graphs while the shared ones are worked out."""
    writer = Writer()
    articles = [(c.article.graph_iri, c.block) for c in sources.compiled]
    with preloading(out, writer.header, articles) as preload:
        shared = shared_graphs(sources, out, writer)
        blocks = [*shared.before, *articles, *shared.after()]
        publish(out, {TRIG: writer.trig_of_blocks(blocks), TURTLE: writer.turtle_of_blocks(b for _, b in blocks)},
                SOURCES_STAMP, digest)
        update_store(out / TRIG, writer.header, blocks, shared.parts, layout(writer, blocks), preload)
    return BuildResult(
        outputs=[out / TRIG, out / TURTLE],
        articles=len(sources.articles),
        entities=count_entities(shared.stated | shared.inferred, sources.ontology),
        facts=sum(len({f.triple for f in article.facts}) for article in sources.articles),
        reference_statements=len(sources.reference.graph),
        registry_statements=len(sources.registry.graph),
        inferred=len(shared.inferred),
        seconds=time.perf_counter() - started,
        conflicts=shared.conflicts,
        duplicates=sources.corpus.duplicates(),
    )


@dataclass
class SharedGraphs:
    """The graphs the build writes itself: the ontology, the reference data and the registry (`before` the
    articles' graphs), and the resolved claims and the inferred statements (after them, by subject)."""

    before: list[tuple[URIRef, str]]
    parts: dict[URIRef, list[str]]
    stated: set[Triple]
    inferred: set[Triple]
    conflicts: list[Conflict]

    def after(self) -> list[tuple[URIRef, str]]:
        return [(name, "\n".join(subjects)) for name, subjects in self.parts.items()]


def shared_graphs(sources: Sources, out: Path, writer: Writer) -> SharedGraphs:
    ontology, reference, articles = sources.ontology, sources.reference, sources.articles
    resolution = resolve(articles, sources.registry.preferences, sources.corpus)
    shared: list[tuple[URIRef, Graph]] = [(ONTOLOGY_GRAPH, ontology.graph), (REFERENCE_GRAPH, reference.graph),
                                          (REGISTRY_GRAPH, sources.registry.graph)]
    resolved = resolution.triples
    stated = {triple for _, graph in shared for triple in graph} | resolved
    stated |= {t for article in articles for t in (*article.metadata, *(f.triple for f in article.facts))}
    inferred = (reason(sources, out / CACHE) | edition_links(sources.facts())) - stated
    before = [(name, block_cached(out, sources.shared_keys.get(name), partial(writer.block, graph)))
              for name, graph in shared]
    parts = {RESOLVED_GRAPH: writer.parts_of(resolved), INFERRED_GRAPH: writer.parts_of(inferred)}
    return SharedGraphs(before, parts, stated, inferred, resolution.conflicts)


def scan_articles(directory: Path, ontology: Ontology, cache: Path | None, digests: FileDigests) -> list[Scan]:
    paths = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
    if not paths:
        raise KgError("no annotation files (*.yaml) found; add one per article", directory)
    return scan_all(paths, ontology, cache, digests)


def shared_keys(seeds: Path, ontology: Ontology, digests: FileDigests) -> dict[URIRef, str | None]:
    """The cache keys of the ontology's, the reference data's and the registry's Turtle blocks: digests of
    the files each is read from (the ontology's, of the bytes read). A file that changed since its digest was
    taken, so while the build read it, is noted in `digests.changed`, and its block has no key: neither it nor
    what is compiled against it is cached."""
    for path in folder_files(ontology.directory):
        digests.unchanged(path)  # the ontology's key is of the bytes read: an edit only leaves the stamp unknown
    keys: dict[URIRef, str | None] = {ONTOLOGY_GRAPH: files_key([], digests, "ontology", ontology.digest)}
    groups = {REFERENCE_GRAPH: (folder_files(seeds / "reference"), "reference"),
              REGISTRY_GRAPH: ([seeds / REGISTRY_FILE], "registry")}
    for name, (paths, label) in groups.items():
        read_as_digested = [digests.unchanged(path) for path in paths]
        keys[name] = files_key(paths, digests, label) if all(read_as_digested) else None
    return keys


def check_article_ids(scans: list[Scan], compiled: list[Compiled]) -> None:
    seen: dict[str, ArticleAnnotation] = {}
    for scan, article in zip(scans, (c.article for c in compiled), strict=True):
        if article.identifier in seen:
            first = seen[article.identifier].path
            raise KgError(f"article id '{article.identifier}' is also used by {first} line {id_line(Path(first))}; "
                          "give each article its own id", scan.path, id_line(scan.path), "article.id")
        seen[article.identifier] = article


def id_line(path: Path) -> int:
    """The line of `article: id:` in an annotation file already read once."""
    return read_yaml(path)["article"].key_lines["id"]


def check_sources(sources: Sources) -> None:
    """Run the checks across all sources."""
    facts = sources.facts()
    check_types(facts, sources.ontology)
    check_functional(facts, sources.ontology)
    check_cycles(facts)
    check_editions(facts)


def reason(sources: Sources, cache: Path) -> set[Triple]:
    """What the reference data, the registry and each article entail, one unit each, derived by the ontology's
    rules (an article's when it is compiled); HermiT checks the ontology itself once (cached by its digest)."""
    check_ontology(sources.ontology, cache)
    rules = RuleReasoner(sources.ontology)
    inferred: set[Triple] = set()
    for triples in ([f.triple for f in sources.reference.facts], [f.triple for f in sources.registry.facts]):
        unit = unit_triples(triples, sources.types)
        inferred |= entailments(set(triples) | set(unit), rules.infer(unit), sources.ontology)
    return inferred.union(*(c.entailed for c in sources.compiled))


def count_entities(triples: set[Triple], ontology: Ontology) -> Counter:
    """How many entities of each of our classes the dataset has."""
    ours = set(ontology.classes.values())
    return Counter(
        local_name(o) for s, p, o in triples
        if o in ours and p == RDF.type and str(s).startswith(str(ID))
    )
