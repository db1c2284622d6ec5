"""One quote, many subjects or objects: a relation whose subject or object is a list states one statement per
pair, all with the same quote, and the quote names every listed entity.

The test article is our own report of the eleventh Muskomwil of Komwil IV (tests/series/), which lists the
thirteen member cities of Komwil IV in one sentence.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from kg.cli import main
from tests.sparql import rows
from tests.test_posts import build_error, line_of
from tests.test_series import BATU, add_articles, annotation, built_in, edit

GRAPH = f"<https://w3id.org/apeksi-kg/graph/article/{BATU}>"
MEMBERS = ["kota-batu", "kota-bima", "kota-blitar", "kota-denpasar", "kota-kediri", "kota-kupang", "kota-madiun",
           "kota-malang", "kota-mataram", "kota-mojokerto", "kota-pasuruan", "kota-probolinggo", "kota-surabaya"]
SENTENCE = ("Komwil IV APEKSI beranggotakan Kota Madiun, Kota Kediri, Kota Blitar, Kota Surabaya, Kota Mojokerto, "
            "Kota Probolinggo, Kota Malang, Kota Batu, Kota Pasuruan, Kota Denpasar, Kota Mataram, Kota Bima dan "
            "Kota Kupang")
LIST = "              kota-batu, kota-pasuruan, kota-denpasar, kota-mataram, kota-bima, kota-kupang]\n"



@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pyoxigraph.Store]:
    return built_in(tmp_path_factory.mktemp("lists"))


@pytest.fixture
def article(project: Path) -> Path:
    add_articles(project)
    return project


def test_one_sentence_states_each_member_as_its_own_statement_with_the_same_quote(
        built: tuple[Path, pyoxigraph.Store]) -> None:
    found = rows(built[1], f"""SELECT ?city ?exact WHERE {{ GRAPH {GRAPH} {{
        ?city apk:memberOf id:komwil-iv .
        ?st rdf:subject ?city ; rdf:predicate apk:memberOf ; rdf:object id:komwil-iv ;
            apk:evidence/oa:hasSelector/oa:exact ?exact }} }}""")
    assert found == [(city, SENTENCE) for city in MEMBERS]
    quotes = rows(built[1], f"""SELECT (COUNT(DISTINCT ?st) AS ?statements) (COUNT(DISTINCT ?quote) AS ?quotes)
        WHERE {{ GRAPH {GRAPH} {{ ?st rdf:predicate apk:memberOf ; apk:evidence ?quote }} }}""")
    assert quotes == [("13^^integer", "1^^integer")]


def test_a_list_of_objects_states_one_statement_each(article: Path) -> None:
    edit(annotation(BATU), "  - subject: balai-kota-among-tani\n",
         "  - subject: kota-madiun\n    relation: member_of\n    object: [komwil-iv, apeksi]\n"
         "    quote: Komwil IV APEKSI beranggotakan Kota Madiun\n  - subject: balai-kota-among-tani\n")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    store = pyoxigraph.Store()
    store.load(path="out/kg.trig", format=pyoxigraph.RdfFormat.TRIG)
    assert rows(store, f"""SELECT ?o ?exact WHERE {{ GRAPH {GRAPH} {{
        ?st rdf:subject id:kota-madiun ; rdf:predicate apk:memberOf ; rdf:object ?o ;
            apk:evidence/oa:hasSelector/oa:exact ?exact .
        FILTER(?exact = "Komwil IV APEKSI beranggotakan Kota Madiun") }} }}""") == [
        ("apeksi", "Komwil IV APEKSI beranggotakan Kota Madiun"),
        ("komwil-iv", "Komwil IV APEKSI beranggotakan Kota Madiun")]


LIST_ERRORS = {
    "a listed subject the quote does not name": (
        LIST, LIST.replace("kota-kupang]", "kota-kupang, kota-tarakan]"), "              kota-batu",
        "relations.subject: 'kota-tarakan' is not named in the quote; one quote states the relation for every listed "
        "subject, so it names each by one of its names (Kota Tarakan)"),
    "a subject listed twice": (
        LIST, LIST.replace("kota-kupang]", "kota-kupang, kota-batu]"), "              kota-batu",
        "relations.subject: 'kota-batu' is listed twice; list each subject once"),
    "a listed object the quote does not name": (
        "    object: komwil-iv\n", "    object: [komwil-iv, komwil-iii]\n", "    object: [komwil-iv",
        "relations.object: 'komwil-iii' is not named in the quote; one quote states the relation for every listed "
        "object, so it names each by one of its names (Komisariat Wilayah III APEKSI, Komwil III)"),
    "an unknown listed subject": (
        LIST, LIST.replace("kota-kupang]", "kota-kupangg]"), "              kota-batu",
        "relations.subject: unknown city 'kota-kupangg'; declare it under 'entities:' in this file or in "
        "seeds/entities.yaml (did you mean kota-kupang, kota-padang, kota-serang?)"),
    "a venue located in a Komwil": (
        "    object: kota-batu\n", "    object: komwil-iv\n", "    relation: located_in",
        "relations.relation: komwil-iv is typed Commission in seeds/reference/organisations.csv line 6 and Region "
        "here (relations.relation); Commission and Region are disjoint"),
}


@pytest.mark.parametrize("case", sorted(LIST_ERRORS))
def test_a_wrong_list_is_a_one_line_error_naming_the_entity(article: Path, case: str) -> None:
    old, new, marker, message = LIST_ERRORS[case]
    edit(annotation(BATU), old, new)
    assert build_error() == f"Error: {annotation(BATU)}:{line_of(marker, annotation(BATU))}: {message}"
