"""The facts the network pages draw, read graph by graph from the slices of kg.trig and cached by each graph's
digest: the same facts as a parse of the whole file, a changed article read alone, a damaged entry read again."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from corpus_generator import make_corpus

from kg import facts as facts_module
from kg import parallel
from kg.build import BuildResult, build
from kg.facts import CACHE, Facts, read_facts

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 30


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, list[str]]:
    """A built corpus of generated articles: its seeds folder and its annotation files."""
    names = make_corpus(tmp_path / "seeds", ARTICLES)
    build(tmp_path / "seeds", tmp_path / "out", ROOT / "ontology")
    return tmp_path / "seeds", names


@pytest.fixture
def sections_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The graphs whose sections are parsed, by name, as they are parsed."""
    read: list[str] = []
    parse = facts_module._read_section

    def noting(name: str, text: bytes) -> bytes:
        read.append(name)
        return parse(name, text)

    monkeypatch.setattr(facts_module, "_read_section", noting)
    return read


def plain(facts: Facts) -> tuple:
    """Everything the facts hold, with the order of each list kept."""
    about = {s: {p: list(objects) for p, objects in props.items()} for s, props in facts.about.items()}
    return (about, facts.concepts, dict(facts.quotes), dict(facts.record_quotes), dict(facts.sources),
            facts.mentioned)


def whole_file(trig: Path, folder: Path) -> Facts:
    """The facts of a copy of `trig` that has no manifest beside it, so the whole file is parsed."""
    folder.mkdir()
    shutil.copyfile(trig, folder / "kg.trig")
    return read_facts(folder / "kg.trig")


def entries(out: Path) -> list[Path]:
    return sorted((out / CACHE).glob("*.pickle"))


def test_seeds_read_by_slices_are_the_facts_of_the_whole_file(built: tuple[Path, BuildResult],
                                                              tmp_path: Path) -> None:
    assert plain(read_facts(built[0] / "kg.trig")) == plain(whole_file(built[0] / "kg.trig", tmp_path / "copy"))


def test_a_changed_article_is_read_alone_and_the_facts_are_those_of_the_whole_file(
        corpus: tuple[Path, list[str]], sections_read: list[str], tmp_path: Path) -> None:
    seeds, names = corpus
    trig = tmp_path / "out" / "kg.trig"
    cold = read_facts(trig)
    graphs = len(sections_read)
    assert graphs == ARTICLES + 2 and len(entries(tmp_path / "out")) == graphs
    assert plain(read_facts(trig)) == plain(cold) and len(sections_read) == graphs
    changed = seeds / "annotations" / names[ARTICLES // 2]
    changed.write_text(changed.read_text(encoding="utf-8").replace("role: spoke", "role: chaired"), encoding="utf-8")
    build(seeds, tmp_path / "out", ROOT / "ontology")
    sections_read.clear()
    warm = read_facts(trig)
    assert sections_read == [f"https://w3id.org/apeksi-kg/graph/article/{Path(names[ARTICLES // 2]).stem}"]
    assert plain(warm) != plain(cold)
    assert plain(warm) == plain(whole_file(trig, tmp_path / "copy"))
    assert len(entries(tmp_path / "out")) == graphs


def test_a_damaged_entry_is_read_again(corpus: tuple[Path, list[str]], sections_read: list[str],
                                       tmp_path: Path) -> None:
    trig = tmp_path / "out" / "kg.trig"
    cold = plain(read_facts(trig))
    damaged = entries(tmp_path / "out")[3]
    damaged.write_bytes(damaged.read_bytes()[:-10])
    sections_read.clear()
    assert plain(read_facts(trig)) == cold
    assert len(sections_read) == 1


def test_graphs_read_in_parallel_give_the_same_facts(corpus: tuple[Path, list[str]], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    trig = tmp_path / "out" / "kg.trig"
    serial = plain(read_facts(trig))
    shutil.rmtree(tmp_path / "out" / CACHE)
    monkeypatch.setattr(facts_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(parallel.os, "cpu_count", lambda: 2)
    assert plain(read_facts(trig)) == serial
