"""What the reasoner adds to a unit of facts, derived in-process by forward rules read from the ontology.

The rules are the OWL 2 RL rules for the axioms the ontology uses: sub-classes and union classes
(cax-sco, scm-uni), the defined class Mayor (an intersection of someValuesFrom and hasValue restrictions,
cls-int1, cls-svf1, cls-hv1), domains and ranges (prp-dom, prp-rng), inverses (prp-inv), property chains
(prp-spo2) and sub-properties (prp-spo1), applied until nothing new follows. HermiT is kept for the
ontology's own consistency; tests/test_rules.py proves these rules give HermiT's entailments.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS

from kg.model import Triple
from kg.namespaces import APK, APV
from kg.ontology import Ontology


@dataclass(frozen=True)
class Condition:
    """A class expression an individual satisfies: a named class, someValuesFrom or hasValue on a property,
    or an intersection of conditions."""

    kind: str
    prop: URIRef | None = None
    value: object = None
    parts: tuple[Condition, ...] = ()


@dataclass
class Rules:
    """The ontology's axioms as lookup tables."""

    superclasses: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    superproperties: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    domains: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    ranges: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    inverse: dict[URIRef, set[URIRef]] = field(default_factory=dict)
    chains: list[tuple[URIRef, URIRef, URIRef]] = field(default_factory=list)
    defined: list[tuple[URIRef, Condition]] = field(default_factory=list)


def ours(term: object) -> bool:
    return isinstance(term, URIRef) and str(term).startswith(str(APK))


def rules_of(ontology: Ontology) -> Rules:
    """Read the axioms of the ontology's own classes and properties (the tbox HermiT is given)."""
    return _rules(ontology.tbox())


def _rules(tbox: Graph) -> Rules:
    rules = Rules()
    direct: dict[URIRef, set[URIRef]] = defaultdict(set)
    for cls, parent in tbox.subject_objects(RDFS.subClassOf):
        if ours(cls) and ours(parent):
            direct[cls].add(parent)
    for cls, equivalent in tbox.subject_objects(OWL.equivalentClass):
        if not ours(cls):
            continue
        members = tbox.value(equivalent, OWL.unionOf)
        if members is not None:
            for member in Collection(tbox, members):
                direct[member].add(cls)
        elif tbox.value(equivalent, OWL.intersectionOf) is not None:
            rules.defined.append((cls, _condition(tbox, equivalent)))
    rules.superclasses = {cls: _closure(cls, direct) for cls in list(direct)}
    sub_props: dict[URIRef, set[URIRef]] = defaultdict(set)
    for prop, parent in tbox.subject_objects(RDFS.subPropertyOf):
        if ours(prop) and ours(parent):
            sub_props[prop].add(parent)
    rules.superproperties = {prop: _closure(prop, sub_props) for prop in list(sub_props)}
    for table, predicate in ((rules.domains, RDFS.domain), (rules.ranges, RDFS.range)):
        for prop, cls in tbox.subject_objects(predicate):
            if ours(prop) and ours(cls):
                table.setdefault(prop, set()).add(cls)
    for p, q in tbox.subject_objects(OWL.inverseOf):
        rules.inverse.setdefault(p, set()).add(q)
        rules.inverse.setdefault(q, set()).add(p)
    for prop, chain in tbox.subject_objects(OWL.propertyChainAxiom):
        first, second = Collection(tbox, chain)
        rules.chains.append((prop, first, second))
    return rules


def _closure(start: URIRef, direct: dict[URIRef, set[URIRef]]) -> set[URIRef]:
    seen: set[URIRef] = set()
    todo = list(direct.get(start, ()))
    while todo:
        node = todo.pop()
        if node not in seen:
            seen.add(node)
            todo.extend(direct.get(node, ()))
    return seen - {start}


def _condition(tbox: Graph, node) -> Condition:
    if isinstance(node, URIRef):
        return Condition("class", value=node)
    members = tbox.value(node, OWL.intersectionOf)
    if members is not None:
        return Condition("and", parts=tuple(_condition(tbox, m) for m in Collection(tbox, members)))
    prop = tbox.value(node, OWL.onProperty)
    if (value := tbox.value(node, OWL.hasValue)) is not None:
        return Condition("value", prop, value)
    filler = tbox.value(node, OWL.someValuesFrom)
    if isinstance(node, BNode) and filler is not None:
        return Condition("some", prop, _condition(tbox, filler))
    raise ValueError(f"class expression not handled by the rules: {node}")


class Closure:
    """A set of triples indexed by subject, closed under the rules."""

    def __init__(self, rules: Rules, triples: Iterable[Triple]):
        self.rules = rules
        self.triples: set[Triple] = set()
        self.by_subject: dict[object, dict[URIRef, set]] = defaultdict(lambda: defaultdict(set))
        self.by_object: dict[object, dict[URIRef, set]] = defaultdict(lambda: defaultdict(set))
        self.todo: list[Triple] = []
        for triple in triples:
            self.add(triple)

    def add(self, triple: Triple) -> None:
        if triple not in self.triples:
            self.triples.add(triple)
            s, p, o = triple
            self.by_subject[s][p].add(o)
            self.by_object[o][p].add(s)
            self.todo.append(triple)

    def run(self) -> set[Triple]:
        while True:
            while self.todo:
                self._apply(self.todo.pop())
            if not self._defined_classes():
                return self.triples

    def _apply(self, triple: Triple) -> None:
        s, p, o = triple
        rules = self.rules
        if p == RDF.type:
            for parent in rules.superclasses.get(o, ()):
                self.add((s, RDF.type, parent))
            return
        if not isinstance(o, URIRef):
            return
        for cls in rules.domains.get(p, ()):
            self.add((s, RDF.type, cls))
        for cls in rules.ranges.get(p, ()):
            self.add((o, RDF.type, cls))
        for q in rules.inverse.get(p, ()):
            self.add((o, q, s))
        for q in rules.superproperties.get(p, ()):
            self.add((s, q, o))
        for prop, first, second in rules.chains:
            if p == first:
                for target in self.by_subject[o].get(second, ()):
                    self.add((s, prop, target))
            if p == second:
                for source in list(self.by_object[s].get(first, ())):
                    self.add((source, prop, o))

    def most_specific(self, node, cls: URIRef) -> bool:
        """Whether no other class of `node` lies below `cls`."""
        return not any(cls in self.rules.superclasses.get(other, ()) for other in self.by_subject[node][RDF.type])

    def _defined_classes(self) -> bool:
        """Type every individual that satisfies a defined class; whether anything was new."""
        before = len(self.triples)
        for cls, condition in self.rules.defined:
            for subject in list(self.by_subject):
                if not isinstance(subject, URIRef) or cls in self.by_subject[subject].get(RDF.type, ()):
                    continue
                if self._satisfies(subject, condition):
                    self.add((subject, RDF.type, cls))
        return len(self.triples) > before

    def _satisfies(self, node, condition: Condition) -> bool:
        props = self.by_subject.get(node, {})
        if condition.kind == "class":
            return condition.value in props.get(RDF.type, ())
        if condition.kind == "value":
            return condition.value in props.get(condition.prop, ())
        if condition.kind == "some":
            return any(self._satisfies(o, condition.value) for o in props.get(condition.prop, ()))
        return all(self._satisfies(node, part) for part in condition.parts)


def derive(unit: Iterable[Triple], rules: Rules) -> set[Triple]:
    """What the rules add to a unit that it does not state, about the data only, as the reasoner reports it:
    property values, and for each individual its most specific classes (the build adds the classes above)."""
    stated = set(unit)
    closure = Closure(rules, stated)
    derived = closure.run() - stated
    return {t for t in derived if _about_data(t) and (t[1] != RDF.type or closure.most_specific(t[0], t[2]))}


def _about_data(triple: Triple) -> bool:
    s, p, o = triple
    if not isinstance(s, URIRef) or not isinstance(o, URIRef) or str(s).startswith((str(APK), str(APV))):
        return False
    return ours(o) if p == RDF.type else ours(p)


@dataclass
class RuleReasoner:
    """The rules of one ontology, read once."""

    ontology: Ontology

    @cached_property
    def rules(self) -> Rules:
        return rules_of(self.ontology)

    def infer(self, unit: Iterable[Triple]) -> set[Triple]:
        return derive(unit, self.rules)
