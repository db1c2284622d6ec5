"""Consistency checking and inference with owlready2 and HermiT.

The build runs HermiT once per ontology version, on the ontology's own axioms (check_ontology); what it
would infer from the data is derived in-process by kg/rules.py, which tests/test_rules.py proves equal
to HermiT's entailments unit by unit (`infer`).

A unit is the reference data or one article: its class and object-property
statements, the classes of the entities it names, and the ontology's axioms.
No labels, dates or provenance: the reasoner gets only what it reasons about.
Results are cached by the digest of the unit, so an unchanged article is never
reasoned about twice.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.cache import read_entry, write_entry
from kg.errors import CannotRun, KgError
from kg.model import Triple
from kg.namespaces import APK, APV
from kg.ontology import Ontology

UNIT_IRI = "https://w3id.org/apeksi-kg/reasoning-unit"


class ReasonerError(KgError):
    """The reasoner found an inconsistency the earlier checks could not name."""


class ReasonerUnavailable(ReasonerError, CannotRun):
    """The reasoner could not run at all (no Java, for instance)."""


def unit_triples(triples: Iterable[Triple], types: dict[URIRef, URIRef]) -> list[Triple]:
    """The statements of a unit the reasoner needs, with the class of every entity they name."""
    unit: set[Triple] = set()
    for s, p, o in triples:
        if p == RDF.type or (isinstance(o, URIRef) and not str(p).startswith(str(RDF))):
            unit.add((s, p, o))
            for node in (s, o):
                if node in types:
                    unit.add((node, RDF.type, types[node]))
    return sorted(unit)


def check_ontology(ontology: Ontology, cache: Path) -> None:
    """HermiT's check that the ontology's own axioms are consistent: one JVM call per ontology version."""
    infer([], ontology, cache, "the ontology")


def infer(triples: list[Triple], ontology: Ontology, cache: Path, label: str) -> set[Triple]:
    """What HermiT infers from a unit beyond what it states; cached in `cache`."""
    data = _ntriples(triples)
    key = hashlib.sha256(ontology.digest.encode() + data).hexdigest()
    cached = cache / f"{key}.nt"
    known = _read_cached(cached)
    if known is not None:
        return known
    inferred = _run_hermit(ontology.tbox(), data, label)
    write_entry(cached, _ntriples(sorted(inferred)))
    return inferred


def _read_cached(path: Path) -> set[Triple] | None:
    """The cached inferences, or None when the entry is absent or damaged (it is then recomputed)."""
    payload = read_entry(path)
    if payload is None:
        return None
    try:
        return set(Graph().parse(data=payload.decode("utf-8"), format="nt"))
    except Exception:  # a checksum-valid entry that rdflib cannot read: recompute it
        return None


def _run_hermit(tbox: Graph, data: bytes, label: str) -> set[Triple]:
    from owlready2 import OwlReadyInconsistentOntologyError, World, sync_reasoner_hermit

    world = World()
    ontology = world.get_ontology(UNIT_IRI)
    ontology.load(fileobj=io.BytesIO(tbox.serialize(format="nt", encoding="utf-8") + data), format="ntriples")
    before = set(world.as_rdflib_graph())
    try:
        with ontology:
            sync_reasoner_hermit(world, infer_property_values=True, debug=0)
    except OwlReadyInconsistentOntologyError:
        raise ReasonerError(f"the reasoner finds {label} inconsistent with the ontology; check its types and "
                            "relations against the class definitions in ontology/apeksi.ttl") from None
    except OSError as exc:
        raise ReasonerUnavailable(f"cannot run the reasoner (Java is needed for HermiT): {exc}") from None
    return {t for t in set(world.as_rdflib_graph()) - before if _about_data(t)}


def _about_data(triple: tuple) -> bool:
    """Inferences about the data (entities and records), not about classes or the reasoner's bookkeeping."""
    s, p, o = triple
    if not isinstance(s, URIRef) or not isinstance(o, URIRef) or str(s).startswith((str(APK), str(APV))):
        return False
    if p == RDF.type:
        return str(o).startswith(str(APK))
    return str(p).startswith(str(APK))


def _ntriples(triples: Iterable[Triple]) -> bytes:
    return "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in triples).encode()
