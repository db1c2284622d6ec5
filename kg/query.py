"""Saved SPARQL queries: finding them, reading their headers, binding parameters, running them.

Queries run on Oxigraph (pyoxigraph) over the whole dataset: the default graph
is the union of all named graphs. Parameters are bound as typed RDF terms in a
VALUES block at the start of the query's WHERE group, the one place every
SPARQL 1.1 engine evaluates the same (Virtuoso ignores a VALUES block after the
WHERE group); the same text runs locally and at endpoints, so both give the same rows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import RDFS, SKOS

from kg.answers import Answers
from kg.errors import KgError, display_path
from kg.namespaces import ID, entity_id
from kg.reading import Refused, decode
from kg.remote import Credentials, remote_query
from kg.results import render
from kg.sparql_text import QueryShapeError, where_brace
from kg.store import open_store

QUERY_DIR = Path("queries")
CHECKS = QUERY_DIR / "checks"
PARAM = re.compile(r"#\s*param\s+\?(?P<name>\w+)\s+\((?P<type>\w+)(?:,\s*default\s+(?P<default>[^)]+))?\)\s*:?\s*"
                   r"(?P<description>.*)")
HEADER = re.compile(r"#\s*(?P<key>title|question|violation|scope)\s*:\s*(?P<value>.*)")
PARAM_TYPES = ("entity", "iri", "string", "date", "integer")
XSD = "http://www.w3.org/2001/XMLSchema#"


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: str | None
    description: str


@dataclass
class SavedQuery:
    """A query file: its text and what its comment header says."""

    path: Path
    text: str
    title: str = ""
    question: str = ""
    violation: str = ""
    scope: str = ""
    parameters: dict[str, Parameter] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.path.stem


def find_query(name_or_path: str, directory: Path = QUERY_DIR) -> SavedQuery:
    """A saved query by file path or by name (`events` finds queries/events.rq)."""
    path = Path(name_or_path)
    if not path.is_file():
        path = directory / f"{name_or_path.removesuffix('.rq')}.rq"
    if not path.is_file():
        names = ", ".join(available(directory)) or "none"
        raise KgError(f"no query named '{name_or_path}'; saved queries are: {names}")
    return read_query(path)


def available(directory: Path = QUERY_DIR) -> list[str]:
    return sorted(p.stem for p in directory.glob("*.rq")) if directory.is_dir() else []


def catalogue(directory: Path = QUERY_DIR) -> str:
    """The saved queries: name, the question each answers, and its parameters with their defaults."""
    lines = []
    for name in available(directory):
        query = read_query(directory / f"{name}.rq")
        lines.append(f"{name}: {query.question or query.title}")
        for parameter in query.parameters.values():
            default = f", default {parameter.default}" if parameter.default else ""
            lines.append(f"    --param {parameter.name}=... ({parameter.type}{default}): {parameter.description}")
    if not lines:
        raise KgError("no saved queries (*.rq) found", directory)
    return "\n".join(lines) + "\n"


def read_query(path: Path) -> SavedQuery:
    """Read a query file and the header comments at its top."""
    try:
        text = decode(path.read_bytes())
    except Refused as refused:
        raise KgError(str(refused), path, refused.line) from None
    except OSError as exc:
        raise KgError(f"cannot read the query file: {exc.strerror}", path) from None
    query = SavedQuery(path, text)
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        if match := HEADER.fullmatch(line.strip()):
            setattr(query, match["key"], match["value"].strip())
        elif line.lstrip("# ").startswith("param"):
            query.parameters.update([_parameter(line, path, number)])
    return query


def _parameter(line: str, path: Path, number: int) -> tuple[str, Parameter]:
    match = PARAM.fullmatch(line.strip())
    if not match or match["type"] not in PARAM_TYPES:
        raise KgError(f"a parameter line reads '# param ?name (type[, default value]): description' with type "
                      f"one of {', '.join(PARAM_TYPES)}", path, number)
    default = match["default"].strip() if match["default"] else None
    return match["name"], Parameter(match["name"], match["type"], default, match["description"].strip())


def bindings(query: SavedQuery, given: dict[str, str]) -> dict[str, ox.NamedNode | ox.Literal]:
    """The parameters' values as typed RDF terms: those given, else the defaults."""
    unknown = sorted(set(given) - set(query.parameters))
    if unknown:
        valid = ", ".join(query.parameters) or "none"
        raise KgError(f"query '{query.name}' has no parameter '{unknown[0]}'; its parameters are: {valid}")
    values = {name: p.default for name, p in query.parameters.items() if p.default is not None} | given
    return {name: term(query.parameters[name], value) for name, value in values.items()}


def term(parameter: Parameter, value: str) -> ox.NamedNode | ox.Literal:
    """`value` as the RDF term the parameter's type says."""
    try:
        if parameter.type == "entity":
            return ox.NamedNode(value if ":" in value else str(ID) + value)
        if parameter.type == "iri":
            return ox.NamedNode(value)
    except ValueError as exc:
        raise KgError(f"parameter '{parameter.name}': {value!r} is not a valid IRI ({exc})") from None
    if parameter.type == "string":
        return ox.Literal(value)
    datatype = "date" if parameter.type == "date" else "integer"
    literal = ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))
    pattern = r"-?[0-9]+" if datatype == "integer" else r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    if not re.fullmatch(pattern, value) or (datatype == "date" and not _real_date(value)):
        raise KgError(f"parameter '{parameter.name}': {value!r} is not a valid {datatype}")
    return literal


def _real_date(value: str) -> bool:
    try:
        return dt.date.fromisoformat(value).year >= 1
    except ValueError:
        return False


def run(store: ox.Store, query: SavedQuery, values: dict[str, ox.NamedNode | ox.Literal],
        graphs: list[str] | None = None):
    """Run a saved query over the union of all graphs, or over these named graphs only; a syntax error names
    the file, line and column."""
    nodes = [ox.NamedNode(name) for name in graphs or ()]
    scope = {"use_default_graph_as_union": True} if graphs is None else {"named_graphs": nodes, "default_graph": nodes}
    try:
        return store.query(with_values(query, values), **scope)
    except SyntaxError as exc:
        raise KgError(f"SPARQL syntax error: {_position(str(exc), query.path)}") from None


def _position(message: str, path: Path) -> str:
    match = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if not match:
        return f"{display_path(path)}: {' '.join(message.split())}"
    line, column, problem = match.groups()
    return f"{display_path(path)}:{line}:{column}: {' '.join(problem.split())}"


def refuse_unknown_entities(store: ox.Store, query: SavedQuery, values: dict[str, ox.NamedNode | ox.Literal]) -> None:
    """An entity parameter must name something the dataset says anything about; else the closest ids are named."""
    for name, parameter in query.parameters.items():
        value = values.get(name)
        if parameter.type != "entity" or value is None or store.query(f"ASK {{ {value} ?p ?o }}",
                                                                      use_default_graph_as_union=True):
            continue
        from kg.ids import closest  # the fuzzy matcher and the corpus index load only for a wrong id

        wanted = entity_id(URIRef(value.value))
        near = closest(wanted, entity_names(store))
        hint = f"closest ids: {', '.join(near)}" if near else "`kg ids TEXT` lists the ids by name"
        raise KgError(f"parameter '{name}': no entity '{wanted}' in the dataset; {hint}")


def entity_names(store: ox.Store) -> dict[str, list[str]]:
    """Every entity id of the dataset with its names (preferred, label, other)."""
    names: dict[str, list[str]] = {}
    query = f"""SELECT DISTINCT ?e ?name WHERE {{ ?e a ?type . FILTER(STRSTARTS(STR(?e), "{ID}"))
        OPTIONAL {{ ?e <{SKOS.prefLabel}>|<{RDFS.label}>|<{SKOS.altLabel}> ?name }} }}"""
    for row in store.query(query, use_default_graph_as_union=True):
        found = names.setdefault(entity_id(URIRef(row["e"].value)), [])
        if row["name"] is not None:
            found.append(row["name"].value)
    return names


def parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    """NAME=VALUE pairs from the command line."""
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise KgError(f"--param takes NAME=VALUE, not '{pair}'")
        params[name.strip().lstrip("?")] = value
    return params


def with_values(query: SavedQuery, values: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The query text with a VALUES block right after the opening brace of its WHERE group.

    Each value is written as a serialised RDF term (N-Triples escaping), so no value can change the
    query's structure; an invalid IRI was already refused when the term was made. The block goes on the
    brace's line, so line numbers in error messages stay those of the file.
    """
    if not values:
        return query.text
    names = " ".join(f"?{name}" for name in values)
    terms = " ".join(str(term) for term in values.values())
    try:
        brace = where_brace(query.text)
    except QueryShapeError as exc:
        raise KgError(f"{exc}, so its parameters have nowhere to go", query.path) from None
    return f"{query.text[:brace + 1]} VALUES ({names}) {{ ({terms}) }}{query.text[brace + 1:]}"


def run_saved(names: tuple[str, ...], params: dict[str, str], fmt: str, trig: Path | None = None,
              endpoint: str | None = None, credentials: Credentials | None = None, directory: Path = QUERY_DIR,
              timeout: float = 30.0) -> str:
    """Run saved queries on the dataset in `trig`, or at a remote SPARQL `endpoint`, as text in `fmt`; a query
    asked again of the same persistent store is answered from the answer kept (kg/answers.py)."""
    queries = [find_query(name, directory) for name in names]
    for name in params:
        if not any(name in q.parameters for q in queries):
            valid = ", ".join(sorted({p for q in queries for p in q.parameters})) or "none"
            raise KgError(f"no query given has a parameter '{name}'; their parameters are: {valid}")
    asked = [(query, values, with_values(query, values)) for query, values in
             ((q, bindings(q, {k: v for k, v in params.items() if k in q.parameters})) for q in queries)]
    answers = Answers(trig) if endpoint is None and trig is not None else None
    texts = [answers.answer(fmt, text) if answers is not None else None for _, _, text in asked]
    store = open_store(trig) if endpoint is None and None in texts else None
    if answers is not None and store is not None and not answers.held():  # a build changed the store meanwhile
        answers, texts = None, [None] * len(asked)
    parts = []
    for (query, values, text), kept in zip(asked, texts, strict=True):
        shown = kept if kept is not None else answer(query, values, text, fmt, store, endpoint, timeout, credentials)
        if answers is not None and kept is None:
            answers.keep_answer(shown, fmt, text)
        if len(queries) > 1 and fmt in ("table", "md"):
            shown = f"{'##' if fmt == 'md' else '#'} {query.title or query.name}\n{shown}"
        parts.append(shown)
    return "\n".join(parts)


def answer(query: SavedQuery, values: dict[str, ox.NamedNode | ox.Literal], text: str, fmt: str,
           store: ox.Store | None, endpoint: str | None, timeout: float, credentials: Credentials | None) -> str:
    """One query's answer as text in `fmt`, from the local `store`, else from the remote `endpoint`; `text` is
    the query with its `values` bound."""
    if store is not None:
        refuse_unknown_entities(store, query, values)
    try:
        local = store is not None
        return render(run(store, query, values) if local else remote_query(endpoint, text, timeout, credentials), fmt)
    except (RuntimeError, OSError) as exc:  # evaluation errors, met while the answers are read (a SERVICE down)
        raise KgError(f"{display_path(query.path)}: {exc}") from None
