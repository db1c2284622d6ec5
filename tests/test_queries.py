"""Saved queries: exact answers on the seeds, a second engine agrees, parameters are safe, errors are exact."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from kg.build import BuildResult
from kg.cli import main
from kg.namespaces import APK, ID
from kg.query import QUERY_DIR, bindings, read_query, run
from kg.store import open_store
from tests.engines import oxigraph_rows, rdflib_dataset, rdflib_rows

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SAVED = sorted(p.stem for p in (ROOT / QUERY_DIR).glob("*.rq"))
CHECKS = sorted(p.stem for p in (ROOT / QUERY_DIR / "checks").glob("*.rq"))
RUNS = {
    "events": {}, "participants": {}, "positions": {}, "agreements": {}, "city-network": {}, "timeline": {},
    "aliases": {}, "provenance": {}, "conflicts": {}, "series": {}, "timeline-maulan-aklil": {"entity": "maulan-aklil"},
    "provenance-maulan-aklil": {"entity": "maulan-aklil"},
}


def kg(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture
def in_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


@pytest.fixture(scope="module")
def rdflib_data(built: tuple[Path, BuildResult]) -> Dataset:
    return rdflib_dataset(built[0] / "kg.trig")


def test_every_saved_query_has_a_golden_answer() -> None:
    assert sorted({name.split("-maulan")[0] for name in RUNS} | {"komwil-members"}) == SAVED


@pytest.mark.parametrize("run_name", sorted(RUNS))
def test_saved_query_answers_exactly(in_root: None, built: tuple[Path, BuildResult], run_name: str) -> None:
    name = run_name.removesuffix("-maulan-aklil")
    params = [arg for key, value in RUNS[run_name].items() for arg in ("--param", f"{key}={value}")]
    code, output = kg("query", name, "--format", "csv", "--build-dir", str(built[0]), *params)
    assert code == 0, output
    assert output.replace("\r\n", "\n") == (GOLDEN / f"{run_name}.csv").read_text(encoding="utf-8")


def test_komwil_members_match_the_reference_files(in_root: None, built: tuple[Path, BuildResult]) -> None:
    code, output = kg("query", "komwil-members", "--format", "csv", "--build-dir", str(built[0]))
    assert code == 0, output
    reference = ROOT / "seeds" / "reference"
    with (reference / "komwil_membership.csv").open(encoding="utf-8") as handle:
        komwil = {row["code"]: row["komwil"] for row in csv.DictReader(handle)}
    with (reference / "cities.csv").open(encoding="utf-8") as handle:
        expected = [[row["code"], row["name"], row["province"], f"Komisariat Wilayah {komwil[row['code']]} APEKSI"]
                    for row in csv.DictReader(handle)]
    rows = list(csv.reader(io.StringIO(output)))
    assert rows[0] == ["code", "city", "province", "komwil"]
    assert rows[1:] == sorted(expected)
    assert len(rows[1:]) == 98


@pytest.mark.parametrize("path", [f"{name}.rq" for name in SAVED] + [f"checks/{name}.rq" for name in CHECKS])
def test_a_second_engine_gives_the_same_answers(built: tuple[Path, BuildResult], rdflib_data: Dataset,
                                                path: str) -> None:
    query = read_query(ROOT / QUERY_DIR / path)
    for given in ({}, {"entity": "maulan-aklil"}) if query.parameters else ({},):
        values = bindings(query, given)
        oxigraph = oxigraph_rows(run(open_store(built[0] / "kg.trig"), query, values))
        second = rdflib_rows(rdflib_data, query, values)
        assert oxigraph == second, (
            f"{path} {given}: engines disagree\nonly Oxigraph: {oxigraph - second}\nonly rdflib: {second - oxigraph}"
        )


def write_query(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.rq"
    path.write_text(text, encoding="utf-8")
    return path


PROLOGUE = ("PREFIX apk: <https://w3id.org/apeksi-kg/ontology#>\n"
            "PREFIX id: <https://w3id.org/apeksi-kg/id/>\n"
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n")


@pytest.mark.parametrize("value", [
    'Maulan Aklil" } UNION { ?e ?p ?name } #',
    "Maulan Aklil\n} UNION { ?e ?p ?name }",
    "<script>Maulan Aklil</script> > < '",
])
def test_a_string_parameter_cannot_change_the_query(tmp_path: Path, built: tuple[Path, BuildResult],
                                                    value: str) -> None:
    path = write_query(tmp_path, "by-name", "# title: By name\n# param ?name (string): a preferred name\n"
                       + PROLOGUE + "SELECT ?e ?name WHERE { ?e skos:prefLabel ?name }\n")
    code, output = kg("query", str(path), "--param", f"name={value}", "--build-dir", str(built[0]))
    assert (code, output) == (0, "e  name\n-  ----\n(0 rows)\n")
    code, output = kg("query", str(path), "--param", "name=Maulan Aklil", "--build-dir", str(built[0]))
    assert (code, output) == (0, "e                name\n---------------  ------------\n"
                                 "id:maulan-aklil  Maulan Aklil\n(1 row)\n")


@pytest.mark.parametrize(("value", "message"), [
    ("maulan-aklil> } UNION { ?s ?p ?o", "Error: parameter 'entity': "),
    ('maulan"aklil', "Error: parameter 'entity': "),
    ("maulan aklil\nx", "Error: parameter 'entity': "),
])
def test_an_entity_parameter_must_be_an_iri(in_root: None, built: tuple[Path, BuildResult], value: str,
                                            message: str) -> None:
    code, output = kg("query", "timeline", "--param", f"entity={value}", "--build-dir", str(built[0]))
    assert code == 1
    assert output.startswith(message) and "is not a valid IRI" in output and output.count("\n") == 1


def test_syntax_error_names_file_line_and_column(tmp_path: Path, built: tuple[Path, BuildResult]) -> None:
    path = write_query(tmp_path, "broken", "# title: Broken\nSELECT ?s WHERE {\n  ?s ?p ?o .\n  FILTR(?s)\n}\n")
    assert kg("query", str(path), "--build-dir", str(built[0])) == (
        1, f"Error: SPARQL syntax error: {path}:4:11: expected OPTIONAL\n")


def test_unknown_query_lists_the_saved_ones(in_root: None, built: tuple[Path, BuildResult]) -> None:
    assert kg("query", "mayors", "--build-dir", str(built[0])) == (
        1, f"Error: no query named 'mayors'; saved queries are: {', '.join(SAVED)}\n")


def test_unknown_parameter_lists_the_valid_ones(in_root: None, built: tuple[Path, BuildResult]) -> None:
    assert kg("query", "timeline", "--param", "city=kota-medan", "--build-dir", str(built[0])) == (
        1, "Error: no query given has a parameter 'city'; their parameters are: entity\n")
    assert kg("query", "timeline", "--param", "entity", "--build-dir", str(built[0])) == (
        1, "Error: --param takes NAME=VALUE, not 'entity'\n")


def test_ask(tmp_path: Path, built: tuple[Path, BuildResult]) -> None:
    yes = write_query(tmp_path, "yes", PROLOGUE + "ASK { id:maulan-aklil a apk:Mayor }\n")
    no = write_query(tmp_path, "no", PROLOGUE + "ASK { id:indah-wibi-nastiti a apk:Mayor }\n")
    assert kg("query", str(yes), "--build-dir", str(built[0])) == (0, "true\n")
    assert kg("query", str(no), "--build-dir", str(built[0])) == (0, "false\n")
    assert json.loads(kg("query", str(yes), "--format", "json", "--build-dir", str(built[0]))[1]) == {
        "head": {}, "boolean": True}


def test_construct_prints_turtle(tmp_path: Path, built: tuple[Path, BuildResult]) -> None:
    path = write_query(tmp_path, "mayors", PROLOGUE + "CONSTRUCT { ?c apk:hasMayor ?p } WHERE { ?p apk:mayorOf ?c }\n")
    code, output = kg("query", str(path), "--build-dir", str(built[0]))
    assert code == 0
    expected = Graph()
    for person, city in (("maulan-aklil", "kota-pangkal-pinang"), ("airin-rachmi-diany", "kota-tangerang-selatan"),
                         ("rico-waas", "kota-medan")):
        expected.add((URIRef(ID[city]), APK.hasMayor, URIRef(ID[person])))
    assert isomorphic(Graph().parse(data=output, format="turtle"), expected)
    assert "@prefix apk: <https://w3id.org/apeksi-kg/ontology#> ." in output


def test_formats(in_root: None, built: tuple[Path, BuildResult]) -> None:
    args = ("query", "city-network", "--build-dir", str(built[0]), "--format")
    assert kg(*args, "table")[1] == (
        "city1                city2                links  via\n"
        "-------------------  -------------------  -----  -----------------------------\n"
        "Kota Jambi           Kota Pangkal Pinang  1      Studi pertautan ke Jambi\n"
        "Kota Pangkal Pinang  Kota Yogyakarta      1      APEKSI Sharing Session I 2019\n"
        "(2 rows)\n")
    assert kg(*args, "md")[1] == (
        "| city1 | city2 | links | via |\n|---|---|---|---|\n"
        "| Kota Jambi | Kota Pangkal Pinang | 1 | Studi pertautan ke Jambi |\n"
        "| Kota Pangkal Pinang | Kota Yogyakarta | 1 | APEKSI Sharing Session I 2019 |\n")
    assert kg(*args, "tsv")[1].splitlines()[1] == (
        '"Kota Jambi"\t"Kota Pangkal Pinang"\t1\t"Studi pertautan ke Jambi"')
    results = json.loads(kg(*args, "json")[1])
    assert results["head"]["vars"] == ["city1", "city2", "links", "via"]
    assert results["results"]["bindings"][1]["city2"] == {"type": "literal", "value": "Kota Yogyakarta"}


def test_several_queries_at_once(in_root: None, built: tuple[Path, BuildResult]) -> None:
    code, output = kg("query", "city-network", "timeline", "--build-dir", str(built[0]))
    assert code == 0
    assert output.startswith("# City network\ncity1")
    assert "\n\n# Timeline\nname" in output


def test_query_rebuilds_when_an_annotation_is_removed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    shutil.copytree(ROOT / "queries", tmp_path / "queries")
    monkeypatch.chdir(tmp_path)
    assert "Kota Medan" in kg("query", "events")[1]
    (tmp_path / "seeds" / "annotations" / "komwil-i-apeksi-sosialisasi-medan-2025.yaml").unlink()
    code, output = kg("query", "events")
    assert code == 0
    assert "Kota Medan" not in output
    assert len(output.splitlines()) == 7


def test_query_builds_a_missing_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "ontology", tmp_path / "ontology")
    shutil.copytree(ROOT / "queries", tmp_path / "queries")
    monkeypatch.chdir(tmp_path)
    code, output = kg("query", "city-network", "--format", "csv")
    assert code == 0
    assert (tmp_path / "out" / "kg.trig").is_file()
    assert output.replace("\r\n", "\n") == (GOLDEN / "city-network.csv").read_text(encoding="utf-8")


def test_list_shows_every_saved_query_with_its_question_and_parameters(in_root: None) -> None:
    code, output = kg("query", "--list")
    assert code == 0
    lines = output.splitlines()
    assert [line.split(":")[0] for line in lines if not line.startswith(" ")] == SAVED
    assert ("timeline: Which posts did one person hold or one city have, and which dated events did they take part "
            "in, in date order, and how?") in lines
    assert ("    --param entity=... (entity, default kota-pangkal-pinang): the city or person, as an id "
            "(maulan-aklil, kota-medan) or a full IRI; an unknown id is refused with the closest ids") in lines


def test_query_without_a_name_is_a_usage_error(in_root: None) -> None:
    code, output = kg("query")
    assert code == 2
    assert output.splitlines()[-1] == (
        "Error: name a saved query (kg query events) or a .rq file; kg query --list shows them")


def test_timeline_merges_the_roles_of_one_person_at_one_event_and_lists_the_posts(
        in_root: None, built: tuple[Path, BuildResult]) -> None:
    code, output = kg("query", "timeline", "--format", "csv", "--param", "entity=rico-waas",
                      "--build-dir", str(built[0]))
    rows = list(csv.DictReader(io.StringIO(output)))
    assert code == 0
    assert [(r["name"], r["as_of"], r["what"], r["how"]) for r in rows] == [
        ("Rico Tri Putra Bayu Waas", "2025-10-30", "Chair of Komisariat Wilayah I APEKSI", "holder"),
        ("Rico Tri Putra Bayu Waas", "2025-10-30", "Mayor of Kota Medan", "holder"),
        ("Rico Tri Putra Bayu Waas", "", "Sosialisasi kesepakatan bersama Komwil I APEKSI tentang aplikasi dan "
         "produk unggulan", rows[2]["how"]),
    ]
    assert sorted(rows[2]["how"].split(", ")) == ["opened", "spoke"]
    assert rows[2]["start"] == "2025-10-30"


@pytest.mark.parametrize(("value", "hint"), [
    ("rico-wass", "closest ids: rico-waas, republik-indonesia"),
    ("molen", "closest ids: maulan-aklil"),
    ("zzqqxx", "`kg ids TEXT` lists the ids by name"),
])
def test_an_unknown_entity_is_refused_with_the_closest_ids(in_root: None, built: tuple[Path, BuildResult],
                                                          value: str, hint: str) -> None:
    assert kg("query", "timeline", "--param", f"entity={value}", "--build-dir", str(built[0])) == (
        1, f"Error: parameter 'entity': no entity '{value}' in the dataset; {hint}\n")
