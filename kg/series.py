"""Event series and their editions: the edition number as Indonesian news writes it, the series of the
reference data, one event per edition, and the previous and next edition links the build derives.

"Muskomwil IV ke-13", "Rakernas XVII" and "Sharing Session kedua" number an event within its series; the
number is stored as an xsd:integer. Each Komwil numbers its own Muskomwil, so each has its own series.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.errors import KgError
from kg.model import Fact, Triple, Where
from kg.namespaces import APK, entity_id

UNITS = {"satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8,
         "sembilan": 9}
ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
ROMAN_VALUES = {"M": 1000, "D": 500, "C": 100, "L": 50, "X": 10, "V": 5, "I": 1}
NUMBER = re.compile(r"(?:ke\s*-?\s*)?([1-9][0-9]*)", re.IGNORECASE)
FORMS = "a number (13), 'ke-13', a Roman numeral (XVII) or an ordinal word (pertama, kedua, kesebelas, kedua puluh)"


class EditionError(ValueError):
    """An edition that is not a number in any of the ways news writes one."""


def edition_number(text: str) -> int:
    """The number of an edition: "13", "ke-13", "XVII", "pertama", "kedua belas", "kedua puluh satu"."""
    words = text.strip()
    number = NUMBER.fullmatch(words)
    if number:
        return int(number.group(1))
    if words and ROMAN.fullmatch(words):
        return _roman(words)
    value = _ordinal(words.lower().split())
    if value is None:
        raise EditionError(f"'{text}' is not an edition; write it as the article does: {FORMS}")
    return value


def _roman(numeral: str) -> int:
    values = [ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def _ordinal(words: list[str]) -> int | None:
    """"pertama" is 1; otherwise "ke" and a cardinal: "kedua" 2, "kesebelas" 11, "ketiga belas" 13."""
    if words == ["pertama"]:
        return 1
    if not words or not words[0].startswith("ke"):
        return None
    first = words[0][2:].lstrip("-")
    return _cardinal([first, *words[1:]] if first else words[1:])


def _cardinal(words: list[str]) -> int | None:
    """Indonesian cardinals below a thousand: "dua", "sebelas", "tiga belas", "dua puluh satu", "seratus"."""
    hundreds, rest = _scaled(words, "seratus", "ratus")
    if rest == ["sepuluh"] or rest == ["sebelas"]:
        return hundreds * 100 + (10 if rest == ["sepuluh"] else 11)
    if len(rest) == 2 and rest[0] in UNITS and rest[1] == "belas":
        return hundreds * 100 + 10 + UNITS[rest[0]]
    tens, rest = _scaled(rest, None, "puluh")
    units, rest = (UNITS[rest[0]], rest[1:]) if rest[:1] and rest[0] in UNITS else (0, rest)
    total = hundreds * 100 + tens * 10 + units
    return total if total and not rest else None


def _scaled(words: list[str], one: str | None, scale: str) -> tuple[int, list[str]]:
    """How many of a scale the words start with ("seratus", "dua ratus", "tiga puluh") and the words after."""
    if one is not None and words[:1] == [one]:
        return 1, words[1:]
    if len(words) > 1 and words[0] in UNITS and words[1] == scale:
        return UNITS[words[0]], words[2:]
    return 0, words


def edition_literal(number: int) -> Literal:
    return Literal(number, datatype=XSD.integer)


def series_facts(facts: Iterable[Fact]) -> tuple[list[Fact], list[Fact]]:
    """The facts that give an event its series and those that give its edition, in order: one pass, each
    predicate looked up in a dict (no rdflib comparison for the other facts)."""
    of_series: list[Fact] = []
    editions: list[Fact] = []
    wanted = {APK.series: of_series, APK.edition: editions}
    for fact in facts:
        found = wanted.get(fact.triple[1])
        if found is not None:
            found.append(fact)
    return of_series, editions


def check_editions(facts: Iterable[Fact]) -> None:
    """Two events of one series with the same edition are one event: an error names both, unless the
    registry folds one into the other (same_as), which makes them one node."""
    series: dict[URIRef, URIRef] = {}
    editions: dict[URIRef, Fact] = {}
    of_series, edition = series_facts(facts)
    for fact in of_series:
        series.setdefault(fact.triple[0], fact.triple[2])
    for fact in edition:
        editions.setdefault(fact.triple[0], fact)
    seen: dict[tuple[URIRef, int], tuple[URIRef, Where]] = {}
    for event, fact in editions.items():
        if event not in series:
            continue
        key = (series[event], int(fact.triple[2]))
        other, where = seen.setdefault(key, (event, fact.where))
        if other != event:
            raise KgError(f"{entity_id(event)} and {entity_id(other)} ({where}) are both edition {key[1]} of "
                          f"{entity_id(key[0])}; one edition is one event: use one id, or fold one into the other "
                          "with same_as in the registry", fact.where.file, fact.where.line, fact.where.field)


def edition_links(facts: Iterable[Fact]) -> set[Triple]:
    """previousEdition and nextEdition between editions n and n + 1 of one series, where both are known;
    a gap in the numbers links nothing across it."""
    of_series, edition = series_facts(facts)
    series = {fact.triple[0]: fact.triple[2] for fact in of_series}
    numbers = {fact.triple[0]: int(fact.triple[2]) for fact in edition}
    by_edition = {(series[e], n): e for e, n in numbers.items() if e in series}
    links = set()
    for (of, number), event in by_edition.items():
        following = by_edition.get((of, number + 1))
        if following is not None:
            links |= {(following, APK.previousEdition, event), (event, APK.nextEdition, following)}
    return links
