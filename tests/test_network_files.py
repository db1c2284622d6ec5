"""GraphML and GEXF for Gephi and Cytoscape: the page's network with its colours, sizes and positions,
read back by networkx and igraph."""

from __future__ import annotations

from pathlib import Path

import igraph
import networkx as nx
import pytest

from kg.export import export
from kg.facts import read_facts
from kg.network import build_network, graphml_ready
from kg.viz import STYLES, appearance


@pytest.fixture(scope="module")
def trig(built: tuple[Path, object]) -> Path:
    return built[0] / "kg.trig"


@pytest.fixture(scope="module")
def network(trig: Path) -> nx.MultiDiGraph:
    return build_network(read_facts(trig))


@pytest.fixture(scope="module")
def files(trig: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("network")
    paths = {}
    for fmt in ("graphml", "gexf"):
        paths[fmt] = folder / f"kg.{fmt}"
        paths[fmt].write_text(export(trig, fmt), encoding="utf-8")
    return paths


def hex_of(r: int, g: int, b: int) -> str:
    return f"#{r:02x}{g:02x}{b:02x}"


def test_graphml_is_the_network_of_the_page_with_its_look(files: dict[str, Path], network: nx.MultiDiGraph) -> None:
    back = nx.read_graphml(files["graphml"], force_multigraph=True)
    expected, looks = graphml_ready(network), appearance(network)
    assert set(back) == set(expected) and len(back) == 38
    for node, data in back.nodes(data=True):
        look = looks[node]
        assert data == {**expected.nodes[node], "color": look.color, "r": int(look.color[1:3], 16),
                        "g": int(look.color[3:5], 16), "b": int(look.color[5:7], 16), "size": look.size,
                        "x": float(look.x), "y": float(look.y), "shape": look.shape}, node
    assert sorted(back.edges(keys=True, data=True), key=repr) == sorted(expected.edges(keys=True, data=True), key=repr)
    assert back.nodes["kota-medan"]["color"] == STYLES["City"].color
    assert back.nodes["rico-waas"]["mentioned"] is True


def test_graphml_booleans_are_lower_case(files: dict[str, Path]) -> None:
    text = files["graphml"].read_text(encoding="utf-8")
    assert '<key id="d9" for="node" attr.name="mentioned" attr.type="boolean" />' in text
    assert ">True<" not in text and ">False<" not in text
    assert text.count('<data key="d9">true</data>') + text.count('<data key="d9">false</data>') == 38


def test_igraph_reads_the_graphml_with_booleans_colours_and_positions(files: dict[str, Path],
                                                                    network: nx.MultiDiGraph) -> None:
    graph = igraph.Graph.Read_GraphML(str(files["graphml"]))
    looks = appearance(network)
    assert (graph.vcount(), graph.ecount()) == (network.number_of_nodes(), network.number_of_edges())
    by_id = {vertex["id"]: vertex for vertex in graph.vs}
    for node, look in looks.items():
        vertex = by_id[node]
        assert (vertex["color"], vertex["size"], vertex["x"], vertex["y"]) == (look.color, look.size, look.x, look.y)
        assert hex_of(int(vertex["r"]), int(vertex["g"]), int(vertex["b"])) == look.color
        assert vertex["mentioned"] is network.nodes[node]["mentioned"], node
    assert {vertex["mentioned"] for vertex in graph.vs} == {True, False}


def test_gexf_carries_the_look_in_its_viz_namespace(files: dict[str, Path], network: nx.MultiDiGraph) -> None:
    back = nx.read_gexf(files["gexf"])
    looks = appearance(network)
    assert isinstance(back, nx.MultiDiGraph)
    assert (back.number_of_nodes(), back.number_of_edges()) == (network.number_of_nodes(), network.number_of_edges())
    for node, look in looks.items():
        data = back.nodes[node]
        color = data["viz"]["color"]
        assert hex_of(color["r"], color["g"], color["b"]) == look.color
        assert data["viz"]["size"] == look.size
        assert (data["viz"]["position"]["x"], data["viz"]["position"]["y"]) == (look.x, -look.y), "y upwards"
        assert data["label"] == network.nodes[node]["label"]
        assert data["kind"] == network.nodes[node]["kind"]
        assert data["mentioned"] is network.nodes[node]["mentioned"]
    labels = sorted(label for _, _, label in back.edges(data="label"))
    assert labels == sorted(label for _, _, label in network.edges(data="label"))


def test_gexf_is_the_same_on_another_day(files: dict[str, Path]) -> None:
    text = files["gexf"].read_text(encoding="utf-8")
    assert "lastmodifieddate" not in text
    assert 'value="True"' not in text and 'value="False"' not in text
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n<gexf ')
