"""Errors no other test raises: each with its exact one-line message (tests/raise_sites.py checks none is left)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

import kg.viz
from kg.annotations import AnnotationReader, Item, read_annotation, scan_annotation
from kg.built_dataset import read_dataset
from kg.check import CannotCheck, run_checks, run_shapes
from kg.cli import main
from kg.corpus import index_corpus
from kg.dates import DateError, parse_date
from kg.docs import pylode_page_class, read_ontology
from kg.errors import KgError
from kg.model import Where
from kg.network import neighbourhood
from kg.ontology import Ontology, load_ontology
from kg.outputs import publish
from kg.query import bindings, catalogue, read_query
from kg.quotes import QuoteError, locate
from kg.reference import Reference, load_reference
from kg.registry import Registry
from tests.test_bad_input import A, assert_refused, at

ROOT = Path(__file__).resolve().parent.parent
TEXT = "YOGYAKARTA - Kota Jogja menggelar rapat koordinasi di Balai Kota, kemarin.\n"


def message(error: pytest.ExceptionInfo[BaseException]) -> str:
    return str(error.value)


@pytest.fixture(scope="module")
def sources() -> tuple[Ontology, Reference]:
    return load_ontology(ROOT / "ontology"), load_reference(ROOT / "seeds" / "reference")


def annotation(tmp_path: Path, yaml_text: str, sources: tuple[Ontology, Reference]) -> None:
    """Read one small annotation of a one-sentence article."""
    (tmp_path / "seeds" / "articles").mkdir(parents=True, exist_ok=True)
    (tmp_path / "seeds" / "annotations").mkdir(exist_ok=True)
    (tmp_path / "seeds" / "articles" / "rapat.txt").write_text(TEXT, encoding="utf-8")
    path = tmp_path / "seeds" / "annotations" / "rapat.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    ontology, reference = sources
    scan = scan_annotation(path, ontology)
    read_annotation(scan, ontology, index_corpus(ontology, reference, Registry(), [(scan.path, scan.entries)]))


ARTICLE = "article:\n  id: rapat\n  text: ../articles/rapat.txt\n  language: id\n"
EVENT = ("events:\n  - id: rapat-koordinasi\n    type: meeting\n    name: Rapat koordinasi\n    status: held\n"
         "    date: before publication\n    quote: menggelar rapat koordinasi\n")


# annotations


@pytest.mark.parametrize(("case", "old", "new", "expected"), [
    ("a list where one value goes", "    role: executive-director\n", "    role: [executive-director, chair]\n",
     lambda: f"{A}:{at(A, '    role: [executive')}: positions.role: expected a single value, not a list"),
    ("a position annotated twice", "  - holder: indah-wibi-nastiti\n",
     "  - holder: indah-wibi-nastiti\n    role: executive-director\n    of: apeksi\n"
     "    quote: Direktur Eksekutif Apeksi, Indah Wibi Nastiti\n  - holder: indah-wibi-nastiti\n",
     lambda: f"{A}:{at(A, '  - holder: indah-wibi-nastiti', 2)}: positions.holder: this position is annotated twice "
             "in this file; keep one"),
    ("a reference entity renamed", "  - id: kota-jambi\n    type: City\n",
     "  - id: kota-jambi\n    type: City\n    name: Jambi\n",
     lambda: f"{A}:{at(A, '    name: Jambi')}: entities.name: 'kota-jambi' is named 'Kota Jambi' in the reference "
             f"data (seeds/reference/cities.csv line {at('seeds/reference/cities.csv', 'Kota Jambi')}), not 'Jambi'; "
             "leave out 'name:' here and put the article's spelling under aliases"),
    ("an empty quote", "    quote: di Hotel Sultan\n", "    quote: '   '\n",
     lambda: f"{A}:{at(A, chr(39) * 1 + '   ' + chr(39)) }: entities.quote: the quote is empty; copy the words of the "
             "article that state the fact"),
])
def test_annotation_errors(project: Path, built: tuple[Path, object], case: str, old: str, new: str,
                           expected: object) -> None:
    assert_refused(built, A, old, new, expected)


def test_no_article_section(tmp_path: Path, sources: tuple[Ontology, Reference]) -> None:
    with pytest.raises(KgError) as error:
        annotation(tmp_path, EVENT, sources)
    assert message(error) == f"{tmp_path}/seeds/annotations/rapat.yaml:1: missing required section 'article'"


def test_before_publication_needs_a_publication_date(tmp_path: Path, sources: tuple[Ontology, Reference]) -> None:
    with pytest.raises(KgError) as error:
        annotation(tmp_path, ARTICLE + EVENT, sources)
    assert message(error) == (f"{tmp_path}/seeds/annotations/rapat.yaml:10: events.date: 'before publication' "
                              "needs the article's published date")


def test_a_fact_without_evidence(tmp_path: Path, sources: tuple[Ontology, Reference]) -> None:
    ontology, reference = sources
    reader = AnnotationReader(tmp_path / "x.yaml", ontology, index_corpus(ontology, reference, Registry(), []), {})
    with pytest.raises(KgError) as error:
        reader._fact((None, None, None), Item("x", None, Where("x.yaml", 3, "events.host")))
    assert message(error) == f"{tmp_path}/x.yaml:3: events.host: no evidence: add a quote to the block or to this value"


def test_an_empty_quote() -> None:
    with pytest.raises(QuoteError) as error:
        locate(TEXT, " \n ")
    assert message(error) == "the quote is empty; copy the words of the article that state the fact"


def test_a_time_of_day_that_does_not_exist() -> None:
    with pytest.raises(DateError) as error:
        parse_date("Kamis, 30 Oktober 2025 25:61 WIB")
    assert message(error) == "'Kamis, 30 Oktober 2025 25:61 WIB' has a time of day that does not exist"


# reference data


REFERENCE_CASES = {
    "missing column": ("provinces.csv", lambda t: t.replace("code,name", "code,nama", 1),
                       "{d}/provinces.csv:1: missing column(s) name; the header must name code, name"),
    "wrong number of cells": ("provinces.csv", lambda t: t + "99,Provinsi Baru,extra\n",
                              "{d}/provinces.csv:{last}: wrong number of cells; quote cells that contain commas"),
    "identifier used twice": ("provinces.csv", lambda t: t + t.splitlines()[1] + "\n",
                              "{d}/provinces.csv:{last}: identifier 'provinsi-aceh' is already used by "
                              "{d}/provinces.csv line 2"),
    "unknown organisation type": ("organisations.csv", lambda t: t.replace(",Commission,", ",Komisi,", 1),
                                  "{d}/organisations.csv:3: type: unknown type 'Komisi'; use one of Association, "
                                  "Commission, Country"),
    "unknown part_of": ("organisations.csv", lambda t: t.replace(",apeksi\n", ",apexi\n", 1),
                        "{d}/organisations.csv:3: part_of: 'apexi' is not a known reference entity"),
    "unknown city code in komwil": ("komwil_membership.csv", lambda t: t.replace("\n11.71,", "\n99.99,", 1),
                                    "{d}/komwil_membership.csv:2: code: city code '99.99' is not in cities.csv"),
    "unknown komwil": ("komwil_membership.csv", lambda t: t.replace(",I,", ",VII,", 1),
                       "{d}/komwil_membership.csv:2: komwil: unknown Komwil 'VII'; use one of I, II, III, IV, V, VI"),
    "unknown city code in aliases": ("city_aliases.csv", lambda t: t.replace("\n", "\n99.99,Kota Entah\n", 1),
                                     "{d}/city_aliases.csv:2: code: city code '99.99' is not in cities.csv"),
    "not a number": ("cities.csv", lambda t: t.replace(",5.55,", ",5,55.5,", 1) if ",5.55," in t else t,
                     None),
}


@pytest.mark.parametrize("case", REFERENCE_CASES)
def test_reference_errors(tmp_path: Path, case: str) -> None:
    directory = tmp_path / "reference"
    shutil.copytree(ROOT / "seeds" / "reference", directory)
    name, change, expected = REFERENCE_CASES[case]
    path = directory / name
    if case == "not a number":
        lines = path.read_text(encoding="utf-8").splitlines()
        header = lines[0].split(",")
        cells = lines[1].split(",")
        cells[header.index("latitude")] = "lima"
        lines[1] = ",".join(cells)
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        expected = "{d}/cities.csv:2: latitude: 'lima' is not a number"
    else:
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    last = len(path.read_text(encoding="utf-8").splitlines())
    with pytest.raises(KgError) as error:
        load_reference(directory)
    assert message(error) == expected.format(d=directory, last=last)


# ontology and docs


def test_ontology_files_missing_or_broken(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    (tmp_path / "ontology" / "vocab.ttl").write_text("@prefix x: <http://x/> .\nx:a x:b", encoding="utf-8")
    with pytest.raises(KgError) as error:
        load_ontology(tmp_path / "ontology")
    assert message(error).startswith(f"{tmp_path}/ontology/vocab.ttl: invalid Turtle: ")
    assert "\n" not in message(error)
    (tmp_path / "ontology" / "vocab.ttl").unlink()
    with pytest.raises(KgError) as error:
        load_ontology(tmp_path / "ontology")
    assert message(error) == f"{tmp_path}/ontology/vocab.ttl: ontology file not found; restore it from the repository"


def test_docs_of_a_broken_ontology(tmp_path: Path) -> None:
    (tmp_path / "apeksi.ttl").write_text("@prefix x: <http://x/> .\nx:a x:b", encoding="utf-8")
    with pytest.raises(KgError) as error:
        read_ontology(tmp_path)
    assert message(error).startswith(f"{tmp_path}/apeksi.ttl: not valid Turtle: ")


def test_docs_without_pylode(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pylode", None)
    monkeypatch.setitem(sys.modules, "pylode.utils", None)
    with pytest.raises(KgError) as error:
        pylode_page_class()
    assert message(error) == "pyLODE is not installed; install it with: pip install pylode==3.3.4"


# datasets, outputs, network, page


def test_a_dataset_that_is_missing_or_not_trig(tmp_path: Path) -> None:
    with pytest.raises(KgError) as error:
        read_dataset(tmp_path / "kg.trig")
    assert message(error) == f"{tmp_path}/kg.trig: cannot read the dataset (No such file or directory); run `kg build`"
    (tmp_path / "kg.trig").write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(KgError) as error:
        read_dataset(tmp_path / "kg.trig")
    assert message(error).startswith(f"{tmp_path}/kg.trig: not a valid TriG dataset (")


def test_outputs_where_a_file_stands_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "blocked").write_text("a file", encoding="utf-8")
    with pytest.raises(KgError) as error:
        publish(tmp_path / "blocked" / "out", {"kg.trig": ""}, ".sources.sha256", "x")
    assert message(error) == (f"{tmp_path}/blocked/out: cannot write here (Not a directory); choose a folder you can "
                              "write to")


def test_a_negative_depth() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("maulan-aklil")
    with pytest.raises(KgError) as error:
        neighbourhood(graph, "maulan-aklil", -1)
    assert message(error) == "depth must be 0 or more, not -1"


def test_vis_network_missing_from_pyvis(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(kg.viz, "VIS", tmp_path)
    with pytest.raises(KgError) as error:
        kg.viz._asset("vis-network.min.js")
    assert message(error) == (f"{tmp_path}/vis-network.min.js: cannot read vis-network from the pyvis package (No "
                              "such file or directory); reinstall pyvis")


# queries and checks


def test_query_files_that_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(KgError) as error:
        catalogue(tmp_path)
    assert message(error) == f"{tmp_path}: no saved queries (*.rq) found"
    (tmp_path / "latin1.rq").write_bytes(b"# title: caf\xe9\nASK {}\n")
    with pytest.raises(KgError) as error:
        read_query(tmp_path / "latin1.rq")
    assert message(error) == (f"{tmp_path}/latin1.rq:1: not UTF-8 text (invalid continuation byte, byte 0xe9); save it "
                              "as UTF-8")
    with pytest.raises(KgError) as error:
        read_query(tmp_path)
    assert message(error) == f"{tmp_path}: cannot read the query file: Is a directory"
    (tmp_path / "bad.rq").write_text("# param ?x (colour): a colour\nASK {}\n", encoding="utf-8")
    with pytest.raises(KgError) as error:
        read_query(tmp_path / "bad.rq")
    assert message(error) == (f"{tmp_path}/bad.rq:1: a parameter line reads '# param ?name (type[, default value]): "
                              "description' with type one of entity, iri, string, date, integer")


def test_a_parameter_the_query_does_not_have(tmp_path: Path) -> None:
    (tmp_path / "q.rq").write_text("# param ?x (string): a name\nASK {}\n", encoding="utf-8")
    with pytest.raises(KgError) as error:
        bindings(read_query(tmp_path / "q.rq"), {"y": "1"})
    assert message(error) == "query 'q' has no parameter 'y'; its parameters are: x"


def test_checks_that_are_not_well_formed(tmp_path: Path) -> None:
    store = ox.Store()
    (tmp_path / "ask.rq").write_text("# violation: never\nASK {}\n", encoding="utf-8")
    with pytest.raises(CannotCheck) as error:
        run_checks(store, tmp_path, {})
    assert message(error) == f"{tmp_path}/ask.rq: a check must be a SELECT query; each row it returns is a violation"
    (tmp_path / "ask.rq").write_text("# violation: never\nSELECT ?x WHERE { BIND(1 AS ?x) }\n", encoding="utf-8")
    with pytest.raises(CannotCheck) as error:
        run_checks(store, tmp_path, {})
    assert message(error) == f"{tmp_path}/ask.rq: a check must return the offending node as ?entity"
    (tmp_path / "data.ttl").write_text("", encoding="utf-8")
    with pytest.raises(CannotCheck) as error:
        run_shapes(tmp_path / "data.ttl", tmp_path / "shapes.ttl", {})
    assert message(error) == f"{tmp_path}/shapes.ttl: SHACL shapes not found; restore ontology/shapes.ttl"


def test_kg_check_without_shapes_exits_2(project: Path, built: tuple[Path, object]) -> None:
    shutil.copytree(built[0], "out", symlinks=True)
    shutil.copytree(ROOT / "queries", "queries")
    Path("ontology/shapes.ttl").unlink()
    result = CliRunner().invoke(main, ["check"])
    assert (result.exit_code, result.output) == (
        2, "Error: ontology/shapes.ttl: SHACL shapes not found; restore ontology/shapes.ttl\n")
