"""Many articles, one graph: identifiers used without re-declaring, names per article, claims that agree or
conflict, the registry's judgements (prefer, same_as, distinct_from), attribution per row, and `kg ids`.

The fixtures in tests/corpus/ are two articles of our own about the seeds' Dewan Pengurus meeting: one
(warta-babel) complements the seeds, the other (kabar-kota) contradicts them.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from kg.cli import main

CORPUS = Path(__file__).resolve().parent / "corpus"
WARTA = "warta-babel-2019-rapat-dewan-pengurus"
KABAR = "kabar-kota-2019-rapat-apeksi"
SEED = "antara-babel-2019-apeksi-sharing-session"
MEETING = "rapat-dewan-pengurus-apeksi-2019-08-13"
REGISTRY = "seeds/entities.yaml"
ID = "https://w3id.org/apeksi-kg/id/"
GRAPH = "https://w3id.org/apeksi-kg/graph/"


def add(name: str) -> None:
    shutil.copy(CORPUS / "articles" / f"{name}.txt", Path("seeds/articles") / f"{name}.txt")
    shutil.copy(CORPUS / "annotations" / f"{name}.yaml", Path("seeds/annotations") / f"{name}.yaml")


def kg(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def rows(name: str, *params: str) -> list[dict[str, str]]:
    code, out, err = kg("query", name, "--format", "csv", *params)
    assert code == 0, out + err
    return list(csv.DictReader(io.StringIO(out)))


def line_of(path: str, text: str, nth: int = 1) -> int:
    content, start = Path(path).read_text(encoding="utf-8"), -1
    for _ in range(nth):
        start = content.index(text, start + 1)
    return content.count("\n", 0, start) + 1


def register(text: str) -> None:
    with Path(REGISTRY).open("a", encoding="utf-8") as handle:
        handle.write(text)


def store() -> ox.Store:
    data = ox.Store()
    data.load(path="out/kg.trig", format=ox.RdfFormat.TRIG)
    return data


def names_in(graph: str, node: str) -> set[tuple[str, str]]:
    query = (f"SELECT ?p ?n WHERE {{ GRAPH <{GRAPH}{graph}> {{ <{ID}{node}> ?p ?n . FILTER(isLiteral(?n)) "
             "FILTER(?p IN (<http://www.w3.org/2004/02/skos/core#prefLabel>, "
             "<http://www.w3.org/2004/02/skos/core#altLabel>, <http://www.w3.org/2000/01/rdf-schema#label>)) } }")
    return {(row["p"].value.rsplit("#", 1)[-1], row["n"].value) for row in store().query(query)}


def meeting_row() -> dict[str, str]:
    return next(r for r in rows("events") if r["event"].startswith("Rapat Dewan Pengurus"))


@pytest.fixture
def warta(project: Path, built: tuple[Path, object]) -> Path:
    shutil.copytree(Path(__file__).resolve().parent.parent / "queries", project / "queries")
    shutil.copytree(built[0] / ".cache", project / "out" / ".cache")
    add(WARTA)
    return project


@pytest.fixture
def both(warta: Path) -> Path:
    add(KABAR)
    return warta


def test_an_article_uses_known_ids_without_declaring_them(warta: Path) -> None:
    code, out, err = kg("build")
    assert (code, err) == (0, ""), out + err
    assert "articles: 3" in out
    assert "conflicts between articles: 0 open, 0 settled by the registry" in out


def test_an_article_graph_holds_only_the_names_the_article_uses(warta: Path) -> None:
    assert kg("build")[0] == 0
    assert names_in(f"article/{WARTA}", "maulan-aklil") == {("altLabel", "Molen")}
    assert names_in(f"article/{WARTA}", MEETING) == set()
    assert ("prefLabel", "Maulan Aklil") in names_in(f"article/{SEED}", "maulan-aklil")
    assert names_in(f"article/{WARTA}", "airin-rachmi-diany") == set()
    assert names_in("registry", "airin-rachmi-diany") == {("prefLabel", "Airin Rachmi Diany"),
                                                          ("label", "Airin Rachmi Diany")}
    assert names_in(f"article/{SEED}", "airin-rachmi-diany") == {("label", "Airin Rachmi Diany")}


def test_dates_at_two_precisions_agree_and_resolve_to_the_more_precise(warta: Path) -> None:
    assert kg("build")[0] == 0
    row = meeting_row()
    assert (row["date"], row["venue"], row["articles"]) == ("2019-08-13", "Hotel Sultan", f"{SEED} | {WARTA}"
                                                             if row["articles"].startswith(SEED) else row["articles"])
    assert sorted(row["articles"].split(" | ")) == [SEED, WARTA]
    assert rows("conflicts") == []
    code, out, _ = kg("check")
    assert (code, out.splitlines()[-1]) == (0, "0 violations")


def test_each_article_keeps_its_own_claim_with_its_quote(warta: Path) -> None:
    assert kg("build")[0] == 0
    claims = {(r["value"], r["quote"], r["article"].rsplit("/", 1)[-1])
              for r in rows("provenance", "--param", f"entity={MEETING}") if r["property"] == "date"}
    assert claims == {("2019-08-13", "Rapat Dewan Pengurus Apeksi, yang dilaksanakan pada 13 Agustus 2019, di Hotel "
                       "Sultan", SEED),
                      ("2019", "Rapat Dewan Pengurus APEKSI tahun 2019", WARTA)}


def test_supporting_articles_per_row(warta: Path) -> None:
    assert kg("build")[0] == 0
    chaired = [r for r in rows("participants") if r["role"] == "Chaired"]
    assert [(r["participant"], sorted(r["articles"].split(" | "))) for r in chaired] == [
        ("Airin Rachmi Diany", [SEED, WARTA])]
    attended = {r["participant"]: r["articles"] for r in rows("participants")
                if r["role"] == "Attended" and r["event"].startswith("Rapat")}
    assert attended == {"Maulan Aklil": WARTA, "Bima Arya Sugiarto": WARTA}
    mayor = [r for r in rows("positions") if r["holder"] == "Maulan Aklil"]
    assert [(r["start"], r["asOf"], sorted(r["articles"].split(" | "))) for r in mayor] == [
        ("2018", "2019-10-21", [SEED, WARTA])]
    sharing = next(r for r in rows("events") if r["event"] == "APEKSI Sharing Session I 2019")
    assert sharing["articles"] == SEED


def test_disagreeing_claims_do_not_stop_the_build_and_kg_check_names_both(both: Path) -> None:
    code, out, err = kg("build")
    assert code == 0, out + err
    assert "conflicts between articles: 3 open, 0 settled by the registry" in out
    seed, kabar = f"seeds/annotations/{SEED}.yaml", f"seeds/annotations/{KABAR}.yaml"
    warta = f"seeds/annotations/{WARTA}.yaml"
    expected = [
        f"conflict: {MEETING} ({seed} line {line_of(seed, 'date: 13 Agustus 2019')}): date: '2019-08-13' in {seed} "
        f"line {line_of(seed, 'date: 13 Agustus 2019')} (\"Rapat Dewan Pengurus Apeksi, yang dilaksanakan pada 13 "
        f"Agustus 2019, di Hotel Sultan\") disagrees with '2019-08-14' in {kabar} line "
        f"{line_of(kabar, 'date: Rabu')} (\"menggelar rapat di Hotel Borobudur, Jakarta, Rabu, 14 Agustus 2019\"); "
        "settle it with prefer: in the registry, or correct the annotation",
        f"conflict: {MEETING} ({seed} line {line_of(seed, 'venue: hotel-sultan')}): venue: 'hotel-sultan' in {seed} "
        f"line {line_of(seed, 'venue: hotel-sultan')} (\"Rapat Dewan Pengurus Apeksi, yang dilaksanakan pada 13 "
        f"Agustus 2019, di Hotel Sultan\") disagrees with 'hotel-borobudur' in {kabar} line "
        f"{line_of(kabar, 'venue: hotel-borobudur')} (\"menggelar rapat di Hotel Borobudur, Jakarta, Rabu, 14 Agustus "
        "2019\"); settle it with prefer: in the registry, or correct the annotation",
    ]
    code, out, _ = kg("check")
    lines = out.splitlines()
    assert code == 1
    assert [line for line in lines if line.startswith(f"conflict: {MEETING}")] == expected
    position = [line for line in lines if line.startswith("conflict: https://w3id.org/apeksi-kg/position/")]
    assert position == [
        f"conflict: https://w3id.org/apeksi-kg/position/maulan-aklil/mayor/kota-pangkal-pinang ({kabar} line "
        f"{line_of(kabar, START_2019)}): start: '2019' in {kabar} line {line_of(kabar, START_2019)} (\"Wali Kota "
        "Pangkalpinang Maulan Aklil yang hadir dalam rapat itu mengatakan ia baru menjabat sejak 2019\") disagrees "
        f"with '2018' in {warta} line {line_of(warta, 'start: tahun 2018')} (\"Molen menjabat Wali Kota Pangkalpinang "
        "sejak tahun 2018\"); settle it with prefer: in the registry, or correct the annotation"]
    assert any(line.startswith("Warning: conflict: ") for line in err.splitlines())


def test_an_open_conflict_leaves_the_value_unresolved_and_the_conflicts_query_lists_it(both: Path) -> None:
    assert kg("build")[0] == 0
    row = meeting_row()
    assert (row["date"], row["venue"]) == ("", "")
    found = [(r["entity"], r["property"], r["value1"], r["article1"], r["value2"], r["article2"], r["preferred"])
             for r in rows("conflicts")]
    assert found == [
        ("Maulan Aklil, Mayor, Kota Pangkal Pinang", "start date", "2019", KABAR, "2018", WARTA, ""),
        ("Rapat Dewan Pengurus APEKSI, 13 Agustus 2019", "date", "2019-08-13", SEED, "2019-08-14", KABAR, ""),
        ("Rapat Dewan Pengurus APEKSI, 13 Agustus 2019", "venue", "Hotel Sultan", SEED, "Hotel Borobudur", KABAR,
         ""),
    ]


def test_the_registry_settles_a_conflict_and_the_other_claim_stays_visible(both: Path) -> None:
    register(f"""  - id: {MEETING}
    prefer:
      - field: date
        article: {SEED}
        reason: The organiser's own report gives 13 August.
      - field: venue
        article: {SEED}
        reason: The organiser's own report names Hotel Sultan.
  - id: maulan-aklil
    prefer:
      - field: start
        role: mayor
        of: kota-pangkal-pinang
        article: {KABAR}
        reason: He was inaugurated in 2019.
""")
    code, out, err = kg("build")
    assert code == 0, out + err
    assert "conflicts between articles: 0 open, 3 settled by the registry" in out
    assert err == "Warning: possible duplicate: 'bima-arya' (seeds/annotations/" + WARTA + ".yaml line " + str(
        line_of(f"seeds/annotations/{WARTA}.yaml", "name: Bima Arya Sugiarto")) + ") and 'bima-arya-sugiarto' " \
        "(seeds/annotations/" + KABAR + ".yaml line " + str(line_of(f"seeds/annotations/{KABAR}.yaml",
                                                                      "name: Bima Arya Sugiarto")) + ") are both " \
        "named 'Bima Arya Sugiarto'; if they are one, fold one into the other with same_as in the registry, else " \
        "record distinct_from\n"
    row = meeting_row()
    assert (row["date"], row["venue"]) == ("2019-08-13", "Hotel Sultan")
    mayor = next(r for r in rows("positions") if r["holder"] == "Maulan Aklil")
    assert mayor["start"] == "2019"
    settled = {(r["property"], r["preferred"], r["reason"]) for r in rows("conflicts")}
    assert settled == {("date", SEED, "The organiser's own report gives 13 August."),
                       ("venue", SEED, "The organiser's own report names Hotel Sultan."),
                       ("start date", KABAR, "He was inaugurated in 2019.")}
    claims = {r["value"] for r in rows("provenance", "--param", f"entity={MEETING}") if r["property"] == "date"}
    assert claims == {"2019-08-13", "2019-08-14", "2019"}
    code, out, _ = kg("check")
    assert not [line for line in out.splitlines() if line.startswith("conflict:")]


def test_a_preference_for_an_article_that_states_nothing_is_an_error(both: Path) -> None:
    register(f"""  - id: {MEETING}
    prefer:
      - field: venue
        article: {WARTA}
        reason: It was there.
""")
    code, _, err = kg("build")
    assert (code, err) == (1, f"Error: {REGISTRY}:{line_of(REGISTRY, 'field: venue')}: entities.prefer.field: "
                              f"article '{WARTA}' states no venue for {MEETING}; prefer one of the articles that do "
                              f"({SEED}, {KABAR})\n")


def test_same_as_folds_an_id_into_the_canonical_one_with_its_evidence(both: Path) -> None:
    register("""  - id: bima-arya
    same_as: [bima-arya-sugiarto]
    note: Wali Kota Bogor; one person.
""")
    code, out, err = kg("build")
    assert code == 0, out + err
    assert "possible duplicate" not in err
    data = store()
    assert not list(data.quads_for_pattern(ox.NamedNode(ID + "bima-arya-sugiarto"), None, None,
                                           ox.NamedNode(GRAPH + f"article/{KABAR}")))
    spoke = [r for r in rows("participants") if r["role"] == "Spoke" and r["event"].startswith("Rapat")]
    assert [(r["participant"], r["articles"]) for r in spoke] == [("Bima Arya Sugiarto", KABAR)]
    same = list(data.quads_for_pattern(ox.NamedNode(ID + "bima-arya-sugiarto"),
                                       ox.NamedNode("http://www.w3.org/2002/07/owl#sameAs"), None,
                                       ox.NamedNode(GRAPH + "registry")))
    assert [q.object.value for q in same] == [ID + "bima-arya"]
    assert names_in(f"article/{KABAR}", "bima-arya") == {("label", "Bima Arya Sugiarto")}
    code, out, _ = kg("ids", "bima-arya-sugiarto", "--limit", "1")
    assert out.splitlines()[2].split()[:2] == ["bima-arya", "Person"]
    assert "bima-arya-sugiarto" in out.splitlines()[2]


def test_distinct_from_records_two_people_and_silences_the_warning(both: Path) -> None:
    register("""  - id: bima-arya
    distinct_from: [bima-arya-sugiarto]
""")
    code, out, err = kg("build")
    assert code == 0
    assert "possible duplicate" not in err
    code, out, _ = kg("check")
    assert "possible-duplicate" not in out


def test_a_possible_duplicate_is_a_violation_of_kg_check(both: Path) -> None:
    code, out, _ = kg("check")
    assert code == 1
    warta, kabar = f"seeds/annotations/{WARTA}.yaml", f"seeds/annotations/{KABAR}.yaml"
    assert (f"possible-duplicate: bima-arya ({warta} line {line_of(warta, 'name: Bima Arya Sugiarto')}): 'bima-arya' "
            f"({warta} line {line_of(warta, 'name: Bima Arya Sugiarto')}) and 'bima-arya-sugiarto' ({kabar} line "
            f"{line_of(kabar, 'name: Bima Arya Sugiarto')}) are both named 'Bima Arya Sugiarto'; if they are one, fold "
            "one into the other with same_as in the registry, else record distinct_from") in out.splitlines()


def edited(path: str, old: str, new: str) -> str:
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new), encoding="utf-8")
    return path


START_2019 = 'start: "2019"'
SEED_FILE = f"seeds/annotations/{SEED}.yaml"
WARTA_FILE = f"seeds/annotations/{WARTA}.yaml"
BAD = {
    "unknown event names its section and the closest events": (
        "    event: rapat-dewan-pengurus-apeksi-2019-08-13\n    quote: Kami ikut",
        "    event: rapat-dewan-pengurus-apeksi-2019\n    quote: Kami ikut",
        lambda: f"{WARTA_FILE}:{line_of(WARTA_FILE, 'event: rapat-dewan-pengurus-apeksi-2019')}: participations.event: "
                "unknown event 'rapat-dewan-pengurus-apeksi-2019'; declare it under 'events:' in this file or in "
                "seeds/entities.yaml (did you mean rapat-dewan-pengurus-apeksi-2019-08-13?)",
    ),
    "unknown holder suggests persons across the corpus": (
        "  - holder: bima-arya\n", "  - holder: bima-aryo\n",
        lambda: f"{WARTA_FILE}:{line_of(WARTA_FILE, 'holder: bima-aryo')}: positions.holder: unknown person "
                "'bima-aryo'; declare it under 'entities:' in this file or in seeds/entities.yaml (did you mean "
                "bima-arya?)",
    ),
    "an alias that is not whole words": (
        "    aliases: [Molen]\n", "    aliases: [Mole]\n",
        lambda: f"{WARTA_FILE}:{line_of(WARTA_FILE, 'aliases: [Mole]')}: entities.aliases: alias 'Mole' does not "
                "occur in the article as whole words; aliases are the names the article uses",
    ),
    "a type that disagrees with the declaration": (
        "  - id: maulan-aklil\n    aliases: [Molen]\n", "  - id: maulan-aklil\n    type: Venue\n    aliases: [Molen]\n",
        lambda: f"{WARTA_FILE}:{line_of(WARTA_FILE, 'type: Venue')}: entities.type: 'maulan-aklil' is a Person in "
                f"seeds/annotations/{SEED}.yaml line {line_of(SEED_FILE, 'name: Maulan Aklil')}, not a Venue; one "
                "identifier names one thing",
    ),
    "an event type that disagrees with the declaring article": (
        "  - id: rapat-dewan-pengurus-apeksi-2019-08-13\n    date: tahun 2019\n",
        "  - id: rapat-dewan-pengurus-apeksi-2019-08-13\n    type: workshop\n    date: tahun 2019\n",
        lambda: f"{WARTA_FILE}:{line_of(WARTA_FILE, 'type: workshop')}: events.type: "
                f"'rapat-dewan-pengurus-apeksi-2019-08-13' is of type 'meeting' in seeds/annotations/{SEED}.yaml line "
                f"{line_of('seeds/annotations/' + SEED + '.yaml', 'type: meeting')}, not 'workshop'; one event or "
                "agreement has one type",
    ),
    "an unknown id without type or name": (
        "  - id: kota-bogor\n", "  - id: kota-bogr\n",
        lambda: f"{WARTA_FILE}:{line_of(WARTA_FILE, 'id: kota-bogr')}: entities.id: 'kota-bogr' is not known to the "
                "corpus; give 'type:' and 'name:' to declare this entity (did you mean kota-bogor, kota-sibolga, "
                "kota-bontang?)",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_identity_errors_are_one_line(warta: Path, case: str) -> None:
    old, new, message = BAD[case]
    edited(WARTA_FILE, old, new)
    code, _, err = kg("build")
    assert (code, err) == (1, f"Error: {message()}\n")


def test_a_name_that_disagrees_with_the_registry_names_the_registry_line(warta: Path) -> None:
    edited(WARTA_FILE, "  - id: kota-bogor\n", "  - id: airin-rachmi-diany\n    name: Airin Rachmi\n    quote: "
           "Ketua Apeksi Airin Rachmi Diany\n  - id: kota-bogor\n")
    code, _, err = kg("build")
    assert (code, err) == (1, f"Error: {WARTA_FILE}:{line_of(WARTA_FILE, 'name: Airin Rachmi')}: entities.name: "
                              "'airin-rachmi-diany' is named 'Airin Rachmi Diany' in the registry (seeds/entities.yaml "
                              f"line {line_of(REGISTRY, 'name: Airin Rachmi Diany')}), not 'Airin Rachmi'; leave out "
                              "'name:' here and put the article's spelling under aliases\n")


def test_an_event_described_under_entities_is_sent_to_events(warta: Path) -> None:
    edited(WARTA_FILE, "events:\n  - id: rapat-dewan-pengurus-apeksi-2019-08-13\n    date: tahun 2019\n"
           "    quote: Rapat Dewan Pengurus APEKSI tahun 2019\n", "")
    edited(WARTA_FILE, "  - id: kota-bogor\n", f"  - id: {MEETING}\n    quote: Rapat Dewan Pengurus APEKSI tahun "
           "2019\n  - id: kota-bogor\n")
    code, _, err = kg("build")
    seed = f"seeds/annotations/{SEED}.yaml"
    assert (code, err) == (1, f"Error: {WARTA_FILE}:{line_of(WARTA_FILE, 'id: ' + MEETING)}: entities.type: "
                              f"'{MEETING}' is an Event ({seed} line {line_of(seed, 'name: Rapat Dewan Pengurus')}); "
                              "describe it under 'events:', not 'entities:'\n")


def test_kg_ids_ranks_by_any_name(warta: Path) -> None:
    code, out, _ = kg("ids", "Molen", "--limit", "2")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["id", "type", "names", "other", "ids", "declared", "in", "match"]
    assert lines[2].split()[:2] == ["maulan-aklil", "Person"]
    assert f"seeds/annotations/{SEED}.yaml line {line_of('seeds/annotations/' + SEED + '.yaml', 'name: Maulan')}" \
        in lines[2]
    code, out, _ = kg("ids", "Pangkalpinang", "--limit", "1")
    assert out.splitlines()[2].split()[:2] == ["kota-pangkal-pinang", "City"]
    assert "seeds/reference/cities.csv line" in out.splitlines()[2]


def test_kg_ids_without_text_lists_every_id(warta: Path) -> None:
    code, out, _ = kg("ids")
    ids = [line.split()[0] for line in out.splitlines()[2:-1]]
    assert code == 0
    assert ids == sorted(ids)
    assert {"bima-arya", "kemendagri", "kota-bogor", MEETING, "provinsi-bali"} <= set(ids)
    assert out.splitlines()[-1] == f"({len(ids)} rows)"


def test_a_file_that_describes_a_folded_id_and_its_canonical_one(both: Path) -> None:
    register("""  - id: bima-arya
    same_as: [bima-arya-sugiarto]
""")
    kabar = f"seeds/annotations/{KABAR}.yaml"
    edited(kabar, "  - id: hotel-borobudur\n", "  - id: bima-arya\n    aliases: [Bima Arya]\n"
           "    quote: ujar Bima Arya\n  - id: hotel-borobudur\n")
    code, _, err = kg("build")
    line = line_of(kabar, "  - id: bima-arya" + chr(10))
    assert (code, err) == (1, f"Error: {kabar}:{line}: entities.id: 'bima-arya' and "
                              "'bima-arya-sugiarto' are one entity (same_as in the registry), and this file describes "
                              "both; merge the two blocks\n")
