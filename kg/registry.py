"""The entity registry, `seeds/entities.yaml`: the canonical entities the corpus shares, and the judgements
that settle identity (`same_as`, `distinct_from`) and conflicting claims (`prefer`).

The registry is a source of its own: its statements go into `graph:registry`,
never into an article's graph. It holds identity, not facts: names, aliases,
a Wikidata item and a note; what happened is for the articles to say.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS

from kg.errors import KgError, display_path
from kg.model import Declaration, Fact, Where
from kg.namespaces import APK, ARTICLE, BASE, REGISTRY_GRAPH, WD, entity
from kg.yamlfile import Mapping, Sequence, read_yaml

REGISTRY_FILE = "entities.yaml"
IDENTIFIER = re.compile(r"[a-z0-9][a-z0-9-]*")
QID = re.compile(r"Q[1-9][0-9]*")
TYPES = ("Person", "Organization", "Association", "Commission", "Venue", "Event", "EventSeries", "Agreement")
FIELDS = ("id", "type", "name", "aliases", "wikidata", "note", "same_as", "distinct_from", "prefer")
PREFER_FIELDS = ("field", "article", "reason", "role", "of", "term")
PREFERABLE = ("date", "city", "venue", "start", "end")


@dataclass(frozen=True)
class Preference:
    """A judgement: for `field` of `entity` (or of the position `role`/`of`), the value of `article` stands."""

    entity: str
    field: str
    article: str
    reason: str
    where: Where
    role: str | None = None
    of: str | None = None
    term: str | None = None
    iri: URIRef | None = None


@dataclass
class Registry:
    """What the registry declares and judges, and its graph."""

    path: str = ""
    declarations: list[Declaration] = field(default_factory=list)
    mentions: list[Declaration] = field(default_factory=list)
    aliases: dict[str, list[tuple[str, Where]]] = field(default_factory=dict)
    same_as: dict[str, tuple[str, Where]] = field(default_factory=dict)
    distinct: dict[frozenset[str], Where] = field(default_factory=dict)
    preferences: list[Preference] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    graph: Graph = field(default_factory=Graph)


def load_registry(seeds: Path) -> Registry:
    """Read seeds/entities.yaml; a corpus without one has an empty registry."""
    path = seeds / REGISTRY_FILE
    registry = Registry(display_path(path))
    _provenance(registry)
    if not path.exists():
        return registry
    data = read_yaml(path)
    if data is None:
        return registry
    if not isinstance(data, Mapping) or set(data) - {"entities"}:
        raise KgError("the registry has one section, 'entities:', a list of blocks", path, 1)
    entries = data.get("entities") or Sequence()
    if not isinstance(entries, Sequence):
        raise KgError("'entities' must be a list of blocks, each starting with '- '", path,
                      data.key_lines["entities"], "entities")
    seen: dict[str, int] = {}
    for block, line in zip(entries, entries.item_lines, strict=True):
        _entry(registry, path, block, line, seen)
    return registry


def _entry(registry: Registry, path: Path, block: object, line: int, seen: dict[str, int]) -> None:
    if not isinstance(block, Mapping):
        raise KgError("expected a block of 'field: value' lines", path, line, "entities")
    where = _where(registry, block, "entities")
    for key in block:
        if key not in FIELDS:
            raise KgError(f"unknown field; valid fields are {', '.join(FIELDS)}", path, block.key_lines[key],
                          f"entities.{key}")
    identifier = _identifier(block.get("id"), path, where("id"))
    if identifier in seen:
        raise KgError(f"'{identifier}' is in the registry twice (first at line {seen[identifier]}); merge the "
                      "two blocks", path, where("id").line, "entities.id")
    seen[identifier] = where("id").line
    name, kind = _text(block, "name", path, where), _text(block, "type", path, where)
    cls = None
    if kind is not None:
        if kind not in TYPES:
            raise KgError(f"unknown type '{kind}'; the registry holds {', '.join(TYPES)} (cities and provinces "
                          "are in the reference data)", path, where("type").line, "entities.type")
        cls = APK[kind]
    if (name is None) != (cls is None):
        missing = "name" if name is None else "type"
        raise KgError(f"a registry entry that declares an entity gives both type and name; add '{missing}:', "
                      "or leave out both to judge an entity declared elsewhere", path, where(missing).line,
                      f"entities.{missing}")
    declaration = Declaration(identifier, cls, name, where("type"), where("name"))
    (registry.declarations if cls is not None else registry.mentions).append(declaration)
    node = entity(identifier)
    if cls is not None:
        _state(registry, (node, RDF.type, cls), where("type"))
        registry.graph.add((node, SKOS.prefLabel, Literal(name)))
        registry.graph.add((node, RDFS.label, Literal(name)))
    for alias, alias_where in _list(block, "aliases", path, where):
        registry.aliases.setdefault(identifier, []).append((alias, alias_where))
        registry.graph.add((node, SKOS.altLabel, Literal(alias)))
    _identity(registry, block, identifier, path, where)
    for item, item_line in _blocks(block, "prefer", path, where):
        registry.preferences.append(_preference(registry, identifier, item, item_line, path))


def _identity(registry: Registry, block: Mapping, identifier: str, path: Path, where) -> None:
    node = entity(identifier)
    qid = _text(block, "wikidata", path, where)
    if qid is not None:
        if not QID.fullmatch(qid):
            raise KgError(f"'{qid}' is not a Wikidata item; write it as Q followed by digits, such as Q3766",
                          path, where("wikidata").line, "entities.wikidata")
        registry.graph.add((node, OWL.sameAs, WD[qid]))
    note = _text(block, "note", path, where)
    if note is not None:
        registry.graph.add((node, SKOS.note, Literal(note)))
    for other, other_where in _list(block, "same_as", path, where):
        other = _identifier(other, path, other_where)
        if other == identifier:
            raise KgError(f"'{identifier}' is the same as itself; name the other identifier", path,
                          other_where.line, "entities.same_as")
        if other in registry.same_as:
            raise KgError(f"'{other}' is already folded into '{registry.same_as[other][0]}' "
                          f"({registry.same_as[other][1]})", path, other_where.line, "entities.same_as")
        registry.same_as[other] = (identifier, other_where)
        registry.graph.add((entity(other), OWL.sameAs, node))
    for other, other_where in _list(block, "distinct_from", path, where):
        other = _identifier(other, path, other_where)
        registry.distinct[frozenset((identifier, other))] = other_where
        registry.graph.add((node, OWL.differentFrom, entity(other)))


def _preference(registry: Registry, identifier: str, item: object, line: int, path: Path) -> Preference:
    if not isinstance(item, Mapping):
        raise KgError("a preference is a block with field, article and reason", path, line, "entities.prefer")
    where = _where(registry, item, "entities.prefer")
    for key in item:
        if key not in PREFER_FIELDS:
            raise KgError(f"unknown field; valid fields are {', '.join(PREFER_FIELDS)}", path,
                          item.key_lines[key], f"entities.prefer.{key}")
    values = {key: _text(item, key, path, where) for key in PREFER_FIELDS}
    for key in ("field", "article", "reason"):
        if not values[key]:
            raise KgError(f"missing required field '{key}'", path, item.line, "entities.prefer")
    if values["field"] not in PREFERABLE:
        raise KgError(f"'{values['field']}' holds many values and needs no preference; a preference settles one "
                      f"of {', '.join(PREFERABLE)}", path, where("field").line, "entities.prefer.field")
    if bool(values["role"]) != bool(values["of"]):
        raise KgError("a position is named by both its role and of (and term if it has one)", path,
                      where("role" if values["role"] is None else "of").line, "entities.prefer")
    node = URIRef(f"{BASE}judgement/prefer/{identifier}/" + "/".join(
        v for v in (values["role"], values["of"], values["term"], values["field"]) if v))
    preference = Preference(identifier, values["field"], values["article"], values["reason"], where("field"),
                            values["role"], values["of"], values["term"], node)
    for p, o in ((RDF.type, APK.Preference), (APK.about, entity(identifier)),
                 (APK.onField, Literal(values["field"])), (APK.preferredArticle, ARTICLE[values["article"]]),
                 (APK.reason, Literal(values["reason"]))):
        registry.graph.add((node, p, o))
    return preference


def _provenance(registry: Registry) -> None:
    graph = registry.graph
    graph.add((REGISTRY_GRAPH, RDF.type, PROV.Entity))
    graph.add((REGISTRY_GRAPH, RDFS.label, Literal("Entity registry: the canonical entities the corpus shares, "
                                                   "and the judgements on identity and conflicting claims",
                                                   lang="en")))
    graph.add((REGISTRY_GRAPH, DCTERMS.source, Literal(f"seeds/{REGISTRY_FILE}")))


def _state(registry: Registry, triple: tuple, where: Where) -> None:
    registry.facts.append(Fact(triple, where))
    registry.graph.add(triple)


def _where(registry: Registry, block: Mapping, section: str):
    def at(key: str) -> Where:
        return Where(registry.path, block.key_lines.get(key, block.line), f"{section}.{key}")
    return at


def _text(block: Mapping, key: str, path: Path, where) -> str | None:
    value = block.get(key)
    if value is not None and not isinstance(value, str):
        raise KgError("expected a single value, not a list or block", path, where(key).line,
                      where(key).field)
    return value


def _list(block: Mapping, key: str, path: Path, where) -> list[tuple[str, Where]]:
    value = block.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [(value, where(key))]
    if not isinstance(value, Sequence) or not all(isinstance(v, str) for v in value):
        raise KgError("expected a word or a list of words", path, where(key).line, where(key).field)
    return [(v, Where(where(key).file, line, where(key).field)) for v, line in zip(value, value.item_lines,
                                                                                   strict=True)]


def _blocks(block: Mapping, key: str, path: Path, where) -> list[tuple[object, int]]:
    value = block.get(key)
    if value is None:
        return []
    if not isinstance(value, Sequence):
        raise KgError("expected a list of blocks, each starting with '- '", path, where(key).line,
                      where(key).field)
    return list(zip(value, value.item_lines, strict=True))


def _identifier(value: object, path: Path, where: Where) -> str:
    if not isinstance(value, str) or not IDENTIFIER.fullmatch(value):
        raise KgError(f"'{value}' is not an identifier; use lower-case letters, digits and hyphens, such as "
                      "'bima-arya'", path, where.line, where.field)
    return value
