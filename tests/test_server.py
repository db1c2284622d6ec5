"""`kg serve`, `kg push` and remote queries, against real Oxigraph servers on 127.0.0.1 that the tests stop."""

from __future__ import annotations

import base64
import contextlib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import ClassVar

import pyoxigraph
import pytest
from click.testing import CliRunner
from local_http import serving
from rdflib import Literal, URIRef
from rdflib.term import Node

from kg.build import BuildResult
from kg.built_dataset import read_dataset
from kg.cli import main
from kg.errors import KgError
from kg.namespaces import GRAPH, INFERRED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH
from kg.push import PUSH_RECORD
from kg.push import push as push_dataset
from kg.remote import http, remote_query, remote_select
from kg.serve import oxigraph_binary
from tests.sparql import PROLOGUE

ROOT = Path(__file__).resolve().parent.parent
ALL_GRAPHS = sorted(str(name) for name in [
    ONTOLOGY_GRAPH, REFERENCE_GRAPH, INFERRED_GRAPH, GRAPH["article/antara-babel-2019-apeksi-sharing-session"],
    GRAPH["article/komwil-i-apeksi-sosialisasi-medan-2025"], GRAPH["registry"], GRAPH["resolved"]])
PUSHED_GRAPHS = sorted([*ALL_GRAPHS, str(PUSH_RECORD)])
RECORD_STATEMENTS = 15  # a comment, 7 graphs and the digest of each
MAYORS = "SELECT ?person ?city WHERE { ?p apk:holder ?person ; apk:role apv:mayor ; apk:positionIn ?city }"
QUERIES = {
    "mayors": MAYORS,
    "komwil of medan": "SELECT ?komwil WHERE { id:kota-medan apk:memberOf ?komwil . ?komwil a apk:Commission }",
    "events": "SELECT ?event ?date WHERE { ?event a apk:Event . OPTIONAL { ?event apk:date ?date } }",
    "cities": "SELECT (COUNT(DISTINCT ?city) AS ?n) WHERE { ?city a apk:City }",
    "labels of medan": "SELECT ?label WHERE { id:kota-medan rdfs:label|skos:altLabel ?label }",
}
EXPECTED_MAYORS = [
    ("https://w3id.org/apeksi-kg/id/airin-rachmi-diany", "https://w3id.org/apeksi-kg/id/kota-tangerang-selatan"),
    ("https://w3id.org/apeksi-kg/id/maulan-aklil", "https://w3id.org/apeksi-kg/id/kota-pangkal-pinang"),
    ("https://w3id.org/apeksi-kg/id/rico-waas", "https://w3id.org/apeksi-kg/id/kota-medan"),
]
QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?g"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server exited"
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise AssertionError(f"nothing listens on port {port}")


def is_listening(port: int) -> bool:
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
        return True
    return False


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture
def oxigraph() -> Iterator[str]:
    """An empty in-memory Oxigraph server on 127.0.0.1, read-write; its base URL."""
    port = free_port()
    process = subprocess.Popen([str(oxigraph_binary()), "serve", "--bind", f"127.0.0.1:{port}",
                                "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        stop(process)


def nt(term: Node | None) -> str | None:
    return None if term is None else term.n3()


def remote_rows(endpoint: str, query: str) -> list[tuple[str | None, ...]]:
    _, rows = remote_select(endpoint, PROLOGUE + query, timeout=30)
    return sorted(tuple(nt(term) for term in row) for row in rows)


def local_rows(store: pyoxigraph.Store, query: str) -> list[tuple[str | None, ...]]:
    """The same answers from pyoxigraph, with terms written like rdflib's n3()."""
    result = store.query(PROLOGUE + query, use_default_graph_as_union=True)
    return sorted(tuple(None if s[v] is None else str(s[v]) for v in result.variables) for s in result)


def push(endpoint: str, built: tuple[Path, BuildResult], *options: str) -> str:
    result = CliRunner().invoke(main, ["push", "--endpoint", endpoint, "--build-dir", str(built[0]), *options],
                                env={"KG_ENDPOINT_USER": None, "KG_ENDPOINT_PASSWORD": None})
    assert result.exit_code == 0, result.output
    return result.output


def test_push_query_and_push_again(oxigraph: str, built: tuple[Path, BuildResult],
                                   store: pyoxigraph.Store) -> None:
    query, graph_store = f"{oxigraph}/query", f"{oxigraph}/store"
    total = len(store)
    assert push(graph_store, built) == f"Pushed 7 named graphs ({total} statements) to {graph_store}\n"
    assert remote_rows(query, QUADS) == [(Literal(total + RECORD_STATEMENTS).n3(),)]
    assert [row[0] for row in remote_rows(query, GRAPHS)] == [f"<{name}>" for name in PUSHED_GRAPHS]
    assert remote_rows(query, MAYORS) == [(f"<{p}>", f"<{c}>") for p, c in EXPECTED_MAYORS]
    first = {name: remote_rows(query, text) for name, text in QUERIES.items()}
    assert first == {name: local_rows(store, text) for name, text in QUERIES.items()}
    assert first["cities"] == [('"98"^^<http://www.w3.org/2001/XMLSchema#integer>',)]

    assert push(graph_store, built) == (f"Nothing to push: the 7 named graphs at {graph_store} are as the last push "
                                        "left them\n")
    assert remote_rows(query, QUADS) == [(Literal(total + RECORD_STATEMENTS).n3(),)]
    assert {name: remote_rows(query, text) for name, text in QUERIES.items()} == first
    assert push(graph_store, built, "--all") == f"Pushed 7 named graphs ({total} statements) to {graph_store}\n"
    assert remote_rows(query, QUADS) == [(Literal(total + RECORD_STATEMENTS).n3(),)]


def test_push_removes_graphs_an_earlier_push_put_there(oxigraph: str, built: tuple[Path, BuildResult]) -> None:
    graph_store, query = f"{oxigraph}/store", f"{oxigraph}/query"
    push(graph_store, built)
    dataset = read_dataset(built[0] / "kg.trig")
    gone = GRAPH["article/komwil-i-apeksi-sosialisasi-medan-2025"]
    dataset.remove_graph(dataset.graph(gone))
    result = push_dataset(dataset, graph_store)
    assert result.summary() == (f"Removed 1 graph(s) an earlier push put in {graph_store}; the 6 named graphs there "
                                "are unchanged since the last push")
    assert [row[0] for row in remote_rows(query, GRAPHS)] == [f"<{g}>" for g in PUSHED_GRAPHS if g != str(gone)]
    record = f"SELECT ?g WHERE {{ GRAPH <{PUSH_RECORD}> {{ <{PUSH_RECORD}> dcterms:hasPart ?g }} }}"
    assert len(remote_rows(query, record)) == 6


def test_push_all_replaces_what_an_unchanged_graph_held(oxigraph: str, built: tuple[Path, BuildResult]) -> None:
    push(f"{oxigraph}/store", built)
    stray = "INSERT DATA { GRAPH graph:reference { id:kota-medan rdfs:label 'stray' } }"
    http("POST", f"{oxigraph}/update", body=(PROLOGUE + stray).encode(),
         headers={"Content-Type": "application/sparql-update"})
    medan = "SELECT ?label WHERE { id:kota-medan rdfs:label ?label }"
    assert remote_rows(f"{oxigraph}/query", medan) == [('"Kota Medan"',), ('"stray"',)]
    push(f"{oxigraph}/store", built)
    assert remote_rows(f"{oxigraph}/query", medan) == [('"Kota Medan"',), ('"stray"',)]
    push(f"{oxigraph}/store", built, "--all")
    assert remote_rows(f"{oxigraph}/query", medan) == [('"Kota Medan"',)]


def test_remote_select_gives_variables_and_rdflib_terms(oxigraph: str) -> None:
    variables, rows = remote_select(f"{oxigraph}/query", "SELECT ?a ?b ?c WHERE { BIND(<http://x/y> AS ?a) "
                                                         "BIND('kota'@id AS ?c) }", timeout=10)
    assert variables == ["a", "b", "c"]
    assert rows == [(URIRef("http://x/y"), None, Literal("kota", lang="id"))]


def test_remote_query_answers_in_the_types_of_a_local_query(oxigraph: str, built: tuple[Path, BuildResult],
                                                           store: pyoxigraph.Store) -> None:
    push(f"{oxigraph}/store", built)
    query = f"{oxigraph}/query"
    solutions = remote_query(query, PROLOGUE + MAYORS)
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    assert [v.value for v in solutions.variables] == ["person", "city"]
    assert sorted((s["person"].value, s["city"].value) for s in solutions) == EXPECTED_MAYORS
    asked = remote_query(query, PROLOGUE + "ASK { id:rico-waas apk:mayorOf id:kota-medan }")
    assert isinstance(asked, pyoxigraph.QueryBoolean) and bool(asked) is True
    construct = PROLOGUE + "CONSTRUCT { ?city apk:hasMayor ?person } WHERE { ?person apk:mayorOf ?city }"
    triples = remote_query(query, construct)
    local = store.query(construct, use_default_graph_as_union=True)
    assert sorted(map(str, triples)) == sorted(map(str, local))
    assert len(triples) == 3


def test_remote_errors_are_one_line(oxigraph: str) -> None:
    with pytest.raises(KgError) as error:
        remote_select(f"{oxigraph}/query", "SELEC nothing", timeout=10)
    assert str(error.value).startswith(f"{oxigraph}/query answered HTTP 400 Bad Request: ")
    assert "\n" not in str(error.value)
    with pytest.raises(KgError) as error:
        remote_select(f"{oxigraph}/query", "ASK {}", timeout=10)
    assert str(error.value) == f"{oxigraph}/query did not answer with SPARQL JSON results for a SELECT query"


def test_push_to_a_server_that_is_down(built: tuple[Path, BuildResult]) -> None:
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    result = CliRunner().invoke(main, ["push", "--endpoint", endpoint, "--build-dir", str(built[0])])
    assert result.exit_code == 1
    assert result.output == (f"Error: cannot reach {endpoint}: Connection refused; "
                             "check the URL and that the server is running\n")


def test_push_to_a_url_that_answers_an_error(oxigraph: str, built: tuple[Path, BuildResult]) -> None:
    endpoint = f"{oxigraph}/nothing"
    result = CliRunner().invoke(main, ["push", "--endpoint", endpoint, "--build-dir", str(built[0])])
    assert result.exit_code == 1
    assert result.output == (f"Error: {endpoint} answered HTTP 404 Not Found: "
                             "PUT /nothing is not supported by this server\n")


def test_credentials_in_the_url_are_refused(built: tuple[Path, BuildResult]) -> None:
    result = CliRunner().invoke(main, ["push", "--endpoint", "http://me:secret@127.0.0.1:1/store",
                                       "--build-dir", str(built[0])])
    assert result.exit_code == 1
    assert result.output == ("Error: do not put credentials in the endpoint URL; "
                             "set KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD\n")


class GuardedStore(BaseHTTPRequestHandler):
    """A Graph Store stand-in that answers only with the Basic credentials me / s3cret; it holds no graph."""

    seen: ClassVar[list[str | None]] = []
    challenge: ClassVar[str] = 'Basic realm="kg-test"'

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers["Content-Length"]))
        self.answer(204)

    def do_GET(self) -> None:
        self.answer(404)

    def answer(self, status: int) -> None:
        authorization = self.headers.get("Authorization")
        type(self).seen.append(authorization)
        expected = "Basic " + base64.b64encode(b"me:s3cret").decode()
        self.send_response(status if authorization == expected else 401)
        if authorization != expected:
            self.send_header("WWW-Authenticate", self.challenge)
        self.end_headers()

    def log_message(self, *arguments: object) -> None:
        pass


@pytest.fixture
def guarded() -> Iterator[str]:
    GuardedStore.seen, GuardedStore.challenge = [], 'Basic realm="kg-test"'
    with serving(GuardedStore, "/store") as address:
        yield address


def test_credentials_come_from_the_environment(guarded: str, built: tuple[Path, BuildResult]) -> None:
    result = CliRunner().invoke(main, ["push", "--endpoint", guarded, "--build-dir", str(built[0])],
                                env={"KG_ENDPOINT_USER": "me", "KG_ENDPOINT_PASSWORD": "s3cret"})
    assert result.exit_code == 0, result.output
    # challenged once, then the record before and after the 7 graphs, and a GET
    assert GuardedStore.seen == [None] + ["Basic bWU6czNjcmV0"] * 10


def test_a_missing_password_is_asked_without_echo(guarded: str, built: tuple[Path, BuildResult]) -> None:
    result = CliRunner().invoke(main, ["push", "--endpoint", guarded, "--build-dir", str(built[0])],
                                env={"KG_ENDPOINT_USER": "me", "KG_ENDPOINT_PASSWORD": None}, input="s3cret\n")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Password for me: \nPushed 7 named graphs")
    assert "s3cret" not in result.output


def test_ask_credentials_prompts_for_both(guarded: str, built: tuple[Path, BuildResult]) -> None:
    result = CliRunner().invoke(main, ["push", "--endpoint", guarded, "--ask-credentials",
                                       "--build-dir", str(built[0])],
                                env={"KG_ENDPOINT_USER": None, "KG_ENDPOINT_PASSWORD": None}, input="me\ns3cret\n")
    assert result.exit_code == 0, result.output
    # challenged once, then the record before and after the 7 graphs, and a GET
    assert GuardedStore.seen == [None] + ["Basic bWU6czNjcmV0"] * 10


def test_without_credentials_the_guarded_store_refuses(guarded: str, built: tuple[Path, BuildResult]) -> None:
    result = CliRunner().invoke(main, ["push", "--endpoint", guarded, "--build-dir", str(built[0])],
                                env={"KG_ENDPOINT_USER": None, "KG_ENDPOINT_PASSWORD": None})
    assert result.exit_code == 1
    assert result.output == (f"Error: {guarded} answered HTTP 401 Unauthorized; the server asks for a user and "
                             "password (Basic authentication): set KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD\n")
    assert GuardedStore.seen == [None]


def test_a_refused_password_is_named_as_such(guarded: str, built: tuple[Path, BuildResult]) -> None:
    result = CliRunner().invoke(main, ["push", "--endpoint", guarded, "--build-dir", str(built[0])],
                                env={"KG_ENDPOINT_USER": "me", "KG_ENDPOINT_PASSWORD": "wrong"})
    assert result.exit_code == 1
    assert result.output == (f"Error: {guarded} answered HTTP 401 Unauthorized; the server refused user 'me' "
                             "with that password (Basic authentication): check KG_ENDPOINT_USER and "
                             "KG_ENDPOINT_PASSWORD\n")
    assert GuardedStore.seen == [None, "Basic bWU6d3Jvbmc="]


def test_a_scheme_kg_does_not_speak_is_named(guarded: str, built: tuple[Path, BuildResult]) -> None:
    GuardedStore.challenge = 'Bearer realm="kg-test"'
    result = CliRunner().invoke(main, ["push", "--endpoint", guarded, "--build-dir", str(built[0])],
                                env={"KG_ENDPOINT_USER": "me", "KG_ENDPOINT_PASSWORD": "s3cret"})
    assert result.exit_code == 1
    assert result.output == (f"Error: {guarded} answered HTTP 401 Unauthorized; the server asks for Bearer "
                             "authentication, and kg speaks only Basic and Digest\n")
    assert GuardedStore.seen == [None]


def test_kg_serve_answers_like_the_local_store(built: tuple[Path, BuildResult], store: pyoxigraph.Store) -> None:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--port", str(port),
                                "--build-dir", str(built[0])],
                               cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        first = [process.stdout.readline() for _ in range(4)]
        url = f"http://127.0.0.1:{port}/query"
        assert first == [f"SPARQL endpoint: {url} (for programs; all named graphs form the default graph)\n",
                         f"Query page:      http://127.0.0.1:{port}/ (open it in a browser)\n",
                         f"Saved queries:   {(built[0] / 'queries.html').as_uri()} (each link opens one in the "
                         "query page)\n",
                         "Ctrl-C stops the server\n"]
        assert remote_rows(url, MAYORS) == [(f"<{p}>", f"<{c}>") for p, c in EXPECTED_MAYORS]
        assert {name: remote_rows(url, q) for name, q in QUERIES.items()} == {
            name: local_rows(store, q) for name, q in QUERIES.items()}
        assert [row[0] for row in remote_rows(url, GRAPHS)] == [f"<{name}>" for name in ALL_GRAPHS]
    finally:
        stop(process)
    assert process.returncode == 0
    assert process.stdout.read() == "Server stopped\n"
    assert not is_listening(port)


def test_kg_serve_on_a_busy_port(built: tuple[Path, BuildResult]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--port", str(port), "--build-dir", str(built[0])])
    assert result.exit_code == 1
    assert result.output == (f"Error: cannot listen on 127.0.0.1:{port}: Address already in use; "
                             "choose another port with --port\n")


SAVED_RUNS = [(p.stem, ()) for p in sorted((ROOT / "queries").glob("*.rq"))] + [
    ("timeline", ("--param", "entity=maulan-aklil")),
    ("provenance", ("--param", "entity=kota-yogyakarta")),
]


def test_every_saved_query_answers_the_same_at_the_endpoint(oxigraph: str, built: tuple[Path, BuildResult],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    push(f"{oxigraph}/store", built)
    runner = CliRunner()
    for name, params in SAVED_RUNS:
        local = runner.invoke(main, ["query", name, "--format", "csv", "--build-dir", str(built[0]), *params])
        remote = runner.invoke(main, ["query", name, "--format", "csv", "--endpoint", f"{oxigraph}/query", *params],
                               env={"KG_ENDPOINT_USER": None, "KG_ENDPOINT_PASSWORD": None})
        assert (local.exit_code, remote.exit_code) == (0, 0), remote.output
        local_lines, remote_lines = local.output.splitlines(), remote.output.splitlines()
        assert remote_lines[0] == local_lines[0], name
        assert sorted(remote_lines[1:]) == sorted(local_lines[1:]), name
        assert len(local_lines) > 1 or name == "conflicts", name


def test_query_at_an_endpoint_that_is_down() -> None:
    port = free_port()
    result = CliRunner().invoke(main, ["query", "events", "--endpoint", f"http://127.0.0.1:{port}/query"],
                                env={"KG_ENDPOINT_USER": None, "KG_ENDPOINT_PASSWORD": None})
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot reach http://127.0.0.1:{port}/query")
    assert result.output.count("\n") == 1


def test_an_endpoint_that_never_answers_gets_a_message_saying_what_was_tried() -> None:
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        endpoint = f"http://127.0.0.1:{silent.getsockname()[1]}/sparql"
        result = CliRunner().invoke(main, ["query", "events", "--endpoint", endpoint, "--timeout", "1"],
                                    env={"KG_ENDPOINT_USER": None, "KG_ENDPOINT_PASSWORD": None})
    assert result.exit_code == 1
    assert result.output == (f"Error: {endpoint} did not answer a query POSTed form-encoded (Content-Type "
                             "application/x-www-form-urlencoded, Accept application/sparql-results+json) within "
                             "1 s; check that the URL is the right endpoint, or allow more time with --timeout\n")


class Moved(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        self.send_response(301)
        self.send_header("Location", "https://elsewhere.example/sparql")
        self.end_headers()

    def log_message(self, *arguments: object) -> None:
        pass


def test_a_redirect_is_named_not_followed() -> None:
    with serving(Moved, "/sparql") as endpoint:
        result = CliRunner().invoke(main, ["query", "events", "--endpoint", endpoint],
                                    env={"KG_ENDPOINT_USER": None, "KG_ENDPOINT_PASSWORD": None})
    assert result.exit_code == 1
    assert result.output == (f"Error: {endpoint} answered HTTP 301 Moved Permanently, pointing to "
                             "https://elsewhere.example/sparql; give that URL instead (kg does not resend a "
                             "request elsewhere)\n")
