"""Claims about properties that hold once (an event's date, city and venue; a position's start and end).

Each article's value stays in its own graph with its evidence. Across
articles, values that agree, also at different precision ("2019" and
"2019-08-13"), resolve to the most precise one; values that disagree are a
conflict, which `kg check` reports until the registry settles it with
`prefer:`. Resolved values and conflicts go into `graph:resolved`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS, SDO
from rdflib.term import Node

from kg.annotations import ArticleAnnotation
from kg.corpus import Corpus
from kg.dataset import statement_iri
from kg.errors import KgError
from kg.model import Fact, Triple
from kg.namespaces import APK, CONFLICT, POSITION, RESOLVED_GRAPH, entity, entity_id
from kg.registry import Preference

SINGLE_VALUED = frozenset({APK.date, APK.earliestDate, APK.latestDate, APK.eventCity, APK.venue,
                           APK.startDate, APK.endDate, SDO.startDate, SDO.endDate, APK.participationDate,
                           APK.eventProvince})


@dataclass(frozen=True)
class Claim:
    """One article's value for a property of a node."""

    article: ArticleAnnotation
    fact: Fact

    @property
    def value(self) -> Node:
        return self.fact.triple[2]

    @property
    def field(self) -> str:
        return self.fact.where.field.split(".", 1)[-1]

    @property
    def statement(self) -> URIRef:
        return statement_iri(self.article.iri, self.fact.triple)

    def describe(self) -> str:
        return f"'{shown(self.value)}' in {self.fact.where} (\"{self.fact.span.exact}\")"


@dataclass(frozen=True)
class Conflict:
    """Two claims that cannot both hold; `settled` is the registry's judgement, if any."""

    node: URIRef
    prop: URIRef
    first: Claim
    second: Claim
    settled: Preference | None

    @property
    def iri(self) -> URIRef:
        key = " ".join(str(t) for t in (self.node, self.prop, self.first.statement, self.second.statement))
        return CONFLICT[hashlib.sha256(key.encode()).hexdigest()[:16]]

    def __str__(self) -> str:
        return (f"{self.first.field}: {self.first.describe()} disagrees with {self.second.describe()}; settle it "
                f"with prefer: in the registry, or correct the annotation")


@dataclass
class Resolution:
    triples: set[Triple]
    conflicts: list[Conflict]


def shown(value: Node) -> str:
    return entity_id(value) if isinstance(value, URIRef) else str(value)


def agree(first: Node, second: Node) -> bool:
    """Equal values, or the same date at two precisions."""
    if first == second:
        return True
    if isinstance(first, Literal) and isinstance(second, Literal):
        a, b = str(first), str(second)
        return a.startswith(b) or b.startswith(a)
    return False


def resolve(articles: Iterable[ArticleAnnotation], preferences: list[Preference], corpus: Corpus) -> Resolution:
    """The resolved value of every single-valued property the articles state, and the conflicts between them."""
    claims: dict[tuple[URIRef, URIRef], list[Claim]] = {}
    for article in articles:
        for fact in article.facts:
            if fact.triple[1] in SINGLE_VALUED:
                claims.setdefault(fact.triple[:2], []).append(Claim(article, fact))
    preferred = _preferences(preferences, claims, corpus)
    triples: set[Triple] = set()
    conflicts: list[Conflict] = []
    for (node, prop), found in sorted(claims.items()):
        preference = preferred.get((node, _field(found)))
        if preference is not None and not any(c.article.identifier == preference.article for c in found):
            preference = None
        pairs = [(a, b) for i, a in enumerate(found) for b in found[i + 1:] if not agree(a.value, b.value)]
        conflicts += [Conflict(node, prop, a, b, preference) for a, b in pairs]
        if preference is not None:
            value = next(c.value for c in found if c.article.identifier == preference.article)
        elif pairs:
            continue
        else:
            value = max((c.value for c in found), key=lambda v: (len(str(v)), str(v)))
        triples.add((node, prop, value))
    triples |= conflict_triples(conflicts)
    triples |= {(RESOLVED_GRAPH, RDF.type, PROV.Entity),
                (RESOLVED_GRAPH, RDFS.label, Literal("Resolved values of properties that hold once, and the "
                                                     "conflicts between articles' claims", lang="en"))}
    return Resolution(triples, conflicts)


def _field(found: list[Claim]) -> str:
    return found[0].field


def _preferences(preferences: list[Preference], claims: dict[tuple[URIRef, URIRef], list[Claim]],
                 corpus: Corpus) -> dict[tuple[URIRef, str], Preference]:
    by_node: dict[tuple[URIRef, str], list[Claim]] = {}
    for (node, _), found in claims.items():
        by_node.setdefault((node, _field(found)), []).extend(found)
    preferred = {}
    for preference in preferences:
        node = _node(preference, corpus)
        found = by_node.get((node, preference.field), [])
        if not any(c.article.identifier == preference.article for c in found):
            stated = sorted({c.article.identifier for c in found})
            raise KgError(f"article '{preference.article}' states no {preference.field} for {shown(node)}; "
                          f"prefer one of the articles that do ({', '.join(stated) or 'none does'})",
                          preference.where.file, preference.where.line, preference.where.field)
        preferred[(node, preference.field)] = preference
    return preferred


def _node(preference: Preference, corpus: Corpus) -> URIRef:
    holder = corpus.canonical(preference.entity)
    if preference.role is None:
        return entity(holder)
    parts = [holder, preference.role, corpus.canonical(preference.of)]
    return POSITION["/".join(parts + ([preference.term] if preference.term else []))]


def conflict_triples(conflicts: list[Conflict]) -> set[Triple]:
    triples: set[Triple] = set()
    for conflict in conflicts:
        node = conflict.iri
        triples |= {(node, RDF.type, APK.Conflict), (node, APK.about, conflict.node),
                    (node, APK.onProperty, conflict.prop), (node, APK.claim, conflict.first.statement),
                    (node, APK.claim, conflict.second.statement)}
        if conflict.settled is not None:
            triples.add((node, APK.settledBy, conflict.settled.iri))
    return triples
