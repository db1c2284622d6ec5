"""`kg export` to Turtle, TriG, N-Triples and N-Quads from the slices of kg.trig the build recorded: the same
bytes as the graphs rdflib parses give, N-Triples and N-Quads as they were before slices, every graph as the
build wrote it; when the manifest is missing or is not this kg.trig's, the rdflib path writes them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from corpus_generator import make_corpus
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg import export as export_module
from kg.build import BuildResult, build
from kg.built_dataset import read_dataset
from kg.errors import KgError
from kg.export import STREAMED, Contents, export, export_dataset, merged, selected_graphs
from kg.files import written
from kg.namespaces import ONTOLOGY_GRAPH
from kg.ntriples import graph_lines, ntriples, text_of_lines
from kg.sections import built_slices
from kg.store import MANIFEST
from kg.turtle import Writer

ROOT = Path(__file__).resolve().parent.parent
CONTENTS = [Contents(), Contents(inferred=False), Contents(ontology=False), Contents(reference=False),
            Contents(False, False, False)]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A built corpus of 25 generated articles: its kg.trig."""
    folder = tmp_path_factory.mktemp("generated")
    make_corpus(folder / "seeds", 25)
    build(folder / "seeds", folder / "out", ROOT / "ontology")
    return folder / "out" / "kg.trig"


@pytest.fixture(scope="module", params=["seeds", "generated"])
def trig(request: pytest.FixtureRequest, built: tuple[Path, BuildResult]) -> Path:
    return built[0] / "kg.trig" if request.param == "seeds" else request.getfixturevalue("generated")


@pytest.fixture(scope="module")
def dataset(trig: Path) -> Dataset:
    return read_dataset(trig)


def without_rdflib(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(trig: Path) -> Dataset:
        raise AssertionError(f"{trig} parsed by rdflib")

    monkeypatch.setattr(export_module, "read_dataset", refuse)


def before_slices(dataset: Dataset, fmt: str, contents: Contents) -> str:
    """What `kg export` wrote before slices: N-Triples of the merged graphs, N-Quads graph by graph, TriG
    rewritten from the parsed graphs."""
    graphs = selected_graphs(dataset, contents)
    if fmt == "nt":
        return ntriples(merged(graphs))
    if fmt == "nquads":
        return b"".join(text_of_lines(graph_lines(graph, name)) for name, graph in graphs).decode()
    return Writer().trig(graphs)


@pytest.mark.parametrize("contents", CONTENTS)
@pytest.mark.parametrize("fmt", STREAMED)
def test_slices_give_the_bytes_of_the_rdflib_path(trig: Path, dataset: Dataset, monkeypatch: pytest.MonkeyPatch,
                                                  fmt: str, contents: Contents) -> None:
    expected = export_dataset(dataset, fmt, contents)
    without_rdflib(monkeypatch)
    assert export(trig, fmt, contents) == expected


@pytest.mark.parametrize("contents", CONTENTS)
@pytest.mark.parametrize("fmt", ["nt", "nquads", "trig"])
def test_ntriples_nquads_and_trig_are_what_they_were_before_slices(trig: Path, dataset: Dataset, fmt: str,
                                                                   contents: Contents) -> None:
    assert export(trig, fmt, contents) == before_slices(dataset, fmt, contents)


def test_blank_nodes_keep_their_canonical_labels(trig: Path, dataset: Dataset) -> None:
    ontology = [(ONTOLOGY_GRAPH, dataset.graph(ONTOLOGY_GRAPH))]
    labels = {line.split(" ", 1)[0] for line in export(trig, "nt").splitlines() if line.startswith("_:")}
    assert labels
    assert labels == {line.split(" ", 1)[0] for line in ntriples(merged(ontology)).splitlines()
                      if line.startswith("_:")}


@pytest.mark.parametrize("contents", CONTENTS)
def test_turtle_reads_back_as_the_chosen_graphs_merged(trig: Path, dataset: Dataset, contents: Contents) -> None:
    back = Graph().parse(data=export(trig, "turtle", contents), format="turtle")
    assert isomorphic(back, merged(selected_graphs(dataset, contents)))


@pytest.mark.parametrize("contents", CONTENTS)
@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_dataset_formats_read_back_as_the_chosen_graphs(trig: Path, dataset: Dataset, fmt: str,
                                                        contents: Contents) -> None:
    back = Dataset()
    back.parse(data=export(trig, fmt, contents), format=fmt)
    expected = dict(selected_graphs(dataset, contents))
    found = {URIRef(graph.identifier): graph for graph in back.graphs() if len(graph)}
    assert sorted(found) == sorted(expected)
    assert all(isomorphic(found[name], expected[name]) for name in expected)


def test_each_graph_is_the_slice_the_manifest_records(trig: Path, dataset: Dataset) -> None:
    writer = Writer()
    with built_slices(trig) as slices:
        assert slices is not None
        assert slices.header == writer.header.encode()
        for name, graph in selected_graphs(dataset, Contents()):
            assert slices.section(name).startswith(f"{writer.term(name)} {{\n\n".encode())
            assert slices.block(name) == writer.block(graph).encode()


def copied(trig: Path, folder: Path) -> Path:
    """The build folder of `trig` copied: the same files, each a new one."""
    shutil.copytree(trig.parent, folder, symlinks=True)
    return folder / trig.name


@pytest.mark.parametrize("change", ["copied", "no manifest", "manifest of another file", "no layout"])
def test_without_a_manifest_of_this_kg_trig_the_rdflib_path_writes_the_same(trig: Path, tmp_path: Path,
                                                                            change: str) -> None:
    other = copied(trig, tmp_path / "out")
    manifest = other.parent / MANIFEST
    if change == "no manifest":
        manifest.unlink()
    elif change == "manifest of another file":
        os.utime(other.resolve(), ns=(0, 0))
    elif change == "no layout":
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        stat = other.stat()
        recorded = {"graphs": recorded["graphs"], "trig": [stat.st_ino, stat.st_size, stat.st_mtime_ns]}
        manifest.write_text(json.dumps(recorded), encoding="utf-8")
    with built_slices(other) as slices:
        assert slices is None
    for fmt in STREAMED:
        assert export(other, fmt, Contents(inferred=False)) == export(trig, fmt, Contents(inferred=False))


def test_a_manifest_that_matches_after_copying_is_used_again(trig: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    other = copied(trig, tmp_path / "out")
    manifest = other.parent / MANIFEST
    recorded = json.loads(manifest.read_text(encoding="utf-8"))
    stat = other.stat()
    manifest.write_text(json.dumps({**recorded, "trig": [stat.st_ino, stat.st_size, stat.st_mtime_ns]}),
                        encoding="utf-8")
    without_rdflib(monkeypatch)
    assert export(other, "nquads") == export(trig, "nquads")


@pytest.mark.parametrize("fmt", STREAMED)
def test_another_process_writes_the_same_file(trig: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"export.{fmt}"
    environment = {**os.environ, "PYTHONHASHSEED": "4321"}
    subprocess.run([sys.executable, "-m", "kg", "export", "--format", fmt, "--no-reference", "--out", str(target),
                    "--build-dir", str(trig.parent)], cwd=ROOT, env=environment, check=True, capture_output=True)
    assert target.read_text(encoding="utf-8") == export(trig, fmt, Contents(reference=False))
    assert sorted(path.name for path in tmp_path.iterdir()) == [target.name]


def test_a_failed_export_leaves_no_file_and_the_old_one_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "export.nt"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(KgError), written(target) as sink:
        sink.write(b"half of it")
        raise KgError("stopped halfway")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["export.nt"]


def test_an_export_into_a_folder_that_cannot_be(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(KgError) as error, written(tmp_path / "file" / "export.nt"):
        pass
    assert error.value.file is not None and error.value.file.endswith("file/export.nt")
    assert error.value.message.startswith("cannot write here (")
