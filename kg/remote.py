"""Talking to a SPARQL endpoint over HTTP: the SPARQL 1.1 Protocol for queries, one-line errors for failures.

Queries are POSTed form-encoded (`query=...`), which Virtuoso, Oxigraph, Fuseki and GraphDB all answer
(Virtuoso never answers a body of type application/sparql-query). Credentials are sent only when the
server asks for them, in the scheme it asks for (HTTP Basic or Digest, through requests); the scheme is
remembered with the credentials, so later requests need no second round trip.
"""

from __future__ import annotations

import json
import os
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox
import requests
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node
from requests.auth import AuthBase, HTTPBasicAuth, HTTPDigestAuth

from kg.errors import KgError
from kg.sparql_text import query_form

USER_VARIABLE = "KG_ENDPOINT_USER"
PASSWORD_VARIABLE = "KG_ENDPOINT_PASSWORD"
SPARQL_RESULTS = "application/sparql-results+json"
N_TRIPLES = "application/n-triples"
N_TRIPLES_TYPES = (N_TRIPLES, "text/plain", "text/ntriples")
FORM = "application/x-www-form-urlencoded"
VIRTUOSO_ASK = "__ASK_RETVAL"
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
SCHEMES: dict[str, Callable[[str, str], AuthBase]] = {"basic": HTTPBasicAuth, "digest": HTTPDigestAuth}
Row = tuple[Node | None, ...]


@dataclass(frozen=True)
class Credentials:
    """A user name and password, sent in the scheme the server asks for (HTTP Basic or Digest)."""

    user: str
    password: str = ""
    chosen: dict[str, AuthBase] = field(default_factory=dict, compare=False, hash=False, repr=False)

    def __repr__(self) -> str:
        return f"Credentials(user={self.user!r}, password=***)"

    @property
    def scheme(self) -> str:
        """The scheme in use ("Basic", "Digest"), or "" before a server asked."""
        auth = self.chosen.get("auth")
        return "Digest" if isinstance(auth, HTTPDigestAuth) else "Basic" if auth is not None else ""

    def answer(self, challenge: str) -> bool:
        """Choose the scheme a 401 answer's WWW-Authenticate asks for; False when it is none kg speaks."""
        offered = challenge_schemes(challenge) or ["basic"]
        scheme = next((s for s in ("digest", "basic") if s in offered), None)
        if scheme is None:
            return False
        self.chosen["auth"] = SCHEMES[scheme](self.user, self.password)
        return True


def challenge_schemes(challenge: str) -> list[str]:
    """The schemes a WWW-Authenticate header offers, lower-case: 'Digest realm="x", nonce=..' gives ['digest']."""
    schemes = []
    for part in challenge.split(","):
        words = part.strip().split(None, 1)
        if words and "=" not in words[0]:
            schemes.append(words[0].lower())
    return schemes


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
         missing_ok: bool = False, tried: str = "") -> Response | None:
    """Send one request and return the response; any failure is a one-line KgError naming `name` or the URL.

    With `missing_ok`, a 404 answer is None rather than an error. `tried` says in words what the request
    was, for the message when the server does not answer in time.
    """
    check_endpoint(url)
    where = name or url
    try:
        answer = _send(method, url, body, headers, credentials, timeout)
        if _first_challenge(answer, credentials):
            answer = _send(method, url, body, headers, credentials, timeout)
    except requests.Timeout:
        what = f" {tried}" if tried else f" to {method}"
        raise KgError(f"{where} did not answer{what} within {timeout:g} s; check that the URL is the right "
                      "endpoint, or allow more time with --timeout") from None
    except requests.ConnectionError as error:
        raise _unreachable(where, error) from None
    except requests.RequestException as error:
        raise KgError(f"cannot talk to {where}: {error}") from None
    if missing_ok and answer.status_code == 404:
        return None
    if answer.is_redirect:
        target = answer.headers.get("Location", "")
        raise KgError(f"{where} answered HTTP {answer.status_code} {answer.reason}, pointing to {target}; "
                      "give that URL instead (kg does not resend a request elsewhere)")
    if answer.status_code >= 400:
        raise KgError(f"{where} answered HTTP {answer.status_code} {answer.reason}{_detail(answer)}"
                      f"{auth_hint(answer, credentials)}")
    content_type = answer.headers.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return Response(answer.content, content_type)


def _first_challenge(answer: requests.Response, credentials: Credentials | None) -> bool:
    """Whether `answer` is the first 401 for `credentials` and names a scheme they can now answer in."""
    if answer.status_code != 401 or credentials is None or credentials.chosen:
        return False
    return credentials.answer(answer.headers.get("WWW-Authenticate", ""))


def _send(method: str, url: str, body: bytes | None, headers: Mapping[str, str] | None,
          credentials: Credentials | None, timeout: float) -> requests.Response:
    auth = credentials.chosen.get("auth") if credentials is not None else None
    return requests.request(method, url, data=body, headers=dict(headers or {}), auth=auth, timeout=timeout,
                            allow_redirects=False)


def auth_hint(answer: requests.Response, credentials: Credentials | None) -> str:
    """What to do about a 401 or 403 answer, for the situation: no credentials, refused ones, an unknown scheme."""
    variables = f"{USER_VARIABLE} and {PASSWORD_VARIABLE}"
    if answer.status_code == 401:
        challenge = answer.headers.get("WWW-Authenticate", "")
        offered = challenge_schemes(challenge)
        if offered and not set(offered) & set(SCHEMES):
            return (f"; the server asks for {challenge.split()[0]} authentication, and kg speaks only Basic and "
                    "Digest")
        asked = f" ({'Digest' if 'digest' in offered else 'Basic'} authentication)"
        if credentials is None:
            return f"; the server asks for a user and password{asked}: set {variables}"
        return f"; the server refused user '{credentials.user}' with that password{asked}: check {variables}"
    if answer.status_code == 403 and credentials is None:
        return f"; the server does not allow this without a user: set {variables}"
    if answer.status_code == 403:
        return (f"; the server does not allow this to user '{credentials.user}': use a user with the right to "
                "write there (on Virtuoso, the SPARQL_UPDATE role)")
    return ""


def _unreachable(where: str, error: requests.ConnectionError) -> KgError:
    reason = error
    while reason.__context__ is not None or reason.__cause__ is not None:
        reason = reason.__cause__ or reason.__context__
    why = getattr(reason, "strerror", None) or str(reason).rsplit(": ", 1)[-1]
    return KgError(f"cannot reach {where}: {why}; check the URL and that the server is running")


def _detail(answer: requests.Response) -> str:
    """The first line of an error response, which servers use for the reason (none for HTML pages)."""
    text = answer.content[:300].decode("utf-8", "replace").strip()
    first = text.splitlines()[0].strip() if text else ""
    return f": {first}" if first and not first.startswith("<") else ""


def post_query(endpoint: str, query: str, accept: str, timeout: float, credentials: Credentials | None) -> Response:
    """POST a query form-encoded (query=...), which every SPARQL 1.1 server answers."""
    tried = f"a query POSTed form-encoded (Content-Type {FORM}, Accept {accept.split(',')[0]})"
    answer = http("POST", endpoint, body=urllib.parse.urlencode({"query": query}).encode("ascii"), timeout=timeout,
                  credentials=credentials, headers={"Content-Type": FORM, "Accept": accept}, tried=tried)
    assert answer is not None
    return answer


def remote_query(endpoint: str, query: str, timeout: float = 30.0, credentials: Credentials | None = None
                 ) -> ox.QuerySolutions | ox.QueryBoolean | list[ox.Triple]:
    """Run any query at an endpoint; the answer in pyoxigraph's types, as a local pyoxigraph query gives it.

    SELECT gives QuerySolutions, ASK QueryBoolean, CONSTRUCT and DESCRIBE a list of triples. Graph results
    are asked for as N-Triples only (Virtuoso answers a CONSTRUCT with a table when a table is acceptable),
    and Virtuoso's answer to ASK, a one-row table of `__ASK_RETVAL`, is read as the boolean it stands for.
    """
    graph_result = query_form(query) in ("CONSTRUCT", "DESCRIBE")
    answer = post_query(endpoint, query, N_TRIPLES if graph_result else SPARQL_RESULTS, timeout, credentials)
    try:
        if answer.content_type in N_TRIPLES_TYPES:
            return [quad.triple for quad in ox.parse(answer.body, format=ox.RdfFormat.N_TRIPLES)]
        result = ox.parse_query_results(plain_blank_nodes(answer.body), format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError):
        raise KgError(f"{endpoint} answered with {answer.content_type} that is not valid SPARQL results") from None
    if isinstance(result, ox.QuerySolutions) and [v.value for v in result.variables] == [VIRTUOSO_ASK]:
        truth = any(row[VIRTUOSO_ASK] is not None and row[VIRTUOSO_ASK].value not in ("0", "false") for row in result)
        return ox.parse_query_results(b'{"head": {}, "boolean": %s}' % (b"true" if truth else b"false"),
                                      format=ox.QueryResultsFormat.JSON)
    return result


def plain_blank_nodes(body: bytes) -> bytes:
    """SPARQL JSON results whose blank nodes are labelled b0, b1, ... in order of appearance.

    Virtuoso labels blank nodes "nodeID://b10055", which is not a blank node label pyoxigraph accepts.
    """
    if b'"bnode"' not in body:
        return body
    document = json.loads(body)
    labels: dict[str, str] = {}
    for row in document.get("results", {}).get("bindings", []):
        for value in row.values():
            if value.get("type") == "bnode":
                value["value"] = labels.setdefault(value["value"], f"b{len(labels)}")
    return json.dumps(document).encode("utf-8")


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
