"""The ontology as the build uses it: classes, vocabularies, domains, ranges, disjointness.

Everything here is read from the Turtle files in `ontology/`, so the files stay
the one place where the model is defined.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.errors import KgError
from kg.namespaces import APK, APV

ONTOLOGY_FILES = ("apeksi.ttl", "vocab.ttl")
SCHEMES = ("roles", "participation-roles", "event-types", "agreement-types", "event-statuses")


@dataclass
class Ontology:
    graph: Graph
    digest: str
    directory: Path

    @cached_property
    def classes(self) -> dict[str, URIRef]:
        """Our classes by local name (Person, City, ...)."""
        return {
            str(c)[len(str(APK)):]: c
            for c in self.graph.subjects(RDF.type, OWL.Class)
            if isinstance(c, URIRef) and str(c).startswith(str(APK))
        }

    @cached_property
    def concepts(self) -> dict[str, dict[str, URIRef]]:
        """Vocabulary concepts by scheme and key: concepts['roles']['mayor']."""
        schemes: dict[str, dict[str, URIRef]] = {name: {} for name in SCHEMES}
        for concept, scheme in self.graph.subject_objects(SKOS.inScheme):
            name = str(scheme)[len(str(APV)):]
            key = str(self.graph.value(concept, SKOS.notation))
            schemes.setdefault(name, {})[key] = concept
        return schemes

    def held_in(self, concept: URIRef) -> list[URIRef]:
        """The classes a role must be held in (apk:heldIn in vocab.ttl), or [] for anywhere."""
        return sorted(self.graph.objects(concept, APK.heldIn))

    def title_required(self, concept: URIRef) -> bool:
        return any(v.toPython() is True for v in self.graph.objects(concept, APK.titleRequired))

    def domain(self, prop: URIRef) -> URIRef | None:
        return self.graph.value(prop, RDFS.domain)

    def range(self, prop: URIRef) -> URIRef | None:
        return self.graph.value(prop, RDFS.range)

    def is_object_property(self, prop: URIRef) -> bool:
        return (prop, RDF.type, OWL.ObjectProperty) in self.graph

    @cached_property
    def inverses(self) -> list[tuple[URIRef, URIRef]]:
        return sorted(self.graph.subject_objects(OWL.inverseOf))

    def superclasses(self, cls: URIRef) -> frozenset[URIRef]:
        """`cls` and every named class above it."""
        if cls not in self._superclasses:
            above = self.graph.transitive_objects(cls, RDFS.subClassOf)
            self._superclasses[cls] = frozenset(c for c in above if isinstance(c, URIRef))
        return self._superclasses[cls]

    def superproperties(self, prop: URIRef) -> frozenset[URIRef]:
        if prop not in self._superproperties:
            self._superproperties[prop] = frozenset(self.graph.transitive_objects(prop, RDFS.subPropertyOf)) - {prop}
        return self._superproperties[prop]

    @cached_property
    def _superclasses(self) -> dict[URIRef, frozenset[URIRef]]:
        return {}

    @cached_property
    def _superproperties(self) -> dict[URIRef, frozenset[URIRef]]:
        return {}

    def union_members(self, cls: URIRef) -> list[URIRef]:
        """The classes a union class such as Actor stands for, or [cls]."""
        for equivalent in self.graph.objects(cls, OWL.equivalentClass):
            members = self.graph.value(equivalent, OWL.unionOf)
            if members is not None:
                return list(Collection(self.graph, members))
        return [cls]

    @cached_property
    def disjoint_pairs(self) -> set[frozenset[URIRef]]:
        pairs = {frozenset(p) for p in self.graph.subject_objects(OWL.disjointWith)}
        for axiom in self.graph.subjects(RDF.type, OWL.AllDisjointClasses):
            members = list(Collection(self.graph, self.graph.value(axiom, OWL.members)))
            pairs |= {frozenset((a, b)) for i, a in enumerate(members) for b in members[i + 1:]}
        return pairs

    def disjoint(self, first: URIRef, second: URIRef) -> bool:
        """Whether nothing can be both: every class `second` may stand for is disjoint from `first`."""
        return all(self._disjoint_named(first, member) for member in self.union_members(second))

    def _disjoint_named(self, first: URIRef, second: URIRef) -> bool:
        return any(
            frozenset((a, b)) in self.disjoint_pairs
            for a in self.superclasses(first)
            for b in self.superclasses(second)
        )

    def label(self, term: URIRef, lang: str = "en") -> str:
        for value in self.graph.objects(term, RDFS.label):
            if getattr(value, "language", None) == lang:
                return str(value)
        return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]

    def tbox(self) -> Graph:
        """Only the OWL axioms of apeksi.ttl, for the reasoner (no labels or vocabularies; no alignments to
        standard properties, which the build writes out itself and which owlready2 mistakes for annotation
        properties)."""
        keep = Graph()
        for triple in self.graph:
            s, p, o = triple
            if p in (RDFS.label, SKOS.definition, SKOS.prefLabel, SKOS.notation, OWL.versionInfo):
                continue
            if p == RDFS.subPropertyOf and not str(o).startswith(str(APK)):
                continue
            if isinstance(s, URIRef) and str(s).startswith(str(APV)):
                continue
            keep.add(triple)
        return keep


def load_ontology(directory: Path) -> Ontology:
    """Read ontology/apeksi.ttl and ontology/vocab.ttl."""
    if not directory.is_dir():
        raise KgError("ontology folder not found; run from the project folder or pass --ontology-dir DIR", directory)
    graph = Graph()
    digest = hashlib.sha256()
    for name in ONTOLOGY_FILES:
        path = directory / name
        if not path.is_file():
            raise KgError("ontology file not found; restore it from the repository", path)
        data = path.read_bytes()
        digest.update(data)
        try:
            graph.parse(data=data, format="turtle")
        except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
            raise KgError(f"invalid Turtle: {' '.join(str(exc).split())}", path) from None
    return Ontology(without_inner_imports(graph), digest.hexdigest(), directory)


def without_inner_imports(graph: Graph) -> Graph:
    """The files merged as one ontology: an owl:imports of an ontology that is already in the graph
    (apeksi.ttl importing vocab.ttl) goes, and so does the imported one's header, so the graph has one
    owl:Ontology and asks no tool to fetch what it already holds."""
    for importer, imported in list(graph.subject_objects(OWL.imports)):
        if (imported, RDF.type, OWL.Ontology) in graph:
            graph.remove((importer, OWL.imports, imported))
            graph.remove((imported, None, None))
    return graph
