"""Each kind of bad input: one line naming file, line and field, exit code 1, nothing written."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

A = "seeds/annotations/antara-babel-2019-apeksi-sharing-session.yaml"
B = "seeds/annotations/komwil-i-apeksi-sosialisasi-medan-2025.yaml"
CITIES = "seeds/reference/cities.csv"


def edit(path: str, old: str, new: str) -> None:
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"the test's edit must match once: {old!r}"
    file.write_text(text.replace(old, new), encoding="utf-8")


def at(path: str, text: str, nth: int = 1) -> int:
    """The line (1-based) on which `text` starts for the `nth` time in `path`, as edited."""
    content, start = Path(path).read_text(encoding="utf-8"), -1
    for _ in range(nth):
        start = content.index(text, start + 1)
    return content.count("\n", 0, start) + 1


CASES: dict[str, tuple[str, str, str, Callable[[], str]]] = {
    "malformed YAML": (
        A, "  - id: hotel-sultan\n", "  - id: [hotel-sultan\n",
        lambda: f"{A}:{at(A, '  - id: [hotel-sultan') + 1}: malformed YAML: did not find expected ',' or ']' "
                f"(while parsing a flow sequence started on line {at(A, '  - id: [hotel-sultan')}); check the "
                "indentation and quoting",
    ),
    "duplicate key": (
        A, "    name: Hotel Sultan\n", "    name: Hotel Sultan\n    name: Hotel Sultan\n",
        lambda: f"{A}:{at(A, '    name: Hotel Sultan', 2)}: key 'name' appears twice in the same block; keep one",
    ),
    "missing required field": (
        A, "    role: executive-director\n", "",
        lambda: f"{A}:{at(A, '  - holder: indah-wibi-nastiti')}: positions: missing required field 'role'",
    ),
    "unknown field": (
        A, "    role: executive-director\n", "    role: executive-director\n    rank: 1\n",
        lambda: f"{A}:{at(A, '    rank: 1')}: positions.rank: unknown field; valid fields are holder, role, of, "
                "term, title, start, end, as_of, elected_at, appointed_at, inaugurated_at, document, quote, "
                "occurrence, review",
    ),
    "unknown entity": (
        A, "  - holder: maulan-aklil\n", "  - holder: maulan-akil\n",
        lambda: f"{A}:{at(A, '  - holder: maulan-akil')}: positions.holder: unknown person 'maulan-akil'; declare "
                "it under 'entities:' in this file or in seeds/entities.yaml (did you mean maulan-aklil?)",
    ),
    "unknown type": (
        A, "    type: Venue\n    name: Hotel Sultan\n", "    type: Venu\n    name: Hotel Sultan\n",
        lambda: f"{A}:{at(A, '    type: Venu' + chr(10))}: entities.type: unknown type 'Venu'; use one of Person, "
                "Organization, Association, Commission, City, Province, Country, Venue (events and agreements have "
                "their own sections)",
    ),
    "Mayor typed by hand": (
        A, "  - id: indah-wibi-nastiti\n    type: Person\n", "  - id: indah-wibi-nastiti\n    type: Mayor\n",
        lambda: f"{A}:{at(A, '    type: Mayor')}: entities.type: Mayor is inferred, never annotated; declare a "
                "Person and add a position with role: mayor",
    ),
    "unknown relation": (
        A, "    relation: located_in\n", "    relation: sits_in\n",
        lambda: f"{A}:{at(A, '    relation: sits_in')}: relations.relation: unknown relation 'sits_in'; use one "
                "of part_of, member_of, located_in, in_province",
    ),
    "unknown role": (
        A, "    role: chaired\n", "    role: led\n",
        lambda: f"{A}:{at(A, '    role: led')}: participations.role: unknown role 'led'; use one of attended, "
                "chaired, hosted, opened, spoke",
    ),
    "mayor of something that is not a city": (
        A, "    role: chair\n    of: apeksi\n", "    role: mayor\n    of: apeksi\n",
        lambda: f"{A}:{at(A, '    role: mayor' + chr(10) + '    of: apeksi') + 1}: positions.of: a mayor holds "
                "office in a City, and 'apeksi' is not a City",
    ),
    "quote not in the article": (
        A, "    quote: di Hotel Sultan\n", "    quote: di Hotel Sultan Jakarta\n",
        lambda: f"{A}:{at(A, '    quote: di Hotel Sultan Jakarta')}: entities.quote: quote not found in the "
                "article: \"di Hotel Sultan Jakarta\"; copy it exactly from the text",
    ),
    "ambiguous quote": (
        A, "    quote: Dewan Pengurus Apeksi\n    occurrence: 1\n", "    quote: Dewan Pengurus Apeksi\n",
        lambda: f"{A}:{at(A, '    quote: Dewan Pengurus Apeksi' + chr(10))}: relations.quote: quote occurs 2 "
                "times in the article (at characters 274, 609): \"Dewan Pengurus Apeksi\"; quote more words or add "
                "'occurrence: N'",
    ),
    "alias not in the article": (
        A, "    aliases: [Molen]\n", "    aliases: [Molen, Pak Wali]\n",
        lambda: f"{A}:{at(A, '    aliases: [Molen, Pak Wali]')}: entities.aliases: alias 'Pak Wali' does not "
                "occur in the article as whole words; aliases are the names the article uses",
    ),
    "alias that names another reference city": (
        A, "    aliases: [Jambi]\n", "    aliases: [Jambi, Pangkalpinang]\n",
        lambda: f"{A}:{at(A, '    aliases: [Jambi, Pangkalpinang]')}: entities.aliases: 'Pangkalpinang' is a name "
                "of kota-pangkal-pinang in the reference data; use that identifier if the article means it",
    ),
    "weekday contradicts the date": (
        A, "    date: Senin (7/10)\n", "    date: Selasa (7/10)\n",
        lambda: f"{A}:{at(A, '    date: Selasa (7/10)')}: events.date: 'Selasa (7/10)' reads as 2019-10-07, a "
                "Senin (Monday), not a Selasa; check the day or the date",
    ),
    "impossible date": (
        A, "    date: 13 Agustus 2019\n", "    date: 31 Februari 2019\n",
        lambda: f"{A}:{at(A, '    date: 31 Februari 2019')}: events.date: '31 Februari 2019' reads as 31 Februari "
                "2019, a date that does not exist",
    ),
    "unreadable date": (
        A, "    date: Tahun 2020\n", "    date: sekitar 2020\n",
        lambda: f"{A}:{at(A, '    date: sekitar 2020')}: events.date: cannot read 'sekitar 2020' as a date; write it "
                "as the article does ('Senin (7/10)', 'Selasa | 29-04-2025 | 17:44 WIB', '13 Agustus 2019', "
                "'13-15 Juni 2023', 'awal Mei 2025', 'Rabu lalu', 'Tahun 2020') or as ISO ('2019-10-07', '2019-10', "
                "'2019')",
    ),
    "period that ends before it starts": (
        A, "    date: Tahun 2020\n", "    date: 15-13 Juni 2020\n",
        lambda: f"{A}:{at(A, '    date: 15-13 Juni 2020')}: events.date: '15-13 Juni 2020' ends on 2020-06-13, before "
                "it starts on 2020-06-15",
    ),
    "end before start": (
        A, "    date: 13 Agustus 2019\n", "    start: 14 Agustus 2019\n    end: 13 Agustus 2019\n",
        lambda: f"{A}:{at(A, '    end: 13 Agustus 2019')}: events.end: the event ends on 2019-08-13, before it starts "
                "on 2019-08-14",
    ),
    "both date and start": (
        A, "    date: 13 Agustus 2019\n", "    date: 13 Agustus 2019\n    start: 12 Agustus 2019\n",
        lambda: f"{A}:{at(A, '    start: 12 Agustus 2019')}: events.start: give either date: or start: and end:, "
                "not both",
    ),
    "unreadable end": (
        A, "    date: 13 Agustus 2019\n", "    start: 13 Agustus 2019\n    end: esok harinya\n",
        lambda: f"{A}:{at(A, '    end: esok harinya')}: events.end: cannot read 'esok harinya' as a date; write it "
                "as the article does ('Senin (7/10)', 'Selasa | 29-04-2025 | 17:44 WIB', '13 Agustus 2019', "
                "'13-15 Juni 2023', 'awal Mei 2025', 'Rabu lalu', 'Tahun 2020') or as ISO ('2019-10-07', '2019-10', "
                "'2019')",
    ),
    "weekday in a period contradicts the date": (
        A, "    date: Senin (7/10)\n", "    date: Senin-Selasa (7-9/10)\n",
        lambda: f"{A}:{at(A, '    date: Senin-Selasa')}: events.date: 'Senin-Selasa (7-9/10)' reads as 2019-10-09, a "
                "Rabu (Wednesday), not a Selasa; check the day or the date",
    ),
    "a period where one date is needed": (
        A, "    role: executive-director\n", "    role: executive-director\n    start: 13-15 Juni 2019\n",
        lambda: f"{A}:{at(A, '    start: 13-15 Juni 2019')}: positions.start: '13-15 Juni 2019' is a period; this "
                "field takes one date",
    ),
    "relative date without a publication day": (
        A, "    date: before publication\n", "    date: kemarin\n",
        lambda: f"{A}:{at(A, '    date: kemarin')}: events.date: 'kemarin' counts from the publication date; give "
                "the article's published date (day, month and year)",
    ),
    "'lalu' after the publication date": (
        B, "    date: Kamis (30/10)\n", "    date: Kamis (6/11/2025) lalu\n",
        lambda: f"{B}:{at(B, '    date: Kamis (6/11/2025) lalu')}: events.date: 'Kamis (6/11/2025) lalu' says "
                "'lalu' (past), but 2025-11-06 is after the publication date 2025-10-30",
    ),
    "vague marker on a word other than kemarin": (
        B, "    date: Kamis (30/10)\n", "    date: besok (vague)\n",
        lambda: f"{B}:{at(B, '    date: besok (vague)')}: events.date: 'besok (vague)': only a bare 'kemarin' can be "
                "marked (vague)",
    ),
    "a part of a week that would guess a day": (
        B, "    date: Kamis (30/10)\n", "    date: awal pekan ini\n",
        lambda: f"{B}:{at(B, '    date: awal pekan ini')}: events.date: 'awal pekan ini': a week is read whole, or as "
                "'akhir pekan' (its weekend); 'awal' would guess a day",
    ),
    "published date contradicts its weekday": (
        B, "published: Kamis, 30 Oktober 2025", "published: Jumat, 30 Oktober 2025",
        lambda: f"{B}:{at(B, 'published: Jumat')}: article.published: 'Jumat, 30 Oktober 2025 23:56 WIB' reads as "
                "2025-10-30, a Kamis (Thursday), not a Jumat; check the day or the date",
    ),
    "one identifier, two types": (
        B, "  - id: kemendagri\n", "  - id: hotel-sultan\n    type: Organization\n    name: Hotel Sultan\n"
           "    quote: Hadir sebagai narasumber\n  - id: kemendagri\n",
        lambda: f"{B}:{at(B, '  - id: hotel-sultan') + 1}: entities.type: 'hotel-sultan' is a Venue in "
                f"{A} line {at(A, '    name: Hotel Sultan')}, not an Organization; one identifier names one thing",
    ),
    "one identifier, two names": (
        B, "  - id: kemendagri\n", "  - id: hotel-tentrem\n    type: Venue\n    name: Tentrem\n"
           "    quote: Hadir sebagai narasumber\n  - id: kemendagri\n",
        lambda: f"{B}:{at(B, '    name: Tentrem')}: entities.name: 'hotel-tentrem' is named 'Hotel Tentrem' in {A} "
                f"line {at(A, '    name: Hotel Tentrem')}, not 'Tentrem'; leave out 'name:' here and put the article's "
                "spelling under aliases",
    ),
    "no preferred name anywhere": (
        B, "    name: Rico Tri Putra Bayu Waas\n", "",
        lambda: f"{B}:{at(B, '  - id: rico-waas')}: entities.name: 'rico-waas' has no preferred name; add "
                "'name:' here, in another file that describes it, or in the registry",
    ),
    "declared twice in one file": (
        A, "  - id: hotel-sultan\n", "  - id: hotel-tentrem\n",
        lambda: f"{A}:{at(A, '  - id: hotel-tentrem', 2)}: entities.id: 'hotel-tentrem' is described twice in this "
                f"file (first at line {at(A, '  - id: hotel-tentrem')}); merge the two blocks",
    ),
    "article file missing": (
        A, "  text: ../articles/antara-babel-2019-apeksi-sharing-session.txt\n",
        "  text: ../articles/antara-babel-2019.txt\n",
        lambda: f"{A}:{at(A, '  text: ')}: article.text: article file not found: seeds/articles/antara-babel-2019.txt; "
                "the path is relative to the annotation file",
    ),
    "article path is a folder": (
        A, "  text: ../articles/antara-babel-2019-apeksi-sharing-session.txt\n", "  text: ../articles\n",
        lambda: f"{A}:{at(A, '  text: ')}: article.text: cannot read the article file seeds/articles: Is a directory",
    ),
    "city not in the reference data": (
        A, "  - id: kota-tangerang-selatan\n    type: City\n", "  - id: kota-tangsel\n    type: City\n",
        lambda: f"{A}:{at(A, '  - id: kota-tangsel')}: entities.id: city 'kota-tangsel' is not in the reference data "
                "(seeds/reference/); use its reference identifier (did you mean kota-langsa, kota-tangerang, "
                "kota-tual?)",
    ),
    "disjoint classes": (
        A, "  - holder: indah-wibi-nastiti\n", "  - holder: kota-pangkal-pinang\n",
        lambda: f"{A}:{at(A, '  - holder: kota-pangkal-pinang')}: positions.holder: kota-pangkal-pinang is typed City "
                f"in {CITIES} line {at(CITIES, '19.71,')} and Person here (positions.holder); City and Person are "
                "disjoint",
    ),
    "two values of a functional property": (
        A, "    object: provinsi-kepulauan-bangka-belitung\n", "    object: provinsi-jambi\n",
        lambda: f"{A}:{at(A, '    relation: in_province')}: relations.relation: kota-pangkal-pinang has in province "
                f"provinsi-kepulauan-bangka-belitung in {CITIES} line {at(CITIES, '19.71,')} and provinsi-jambi here; "
                "'in province' takes one value",
    ),
}


def assert_refused(built: tuple[Path, object], path: str, old: str, new: str, message: Callable[[], str]) -> None:
    """After the edit, `kg build` prints one line, exits 1 and leaves out/ as it was (in the working folder)."""
    shutil.copytree(built[0], "out", symlinks=True)
    before = {p.name: p.read_bytes() for p in Path("out").iterdir() if p.is_file()}
    edit(path, old, new)
    result = CliRunner().invoke(main, ["build"])
    assert (result.exit_code, result.output) == (1, f"Error: {message()}\n")
    after = {p.name: p.read_bytes() for p in Path("out").iterdir() if p.is_file()}
    assert after == before


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_line_exit_1_and_writes_nothing(project: Path, built: tuple[Path, object],
                                                         case: str) -> None:
    assert_refused(built, *CASES[case])


def test_missing_reference_file(project: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--seeds", "nowhere"])
    assert (result.exit_code, result.output) == (
        1, "Error: nowhere/reference/provinces.csv: reference file not found; copy it back into seeds/reference/\n"
    )


def test_no_annotation_files(project: Path) -> None:
    for path in Path("seeds/annotations").iterdir():
        path.unlink()
    result = CliRunner().invoke(main, ["build"])
    assert (result.exit_code, result.output) == (
        1, "Error: seeds/annotations: no annotation files (*.yaml) found; add one per article\n")


def test_missing_ontology(project: Path) -> None:
    result = CliRunner().invoke(main, ["build", "--ontology-dir", "onto"])
    assert (result.exit_code, result.output) == (
        1, "Error: onto: ontology folder not found; run from the project folder or pass --ontology-dir DIR\n"
    )


def test_an_output_folder_that_cannot_be_written(project: Path) -> None:
    Path("blocked").write_text("a file where the output folder should be", encoding="utf-8")
    result = CliRunner().invoke(main, ["build", "--out", "blocked/out"])
    assert result.exit_code == 1
    assert result.output.startswith("Error: blocked/out/")
    assert result.output.endswith(": cannot write here (Not a directory); choose a folder you can write to\n")
