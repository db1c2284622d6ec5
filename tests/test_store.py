"""The persistent store holds exactly what kg.trig holds; a changed article replaces its own graphs only;
queries read the store, and fall back to kg.trig when the store is not the build's."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pyoxigraph as ox
import pytest
from corpus_generator import make_corpus

from kg import build as build_module
from kg import store as store_module
from kg.build import build
from kg.errors import KgError
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


def raw_answers(store: ox.Store) -> dict[str, str]:
    """Each saved query's answer as `kg query` writes it, in the engine's order."""
    return {name: render(run(store, find_query(name), bindings(find_query(name), {})), "csv") for name in available()}


@pytest.fixture
def replaced(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    calls: list[list[str]] = []
    original = build_module.update_store
    monkeypatch.setattr(build_module, "update_store", lambda *args: calls.append(original(*args)) or calls[-1])
    return calls


def test_a_store_loaded_while_the_build_goes_on_holds_the_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  replaced: list[list[str]]) -> None:
    make_corpus(tmp_path / "seeds", 12)
    monkeypatch.setattr(store_module, "PRELOAD_FROM", 5)
    monkeypatch.setattr(store_module, "PRELOAD_BATCH", 5)
    preloaded: list[int] = []
    load = store_module.Preload.load
    monkeypatch.setattr(store_module.Preload, "load", lambda self, store, header, blocks: (
        preloaded.append(len(blocks)), load(self, store, header, blocks)))
    build(tmp_path / "seeds", tmp_path / "out", ONTOLOGY)
    assert preloaded == [12]
    assert len(replaced[0]) == 12 + 5
    monkeypatch.setattr(store_module, "PRELOAD_FROM", 10**9)
    build(tmp_path / "seeds", tmp_path / "whole", ONTOLOGY)
    assert preloaded == [12]
    stores = [open_built(tmp_path / out / "kg.trig") for out in ("out", "whole")]
    assert stores[0] is not None and stores[1] is not None
    assert_same_dataset(stores[0], tmp_path / "out" / "kg.trig")
    assert raw_answers(stores[0]) == raw_answers(stores[1])


def test_a_build_that_fails_while_the_store_is_loaded_leaves_it_to_the_next(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    make_corpus(tmp_path / "seeds", 12)
    monkeypatch.setattr(store_module, "PRELOAD_FROM", 5)
    shared_graphs = build_module.shared_graphs

    def failing(*args):
        raise KgError("stopped here")

    monkeypatch.setattr(build_module, "shared_graphs", failing)
    out = tmp_path / "out"
    with pytest.raises(KgError, match="stopped here"):
        build(tmp_path / "seeds", out, ONTOLOGY)
    assert not (out / MANIFEST).exists() and not (out / "kg.trig").exists()
    monkeypatch.setattr(build_module, "shared_graphs", shared_graphs)
    build(tmp_path / "seeds", out, ONTOLOGY)
    store = open_built(out / "kg.trig")
    assert store is not None
    assert_same_dataset(store, out / "kg.trig")


def test_a_load_that_fails_on_its_thread_fails_the_build_and_the_next_build_loads_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_corpus(tmp_path / "seeds", 12)
    monkeypatch.setattr(store_module, "PRELOAD_FROM", 5)
    named_block = store_module.named_block

    def broken_on_the_thread(name: str, block: str) -> str:
        return named_block(name, block) if threading.current_thread() is threading.main_thread() else "<not {\n"

    monkeypatch.setattr(store_module, "named_block", broken_on_the_thread)
    out = tmp_path / "out"
    with pytest.raises(SyntaxError):
        build(tmp_path / "seeds", out, ONTOLOGY)
    assert not (out / MANIFEST).exists()
    monkeypatch.undo()
    build(tmp_path / "seeds", out, ONTOLOGY)
    store = open_built(out / "kg.trig")
    assert store is not None
    assert_same_dataset(store, out / "kg.trig")


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


@pytest.mark.parametrize("lost", [store_module.STORE, MANIFEST])
def test_a_build_with_nothing_changed_loads_the_store_again_when_it_or_its_manifest_was_lost(
        tmp_path: Path, lost: str) -> None:
    out = tmp_path / "out"
    build(ROOT / "seeds", out, ONTOLOGY)
    if (out / lost).is_dir():
        shutil.rmtree(out / lost)
    else:
        (out / lost).unlink()
    build(ROOT / "seeds", out, ONTOLOGY)
    store = open_built(out / "kg.trig")
    assert store is not None
    assert_same_dataset(store, out / "kg.trig")


HEADER = "@prefix ex: <https://example.org/> .\n\n"
SHARED = "https://example.org/shared"


def shared_block(statements: dict[str, str]) -> list[str]:
    return [f"ex:{subject}\n    ex:says {said} .\n" for subject, said in sorted(statements.items())]


def update_shared(trig: Path, parts: list[str]) -> list[str]:
    trig.write_text(f"{HEADER}<{SHARED}> {{\n" + "\n".join(parts) + "\n}\n", encoding="utf-8")
    return build_module.update_store(trig, HEADER, [(SHARED, "\n".join(parts))], {SHARED: parts})


def says(trig: Path) -> set[tuple[str, str]]:
    store = open_built(trig)
    assert store is not None
    return {(q.subject.value.rsplit("/", 1)[1], q.object.value) for q in store}


def test_a_shared_graph_changes_by_the_subjects_whose_statements_changed(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    trig = tmp_path / "kg.trig"
    update_shared(trig, shared_block({"medan": '"Bobby"', "padang": '"Hendri"', "solok": '"Zul"'}))
    monkeypatch.setattr(store_module, "replace_by_difference", lambda *_: pytest.fail("the whole graph was read"))
    assert update_shared(trig, shared_block({"medan": '"Rico"', "padang": '"Hendri"', "bukittinggi": '"Erman"'})) \
        == [SHARED]
    assert says(trig) == {("medan", "Rico"), ("padang", "Hendri"), ("bukittinggi", "Erman")}
    assert len(list((tmp_path / store_module.PARTS).glob("*.json"))) == 1


def test_damaged_parts_fall_back_to_the_difference_of_the_whole_graph(tmp_path: Path) -> None:
    trig = tmp_path / "kg.trig"
    update_shared(trig, shared_block({"medan": '"Bobby"', "padang": '"Hendri"'}))
    for entry in (tmp_path / store_module.PARTS).glob("*.json"):
        entry.write_text("sha256 0\n[]", encoding="utf-8")
    update_shared(trig, shared_block({"medan": '"Rico"', "padang": '"Hendri"'}))
    assert says(trig) == {("medan", "Rico"), ("padang", "Hendri")}
