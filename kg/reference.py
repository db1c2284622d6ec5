"""The reference data: all 98 cities, 38 provinces, the Republic of Indonesia, APEKSI and its six Komwil, and
the series of events they hold.

Reference facts go into their own named graph, with the reference sources and
licences as its provenance, apart from anything an article states.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from kg.errors import KgError, display_path
from kg.model import Declaration, Fact, Where
from kg.namespaces import APK, GEO, REFERENCE_GRAPH, WD, entity
from kg.slug import slugify

CITIES = "cities.csv"
PROVINCES = "provinces.csv"
KOMWIL = "komwil_membership.csv"
ORGANISATIONS = "organisations.csv"
CITY_ALIASES = "city_aliases.csv"
SERIES = "series.csv"
KOMWIL_NUMERALS = ("I", "II", "III", "IV", "V", "VI")
ORGANISATION_TYPES = {"Association": APK.Association, "Commission": APK.Commission, "Country": APK.Country}
SOURCES = (
    URIRef("https://github.com/cahyadsn/wilayah"),
    URIRef("https://github.com/soluvas/opendata"),
)
LICENCES = (
    URIRef("https://opensource.org/licenses/MIT"),
    URIRef("https://creativecommons.org/publicdomain/zero/1.0/"),
)
RIGHTS = (
    "Region codes and names: MIT License, Copyright (c) 2017-2025 Cahya DSN (cahyadsn/wilayah). "
    "Wikidata identifiers and coordinates: CC0 1.0 (soluvas/opendata, from Wikidata). "
    "See seeds/reference/SOURCES.md."
)


@dataclass
class Row:
    values: dict[str, str]
    where: Where

    def __getitem__(self, column: str) -> str:
        return self.values[column]


@dataclass
class Reference:
    """Reference entities by identifier, the facts about them, and their graph."""

    declarations: dict[str, Declaration] = field(default_factory=dict)
    facts: list[Fact] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)
    city_codes: dict[str, str] = field(default_factory=dict)
    names: dict[str, set[str]] = field(default_factory=dict)

    def declare(self, identifier: str, cls: URIRef, name: str, where: Where) -> URIRef:
        if identifier in self.declarations:
            raise KgError(f"identifier '{identifier}' is already used by {self.declarations[identifier].where}",
                          where.file, where.line)
        self.declarations[identifier] = Declaration(identifier, cls, name, where)
        node = entity(identifier)
        self.state(node, RDF.type, cls, where)
        self.add(node, SKOS.prefLabel, Literal(name))
        self.add(node, RDFS.label, Literal(name))
        self.names.setdefault(name, set()).add(identifier)
        return node

    def alias(self, identifier: str, name: str) -> None:
        self.add(entity(identifier), SKOS.altLabel, Literal(name))
        self.names.setdefault(name, set()).add(identifier)

    def named(self, name: str, cls: URIRef) -> set[str]:
        """The reference entities of class `cls` that bear `name`, as preferred or other name."""
        return {i for i in self.names.get(name, ()) if self.declarations[i].cls == cls}

    def state(self, s: URIRef, p: URIRef, o: URIRef, where: Where) -> None:
        """A fact the reasoner sees, recorded with the row it comes from."""
        self.facts.append(Fact((s, p, o), where))
        self.graph.add((s, p, o))

    def add(self, s: URIRef, p: URIRef, o: object) -> None:
        self.graph.add((s, p, o))


def read_rows(path: Path, columns: tuple[str, ...]) -> list[Row]:
    """The rows of a CSV file, each with its line; missing columns or empty cells are errors."""
    shown = display_path(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise KgError(f"missing column(s) {', '.join(missing)}; the header must name {', '.join(columns)}",
                              path, 1)
            rows = []
            for values in reader:
                where = Where(shown, reader.line_num, "")
                if None in values or any(v is None for v in values.values()):
                    raise KgError("wrong number of cells; quote cells that contain commas", path, reader.line_num)
                rows.append(Row({k: v.strip() for k, v in values.items()}, where))
            return rows
    except FileNotFoundError:
        raise KgError("reference file not found; copy it back into seeds/reference/", path) from None


def province_id(name: str) -> str:
    return "provinsi-" + slugify(name)


def city_id(name: str) -> str:
    return slugify(name)


def komwil_id(numeral: str) -> str:
    return "komwil-" + numeral.lower()


def load_reference(directory: Path) -> Reference:
    """Read the reference CSV files into declarations, facts and the reference graph."""
    ref = Reference()
    _provinces(ref, directory / PROVINCES)
    _organisations(ref, directory / ORGANISATIONS)
    _cities(ref, directory / CITIES)
    _komwil(ref, directory / KOMWIL)
    _aliases(ref, directory / CITY_ALIASES)
    _series(ref, directory / SERIES)
    _provenance(ref, directory)
    return ref


def _provinces(ref: Reference, path: Path) -> None:
    for row in read_rows(path, ("code", "name")):
        node = ref.declare(province_id(row["name"]), APK.Province, row["name"], _at(row, "name"))
        ref.add(node, APK.kemendagriCode, Literal(row["code"]))


def _organisations(ref: Reference, path: Path) -> None:
    rows = read_rows(path, ("id", "type", "name", "aliases", "part_of"))
    for row in rows:
        cls = ORGANISATION_TYPES.get(row["type"])
        if cls is None:
            raise KgError(f"unknown type '{row['type']}'; use one of {', '.join(ORGANISATION_TYPES)}",
                          path, row.where.line, "type")
        ref.declare(row["id"], cls, row["name"], _at(row, "type"))
        for alias in filter(None, (a.strip() for a in row["aliases"].split(";"))):
            ref.alias(row["id"], alias)
    for row in rows:
        if row["part_of"]:
            ref.state(entity(row["id"]), APK.partOf, _known(ref, row["part_of"], row, "part_of"), _at(row, "part_of"))


def _cities(ref: Reference, path: Path) -> None:
    for row in read_rows(path, ("code", "name", "province", "province_code", "latitude", "longitude", "wikidata")):
        identifier = city_id(row["name"])
        node = ref.declare(identifier, APK.City, row["name"], _at(row, "name"))
        ref.city_codes[row["code"]] = identifier
        ref.add(node, APK.kemendagriCode, Literal(row["code"]))
        province = _known(ref, province_id(row["province"]), row, "province")
        ref.state(node, APK.inProvince, province, _at(row, "province"))
        ref.state(node, APK.memberOf, entity("apeksi"), _at(row, "name"))
        for column, prop in (("latitude", GEO.lat), ("longitude", GEO.long)):
            if row[column]:
                ref.add(node, prop, Literal(_decimal(row, column), datatype=XSD.decimal))
        if row["wikidata"]:
            ref.add(node, OWL.sameAs, WD[row["wikidata"]])


def _komwil(ref: Reference, path: Path) -> None:
    for row in read_rows(path, ("code", "name", "komwil", "basis", "sources")):
        city = ref.city_codes.get(row["code"])
        if city is None:
            raise KgError(f"city code '{row['code']}' is not in {CITIES}", path, row.where.line, "code")
        if row["komwil"] not in KOMWIL_NUMERALS:
            raise KgError(f"unknown Komwil '{row['komwil']}'; use one of {', '.join(KOMWIL_NUMERALS)}",
                          path, row.where.line, "komwil")
        komwil = entity(komwil_id(row["komwil"]))
        ref.state(entity(city), APK.memberOf, komwil, _at(row, "komwil"))
        statement = URIRef(f"{REFERENCE_GRAPH}/statement/{city}/memberOf/{komwil_id(row['komwil'])}")
        for p, o in ((RDF.type, RDF.Statement), (RDF.subject, entity(city)), (RDF.predicate, APK.memberOf),
                     (RDF.object, komwil), (APK.basis, Literal(row["basis"]))):
            ref.add(statement, p, o)
        for source in filter(None, (s.strip() for s in row["sources"].split(";"))):
            ref.add(statement, DCTERMS.source, URIRef(source))


def _aliases(ref: Reference, path: Path) -> None:
    for row in read_rows(path, ("code", "alias")):
        city = ref.city_codes.get(row["code"])
        if city is None:
            raise KgError(f"city code '{row['code']}' is not in {CITIES}", path, row.where.line, "code")
        ref.alias(city, row["alias"])


def _series(ref: Reference, path: Path) -> None:
    """Event series (Rakernas, Munas, each Komwil's Muskomwil...), each with the organisation that holds it."""
    for row in read_rows(path, ("id", "name", "aliases", "organiser")):
        node = ref.declare(row["id"], APK.EventSeries, row["name"], _at(row, "name"))
        for alias in filter(None, (a.strip() for a in row["aliases"].split(";"))):
            ref.alias(row["id"], alias)
        ref.state(node, APK.seriesOrganiser, _known(ref, row["organiser"], row, "organiser"), _at(row, "organiser"))


def _provenance(ref: Reference, directory: Path) -> None:
    ref.add(REFERENCE_GRAPH, RDF.type, PROV.Entity)
    ref.add(REFERENCE_GRAPH, RDFS.label, Literal("Reference data: cities, provinces, APEKSI and its Komwil", lang="en"))
    ref.add(REFERENCE_GRAPH, DCTERMS.rights, Literal(RIGHTS, lang="en"))
    for source in SOURCES:
        ref.add(REFERENCE_GRAPH, DCTERMS.source, source)
    for licence in LICENCES:
        ref.add(REFERENCE_GRAPH, DCTERMS.license, licence)


def _known(ref: Reference, identifier: str, row: Row, column: str) -> URIRef:
    if identifier not in ref.declarations:
        raise KgError(f"'{row[column]}' is not a known reference entity", row.where.file, row.where.line, column)
    return entity(identifier)


def _decimal(row: Row, column: str) -> str:
    try:
        return str(Decimal(row[column]))
    except InvalidOperation:
        raise KgError(f"'{row[column]}' is not a number", row.where.file, row.where.line, column) from None


def _at(row: Row, column: str) -> Where:
    return Where(row.where.file, row.where.line, column)
