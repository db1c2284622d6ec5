"""Every saved query on a generated corpus of 300 articles: each answers, with rows, in less than a few times
what reading every quad of the store once takes in the same run. The bound is relative, so a loaded machine
moves both sides alike; a query whose cost grows with the square of the corpus overshoots it many times (the
conflicts query before its position labels were anchored took 12 scans here; the heaviest query, provenance,
which reports every statement, takes about 2.5)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from corpus_generator import make_corpus

from kg.build import build
from kg.query import available, bindings, find_query, run
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 300
SCANS = 8
EVERY_QUAD = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("scale")
    make_corpus(folder / "seeds", ARTICLES)
    build(folder / "seeds", folder / "out", ROOT / "ontology")
    return open_store(folder / "out" / "kg.trig")


@pytest.fixture(scope="module")
def scan_seconds(store) -> float:
    started = time.perf_counter()
    assert sum(1 for _ in store.query(EVERY_QUAD)) > 100_000
    return time.perf_counter() - started


@pytest.mark.parametrize("name", available())
def test_every_saved_query_scales(store, scan_seconds: float, name: str) -> None:
    query = find_query(name)
    started = time.perf_counter()
    rows = list(run(store, query, bindings(query, {})))
    seconds = time.perf_counter() - started
    assert rows, f"{name} found nothing in a generated corpus of {ARTICLES} articles"
    scans = seconds / scan_seconds
    assert scans < SCANS, f"{name} took {scans:.1f} times a scan of the store on {ARTICLES} articles"
