"""Talking to a SPARQL endpoint over HTTP: the SPARQL 1.1 Protocol for queries, one-line errors for failures."""

from __future__ import annotations

import base64
import os
import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.errors import KgError

USER_VARIABLE = "KG_ENDPOINT_USER"
PASSWORD_VARIABLE = "KG_ENDPOINT_PASSWORD"
SPARQL_RESULTS = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
Row = tuple[Node | None, ...]


@dataclass(frozen=True)
class Credentials:
    """A user name and password for HTTP Basic authentication."""

    user: str
    password: str = ""

    def __repr__(self) -> str:
        return f"Credentials(user={self.user!r}, password=***)"

    def header(self) -> str:
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return f"Basic {token}"


def credentials_from(environ: Mapping[str, str] = os.environ, ask: bool = False,
                     prompt: Callable[[str, bool], str] | None = None) -> Credentials | None:
    """Credentials from KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD, asking `prompt` for what is missing.

    Without a user in the environment nothing is asked unless `ask` is true.
    `prompt(text, hidden)` returns what the user typed.
    """
    user = environ.get(USER_VARIABLE, "")
    password = environ.get(PASSWORD_VARIABLE)
    if not user and ask and prompt is not None:
        user = prompt("User", False)
    if not user:
        return None
    if password is None and prompt is not None:
        password = prompt(f"Password for {user}", True)
    return Credentials(user, password or "")


def check_endpoint(endpoint: str) -> None:
    """Reject URLs that are not http(s) or that carry credentials (they would end up in shell history)."""
    scheme, _, rest = endpoint.partition("://")
    if scheme not in ("http", "https") or not rest:
        raise KgError(f"'{endpoint}' is not an http:// or https:// URL; give the endpoint's full URL")
    if "@" in rest.split("/", 1)[0]:
        raise KgError(f"do not put credentials in the endpoint URL; set {USER_VARIABLE} and {PASSWORD_VARIABLE}")


@dataclass(frozen=True)
class Response:
    body: bytes
    content_type: str


def http(method: str, url: str, *, body: bytes | None = None, headers: Mapping[str, str] | None = None,
         credentials: Credentials | None = None, timeout: float = 30.0, name: str | None = None,
         missing_ok: bool = False) -> Response | None:
    """Send one request and return the response; any failure is a one-line KgError naming `name` or the URL.

    With `missing_ok`, a 404 answer is None rather than an error.
    """
    check_endpoint(url)
    request = urllib.request.Request(url, data=body, method=method, headers=dict(headers or {}))
    if credentials is not None:
        request.add_header("Authorization", credentials.header())
    where = name or url
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return Response(response.read(), response.headers.get_content_type())
    except urllib.error.HTTPError as error:
        if missing_ok and error.code == 404:
            return None
        hint = f"; set {USER_VARIABLE} and {PASSWORD_VARIABLE}" if error.code in (401, 403) else ""
        raise KgError(f"{where} answered HTTP {error.code} {error.reason}{_detail(error)}{hint}") from None
    except urllib.error.URLError as error:
        raise _unreachable(where, error.reason) from None
    except TimeoutError:
        raise KgError(f"{where} did not answer within {timeout:g} s") from None
    except OSError as error:
        raise _unreachable(where, error) from None


def _unreachable(where: str, reason: object) -> KgError:
    why = getattr(reason, "strerror", None) or reason
    return KgError(f"cannot reach {where}: {why}; check the URL and that the server is running")


def _detail(error: urllib.error.HTTPError) -> str:
    """The first line of an error response, which servers use for the reason."""
    try:
        first = error.read(300).decode("utf-8", "replace").strip().splitlines()
    except OSError:
        return ""
    return f": {first[0]}" if first else ""


def post_query(endpoint: str, query: str, accept: str, timeout: float, credentials: Credentials | None) -> Response:
    """POST a query as the SPARQL 1.1 Protocol says (Content-Type application/sparql-query)."""
    return http("POST", endpoint, body=query.encode("utf-8"), timeout=timeout, credentials=credentials,
                headers={"Content-Type": "application/sparql-query", "Accept": accept})


def remote_query(endpoint: str, query: str, timeout: float = 30.0, credentials: Credentials | None = None
                 ) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
    """Run any query at an endpoint; the answer in pyoxigraph's types, as a local pyoxigraph query gives it.

    SELECT gives QuerySolutions, ASK QueryBoolean, CONSTRUCT and DESCRIBE a list of triples.
    """
    answer = post_query(endpoint, query, f"{SPARQL_RESULTS}, {N_TRIPLES};q=0.9", timeout, credentials)
    try:
        if answer.content_type == N_TRIPLES:
            return [quad.triple for quad in ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES)]
        return ox.parse_query_results(answer.body, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError):
        raise KgError(f"{endpoint} answered with {answer.content_type} that is not valid SPARQL results") from None


def remote_select(endpoint: str, query: str, timeout: float = 30.0,
                  credentials: Credentials | None = None) -> tuple[list[str], list[Row]]:
    """Run a SELECT query at an endpoint: its variables and rows of rdflib terms (None where unbound)."""
    answer = remote_query(endpoint, query, timeout, credentials)
    if not isinstance(answer, ox.QuerySolutions):
        raise KgError(f"{endpoint} did not answer with SPARQL JSON results for a SELECT query")
    return [v.value for v in answer.variables], [tuple(rdflib_term(s[v]) for v in answer.variables) for s in answer]


def rdflib_term(term: ox.NamedNode | ox.BlankNode | ox.Literal | None) -> Node | None:
    """The rdflib term of a pyoxigraph term (a plain string literal has no datatype in rdflib)."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    datatype = None if term.language or term.datatype.value == XSD_STRING else URIRef(term.datatype.value)
    return Literal(term.value, lang=term.language, datatype=datatype)
