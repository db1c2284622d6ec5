"""Each kind of bad input: one line naming file, line and field, exit code 1, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

A = "seeds/annotations/antara-babel-2019-apeksi-sharing-session.yaml"
B = "seeds/annotations/komwil-i-apeksi-sosialisasi-medan-2025.yaml"


def edit(path: str, old: str, new: str) -> None:
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the test's edit must match once: {old!r}"
    file.write_text(text.replace(old, new), encoding="utf-8")


CASES = {
    "malformed YAML": (
        A, "  - id: hotel-sultan\n", "  - id: [hotel-sultan\n",
        f"{A}:39: malformed YAML: did not find expected ',' or ']' (while parsing a flow sequence started on "
        "line 38); check the indentation and quoting",
    ),
    "duplicate key": (
        A, "    name: Hotel Sultan\n", "    name: Hotel Sultan\n    name: Hotel Sultan\n",
        f"{A}:41: key 'name' appears twice in the same block; keep one",
    ),
    "missing required field": (
        A, "    role: executive-director\n", "",
        f"{A}:134: positions: missing required field 'role'",
    ),
    "unknown field": (
        A, "    role: executive-director\n", "    role: executive-director\n    rank: 1\n",
        f"{A}:136: positions.rank: unknown field; valid fields are holder, role, of, title, start, end, as_of, "
        "quote, occurrence",
    ),
    "unknown entity": (
        A, "  - holder: maulan-aklil\n", "  - holder: maulan-akil\n",
        f"{A}:130: positions.holder: unknown entity 'maulan-akil'; declare it under 'entities:' with a quote "
        "(did you mean maulan-aklil?)",
    ),
    "unknown type": (
        A, "    type: Venue\n    name: Hotel Sultan\n", "    type: Venu\n    name: Hotel Sultan\n",
        f"{A}:39: entities.type: unknown type 'Venu'; use one of Person, Organization, Association, Commission, "
        "City, Province, Venue (events and agreements have their own sections)",
    ),
    "Mayor typed by hand": (
        A, "  - id: indah-wibi-nastiti\n    type: Person\n", "  - id: indah-wibi-nastiti\n    type: Mayor\n",
        f"{A}:48: entities.type: Mayor is inferred, never annotated; declare a Person and add a position with "
        "role: mayor",
    ),
    "unknown relation": (
        A, "    relation: located_in\n", "    relation: sits_in\n",
        f"{A}:183: relations.relation: unknown relation 'sits_in'; use one of part_of, member_of, located_in, "
        "in_province",
    ),
    "unknown role": (
        A, "    role: chaired\n", "    role: led\n",
        f"{A}:154: participations.role: unknown role 'led'; use one of attended, chaired, hosted, opened, spoke",
    ),
    "quote not in the article": (
        A, "    quote: di Hotel Sultan\n", "    quote: di Hotel Sultan Jakarta\n",
        f"{A}:41: entities.quote: quote not found in the article: \"di Hotel Sultan Jakarta\"; copy it exactly "
        "from the text",
    ),
    "ambiguous quote": (
        A, "    quote: Dewan Pengurus Apeksi\n    occurrence: 1\n", "    quote: Dewan Pengurus Apeksi\n",
        f"{A}:189: relations.quote: quote occurs 2 times in the article (at characters 274, 609): \"Dewan "
        "Pengurus Apeksi\"; quote more words or add 'occurrence: N'",
    ),
    "alias not in the article": (
        A, "    aliases: [Molen]\n", "    aliases: [Molen, Pak Wali]\n",
        f"{A}:17: entities.aliases: alias 'Pak Wali' does not occur in the article; aliases are the names the "
        "article uses",
    ),
    "weekday contradicts the date": (
        A, "    date: Senin (7/10)\n", "    date: Selasa (7/10)\n",
        f"{A}:91: events.date: 'Selasa (7/10)' reads as 2019-10-07, a Senin (Monday), not a Selasa; check the "
        "day or the date",
    ),
    "impossible date": (
        A, "    date: 13 Agustus 2019\n", "    date: 31 Februari 2019\n",
        f"{A}:106: events.date: '31 Februari 2019' reads as 31 Februari 2019, a date that does not exist",
    ),
    "unreadable date": (
        A, "    date: Tahun 2020\n", "    date: awal 2020\n",
        f"{A}:121: events.date: cannot read 'awal 2020' as a date; write it as the article does ('Senin (7/10)', "
        "'13 Agustus 2019', 'Tahun 2020') or as ISO ('2019-10-07', '2019-10', '2019')",
    ),
    "published date contradicts its weekday": (
        B, "published: Kamis, 30 Oktober 2025", "published: Jumat, 30 Oktober 2025",
        f"{B}:9: article.published: 'Jumat, 30 Oktober 2025 23:56 WIB' reads as 2025-10-30, a Kamis (Thursday), "
        "not a Jumat; check the day or the date",
    ),
    "one identifier, two types": (
        B, "  - id: kemendagri\n    type: Organization\n    name: Kementerian Dalam Negeri\n"
           "    quote: Kementerian Dalam Negeri\n",
        "  - id: kemendagri\n    type: Organization\n    name: Kementerian Dalam Negeri\n"
        "    quote: Kementerian Dalam Negeri\n  - id: hotel-sultan\n    type: Organization\n"
        "    name: Hotel Sultan\n    quote: Hadir sebagai narasumber\n",
        f"{B}:52: entities.type: 'hotel-sultan' is declared as Venue in {A} line 39 and as Organization here; "
        "one identifier names one thing, so rename one of them",
    ),
    "one identifier, two names": (
        B, "  - id: kemendagri\n", "  - id: hotel-tentrem\n    type: Venue\n    name: Tentrem\n"
           "    quote: Hadir sebagai narasumber\n  - id: kemendagri\n",
        f"{B}:49: entities.name: 'hotel-tentrem' is named 'Hotel Tentrem' in {A} line 36 and 'Tentrem' here; use "
        "one preferred name and put the other under aliases",
    ),
    "no preferred name anywhere": (
        B, "    name: Rico Tri Putra Bayu Waas\n", "",
        f"{B}:14: entities.name: 'rico-waas' has no preferred name; add 'name:' here or in another file that "
        "declares it",
    ),
    "declared twice in one file": (
        A, "  - id: hotel-sultan\n", "  - id: hotel-tentrem\n",
        f"{A}:38: entities.id: 'hotel-tentrem' is declared twice in this file (first at line 35); merge the two "
        "blocks",
    ),
    "article file missing": (
        A, "  text: ../articles/antara-babel-2019-apeksi-sharing-session.txt\n",
        "  text: ../articles/antara-babel-2019.txt\n",
        f"{A}:5: article.text: article file not found: seeds/articles/antara-babel-2019.txt; the path is relative "
        "to the annotation file",
    ),
    "city not in the reference data": (
        A, "  - id: kota-tangerang-selatan\n    type: City\n", "  - id: kota-tangsel\n    type: City\n",
        f"{A}:55: entities.id: city 'kota-tangsel' is not in the reference data (seeds/reference/); use its "
        "reference identifier (did you mean kota-langsa, kota-tangerang, kota-tual?)",
    ),
    "disjoint classes": (
        A, "  - holder: indah-wibi-nastiti\n", "  - holder: kota-pangkal-pinang\n",
        f"{A}:134: positions.holder: kota-pangkal-pinang is typed City in seeds/reference/cities.csv line 33 and "
        "Person here "
        "(positions.holder); City and Person are disjoint",
    ),
    "two values of a functional property": (
        A, "    object: provinsi-kepulauan-bangka-belitung\n", "    object: provinsi-jambi\n",
        f"{A}:179: relations.relation: kota-pangkal-pinang has in province provinsi-kepulauan-bangka-belitung in "
        "seeds/reference/cities.csv line 33 and provinsi-jambi here; 'in province' takes one value",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_line_exit_1_and_writes_nothing(project: Path, built: tuple[Path, object],
                                                         case: str) -> None:
    runner = CliRunner()
    shutil.copytree(built[0], "out")
    before = {p.name: p.read_bytes() for p in Path("out").iterdir() if p.is_file()}
    path, old, new, message = CASES[case]
    edit(path, old, new)
    result = runner.invoke(main, ["build"])
    assert (result.exit_code, result.output) == (1, f"Error: {message}\n")
    after = {p.name: p.read_bytes() for p in Path("out").iterdir() if p.is_file()}
    assert after == before


def test_missing_annotations_folder(project: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--seeds", "nowhere"])
    assert (result.exit_code, result.output) == (
        1, "Error: nowhere/reference/provinces.csv: reference file not found; copy it back into seeds/reference/\n"
    )


def test_missing_ontology(project: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--ontology-dir", "onto"])
    assert (result.exit_code, result.output) == (
        1, "Error: onto: ontology folder not found; run from the project folder or pass --ontology-dir DIR\n"
    )
