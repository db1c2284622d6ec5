"""Reading one annotation file: the article's metadata, the entities it names and the facts it states.

Each fact keeps the words of the article that state it and the line it was
annotated on. The file is checked against the article text, the ontology's
vocabularies and the reference data; anything wrong raises a KgError naming
the file, the line and the field.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS, SDO, SKOS, XSD
from rdflib.term import Node

from kg.dates import DateError, PartialDate, check_not_future, parse_date
from kg.errors import KgError, close_matches, display_path
from kg.model import Declaration, Fact, Triple, Where
from kg.namespaces import APK, ARTICLE, GRAPH, entity, local_name
from kg.ontology import Ontology
from kg.quotes import QuoteError, Span, locate, occurs
from kg.reading import MEGABYTE, Refused, read_text
from kg.reference import Reference
from kg.validate import occurrence_problem, value_problem
from kg.yamlfile import Mapping, Sequence, read_yaml

IDENTIFIER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MAX_TEXT_BYTES = 5 * MEGABYTE
BEFORE_PUBLICATION = "before publication"
SECTIONS = ("article", "entities", "events", "positions", "participations", "agreements", "relations")
ENTITY_TYPES = ("Person", "Organization", "Association", "Commission", "City", "Province", "Venue")
REFERENCE_ONLY_TYPES = ("City", "Province")
RELATIONS = {
    "part_of": APK.partOf,
    "member_of": APK.memberOf,
    "located_in": APK.locatedIn,
    "in_province": APK.inProvince,
}
EVIDENCE = ("quote", "occurrence")
CITY_ROLES = ("mayor", "vice-mayor")
ARTICLE_FIELDS = ("id", "text", "original_name", "title", "publisher", "published", "language", "url",
                  "authors", "editors")
ENTITY_FIELDS = ("id", "type", "name", "aliases", "honorific_prefix", "honorific_suffix", *EVIDENCE)
EVENT_FIELDS = ("id", "type", "name", "aliases", "status", "date", "city", "venue", "organiser", "host",
                "follow_up_of", *EVIDENCE)
POSITION_FIELDS = ("holder", "role", "of", "title", "start", "end", "as_of", *EVIDENCE)
PARTICIPATION_FIELDS = ("participant", "role", "event", "representing", *EVIDENCE)
AGREEMENT_FIELDS = ("id", "type", "name", "aliases", "parties", "topic", "signed_at", "presented_at",
                    "agreed_at", *EVIDENCE)
RELATION_FIELDS = ("subject", "relation", "object", *EVIDENCE)
EVENT_LINKS = {"city": APK.eventCity, "venue": APK.venue, "organiser": APK.organiser, "host": APK.host,
               "follow_up_of": APK.followUpOf}
AGREEMENT_LINKS = {"parties": APK.party, "signed_at": APK.signedAt, "presented_at": APK.presentedAt,
                   "agreed_at": APK.agreedAt}


@dataclass
class ArticleAnnotation:
    """One article as its annotation file describes it."""

    identifier: str
    path: str
    text: str
    published: PartialDate | None
    declarations: list[Declaration] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    metadata: list[Triple] = field(default_factory=list)

    @property
    def iri(self) -> URIRef:
        return ARTICLE[self.identifier]

    @property
    def graph_iri(self) -> URIRef:
        return GRAPH["article/" + self.identifier]


@dataclass(frozen=True)
class Item:
    """One value of a field, with the words that state it and where it was written."""

    text: str
    span: Span | None
    where: Where


class Record:
    """One block of an annotation file (an entity, an event, a position...), read field by field."""

    def __init__(self, reader: AnnotationReader, data: object, line: int, section: str, fields: tuple[str, ...],
                 required: tuple[str, ...]) -> None:
        self.reader = reader
        self.section = section
        if not isinstance(data, Mapping):
            raise KgError("expected a block of 'field: value' lines", reader.path, line, section)
        self.data = data
        for key in data:
            if key not in fields:
                raise self.error(key, f"unknown field; valid fields are {', '.join(fields)}")
        for key in required:
            if not data.get(key):
                raise KgError(f"missing required field '{key}'", reader.path, data.line, section)
        self.span = self._evidence(data, "quote") if "quote" in fields and data.get("quote") is not None else None

    def where(self, key: str) -> Where:
        return Where(self.reader.shown, self.data.key_lines.get(key, self.data.line), f"{self.section}.{key}")

    def error(self, key: str, message: str) -> KgError:
        where = self.where(key)
        return KgError(message, self.reader.path, where.line, where.field)

    def text(self, key: str) -> str | None:
        value = self.data.get(key)
        if value is not None and not isinstance(value, str):
            raise self.error(key, "expected a single value, not a list or block")
        if value is not None:
            self._check(key, value, self.where(key))
        return value

    def _check(self, key: str, value: str, where: Where) -> None:
        problem = value_problem(key, value)
        if problem:
            raise KgError(problem, self.reader.path, where.line, where.field)

    def items(self, key: str) -> list[Item]:
        """The values of a field: a word, a list of words, or blocks with their own 'value' and 'quote'."""
        value = self.data.get(key)
        if value is None:
            return []
        if isinstance(value, Sequence):
            return [self._item(v, line, key) for v, line in zip(value, value.item_lines, strict=True)]
        return [self._item(value, self.data.key_lines[key], key)]

    def item(self, key: str) -> Item | None:
        items = self.items(key)
        if len(items) > 1:
            raise self.error(key, "expected a single value, not a list")
        return items[0] if items else None

    def _item(self, value: object, line: int, key: str) -> Item:
        where = Where(self.reader.shown, line, f"{self.section}.{key}")
        if isinstance(value, str):
            self._check(key, value, where)
            return Item(value, self.span, where)
        if isinstance(value, Mapping):
            unknown = set(value) - {"value", *EVIDENCE}
            if unknown or not isinstance(value.get("value"), str):
                raise KgError("a value with its own evidence has the fields value, quote and occurrence",
                              self.reader.path, line, where.field)
            span = self._evidence(value, f"{key}.quote") if value.get("quote") is not None else self.span
            self._check(key, value["value"], where)
            return Item(value["value"], span, where)
        raise KgError("expected a value or a list of values", self.reader.path, line, where.field)

    def _evidence(self, block: Mapping, label: str) -> Span:
        line = block.key_lines.get("quote", block.line)
        occurrence = block.get("occurrence")
        if occurrence is not None and (not isinstance(occurrence, str) or occurrence_problem(occurrence)):
            raise KgError(occurrence_problem(""), self.reader.path,
                          block.key_lines["occurrence"], f"{self.section}.occurrence")
        quote = block["quote"]
        if not isinstance(quote, str):
            raise KgError("a quote is one piece of text", self.reader.path, line, f"{self.section}.{label}")
        try:
            return locate(self.reader.text, quote, int(occurrence) if occurrence else None)
        except QuoteError as exc:
            raise KgError(str(exc), self.reader.path, line, f"{self.section}.{label}") from None


class AnnotationReader:
    """Reads one annotation file into an ArticleAnnotation."""

    def __init__(self, path: Path, ontology: Ontology, reference: Reference, root: Path | None = None) -> None:
        self.path = path
        self.root = root or path.resolve().parent.parent
        self.shown = display_path(path)
        self.ontology = ontology
        self.reference = reference
        self.text = ""
        self.local: dict[str, Declaration] = {}
        self.records: set[URIRef] = set()

    def read(self) -> ArticleAnnotation:
        data = read_yaml(self.path)
        if not isinstance(data, Mapping):
            raise KgError("expected sections such as 'article:' and 'entities:' at the top level", self.path, 1)
        for key in data:
            if key not in SECTIONS:
                raise KgError(f"unknown section '{key}'; valid sections are {', '.join(SECTIONS)}",
                              self.path, data.key_lines[key])
        if "article" not in data:
            raise KgError("missing required section 'article'", self.path, 1)
        metadata = Record(self, data["article"], data.key_lines["article"], "article", ARTICLE_FIELDS,
                          ("id", "text", "language"))
        self.article = self._article(metadata)
        blocks = {name: self._blocks(data, name) for name in SECTIONS[1:]}
        for name, fields, required in (("entities", ENTITY_FIELDS, ("id", "type", "quote")),
                                       ("events", EVENT_FIELDS, ("id", "type", "name", "status", "quote")),
                                       ("agreements", AGREEMENT_FIELDS, ("id", "type", "name", "quote"))):
            blocks[name] = [Record(self, b, line, name, fields, required) for b, line in blocks[name]]
            for record in blocks[name]:
                self._declare(record)
        self._metadata(metadata)
        for record in blocks["events"]:
            self._event(record)
        for record in blocks["agreements"]:
            self._agreement(record)
        for name, fields, required, handler in (
            ("positions", POSITION_FIELDS, ("holder", "role", "of", "quote"), self._position),
            ("participations", PARTICIPATION_FIELDS, ("participant", "role", "event", "quote"), self._participation),
            ("relations", RELATION_FIELDS, ("subject", "relation", "object", "quote"), self._relation),
        ):
            for block, line in blocks[name]:
                handler(Record(self, block, line, name, fields, required))
        return self.article

    def _blocks(self, data: Mapping, name: str) -> list[tuple[object, int]]:
        value = data.get(name)
        if value is None:
            return []
        if not isinstance(value, Sequence):
            raise KgError(f"'{name}' must be a list of blocks, each starting with '- '", self.path,
                          data.key_lines[name], name)
        return list(zip(value, value.item_lines, strict=True))

    # article metadata

    def _article(self, record: Record) -> ArticleAnnotation:
        identifier = self._identifier(record, "id")
        text_path = Path(os.path.normpath(self.path.parent / record.text("text")))
        try:
            self.text = read_text(text_path, MAX_TEXT_BYTES, self.root)
        except FileNotFoundError:
            raise record.error("text", f"article file not found: {display_path(text_path)}; "
                                       "the path is relative to the annotation file") from None
        except Refused as refused:
            line = f" (its line {refused.line})" if refused.line else ""
            raise record.error("text", f"cannot use {display_path(text_path)} as the article text: "
                                       f"{refused}{line}") from None
        except OSError as exc:
            raise record.error("text", f"cannot read the article file {display_path(text_path)}: "
                                       f"{exc.strerror}") from None
        published = None
        if record.text("published"):
            published = self._date(record, "published", None)
            try:
                check_not_future(published, record.text("published"))
            except DateError as exc:
                raise record.error("published", str(exc)) from None
        return ArticleAnnotation(identifier, self.shown, self.text, published)

    def _metadata(self, record: Record) -> None:
        article = self.article
        add = article.metadata.append
        add((article.iri, RDF.type, APK.Article))
        add((article.iri, SDO.inLanguage, Literal(record.text("language"))))
        add((article.iri, SDO.text, Literal(self.text)))
        for key, prop in (("title", SDO.headline), ("original_name", APK.originalFileName)):
            if record.text(key):
                add((article.iri, prop, Literal(record.text(key))))
        if article.published:
            add((article.iri, SDO.datePublished, article.published.literal()))
        if record.text("url"):
            add((article.iri, SDO.url, Literal(record.text("url"), datatype=XSD.anyURI)))
        for key, prop in (("publisher", SDO.publisher), ("authors", SDO.author), ("editors", SDO.editor)):
            for item in record.items(key):
                add((article.iri, prop, self._ref(item)))

    # declarations

    def _declare(self, record: Record) -> None:
        identifier = self._identifier(record, "id")
        if identifier in self.local:
            raise record.error("id", f"'{identifier}' is declared twice in this file (first at "
                                     f"line {self.local[identifier].where.line}); merge the two blocks")
        cls = self._class(record)
        name = record.text("name")
        known = self.reference.declarations.get(identifier)
        if known is not None:
            if known.cls != cls:
                raise record.error("type", f"'{identifier}' is a {local_name(known.cls)} in the "
                                           f"reference data ({known.where}), not a {local_name(cls)}")
            if name is not None and name != known.name:
                raise record.error("name", f"'{identifier}' takes its name '{known.name}' from the reference data; "
                                           "put the article's spelling under aliases")
            name = None
        self.local[identifier] = Declaration(identifier, cls, name, record.where("type"), record.where("name"))
        self.article.declarations.append(self.local[identifier])
        node = entity(identifier)
        self._fact((node, RDF.type, cls), Item(identifier, record.span, record.where("type")))
        if name is not None:
            self._fact((node, SKOS.prefLabel, Literal(name)), Item(name, record.span, record.where("name")))
            self._fact((node, RDFS.label, Literal(name)), Item(name, record.span, record.where("name")))
        for item in record.items("aliases"):
            if not occurs(self.text, item.text):
                raise self._error(item, f"alias '{item.text}' does not occur in the article; aliases are the "
                                        "names the article uses")
            others = sorted(self.reference.named(item.text, cls) - {identifier})
            if others:
                raise self._error(item, f"'{item.text}' is a name of {others[0]} in the reference data; use that "
                                        "identifier if the article means it")
            self._fact((node, SKOS.altLabel, Literal(item.text)), item)
        for key, prop in (("honorific_prefix", SDO.honorificPrefix), ("honorific_suffix", SDO.honorificSuffix)):
            if record.item(key):
                self._fact((node, prop, Literal(record.item(key).text)), record.item(key))

    def _class(self, record: Record) -> URIRef:
        section = record.section
        if section == "events":
            return APK.Event
        if section == "agreements":
            return APK.Agreement
        name = record.text("type")
        if name == "Mayor":
            raise record.error("type", "Mayor is inferred, never annotated; declare a Person and add a position "
                                       "with role: mayor")
        if name not in ENTITY_TYPES:
            raise record.error("type", f"unknown type '{name}'; use one of {', '.join(ENTITY_TYPES)} "
                                       "(events and agreements have their own sections)")
        identifier = record.text("id")
        if name in REFERENCE_ONLY_TYPES and identifier not in self.reference.declarations:
            kind = "city" if name == "City" else "province"
            hint = self._suggest(identifier, [d for d, v in self.reference.declarations.items()
                                              if v.cls == self.ontology.classes[name]])
            raise record.error("id", f"{kind} '{identifier}' is not in the reference data (seeds/reference/); "
                                     f"use its reference identifier{hint}")
        return self.ontology.classes[name]

    # facts

    def _event(self, record: Record) -> None:
        node = self._entity_node(record)
        self._concept(record, node, "type", "event-types", APK.eventType)
        self._concept(record, node, "status", "event-statuses", APK.eventStatus)
        date = record.item("date")
        if date is not None:
            if date.text.strip().lower() == BEFORE_PUBLICATION:
                if self.article.published is None:
                    raise self._error(date, "'before publication' needs the article's published date")
                self._fact((node, APK.latestDate, self.article.published.date_only().literal()), date)
            else:
                self._fact((node, APK.date, self._date(record, "date", self._year()).literal()), date)
        self._links(record, node, EVENT_LINKS)

    def _agreement(self, record: Record) -> None:
        node = self._entity_node(record)
        self._concept(record, node, "type", "agreement-types", APK.agreementType)
        topic = record.item("topic")
        if topic is not None:
            if not occurs(self.text, topic.text):
                raise self._error(topic, "the topic must be the article's own words; copy them from the text")
            self._fact((node, APK.topic, Literal(topic.text, lang="id")), topic)
        self._links(record, node, AGREEMENT_LINKS)

    def _position(self, record: Record) -> None:
        holder, role, of = (record.item(k) for k in ("holder", "role", "of"))
        node = self._record_node(record, "position", holder, role, of)
        self._fact((node, RDF.type, APK.Position), Item("Position", record.span, record.where("holder")))
        self._fact((node, APK.holder, self._ref(holder)), holder)
        self._concept(record, node, "role", "roles", APK.role)
        self._fact((node, APK.positionIn, self._ref(of)), of)
        if role.text in CITY_ROLES and self._class_of(of.text) != APK.City:
            raise self._error(of, f"a {role.text} holds office in a city, and '{of.text}' is not a City")
        if record.item("title"):
            self._fact((node, APK.postTitle, Literal(record.item("title").text)), record.item("title"))
        for key, prop in (("start", APK.startDate), ("end", APK.endDate)):
            if record.item(key):
                self._fact((node, prop, self._date(record, key, self._year()).literal()), record.item(key))
        self._as_of(record, node)

    def _participation(self, record: Record) -> None:
        participant, role, event = (record.item(k) for k in ("participant", "role", "event"))
        node = self._record_node(record, "participation", participant, role, event)
        self._fact((node, RDF.type, APK.Participation), Item("Participation", record.span,
                                                             record.where("participant")))
        self._fact((node, APK.participant, self._ref(participant)), participant)
        self._concept(record, node, "role", "participation-roles", APK.participationRole)
        self._fact((node, APK.participationIn, self._ref(event)), event)
        self._links(record, node, {"representing": APK.representing})

    def _relation(self, record: Record) -> None:
        relation = record.item("relation")
        prop = RELATIONS.get(relation.text)
        if prop is None:
            raise self._error(relation, f"unknown relation '{relation.text}'; use one of {', '.join(RELATIONS)}")
        subject = self._ref(record.item("subject"))
        self._fact((subject, prop, self._ref(record.item("object"))), relation)

    def _as_of(self, record: Record, node: URIRef) -> None:
        item = record.item("as_of")
        if item is not None:
            self._fact((node, APK.asOf, self._date(record, "as_of", self._year()).literal()), item)
        elif self.article.published is not None:
            default = Item("published", record.span, record.where("quote"))
            self._fact((node, APK.asOf, self.article.published.date_only().literal()), default)

    def _links(self, record: Record, node: URIRef, links: dict[str, URIRef]) -> None:
        for key, prop in links.items():
            for item in record.items(key):
                self._fact((node, prop, self._ref(item)), item)

    def _concept(self, record: Record, node: URIRef, key: str, scheme: str, prop: URIRef) -> None:
        item = record.item(key)
        concepts = self.ontology.concepts[scheme]
        if item.text not in concepts:
            raise self._error(item, f"unknown {key} '{item.text}'; use one of {', '.join(sorted(concepts))}")
        self._fact((node, prop, concepts[item.text]), item)

    @staticmethod
    def _entity_node(record: Record) -> URIRef:
        """The node of an event or agreement; its names were stated when it was declared."""
        return entity(record.text("id"))

    def _record_node(self, record: Record, kind: str, *parts: Item) -> URIRef:
        for part in parts:
            if not IDENTIFIER.fullmatch(part.text):
                raise self._error(part, f"'{part.text}' is not an identifier (lower-case letters, digits, hyphens)")
        node = URIRef(f"{self.article.iri}/{kind}/" + "/".join(p.text for p in parts))
        if node in self.records:
            raise self._error(parts[0], f"this {kind} is annotated twice in this file; keep one")
        self.records.add(node)
        return node

    def _fact(self, triple: tuple[URIRef, URIRef, Node], item: Item) -> None:
        if item.span is None:
            raise self._error(item, "no evidence: add a quote to the block or to this value")
        self.article.facts.append(Fact(triple, item.where, item.span))

    # values

    def _ref(self, item: Item) -> URIRef:
        identifier = item.text
        if identifier in self.local or identifier in self.reference.declarations:
            return entity(identifier)
        hint = self._suggest(identifier, [*self.local, *self.reference.declarations])
        raise self._error(item, f"unknown entity '{identifier}'; declare it under 'entities:' with a quote"
                                f"{hint}")

    def _class_of(self, identifier: str) -> URIRef:
        known = self.local.get(identifier) or self.reference.declarations[identifier]
        return known.cls

    def _identifier(self, record: Record, key: str) -> str:
        identifier = record.text(key)
        if not IDENTIFIER.fullmatch(identifier or ""):
            raise record.error(key, f"'{identifier}' is not an identifier; use lower-case letters, digits and "
                                    "hyphens, such as 'maulan-aklil'")
        return identifier

    def _date(self, record: Record, key: str, year: int | None) -> PartialDate:
        try:
            return parse_date(record.item(key).text, year)
        except DateError as exc:
            raise self._error(record.item(key), str(exc)) from None

    def _year(self) -> int | None:
        return self.article.published.year if self.article.published else None

    def _error(self, item: Item, message: str) -> KgError:
        return KgError(message, self.path, item.where.line, item.where.field)

    @staticmethod
    def _suggest(identifier: str | None, candidates: list[str]) -> str:
        close = close_matches(identifier or "", candidates)
        return f" (did you mean {', '.join(close)}?)" if close else ""


def read_annotation(path: Path, ontology: Ontology, reference: Reference, root: Path | None = None
                    ) -> ArticleAnnotation:
    """Read and check one annotation file; its article text must lie inside `root` (default: the seeds folder,
    the one above the annotation's folder)."""
    return AnnotationReader(path, ontology, reference, root).read()
