"""Pickles of rdflib terms that read back fast and shared.

rdflib rebuilds every IRI and literal it unpickles through its constructors, which check the IRI and parse
the literal's value again; at 10,000 cached articles that is over a million calls per build. Here a term is
pickled with the state it already has and read back without those checks, and interned: equal terms read
from thousands of cache entries are one object, so sets and dicts of statements compare them by identity.
"""

from __future__ import annotations

import copyreg
import datetime
import io
import pickle
from decimal import Decimal
from typing import Any

from rdflib import Literal, URIRef

_IRIS: dict[str, URIRef] = {}
_LITERALS: dict[tuple[str, str | None, str | None], Literal] = {}


def iri(value: str) -> URIRef:
    found = _IRIS.get(value)
    if found is None:
        found = _IRIS[value] = str.__new__(URIRef, value)
    return found


def literal(lexical: str, language: str | None, datatype: URIRef | None, value: Any, ill_typed: bool | None
            ) -> Literal:
    key = (lexical, language, datatype)
    found = _LITERALS.get(key)
    if found is None:
        found = str.__new__(Literal, lexical)
        found._language, found._datatype, found._value, found._ill_typed = language, datatype, value, ill_typed
        _LITERALS[key] = found
    return found


def _reduce_iri(term: URIRef) -> tuple:
    return iri, (str(term),)


_PLAIN_VALUES = (type(None), str, int, float, bool, bytes, Decimal, datetime.date, datetime.datetime, datetime.time)


def _reduce_literal(term: Literal) -> tuple:
    if type(term.value) not in _PLAIN_VALUES:
        return term.__reduce__()
    return literal, (str(term), term.language, term.datatype, term.value, term.ill_typed)


_DISPATCH = {**copyreg.dispatch_table, URIRef: _reduce_iri, Literal: _reduce_literal}


def dumps(obj: object) -> bytes:
    """`obj` pickled, its IRIs and literals as `iri` and `literal` calls (read back with `pickle.loads`)."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _DISPATCH
    pickler.dump(obj)
    return buffer.getvalue()
