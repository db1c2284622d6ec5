"""`kg push`: the dataset into any SPARQL 1.1 Graph Store, one named graph at a time."""

from __future__ import annotations

import hashlib
import urllib.parse
from dataclasses import dataclass
from functools import partial

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS

from kg.errors import KgError
from kg.export import Contents, selected_graphs, to_ntriples
from kg.namespaces import GRAPH
from kg.remote import Credentials, check_endpoint, http

PUSH_RECORD = GRAPH["pushed"]
PUSH_RECORD_NOTE = ("The named graphs kg push put in this store, with the SHA-256 of each one's sorted N-Triples; the "
                    "next push sends only those whose digest changed and deletes those no longer in the dataset.")
PUSH_DIGEST = URIRef(f"{PUSH_RECORD}#sha256")


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
    bodies = {name: (to_ntriples([(name, graph)]), len(graph)) for name, graph in selected_graphs(dataset, Contents())}
    digests = {name: body_digest(body) for name, (body, _) in bodies.items()}
    request = {"credentials": credentials, "timeout": timeout, "name": endpoint}
    before = pushed_before(endpoint, request)
    changed = sorted(name for name in digests if everything or before.get(name) != digests[name])
    stale = sorted(set(before) - set(digests))
    if not changed and not stale:
        return PushResult(endpoint, 0, 0, 0, len(digests))
    unchanged = {name: digest for name, digest in digests.items() if name not in changed}
    put = partial(put_body, endpoint, request)
    put(PUSH_RECORD, to_ntriples([(PUSH_RECORD, push_record(set(before) | set(digests), unchanged))]))
    for name in changed:
        put(name, bodies[name][0])
    for name in stale:
        http("DELETE", graph_url(endpoint, name), missing_ok=True, **request)
    put(PUSH_RECORD, to_ntriples([(PUSH_RECORD, push_record(set(digests), digests))]))
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
