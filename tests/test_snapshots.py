"""Named graphs compared with reviewed snapshots as RDF (isomorphism), showing the difference on failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import graph_diff, to_isomorphic

from kg.build import BuildResult
from kg.namespaces import GRAPH
from kg.turtle import Writer

GOLDEN = Path(__file__).resolve().parent / "golden"
SNAPSHOTS = {
    "article-komwil-i-apeksi-sosialisasi-medan-2025": GRAPH["article/komwil-i-apeksi-sosialisasi-medan-2025"],
    "inferred": GRAPH["inferred"],
    "resolved": GRAPH["resolved"],
    "registry": GRAPH["registry"],
}


@pytest.fixture(scope="module")
def dataset(built: tuple[Path, BuildResult]) -> Dataset:
    dataset = Dataset()
    dataset.parse(built[0] / "kg.trig", format="trig")
    return dataset


def difference(expected: Graph, actual: Graph) -> str:
    _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(actual))
    writer = Writer()
    return f"missing:\n{writer.block(missing)}\nnot expected:\n{writer.block(extra)}"


@pytest.mark.parametrize("name", sorted(SNAPSHOTS))
def test_named_graph_matches_its_snapshot(dataset: Dataset, name: str) -> None:
    actual = Graph()
    for triple in dataset.graph(URIRef(SNAPSHOTS[name])):
        actual.add(triple)
    expected = Graph().parse(GOLDEN / f"{name}.ttl", format="turtle")
    assert to_isomorphic(actual) == to_isomorphic(expected), difference(expected, actual)
