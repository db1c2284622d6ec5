"""Every name the corpus knows, found in an article at once (Aho-Corasick), each with the identifier it names.

The names are the reference data's (cities, provinces, APEKSI, the Komwil and the press spellings of
`press_names.csv`), the registry's and every name and alias of every annotation; a city is also found by its
name without "Kota" ("Medan"), except where that word is also a common word or a person's name.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

import ahocorasick
from rdflib import URIRef

from kg.corpus import Corpus
from kg.namespaces import APK
from kg.reference import KOMWIL_NUMERALS

SHORT_FORM_TOO_COMMON = frozenset({"Batu", "Bima", "Banjar", "Metro", "Tual"})
NOT_ENTITIES = (APK.Event, APK.Agreement, APK.EventSeries)
TOO_GENERAL = frozenset({"Indonesia"})
UNIT_WORDS = ("Direktorat Jenderal ", "Ditjen ", "Direktorat ")
PROVINCE_WORDS = ("Provinsi ", "Prov. ", "Gubernur ", "Pemprov ")


@dataclass(frozen=True)
class Name:
    """A name of an identifier and why the drafter knows it (for --explain)."""

    surface: str
    identifier: str
    cls: URIRef
    source: str


@dataclass(frozen=True)
class Mention:
    """A known name found in the text; `names` are all identifiers bearing it, the chosen one first."""

    start: int
    end: int
    names: tuple[Name, ...]

    @property
    def name(self) -> Name:
        return self.names[0]

    @property
    def identifier(self) -> str:
        return self.name.identifier

    @property
    def cls(self) -> URIRef:
        return self.name.cls

    def of_class(self, classes: Iterable[URIRef]) -> Name | None:
        wanted = tuple(classes)
        return next((n for n in self.names if n.cls in wanted), None)


class Gazetteer:
    """A multi-pattern matcher over known names, giving whole-word, longest, non-overlapping mentions."""

    def __init__(self, names: Iterable[Name]) -> None:
        self.by_surface: dict[str, list[Name]] = {}
        for name in names:
            bearers = self.by_surface.setdefault(name.surface, [])
            if all(n.identifier != name.identifier for n in bearers):
                bearers.append(name)
        self.automaton = ahocorasick.Automaton()
        for surface in sorted(self.by_surface):
            self.automaton.add_word(surface, surface)
        if self.by_surface:
            self.automaton.make_automaton()

    def find(self, text: str) -> list[Mention]:
        if not self.by_surface:
            return []
        found = []
        for last, surface in self.automaton.iter(text):
            start, end = last - len(surface) + 1, last + 1
            if _whole_word(text, start, end):
                found.append((start, end, surface))
        mentions, reached = [], -1
        for start, end, surface in sorted(found, key=lambda f: (f[0], -(f[1] - f[0]))):
            if start >= reached:
                mentions.append(Mention(start, end, _ranked(self.by_surface[surface], text, start)))
                reached = end
        return mentions

    def named(self, surface: str) -> list[Name]:
        return self.by_surface.get(surface, [])


def _whole_word(text: str, start: int, end: int) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


def _ranked(names: list[Name], text: str, start: int) -> tuple[Name, ...]:
    """Cities before provinces of the same name, unless the words before say province ("Provinsi Jambi")."""
    province_first = text[max(0, start - 10):start].endswith(PROVINCE_WORDS)
    order = {APK.Province: 0, APK.City: 1} if province_first else {APK.City: 0, APK.Province: 1}
    return tuple(sorted(names, key=lambda n: (order.get(n.cls, 2), n.identifier)))


def corpus_gazetteer(corpus: Corpus) -> Gazetteer:
    """The gazetteer of everything the corpus index knows, less events and agreements."""
    return Gazetteer([*_known_names(corpus), *_komwil_names(corpus), *_press_names(corpus)])


def _known_names(corpus: Corpus) -> list[Name]:
    names = []
    for identifier, known in sorted(corpus.known.items()):
        if known.cls in NOT_ENTITIES:
            continue
        source = known.source
        names.append(Name(known.name, identifier, known.cls, f"{source}: preferred name"))
        for other, where in corpus.names.get(identifier, []):
            if other not in TOO_GENERAL:
                names.append(Name(other, identifier, known.cls, f"name or alias in {where.file}"))
        if known.cls == APK.Organization and known.name.startswith(UNIT_WORDS):
            unit = next(known.name.removeprefix(w) for w in UNIT_WORDS if known.name.startswith(w))
            names.append(Name(unit, identifier, known.cls, f"{source}: '{known.name}' after its head's post"))
        if known.cls == APK.City and known.name.startswith("Kota "):
            short = known.name.removeprefix("Kota ").removeprefix("Administrasi ")
            if short not in SHORT_FORM_TOO_COMMON:
                names.append(Name(short, identifier, known.cls, f"{source}: '{known.name}' without 'Kota'"))
            names.append(Name("kota " + short, identifier, known.cls, f"{source}: '{known.name}' in lower case"))
        if known.cls == APK.Province:
            names.append(Name("Provinsi " + known.name, identifier, known.cls, f"{source}: 'Provinsi' and the name"))
    for folded, canonical in corpus.folded.items():
        known = corpus.known.get(canonical)
        if known is not None and known.cls not in NOT_ENTITIES:
            names.extend(Name(n, canonical, known.cls, f"registry: same_as {folded}")
                         for n, _ in corpus.names.get(folded, []))
    return names


def _komwil_names(corpus: Corpus) -> list[Name]:
    """The ways the press writes a Komwil: "Komwil I APEKSI", "Komisariat Wilayah (Komwil) I", "Komwil 1"."""
    names = []
    for number, numeral in enumerate(KOMWIL_NUMERALS, start=1):
        identifier = f"komwil-{numeral.lower()}"
        if identifier not in corpus.known:
            continue
        for form in (f"Komwil {numeral} APEKSI", f"Komwil {numeral} Apeksi", f"Komwil {numeral}",
                     f"Komwil {number}", f"Komisariat Wilayah (Komwil) {numeral}", f"Komisariat Wilayah {numeral}",
                     f"Apeksi {number}", f"APEKSI Komwil {numeral}", f"Apeksi Komwil {numeral}"):
            names.append(Name(form, identifier, APK.Commission, f"Komwil {numeral}: a form the press writes"))
    return names


def _press_names(corpus: Corpus) -> list[Name]:
    rows = csv.DictReader(resources.files("kg.draft").joinpath("press_names.csv").read_text(encoding="utf-8")
                          .splitlines())
    return [Name(row["name"], row["id"], corpus.known[row["id"]].cls, f"press spelling of {row['id']}")
            for row in rows if row["id"] in corpus.known]
