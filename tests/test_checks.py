"""Each quality check and shape fires on a small graph built to violate it; `kg check` end to end."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg import source_cache
from kg.check import run_shapes
from kg.cli import main
from kg.freshness import staleness
from kg.namespaces import PREFIXES
from kg.query import read_query, run
from tests.sparql import short

ROOT = Path(__file__).resolve().parent.parent
HEADER = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in PREFIXES.items())
VOCABULARY = "apv:meeting a skos:Concept . apv:mayor a skos:Concept .\n"
A = "seeds/annotations/antara-babel-2019-apeksi-sharing-session.yaml"

VIOLATIONS = {
    "event-without-date-or-place": (
        "graph:article\\/a { id:e1 a apk:Event . id:e2 a apk:Event ; apk:date \"2019\"^^xsd:gYear ; "
        "apk:venue id:v . id:e3 a apk:Event ; apk:startDate \"2019-10-07\"^^xsd:date ; apk:venue id:v . "
        "id:e4 a apk:Event ; apk:earliestDate \"2019-10-07\"^^xsd:date ; apk:venue id:v . }",
        [("e1", "date"), ("e1", "place")],
    ),
    "position-without-holder-or-post": (
        "graph:g { <http://x/pos> a apk:Position ; apk:role apv:mayor . }",
        [("http://x/pos", "holder"), ("http://x/pos", "position in")],
    ),
    "fact-without-evidence": (
        "graph:g { graph:g prov:wasDerivedFrom article:a . article:a a apk:Article . id:x skos:prefLabel \"X\" . "
        "id:y skos:prefLabel \"Y\" . <http://x/st> a rdf:Statement ; rdf:subject id:y ; "
        "rdf:predicate skos:prefLabel ; rdf:object \"Y\" ; apk:evidence <http://x/ev> . }",
        [("x", "skos:prefLabel", "X", "graph:g")],
    ),
    "city-without-province-or-komwil": (
        "graph:reference { id:kota-x a apk:City . id:kota-y a apk:City ; apk:inProvince id:p ; "
        "apk:memberOf id:k . id:k a apk:Commission . }",
        [("kota-x", "Komwil"), ("kota-x", "province")],
    ),
    "two-mayoral-posts": (
        "graph:g { <http://x/p1> a apk:Position ; apk:holder id:m ; apk:role apv:mayor ; apk:positionIn id:kota-a ; "
        "apk:asOf \"2019\"^^xsd:gYear . <http://x/p2> a apk:Position ; apk:holder id:m ; apk:role apv:mayor ; "
        "apk:positionIn id:kota-b ; apk:asOf \"2019\"^^xsd:gYear . <http://x/p3> a apk:Position ; apk:holder id:m ; "
        "apk:role apv:mayor ; apk:positionIn id:kota-c ; apk:asOf \"2020\"^^xsd:gYear . }",
        [("m", "kota-a", "kota-b", "2019^^gYear")],
    ),
    "planned-event-before-article": (
        "graph:g { graph:g prov:wasDerivedFrom article:a . article:a schema:datePublished \"2019-10-07\"^^xsd:date . "
        "id:e1 apk:eventStatus apv:planned ; apk:date \"2019-09\"^^xsd:gYearMonth . "
        "id:e2 apk:eventStatus apv:planned ; apk:date \"2019\"^^xsd:gYear . "
        "id:e3 apk:eventStatus apv:planned ; apk:date \"2019-10-08\"^^xsd:date . "
        "id:e4 apk:eventStatus apv:planned ; apk:startDate \"2019-10-01\"^^xsd:date ; "
        "apk:endDate \"2019-10-06\"^^xsd:date . "
        "id:e5 apk:eventStatus apv:planned ; apk:startDate \"2019-10-01\"^^xsd:date ; "
        "apk:endDate \"2019-10-09\"^^xsd:date . }",
        [("e1", "2019-09^^gYearMonth", "2019-10-07^^date", "article:a"),
         ("e4", "2019-10-06^^date", "2019-10-07^^date", "article:a")],
    ),
    "held-event-after-article": (
        "graph:g { graph:g prov:wasDerivedFrom article:a . article:a schema:datePublished \"2019\"^^xsd:gYear . "
        "id:e1 apk:eventStatus apv:held ; apk:date \"2020-01-02\"^^xsd:date . "
        "id:e2 apk:eventStatus apv:held ; apk:date \"2019-12-31\"^^xsd:date . "
        "id:e3 apk:eventStatus apv:held ; apk:startDate \"2020-01-01\"^^xsd:date ; "
        "apk:endDate \"2020-01-03\"^^xsd:date . "
        "id:e4 apk:eventStatus apv:held ; apk:startDate \"2019-12-30\"^^xsd:date ; "
        "apk:endDate \"2020-01-03\"^^xsd:date . }",
        [("e1", "2020-01-02^^date", "2019^^gYear", "article:a"),
         ("e3", "2020-01-01^^date", "2019^^gYear", "article:a")],
    ),
    "quote-not-at-its-offsets": (
        "graph:g { article:a schema:text \"Hello world\" . "
        "<http://x/ev1> oa:hasSource article:a ; oa:hasSelector <http://x/q1> , <http://x/p1> . "
        "<http://x/q1> oa:exact \"world\" . <http://x/p1> oa:start 0 ; oa:end 5 . "
        "<http://x/ev2> oa:hasSource article:a ; oa:hasSelector <http://x/q2> , <http://x/p2> . "
        "<http://x/q2> oa:exact \"world\" . <http://x/p2> oa:start 6 ; oa:end 11 . }",
        [("http://x/ev1", "world", "0^^integer", "5^^integer", "graph:g")],
    ),
    "entity-without-name": (
        "graph:g { id:x a apk:Person . id:y a apk:Person ; skos:prefLabel \"Y\" , \"Why\" . "
        "id:z a apk:Person ; skos:prefLabel \"Z\" . }",
        [("x", "0^^integer"), ("y", "2^^integer")],
    ),
}


def test_every_check_has_a_violating_example() -> None:
    assert sorted(VIOLATIONS) == sorted(p.stem for p in (ROOT / "queries" / "checks").glob("*.rq"))


@pytest.mark.parametrize("name", sorted(VIOLATIONS))
def test_check_fires_on_a_graph_built_to_violate_it(name: str) -> None:
    trig, expected = VIOLATIONS[name]
    store = ox.Store()
    store.load(input=(HEADER + trig).replace("graph:article\\/a", "<https://w3id.org/apeksi-kg/graph/article/a>"),
               format=ox.RdfFormat.TRIG)
    query = read_query(ROOT / "queries" / "checks" / f"{name}.rq")
    assert query.title and query.violation
    result = run(store, query, {})
    rows = [tuple(short(row[v]) for v in result.variables) for row in result]
    assert rows == expected


SHAPES = [
    ("id:e a apk:Event ; skos:prefLabel \"E\" ; apk:eventType apv:meeting ; apk:eventStatus apv:held ; "
     "apk:date \"2019\"^^xsd:gYear , \"2019-10-07\"^^xsd:date .",
     []),
    ("id:e a apk:Event ; skos:prefLabel \"E\" ; apk:eventType apv:meeting ; apk:eventStatus apv:mou ; "
     "apk:date \"October\" .",
     ["shape: e: date: an event's date is an xsd:date, xsd:gYearMonth, xsd:gYear or xsd:dateTime (articles' "
      "values that disagree are conflicts, see kg check)",
      "shape: e: eventStatus: an event is reported as held or planned"]),
    ("id:e a apk:Event ; skos:prefLabel \"E\" ; apk:eventType apv:meeting ; apk:eventStatus apv:held ; "
     "apk:startDate \"2019-10-07\"^^xsd:date ; apk:endDate \"soon\" .",
     ["shape: e: endDate: an event's end date is an xsd:date, xsd:gYearMonth, xsd:gYear or xsd:dateTime"]),
    ("<http://x/pos> a apk:Position ; apk:role apv:mayor ; apk:positionIn id:kota-x .",
     ["shape: http://x/pos: holder: a position has exactly one holder, a person"]),
    ("id:kota-x a apk:City ; skos:prefLabel \"X\" ; apk:kemendagriCode \"19-71\" ; apk:inProvince id:p ; "
     "apk:memberOf id:k . id:p a apk:Province ; skos:prefLabel \"P\" . id:k a apk:Commission .",
     ["shape: kota-x: kemendagriCode: a city has exactly one Kemendagri code such as 19.71"]),
    ("id:p a apk:Person .", ["shape: p: prefLabel: an entity has exactly one preferred name"]),
    ("id:e a apk:Event ; skos:prefLabel \"E\" ; apk:eventType apv:meeting ; apk:eventStatus apv:held ; "
     "apk:series id:s , id:t ; apk:edition 0 . id:s a apk:EventSeries ; skos:prefLabel \"S\" . "
     "id:t a apk:EventSeries ; skos:prefLabel \"T\" .",
     ["shape: e: edition: an event's edition is one whole number from 1",
      "shape: e: series: an event is an edition of at most one event series"]),
    ("id:s a apk:EventSeries .", ["shape: s: prefLabel: an entity has exactly one preferred name"]),
]


@pytest.mark.parametrize(("turtle", "expected"), SHAPES)
def test_shapes_fire(tmp_path: Path, turtle: str, expected: list[str]) -> None:
    data = tmp_path / "data.ttl"
    data.write_text(HEADER + VOCABULARY + turtle, encoding="utf-8")
    violations = run_shapes(data, ROOT / "ontology" / "shapes.ttl", {})
    assert [str(v) for v in violations] == expected


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for folder in ("seeds", "ontology", "queries"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_kg_check_is_clean_on_the_seeds(project: Path) -> None:
    result = CliRunner().invoke(main, ["check"])
    assert (result.exit_code, result.output) == (0, "0 violations\n")


def test_kg_check_leaves_a_graph_that_needs_no_rebuild(project: Path) -> None:
    """Regression: the check's build left no digest of its sources, so the next command built again."""
    assert CliRunner().invoke(main, ["check"]).exit_code == 0
    assert staleness(Path("seeds"), Path("out"), Path("ontology")) == ""


def test_kg_check_names_the_entity_and_where_it_was_annotated(project: Path) -> None:
    path = Path(A)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    date: Tahun 2020\n    city: kota-pangkal-pinang\n", ""), encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    edited = path.read_text(encoding="utf-8")
    line = edited.count("\n", 0, edited.index("  - id: rakerkomwil-ii-apeksi-2020")) + 2
    message = "an event that has neither a date nor a date bound, or neither a city nor a venue"
    assert (result.exit_code, result.output) == (1, (
        f"event-without-date-or-place: rakerkomwil-ii-apeksi-2020 ({A} line {line}): {message} (missing date)\n"
        f"event-without-date-or-place: rakerkomwil-ii-apeksi-2020 ({A} line {line}): {message} (missing place)\n"
        "2 violations\n"))


def test_kg_check_reports_bad_input_as_a_violation(project: Path) -> None:
    path = Path(A)
    path.write_text(path.read_text(encoding="utf-8").replace("type: Venue\n    name: Hotel Sultan",
                                                             "type: Venu\n    name: Hotel Sultan"), encoding="utf-8")
    result = CliRunner().invoke(main, ["check"])
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"input: {A}:39: entities.type: unknown type 'Venu'; use one of Person, Organization, Association, "
        "Commission, City, Province, Country, Venue (events and agreements have their own sections)",
        "1 violation",
    ]


def test_kg_check_that_cannot_run_exits_2(project: Path) -> None:
    result = CliRunner().invoke(main, ["check", "--checks", "nowhere"])
    assert (result.exit_code, result.output) == (2, "Error: nowhere: no check queries (*.rq) found\n")


def test_kg_check_after_a_change_answers_as_a_first_check(project: Path) -> None:
    assert CliRunner().invoke(main, ["check"]).output == "0 violations\n"
    path = Path("seeds/annotations/antara-babel-2019-apeksi-sharing-session.yaml")
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    date: Tahun 2020\n    city: kota-pangkal-pinang\n", ""), encoding="utf-8")
    again = CliRunner().invoke(main, ["check"])
    shutil.rmtree("out/.cache")
    first = CliRunner().invoke(main, ["check"])
    assert (again.exit_code, again.output) == (first.exit_code, first.output)
    assert again.exit_code == 1 and "event-without-date-or-place" in again.output


def test_kg_check_names_a_source_edited_while_it_read_it(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = Path("seeds/annotations/antara-babel-2019-apeksi-sharing-session.yaml")
    text = path.read_text(encoding="utf-8")
    original = source_cache.scan_annotation

    def edited_meanwhile(scanned: Path, ontology):
        if scanned.name == path.name:
            scanned.write_text(text.replace("    role: chaired\n", "    role: spoke\n", 1), encoding="utf-8")
        return original(scanned, ontology)

    monkeypatch.setattr(source_cache, "scan_annotation", edited_meanwhile)
    result = CliRunner().invoke(main, ["check"])
    assert (result.exit_code, result.output) == (1, (
        f"source: {path}: changed while the check read it; run `kg check` again\n1 violation\n"))
    monkeypatch.undo()
    assert CliRunner().invoke(main, ["check"]).output == "0 violations\n"
