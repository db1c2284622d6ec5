"""What the build knows about a source: typed entities and stated facts with where they came from."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef
from rdflib.term import Node

from kg.quotes import Span

Triple = tuple[URIRef, URIRef, Node]


@dataclass(frozen=True, order=True)
class Where:
    """A place in a source file: the file as the user reads it, a line, a field."""

    file: str
    line: int
    field: str

    def __str__(self) -> str:
        return f"{self.file} line {self.line}"


@dataclass(frozen=True)
class Declaration:
    """An entity declared by a source, with its class and preferred name."""

    identifier: str
    cls: URIRef
    name: str | None
    where: Where
    name_where: Where | None = None


@dataclass(frozen=True)
class Fact:
    """A triple a source states, the words that state it (articles only) and where it was annotated."""

    triple: Triple
    where: Where
    span: Span | None = None
