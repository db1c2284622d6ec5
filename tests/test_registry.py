"""The entity registry (seeds/entities.yaml) and the corpus index: what they accept, and a one-line error naming
the file, the line and the field for everything they refuse."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

REGISTRY = "seeds/entities.yaml"
A = "seeds/annotations/antara-babel-2019-apeksi-sharing-session.yaml"
B = "seeds/annotations/komwil-i-apeksi-sosialisasi-medan-2025.yaml"


def at(path: str, text: str) -> int:
    content = Path(path).read_text(encoding="utf-8")
    return content.count("\n", 0, content.index(text)) + 1


def append(text: str) -> None:
    with Path(REGISTRY).open("a", encoding="utf-8") as handle:
        handle.write(text)


def edit(path: str, old: str, new: str) -> None:
    file = Path(path)
    text = file.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    file.write_text(text.replace(old, new), encoding="utf-8")


def build() -> tuple[int, str]:
    result = CliRunner().invoke(main, ["build"])
    return result.exit_code, result.stderr


REFUSED: dict[str, tuple[str, Callable[[], str]]] = {
    "unknown field": (
        "  - id: x-person\n    type: Person\n    name: X\n    born: 1970\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'born:')}: entities.born: unknown field; valid fields are id, type, name, "
                "aliases, wikidata, note, same_as, distinct_from, prefer",
    ),
    "an identifier twice": (
        "  - id: kemendagri\n    note: again\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'note: again') - 1}: entities.id: 'kemendagri' is in the registry twice "
                f"(first at line {at(REGISTRY, 'id: kemendagri')}); merge the two blocks",
    ),
    "unknown type": (
        "  - id: x-city\n    type: City\n    name: X\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'type: City')}: entities.type: unknown type 'City'; the registry holds "
                "Person, Organization, Association, Commission, Venue, Event, EventSeries, Agreement (cities and "
                "provinces are in the reference data)",
    ),
    "a name without a type": (
        "  - id: x-person\n    name: X\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'id: x-person')}: entities.type: a registry entry that declares an entity "
                "gives both type and name; add 'type:', or leave out both to judge an entity declared elsewhere",
    ),
    "a Wikidata item that is not one": (
        "  - id: maulan-aklil\n    wikidata: 12345\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'wikidata: 12345')}: entities.wikidata: '12345' is not a Wikidata item; "
                "write it as Q followed by digits, such as Q3766",
    ),
    "same as itself": (
        "  - id: maulan-aklil\n    same_as: [maulan-aklil]\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'same_as: [maulan-aklil]')}: entities.same_as: 'maulan-aklil' is the same "
                "as itself; name the other identifier",
    ),
    "folded twice": (
        "  - id: maulan-aklil\n    same_as: [molen]\n  - id: rico-waas\n    same_as: [molen]\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'id: rico-waas') + 1}: entities.same_as: 'molen' is already folded into "
                f"'maulan-aklil' ({REGISTRY} line {at(REGISTRY, 'same_as: [molen]')})",
    ),
    "a reference entity folded away": (
        "  - id: maulan-aklil\n    same_as: [kota-medan]\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'same_as: [kota-medan]')}: entities.same_as: 'kota-medan' is in the "
                "reference data; fold other identifiers into it instead",
    ),
    "a folded identifier declared": (
        "  - id: airin\n    type: Person\n    name: Airin\n  - id: airin-rachmi-diany-2\n    same_as: [airin]\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'id: airin' + chr(10)) + 1}: entities.type: 'airin' is folded into "
                "'airin-rachmi-diany-2'; declare only the canonical identifier",
    ),
    "a reference entity declared again": (
        "  - id: apeksi\n    type: Association\n    name: APEKSI\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'type: Association')}: entities.type: 'apeksi' is already declared in the "
                "reference data (seeds/reference/organisations.csv line 2); leave out type and name here",
    ),
    "judging an unknown identifier": (
        "  - id: maulan-akil\n    note: typo\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'note: typo') - 1}: entities.type: 'maulan-akil' is not declared in the "
                "reference data, the registry or any annotation (did you mean maulan-aklil, munas-apeksi?)",
    ),
    "a preference without a reason": (
        "  - id: maulan-aklil\n    prefer:\n      - field: start\n        role: mayor\n"
        "        of: kota-pangkal-pinang\n        article: antara-babel-2019-apeksi-sharing-session\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'field: start')}: entities.prefer: missing required field 'reason'",
    ),
    "a preference for a field that holds many values": (
        "  - id: maulan-aklil\n    prefer:\n      - field: aliases\n        article: a\n        reason: r\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'field: aliases')}: entities.prefer.field: 'aliases' holds many values and "
                "needs no preference; a preference settles one of date, city, venue, start, end",
    ),
    "a position named by its role alone": (
        "  - id: maulan-aklil\n    prefer:\n      - field: start\n        role: mayor\n        article: a\n"
        "        reason: r\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'field: start')}: entities.prefer: a position is named by both its role and "
                "of (and term if it has one)",
    ),
    "a preference that is not a block": (
        "  - id: maulan-aklil\n    prefer: [date]\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'prefer: [date]')}: entities.prefer: a preference is a block with field, "
                "article and reason",
    ),
    "an unknown preference field": (
        "  - id: maulan-aklil\n    prefer:\n      - field: date\n        because: r\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'because: r')}: entities.prefer.because: unknown field; valid fields are "
                "field, article, reason, role, of, term",
    ),
    "prefer that is not a list": (
        "  - id: maulan-aklil\n    prefer: date\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'prefer: date')}: entities.prefer: expected a list of blocks, each "
                "starting with '- '",
    ),
    "a note that is a list": (
        "  - id: maulan-aklil\n    note: [a, b]\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'note: [a, b]')}: entities.note: expected a single value, not a list or "
                "block",
    ),
    "aliases that are blocks": (
        "  - id: maulan-aklil\n    aliases:\n      - name: Molen\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'aliases:' + chr(10) + '      - name')}: entities.aliases: expected a word "
                "or a list of words",
    ),
    "an identifier with capitals": (
        "  - id: Maulan\n    note: x\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, 'id: Maulan')}: entities.id: 'Maulan' is not an identifier; use lower-case "
                "letters, digits and hyphens, such as 'bima-arya'",
    ),
    "an entry that is not a block": (
        "  - maulan-aklil\n",
        lambda: f"{REGISTRY}:{at(REGISTRY, '  - maulan-aklil')}: entities: expected a block of 'field: value' lines",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_the_registry_refuses_with_one_line(project: Path, case: str) -> None:
    text, message = REFUSED[case]
    append(text)
    assert build() == (1, f"Error: {message()}\n")


@pytest.mark.parametrize(("text", "message"), [
    ("people:\n  - id: x\n", "the registry has one section, 'entities:', a list of blocks"),
    ("entities: everyone\n", "'entities' must be a list of blocks, each starting with '- '"),
])
def test_the_registry_file_has_one_section(project: Path, text: str, message: str) -> None:
    Path(REGISTRY).write_text(text, encoding="utf-8")
    code, err = build()
    line = 1
    field = "entities: " if text.startswith("entities") else ""
    assert (code, err) == (1, f"Error: {REGISTRY}:{line}: {field}{message}\n")


def test_a_corpus_without_a_registry_builds(project: Path) -> None:
    Path(REGISTRY).unlink()
    result = CliRunner().invoke(main, ["build"])
    assert result.exit_code == 0, result.stderr
    assert "  registry statements: 3\n" in result.stdout


def test_two_files_that_type_one_undeclared_id_differently(project: Path) -> None:
    edit(B, "  - id: kemendagri\n", "  - id: tim-penggerak\n    type: Organization\n    quote: Hadir sebagai "
         "narasumber\n  - id: kemendagri\n")
    edit(A, "  - id: hotel-sultan\n", "  - id: tim-penggerak\n    type: Venue\n    quote: di Hotel Sultan\n"
         "  - id: hotel-sultan\n")
    assert build() == (1, f"Error: {B}:{at(B, 'id: tim-penggerak') + 1}: entities.type: 'tim-penggerak' is declared "
                          f"as Venue in {A} line {at(A, 'id: tim-penggerak') + 1} and as Organization here; one "
                          "identifier names one thing, so rename one of them\n")


def test_a_name_without_a_type_for_an_unknown_id(project: Path) -> None:
    edit(A, "  - id: hotel-sultan\n", "  - id: tim-penggerak\n    name: Tim Penggerak\n    quote: di Hotel Sultan\n"
         "  - id: hotel-sultan\n")
    assert build() == (1, f"Error: {A}:{at(A, 'id: tim-penggerak')}: entities.type: 'tim-penggerak' is not declared "
                          "anywhere; give its type to declare it\n")


def test_the_declaring_file_gives_an_event_its_status(project: Path) -> None:
    edit(A, "    status: held\n    date: 13 Agustus 2019\n", "    date: 13 Agustus 2019\n")
    assert build() == (1, f"Error: {A}:{at(A, 'id: rapat-dewan-pengurus-apeksi-2019-08-13')}: events: missing "
                          "required field 'status': this file declares 'rapat-dewan-pengurus-apeksi-2019-08-13', so "
                          "it gives its type, name and status\n")
