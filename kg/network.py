"""The built dataset as a network: entities are nodes, what links them are edges, each with its quotes.

Position and participation records become edges (holder -> city "mayor of",
participant -> event "attended") that carry the record's dates. Every node and
edge keeps the exact words and the articles that state it. Attribute values are
strings, numbers, booleans, lists and dicts; `graphml_ready` turns lists and
dicts into JSON strings so that GraphML writers accept them.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Literal

import networkx as nx
import pyoxigraph as ox
from rdflib.namespace import RDF, SDO

from kg.errors import KgError, close_matches
from kg.facts import ENTITIES, NAMES, Facts, Term, label_of
from kg.namespaces import APK, local_name

Scope = Literal["articles", "all", "every"]

TYPE = str(RDF.type)
POSITION, PARTICIPATION = ox.NamedNode(str(APK.Position)), ox.NamedNode(str(APK.Participation))
CITY_PLACES = (str(APK.memberOf), str(APK.inProvince))
KINDS = ("Commission", "Association", "City", "Province", "Country", "Venue", "Event", "Agreement", "Person",
         "Organization")
CLASS_KIND = {str(APK[kind]): kind for kind in KINDS}
LINKS: dict[str, tuple[str, bool]] = {
    str(APK.eventCity): ("held in", False),
    str(APK.eventProvince): ("held in", False),
    str(APK.venue): ("venue", False),
    str(APK.organiser): ("organised", True),
    str(APK.host): ("hosted", True),
    str(APK.followUpOf): ("follow-up of", False),
    str(APK.party): ("party to", True),
    str(APK.signedAt): ("signed at", False),
    str(APK.presentedAt): ("presented at", False),
    str(APK.agreedAt): ("agreed at", False),
    str(APK.partOf): ("part of", False),
    str(APK.memberOf): ("member of", False),
    str(APK.inProvince): ("in province", False),
    str(APK.locatedIn): ("located in", False),
}
PARTICIPATION_WORDS = {"spoke": "spoke at"}
EVENT_DATES = {str(APK.date): "date", str(APK.startDate): "from", str(APK.endDate): "until",
               str(APK.earliestDate): "not before", str(APK.latestDate): "not after"}
POSITION_DATES = {str(APK.asOf): "as of", str(APK.startDate): "from", str(APK.endDate): "until",
                  str(APK.endedBefore): "ended before"}
DETAILS = {
    str(APK.eventType): "event type",
    str(APK.eventStatus): "status",
    str(APK.agreementType): "agreement type",
    str(APK.topic): "topic",
    str(APK.dateQualifier): "date qualifier",
    str(APK.startQualifier): "start qualifier",
    str(APK.endQualifier): "end qualifier",
    str(APK.postTitle): "post title",
    str(APK.kemendagriCode): "Kemendagri code",
    str(SDO.honorificPrefix): "title",
    str(SDO.honorificSuffix): "degrees",
}
RECORDS = {
    "position": ((str(APK.holder), str(APK.positionIn)), str(APK.role), POSITION_DATES),
    "participation": ((str(APK.participant), str(APK.participationIn)), str(APK.participationRole), {}),
}
REPRESENTING, ENDED_BEFORE, MEMBER_OF = str(APK.representing), str(APK.endedBefore), str(APK.memberOf)


def entity_kinds(facts: Facts) -> dict[str, str]:
    """The class of every entity (most specific of ours), by entity id."""
    kinds = {}
    for subject, props in facts.about.items():
        if isinstance(subject, ox.NamedNode) and subject.value.startswith(ENTITIES):
            found = {CLASS_KIND[t.value] for t in props.get(TYPE, ()) if t.value in CLASS_KIND}
            if found:
                kinds[subject.value[len(ENTITIES):]] = min(found, key=KINDS.index)
    return kinds


def build_network(facts: Facts, scope: Scope = "articles") -> nx.MultiDiGraph:
    """The network of the entities in scope.

    "articles": what the articles mention, plus the Komwil and province of each city in it;
    "all": that and every reference city; "every": every entity of the dataset.
    """
    kinds = entity_kinds(facts)
    chosen = _select(facts, kinds, scope)
    graph = nx.MultiDiGraph()
    for ident in sorted(chosen):
        graph.add_node(ident, **_node(facts, ident, kinds[ident]))
    links = [link for link in _edges(facts, kinds) if link[0] in chosen and link[1] in chosen]
    for source, target, key, attributes in sorted(links, key=lambda link: link[:3]):
        graph.add_edge(source, target, key=key, **attributes)
    _assign_komwil(graph, facts)
    graph.graph["komwil_names"] = {ident: label_of(facts, _node_iri(ident))
                                   for ident, kind in sorted(kinds.items()) if kind == "Commission"}
    return graph


def _node_iri(ident: str) -> ox.NamedNode:
    return ox.NamedNode(ENTITIES + ident)


def _ident(term: Term) -> str:
    """An entity's id; the IRI itself for another IRI, nothing for a literal or a blank node."""
    if not isinstance(term, ox.NamedNode):
        return ""
    value = term.value
    return value[len(ENTITIES):] if value.startswith(ENTITIES) else value


def _select(facts: Facts, kinds: dict[str, str], scope: Scope) -> set[str]:
    if scope == "every":
        return set(kinds)
    chosen = {ident for ident in facts.mentioned if ident in kinds}
    if scope == "all":
        chosen |= {ident for ident, kind in kinds.items() if kind == "City"}
    for city in [ident for ident in chosen if kinds[ident] == "City"]:
        for predicate in CITY_PLACES:
            places = (_ident(o) for o in facts.values(_node_iri(city), predicate))
            chosen |= {place for place in places if kinds.get(place) in ("Commission", "Province")}
    return chosen


def _node(facts: Facts, ident: str, kind: str) -> dict[str, Any]:
    subject = _node_iri(ident)
    label = label_of(facts, subject)
    names = sorted({o.value for predicate in NAMES for o in facts.values(subject, predicate)} - {label})
    dates = _pairs(facts, subject, EVENT_DATES)
    quotes = _unique([quote for predicate, objects in facts.about.get(subject, {}).items() for o in objects
                      if not _ident(o) for quote in facts.quotes.get((subject, predicate, o), [])])
    return {
        "iri": subject.value, "kind": kind, "label": label, "names": names,
        "details": _pairs(facts, subject, DETAILS), "dates": dates, "years": _years(dates),
        "quotes": quotes, "articles": sorted({q["article"] for q in quotes}),
        "mentioned": ident in facts.mentioned, "komwil": [],
    }


def _pairs(facts: Facts, subject: Term, words: dict[str, str]) -> list[list[str]]:
    """[name, value] for each value of the given properties, concepts in words."""
    pairs = []
    for predicate, name in words.items():
        for value in facts.values(subject, predicate):
            pairs.append([name, facts.words(value) if isinstance(value, ox.NamedNode) else value.value])
    return pairs


def _years(dates: list[list[str]]) -> list[int]:
    return sorted({int(value[:4]) for _, value in dates if value[:4].isdigit()})


def _unique(quotes: list[dict]) -> list[dict]:
    seen = {(q["article"], q["start"], q["end"]): q for q in quotes}
    return [seen[key] for key in sorted(seen)]


Link = tuple[str, str, str, dict[str, Any]]


def _edges(facts: Facts, kinds: dict[str, str]) -> Iterator[Link]:
    for subject, props in list(facts.about.items()):
        types = props.get(TYPE, {})
        if POSITION in types:
            yield from _record_edges(facts, subject, kinds, "position")
        elif PARTICIPATION in types:
            yield from _record_edges(facts, subject, kinds, "participation")
        elif _ident(subject) in kinds:
            yield from _link_edges(facts, subject, kinds)


def _link_edges(facts: Facts, subject: Term, kinds: dict[str, str]) -> Iterator[Link]:
    for predicate, (words, reverse) in LINKS.items():
        for target in facts.values(subject, predicate):
            ends = (_ident(subject), _ident(target))
            if ends[1] not in kinds:
                continue
            key = (subject, predicate, target)
            quotes = _unique(facts.quotes.get(key, []))
            source, end = reversed(ends) if reverse else ends
            relation = local_name(predicate)
            yield source, end, relation, {
                "relation": relation, "label": words, "dates": [], "years": [], "details": [],
                "quotes": quotes, "articles": sorted({q["article"] for q in quotes}),
                "sources": facts.sources.get(key, []), "record": "",
            }


def _record_edges(facts: Facts, record: Term, kinds: dict[str, str], what: str) -> Iterator[Link]:
    ends, roles, places = RECORDS[what]
    sources = [_ident(o) for o in facts.values(record, ends[0])]
    targets = [_ident(o) for o in facts.values(record, ends[1])]
    if len(sources) != 1 or len(targets) != 1 or sources[0] not in kinds or targets[0] not in kinds:
        return
    dates = _pairs(facts, record, places) if places else [
        [f"event {name}", value] for name, value in _pairs(facts, _node_iri(targets[0]), EVENT_DATES)]
    details = [["representing", label_of(facts, o)] for o in facts.values(record, REPRESENTING)]
    quotes = _unique(facts.record_quotes.get(record, []))
    for role in facts.values(record, roles):
        words = facts.words(role).lower()
        name = local_name(role.value)
        words = _post_words(facts, record, words) if what == "position" else PARTICIPATION_WORDS.get(name, words)
        yield sources[0], targets[0], f"{what}/{name} {record.value}", {
            "relation": f"{what}/{name}", "label": words, "dates": dates, "years": _years(dates),
            "details": details, "quotes": quotes, "articles": sorted({q["article"] for q in quotes}),
            "sources": [], "record": record.value,
        }


def _post_words(facts: Facts, record: Term, role: str) -> str:
    """'mayor of'; 'former mayor of' when an article says the post had ended before it was written."""
    return f"former {role} of" if facts.values(record, ENDED_BEFORE) else f"{role} of"


def _assign_komwil(graph: nx.MultiDiGraph, facts: Facts) -> None:
    """Each city's Komwil; each Komwil itself; anything else the Komwil of the cities it links to."""
    kinds = dict(graph.nodes(data="kind"))
    for node, kind in kinds.items():
        if kind == "City":
            commissions = (_ident(o) for o in facts.values(_node_iri(node), MEMBER_OF))
            graph.nodes[node]["komwil"] = sorted(c for c in commissions if kinds.get(c) == "Commission")
        elif kind == "Commission":
            graph.nodes[node]["komwil"] = [node]
    for node, kind in kinds.items():
        if kind not in ("City", "Commission"):
            cities = (n for n in nx.all_neighbors(graph, node) if kinds[n] == "City")
            graph.nodes[node]["komwil"] = sorted({c for city in cities for c in graph.nodes[city]["komwil"]})


def neighbourhood(graph: nx.MultiDiGraph, entity: str, depth: int) -> nx.MultiDiGraph:
    """The entities at most `depth` links away from `entity`, in either direction, and their links."""
    if entity not in graph:
        raise KgError(f"unknown entity '{entity}'; {_close_matches(entity, list(graph))}")
    if depth < 0:
        raise KgError(f"depth must be 0 or more, not {depth}")
    return nx.ego_graph(graph, entity, radius=depth, undirected=True)


def _close_matches(wanted: str, known: list[str]) -> str:
    close = close_matches(wanted, known, 5)
    close += sorted(ident for ident in known if wanted.lower() in ident and ident not in close)[: 5 - len(close)]
    if close:
        return "close matches: " + ", ".join(close)
    return f"no entity id is close to it (ids look like {', '.join(sorted(known)[:2])})"


def graphml_ready(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy whose attribute values are all strings, numbers or booleans (lists and dicts as JSON)."""
    ready = nx.MultiDiGraph()
    ready.graph.update(_plain({name: value for name, value in graph.graph.items() if name != "komwil_names"}))
    ready.add_nodes_from((node, _plain(data)) for node, data in graph.nodes(data=True))
    ready.add_edges_from((u, v, key, _plain(data)) for u, v, key, data in graph.edges(keys=True, data=True))
    return ready


def _plain(attributes: dict[str, Any]) -> dict[str, str | int | float | bool]:
    return {
        name: value if isinstance(value, str | int | float | bool)
        else json.dumps(value, ensure_ascii=False, sort_keys=True)
        for name, value in attributes.items() if value is not None
    }
