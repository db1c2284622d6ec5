"""`kg build`: ontology, reference data and annotations to one reasoned RDF dataset."""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.annotations import ArticleAnnotation, Scan, read_annotation, scan_annotation
from kg.claims import Conflict, resolve
from kg.corpus import Corpus, Duplicate, index_corpus
from kg.dataset import article_graph, graph_of
from kg.errors import KgError, display_path
from kg.files import write_files
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
from kg.reasoner import check_ontology, unit_triples
from kg.reference import load_reference
from kg.registry import Registry, load_registry
from kg.rules import RuleReasoner
from kg.turtle import Writer
from kg.typecheck import check_functional, check_types

TRIG = "kg.trig"
TURTLE = "kg.ttl"
SOURCES_STAMP = ".sources.sha256"
CACHE = Path(".cache") / "reasoner"


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
            f"  conflicts between articles: {len(self.open_conflicts)} open, "
            f"{len(self.conflicts) - len(self.open_conflicts)} settled by the registry",
        ])

    @property
    def open_conflicts(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.settled is None]

    def warnings(self) -> list[str]:
        """What the build accepts but `kg check` reports."""
        found = [f"possible duplicate: {d}" for d in self.duplicates]
        return found + [f"conflict: {entity_id(c.node)}: {c}" for c in self.open_conflicts]


@dataclass
class Sources:
    """Everything a build reads, checked across sources; `types` is the class of every entity."""

    ontology: Ontology
    corpus: Corpus
    registry: Registry
    articles: list[ArticleAnnotation]
    types: dict[URIRef, URIRef] = field(default_factory=dict)

    @property
    def reference(self):
        return self.corpus.reference

    def facts(self) -> list[Fact]:
        return [*self.reference.facts, *self.registry.facts, *(f for a in self.articles for f in a.facts)]


def read_sources(seeds: Path, ontology_dir: Path) -> Sources:
    """Read the ontology, the reference data, the registry and every annotation, and check them against each
    other: first the identifiers every file declares (the corpus index), then each article in full."""
    ontology, registry, scans, corpus = index_sources(seeds, ontology_dir)
    sources = Sources(ontology, corpus, registry, read_articles(scans, ontology, corpus))
    sources.types = check_sources(sources)
    return sources


def index_sources(seeds: Path, ontology_dir: Path) -> tuple[Ontology, Registry, list[Scan], Corpus]:
    """The ontology, the registry, each annotation file parsed and scanned, and the corpus index over them."""
    ontology = load_ontology(ontology_dir)
    reference = load_reference(seeds / "reference")
    registry = load_registry(seeds)
    scans = scan_articles(seeds / "annotations", ontology)
    return ontology, registry, scans, index_corpus(ontology, reference, registry, ((s.path, s.entries) for s in scans))


def source_files(seeds: Path, ontology_dir: Path) -> list[tuple[str, Path]]:
    """Every file a build reads, named relative to its folder: ontology, reference data, annotations, texts."""
    return sorted(
        (f"{label}/{path.relative_to(folder).as_posix()}", path)
        for label, folder in (("ontology", ontology_dir), ("seeds", seeds)) if folder.is_dir()
        for path in folder.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(folder).parts)
    )


def sources_digest(seeds: Path, ontology_dir: Path) -> str:
    """One digest of the names and contents of every source file: it changes when any is edited, added or removed."""
    digest = hashlib.sha256()
    for name, path in source_files(seeds, ontology_dir):
        digest.update(f"{name}\0{hashlib.sha256(path.read_bytes()).hexdigest()}\n".encode())
    return digest.hexdigest()


def build(seeds: Path, out: Path, ontology_dir: Path) -> BuildResult:
    """Read everything, check it, reason over it and write out/kg.trig and out/kg.ttl."""
    started = time.perf_counter()
    digest = sources_digest(seeds, ontology_dir)
    return build_from(read_sources(seeds, ontology_dir), out, started, digest)


def build_from(sources: Sources, out: Path, started: float, digest: str) -> BuildResult:
    """Reason over checked sources and write the dataset, with `digest`, the digest of its sources."""
    ontology, reference, articles = sources.ontology, sources.reference, sources.articles
    resolution = resolve(articles, sources.registry.preferences, sources.corpus)
    graphs: list[tuple[URIRef, Graph]] = [(ONTOLOGY_GRAPH, ontology.graph), (REFERENCE_GRAPH, reference.graph),
                                          (REGISTRY_GRAPH, sources.registry.graph)]
    graphs += [(article.graph_iri, article_graph(article)) for article in articles]
    graphs.append((RESOLVED_GRAPH, graph_of(resolution.triples)))
    stated = {triple for _, graph in graphs for triple in graph}
    inferred = reason(sources, out / CACHE) - stated
    graphs.append((INFERRED_GRAPH, graph_of(inferred)))
    writer = Writer()
    blocks = [(name, writer.block(graph)) for name, graph in graphs]
    outputs = [out / TRIG, out / TURTLE]
    write_files({outputs[0]: writer.trig_of_blocks(blocks),
                 outputs[1]: writer.turtle_of_blocks(block for _, block in blocks),
                 out / SOURCES_STAMP: digest + "\n"})
    return BuildResult(
        outputs=outputs,
        articles=len(articles),
        entities=count_entities(stated | inferred, ontology),
        facts=sum(len({f.triple for f in article.facts}) for article in articles),
        reference_statements=len(reference.graph),
        registry_statements=len(sources.registry.graph),
        inferred=len(inferred),
        seconds=time.perf_counter() - started,
        conflicts=resolution.conflicts,
        duplicates=sources.corpus.duplicates(),
    )


def scan_articles(directory: Path, ontology: Ontology) -> list[Scan]:
    paths = sorted([*directory.glob("*.yaml"), *directory.glob("*.yml")])
    if not paths:
        raise KgError("no annotation files (*.yaml) found; add one per article", directory)
    return [scan_annotation(path, ontology) for path in paths]


def read_articles(scans: list[Scan], ontology: Ontology, corpus: Corpus) -> list[ArticleAnnotation]:
    articles: dict[str, ArticleAnnotation] = {}
    for scan in scans:
        article = read_annotation(scan, ontology, corpus)
        path = scan.path
        if article.identifier in articles:
            raise KgError(f"article id '{article.identifier}' is also used by {articles[article.identifier].path}; "
                          "give each article its own id", path, None, "article.id")
        articles[article.identifier] = article
    return list(articles.values())


def check_sources(sources: Sources) -> dict[URIRef, URIRef]:
    """Run the checks across all sources; return the class of every entity."""
    facts = sources.facts()
    check_types(facts, sources.ontology)
    check_functional(facts, sources.ontology)
    return {entity(identifier): known.cls for identifier, known in sources.corpus.known.items()}


def reason(sources: Sources, cache: Path) -> set[Triple]:
    """What the reference data and each article entail, one unit each, derived by the ontology's rules;
    HermiT checks the ontology itself once (cached by its digest)."""
    check_ontology(sources.ontology, cache)
    rules = RuleReasoner(sources.ontology)
    units = [[f.triple for f in sources.reference.facts], [f.triple for f in sources.registry.facts]]
    units += [[f.triple for f in article.facts] for article in sources.articles]
    inferred: set[Triple] = set()
    for triples in units:
        unit = unit_triples(triples, sources.types)
        inferred |= entailments(set(triples) | set(unit), rules.infer(unit), sources.ontology)
    return inferred


def count_entities(triples: set[Triple], ontology: Ontology) -> Counter:
    """How many entities of each of our classes the dataset has."""
    ours = set(ontology.classes.values())
    return Counter(
        local_name(o) for s, p, o in triples
        if p == RDF.type and o in ours and str(s).startswith(str(ID))
    )
