"""Compiling one article: its annotation read against the corpus index, its named graph written as a Turtle
block, and what its unit entails; cached under out/.cache/articles/ by a digest of everything that goes in.

The key covers the annotation file, the article text, the ontology, the reference data and the build's own
code. An entry also notes the identifiers its compile looked up in the corpus index and a digest of what the
index said of them (fold, class, name, declaring source, other names): it is reused only while the index
still says the same of each, so a declaration added elsewhere recompiles only the articles that use it, and
compiling again would give the same bytes. Cold compiles run in parallel across the cores; results are put
back in file order, so the output does not depend on which finished first.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from rdflib import URIRef

from kg.annotations import ArticleAnnotation, Scan, read_annotation
from kg.cache import keep_only, read_pickled, write_entry
from kg.corpus import Corpus
from kg.dataset import article_triples
from kg.inference import entailments
from kg.model import Triple
from kg.namespaces import BASE, ID, entity_id
from kg.ontology import Ontology
from kg.parallel import forked_map, shared
from kg.pickling import dumps
from kg.reasoner import unit_triples
from kg.rules import RuleReasoner
from kg.stat_cache import FileDigests
from kg.turtle import Writer

ARTICLES = Path(".cache") / "articles"
ENTITIES = tuple(BASE + part for part in ("id/", "position/", "participation/"))
PARALLEL_FROM = 64


@dataclass
class Compiled:
    """One article compiled: the annotation as read, its graph's Turtle block, what its unit entails."""

    article: ArticleAnnotation
    block: str
    entailed: frozenset[Triple]
    uses: tuple[str, ...] = ()
    used: str = ""
    mentions: frozenset[str] = frozenset()


def described(article_iri: str, triples: Iterable[Triple]) -> frozenset[str]:
    """The entities an article's facts are about, or point to."""
    own = article_iri + "/"
    return frozenset(str(term) for triple in triples for term in (triple[0], triple[2])
                     if isinstance(term, URIRef) and str(term).startswith(ENTITIES) and not str(term).startswith(own))


@cache
def build_version() -> str:
    """A digest of the build's own code: a new version never reuses an older version's entries."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


class Noting(Mapping):
    """A read-only view of a mapping keyed by identifier that notes every key asked for."""

    def __init__(self, data: Mapping[str, object], noted: set[str]) -> None:
        self.data, self.noted = data, noted

    def __getitem__(self, key: str) -> object:
        self.noted.add(key)
        return self.data[key]

    def __contains__(self, key: object) -> bool:
        if isinstance(key, str):
            self.noted.add(key)
        return key in self.data

    def __iter__(self) -> Iterator[str]:
        return iter(self.data)

    def __len__(self) -> int:
        return len(self.data)


def noting(corpus: Corpus, noted: set[str]) -> Corpus:
    """The same corpus index, noting in `noted` every identifier looked up in it."""
    return replace(corpus, known=Noting(corpus.known, noted), folded=Noting(corpus.folded, noted),
                   names=Noting(corpus.names, noted))


def index_says(corpus: Corpus, identifier: str) -> tuple:
    """What the corpus index says of one identifier: its fold, and of the canonical one class, name, declaring
    source and other names."""
    canonical = corpus.canonical(identifier)
    known = corpus.known.get(canonical)
    declared = None if known is None else (str(known.cls), known.name, known.source)
    return identifier, canonical, declared, sorted({name for name, _ in corpus.names.get(canonical, ())})


def article_key(scan: Scan, context: str, digests: FileDigests) -> tuple[str, Path] | None:
    """The cache key of one annotation file and the path of its text, or None when the text cannot be found
    (reading it will say why)."""
    try:
        text = scan.path.parent / scan.data["article"]["text"]
        if not text.is_file():  # a device or a fifo: reading the article refuses it, without reading it
            return None
        data = f"{context}\0{scan.path}\0{digests.content(scan.path)}\0{digests.content(text)}"
    except (OSError, KeyError, TypeError, ValueError):
        return None
    return hashlib.sha256(data.encode()).hexdigest(), text


@dataclass
class Compiler:
    """Compiles the articles of one corpus index."""

    ontology: Ontology
    corpus: Corpus
    types: dict[URIRef, URIRef]
    reference_key: str = ""
    reasoner: RuleReasoner = field(init=False)
    writer: Writer = field(init=False, default_factory=Writer)
    said: dict[str, tuple] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.reasoner = RuleReasoner(self.ontology)

    def used_digest(self, uses: tuple[str, ...]) -> str:
        """A digest of what the corpus index says of these identifiers, each looked up once per build."""
        for identifier in uses:
            if identifier not in self.said:
                self.said[identifier] = index_says(self.corpus, identifier)
        return hashlib.sha256(repr([self.said[identifier] for identifier in uses]).encode()).hexdigest()

    def current(self, compiled: Compiled | None) -> Compiled | None:
        """A cached compile, when the corpus index still says the same of every identifier it used."""
        return compiled if compiled is not None and compiled.used == self.used_digest(compiled.uses) else None

    def compile(self, scan: Scan) -> Compiled:
        noted: set[str] = set()
        article = read_annotation(scan, self.ontology, noting(self.corpus, noted))
        triples = [f.triple for f in article.facts]
        unit = unit_triples(triples, self.types)
        entailed = entailments(set(triples) | set(unit), self.reasoner.infer(unit), self.ontology)
        noted |= {entity_id(node) for triple in triples for node in triple
                  if isinstance(node, URIRef) and str(node).startswith(str(ID))}
        uses = tuple(sorted(noted))
        return Compiled(article, self.writer.block_of(article_triples(article)), frozenset(entailed), uses,
                        self.used_digest(uses), described(str(article.iri), triples))


def _compile_in_worker(scan: Scan) -> bytes:
    return dumps(shared().compile(scan))


def compile_articles(scans: list[Scan], compiler: Compiler, cache: Path | None, digests: FileDigests
                     ) -> list[Compiled]:
    """Every article compiled, in file order: from the cache where its key is there, else compiled (in parallel
    when there are many) and stored, unless its files changed since `digests` took theirs."""
    context = f"{build_version()}\0{compiler.ontology.digest}\0{compiler.reference_key}"
    keyed = [article_key(scan, context, digests) for scan in scans]
    keys = [k[0] if k is not None else None for k in keyed]
    found: list[Compiled | None] = [compiler.current(_cached(cache, key)) for key in keys]
    missing = [i for i, compiled in enumerate(found) if compiled is None]
    for i, payload in zip(missing, _compile_all([scans[i] for i in missing], compiler), strict=True):
        found[i] = pickle.loads(payload)
        if cache is not None and keyed[i] is not None and _settled(digests, scans[i].path, keyed[i][1]):
            write_entry(cache / ARTICLES / f"{keys[i]}.pickle", payload)
    if cache is not None:
        keep_only(cache / ARTICLES, {f"{key}.pickle" for key in keys if key is not None})
    return [c for c in found if c is not None]


def _settled(digests: FileDigests, *paths: Path) -> bool:
    return all(digests.unchanged(path) for path in paths)


def _compile_all(scans: list[Scan], compiler: Compiler) -> list[bytes]:
    return forked_map(_compile_in_worker, [scans], "compiling", PARALLEL_FROM, chunksize=16, sharing=compiler)


def _cached(cache: Path | None, key: str | None) -> Compiled | None:
    if cache is None or key is None:
        return None
    return read_pickled(cache / ARTICLES / f"{key}.pickle", Compiled)
