"""Periods, relative dates, bounds and qualifiers of a test article, as the built graph states them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner

from kg.build import build
from kg.cli import main
from tests.sparql import rows

DATA = Path(__file__).parent / "data"
NAME = "apeksi-ambon-pekan-kota-2025"
GRAPH = f"<https://w3id.org/apeksi-kg/graph/article/{NAME}>"


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, pyoxigraph.Store]:
    """The seeds and the test article (published Jumat, 18 Juli 2025) built together."""
    root = tmp_path_factory.mktemp("dated")
    shutil.copytree(Path(__file__).parent.parent / "seeds", root / "seeds")
    shutil.copytree(Path(__file__).parent.parent / "ontology", root / "ontology")
    shutil.copytree(Path(__file__).parent.parent / "queries", root / "queries")
    shutil.copy(DATA / "articles" / f"{NAME}.txt", root / "seeds" / "articles")
    shutil.copy(DATA / "annotations" / f"{NAME}.yaml", root / "seeds" / "annotations")
    build(root / "seeds", root / "out", root / "ontology")
    store = pyoxigraph.Store()
    store.load(path=str(root / "out" / "kg.trig"), format=pyoxigraph.RdfFormat.TRIG)
    return root, store


def test_each_event_gets_exactly_the_dates_its_words_give(dated: tuple[Path, pyoxigraph.Store]) -> None:
    query = f"""SELECT ?e ?p ?o WHERE {{ GRAPH {GRAPH} {{ ?e a apk:Event ; ?p ?o .
        VALUES ?p {{ apk:date apk:startDate apk:endDate apk:earliestDate apk:latestDate
                     apk:dateQualifier apk:startQualifier apk:endQualifier }} }} }}"""
    assert rows(dated[1], query, union=False) == sorted([
        ("rakerkomwil-vi-apeksi-2025", "apk:date", "2025-08^^gYearMonth"),
        ("rakerkomwil-vi-apeksi-2025", "apk:dateQualifier", "apv:early"),
        ("rapat-panitia-rakerkomwil-vi-2025", "apk:date", "2025-07-16^^date"),
        ("peninjauan-lokasi-rakerkomwil-vi-2025", "apk:earliestDate", "2025-07-07^^date"),
        ("peninjauan-lokasi-rakerkomwil-vi-2025", "apk:latestDate", "2025-07-13^^date"),
        ("pekan-produk-unggulan-kota-ambon-2025", "apk:startDate", "2025-04-28^^date"),
        ("pekan-produk-unggulan-kota-ambon-2025", "apk:endDate", "2025-05-01^^date"),
        ("pameran-kuliner-ambon-2025", "apk:startDate", "2025-07-14^^date"),
        ("pameran-kuliner-ambon-2025", "apk:endDate", "2025-07-16^^date"),
        ("malam-budaya-ambon-2025", "apk:date", "2025-07-17^^date"),
        ("malam-budaya-ambon-2025", "apk:dateQualifier", "apv:night"),
        ("kunjungan-kota-tetangga-ke-ambon-2025", "apk:latestDate", "2025-07-18^^date"),
        ("gladi-bersih-rakerkomwil-vi-2025", "apk:date", "2025-07-20^^date"),
    ])


def test_start_and_end_keep_the_words_that_state_them(dated: tuple[Path, pyoxigraph.Store]) -> None:
    query = f"""SELECT ?p ?o ?exact WHERE {{ GRAPH {GRAPH} {{
        ?st rdf:subject id:pameran-kuliner-ambon-2025 ; rdf:predicate ?p ; rdf:object ?o ; apk:evidence ?ev .
        ?ev oa:hasSelector/oa:exact ?exact . VALUES ?p {{ apk:startDate apk:endDate }} }} }}"""
    quote = "Pameran kuliner daerah dibuka Senin (14/7) dan berlangsung hingga Rabu (16/7) di Lapangan Merdeka"
    assert rows(dated[1], query, union=False) == [
        ("apk:endDate", "2025-07-16^^date", quote),
        ("apk:startDate", "2025-07-14^^date", quote),
    ]


def test_periods_are_schema_start_and_end_dates(dated: tuple[Path, pyoxigraph.Store]) -> None:
    query = """SELECT ?start ?end WHERE { GRAPH graph:inferred {
        id:pekan-produk-unggulan-kota-ambon-2025 schema:startDate ?start ; schema:endDate ?end } }"""
    assert rows(dated[1], query, union=False) == [("2025-04-28^^date", "2025-05-01^^date")]


def test_events_query_shows_start_and_end_and_orders_by_start(dated: tuple[Path, pyoxigraph.Store],
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(dated[0])
    result = CliRunner().invoke(main, ["query", "events", "--format", "csv"])
    assert result.exit_code == 0, result.output
    table = [line.split(",")[:6] for line in result.output.splitlines() if NAME in line]
    assert table == [
        ["Pekan Produk Unggulan Kota 2025", "Information session", "", "2025-04-28", "2025-05-01", ""],
        ["Peninjauan lokasi Rakerkomwil VI", "Study visit", "", "", "", "2025-07-13"],
        ["Pameran kuliner daerah Ambon 2025", "Information session", "", "2025-07-14", "2025-07-16", ""],
        ["Rapat koordinasi panitia Rakerkomwil VI", "Coordination meeting", "2025-07-16", "", "", ""],
        ["Malam budaya penutupan pameran kuliner Ambon 2025", "Information session", "2025-07-17", "", "", ""],
        ["Kunjungan kota-kota tetangga ke Ambon", "Study visit", "", "", "", "2025-07-18"],
        ["Gladi bersih Rakerkomwil VI", "Coordination meeting", "2025-07-20", "", "", ""],
        ["Rakerkomwil VI APEKSI 2025", "Regional working meeting", "2025-08", "", "", ""],
    ]


def test_the_checks_accept_periods_and_bounds(dated: tuple[Path, pyoxigraph.Store],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(dated[0])
    result = CliRunner().invoke(main, ["check"])
    assert (result.exit_code, result.output.splitlines()[-1]) == (0, "0 violations")
