"""Every saved query on a generated corpus of 300 articles: each answers, with rows, well inside a budget that
a query whose cost grows with the square of the corpus overshoots many times (the conflicts query before its
position labels were anchored took 17 s here; the slowest query now takes about 0.4 s)."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from corpus_generator import make_corpus

from kg.build import build
from kg.query import available, bindings, find_query, open_store, run

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 300
BUDGET_SECONDS = 5.0


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("scale")
    make_corpus(folder / "seeds", ARTICLES)
    build(folder / "seeds", folder / "out", ROOT / "ontology")
    return open_store(folder / "out" / "kg.trig")


@pytest.mark.parametrize("name", available())
def test_every_saved_query_scales(store, name: str) -> None:
    query = find_query(name)
    started = time.perf_counter()
    rows = list(run(store, query, bindings(query, {})))
    seconds = time.perf_counter() - started
    assert rows, f"{name} found nothing in a generated corpus of {ARTICLES} articles"
    assert seconds < BUDGET_SECONDS, f"{name} took {seconds:.1f} s on {ARTICLES} articles"
