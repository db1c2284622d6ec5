"""The ontology and the data in OWL tools: owlready2 and HermiT, raptor, and what Protégé needs to open them."""

from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import owlready2.reasoning
import pytest
from click.testing import CliRunner
from owlready2 import OwlReadyJavaError, World, sync_reasoner_hermit
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

from kg.build import BuildResult
from kg.built_dataset import read_dataset
from kg.cli import main
from kg.export import Contents, export, export_ontology
from kg.namespaces import APK, APV, ONTOLOGY_GRAPH
from kg.ontology import load_ontology

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY = URIRef("https://w3id.org/apeksi-kg/ontology")
VOCAB = URIRef("https://w3id.org/apeksi-kg/vocab")
FORMATS = {"turtle": "turtle", "nt": "nt", "xml": "xml", "jsonld": "json-ld"}
CATALOG = "{urn:oasis:names:tc:entity:xmlns:xml:catalog}uri"


def parsed(path: Path) -> Graph:
    return Graph().parse(path, format="turtle")


def test_the_ontology_file_imports_its_vocabularies_and_has_a_version() -> None:
    ontology, vocab = parsed(ROOT / "ontology" / "apeksi.ttl"), parsed(ROOT / "ontology" / "vocab.ttl")
    assert list(ontology.objects(ONTOLOGY, OWL.imports)) == [VOCAB]
    assert (VOCAB, RDF.type, OWL.Ontology) in vocab
    for graph, iri, version in ((ontology, ONTOLOGY, "ontology"), (vocab, VOCAB, "vocab")):
        assert graph.value(iri, OWL.versionIRI) == URIRef(f"https://w3id.org/apeksi-kg/1.0.0/{version}")
        assert graph.value(iri, OWL.versionInfo) == Literal("1.0.0")
    assert (APV.mayor, RDF.type, OWL.NamedIndividual) in vocab


def test_protege_finds_the_imported_vocabularies_beside_the_ontology() -> None:
    """Protégé reads catalog-v001.xml in the folder of the file it opens to resolve owl:imports."""
    entries = ElementTree.parse(ROOT / "ontology" / "catalog-v001.xml").getroot().iter(CATALOG)
    mapped = {entry.get("name"): entry.get("uri") for entry in entries}
    assert mapped[str(VOCAB)] == "vocab.ttl"
    assert all((ROOT / "ontology" / target).is_file() for target in mapped.values())


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_ontology_only_reads_back_as_the_ontology(fmt: str) -> None:
    expected = load_ontology(ROOT / "ontology").graph
    back = Graph().parse(data=export_ontology(ROOT / "ontology", fmt), format=FORMATS[fmt])
    assert isomorphic(back, expected)
    assert list(back.subjects(RDF.type, OWL.Ontology)) == [ONTOLOGY]
    assert not list(back.objects(ONTOLOGY, OWL.imports)), "the vocabularies are in the file: nothing to fetch"
    assert (APK.Mayor, OWL.equivalentClass, None) in back and (APV.mayor, RDF.type, OWL.NamedIndividual) in back


def test_ontology_only_keeps_its_named_graph_in_trig() -> None:
    dataset = Dataset()
    dataset.parse(data=export_ontology(ROOT / "ontology", "trig"), format="trig")
    names = [graph.identifier for graph in dataset.graphs() if len(graph)]
    assert names == [ONTOLOGY_GRAPH]


def test_ontology_only_needs_no_build_and_refuses_graphml(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "apeksi.owl"
    result = runner.invoke(main, ["export", "--ontology-only", "--format", "xml", "--out", str(out),
                                  "--ontology-dir", str(ROOT / "ontology"), "--build-dir", str(tmp_path / "none")])
    assert (result.exit_code, result.output) == (0, "")
    assert not (tmp_path / "none").exists()
    assert out.read_text(encoding="utf-8") == export_ontology(ROOT / "ontology", "xml")
    refused = runner.invoke(main, ["export", "--ontology-only", "--format", "graphml"])
    assert (refused.exit_code, refused.output) == (1, "Error: --ontology-only writes RDF and graphml is the network "
                                                      "of kg viz; choose another --format\n")


def test_owlready2_and_hermit_open_the_ontology_alone(tmp_path: Path) -> None:
    path = tmp_path / "apeksi.owl"
    path.write_text(export_ontology(ROOT / "ontology", "xml"), encoding="utf-8")
    world = World()
    ontology = world.get_ontology(path.as_uri()).load()
    mayor = world.search_one(iri=str(APK.Mayor))
    assert mayor is not None and mayor.equivalent_to, "Mayor keeps its definition"
    role = world.search_one(iri=str(APV.mayor))
    assert role is not None and role in set(world.individuals())
    assert len(list(world.individuals())) == 50  # the concepts of vocab.ttl
    with ontology:
        sync_reasoner_hermit(world, debug=0)


def test_hermit_reasons_over_the_data_export(built: tuple[Path, BuildResult], tmp_path: Path) -> None:
    """The way the README gives: RDF/XML of the stated facts, HermiT told to ignore xsd:date and xsd:gYear."""
    out, _ = built
    path = tmp_path / "kg.owl"
    result = CliRunner().invoke(main, ["export", "--format", "xml", "--no-inferred", "--out", str(path),
                                       "--build-dir", str(out), "--ontology-dir", str(ROOT / "ontology")])
    assert result.exit_code == 0, result.output
    world = World()
    data = world.get_ontology(path.as_uri()).load()
    typed = typed_individuals(read_dataset(out / "kg.trig"))
    assert {individual.iri for individual in world.individuals()} == typed | {str(c) for c in concepts()}
    with data:
        sync_reasoner_hermit(world, debug=0, ignore_unsupported_datatypes=True)
    mayor = world.search_one(iri=str(APK.Mayor))
    assert sorted(person.name for person in mayor.instances()) == ["airin-rachmi-diany", "maulan-aklil", "rico-waas"]


def test_without_the_flag_hermit_refuses_dates(tmp_path: Path) -> None:
    """Why the README's way passes ignore_unsupported_datatypes: xsd:date is outside OWL 2's datatype map."""
    path = tmp_path / "date.nt"
    path.write_text(f"<{APK}date> <{RDF.type}> <{OWL.DatatypeProperty}> .\n"
                    f"<{APK}x> <{APK}date> \"2019-10-07\"^^<http://www.w3.org/2001/XMLSchema#date> .\n")
    world = World()
    ontology = world.get_ontology(path.as_uri()).load(format="ntriples")
    with pytest.raises(OwlReadyJavaError, match="XMLSchema#date' is not part of the OWL 2 datatype map"), ontology:
        sync_reasoner_hermit(world, debug=0)


def typed_individuals(dataset: Dataset) -> set[str]:
    """IRIs the stated graphs type with one of the ontology's classes."""
    found = set()
    for graph in dataset.graphs():
        if graph.identifier != URIRef(str(ONTOLOGY_GRAPH)):
            found |= {str(s) for s, o in graph.subject_objects(RDF.type)
                      if isinstance(s, URIRef) and str(o).startswith(str(APK))}
    return found


def concepts() -> set[URIRef]:
    graph = load_ontology(ROOT / "ontology").graph
    return {s for s in graph.subjects(RDF.type, OWL.NamedIndividual) if isinstance(s, URIRef)}


def test_hermit_on_the_command_line_checks_the_data_export(built: tuple[Path, BuildResult], tmp_path: Path) -> None:
    """The README's command: HermiT's own command line (the jar owlready2 ships) over the RDF/XML export."""
    path = tmp_path / "kg.owl"
    path.write_text(export(built[0] / "kg.trig", "xml", Contents(inferred=False)), encoding="utf-8")
    hermit = ["java", "-cp", owlready2.reasoning._HERMIT_CLASSPATH, "org.semanticweb.HermiT.cli.CommandLine", "-k"]
    done = subprocess.run([*hermit, "--ignoreUnsupportedDatatypes", path.as_uri()], capture_output=True, text=True,
                          timeout=120)
    assert (done.returncode, done.stdout) == (0, "http://www.w3.org/2002/07/owl#Thing is satisfiable.\n"), done.stderr
    refused = subprocess.run([*hermit, path.as_uri()], capture_output=True, text=True, timeout=120)
    assert "is not part of the OWL 2 datatype map" in refused.stderr
