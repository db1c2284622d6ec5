"""Dates as statements: a date, a period or bounds, each with the qualifier its words give.

A single day (or month, or year) is `apk:date`; a period is `apk:startDate` and
`apk:endDate` (sub-properties of schema:startDate and schema:endDate); what is
only known to lie between two dates is `apk:earliestDate` / `apk:latestDate`.
"awal", "pertengahan", "akhir" and the parts of the day go beside the date as
`apk:dateQualifier` (or its start and end forms), a concept of the
date-qualifiers scheme, so the date itself never claims more than the words.
"""

from __future__ import annotations

from rdflib import URIRef
from rdflib.term import Node

from kg.dates import Bounds, Period, When
from kg.namespaces import APK

TENSES = {"held": "past", "planned": "future"}
PROPERTIES = {
    "date": (APK.date, APK.dateQualifier),
    "start": (APK.startDate, APK.startQualifier),
    "end": (APK.endDate, APK.endQualifier),
}


def date_statements(when: When, role: str, qualifiers: dict[str, URIRef]) -> list[tuple[URIRef, Node]]:
    """(property, value) pairs for `when` read as the date, the start or the end of something."""
    if isinstance(when, Bounds):
        bounds = ((APK.earliestDate, when.earliest), (APK.latestDate, when.latest))
        return [(prop, bound.literal()) for prop, bound in bounds if bound is not None]
    if isinstance(when, Period):
        return date_statements(when.start, "start", qualifiers) + date_statements(when.end, "end", qualifiers)
    prop, qualifier = PROPERTIES[role]
    statements: list[tuple[URIRef, Node]] = [(prop, when.literal())]
    if when.qualifier is not None:
        statements.append((qualifier, qualifiers[when.qualifier]))
    return statements
