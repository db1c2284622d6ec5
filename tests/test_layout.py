"""The page's layout: deterministic, cached by the graph's shape, components side by side, labels kept apart."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

import kg.layout
from kg.build import BuildResult
from kg.facts import read_facts
from kg.layout import label_box, layout
from kg.network import build_network


@pytest.fixture(scope="module")
def graph(built: tuple[Path, BuildResult]) -> nx.MultiDiGraph:
    return build_network(read_facts(built[0] / "kg.trig"))


def test_positions_are_cached_by_the_graph_shape_and_a_damaged_entry_is_recomputed(
        graph: nx.MultiDiGraph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = layout(graph, tmp_path)
    [entry] = list(tmp_path.glob("*.json"))
    assert layout(graph.copy()) == first

    def never(*_: object) -> None:
        raise AssertionError("laid out again")

    with monkeypatch.context() as patch:
        patch.setattr(kg.layout, "_compute", never)
        assert layout(graph, tmp_path) == first
    entry.write_bytes(entry.read_bytes().replace(b"[", b"[1", 1))
    assert layout(graph, tmp_path) == first
    changed = graph.copy()
    changed.add_edge("maulan-aklil", "kota-medan", key="x")
    assert layout(changed, tmp_path) != first
    assert len(list(tmp_path.glob("*.json"))) == 2


def test_isolated_entities_sit_beside_the_main_component(graph: nx.MultiDiGraph) -> None:
    positions = layout(graph)
    main = max(nx.weakly_connected_components(graph), key=len)
    alone = [node for node in graph if graph.degree(node) == 0]
    assert alone
    assert min(positions[node][0] for node in alone) > max(positions[node][0] for node in main)
    assert max(positions[node][1] for node in alone) <= max(positions[node][1] for node in main)


def test_labels_of_the_seeds_do_not_overlap(graph: nx.MultiDiGraph) -> None:
    positions = layout(graph)
    boxes = {node: label_box(graph.nodes[node]["label"], graph.degree(node)) for node in graph}
    clashes = [(a, b) for a in graph for b in graph if a < b
               and abs(positions[a][0] - positions[b][0]) < (boxes[a][0] + boxes[b][0]) / 2 - 1
               and abs(positions[a][1] - positions[b][1]) < (boxes[a][1] + boxes[b][1]) / 2 - 1]
    assert clashes == []
