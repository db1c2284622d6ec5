"""Compiling one article: its annotation read against the corpus index, its named graph written as a Turtle
block, and what its unit entails; cached under out/.cache/articles/ by a digest of everything that goes in.

The key covers the annotation file, the article text, the ontology, the corpus index (every identifier's
class, name and declaring source, the folds and the registry's judgements) and the build's own code, so an
entry is reused only when compiling again would give the same bytes. Cold compiles run in parallel across
the cores; results are put back in file order, so the output does not depend on which finished first.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from multiprocessing import get_context
from pathlib import Path

from rdflib import URIRef

from kg.annotations import ArticleAnnotation, Scan, read_annotation
from kg.cache import read_entry, write_entry
from kg.corpus import Corpus
from kg.dataset import article_graph
from kg.inference import entailments
from kg.model import Triple
from kg.ontology import Ontology
from kg.progress import progress
from kg.reasoner import unit_triples
from kg.rules import RuleReasoner
from kg.turtle import Writer

ARTICLES = Path(".cache") / "articles"
PARALLEL_FROM = 64


@dataclass
class Compiled:
    """One article compiled: the annotation as read, its graph's Turtle block, what its unit entails."""

    article: ArticleAnnotation
    block: str
    entailed: frozenset[Triple]


@cache
def build_version() -> str:
    """A digest of the build's own code: a new version never reuses an older version's entries."""
    digest = hashlib.sha256()
    for path in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def index_digest(corpus: Corpus) -> str:
    """The part of the corpus index an article's compile depends on."""
    known = sorted((i, str(k.cls), k.name, k.source) for i, k in corpus.known.items())
    judged = (sorted(corpus.folded.items()), sorted(sorted(pair) for pair in corpus.distinct),
              sorted((k, v[0]) for k, v in corpus.concepts.items()))
    return hashlib.sha256(repr((known, judged)).encode()).hexdigest()


def article_key(scan: Scan, context: str) -> str | None:
    """The cache key of one annotation file, or None when its text cannot be found (reading it will say why)."""
    try:
        text = scan.path.parent / scan.data["article"]["text"]
        if not text.is_file():  # a device or a fifo: reading the article refuses it, without reading it
            return None
        data = scan.path.read_bytes() + b"\0" + text.read_bytes()
    except (OSError, KeyError, TypeError, ValueError):
        return None
    return hashlib.sha256(f"{context}\0{scan.path}\0".encode() + data).hexdigest()


@dataclass
class Compiler:
    """Compiles the articles of one corpus index."""

    ontology: Ontology
    corpus: Corpus
    types: dict[URIRef, URIRef]

    def compile(self, scan: Scan) -> Compiled:
        article = read_annotation(scan, self.ontology, self.corpus)
        triples = [f.triple for f in article.facts]
        unit = unit_triples(triples, self.types)
        reasoner = RuleReasoner(self.ontology)
        entailed = entailments(set(triples) | set(unit), reasoner.infer(unit), self.ontology)
        return Compiled(article, Writer().block(article_graph(article)), frozenset(entailed))


_WORKER: Compiler | None = None


def _compile_in_worker(scan: Scan) -> bytes:
    assert _WORKER is not None
    return pickle.dumps(_WORKER.compile(scan), protocol=pickle.HIGHEST_PROTOCOL)


def compile_articles(scans: list[Scan], compiler: Compiler, cache: Path | None) -> list[Compiled]:
    """Every article compiled, in file order: from the cache where its key is there, else compiled (in parallel
    when there are many) and stored."""
    context = f"{build_version()}\0{compiler.ontology.digest}\0{index_digest(compiler.corpus)}"
    keys = [article_key(scan, context) for scan in scans]
    found: list[Compiled | None] = [_cached(cache, key) for key in keys]
    missing = [i for i, compiled in enumerate(found) if compiled is None]
    for i, payload in zip(missing, _compile_all([scans[i] for i in missing], compiler), strict=True):
        found[i] = pickle.loads(payload)
        if cache is not None and keys[i] is not None:
            write_entry(cache / ARTICLES / f"{keys[i]}.pickle", payload)
    return [c for c in found if c is not None]


def _compile_all(scans: list[Scan], compiler: Compiler) -> list[bytes]:
    workers = min(os.cpu_count() or 1, 8)
    if len(scans) < PARALLEL_FROM or workers < 2:
        done = (pickle.dumps(compiler.compile(scan), protocol=pickle.HIGHEST_PROTOCOL) for scan in scans)
        return list(progress(done, len(scans), "compiling"))
    global _WORKER
    _WORKER = compiler
    try:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
            return list(progress(pool.map(_compile_in_worker, scans, chunksize=16), len(scans), "compiling"))
    finally:
        _WORKER = None


def _cached(cache: Path | None, key: str | None) -> Compiled | None:
    if cache is None or key is None:
        return None
    payload = read_entry(cache / ARTICLES / f"{key}.pickle")
    if payload is None:
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # an entry from another Python or rdflib reads as absent
        return None
