"""`kg push` and `kg query --endpoint` against a real Virtuoso 7.2 (Debian's virtuoso-opensource).

The module starts its own Virtuoso on 127.0.0.1, on free ports, with a database in a temporary folder and a
dba password of its own, and stops it at the end. Virtuoso's Graph Store endpoint asks for Digest
authentication; its query endpoint ignores a VALUES block after the WHERE group and never answers a body of
type application/sparql-query, so these tests fail if kg relies on either.
"""

from __future__ import annotations

import csv
import secrets
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
import pytest
import requests
from click.testing import CliRunner
from rdflib import BNode

from kg.build import BuildResult
from kg.cli import main
from kg.remote import remote_query, remote_select
from tests.sparql import PROLOGUE
from tests.test_server import EXPECTED_MAYORS, MAYORS, PUSHED_GRAPHS, RECORD_STATEMENTS, free_port, stop

ROOT = Path(__file__).resolve().parent.parent
VIRTUOSO = "/usr/bin/virtuoso-t"
INI = """\
[Database]
DatabaseFile = {db}/virtuoso.db
ErrorLogFile = {db}/virtuoso.log
LockFile = {db}/virtuoso.lck
TransactionFile = {db}/virtuoso.trx
xa_persistent_file = {db}/virtuoso.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {db}/virtuoso-temp.db
TransactionFile = {db}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = .
[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {db}
ServerThreads = 4
[SPARQL]
ResultSetMaxRows = 100000
MaxQueryExecutionTime = 60
"""
OUR_QUADS = ("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } "
             "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/apeksi-kg/graph/')) }")
OUR_GRAPHS = ("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
              "FILTER(STRSTARTS(STR(?g), 'https://w3id.org/apeksi-kg/graph/')) } ORDER BY ?g")
NO_CREDENTIALS = {"KG_ENDPOINT_USER": None, "KG_ENDPOINT_PASSWORD": None}


@dataclass(frozen=True)
class Virtuoso:
    base: str
    password: str

    @property
    def graph_store(self) -> str:
        return f"{self.base}/sparql-graph-crud-auth"

    @property
    def sparql(self) -> str:
        return f"{self.base}/sparql"

    @property
    def dba(self) -> dict[str, str]:
        return {"KG_ENDPOINT_USER": "dba", "KG_ENDPOINT_PASSWORD": self.password}


def wait_until_answering(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, f"virtuoso-t exited: {log.read_text(errors='replace')[-500:]}"
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise AssertionError(f"Virtuoso did not answer at {url}")


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    """A Virtuoso of our own: a fresh database whose dba password is set (the first run sets it and exits)."""
    assert shutil.which(VIRTUOSO), "virtuoso-t is missing: apt-get install virtuoso-opensource (.ci/run does)"
    db = tmp_path_factory.mktemp("virtuoso")
    sql_port, http_port = free_port(), free_port()
    ini = db / "virtuoso.ini"
    ini.write_text(INI.format(db=db, sql_port=sql_port, http_port=http_port))
    password = f"kg-{secrets.token_hex(8)}"
    command = [VIRTUOSO, "+foreground", "+configfile", str(ini)]
    subprocess.run([*command, "+pwdold", "dba", "+pwddba", password, "+pwddav", password], cwd=db,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=120)
    process = subprocess.Popen(command, cwd=db, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        base = f"http://127.0.0.1:{http_port}"
        wait_until_answering(f"{base}/sparql?query=ASK%7B%7D", process, db / "virtuoso.log")
        yield Virtuoso(base, password)
    finally:
        stop(process)


def kg(*arguments: str, env: dict[str, str | None]) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(arguments), env=env)
    return result.exit_code, result.output


def quads(virtuoso: Virtuoso) -> list[tuple[str, ...]]:
    """Every quad in our graphs, blank nodes written as _:b (Virtuoso relabels them on each PUT)."""
    _, rows = remote_select(virtuoso.sparql, OUR_QUADS, timeout=60)
    return sorted(tuple("_:b" if isinstance(term, BNode) else term.n3() for term in row) for row in rows)


@pytest.fixture(scope="module")
def pushed(virtuoso: Virtuoso, built: tuple[Path, BuildResult]) -> tuple[str, list[tuple[str, ...]]]:
    """The dataset pushed to Virtuoso once, with Digest authentication: kg's summary and the quads stored."""
    code, output = kg("push", "--endpoint", virtuoso.graph_store, "--build-dir", str(built[0]), env=virtuoso.dba)
    assert code == 0, output
    return output, quads(virtuoso)


def test_push_with_digest_then_push_again_changes_nothing(virtuoso: Virtuoso, built: tuple[Path, BuildResult],
                                                          store: pyoxigraph.Store,
                                                          pushed: tuple[str, list[tuple[str, ...]]]) -> None:
    output, first = pushed
    assert output == f"Pushed 7 named graphs ({len(store)} statements) to {virtuoso.graph_store}\n"
    assert len(first) == len(store) + RECORD_STATEMENTS
    _, graphs = remote_select(virtuoso.sparql, OUR_GRAPHS)
    assert [str(row[0]) for row in graphs] == PUSHED_GRAPHS
    code, again = kg("push", "--endpoint", virtuoso.graph_store, "--build-dir", str(built[0]), env=virtuoso.dba)
    assert (code, again) == (0, f"Nothing to push: the 7 named graphs at {virtuoso.graph_store} are as the last "
                                "push left them\n")
    code, forced = kg("push", "--all", "--endpoint", virtuoso.graph_store, "--build-dir", str(built[0]),
                      env=virtuoso.dba)
    assert (code, forced) == (0, output)
    assert quads(virtuoso) == first


def test_push_without_credentials_says_virtuoso_wants_digest(virtuoso: Virtuoso,
                                                             built: tuple[Path, BuildResult]) -> None:
    code, output = kg("push", "--endpoint", virtuoso.graph_store, "--build-dir", str(built[0]), env=NO_CREDENTIALS)
    assert (code, output) == (1, f"Error: {virtuoso.graph_store} answered HTTP 401 Unauthorized; the server asks "
                                 "for a user and password (Digest authentication): set KG_ENDPOINT_USER and "
                                 "KG_ENDPOINT_PASSWORD\n")


def test_push_with_a_wrong_password_says_it_was_refused(virtuoso: Virtuoso, built: tuple[Path, BuildResult]) -> None:
    env = {"KG_ENDPOINT_USER": "dba", "KG_ENDPOINT_PASSWORD": "dba"}
    code, output = kg("push", "--endpoint", virtuoso.graph_store, "--build-dir", str(built[0]), env=env)
    assert (code, output) == (1, f"Error: {virtuoso.graph_store} answered HTTP 401 Unauthorized; the server "
                                 "refused user 'dba' with that password (Digest authentication): check "
                                 "KG_ENDPOINT_USER and KG_ENDPOINT_PASSWORD\n")


SAVED_RUNS = [(p.stem, ()) for p in sorted((ROOT / "queries").glob("*.rq"))] + [
    ("timeline", ("--param", "entity=maulan-aklil")),
    ("timeline", ("--param", "entity=kota-medan")),
    ("provenance", ("--param", "entity=maulan-aklil")),
    ("provenance", ("--param", "entity=kota-yogyakarta")),
]


@pytest.mark.parametrize(("name", "params"), SAVED_RUNS, ids=[" ".join((n, *p[1:])) for n, p in SAVED_RUNS])
def test_saved_queries_give_the_local_rows_at_virtuoso(virtuoso: Virtuoso, built: tuple[Path, BuildResult],
                                                       pushed: tuple[str, list[tuple[str, ...]]],
                                                       monkeypatch: pytest.MonkeyPatch, name: str,
                                                       params: tuple[str, ...]) -> None:
    monkeypatch.chdir(ROOT)
    local = kg("query", name, "--format", "csv", "--build-dir", str(built[0]), *params, env=NO_CREDENTIALS)
    remote = kg("query", name, "--format", "csv", "--endpoint", virtuoso.sparql, *params, env=NO_CREDENTIALS)
    assert local[0] == remote[0] == 0, remote[1]
    local_lines, remote_lines = local[1].splitlines(), remote[1].splitlines()
    assert remote_lines[0] == local_lines[0]
    assert rows_of(remote_lines[1:]) == rows_of(local_lines[1:])
    assert len(local_lines) > 1 or name == "conflicts"


def rows_of(lines: list[str]) -> list[tuple[str, ...]]:
    """CSV rows, sorted, each " | " list in a cell sorted too: GROUP_CONCAT's order is free."""
    return sorted(tuple(" | ".join(sorted(cell.split(" | "))) for cell in row) for row in csv.reader(lines))


@pytest.mark.parametrize(("name", "params", "rows"), [
    ("provenance", ("--param", "entity=maulan-aklil"), 6),
    ("timeline", (), 4),
])
def test_parameters_filter_at_virtuoso(virtuoso: Virtuoso, pushed: tuple[str, list[tuple[str, ...]]],
                                       monkeypatch: pytest.MonkeyPatch, name: str, params: tuple[str, ...],
                                       rows: int) -> None:
    """The rows the issue counted: a VALUES block after the WHERE group gave 218 and 18 here."""
    monkeypatch.chdir(ROOT)
    code, output = kg("query", name, "--format", "csv", "--endpoint", virtuoso.sparql, *params, env=NO_CREDENTIALS)
    assert code == 0, output
    assert len(output.splitlines()) - 1 == rows


def test_ask_and_construct_at_virtuoso(virtuoso: Virtuoso, pushed: tuple[str, list[tuple[str, ...]]],
                                       store: pyoxigraph.Store) -> None:
    assert bool(remote_query(virtuoso.sparql, PROLOGUE + "ASK { id:rico-waas apk:mayorOf id:kota-medan }")) is True
    assert bool(remote_query(virtuoso.sparql, PROLOGUE + "ASK { id:rico-waas apk:mayorOf id:kota-jambi }")) is False
    construct = PROLOGUE + "CONSTRUCT { ?city apk:hasMayor ?person } WHERE { ?person apk:mayorOf ?city }"
    triples = remote_query(virtuoso.sparql, construct)
    assert sorted(map(str, triples)) == sorted(map(str, store.query(construct, use_default_graph_as_union=True)))
    _, rows = remote_select(virtuoso.sparql, PROLOGUE + MAYORS)
    assert sorted((str(p), str(c)) for p, c in rows) == EXPECTED_MAYORS
