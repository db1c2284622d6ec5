"""The dataset as a networkx graph: which entities and links, their names, dates and quotes."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from kg.build import BuildResult
from kg.errors import KgError
from kg.facts import Facts, read_facts
from kg.network import build_network, graphml_ready, neighbourhood

SHARING = "antara-babel-2019-apeksi-sharing-session"


@pytest.fixture(scope="module")
def facts(built: tuple[Path, BuildResult]) -> Facts:
    return read_facts(built[0] / "kg.trig")


@pytest.fixture(scope="module")
def graph(facts: Facts) -> nx.MultiDiGraph:
    return build_network(facts)


def edge(graph: nx.MultiDiGraph, source: str, target: str, label: str) -> dict:
    found = [data for data in graph.get_edge_data(source, target, default={}).values() if data["label"] == label]
    assert len(found) == 1, f"{source} -{label}-> {target}: {len(found)} edges"
    return found[0]


def test_default_network_has_the_mentioned_entities_and_the_komwil_and_provinces_of_their_cities(
        graph: nx.MultiDiGraph) -> None:
    kinds = Counter(kind for _, kind in graph.nodes(data="kind"))
    assert kinds == {"Person": 7, "Organization": 6, "Event": 5, "City": 5, "Province": 5, "Venue": 3,
                     "Agreement": 3, "Commission": 3, "Association": 1}
    assert graph.number_of_edges() == 56
    assert graph.nodes["komwil-iii"]["mentioned"] is False
    assert graph.nodes["provinsi-jambi"]["mentioned"] is False
    assert graph.nodes["maulan-aklil"]["mentioned"] is True
    assert "kota-ambon" not in graph


def test_all_adds_every_reference_city(facts: Facts) -> None:
    graph = build_network(facts, "all")
    assert sum(1 for _, kind in graph.nodes(data="kind") if kind == "City") == 98
    assert graph.nodes["kota-ambon"]["komwil"] == ["komwil-vi"]
    assert {"komwil-i", "komwil-ii", "komwil-iii", "komwil-iv", "komwil-v", "komwil-vi"} <= set(graph)


def test_node_has_preferred_name_other_names_and_the_words_that_name_it(graph: nx.MultiDiGraph) -> None:
    node = graph.nodes["maulan-aklil"]
    assert (node["kind"], node["label"], node["names"]) == ("Person", "Maulan Aklil", ["Molen"])
    assert node["komwil"] == ["komwil-ii"]
    assert [(q["quote"], q["article"], q["start"], q["end"]) for q in node["quotes"]] == [
        ("Maulan Aklil (Molen)", SHARING, 61, 81)]
    city = graph.nodes["kota-yogyakarta"]
    assert city["label"] == "Kota Yogyakarta"
    assert city["names"] == ["Jogja", "Jogjakarta", "Kota Jogja"]


def test_event_node_has_its_date_type_and_status(graph: nx.MultiDiGraph) -> None:
    node = graph.nodes["apeksi-sharing-session-2019-i"]
    assert node["dates"] == [["date", "2019-10-07"]]
    assert node["years"] == [2019]
    assert node["details"] == [["event type", "Sharing session"], ["status", "Held"]]


def test_position_record_becomes_a_dated_mayor_of_edge_with_its_quote(graph: nx.MultiDiGraph) -> None:
    data = edge(graph, "maulan-aklil", "kota-pangkal-pinang", "mayor of")
    assert data["dates"] == [["as of", "2019"]]
    assert data["years"] == [2019]
    assert data["relation"] == "position/mayor"
    assert "Wali Kota Pangkalpinang, Provinsi Kepulauan Bangka Belitung, Maulan Aklil" in [
        q["quote"] for q in data["quotes"]]
    assert data["articles"] == [SHARING]


def test_participation_record_becomes_an_edge_dated_by_its_event(graph: nx.MultiDiGraph) -> None:
    data = edge(graph, "maulan-aklil", "apeksi-sharing-session-2019-i", "attended")
    assert data["dates"] == [["event date", "2019-10-07"]]
    assert data["details"] == [["representing", "Kota Pangkal Pinang"]]
    assert edge(graph, "elfin-elyas", "sosialisasi-kesepakatan-bersama-komwil-i-2025", "spoke at")["years"] == [2025]


def test_links_read_from_agent_to_event_and_keep_their_quotes(graph: nx.MultiDiGraph) -> None:
    hosted = edge(graph, "kota-yogyakarta", "apeksi-sharing-session-2019-i", "hosted")
    assert [q["quote"] for q in hosted["quotes"]] == ["Kota Jogja, yang menjadi tuan rumah Sharing Session pertama"]
    assert edge(graph, "apeksi", "apeksi-sharing-session-2019-i", "organised")["relation"] == "organiser"
    assert edge(graph, "kota-yogyakarta", "mou-kota-yogyakarta-bumn-digitalisasi-2019", "party to")
    member = edge(graph, "kota-medan", "komwil-i", "member of")
    assert member["quotes"] == []
    assert member["sources"][0].startswith("https://")


def test_only_stated_links_are_edges_not_inferred_inverses(graph: nx.MultiDiGraph) -> None:
    labels = Counter(data["label"] for _, _, data in graph.edges(data=True))
    assert labels == {
        "member of": 10, "part of": 6, "in province": 5, "organised": 4, "held in": 4, "venue": 3, "mayor of": 3,
        "attended": 3, "chair of": 2, "located in": 2, "hosted": 2, "party to": 2, "follow-up of": 1,
        "presented at": 1, "agreed at": 1, "signed at": 1, "executive director of": 1, "director of": 1,
        "chaired": 1, "opened": 1, "spoke at": 2,
    }


def test_neighbourhood_of_one_entity(graph: nx.MultiDiGraph) -> None:
    assert sorted(neighbourhood(graph, "maulan-aklil", 1)) == [
        "apeksi-sharing-session-2019-i", "kota-pangkal-pinang", "maulan-aklil"]
    assert sorted(neighbourhood(graph, "maulan-aklil", 0)) == ["maulan-aklil"]
    assert len(neighbourhood(graph, "maulan-aklil", 2)) == 12


def test_unknown_focus_names_the_close_matches(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(KgError) as error:
        neighbourhood(graph, "maulan", 1)
    assert str(error.value) == "unknown entity 'maulan'; close matches: maulan-aklil"
    with pytest.raises(KgError) as error:
        neighbourhood(graph, "zzz", 1)
    assert str(error.value) == ("unknown entity 'zzz'; no entity id is close to it "
                                "(ids look like adhitya-sm, airin-rachmi-diany)")


def test_graphml_ready_values_are_plain_and_write_as_graphml(graph: nx.MultiDiGraph) -> None:
    ready = graphml_ready(graph)
    values = [v for _, data in ready.nodes(data=True) for v in data.values()]
    values += [v for _, _, data in ready.edges(data=True) for v in data.values()]
    assert {type(v) for v in values} == {str, bool}
    text = "\n".join(nx.generate_graphml(ready))
    back = nx.parse_graphml(text, force_multigraph=True)
    assert json.loads(back.nodes["maulan-aklil"]["names"]) == ["Molen"]
    assert back.number_of_edges() == graph.number_of_edges()


def test_missing_or_broken_dataset_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(KgError, match=r"cannot read the dataset .*; run `kg build` first$"):
        read_facts(tmp_path / "kg.trig")
    broken = tmp_path / "broken.trig"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(KgError, match="not a valid TriG dataset"):
        read_facts(broken)
