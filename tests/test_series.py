"""Series and editions: the edition number as the article writes it, series from the reference data or declared
by an article, one event per edition, previous and next editions derived, and the series query.

The test articles (tests/series/) are our own: the eleventh and twelfth Muskomwil of Komwil IV (Batu 2021,
Denpasar 2023, with a planned Rakernas XVII), and the second APEKSI Sharing Session (Makassar 2019); the
thirteenth Muskomwil is the article of tests/posts/, the first Sharing Session the seeds' ANTARA article.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from kg.series import EditionError, edition_number
from tests.sparql import rows
from tests.test_posts import build_error, line_of

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
BATU = "radar-batu-2021-muskomwil-iv-kesebelas"
DENPASAR = "bali-kini-2023-muskomwil-iv-ke-12-denpasar"
MAKASSAR = "suara-sulsel-2019-sharing-session-kedua"
SURABAYA = "jatim-pos-2025-muskomwil-iv-surabaya"
ARTICLES = {BATU: "series", DENPASAR: "series", MAKASSAR: "series", SURABAYA: "posts"}


def annotation(name: str) -> str:
    return f"seeds/annotations/{name}.yaml"


def add_articles(root: Path) -> None:
    for name, folder in ARTICLES.items():
        shutil.copy(TESTS / folder / "articles" / f"{name}.txt", root / "seeds" / "articles")
        shutil.copy(TESTS / folder / "annotations" / f"{name}.yaml", root / "seeds" / "annotations")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pyoxigraph.Store]:
    return built_in(tmp_path_factory.mktemp("series"))


def built_in(root: Path) -> tuple[Path, pyoxigraph.Store]:
    """The seeds and the four series articles built together in `root`, and the dataset in Oxigraph."""
    for folder in ("seeds", "ontology", "queries"):
        shutil.copytree(ROOT / folder, root / folder)
    add_articles(root)
    build(root / "seeds", root / "out", root / "ontology")
    store = pyoxigraph.Store()
    store.load(path=str(root / "out" / "kg.trig"), format=pyoxigraph.RdfFormat.TRIG)
    return root, store


@pytest.fixture
def articles(project: Path) -> Path:
    """A copy of the seeds with the series articles, to break."""
    add_articles(project)
    return project


def query(root: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> str:
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["query", name, "--format", "csv"])
    assert result.exit_code == 0, result.output
    return result.stdout.replace("\r\n", "\n")


def edit(path: str, old: str, new: str) -> None:
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the test's edit must match once: {old!r}"
    file.write_text(text.replace(old, new), encoding="utf-8")


# reading an edition


@pytest.mark.parametrize(("text", "number"), [
    ("13", 13), ("ke-13", 13), ("Ke-13", 13), ("ke 13", 13), ("XVII", 17), ("II", 2), ("I", 1), ("XIV", 14),
    ("XLIX", 49), ("pertama", 1), ("kesatu", 1), ("kedua", 2), ("ketiga", 3), ("keempat", 4), ("kelima", 5),
    ("keenam", 6), ("ketujuh", 7), ("kedelapan", 8), ("kesembilan", 9), ("kesepuluh", 10), ("kesebelas", 11),
    ("kedua belas", 12), ("Ketiga Belas", 13), ("kesembilan belas", 19), ("kedua puluh", 20),
    ("kedua puluh satu", 21), ("ketiga puluh lima", 35), ("keseratus", 100), ("keseratus dua puluh", 120),
])
def test_an_edition_is_read_as_news_writes_it(text: str, number: int) -> None:
    assert edition_number(text) == number


@pytest.mark.parametrize("text", ["0", "ke-0", "013", "IIII", "xvii", "VX", "besar", "kedua belas satu",
                                  "ke", "kepuluh", "kesepuluh satu", ""])
def test_what_is_not_an_edition_is_refused(text: str) -> None:
    with pytest.raises(EditionError) as error:
        edition_number(text)
    assert str(error.value) == (f"'{text}' is not an edition; write it as the article does: a number (13), 'ke-13', "
                                "a Roman numeral (XVII) or an ordinal word (pertama, kedua, kesebelas, kedua puluh)")


# what the build adds


SERIES = """\
series,edition,event,date,end,city,previous,next,articles
APEKSI Sharing Session,1,APEKSI Sharing Session I 2019,2019-10-07,,Kota Yogyakarta,,APEKSI Sharing Session II 2019,\
antara-babel-2019-apeksi-sharing-session
APEKSI Sharing Session,2,APEKSI Sharing Session II 2019,2019-11-21,,Kota Makassar,APEKSI Sharing Session I 2019,,\
suara-sulsel-2019-sharing-session-kedua
Forum Sekda Kota APEKSI,3,"Forum Sekda Kota APEKSI ketiga, 2020",2020,,,,,suara-sulsel-2019-sharing-session-kedua
Musyawarah Komisariat Wilayah IV APEKSI,11,"Muskomwil IV APEKSI kesebelas, Kota Batu 2021",2021-04-08,2021-04-09,\
Kota Batu,,"Muskomwil IV APEKSI ke-12, Kota Denpasar 2023",radar-batu-2021-muskomwil-iv-kesebelas
Musyawarah Komisariat Wilayah IV APEKSI,12,"Muskomwil IV APEKSI ke-12, Kota Denpasar 2023",2023-06-13,2023-06-15,\
Kota Denpasar,"Muskomwil IV APEKSI kesebelas, Kota Batu 2021",Muskomwil IV APEKSI ke-13,\
bali-kini-2023-muskomwil-iv-ke-12-denpasar
Musyawarah Komisariat Wilayah IV APEKSI,13,Muskomwil IV APEKSI ke-13,2025-04-28,2025-04-30,Kota Surabaya,\
"Muskomwil IV APEKSI ke-12, Kota Denpasar 2023",,jatim-pos-2025-muskomwil-iv-surabaya
Rapat Kerja Komisariat Wilayah II APEKSI,,Rakerkomwil APEKSI Komwil II (Sumbagsel) 2020,2020,,Kota Pangkal Pinang,,,\
antara-babel-2019-apeksi-sharing-session
Rapat Kerja Nasional APEKSI,17,Rakernas XVII APEKSI 2024,2024,,Kota Balikpapan,,,\
bali-kini-2023-muskomwil-iv-ke-12-denpasar
"""


def test_the_series_query_lists_each_series_editions_in_order(built: tuple[Path, pyoxigraph.Store],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert query(built[0], monkeypatch, "series") == SERIES


def test_the_events_query_shows_series_and_edition(built: tuple[Path, pyoxigraph.Store],
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    table = csv.DictReader(io.StringIO(query(built[0], monkeypatch, "events")))
    assert sorted((r["event"], r["series"], r["edition"]) for r in table if r["series"]) == [
        ("APEKSI Sharing Session I 2019", "APEKSI Sharing Session", "1"),
        ("APEKSI Sharing Session II 2019", "APEKSI Sharing Session", "2"),
        ("Forum Sekda Kota APEKSI ketiga, 2020", "Forum Sekda Kota APEKSI", "3"),
        ("Muskomwil IV APEKSI ke-12, Kota Denpasar 2023", "Musyawarah Komisariat Wilayah IV APEKSI", "12"),
        ("Muskomwil IV APEKSI ke-13", "Musyawarah Komisariat Wilayah IV APEKSI", "13"),
        ("Muskomwil IV APEKSI kesebelas, Kota Batu 2021", "Musyawarah Komisariat Wilayah IV APEKSI", "11"),
        ("Rakerkomwil APEKSI Komwil II (Sumbagsel) 2020", "Rapat Kerja Komisariat Wilayah II APEKSI", ""),
        ("Rakernas XVII APEKSI 2024", "Rapat Kerja Nasional APEKSI", "17"),
    ]


def test_an_edition_is_an_integer_stated_with_the_words_that_number_the_event(
        built: tuple[Path, pyoxigraph.Store]) -> None:
    found = rows(built[1], f"""SELECT ?event ?edition ?exact WHERE {{
        GRAPH <https://w3id.org/apeksi-kg/graph/article/{SURABAYA}> {{
            ?event apk:edition ?edition .
            ?st rdf:subject ?event ; rdf:predicate apk:edition ; apk:evidence/oa:hasSelector/oa:exact ?exact }} }}""")
    assert found == [("muskomwil-iv-apeksi-2025", "13^^integer", "Musyawarah Komisariat Wilayah (Muskomwil) IV "
                      "Asosiasi Pemerintah Kota Seluruh Indonesia (APEKSI) ke-13")]


def test_the_build_links_consecutive_editions_and_nothing_else(built: tuple[Path, pyoxigraph.Store]) -> None:
    inferred = "GRAPH <https://w3id.org/apeksi-kg/graph/inferred>"
    assert rows(built[1], f"SELECT ?a ?b WHERE {{ {inferred} {{ ?a apk:nextEdition ?b }} }}") == [
        ("apeksi-sharing-session-2019-i", "apeksi-sharing-session-2019-ii"),
        ("muskomwil-iv-apeksi-2021", "muskomwil-iv-apeksi-2023"),
        ("muskomwil-iv-apeksi-2023", "muskomwil-iv-apeksi-2025"),
    ]
    assert rows(built[1], f"SELECT ?a ?b WHERE {{ {inferred} {{ ?b apk:previousEdition ?a }} }}") == rows(
        built[1], f"SELECT ?a ?b WHERE {{ {inferred} {{ ?a apk:nextEdition ?b }} }}")
    assert rows(built[1], "SELECT ?e WHERE { GRAPH ?g { ?e apk:nextEdition|apk:previousEdition ?x } "
                          "FILTER(?g != <https://w3id.org/apeksi-kg/graph/inferred>) }") == []


def test_series_of_the_reference_data_have_their_organiser(built: tuple[Path, pyoxigraph.Store]) -> None:
    found = rows(built[1], """SELECT ?s ?by WHERE { GRAPH <https://w3id.org/apeksi-kg/graph/reference> {
        ?s a apk:EventSeries ; apk:seriesOrganiser ?by . FILTER(?by != id:apeksi) } }""")
    assert found == sorted([(f"{kind}-{n}-apeksi", f"komwil-{n}") for kind in ("muskomwil", "rakerkomwil")
                            for n in ("i", "ii", "iii", "iv", "v", "vi")])
    assert rows(built[1], "SELECT ?e WHERE { id:muskomwil-iv-apeksi apk:hasEdition ?e }") == [
        ("muskomwil-iv-apeksi-2021",), ("muskomwil-iv-apeksi-2023",), ("muskomwil-iv-apeksi-2025",)]


def test_an_article_declares_a_series_of_its_own(built: tuple[Path, pyoxigraph.Store]) -> None:
    found = rows(built[1], f"""SELECT ?p ?o WHERE {{ GRAPH <https://w3id.org/apeksi-kg/graph/article/{MAKASSAR}> {{
        id:forum-sekda-kota-apeksi ?p ?o }} }}""")
    assert found == [("apk:seriesOrganiser", "apeksi"), ("rdf:type", "apk:EventSeries"),
                     ("rdfs:label", "Forum Sekda Kota APEKSI"), ("skos:prefLabel", "Forum Sekda Kota APEKSI")]
    assert rows(built[1], "SELECT ?c WHERE { id:forum-sekda-kota-apeksi a ?c . FILTER(?c = schema:EventSeries) }") \
        == [("schema:EventSeries",)]


def test_an_article_gives_a_reference_series_the_name_it_uses(built: tuple[Path, pyoxigraph.Store]) -> None:
    found = rows(built[1], f"""SELECT ?p ?o WHERE {{ GRAPH <https://w3id.org/apeksi-kg/graph/article/{BATU}> {{
        id:muskomwil-iv-apeksi ?p ?o }} }}""")
    assert found == [("rdf:type", "apk:EventSeries"), ("skos:altLabel", "Muskomwil IV")]


# bad input


BATU_EVENT = "    series: muskomwil-iv-apeksi\n    edition: kesebelas\n"
EDITION_ERRORS = {
    "an edition without a series": (
        BATU, BATU_EVENT, "    edition: kesebelas\n", "    edition: kesebelas",
        "events.edition: an edition is a number within a series; add series: (such as rakernas-apeksi)"),
    "an edition that is no number": (
        BATU, BATU_EVENT, "    series: muskomwil-iv-apeksi\n    edition: kesebelasan\n", "    edition:",
        "events.edition: 'kesebelasan' is not an edition; write it as the article does: a number (13), 'ke-13', "
        "a Roman numeral (XVII) or an ordinal word (pertama, kedua, kesebelas, kedua puluh)"),
    "an edition that the quote does not state": (
        DENPASAR, "    edition: XVII\n", "    edition: XVIII\n", "    edition: XVIII",
        "events.edition: the edition 'XVIII' is not in the quote as whole words; quote the words that number the "
        "event, such as 'Muskomwil IV ke-13'"),
    "a series nobody declares": (
        DENPASAR, "    series: rakernas-apeksi\n", "    series: rakernas\n", "    series: rakernas",
        "events.series: unknown event series 'rakernas'; declare it under 'series:' in this file or in "
        "seeds/entities.yaml (did you mean rakernas-apeksi?)"),
    "an event as a series": (
        DENPASAR, "    series: rakernas-apeksi\n", "    series: muskomwil-iv-apeksi-2023\n",
        "    series: muskomwil-iv-apeksi-2023",
        "events.series: muskomwil-iv-apeksi-2023 is typed Event in seeds/annotations/"
        f"{DENPASAR}.yaml line {{event}} and EventSeries here (events.series); Event and EventSeries are disjoint"),
    "a declared series without a name": (
        MAKASSAR, "    name: Forum Sekda Kota APEKSI\n", "", "  - id: forum-sekda-kota-apeksi",
        "series.name: 'forum-sekda-kota-apeksi' has no preferred name; add 'name:' here, in another file that "
        "describes it, or in the registry"),
}


@pytest.mark.parametrize("case", sorted(EDITION_ERRORS))
def test_a_wrong_series_or_edition_is_a_one_line_error(articles: Path, case: str) -> None:
    name, old, new, marker, message = EDITION_ERRORS[case]
    edit(annotation(name), old, new)
    event = line_of("  - id: muskomwil-iv-apeksi-2023\n    type:", annotation(DENPASAR)) + 1
    assert build_error() == f"Error: {annotation(name)}:{line_of(marker, annotation(name))}: " \
                            f"{message.format(event=event)}"


def renumber_denpasar(edition: str) -> None:
    """The Denpasar article says its Muskomwil is the thirteenth, like the Surabaya one."""
    text = Path(f"seeds/articles/{DENPASAR}.txt")
    text.write_text(text.read_text(encoding="utf-8").replace("APEKSI ke-12", f"APEKSI {edition}"), encoding="utf-8")
    edit(annotation(DENPASAR), "APEKSI ke-12 yang", f"APEKSI {edition} yang")
    edit(annotation(DENPASAR), "    edition: ke-12\n", f"    edition: {edition}\n")


def test_two_events_with_one_edition_of_one_series_is_a_one_line_error(articles: Path) -> None:
    renumber_denpasar("ke-13")
    surabaya = annotation(SURABAYA)
    assert build_error() == (
        f"Error: {surabaya}:{line_of('    edition:', surabaya)}: events.edition: muskomwil-iv-apeksi-2025 and "
        f"muskomwil-iv-apeksi-2023 ({annotation(DENPASAR)} line {line_of('    edition:', annotation(DENPASAR))}) "
        "are both edition 13 of muskomwil-iv-apeksi; one edition is one event: use one id, or fold one into the "
        "other with same_as in the registry")


def test_the_registry_can_say_two_reports_of_one_edition_are_one_event(articles: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    renumber_denpasar("ke-13")
    with Path("seeds/entities.yaml").open("a", encoding="utf-8") as registry:
        registry.write("  - id: muskomwil-iv-apeksi-2025\n    same_as: [muskomwil-iv-apeksi-2023]\n")
    shutil.copytree(ROOT / "queries", "queries")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    table = csv.DictReader(io.StringIO(query(articles, monkeypatch, "series")))
    assert [(r["edition"], r["event"], r["articles"]) for r in table if r["edition"] == "13"] == [
        ("13", "Muskomwil IV APEKSI ke-13", f"{DENPASAR} | {SURABAYA}")]


def test_two_articles_that_number_one_event_differently(articles: Path) -> None:
    text = Path(f"seeds/articles/{BATU}.txt")
    text.write_text(text.read_text(encoding="utf-8") + "\nMuskomwil IV APEKSI ke-14 akan digelar di Denpasar.\n",
                    encoding="utf-8")
    edit(annotation(BATU), "\nrelations:\n", "  - id: muskomwil-iv-apeksi-2023\n    series: muskomwil-iv-apeksi\n"
         "    edition: ke-14\n    quote: Muskomwil IV APEKSI ke-14 akan digelar di Denpasar\n\nrelations:\n")
    assert build_error() == (
        f"Error: {annotation(BATU)}:{line_of('    edition: ke-14', annotation(BATU))}: events.edition: "
        f"muskomwil-iv-apeksi-2023 has edition 12 in {annotation(DENPASAR)} line "
        f"{line_of('    edition: ke-12', annotation(DENPASAR))} and 14 here; 'edition' takes one value")


def test_the_registry_may_declare_a_series_that_articles_share(articles: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    with Path("seeds/entities.yaml").open("a", encoding="utf-8") as registry:
        registry.write("  - id: forum-sekda-kota-apeksi\n    type: EventSeries\n    name: Forum Sekda Kota APEKSI\n")
    edit(annotation(MAKASSAR), "    name: Forum Sekda Kota APEKSI\n", "")
    shutil.copytree(ROOT / "queries", "queries")
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.output
    table = csv.DictReader(io.StringIO(query(articles, monkeypatch, "series")))
    assert [(r["series"], r["edition"], r["event"]) for r in table if r["series"].startswith("Forum")] == [
        ("Forum Sekda Kota APEKSI", "3", "Forum Sekda Kota APEKSI ketiga, 2020")]
