"""`kg export`: every format reads back as what was written, byte for byte the same on every run."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from owlready2 import World
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

from kg.build import BuildResult
from kg.built_dataset import read_dataset
from kg.cli import main
from kg.export import Contents, export, export_dataset, merged, selected_graphs, with_individuals
from kg.namespaces import (
    GRAPH,
    INFERRED_GRAPH,
    ONTOLOGY_GRAPH,
    PREFIXES,
    REFERENCE_GRAPH,
    REGISTRY_GRAPH,
    RESOLVED_GRAPH,
)
from kg.turtle import Writer
from tests.tools import needs_tool

ROOT = Path(__file__).resolve().parent.parent
ARTICLE_GRAPHS = [GRAPH["article/antara-babel-2019-apeksi-sharing-session"],
                  GRAPH["article/komwil-i-apeksi-sosialisasi-medan-2025"]]
STATED = [REGISTRY_GRAPH, *ARTICLE_GRAPHS]
ALL_GRAPHS = [ONTOLOGY_GRAPH, REFERENCE_GRAPH, *STATED, RESOLVED_GRAPH, INFERRED_GRAPH]
MERGED = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml"}
RAPPER = {"turtle": "turtle", "nt": "ntriples", "trig": "trig", "nquads": "nquads", "xml": "rdfxml"}


@pytest.fixture(scope="module")
def trig(built: tuple[Path, BuildResult]) -> Path:
    return built[0] / "kg.trig"


@pytest.fixture(scope="module")
def dataset(trig: Path) -> Dataset:
    return read_dataset(trig)


@pytest.fixture(scope="module")
def graphs(dataset: Dataset) -> dict[URIRef, Graph]:
    return {URIRef(g.identifier): g for g in dataset.graphs() if len(g)}


@pytest.fixture(scope="module")
def exported(trig: Path) -> dict[str, str]:
    """Every format, with the default contents."""
    return {fmt: export(trig, fmt) for fmt in [*RAPPER, "jsonld", "graphml", "gexf"]}


def union(graphs: dict[URIRef, Graph], names: list[URIRef]) -> Graph:
    result = Graph()
    for name in names:
        result += graphs[name]
    return result


def read_back(text: str, fmt: str) -> Graph:
    graph = Graph()
    graph.parse(data=text, format=fmt)
    return graph


@pytest.mark.parametrize("fmt", MERGED)
def test_merged_formats_read_back_isomorphic(exported: dict[str, str], graphs: dict[URIRef, Graph], fmt: str) -> None:
    expected = union(graphs, ALL_GRAPHS)
    if fmt == "xml":
        expected = with_individuals(expected)
    back = read_back(exported[fmt], MERGED[fmt])
    assert len(back) == len(expected)
    assert isomorphic(back, expected)


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_dataset_formats_keep_each_named_graph(exported: dict[str, str], graphs: dict[URIRef, Graph],
                                               fmt: str) -> None:
    back = Dataset()
    back.parse(data=exported[fmt], format=fmt)
    named = {URIRef(g.identifier): g for g in back.graphs() if len(g)}
    assert sorted(named) == sorted(ALL_GRAPHS)
    for name in ALL_GRAPHS:
        assert len(named[name]) == len(graphs[name])
        assert isomorphic(named[name], graphs[name]), name


@pytest.mark.parametrize("fmt", ["turtle", "trig", "nquads", "nt", "jsonld", "xml", "graphml", "gexf"])
def test_another_process_writes_the_same_bytes(exported: dict[str, str], built: tuple[Path, BuildResult],
                                               fmt: str) -> None:
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}
    done = subprocess.run([sys.executable, "-m", "kg", "export", "--format", fmt, "--build-dir", str(built[0])],
                          cwd=ROOT, env=environment, capture_output=True, check=True)
    assert done.stdout == exported[fmt].encode("utf-8")


@pytest.mark.parametrize("fmt", RAPPER)
def test_raptor_parses_the_export(exported: dict[str, str], graphs: dict[URIRef, Graph], tmp_path: Path,
                                  fmt: str) -> None:
    path = tmp_path / f"kg.{fmt}"
    path.write_text(exported[fmt], encoding="utf-8")
    needs_tool("rapper")
    done = subprocess.run(["rapper", "-i", RAPPER[fmt], "-c", str(path)], capture_output=True, text=True)
    statements = len(union(graphs, ALL_GRAPHS)) if fmt in MERGED else sum(len(g) for g in graphs.values())
    if fmt == "xml":
        statements = len(with_individuals(union(graphs, ALL_GRAPHS)))
    assert done.returncode == 0, done.stderr
    assert f"Parsing returned {statements} triples" in done.stderr


def test_turtle_uses_the_project_prefixes_and_one_block_per_subject(exported: dict[str, str],
                                                                    graphs: dict[URIRef, Graph]) -> None:
    lines = exported["turtle"].splitlines()
    header = [f"@prefix {prefix}: <{namespace}> ." for prefix, namespace in sorted(PREFIXES.items())]
    assert lines[:len(header)] == header
    writer = Writer()
    text = exported["turtle"]
    subjects = set(union(graphs, ALL_GRAPHS).subjects())
    starts = [text.count(f"\n{writer.term(s)}\n") for s in subjects if isinstance(s, URIRef)]
    blank_starts = [line for line in lines if line.startswith("_:")]
    assert starts == [1] * (len(subjects) - len(blank_starts))
    assert len(set(blank_starts)) == len(blank_starts) == sum(1 for s in subjects if isinstance(s, BNode))
    block = exported["turtle"].split("\nid:kota-medan\n", 1)[1].split("\n\n", 1)[0]
    assert "    apk:hasMayor id:rico-waas ;" in block.splitlines()


def test_jsonld_keys_are_words(exported: dict[str, str]) -> None:
    document = json.loads(exported["jsonld"])
    context, nodes = document["@context"], {node["@id"]: node for node in document["@graph"]}
    assert context["mayorOf"] == {"@id": "apk:mayorOf", "@type": "@id"}
    assert context["label"] == "rdfs:label"
    assert context["City"] == "apk:City"
    assert context["id"] == PREFIXES["id"]
    medan, rico = nodes["id:kota-medan"], nodes["id:rico-waas"]
    assert medan["label"] == "Kota Medan"
    assert medan["hasMayor"] == "id:rico-waas"
    assert medan["inProvince"] == "id:provinsi-sumatera-utara"
    assert medan["memberOf"] == ["id:apeksi", "id:komwil-i"]
    assert "City" in medan["@type"]
    assert rico["mayorOf"] == "id:kota-medan"
    assert rico["label"] == "Rico Tri Putra Bayu Waas"


@pytest.mark.parametrize(("contents", "names"), [
    (Contents(), ALL_GRAPHS),
    (Contents(inferred=False), [ONTOLOGY_GRAPH, REFERENCE_GRAPH, *STATED]),
    (Contents(ontology=False), [REFERENCE_GRAPH, *STATED, RESOLVED_GRAPH, INFERRED_GRAPH]),
    (Contents(reference=False), [ONTOLOGY_GRAPH, *STATED, RESOLVED_GRAPH, INFERRED_GRAPH]),
    (Contents(inferred=False, ontology=False, reference=False), STATED),
])
def test_contents_choose_the_graphs(dataset: Dataset, graphs: dict[URIRef, Graph], contents: Contents,
                                   names: list[URIRef]) -> None:
    back = Dataset()
    back.parse(data=export_dataset(dataset, "nquads", contents), format="nquads")
    assert sorted(URIRef(g.identifier) for g in back.graphs() if len(g)) == sorted(names)
    assert sum(len(g) for g in back.graphs()) == sum(len(graphs[name]) for name in names)
    turtle = read_back(export_dataset(dataset, "turtle", contents), "turtle")
    assert len(turtle) == len(union(graphs, names))
    for left_out in set(ALL_GRAPHS) - set(names):
        only_there = set(graphs[left_out]) - set(union(graphs, names))
        assert only_there, left_out
        assert not only_there & set(turtle), left_out


def test_stated_facts_only_have_no_inferred_statement_and_no_ontology(dataset: Dataset,
                                                                    graphs: dict[URIRef, Graph]) -> None:
    stated = read_back(export_dataset(dataset, "nt", Contents(False, False, False)), "nt")
    assert len(stated) == len(union(graphs, STATED))
    assert not set(stated) & set(graphs[INFERRED_GRAPH])
    assert not set(stated.subjects(RDF.type, OWL.Class))


def test_selected_graphs_are_in_a_fixed_order(dataset: Dataset) -> None:
    assert [name for name, _ in selected_graphs(dataset, Contents())] == ALL_GRAPHS
    assert len(merged(selected_graphs(dataset, Contents(True, False, False)))) == len(
        {t for name in [*STATED, RESOLVED_GRAPH, INFERRED_GRAPH] for t in dataset.graph(name)})


def test_cli_writes_the_file_and_nothing_to_stdout(exported: dict[str, str], built: tuple[Path, BuildResult],
                                                  tmp_path: Path) -> None:
    target = tmp_path / "graph.nq"
    result = CliRunner().invoke(main, ["export", "--format", "nquads", "--out", str(target),
                                       "--build-dir", str(built[0])])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert target.read_text(encoding="utf-8") == exported["nquads"]


def test_cli_default_is_turtle_on_stdout(exported: dict[str, str], built: tuple[Path, BuildResult]) -> None:
    result = CliRunner().invoke(main, ["export", "--build-dir", str(built[0])])
    assert result.exit_code == 0
    assert result.output == exported["turtle"]


def test_cli_builds_first_when_the_dataset_is_missing(project: Path) -> None:
    result = CliRunner().invoke(main, ["export", "--format", "nt", "--no-ontology", "--no-reference",
                                       "--no-inferred", "--build-dir", "fresh"])
    assert result.exit_code == 0, result.output
    assert (project / "fresh" / "kg.trig").is_file()
    assert re.fullmatch(r"(<[^>]+> <[^>]+> .+ \.\n)+", result.output)


def test_owlready2_reads_the_rdfxml(exported: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "kg.owl"
    path.write_text(exported["xml"], encoding="utf-8")
    world = World()
    world.get_ontology(path.as_uri()).load()
    mayor = world.search_one(iri=PREFIXES["apk"] + "Mayor")
    medan = world.search_one(iri=PREFIXES["id"] + "kota-medan")
    assert mayor is not None and medan is not None
    assert sorted(person.name for person in mayor.instances()) == ["airin-rachmi-diany", "maulan-aklil", "rico-waas"]
