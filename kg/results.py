"""Query results as text: an aligned table, Markdown, SPARQL CSV/TSV/JSON, or Turtle for CONSTRUCT."""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import Graph

from kg.namespaces import prefixed
from kg.turtle import Writer

FORMATS = ("table", "csv", "tsv", "json", "md")
SERIALIZED = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV, "json": ox.QueryResultsFormat.JSON}


def render(result: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples | list[ox.Triple], fmt: str) -> str:
    """The text of a result in `fmt`; CONSTRUCT results (local, or a list of triples from an endpoint)
    are Turtle whatever the format."""
    if isinstance(result, ox.QueryTriples | list):
        ntriples = "".join(f"{triple} .\n" for triple in result)
        return Writer().turtle([Graph().parse(data=ntriples, format="nt")])
    if fmt in SERIALIZED:
        return result.serialize(format=SERIALIZED[fmt]).decode()
    if isinstance(result, ox.QueryBoolean):
        return f"{'true' if bool(result) else 'false'}\n"
    header = [v.value for v in result.variables]
    rows = [[show(solution[v]) for v in result.variables] for solution in result]
    return markdown(header, rows) if fmt == "md" else table(header, rows)


def show(term: object) -> str:
    """A term as a person reads it: prefixed IRIs, literal values, nothing for unbound."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        found = prefixed(term.value)
        return f"{found[0]}:{found[1]}" if found else term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def table(header: list[str], rows: list[list[str]]) -> str:
    cells = [[" ".join(cell.split()) for cell in row] for row in rows]
    widths = [max([len(h), *(len(row[i]) for row in cells)]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells]
    return "\n".join(lines) + f"\n({len(rows)} row{'s' if len(rows) != 1 else ''})\n"


def markdown(header: list[str], rows: list[list[str]]) -> str:
    def line(cells: list[str]) -> str:
        return "| " + " | ".join(" ".join(c.split()).replace("|", "\\|") for c in cells) + " |"

    return "\n".join([line(header), "|" + "---|" * len(header), *(line(row) for row in rows)]) + "\n"
