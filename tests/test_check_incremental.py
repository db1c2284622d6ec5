"""`kg check` again after a change: what changed is validated again, what did not keeps its findings, and the
answer is the one a first check of the same corpus gives (end to end in tests/test_checks.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from kg import check as check_module
from kg import shapes as shapes_module
from kg.check import CannotCheck, GraphScope, read_shapes, run_checks
from kg.namespaces import PREFIXES
from kg.shapes import Article, check_shapes

ROOT = Path(__file__).resolve().parent.parent
HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in sorted(PREFIXES.items())) + "\n"
A, B = "https://w3id.org/apeksi-kg/graph/article/a", "https://w3id.org/apeksi-kg/graph/article/b"
NAMED = 'id:wali-a a apk:Person ; skos:prefLabel "Wali A" .\n'
STATEMENT = ("<https://w3id.org/apeksi-kg/article/a/statement/1> a rdf:Statement ; rdf:subject id:wali-a ; "
             "rdf:predicate skos:prefLabel ; rdf:object \"Wali A\" .\n")
NAMELESS = "id:wali-b a apk:Person .\n"
BROKEN = ("<https://w3id.org/apeksi-kg/article/b/statement/1> a rdf:Statement ; rdf:subject id:wali-b ; "
          "rdf:predicate rdf:type .\n")
PREF_LABEL = ("https://w3id.org/apeksi-kg/id/wali-b", "prefLabel", "an entity has exactly one preferred name")
NO_OBJECT = ("https://w3id.org/apeksi-kg/article/b/statement/1", "object", "Less than 1 values on "
             "<https://w3id.org/apeksi-kg/article/b/statement/1>->rdf:object")


def load(store: ox.Store, blocks: dict[str, str]) -> list[Article]:
    """The store holding exactly these article graphs, and the articles as the check sees them."""
    store.clear()
    trig = HEADER + "".join(f"<{name}> {{\n{block}}}\n" for name, block in blocks.items())
    store.load(trig.encode(), format=ox.RdfFormat.TRIG)
    mentions = {"id:wali-a": "https://w3id.org/apeksi-kg/id/wali-a", "id:wali-b": "https://w3id.org/apeksi-kg/id/wali-b"}
    return [Article(name, block, frozenset(iri for short, iri in mentions.items() if short in block))
            for name, block in blocks.items()]


def shapes_check(out: Path, store: ox.Store, articles: list[Article]) -> list[tuple[str, str, str]]:
    shapes, digest = read_shapes(ROOT / "ontology" / "shapes.ttl")
    return sorted(check_shapes(out, shapes, digest, Graph(), HEADER, articles, store))


@pytest.mark.parametrize("chunk", [200, 1], ids=["together", "one-by-one"])
def test_shapes_are_validated_again_where_an_article_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            chunk: int) -> None:
    monkeypatch.setattr(shapes_module, "CHUNK", chunk)
    monkeypatch.setattr(shapes_module, "ENTITY_CHUNK", chunk)
    store = ox.Store()
    first = load(store, {A: NAMED + STATEMENT, B: NAMED})
    assert shapes_check(tmp_path / "out", store, first) == []
    changed = load(store, {A: NAMED + STATEMENT, B: NAMED + NAMELESS + BROKEN})
    assert shapes_check(tmp_path / "out", store, changed) == [NO_OBJECT, PREF_LABEL]
    assert shapes_check(tmp_path / "fresh", store, changed) == [NO_OBJECT, PREF_LABEL]
    fixed = load(store, {A: NAMED + STATEMENT, B: NAMED})
    assert shapes_check(tmp_path / "out", store, fixed) == []


def test_an_unchanged_article_keeps_its_findings_without_being_read_again(tmp_path: Path) -> None:
    store = ox.Store()
    articles = load(store, {A: NAMED + STATEMENT, B: NAMED + NAMELESS + BROKEN})
    assert shapes_check(tmp_path, store, articles) == [NO_OBJECT, PREF_LABEL]
    store.clear()  # nothing changed, so nothing is read from the store: the last findings stand
    assert shapes_check(tmp_path, store, articles) == [NO_OBJECT, PREF_LABEL]
    assert shapes_check(tmp_path, store, articles[:1]) == []


EVENT = ('id:rapat-kota-y a apk:Event ; skos:prefLabel "Rapat kerja di Kota Y" ; apk:eventType apv:meeting ; '
         'apk:eventStatus apv:held ; apk:eventCity id:kota-y .\n')
PLACE = 'id:kota-y a apk:{cls} ; skos:prefLabel "Kota Y" .\n'
NOT_IN_A_CITY = ("https://w3id.org/apeksi-kg/id/rapat-kota-y", "eventCity", "an event is held in a city")


def typed_place(store: ox.Store, cls: str) -> list[Article]:
    """Article a reports an event in Kota Y; article b, and only b, says what Kota Y is."""
    store.clear()
    blocks = {A: EVENT, B: PLACE.format(cls=cls)}
    store.load((HEADER + "".join(f"<{n}> {{\n{b}}}\n" for n, b in blocks.items())).encode(), format=ox.RdfFormat.TRIG)
    event, place = (f"https://w3id.org/apeksi-kg/id/{name}" for name in ("rapat-kota-y", "kota-y"))
    return [Article(A, blocks[A], frozenset({event, place})), Article(B, blocks[B], frozenset({place}))]


def test_an_entity_whose_value_changed_class_is_validated_again(tmp_path: Path) -> None:
    store = ox.Store()
    assert NOT_IN_A_CITY not in shapes_check(tmp_path / "out", store, typed_place(store, "City"))
    again = shapes_check(tmp_path / "out", store, typed_place(store, "Venue"))
    assert NOT_IN_A_CITY in again
    assert again == shapes_check(tmp_path / "fresh", store, typed_place(store, "Venue"))


def test_entities_pointing_to_a_changed_article_are_not_validated_again_while_its_classes_stand(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = ox.Store()
    shapes_check(tmp_path, store, typed_place(store, "City"))
    articles = typed_place(store, "City")
    articles[1] = Article(B, articles[1].block + "\n", articles[1].mentions)
    validated: list[set[str] | None] = []
    entity_findings = shapes_module._entity_findings
    monkeypatch.setattr(shapes_module, "_entity_findings",
                        lambda store, shapes, ontology, focus: validated.append(focus)
                        or entity_findings(store, shapes, ontology, focus))
    shapes_check(tmp_path, store, articles)
    assert validated == [{"https://w3id.org/apeksi-kg/id/kota-y"}]


QUOTE_CHECK = ROOT / "queries" / "checks" / "quote-not-at-its-offsets.rq"
WRONG_QUOTE = ('<https://w3id.org/apeksi-kg/article/a> schema:text "Hello world" . '
               '<http://x/ev> oa:hasSource <https://w3id.org/apeksi-kg/article/a> ; '
               'oa:hasSelector <http://x/q> , <http://x/p> . <http://x/q> oa:exact "world" . '
               '<http://x/p> oa:start 0 ; oa:end 5 .\n')


@pytest.mark.parametrize("dataset_at_most", [64, 0], ids=["as-the-dataset", "on-the-whole-store"])
def test_a_check_of_one_article_graph_runs_only_on_the_graphs_that_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dataset_at_most: int) -> None:
    monkeypatch.setattr(check_module, "DATASET_AT_MOST", dataset_at_most)
    (tmp_path / "checks").mkdir()
    shutil.copy(QUOTE_CHECK, tmp_path / "checks")
    store = ox.Store()
    load(store, {A: WRONG_QUOTE, B: NAMED})
    scope = GraphScope({A: "a1", B: "b1"}, tmp_path / "checks.pickle")
    expected = ["quote-not-at-its-offsets: http://x/ev: a quote whose exact words are not the article's text "
                "between its start and end offsets (exact world, start 0, end 5, graph graph:article/a)"]
    assert [str(v) for v in run_checks(store, tmp_path / "checks", {}, scope)] == expected
    load(store, {B: NAMED + NAMELESS})  # article a unchanged (same digest): its rows are kept, not sought again
    again = GraphScope({A: "a1", B: "b2"}, tmp_path / "checks.pickle")
    again.rows = scope.rows
    assert [str(v) for v in run_checks(store, tmp_path / "checks", {}, again)] == expected
    changed = GraphScope({A: "a2", B: "b2"}, None, scope.rows)
    assert run_checks(store, tmp_path / "checks", {}, changed) == []


SCOPE_REFUSALS = {
    "article graph": ("{ GRAPH ?g { ?entity ?p ?o } }", NAMED, "a check of scope 'article graph' must return the "
                      "article graph as ?graph"),
    "entity": ("{ GRAPH ?g { ?entity <https://schema.org/text> ?text } }", WRONG_QUOTE, "a check of scope 'entity' "
               "must return as ?entity an entity of the corpus (an IRI under https://w3id.org/apeksi-kg/id/, "
               "https://w3id.org/apeksi-kg/position/, https://w3id.org/apeksi-kg/participation/), not "
               "https://w3id.org/apeksi-kg/article/a"),
}


@pytest.mark.parametrize("scope", SCOPE_REFUSALS)
def test_a_scoped_check_must_return_what_its_scope_keeps_rows_by(tmp_path: Path, scope: str) -> None:
    where, block, message = SCOPE_REFUSALS[scope]
    (tmp_path / "g.rq").write_text(f"# violation: never\n# scope: {scope}\nSELECT ?entity WHERE {where}\n",
                                   encoding="utf-8")
    store = ox.Store()
    load(store, {A: block})
    with pytest.raises(CannotCheck) as error:
        run_checks(store, tmp_path, {}, GraphScope({A: "a1"}))
    assert str(error.value) == f"{tmp_path}/g.rq: {message}"


NAME_CHECK = ROOT / "queries" / "checks" / "entity-without-name.rq"
WALI_B = "https://w3id.org/apeksi-kg/id/wali-b"
UNNAMED_B = ("entity-without-name: wali-b: an entity (person, city, organisation, event, agreement...) with no "
             "preferred name, or with two (names 0)")


def name_check(checks: Path, store: ox.Store, blocks: dict[str, str], out: Path,
               stored: dict[str, str] | None = None) -> tuple[list[str], GraphScope]:
    """The entity-scoped name check of the article graphs `blocks`, after the last check in `out`, on a store
    that holds them (or `stored`)."""
    articles = load(store, blocks)
    if stored is not None:
        load(store, stored)
    scope = GraphScope.of(out, articles)
    return [str(v) for v in run_checks(store, checks, {}, scope)], scope


def test_a_check_of_one_entity_runs_only_on_the_entities_the_changed_graphs_describe(tmp_path: Path) -> None:
    (tmp_path / "checks").mkdir()
    shutil.copy(NAME_CHECK, tmp_path / "checks")
    store, saved = ox.Store(), tmp_path / "out"
    assert name_check(tmp_path / "checks", store, {A: NAMED, B: NAMED}, saved)[0] == []
    assert name_check(tmp_path / "checks", store, {A: NAMED, B: NAMED + NAMELESS}, saved)[0] == [UNNAMED_B]
    # article a changes and b does not: wali-b is not sought again, so its row stands though the store lost it
    found, scope = name_check(tmp_path / "checks", store, {A: NAMED + "\n", B: NAMED + NAMELESS}, saved,
                              {A: NAMED, B: NAMED})
    assert found == [UNNAMED_B]
    assert scope.affected() == {"https://w3id.org/apeksi-kg/id/wali-a"}
    assert name_check(tmp_path / "checks", store, {A: NAMED + "\n", B: NAMED + NAMELESS}, tmp_path / "fresh",
                      {A: NAMED, B: NAMED})[0] == []
    assert name_check(tmp_path / "checks", store, {A: NAMED, B: NAMED + NAMELESS + "\n"}, saved)[0] == [UNNAMED_B]
    assert name_check(tmp_path / "checks", store, {A: NAMED}, saved)[0] == []



def test_a_check_left_out_of_one_run_checks_everything_again_when_it_comes_back(tmp_path: Path) -> None:
    (tmp_path / "checks").mkdir()
    (tmp_path / "others").mkdir()
    shutil.copy(NAME_CHECK, tmp_path / "checks")
    shutil.copy(QUOTE_CHECK, tmp_path / "others")
    store, saved = ox.Store(), tmp_path / "out"
    assert name_check(tmp_path / "checks", store, {A: NAMED, B: NAMED}, saved)[0] == []
    assert name_check(tmp_path / "others", store, {A: NAMED, B: NAMED + NAMELESS}, saved)[0] == []
    assert name_check(tmp_path / "checks", store, {A: NAMED, B: NAMED + NAMELESS}, saved)[0] == [UNNAMED_B]

