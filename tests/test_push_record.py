"""`kg push` records what it is about to put before it puts it, so an interrupted push never leaves orphans,
and sends only the graphs whose digest changed since the last push.

A Graph Store stand-in holds graphs in memory and can be made to fail after a
given number of requests, as a dropped connection or a server restart would.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox
import pytest
from local_http import serving
from rdflib import Dataset, Literal
from rdflib.namespace import RDFS

from kg.errors import KgError
from kg.namespaces import GRAPH, ID
from kg.push import PUSH_DIGEST, PUSH_RECORD, push


class MemoryStore(BaseHTTPRequestHandler):
    """GET, PUT and DELETE of ?graph=IRI, in N-Triples; after `budget` requests every request fails with 503."""

    graphs: ClassVar[dict[str, bytes]] = {}
    budget: ClassVar[int] = 10**6
    log: ClassVar[list[tuple[str, str]]] = []

    def graph(self) -> str:
        return parse_qs(urlsplit(self.path).query)["graph"][0]

    def spend(self) -> bool:
        self.log.append((self.command, self.graph().removeprefix(str(GRAPH))))
        type(self).budget -= 1
        if self.budget < 0:
            self.send_response(503)
            self.end_headers()
            return False
        return True

    def do_GET(self) -> None:
        if not self.spend():
            return
        body = self.graphs.get(self.graph())
        self.send_response(200 if body is not None else 404)
        self.send_header("Content-Type", "application/n-triples")
        self.end_headers()
        self.wfile.write(body or b"")

    def do_PUT(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.spend():
            list(ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
            self.graphs[self.graph()] = body
            self.send_response(204)
            self.end_headers()

    def do_DELETE(self) -> None:
        if self.spend():
            self.graphs.pop(self.graph(), None)
            self.send_response(204)
            self.end_headers()

    def log_message(self, *arguments: object) -> None:
        pass


@pytest.fixture
def store() -> Iterator[str]:
    MemoryStore.graphs, MemoryStore.budget, MemoryStore.log = {}, 10**6, []
    with serving(MemoryStore, "/store") as address:
        yield address


def dataset(*names: str, edited: str = "") -> Dataset:
    data = Dataset()
    for name in names:
        label = f"Artikel {name}\u2028{'diralat' if name in edited else 'baru'}"
        data.graph(GRAPH[f"article/{name}"]).add((ID[name], RDFS.label, Literal(label)))
    return data


def held() -> list[str]:
    return sorted(name.removeprefix(str(GRAPH)) for name in MemoryStore.graphs)


def test_a_push_interrupted_at_any_request_is_finished_by_the_next(store: str) -> None:
    requests = 0
    while True:
        MemoryStore.graphs, MemoryStore.budget = {}, 10**6
        push(dataset("a", "b", "c"), store)
        MemoryStore.budget = requests
        try:
            push(dataset("a", "d", "e"), store)
            break
        except KgError as error:
            assert "answered HTTP 503" in str(error)
        MemoryStore.budget = 10**6
        push(dataset("a", "f"), store)
        assert held() == ["article/a", "article/f", "pushed"], f"interrupted after {requests} requests"
        requests += 1
    assert requests == 7  # GET the record, PUT the record, PUT d, e (a is unchanged), DELETE b, c, PUT the record
    assert held() == ["article/a", "article/d", "article/e", "pushed"]


def test_the_record_lists_what_is_about_to_be_put(store: str) -> None:
    push(dataset("a", "b"), store)
    MemoryStore.budget = 2
    with pytest.raises(KgError):
        push(dataset("c"), store)
    record = {str(q.object.value) for q in ox.parse(MemoryStore.graphs[str(PUSH_RECORD)],
                                                  format=ox.RdfFormat.N_TRIPLES) if isinstance(q.object, ox.NamedNode)}
    assert record == {str(GRAPH[f"article/{n}"]) for n in "abc"}


def recorded_digests() -> dict[str, str]:
    return {q.subject.value: q.object.value for q in ox.parse(MemoryStore.graphs[str(PUSH_RECORD)],
                                                             format=ox.RdfFormat.N_TRIPLES)
            if q.predicate.value == str(PUSH_DIGEST)}


def test_only_graphs_changed_since_the_last_push_are_sent(store: str) -> None:
    first = push(dataset("a", "b", "c"), store)
    assert first.summary() == f"Pushed 3 named graphs (3 statements) to {store}"
    MemoryStore.log.clear()
    again = push(dataset("a", "b", "c"), store)
    assert again.summary() == f"Nothing to push: the 3 named graphs at {store} are as the last push left them"
    assert MemoryStore.log == [("GET", "pushed")]
    MemoryStore.log.clear()
    edited = push(dataset("a", "b", "d", edited="b"), store)
    assert MemoryStore.log == [("GET", "pushed"), ("PUT", "pushed"), ("PUT", "article/b"), ("PUT", "article/d"),
                               ("DELETE", "article/c"), ("PUT", "pushed")]
    assert edited.summary() == (f"Pushed 2 of 3 named graphs (2 statements) to {store}; 1 unchanged since the "
                                "last push; removed 1 graph(s) an earlier push put there")
    assert b"diralat" in MemoryStore.graphs[str(GRAPH["article/b"])]


def test_all_sends_every_graph(store: str) -> None:
    push(dataset("a", "b"), store)
    MemoryStore.log.clear()
    result = push(dataset("a", "b"), store, everything=True)
    assert MemoryStore.log == [("GET", "pushed"), ("PUT", "pushed"), ("PUT", "article/a"), ("PUT", "article/b"),
                               ("PUT", "pushed")]
    assert result.summary() == f"Pushed 2 named graphs (2 statements) to {store}"


def test_the_record_keeps_the_digest_of_what_each_graph_holds(store: str) -> None:
    push(dataset("a", "b"), store)
    assert recorded_digests() == {name: hashlib.sha256(body).hexdigest() for name, body in MemoryStore.graphs.items()
                                  if name != str(PUSH_RECORD)}


def test_a_graph_about_to_change_has_no_digest_until_it_is_put(store: str) -> None:
    push(dataset("a", "b"), store)
    MemoryStore.budget = 2
    with pytest.raises(KgError):
        push(dataset("a", "b", edited="b"), store)
    assert set(recorded_digests()) == {str(GRAPH["article/a"])}
    MemoryStore.budget, MemoryStore.log = 10**6, []
    push(dataset("a", "b", edited="b"), store)
    assert ("PUT", "article/b") in MemoryStore.log and ("PUT", "article/a") not in MemoryStore.log
    assert b"diralat" in MemoryStore.graphs[str(GRAPH["article/b"])]


def test_a_record_that_is_not_ntriples(store: str) -> None:
    MemoryStore.graphs[str(PUSH_RECORD)] = b"this is no record"
    with pytest.raises(KgError) as error:
        push(dataset("a"), store)
    assert str(error.value) == (f"{store} holds a {PUSH_RECORD} graph that is not N-Triples; delete it and push "
                                "again")
