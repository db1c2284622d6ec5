"""Each named graph of the dataset as text: its Turtle block, its TriG section, its sorted N-Triples lines.

After a build these are slices of kg.trig itself, found by the byte ranges the build recorded in the store's
manifest (kg.trig is replaced, never edited, and the manifest names the very file it describes), so an export
or a push reads only the graphs it needs and parses nothing else. Without a matching manifest the same texts
are written again from graphs rdflib parsed, and give the same bytes.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Protocol

import pyoxigraph as ox
from rdflib import Graph, URIRef

from kg.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH, REFERENCE_GRAPH, REGISTRY_GRAPH, RESOLVED_GRAPH
from kg.ntriples import graph_lines, sorted_lines
from kg.store import block_digest, read_manifest
from kg.turtle import Writer

NamedGraph = tuple[URIRef, Graph]
HEADER = "header"
SECTIONS = "sections"
CLOSING = len("\n}\n")
RANK = {ONTOLOGY_GRAPH: 0, REFERENCE_GRAPH: 1, REGISTRY_GRAPH: 2, RESOLVED_GRAPH: 4, INFERRED_GRAPH: 5}


def graph_order(name: URIRef) -> tuple[int, str]:
    """Where a named graph goes in an export: ontology, reference, registry, articles, resolved, inferred."""
    return RANK.get(name, 3), str(name)


class GraphTexts(Protocol):
    """The texts of the non-empty named graphs of one dataset."""

    header: bytes

    def names(self) -> list[URIRef]: ...

    def block(self, name: URIRef) -> bytes: ...

    def section(self, name: URIRef) -> bytes: ...

    def lines(self, name: URIRef, quads: bool) -> list[bytes]: ...

    def digest(self, name: URIRef) -> str: ...


def utf8_length(text: str) -> int:
    return len(text) if text.isascii() else len(text.encode("utf-8"))


def layout(writer: Writer, blocks: Iterable[tuple[URIRef, str]]) -> dict:
    """Where `writer.trig_of_blocks(blocks)` puts each graph, in bytes: the header's length, and for each graph
    [start of its section, start of its block, end of its block, end of its section]."""
    position = utf8_length(writer.header)
    sections: dict[str, list[int]] = {}
    for name, block in blocks:
        start = position + (1 if sections else 0)
        opening = start + utf8_length(writer.section(name, "")) - CLOSING
        end = opening + utf8_length(block) + CLOSING
        sections[str(name)] = [start, opening, end - CLOSING, end]
        position = end
    return {HEADER: utf8_length(writer.header), SECTIONS: sections}


class Slices:
    """The graphs of an open kg.trig, read by the byte ranges of its manifest."""

    def __init__(self, descriptor: int, header: int, sections: dict[str, list[int]], digests: dict[str, str]) -> None:
        self.descriptor = descriptor
        self.ranges = {URIRef(name): at for name, at in sections.items()}
        self.digests = digests
        self.header = self.read(0, header)

    def read(self, start: int, end: int) -> bytes:
        return os.pread(self.descriptor, end - start, start)

    def names(self) -> list[URIRef]:
        return sorted((name for name, at in self.ranges.items() if at[2] > at[1]), key=graph_order)

    def block(self, name: URIRef) -> bytes:
        return self.read(*self.ranges[name][1:3])

    def section(self, name: URIRef) -> bytes:
        start, _, _, end = self.ranges[name]
        return self.read(start, end)

    def lines(self, name: URIRef, quads: bool) -> list[bytes]:
        """Oxigraph's lines for the graph's statements, parsed from its section (blank node labels kept)."""
        parsed = ox.parse(self.header + self.section(name), format=ox.RdfFormat.TRIG)
        statements = parsed if quads else (quad.triple for quad in parsed)
        return sorted_lines(statements, ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES)

    def digest(self, name: URIRef) -> str:
        return self.digests[str(name)]


@contextlib.contextmanager
def built_slices(trig: Path) -> Iterator[Slices | None]:
    """The graphs of `trig` as slices of it, or None when the manifest beside it does not describe this file."""
    manifest = read_manifest(trig.parent)
    try:
        descriptor = os.open(trig, os.O_RDONLY)
    except OSError:
        yield None
        return
    try:
        yield Slices(descriptor, manifest[HEADER], manifest[SECTIONS], manifest["graphs"]) if describes(
            manifest, os.fstat(descriptor)) else None
    finally:
        os.close(descriptor)


def describes(manifest: dict, stat: os.stat_result) -> bool:
    """Whether the manifest was written for the file with this status, and lays out all of it."""
    ranges, digests = manifest.get(SECTIONS), manifest.get("graphs")
    if manifest.get("trig") != [stat.st_ino, stat.st_size, stat.st_mtime_ns] or not isinstance(ranges, dict):
        return False
    ends = [at[3] for at in ranges.values() if isinstance(at, list) and len(at) == 4]
    return (isinstance(manifest.get(HEADER), int) and isinstance(digests, dict) and ranges.keys() == digests.keys()
            and len(ends) == len(ranges) and max(ends, default=manifest[HEADER]) == stat.st_size)


class Parsed:
    """The texts of named graphs rdflib holds, written as the build writes them."""

    def __init__(self, graphs: Iterable[NamedGraph]) -> None:
        self.graphs = {name: graph for name, graph in graphs if len(graph)}
        self.writer = Writer()
        self.header = self.writer.header.encode()
        self.blocks: dict[URIRef, str] = {}

    def names(self) -> list[URIRef]:
        return sorted(self.graphs, key=graph_order)

    def text(self, name: URIRef) -> str:
        if name not in self.blocks:
            self.blocks[name] = self.writer.block(self.graphs[name])
        return self.blocks[name]

    def block(self, name: URIRef) -> bytes:
        return self.text(name).encode()

    def section(self, name: URIRef) -> bytes:
        return self.writer.section(name, self.text(name)).encode()

    def lines(self, name: URIRef, quads: bool) -> list[bytes]:
        return graph_lines(self.graphs[name], name if quads else None)

    def digest(self, name: URIRef) -> str:
        return block_digest(self.text(name))
