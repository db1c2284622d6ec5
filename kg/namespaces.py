"""The project's namespaces. Ontology terms are a DefinedNamespace, so a misspelled term raises."""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

BASE = "https://w3id.org/apeksi-kg/"
ONTOLOGY_IRI = URIRef(BASE + "ontology")
ID = Namespace(BASE + "id/")
ARTICLE = Namespace(BASE + "article/")
GRAPH = Namespace(BASE + "graph/")
APV = Namespace(BASE + "vocab/")
WD = Namespace("http://www.wikidata.org/entity/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
ORG = Namespace("http://www.w3.org/ns/org#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
TIME = Namespace("http://www.w3.org/2006/time#")

REFERENCE_GRAPH = GRAPH["reference"]
ONTOLOGY_GRAPH = GRAPH["ontology"]
INFERRED_GRAPH = GRAPH["inferred"]
REGISTRY_GRAPH = GRAPH["registry"]
RESOLVED_GRAPH = GRAPH["resolved"]
POSITION = Namespace(BASE + "position/")
PARTICIPATION = Namespace(BASE + "participation/")
CONFLICT = Namespace(BASE + "conflict/")


class APK(DefinedNamespace):
    """The project ontology (ontology/apeksi.ttl)."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    Person: URIRef
    Mayor: URIRef
    Organization: URIRef
    Association: URIRef
    Commission: URIRef
    City: URIRef
    Province: URIRef
    Country: URIRef
    Seat: URIRef
    Region: URIRef
    Venue: URIRef
    Event: URIRef
    EventSeries: URIRef
    Agreement: URIRef
    Position: URIRef
    Participation: URIRef
    Article: URIRef
    Actor: URIRef
    holder: URIRef
    holdsPosition: URIRef
    positionIn: URIRef
    role: URIRef
    postTitle: URIRef
    heldIn: URIRef
    titleRequired: URIRef
    endedBefore: URIRef
    electedAt: URIRef
    appointedAt: URIRef
    inauguratedAt: URIRef
    document: URIRef
    mayorOf: URIRef
    hasMayor: URIRef
    startDate: URIRef
    endDate: URIRef
    asOf: URIRef
    eventType: URIRef
    eventStatus: URIRef
    date: URIRef
    earliestDate: URIRef
    latestDate: URIRef
    dateQualifier: URIRef
    startQualifier: URIRef
    endQualifier: URIRef
    eventCity: URIRef
    eventProvince: URIRef
    venue: URIRef
    organiser: URIRef
    host: URIRef
    followUpOf: URIRef
    followedUpBy: URIRef
    series: URIRef
    hasEdition: URIRef
    edition: URIRef
    previousEdition: URIRef
    nextEdition: URIRef
    seriesOrganiser: URIRef
    participant: URIRef
    hasParticipation: URIRef
    participationIn: URIRef
    participationRole: URIRef
    representing: URIRef
    participationDate: URIRef
    participatedIn: URIRef
    hadParticipant: URIRef
    agreementType: URIRef
    party: URIRef
    partyTo: URIRef
    topic: URIRef
    signedAt: URIRef
    presentedAt: URIRef
    agreedAt: URIRef
    partOf: URIRef
    hasPart: URIRef
    memberOf: URIRef
    hasMember: URIRef
    inProvince: URIRef
    hasCity: URIRef
    locatedIn: URIRef
    kemendagriCode: URIRef
    evidence: URIRef
    originalFileName: URIRef
    basis: URIRef
    Preference: URIRef
    Conflict: URIRef
    about: URIRef
    onField: URIRef
    onProperty: URIRef
    preferredArticle: URIRef
    reason: URIRef
    claim: URIRef
    settledBy: URIRef


class OA(DefinedNamespace):
    """The W3C Web Annotation vocabulary terms the project uses."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    SpecificResource: URIRef
    TextQuoteSelector: URIRef
    TextPositionSelector: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
    start: URIRef
    end: URIRef


PREFIXES: dict[str, str] = {
    "apk": str(APK),
    "apv": str(APV),
    "id": str(ID),
    "article": str(ARTICLE),
    "graph": str(GRAPH),
    "oa": str(OA),
    "schema": str(SDO),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "org": str(ORG),
    "foaf": str(FOAF),
    "time": str(TIME),
    "geo": str(GEO),
    "wd": str(WD),
}


LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def prefixed(iri: str) -> tuple[str, str] | None:
    """(prefix, rest) for the longest project namespace `iri` starts with, when something follows it."""
    for prefix, namespace in LONGEST_FIRST:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return prefix, iri[len(namespace):]
    return None


def local_name(iri: str) -> str:
    """The last part of an IRI, after '#' or the last '/': 'Mayor', 'prefLabel', 'kota-medan'."""
    return iri.rsplit("#", 1)[-1] if "#" in iri else iri.rstrip("/").rsplit("/", 1)[-1]


def entity(identifier: str) -> URIRef:
    """The IRI of a canonical entity (city, person, event, ...)."""
    return ID[identifier]


def entity_id(iri: URIRef) -> str:
    """The identifier of an entity IRI, or the IRI itself for anything else."""
    text = str(iri)
    return text[len(str(ID)):] if text.startswith(str(ID)) else text
