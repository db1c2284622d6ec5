"""Posts as Indonesian news names them: roles of every level of government, where each is held, former posts,
how a post was taken (an event, a decree), and participations on one day of a longer event.

The test article (tests/posts/) is our own report of a Muskomwil in Surabaya.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib.namespace import SKOS

from kg.build import build
from kg.cli import main
from kg.facts import read_facts
from kg.namespaces import APV
from kg.network import build_network
from kg.ontology import load_ontology
from kg.viz import edge_label
from tests.sparql import rows

ROOT = Path(__file__).resolve().parent.parent
POSTS = Path(__file__).resolve().parent / "posts"
NAME = "jatim-pos-2025-muskomwil-iv-surabaya"
ANNOTATION = f"seeds/annotations/{NAME}.yaml"
GRAPH = f"<https://w3id.org/apeksi-kg/graph/article/{NAME}>"


def add_article(root: Path, name: str = NAME) -> None:
    shutil.copy(POSTS / "articles" / f"{name}.txt", root / "seeds" / "articles")
    shutil.copy(POSTS / "annotations" / f"{name}.yaml", root / "seeds" / "annotations")


def built_with(root: Path, name: str) -> tuple[Path, pyoxigraph.Store]:
    """The seeds and one test article built together in `root`, and the dataset in Oxigraph."""
    for folder in ("seeds", "ontology", "queries"):
        shutil.copytree(ROOT / folder, root / folder)
    add_article(root, name)
    build(root / "seeds", root / "out", root / "ontology")
    store = pyoxigraph.Store()
    store.load(path=str(root / "out" / "kg.trig"), format=pyoxigraph.RdfFormat.TRIG)
    return root, store


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pyoxigraph.Store]:
    """The seeds and the test article (published Rabu, 30 April 2025) built together."""
    return built_with(tmp_path_factory.mktemp("posts"), NAME)


def query_rows(root: Path, monkeypatch: pytest.MonkeyPatch, name: str, *params: str) -> list[dict[str, str]]:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["query", name, "--format", "csv", *params])
    assert result.exit_code == 0, result.output
    return [row for row in csv.DictReader(io.StringIO(result.stdout)) if NAME in row["articles"]]


def pick(table: list[dict[str, str]], *columns: str) -> list[tuple[str, ...]]:
    return [tuple(row[c] for c in columns) for row in table]


@pytest.fixture
def article(project: Path) -> Path:
    """A copy of the seeds with the test article, to break."""
    add_article(project)
    return project


def edit(old: str, new: str, annotation: str = ANNOTATION) -> None:
    file = Path(annotation)
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the test's edit must match once: {old!r}"
    file.write_text(text.replace(old, new), encoding="utf-8")


def line_of(text: str, annotation: str = ANNOTATION) -> int:
    content = Path(annotation).read_text(encoding="utf-8")
    return content.count("\n", 0, content.index(text)) + 1


def build_error() -> str:
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 1, result.output
    assert not Path("out/kg.trig").exists()
    return result.stderr.strip()


# posts

ROLES = ("president", "vice-president", "minister", "deputy-minister", "governor", "vice-governor", "regent",
         "vice-regent", "director-general", "secretary-general", "secretary", "treasurer", "board-member",
         "regional-secretary", "official", "mayor", "vice-mayor", "chair", "vice-chair", "executive-director",
         "director")


def test_every_post_the_news_names_is_a_role_with_both_labels_and_a_definition() -> None:
    ontology = load_ontology(ROOT / "ontology")
    roles = ontology.concepts["roles"]
    assert sorted(roles) == sorted(ROLES)
    for key, concept in roles.items():
        assert concept == APV[key]
        for prop in (SKOS.prefLabel, SKOS.definition):
            assert sorted(v.language for v in ontology.graph.objects(concept, prop)) == ["en", "id"], (key, prop)


def test_the_republic_is_a_reference_entity(built: tuple[Path, pyoxigraph.Store]) -> None:
    query = """SELECT ?type ?name WHERE { GRAPH graph:reference { id:republik-indonesia a ?type ;
        skos:prefLabel ?name } }"""
    assert rows(built[1], query, union=False) == [("apk:Country", "Republik Indonesia")]


def test_posts_are_held_in_a_ministry_the_country_a_province_a_city_and_a_commission(
        built: tuple[Path, pyoxigraph.Store], monkeypatch: pytest.MonkeyPatch) -> None:
    table = query_rows(built[0], monkeypatch, "positions")
    assert pick(table, "holder", "role", "post", "of", "asOf") == [
        ("Agus Salim Pratama", "Chair", "", "Komisariat Wilayah IV APEKSI", "2025-04-30"),
        ("Agus Salim Pratama", "Mayor", "", "Kota Malang", "2025-04-30"),
        ("Bambang Irawan", "Mayor", "", "Kota Batu", "2025-04-30"),
        ("Bambang Irawan", "Mayor", "", "Kota Madiun", ""),
        ("Hendra Kusuma Wijaya", "Governor", "", "Jawa Timur", "2025-04-30"),
        ("Lestari Handayani", "Regional secretary", "", "Kota Surabaya", "2025-04-30"),
        ("Prabowo Subianto", "President", "", "Republik Indonesia", "2025-04-30"),
        ("Ratna Dewi Anggraini", "Deputy minister", "", "Kementerian Dalam Negeri", "2025-04-30"),
        ("Siti Rahmawati", "Treasurer", "", "Komisariat Wilayah IV APEKSI", "2025-04-30"),
        ("Yusuf Efendi", "Official", "Kepala Badan Perencanaan Pembangunan Daerah (Bappeda) Kota Surabaya",
         "Kota Surabaya", "2025-04-30"),
    ]


def test_an_official_keeps_the_title_with_its_quote(built: tuple[Path, pyoxigraph.Store]) -> None:
    query = f"""SELECT ?title ?exact WHERE {{ GRAPH {GRAPH} {{
        ?st rdf:subject ?p ; rdf:predicate apk:postTitle ; rdf:object ?title ; apk:evidence/oa:hasSelector/oa:exact
        ?exact . ?p apk:holder id:yusuf-efendi }} }}"""
    assert rows(built[1], query, union=False) == [(
        "Kepala Badan Perencanaan Pembangunan Daerah (Bappeda) Kota Surabaya",
        "Kepala Badan Perencanaan Pembangunan Daerah (Bappeda) Kota Surabaya, Yusuf Efendi")]


POST_ERRORS = {
    "official without a title": (
        "    role: official\n    title: Kepala Badan Perencanaan Pembangunan Daerah (Bappeda) Kota Surabaya\n",
        "    role: official\n", "    role: official",
        "positions.role: role official needs title: the post as the article writes it, such as 'Kepala Bappeda'",
    ),
    "governor of a city": (
        "    role: governor\n    of: provinsi-jawa-timur\n", "    role: governor\n    of: kota-surabaya\n",
        "    of: kota-surabaya\n    quote: Gubernur",
        "positions.of: a governor holds office in a Province, and 'kota-surabaya' is not a Province",
    ),
    "president of an association": (
        "    of: republik-indonesia\n", "    of: apeksi\n", "    of: apeksi",
        "positions.of: a president holds office in a Country, and 'apeksi' is not a Country",
    ),
    "regional secretary of a commission": (
        "    role: regional-secretary\n    of: kota-surabaya\n", "    role: regional-secretary\n    of: komwil-iv\n",
        "    of: komwil-iv\n    quote: Sekretaris",
        "positions.of: a regional-secretary holds office in a City or Province, and 'komwil-iv' is neither",
    ),
    "post held by a venue": (
        "    role: treasurer\n    of: komwil-iv\n", "    role: treasurer\n    of: hotel-majapahit-surabaya\n",
        "    of: hotel-majapahit-surabaya",
        "positions.of: hotel-majapahit-surabaya is typed Venue in seeds/annotations/"
        f"{NAME}.yaml line {{venue}} and Seat here (positions.of); Venue and Seat are disjoint",
    ),
}


@pytest.mark.parametrize("case", sorted(POST_ERRORS))
def test_a_post_in_the_wrong_place_is_a_one_line_error(article: Path, case: str) -> None:
    old, new, marker, message = POST_ERRORS[case]
    edit(old, new)
    venue = line_of("    type: Venue")
    assert build_error() == f"Error: {ANNOTATION}:{line_of(marker)}: {message.format(venue=venue)}"


# former posts


def test_a_former_post_has_an_upper_bound_on_its_end_and_is_not_held_as_of_the_article(
        built: tuple[Path, pyoxigraph.Store], monkeypatch: pytest.MonkeyPatch) -> None:
    table = query_rows(built[0], monkeypatch, "positions")
    assert pick([r for r in table if r["holder"] == "Bambang Irawan"], "of", "end", "ended_before", "asOf") == [
        ("Kota Batu", "", "", "2025-04-30"),
        ("Kota Madiun", "", "2025-04-30", ""),
    ]
    query = f"""SELECT ?p ?o WHERE {{ GRAPH {GRAPH} {{
        <https://w3id.org/apeksi-kg/position/bambang-irawan/mayor/kota-madiun> ?p ?o .
        FILTER(?p IN (apk:endedBefore, apk:endDate, apk:asOf)) }} }}"""
    assert rows(built[1], query, union=False) == [("apk:endedBefore", "2025-04-30^^date")]


def test_a_former_mayor_is_not_mayor_of_the_city(built: tuple[Path, pyoxigraph.Store]) -> None:
    query = "SELECT ?city WHERE { id:bambang-irawan apk:mayorOf ?city }"
    assert rows(built[1], query) == [("kota-batu",)]


def test_a_former_post_and_a_current_one_are_not_two_mayoral_posts_at_once(
        built: tuple[Path, pyoxigraph.Store]) -> None:
    check = (ROOT / "queries" / "checks" / "two-mayoral-posts.rq").read_text(encoding="utf-8")
    assert list(built[1].query(check, use_default_graph_as_union=True)) == []


def test_a_post_that_ended_before_the_date_it_is_reported_as_of_is_not_held_then(
        built: tuple[Path, pyoxigraph.Store]) -> None:
    """The same check on a dated end: a post that ended in 2024 is not held as of 2025-04-30."""
    check = (ROOT / "queries" / "checks" / "two-mayoral-posts.rq").read_text(encoding="utf-8")
    store = pyoxigraph.Store()
    store.extend(built[1])
    madiun = "<https://w3id.org/apeksi-kg/position/bambang-irawan/mayor/kota-madiun>"
    prefixes = "PREFIX apk: <https://w3id.org/apeksi-kg/ontology#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
    store.update(prefixes + f'INSERT DATA {{ {madiun} apk:asOf "2025-04-30"^^xsd:date }}')
    assert [r["entity"].value for r in store.query(check, use_default_graph_as_union=True)] == ["https://w3id.org/apeksi-kg/id/bambang-irawan"]
    store.update(prefixes + f'DELETE WHERE {{ GRAPH ?g {{ {madiun} apk:endedBefore ?b }} }}')
    store.update(prefixes + f'INSERT DATA {{ {madiun} apk:endDate "2024"^^xsd:gYear }}')
    assert [r["entity"].value for r in store.query(check, use_default_graph_as_union=True)] == []


def test_the_network_labels_a_former_post_as_former(built: tuple[Path, pyoxigraph.Store]) -> None:
    graph = build_network(read_facts(built[0] / "out" / "kg.trig"))
    labels = {data["label"]: data["dates"] for data in graph.get_edge_data("bambang-irawan", "kota-madiun").values()}
    assert labels == {"former mayor of": [["ended before", "2025-04-30"]]}
    assert edge_label({"label": "former mayor of", "dates": labels["former mayor of"]}) == (
        "former mayor of (ended before 30 April 2025)")
    current = [d["label"] for d in graph.get_edge_data("bambang-irawan", "kota-batu").values()]
    assert current == ["mayor of"]


def test_end_takes_one_date_or_before_publication(article: Path) -> None:
    edit("    end: before publication ", "    end: pekan lalu ")
    assert build_error() == (
        f"Error: {ANNOTATION}:{line_of('    end: pekan lalu')}: positions.end: 'pekan lalu' is not one date; end: "
        "takes one date, or 'before publication' for a former post (\"mantan\")")


# how a post was taken, and the document that records it


def test_the_positions_query_shows_the_election_and_the_decree(
        built: tuple[Path, pyoxigraph.Store], monkeypatch: pytest.MonkeyPatch) -> None:
    table = query_rows(built[0], monkeypatch, "positions")
    assert [(r["role"], r["taken_at"], r["document"]) for r in table if r["taken_at"] or r["document"]] == [
        ("Chair", "elected at: Muskomwil IV APEKSI ke-13", "Surat Keputusan Nomor 05/MUSKOMWIL-IV/2025")]


def test_the_decree_keeps_its_own_quote(built: tuple[Path, pyoxigraph.Store]) -> None:
    query = f"""SELECT ?p ?o ?exact WHERE {{ GRAPH {GRAPH} {{
        ?st rdf:subject <https://w3id.org/apeksi-kg/position/agus-salim-pratama/chair/komwil-iv> ; rdf:predicate ?p ;
            rdf:object ?o ; apk:evidence/oa:hasSelector/oa:exact ?exact .
        FILTER(?p IN (apk:electedAt, apk:document)) }} }}"""
    assert rows(built[1], query, union=False) == [
        ("apk:document", "Surat Keputusan Nomor 05/MUSKOMWIL-IV/2025",
         "Penetapan tersebut dituangkan dalam Surat Keputusan Nomor 05/MUSKOMWIL-IV/2025"),
        ("apk:electedAt", "muskomwil-iv-apeksi-2025",
         "Wali Kota Malang Agus Salim Pratama terpilih sebagai Ketua Komwil IV APEKSI"),
    ]


def test_the_agreements_query_shows_the_document(built: tuple[Path, pyoxigraph.Store],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    table = query_rows(built[0], monkeypatch, "agreements")
    assert pick(table, "agreement", "events", "document") == [(
        "Kesepakatan bersama Komwil IV APEKSI tentang pengelolaan sampah antarkota",
        "signed at: Muskomwil IV APEKSI ke-13", "Nomor 12/KB/KOMWIL-IV/2025")]


TAKING_ERRORS = {
    "elected at a person": (
        "    elected_at: muskomwil-iv-apeksi-2025\n", "    elected_at: bambang-irawan\n", "    elected_at:",
        "positions.elected_at: bambang-irawan is typed Person in seeds/annotations/"
        f"{NAME}.yaml line {{person}} and Event here (positions.elected_at); Person and Event are disjoint",
    ),
    "elected at an unknown event": (
        "    elected_at: muskomwil-iv-apeksi-2025\n", "    elected_at: muskomwil-iv-2025\n", "    elected_at:",
        "positions.elected_at: unknown event 'muskomwil-iv-2025'; declare it under 'events:' in this file or in "
        "seeds/entities.yaml (did you mean muskomwil-iv-apeksi-2025?)",
    ),
    "a document the article does not name": (
        "    document: Nomor 12/KB/KOMWIL-IV/2025\n", "    document: Nomor 12/KB/2025\n", "    document: Nomor",
        "agreements.document: the document must be named in the article's own words (such as 'Surat Keputusan "
        "Nomor 05/2025'); copy them from the text",
    ),
}


@pytest.mark.parametrize("case", sorted(TAKING_ERRORS))
def test_how_a_post_was_taken_is_checked(article: Path, case: str) -> None:
    old, new, marker, message = TAKING_ERRORS[case]
    edit(old, new)
    person = line_of("  - id: bambang-irawan\n    type: Person") + 1
    assert build_error() == f"Error: {ANNOTATION}:{line_of(marker)}: {message.format(person=person)}"


# participations on one day of the event


def test_participants_shows_the_day_of_the_participation(built: tuple[Path, pyoxigraph.Store],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    table = query_rows(built[0], monkeypatch, "participants")
    assert pick(table, "participant", "role", "event", "date") == [
        ("Hendra Kusuma Wijaya", "Attended", "Muskomwil IV APEKSI ke-13", ""),
        ("Ratna Dewi Anggraini", "Opened", "Muskomwil IV APEKSI ke-13", "2025-04-29"),
    ]


def test_the_timeline_uses_the_day_of_the_participation_else_the_start(
        built: tuple[Path, pyoxigraph.Store], monkeypatch: pytest.MonkeyPatch) -> None:
    dates = []
    for person in ("ratna-dewi-anggraini", "hendra-kusuma-wijaya"):
        monkeypatch.chdir(built[0])
        result = CliRunner().invoke(main, ["query", "timeline", "--format", "csv", "--param", f"entity={person}"])
        events = [row for row in csv.DictReader(io.StringIO(result.stdout)) if row["status"]]
        dates += pick(events, "start", "how")
    assert dates == [("2025-04-29", "opened"), ("2025-04-28", "attended")]


def test_a_participation_date_is_a_resolved_single_value(built: tuple[Path, pyoxigraph.Store]) -> None:
    query = """SELECT ?day WHERE { GRAPH graph:resolved {
        <https://w3id.org/apeksi-kg/participation/ratna-dewi-anggraini/opened/muskomwil-iv-apeksi-2025>
        apk:participationDate ?day } }"""
    assert rows(built[1], query, union=False) == [("2025-04-29^^date",)]


@pytest.mark.parametrize("day, shown", [("Kamis (1/5)", "2025-05-01"), ("Minggu (27/4)", "2025-04-27")])
def test_a_participation_outside_the_event_period_is_an_error(article: Path, day: str, shown: str) -> None:
    edit("    date: Selasa (29/4) ", f"    date: {day} ")
    assert build_error() == (
        f"Error: {ANNOTATION}:{line_of(f'    date: {day}')}: participations.date: the participation is dated "
        f"{shown}, outside the event's period (2025-04-28 to 2025-04-30) in this article")


# places: a province when the article names no city


PLACES = "bali-warta-2025-rakerkomwil-iv-sanur"


@pytest.fixture(scope="module")
def places(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pyoxigraph.Store]:
    """The seeds and the test article about Sanur (published Kamis, 12 Juni 2025) built together."""
    return built_with(tmp_path_factory.mktemp("places"), PLACES)


def test_an_event_may_be_placed_in_a_province_and_the_events_query_shows_it(
        places: tuple[Path, pyoxigraph.Store], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(places[0])
    result = CliRunner().invoke(main, ["query", "events", "--format", "csv"])
    table = [r for r in csv.DictReader(io.StringIO(result.stdout)) if PLACES in r["articles"]]
    assert pick(table, "event", "start", "end", "city", "province", "venue") == [
        ("Malam ramah tamah Rakerkomwil IV APEKSI 2025", "", "", "", "Bali", "Bali Nusa Dua Convention Center"),
        ("Rakerkomwil IV APEKSI 2025", "2025-06-10", "2025-06-11", "", "Bali", ""),
    ]


def test_a_venue_lies_in_a_city_or_a_province(places: tuple[Path, pyoxigraph.Store]) -> None:
    query = f"SELECT ?venue ?place WHERE {{ GRAPH <https://w3id.org/apeksi-kg/graph/article/{PLACES}> {{ " \
            "?venue apk:locatedIn ?place } }"
    assert rows(places[1], query, union=False) == [
        ("bali-nusa-dua-convention-center", "provinsi-bali"), ("griya-santrian-resort", "kota-denpasar")]


PLACE_ERRORS = {
    "a city in another province": (
        "    province: provinsi-bali\n    organiser:", "    city: kota-denpasar\n    province: provinsi-jawa-timur\n"
        "    organiser:", "    province: provinsi-jawa-timur",
        "events.province: 'kota-denpasar' is in provinsi-bali in the reference data, not in 'provinsi-jawa-timur'",
    ),
    "a venue located in a venue": (
        "    object: provinsi-bali\n", "    object: griya-santrian-resort\n",
        "    relation: located_in\n    object: griya-santrian-resort",
        "relations.relation: griya-santrian-resort is typed Venue in seeds/annotations/"
        f"{PLACES}.yaml line {{venue}} and Region here (relations.relation); Venue and Region are disjoint",
    ),
}


@pytest.mark.parametrize("case", sorted(PLACE_ERRORS))
def test_a_place_that_disagrees_is_a_one_line_error(project: Path, case: str) -> None:
    add_article(project, PLACES)
    annotation = f"seeds/annotations/{PLACES}.yaml"
    old, new, marker, message = PLACE_ERRORS[case]
    edit(old, new, annotation)
    venue = line_of("  - id: griya-santrian-resort\n    type: Venue", annotation) + 1
    assert build_error() == f"Error: {annotation}:{line_of(marker, annotation)}: {message.format(venue=venue)}"


# topics


def test_the_events_query_shows_the_topics_in_the_article_s_words(
        places: tuple[Path, pyoxigraph.Store], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(places[0])
    result = CliRunner().invoke(main, ["query", "events", "--format", "csv"])
    table = [r for r in csv.DictReader(io.StringIO(result.stdout)) if PLACES in r["articles"]]
    assert [(r["event"], sorted(filter(None, r["topics"].split(" | ")))) for r in table] == [
        ("Malam ramah tamah Rakerkomwil IV APEKSI 2025", []),
        ("Rakerkomwil IV APEKSI 2025", ["digitalisasi layanan perizinan", "penanganan sampah plastik"]),
    ]


def test_an_agreement_takes_a_list_of_topics(article: Path) -> None:
    shutil.copytree(ROOT / "queries", article / "queries")
    edit("    topic: pengelolaan sampah antarkota\n", "    topics: [pengelolaan sampah antarkota, sampah]\n")
    assert CliRunner().invoke(main, ["build"]).exit_code == 0
    answer = CliRunner().invoke(main, ["query", "agreements", "--format", "csv"]).stdout
    table = [r for r in csv.DictReader(io.StringIO(answer)) if NAME in r["articles"]]
    assert [sorted(r["topic"].split(" | ")) for r in table] == [["pengelolaan sampah antarkota", "sampah"]]


@pytest.mark.parametrize("topic", ["sampah plastik antarkota", "ampah"])
def test_a_topic_that_is_not_the_article_s_words_is_an_error(article: Path, topic: str) -> None:
    edit("    topic: pengelolaan sampah antarkota\n", f"    topics: [pengelolaan sampah antarkota, {topic}]\n")
    assert build_error() == (
        f"Error: {ANNOTATION}:{line_of('    topics:')}: agreements.topics: the topic '{topic}' must be the article's "
        "own words, found as whole words; copy them from the text")
