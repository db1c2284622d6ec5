"""`kg check`: quality checks (SPARQL that must return no rows), SHACL shapes and the reasoner.

Each violation names the entity and where it was annotated. Exit codes, as in
pySHACL: 0 clean, 1 violations, 2 the checks could not run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pyshacl
from rdflib import Graph, URIRef
from rdflib.namespace import SH

from kg.build import TRIG, TURTLE, BuildResult, build_from, read_sources, sources_digest
from kg.errors import CannotRun, KgError
from kg.namespaces import entity_id, local_name
from kg.query import open_store, read_query, run
from kg.reasoner import ReasonerError, ReasonerUnavailable
from kg.results import show
from kg.review import pending_reviews

CHECKS = Path("queries") / "checks"
SHAPES = "shapes.ttl"


class CannotCheck(CannotRun):
    """The checks could not run (exit code 2), as opposed to finding violations (exit code 1)."""


@dataclass(frozen=True)
class Violation:
    check: str
    entity: str
    where: str
    message: str

    def __str__(self) -> str:
        where = f" ({self.where})" if self.where else ""
        entity = f"{self.entity}{where}: " if self.entity else ""
        return f"{self.check}: {entity}{self.message}"


def check(seeds: Path, out: Path, ontology_dir: Path, checks: Path = CHECKS) -> list[Violation]:
    """Build, which runs the cross-source checks and the reasoner's consistency check, then the
    quality checks and the SHACL shapes on what it wrote."""
    try:
        digest = sources_digest(seeds, ontology_dir)
        sources = read_sources(seeds, ontology_dir, out)
        result = build_from(sources, out, time.perf_counter(), digest)
    except ReasonerUnavailable as exc:
        raise CannotCheck(exc.message) from None
    except ReasonerError as exc:
        return [Violation("reasoner", "", "", exc.message)]
    except KgError as exc:
        return [Violation("input", "", "", str(exc))]
    locations: dict[str, str] = {}
    for fact in sources.facts():
        locations.setdefault(str(fact.triple[0]), str(fact.where))
    violations = corpus_violations(result) + review_violations(seeds)
    violations += run_checks(open_store(out / TRIG), checks, locations)
    return violations + run_shapes(out / TURTLE, ontology_dir / SHAPES, locations)


def corpus_violations(result: BuildResult) -> list[Violation]:
    """Open conflicts between articles' claims, and identifiers that may name one thing twice."""
    found = [Violation("conflict", entity_id(c.node), str(c.first.fact.where), str(c)) for c in result.open_conflicts]
    return found + [Violation("possible-duplicate", d.first, str(d.first_where), str(d)) for d in result.duplicates]


def review_violations(seeds: Path) -> list[Violation]:
    """Proposals of `kg draft` that nobody has reviewed yet."""
    return [Violation("review", p.label, f"{p.file}:{p.line}", str(p)) for p in pending_reviews(seeds / "annotations")]


def run_checks(store: ox.Store, checks: Path, locations: dict[str, str]) -> list[Violation]:
    """Every row of every check query is a violation."""
    files = sorted(checks.glob("*.rq"))
    if not files:
        raise CannotCheck("no check queries (*.rq) found", checks)
    violations = []
    for path in files:
        query = read_query(path)
        result = run(store, query, {})
        if not isinstance(result, ox.QuerySolutions):
            raise CannotCheck("a check must be a SELECT query; each row it returns is a violation", path)
        names = [v.value for v in result.variables]
        if "entity" not in names:
            raise CannotCheck("a check must return the offending node as ?entity", path)
        for row in result:
            node = row["entity"]
            details = ", ".join(f"{n} {show(row[n])}" for n in names if n != "entity" and row[n] is not None)
            message = query.violation + (f" ({details})" if details else "")
            violations.append(Violation(path.stem, _name(node), locations.get(_iri(node), ""), message))
    return violations


def run_shapes(data: Path, shapes: Path, locations: dict[str, str]) -> list[Violation]:
    """SHACL validation of all graphs merged."""
    try:
        shapes_graph = Graph().parse(shapes, format="turtle")
    except FileNotFoundError:
        raise CannotCheck("SHACL shapes not found; restore ontology/shapes.ttl", shapes) from None
    conforms, report, _ = pyshacl.validate(Graph().parse(data, format="turtle"), shacl_graph=shapes_graph,
                                           inference="none")
    if conforms:
        return []
    violations = []
    for result in report.subjects(SH.resultSeverity, SH.Violation):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = str(report.value(result, SH.resultMessage) or "does not conform")
        where = f"{local_name(path)}: " if isinstance(path, URIRef) else ""
        violations.append(Violation("shape", _name(focus), locations.get(str(focus), ""), where + message))
    return sorted(violations, key=str)


def _iri(node: object) -> str:
    return node.value if isinstance(node, ox.NamedNode) else str(node)


def _name(node: object) -> str:
    if isinstance(node, ox.NamedNode | URIRef):
        return entity_id(URIRef(_iri(node)))
    return str(node)
