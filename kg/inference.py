"""Statements entailed by a unit: the reasoner's, the derived mayor links, inverses and alignments.

Super-classes and super-properties from the standard vocabularies are written
out, so that tools which know schema.org, ORG or PROV but not this ontology
still understand the data.
"""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import URIRef
from rdflib.namespace import RDF

from kg.model import Triple
from kg.namespaces import APK, APV
from kg.ontology import Ontology


def mayor_links(triples: Iterable[Triple]) -> set[Triple]:
    """holder mayorOf city, for every position record with role mayor in a city, except former posts."""
    by_record: dict[URIRef, dict[URIRef, set]] = {}
    for s, p, o in triples:
        by_record.setdefault(s, {}).setdefault(p, set()).add(o)
    links = set()
    for props in by_record.values():
        if APK.endedBefore in props:
            continue
        if APV.mayor in props.get(APK.role, ()) and APK.Position in props.get(RDF.type, ()):
            for holder in props.get(APK.holder, ()):
                for place in props.get(APK.positionIn, ()):
                    if APK.City in by_record.get(place, {}).get(RDF.type, ()):
                        links.add((holder, APK.mayorOf, place))
    return links


def entailments(stated: set[Triple], reasoned: set[Triple], ontology: Ontology) -> set[Triple]:
    """Everything the unit entails that it does not state."""
    known = stated | reasoned | mayor_links(stated)
    inverse = {}
    for p, q in ontology.inverses:
        inverse[p], inverse[q] = q, p
    known |= {(o, inverse[p], s) for s, p, o in known if p in inverse and isinstance(o, URIRef)}
    closure = set()
    for s, p, o in known:
        if p == RDF.type and isinstance(o, URIRef) and str(o).startswith(str(APK)):
            closure |= {(s, RDF.type, c) for c in ontology.superclasses(o) if c != o}
        elif str(p).startswith(str(APK)):
            closure |= {(s, q, o) for q in ontology.superproperties(p) if isinstance(q, URIRef)}
    return (known | closure) - stated
