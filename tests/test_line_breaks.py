"""Every export stays well-formed when text holds characters that other tools take for line breaks.

U+2028, U+2029, U+0085, form feed, vertical tab and \\x1c-\\x1e are line
breaks to Python's `str.splitlines`; N-Triples knows only \\n. Each format is
checked by Oxigraph and by raptor and read back as the same graph.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDFS

from kg.cli import main
from kg.errors import KgError
from kg.export import export_dataset
from kg.namespaces import ARTICLE, GRAPH, ID
from tests.tools import needs_tool

BREAKS = "\u2028\u2029\u0085\x0c\x0b\x1c\x1d\x1e\r\n\t"
TEXT = f"Wali Kota{BREAKS}Pangkalpinang \"Molen\" \\ {BREAKS} selesai"
OX_FORMATS = {"nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS, "turtle": ox.RdfFormat.TURTLE,
              "trig": ox.RdfFormat.TRIG, "xml": ox.RdfFormat.RDF_XML, "jsonld": ox.RdfFormat.JSON_LD}
RAPPER = {"nt": "ntriples", "nquads": "nquads", "turtle": "turtle", "trig": "trig", "xml": "rdfxml"}
RDFLIB = {"nt": "nt", "nquads": "nquads", "turtle": "turtle", "trig": "trig", "xml": "xml", "jsonld": "json-ld"}
NAMED = ("nquads", "trig")
SCHEMA_TEXT, SCHEMA_URL = URIRef("https://schema.org/text"), URIRef("https://schema.org/url")


def dataset_with(text: str) -> Dataset:
    dataset = Dataset()
    graph = dataset.graph(GRAPH["article/x"])
    graph.add((ARTICLE["x"], SCHEMA_TEXT, Literal(text)))
    graph.add((ID["molen"], RDFS.label, Literal(text, lang="id")))
    graph.add((ID["molen"], SCHEMA_URL, URIRef("https://example.org/molen")))
    return dataset


def expected_graph(text: str) -> Graph:
    graph = Graph()
    for triple in dataset_with(text).graph(GRAPH["article/x"]):
        graph.add(triple)
    return graph


@pytest.mark.parametrize("fmt", ["nt", "nquads", "turtle", "trig", "jsonld"])
def test_every_format_is_well_formed_and_reads_back(fmt: str, tmp_path: Path) -> None:
    text = export_dataset(dataset_with(TEXT), fmt)
    quads = list(ox.parse(text.encode("utf-8"), format=OX_FORMATS[fmt]))
    assert len(quads) == 3
    assert {q.object.value for q in quads if isinstance(q.object, ox.Literal)} == {TEXT}
    back = Dataset() if fmt in NAMED else Graph()
    back.parse(data=text, format=RDFLIB[fmt])
    graph = back.graph(GRAPH["article/x"]) if fmt in NAMED else back
    assert isomorphic(graph, expected_graph(TEXT))
    if fmt in ("nt", "nquads"):
        assert len(text.split("\n")) == 4 and text.endswith(" .\n")
    if fmt in RAPPER:
        needs_tool("rapper")
        path = tmp_path / f"x.{fmt}"
        path.write_text(text, encoding="utf-8")
        done = subprocess.run(["rapper", "-i", RAPPER[fmt], "-c", str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert "returned 3 " in done.stderr


def test_rdfxml_is_well_formed_with_the_breaks_xml_can_hold(tmp_path: Path) -> None:
    text = TEXT.translate({ord(c): None for c in "\x0c\x0b\x1c\x1d\x1e"})
    xml = export_dataset(dataset_with(text), "xml")
    assert {q.object.value for q in ox.parse(xml.encode(), format=ox.RdfFormat.RDF_XML)
            if isinstance(q.object, ox.Literal)} == {text}
    assert isomorphic(Graph().parse(data=xml, format="xml"), expected_graph(text))
    needs_tool("rapper")
    (tmp_path / "x.rdf").write_text(xml, encoding="utf-8")
    done = subprocess.run(["rapper", "-i", "rdfxml", "-c", str(tmp_path / "x.rdf")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_rdfxml_refuses_what_xml_cannot_hold() -> None:
    with pytest.raises(KgError) as error:
        export_dataset(dataset_with("a\x0bb"), "xml")
    assert str(error.value) == "a text holds U+000B, which XML 1.0 cannot represent; export another format"


def test_rdfxml_refuses_a_property_it_cannot_name() -> None:
    dataset = Dataset()
    dataset.graph(GRAPH["article/x"]).add((ID["a"], URIRef("https://example.org/p/1"), ID["b"]))
    with pytest.raises(KgError) as error:
        export_dataset(dataset, "xml")
    assert str(error.value) == ("the property <https://example.org/p/1> cannot be written as RDF/XML; export another "
                                "format")


def test_an_unknown_rdf_format() -> None:
    with pytest.raises(KgError) as error:
        export_dataset(Dataset(), "rdfa")
    assert str(error.value) == "unknown RDF format 'rdfa'; use one of turtle, trig, nquads, nt, jsonld, xml"


def test_an_article_with_line_and_paragraph_separators_exports_well_formed(project: Path, tmp_path: Path) -> None:
    article = Path("seeds/articles/antara-babel-2019-apeksi-sharing-session.txt")
    article.write_text(article.read_text(encoding="utf-8").replace("\n\n", "\u2029", 3).replace("\n", "\u2028", 3),
                       encoding="utf-8")
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    for fmt in ("nt", "nquads"):
        result = CliRunner().invoke(main, ["export", "--format", fmt])
        assert result.exit_code == 0, result.output
        lines = result.output.split("\n")
        assert all(line.endswith(" .") for line in lines[:-1]) and lines[-1] == ""
        store = ox.Store()
        store.load(result.output.encode("utf-8"), format=OX_FORMATS[fmt])
        assert len(store) == len(lines) - 1

