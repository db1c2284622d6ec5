"""Running a saved query on a second, independent engine (rdflib's), and comparing answers as multisets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Literal
from rdflib.term import Node

from kg.query import SavedQuery
from kg.remote import rdflib_term


def rdflib_dataset(trig: Path) -> Dataset:
    dataset = Dataset(default_union=True)
    dataset.parse(trig, format="trig")
    return dataset


def rdflib_rows(dataset: Dataset, query: SavedQuery, values: dict[str, ox.NamedNode | ox.Literal]) -> Counter:
    bindings = {name: rdflib_term(term) for name, term in values.items()}
    result = dataset.query(query.text, initBindings=bindings)
    return Counter(tuple(key(row[v]) for v in result.vars) for row in result)


def oxigraph_rows(result: ox.QuerySolutions) -> Counter:
    return Counter(tuple(key(rdflib_term(row[v])) for v in result.variables) for row in result)


XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGERS = {XSD + name for name in ("nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
                                    "negativeInteger", "long", "int", "short", "byte", "unsignedLong")}


def key(term: Node | None) -> str | None:
    """A comparable form of a term.

    GROUP_CONCAT lists (" | ") compare as sets, their order being free. Integer subtypes compare as
    xsd:integer: Oxigraph stores an xsd:nonNegativeInteger as an xsd:integer of the same value.
    """
    if term is None:
        return None
    if isinstance(term, Literal):
        value = " | ".join(sorted(str(term).split(" | ")))
        datatype = str(term.datatype) if term.datatype else (None if term.language else XSD + "string")
        datatype = XSD + "integer" if datatype in INTEGERS else datatype
        return f"{value!r}@{term.language}^^{datatype}"
    return term.n3()
