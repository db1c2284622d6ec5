"""Relations that may not loop: an event following up on itself, an organisation part of itself.

`follow_up_of`, `part_of` and `member_of` each order things; a chain that comes
back to where it started is an annotation error, named at the statement that
closes the loop with the whole loop spelled out.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef

from kg.errors import KgError
from kg.model import Fact
from kg.namespaces import APK, entity_id

ORDERING = {APK.followUpOf: "follow_up_of", APK.partOf: "part_of", APK.memberOf: "member_of"}


def check_cycles(facts: Iterable[Fact]) -> None:
    """Fail on the first fact, in source order, that closes a loop of one ordering relation."""
    edges: dict[URIRef, dict[URIRef, set[URIRef]]] = {p: {} for p in ORDERING}
    for fact in facts:
        s, p, o = fact.triple
        if p not in edges or not isinstance(o, URIRef):
            continue
        path = _path(edges[p], o, s)
        if path is not None:
            raise _loop(fact, ORDERING[p], [s, *path])
        edges[p].setdefault(s, set()).add(o)


def _path(edges: dict[URIRef, set[URIRef]], start: URIRef, goal: URIRef) -> list[URIRef] | None:
    """The nodes from `start` to `goal` along `edges` (breadth first, so the shortest), or None."""
    previous: dict[URIRef, URIRef | None] = {start: None}
    frontier = [start]
    while frontier:
        following = []
        for node in frontier:
            if node == goal:
                path: list[URIRef] = []
                step: URIRef | None = node
                while step is not None:
                    path.append(step)
                    step = previous[step]
                return path[::-1]
            for target in sorted(edges.get(node, ())):
                if target not in previous:
                    previous[target] = node
                    following.append(target)
        frontier = following
    return None


def _loop(fact: Fact, relation: str, nodes: list[URIRef]) -> KgError:
    chain = f" {relation} ".join(entity_id(node) for node in nodes)
    if len(nodes) == 2:
        message = f"{entity_id(nodes[0])} {relation} itself; a thing cannot be {relation} itself"
    else:
        message = f"{relation} goes round in a loop: {chain}; remove the statement that closes it"
    return KgError(message, fact.where.file, fact.where.line, fact.where.field)
