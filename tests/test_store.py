"""The persistent store holds exactly what kg.trig holds; a changed article replaces its own graphs only;
queries read the store, and fall back to kg.trig when the store is not the build's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from corpus_generator import make_corpus

from kg import build as build_module
from kg.build import build
from kg.query import available, bindings, find_query, run
from kg.results import render
from kg.store import MANIFEST, open_built, open_store

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = ROOT / "ontology"


def in_memory(trig: Path) -> ox.Store:
    store = ox.Store()
    store.bulk_load(path=str(trig), format=ox.RdfFormat.TRIG)
    return store


def ground_quads(store: ox.Store) -> set[ox.Quad]:
    return {q for q in store if not any(isinstance(t, ox.BlankNode) for t in (q.subject, q.object))}


def assert_same_dataset(store: ox.Store, trig: Path) -> None:
    expected = in_memory(trig)
    assert len(store) == len(expected)
    assert ground_quads(store) == ground_quads(expected)


def answers(store: ox.Store) -> dict[str, list[str]]:
    """Each saved query's rows, sorted: rows that tie on the ORDER BY keys come in the engine's order."""
    found = {}
    for name in available():
        query = find_query(name)
        found[name] = sorted(render(run(store, query, bindings(query, {})), "csv").splitlines())
    return found


@pytest.fixture
def replaced(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []
    original = build_module.update_store
    monkeypatch.setattr(build_module, "update_store", lambda *args: calls.append(original(*args)) or calls[-1])
    return calls


def test_the_store_holds_the_dataset_and_answers_every_saved_query_alike(tmp_path: Path) -> None:
    build(ROOT / "seeds", tmp_path / "out", ONTOLOGY)
    trig = tmp_path / "out" / "kg.trig"
    store = open_built(trig)
    assert store is not None
    assert_same_dataset(store, trig)
    assert answers(store) == answers(in_memory(trig))


def test_a_changed_article_replaces_its_graphs_only(tmp_path: Path, replaced: list[list[str]]) -> None:
    names = make_corpus(tmp_path / "seeds", 12)
    out = tmp_path / "out"
    build(tmp_path / "seeds", out, ONTOLOGY)
    assert len(replaced[0]) == 12 + 5
    changed = tmp_path / "seeds" / "annotations" / names[6]
    changed.write_text(changed.read_text(encoding="utf-8").replace("role: spoke", "role: chaired"), encoding="utf-8")
    build(tmp_path / "seeds", out, ONTOLOGY)
    article = f"https://w3id.org/apeksi-kg/graph/article/{changed.stem}"
    assert article in replaced[1]
    assert set(replaced[1]) <= {article, "https://w3id.org/apeksi-kg/graph/resolved",
                                "https://w3id.org/apeksi-kg/graph/inferred"}
    store = open_built(out / "kg.trig")
    assert store is not None
    assert_same_dataset(store, out / "kg.trig")
    del store
    changed.unlink()
    build(tmp_path / "seeds", out, ONTOLOGY)
    store = open_built(out / "kg.trig")
    assert store is not None
    assert not any(True for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(article)))
    assert_same_dataset(store, out / "kg.trig")


def test_queries_fall_back_to_kg_trig_when_the_store_is_not_the_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(ROOT / "seeds", out, ONTOLOGY)
    shutil.copy(out / "kg.trig", tmp_path / "copy.trig")
    (tmp_path / "copy.trig").replace(out / "kg.trig")
    assert open_built(out / "kg.trig") is None
    assert_same_dataset(open_store(out / "kg.trig"), out / "kg.trig")
    (out / MANIFEST).write_text("not json", encoding="utf-8")
    assert open_built(out / "kg.trig") is None
