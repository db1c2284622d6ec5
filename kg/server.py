"""`kg serve`: the dataset in a local Oxigraph SPARQL server; `kg push`: the dataset into any Graph Store.

The server answers SPARQL over the union of all named graphs, so queries
written for `kg query` need no GRAPH clause there either.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from types import TracebackType

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS

from kg.children import spawn
from kg.errors import CannotRun, KgError
from kg.export import Contents, selected_graphs
from kg.ntriples import ntriples
from kg.namespaces import GRAPH
from kg.remote import Credentials, check_endpoint, http

LOOPBACK = "127.0.0.1"
PUSH_RECORD = GRAPH["pushed"]
PUSH_RECORD_NOTE = ("The named graphs kg push put in this store, with the SHA-256 of each one's sorted N-Triples; the "
                    "next push sends only those whose digest changed and deletes those no longer in the dataset.")
PUSH_DIGEST = URIRef(f"{PUSH_RECORD}#sha256")
STARTUP_SECONDS = 30.0


def oxigraph_binary() -> Path:
    """The `oxigraph` program: on PATH, or beside the running Python (a virtual environment's bin folder)."""
    found = shutil.which("oxigraph")
    beside = Path(sys.executable).parent / "oxigraph"
    if found:
        return Path(found)
    if beside.is_file():
        return beside
    raise CannotRun("the oxigraph program was not found; install it with: pip install oxigraph")


def authority(host: str, port: int) -> str:
    """host:port, with brackets around an IPv6 address."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def check_port_free(host: str, port: int) -> None:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise KgError(f"cannot listen on {authority(host, port)}: {error.strerror}; "
                          "choose another port with --port") from None


class OxigraphServer:
    """A read-only Oxigraph server over a copy of one TriG file, in a temporary store removed on stop."""

    def __init__(self, trig: Path, host: str = LOOPBACK, port: int = 7878) -> None:
        self.trig, self.host, self.port = trig, host, port
        self.binary = oxigraph_binary()
        self.process: subprocess.Popen[bytes] | None = None
        self.folder: tempfile.TemporaryDirectory[str] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{authority(self.host, self.port)}"

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"

    def __enter__(self) -> OxigraphServer:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.stop()

    def start(self) -> None:
        check_port_free(self.host, self.port)
        self.folder = tempfile.TemporaryDirectory(prefix="kg-oxigraph-")
        store, log = Path(self.folder.name) / "store", Path(self.folder.name) / "server.log"
        try:
            self._run("load", "--location", str(store), "--file", str(self.trig))
            with log.open("wb") as output:
                self.process = spawn(
                    [str(self.binary), "serve-read-only", "--location", str(store),
                     "--bind", authority(self.host, self.port), "--union-default-graph"],
                    stdin=subprocess.DEVNULL, stdout=output, stderr=subprocess.STDOUT)
            self._wait_until_listening(log)
        except BaseException:
            self.stop()
            raise

    def wait(self) -> None:
        """Block until the server process ends; it ending by itself is an error."""
        assert self.process is not None and self.folder is not None
        code = self.process.wait()
        raise KgError(f"the oxigraph server stopped by itself (exit code {code}): "
                      f"{last_line(Path(self.folder.name) / 'server.log')}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None
        if self.folder is not None:
            self.folder.cleanup()
            self.folder = None

    def _run(self, *arguments: str) -> None:
        done = subprocess.run([str(self.binary), *arguments], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            message = (done.stderr.strip().splitlines() or ["no message"])[-1]
            raise KgError(f"oxigraph {arguments[0]} failed: {message}")

    def _wait_until_listening(self, log: Path) -> None:
        assert self.process is not None
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise KgError(f"oxigraph could not serve on {authority(self.host, self.port)}: {last_line(log)}")
            with contextlib.suppress(OSError), socket.create_connection((self.host, self.port), timeout=0.5):
                return
            time.sleep(0.05)
        raise KgError(f"oxigraph did not start listening on {authority(self.host, self.port)} "
                      f"within {STARTUP_SECONDS:g} s")


def last_line(path: Path) -> str:
    lines = path.read_text("utf-8", "replace").strip().splitlines() if path.exists() else []
    return lines[-1] if lines else "no message"


@contextlib.contextmanager
def interrupt_on_sigterm() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C, so that whoever stops us also stops the server."""
    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def serve(trig: Path, host: str, port: int, announce: Callable[[str], None]) -> None:
    """Serve `trig` until Ctrl-C or SIGTERM, calling `announce` with the query URL once it answers."""
    with interrupt_on_sigterm(), OxigraphServer(trig, host, port) as server:
        announce(server.query_url)
        with contextlib.suppress(KeyboardInterrupt):
            server.wait()


@dataclass(frozen=True)
class PushResult:
    endpoint: str
    graphs: int
    statements: int
    removed: int = 0
    total: int = -1

    def summary(self) -> str:
        total = self.graphs if self.total < 0 else self.total
        removed = f"; removed {self.removed} graph(s) an earlier push put there" if self.removed else ""
        if not self.graphs and not self.removed:
            return f"Nothing to push: the {total} named graphs at {self.endpoint} are as the last push left them"
        if not self.graphs:
            return (f"Removed {self.removed} graph(s) an earlier push put in {self.endpoint}; the {total} named "
                    "graphs there are unchanged since the last push")
        counted = f"{self.graphs}" if self.graphs == total else f"{self.graphs} of {total}"
        unchanged = f"; {total - self.graphs} unchanged since the last push" if self.graphs != total else ""
        return (f"Pushed {counted} named graphs ({self.statements} statements) to {self.endpoint}"
                f"{unchanged}{removed}")


def graph_url(endpoint: str, graph: URIRef) -> str:
    """The Graph Store Protocol URL of one named graph: ?graph=<IRI>."""
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{separator}{urllib.parse.urlencode({'graph': str(graph)})}"


def push(dataset: Dataset, endpoint: str, credentials: Credentials | None = None,
         timeout: float = 60.0, everything: bool = False) -> PushResult:
    """PUT each named graph of `dataset` that changed since the last push to a SPARQL 1.1 Graph Store.

    The store keeps a record of what was pushed in the graph `graph:pushed`: the graphs and the digest of
    each one's sorted N-Triples. A graph whose digest is the recorded one is not sent again (all are with
    `everything`); graphs an earlier push put there that the dataset no longer has are deleted, so pushing
    twice changes nothing. The record is written before any graph is put, listing what is there and what is
    about to be, with no digest for the graphs about to change, so a push that is interrupted at any point
    is finished or undone by the next one.
    """
    check_endpoint(endpoint)
    bodies = {name: (ntriples(graph), len(graph)) for name, graph in selected_graphs(dataset, Contents())}
    digests = {name: body_digest(body) for name, (body, _) in bodies.items()}
    request = {"credentials": credentials, "timeout": timeout, "name": endpoint}
    before = pushed_before(endpoint, request)
    changed = sorted(name for name in digests if everything or before.get(name) != digests[name])
    stale = sorted(set(before) - set(digests))
    if not changed and not stale:
        return PushResult(endpoint, 0, 0, 0, len(digests))
    unchanged = {name: digest for name, digest in digests.items() if name not in changed}
    put = partial(put_body, endpoint, request)
    put(PUSH_RECORD, ntriples(push_record(set(before) | set(digests), unchanged)))
    for name in changed:
        put(name, bodies[name][0])
    for name in stale:
        http("DELETE", graph_url(endpoint, name), missing_ok=True, **request)
    put(PUSH_RECORD, ntriples(push_record(set(digests), digests)))
    return PushResult(endpoint, len(changed), sum(bodies[name][1] for name in changed), len(stale), len(digests))


def body_digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def put_body(endpoint: str, request: dict, name: URIRef, body: str) -> None:
    http("PUT", graph_url(endpoint, name), body=body.encode("utf-8"),
         headers={"Content-Type": "application/n-triples"}, **request)


def push_record(names: set[URIRef], digests: dict[URIRef, str]) -> Graph:
    """The graph that tells the next push which graphs this one put in the store, and the digest of those
    it knows to be there as `digests` says."""
    record = Graph()
    record.add((PUSH_RECORD, RDFS.comment, Literal(PUSH_RECORD_NOTE, lang="en")))
    for name in names:
        record.add((PUSH_RECORD, DCTERMS.hasPart, name))
    for name, digest in digests.items():
        record.add((name, PUSH_DIGEST, Literal(digest)))
    return record


def pushed_before(endpoint: str, request: dict) -> dict[URIRef, str | None]:
    """The graphs the last push recorded in the store, each with its recorded digest (None where it has none)."""
    answer = http("GET", graph_url(endpoint, PUSH_RECORD), headers={"Accept": "application/n-triples"},
                  missing_ok=True, **request)
    if answer is None or not answer.body.strip():
        return {}
    try:
        record = Graph().parse(data=answer.body.decode("utf-8"), format="nt")
    except Exception:
        raise KgError(f"{endpoint} holds a {PUSH_RECORD} graph that is not N-Triples; delete it and push "
                      "again") from None
    return {name: str(record.value(name, PUSH_DIGEST)) if record.value(name, PUSH_DIGEST) is not None else None
            for name in record.objects(PUSH_RECORD, DCTERMS.hasPart) if isinstance(name, URIRef)}
