"""Reading one annotation file: the article's metadata, the entities it names and the facts it states.

Each fact keeps the words of the article that state it and the line it was
annotated on. The file is checked against the article text, the ontology's
vocabularies and the reference data; anything wrong raises a KgError naming
the file, the line and the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SDO, SKOS, XSD
from rdflib.term import Node

from kg.annotation_form import check_block, check_sections, section_blocks
from kg.annotation_format import expand, sections
from kg.corpus import Corpus, Entry, Known
from kg.dates import Bounds, DateError, PartialDate, When, check_not_future, make_period, parse_date, parse_when
from kg.errors import KgError, display_path
from kg.event_dates import TENSES, date_statements
from kg.model import Fact, Triple, Where
from kg.namespaces import APK, ARTICLE, GRAPH, PARTICIPATION, POSITION, entity, entity_id, local_name
from kg.ontology import Ontology
from kg.quotes import occurs
from kg.resolution import ENTITY_TYPES, Item, Record, Resolver
from kg.resolution import MAX_TEXT_BYTES as MAX_TEXT_BYTES
from kg.series import edition_literal, edition_number
from kg.validate import IDENTIFIER
from kg.yamlfile import Mapping, Sequence, read_yaml

SECTIONS = tuple(sections())
RELATIONS = {name: expand(curie) for name, curie in sections()["relations"].field("relation").choice_rdf}
EVENT_LINKS = sections()["events"].links()
AGREEMENT_LINKS = sections()["agreements"].links()
SERIES_LINKS = sections()["series"].links()
POSITION_LINKS = sections()["positions"].links()
DECLARED_IN = ("entities", "series", "events", "agreements")
SECTION_CLASS = {name: expand(sections()[name].rdf or "") for name in DECLARED_IN[1:]}
DECLARING_FIELDS = {name: sections()[name].declaring_fields for name in DECLARED_IN}
EVENT_DATE_PROPERTIES = (APK.date, APK.startDate, APK.endDate, APK.earliestDate, APK.latestDate)


@dataclass
class ArticleAnnotation:
    """One article as its annotation file describes it."""

    identifier: str
    path: str
    text: str
    published: PartialDate | None
    facts: list[Fact] = field(default_factory=list)
    metadata: list[Triple] = field(default_factory=list)

    @property
    def iri(self) -> URIRef:
        return ARTICLE[self.identifier]

    @property
    def graph_iri(self) -> URIRef:
        return GRAPH["article/" + self.identifier]


class AnnotationReader(Resolver):
    """Reads one annotation file into an ArticleAnnotation: each block's facts, mapped to RDF, with their evidence.

    The form of each block is checked by Record (kg/annotation_form.py); what its values name is resolved by
    Resolver (kg/resolution.py); what remains here is the mapping of resolved values to statements."""

    def __init__(self, path: Path, ontology: Ontology, corpus: Corpus, data: object | None = None,
                 root: Path | None = None) -> None:
        super().__init__(path, ontology, corpus, root)
        self.data = read_yaml(path) if data is None else data
        self.local: dict[str, str] = {}
        self.records: set[URIRef] = set()

    def read(self) -> ArticleAnnotation:
        data = check_sections(self.data, self.path)
        metadata = Record(self, data["article"], data.key_lines["article"], "article")
        self.article = self._article(metadata)
        blocks = {name: self._blocks(data, name) for name in sections() if name != "article"}
        for name in DECLARED_IN:
            blocks[name] = [Record(self, b, line, name) for b, line in blocks[name]]
            for record in blocks[name]:
                self._entry(record)
        self._metadata(metadata)
        for record in blocks["series"]:
            self._links(record, entity(self.corpus.canonical(record.text("id"))), SERIES_LINKS)
        for record in blocks["events"]:
            self._event(record)
        for record in blocks["agreements"]:
            self._agreement(record)
        for name, handler in (("positions", self._position), ("participations", self._participation),
                              ("relations", self._relation)):
            for block, line in blocks[name]:
                handler(Record(self, block, line, name))
        return self.article

    def _blocks(self, data: Mapping, name: str) -> list[tuple[object, int]]:
        return section_blocks(data, name, self.path)

    # article metadata

    def _article(self, record: Record) -> ArticleAnnotation:
        identifier = record.text("id")
        self.text = self._read_text(record)
        published = None
        if record.text("published"):
            published = self._date(record, "published", None)
            try:
                check_not_future(published, record.text("published"))
            except DateError as exc:
                raise record.error("published", str(exc)) from None
        self.published = published
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
        for key, prop in sections()["article"].links().items():
            for item in record.items(key):
                add((article.iri, prop, self._ref(item, prop)))

    # what the article says about each entity it describes

    def _entry(self, record: Record) -> None:
        """The names and type this article gives an entity; the preferred name only where it is declared."""
        identifier = record.text("id")
        canonical = self.corpus.canonical(identifier)
        if canonical in self.local:
            raise record.error("id", f"'{identifier}' and '{self.local[canonical]}' are one entity (same_as in the "
                                     "registry), and this file describes both; merge the two blocks")
        self.local[canonical] = identifier
        known = self._known(record, identifier)
        node = entity(canonical)
        declaring = known.where == record.where("name") and known.source == self.shown
        name = record.text("name")
        if record.section != "entities" or record.text("type") is not None:
            self._fact((node, RDF.type, known.cls), Item(identifier, record.span, record.where("type")))
        if declaring:
            self._require(record, DECLARING_FIELDS[record.section])
            name_item = Item(name, record.span, record.where("name"))
            self._fact((node, SKOS.prefLabel, Literal(name)), name_item)
            self._fact((node, RDFS.label, Literal(name)), name_item)
        elif name is not None:
            self._name(node, known, Item(name, record.span, record.where("name")), identifier != canonical)
        for item in record.items("aliases"):
            self._alias(node, known, item)
        for key, prop in (("honorific_prefix", SDO.honorificPrefix), ("honorific_suffix", SDO.honorificSuffix)):
            if record.item(key):
                self._fact((node, prop, Literal(record.item(key).text)), record.item(key))

    def _name(self, node: URIRef, known: Known, item: Item, folded: bool) -> None:
        """A name given to an entity declared elsewhere: kept as a name this article uses, if it uses it."""
        if folded and item.text != known.name:
            self._fact((node, SKOS.altLabel, Literal(item.text)), item)
        elif occurs(self.text, item.text):
            self._fact((node, RDFS.label, Literal(item.text)), item)

    def _alias(self, node: URIRef, known: Known, item: Item) -> None:
        if not occurs(self.text, item.text):
            raise self._error(item, f"alias '{item.text}' does not occur in the article as whole words; aliases "
                                    "are the names the article uses")
        others = sorted(self.corpus.reference_named(item.text, known.cls) - {known.identifier})
        if others:
            raise self._error(item, f"'{item.text}' is a name of {others[0]} in the reference data; use that "
                                    "identifier if the article means it")
        label = RDFS.label if item.text == known.name else SKOS.altLabel
        self._fact((node, label, Literal(item.text)), item)

    def _require(self, record: Record, keys: tuple[str, ...]) -> None:
        for key in keys:
            if record.data.get(key) in (None, ""):
                given = ", ".join(keys[:-1]) + f" and {keys[-1]}" if len(keys) > 1 else keys[0]
                raise KgError(f"missing required field '{key}': this file declares '{record.text('id')}', so "
                              f"it gives its {given}", self.path, record.data.line, record.section)

    # facts

    def _event(self, record: Record) -> None:
        node = entity(self.corpus.canonical(record.text("id")))
        self._concept(record, node, "type", "event-types", APK.eventType)
        self._concept(record, node, "status", "event-statuses", APK.eventStatus)
        self._event_dates(record, node)
        self._links(record, node, EVENT_LINKS)
        self._province_of_city(record)
        self._topics(record, node, record.items("topics"))
        self._edition(record, node)

    def _edition(self, record: Record, node: URIRef) -> None:
        """The series an event belongs to and its number in it, from the article's words ("ke-13", "XVII")."""
        item = record.item("edition")
        if item is None:
            return
        if record.item("series") is None:
            raise self._error(item, "an edition is a number within a series; add series: (such as rakernas-apeksi)")
        number = self._when(item, lambda: edition_number(item.text))
        if item.span is not None and not occurs(item.span.exact, item.text):
            raise self._error(item, f"the edition '{item.text}' is not in the quote as whole words; quote the words "
                                    "that number the event, such as 'Muskomwil IV ke-13'")
        self._fact((node, APK.edition, edition_literal(number)), item)

    def _province_of_city(self, record: Record) -> None:
        """An event's province agrees with the reference data's province of its city."""
        city, province = record.item("city"), record.item("province")
        if city is None or province is None:
            return
        actual = self.corpus.reference.graph.value(self._ref(city, APK.eventCity), APK.inProvince)
        if actual is not None and actual != self._ref(province, APK.eventProvince):
            raise self._error(province, f"'{city.text}' is in {entity_id(actual)} in the reference data, not in "
                                        f"'{province.text}'")

    def _event_dates(self, record: Record, node: URIRef) -> None:
        """`date:` (a date, a period or a bound) or `start:` and `end:`; a period of one day is a date."""
        tense = TENSES.get(record.text("status") or "")
        date, start, end = (record.item(key) for key in ("date", "start", "end"))
        if date is not None and (start or end):
            raise self._error(start or end, "give either date: or start: and end:, not both")
        if date is not None:
            when = self._when(date, lambda: parse_when(date.text, self.article.published, tense))
            self._date_facts(node, when, "date", date)
            return
        first, last = (self._date(record, key, self._published(), tense) if record.item(key) else None
                       for key in ("start", "end"))
        if first and last and isinstance(self._when(end, lambda: make_period(first, last, "the event")), PartialDate):
            self._date_facts(node, first, "date", start)
            return
        for key, value in (("start", first), ("end", last)):
            if value is not None:
                self._date_facts(node, value, key, record.item(key))

    def _date_facts(self, node: URIRef, when: When, role: str, item: Item) -> None:
        for prop, value in date_statements(when, role, self.ontology.concepts["date-qualifiers"]):
            self._fact((node, prop, value), item)

    def _agreement(self, record: Record) -> None:
        node = entity(self.corpus.canonical(record.text("id")))
        self._concept(record, node, "type", "agreement-types", APK.agreementType)
        self._topics(record, node, [*record.items("topic"), *record.items("topics")])
        self._links(record, node, AGREEMENT_LINKS)
        self._document(record, node)

    def _position(self, record: Record) -> None:
        holder, role, of, term = (record.item(k) for k in ("holder", "role", "of", "term"))
        holder_node, of_node = self._ref(holder, APK.holder), self._ref(of, APK.positionIn)
        node = self._record_node(record, POSITION, "position", (holder_node, role, of_node, term))
        self._fact((node, RDF.type, APK.Position), Item("Position", record.span, record.where("holder")))
        self._fact((node, APK.holder, holder_node), holder)
        self._concept(record, node, "role", "roles", APK.role)
        self._fact((node, APK.positionIn, of_node), of)
        self._post(record, node, self.ontology.concepts["roles"][role.text], of)
        if record.item("start"):
            self._date_facts(node, self._date(record, "start", self._published()), "start", record.item("start"))
        ended = self._post_end(record, node)
        self._as_of(record, node, ended)
        self._links(record, node, POSITION_LINKS)
        self._document(record, node)

    def _post(self, record: Record, node: URIRef, role: URIRef, of: Item) -> None:
        """Where the role may be held (apk:heldIn) and whether it needs the post's title as written."""
        places = self.ontology.held_in(role)
        if places and not any(c in places for c in self.ontology.superclasses(self.corpus.get(of.text).cls)):
            kinds = " or ".join(local_name(c) for c in places)
            neither = "is neither" if len(places) > 1 else f"is not a {kinds}"
            raise self._error(of, f"a {local_name(role)} holds office in a {kinds}, and '{of.text}' {neither}")
        title = record.item("title")
        if title is None and self.ontology.title_required(role):
            raise record.error("role", f"role {local_name(role)} needs title: the post as the article writes it, "
                                       "such as 'Kepala Bappeda'")
        if title is not None:
            self._fact((node, APK.postTitle, Literal(title.text)), title)

    def _topics(self, record: Record, node: URIRef, topics: list[Item]) -> None:
        """What an event or agreement is about: phrases of the article, each found as whole words."""
        for topic in topics:
            if not occurs(self.text, topic.text):
                raise self._error(topic, f"the topic '{topic.text}' must be the article's own words, found as whole "
                                         "words; copy them from the text")
            self._fact((node, APK.topic, Literal(topic.text, lang="id")), topic)

    def _document(self, record: Record, node: URIRef) -> None:
        """The decree or letter that records a post or agreement, as the article writes its number."""
        item = record.item("document")
        if item is None:
            return
        if not occurs(self.text, item.text):
            raise self._error(item, "the document must be named in the article's own words (such as 'Surat "
                                    "Keputusan Nomor 05/2025'); copy them from the text")
        self._fact((node, APK.document, Literal(item.text)), item)

    def _participation(self, record: Record) -> None:
        participant, role, event = (record.item(k) for k in ("participant", "role", "event"))
        who, what = self._ref(participant, APK.participant), self._ref(event, APK.participationIn)
        node = self._record_node(record, PARTICIPATION, "participation", (who, role, what, None))
        self._fact((node, RDF.type, APK.Participation), Item("Participation", record.span,
                                                             record.where("participant")))
        self._fact((node, APK.participant, who), participant)
        self._concept(record, node, "role", "participation-roles", APK.participationRole)
        self._fact((node, APK.participationIn, what), event)
        self._links(record, node, {"representing": APK.representing})
        self._participation_date(record, node, what)

    def _participation_date(self, record: Record, node: URIRef, event: URIRef) -> None:
        """The day of a participation, within the period this article gives the event."""
        item = record.item("date")
        if item is None:
            return
        day = self._date(record, "date", self._published())
        first, last = self._event_period(event)
        if (first and day.first_day() < first.first_day()) or (last and day.last_day() > last.last_day()):
            period = first.iso() if first == last else f"{first.iso() if first else '...'} to " \
                                                        f"{last.iso() if last else '...'}"
            raise self._error(item, f"the participation is dated {day.iso()}, outside the event's period "
                                    f"({period}) in this article")
        self._fact((node, APK.participationDate, day.literal()), item)

    def _event_period(self, event: URIRef) -> tuple[PartialDate | None, PartialDate | None]:
        """The first and last date this article gives an event (a date, a period or bounds)."""
        dates = {fact.triple[1]: parse_date(str(fact.triple[2])[:10]) for fact in self.article.facts
                 if fact.triple[0] == event and fact.triple[1] in EVENT_DATE_PROPERTIES}
        first = dates.get(APK.date) or dates.get(APK.startDate) or dates.get(APK.earliestDate)
        last = dates.get(APK.date) or dates.get(APK.endDate) or dates.get(APK.latestDate)
        return first, last

    def _relation(self, record: Record) -> None:
        relation = record.item("relation")
        prop = RELATIONS.get(relation.text)
        if prop is None:
            raise self._error(relation, f"unknown relation '{relation.text}'; use one of {', '.join(RELATIONS)}")
        subjects, objects = (self._related(record, key) for key in ("subject", "object"))
        for subject, subject_item in subjects:
            for obj, object_item in objects:
                listed = subject_item if len(subjects) > 1 else object_item if len(objects) > 1 else relation
                self._fact((subject, prop, obj), Item(relation.text, listed.span, listed.where))

    def _related(self, record: Record, key: str) -> list[tuple[URIRef, Item]]:
        """The subject or object of a relation; in a list, each must be named in the quote that states them all."""
        items = record.items(key)
        prop = RELATIONS[record.item("relation").text]
        nodes = [(self._ref(item, prop, domain=key == "subject"), item) for item in items]
        if len(items) == 1 and not isinstance(record.data[key], Sequence):
            return nodes
        seen: set[URIRef] = set()
        for node, item in nodes:
            if node in seen:
                raise self._error(item, f"'{item.text}' is listed twice; list each {key} once")
            seen.add(node)
            self._named_in_quote(item, key)
        return nodes

    def _named_in_quote(self, item: Item, key: str) -> None:
        known = self.corpus.get(item.text)
        names = sorted({known.name, *(name for name, _ in self.corpus.names.get(known.identifier, ()))})
        if item.span is not None and not any(occurs(item.span.exact, name) for name in names):
            raise self._error(item, f"'{item.text}' is not named in the quote; one quote states the relation for "
                                    f"every listed {key}, so it names each by one of its names "
                                    f"({', '.join(names)})")

    def _post_end(self, record: Record, node: URIRef) -> bool:
        """The end of a post: a date, or `before publication` (a former post: an upper bound on the end).
        Whether the post had ended by the publication date."""
        item = record.item("end")
        if item is None:
            return False
        end = self._when(item, lambda: parse_when(item.text, self._published()))
        if isinstance(end, Bounds) and end.earliest is None:
            self._fact((node, APK.endedBefore, end.latest.literal()), item)
            return True
        if not isinstance(end, PartialDate):
            raise self._error(item, f"'{item.text}' is not one date; end: takes one date, or 'before publication' "
                                    "for a former post (\"mantan\")")
        self._date_facts(node, end, "end", item)
        published = self._published()
        return published is not None and end.last_day() < published.first_day()

    def _as_of(self, record: Record, node: URIRef, ended: bool) -> None:
        """As of when the article reports the post as held: `as_of:`, else its publication date, unless the
        post had ended by then (a former post is never reported as held)."""
        item = record.item("as_of")
        if item is not None:
            self._fact((node, APK.asOf, self._date(record, "as_of", self._published()).literal()), item)
        elif self.article.published is not None and not ended:
            default = Item("published", record.span, record.where("quote"))
            self._fact((node, APK.asOf, self.article.published.date_only().literal()), default)

    def _links(self, record: Record, node: URIRef, links: dict[str, URIRef]) -> None:
        for key, prop in links.items():
            for item in record.items(key):
                self._fact((node, prop, self._ref(item, prop)), item)

    def _concept(self, record: Record, node: URIRef, key: str, scheme: str, prop: URIRef) -> None:
        item = record.item(key)
        if item is not None:
            self._fact((node, prop, self._concept_of(item, key, scheme)), item)

    def _record_node(self, record: Record, namespace: Namespace, kind: str,
                     parts: tuple[URIRef | Item | None, ...]) -> URIRef:
        """The canonical node of a position or participation: the same for every article that reports it."""
        keys = []
        for part in parts:
            if isinstance(part, Item):
                if not IDENTIFIER.fullmatch(part.text):
                    raise self._error(part, f"'{part.text}' is not an identifier (lower-case letters, digits, "
                                            "hyphens)")
                keys.append(part.text)
            elif part is not None:
                keys.append(local_name(part))
        node = namespace["/".join(keys)]
        if node in self.records:
            raise record.error("holder" if kind == "position" else "participant",
                               f"this {kind} is annotated twice in this file; keep one")
        self.records.add(node)
        return node

    def _fact(self, triple: tuple[URIRef, URIRef, Node], item: Item) -> None:
        if item.span is None:
            raise self._error(item, "no evidence: add a quote to the block or to this value")
        self.article.facts.append(Fact(triple, item.where, item.span))

@dataclass
class Scan:
    """An annotation file as the corpus index needs it: parsed, with the entities it describes."""

    path: Path
    data: object
    entries: list[Entry]


def scan_annotation(path: Path, ontology: Ontology, parsed: object | None = None) -> Scan:
    """Parse an annotation file (or take it `parsed`) and list the identifiers it describes, their types, names
    and aliases.

    Only what identity needs is read here; everything else is checked when the file is read in full.
    """
    data = check_sections(read_yaml(path) if parsed is None else parsed, path)
    shown = display_path(path)
    entries: list[Entry] = []
    seen: dict[str, int] = {}
    for section in DECLARED_IN:
        for block, line in section_blocks(data, section, path):
            check_block(block, line, section, path)
            if isinstance(block, Mapping) and isinstance(block.get("id"), str):
                identifier = block["id"]
                if identifier in seen:
                    raise KgError(f"'{identifier}' is described twice in this file (first at line {seen[identifier]}); "
                                  "merge the two blocks", path, block.key_lines["id"], f"{section}.id")
                seen[identifier] = block.key_lines["id"]
                entries.append(_scan_entry(block, line, section, shown, ontology))
    return Scan(path, data, entries)


def _scan_entry(block: Mapping, line: int, section: str, shown: str, ontology: Ontology) -> Entry:
    def where(key: str) -> Where:
        return Where(shown, block.key_lines.get(key, line), f"{section}.{key}")

    kind = block.get("type")
    if section == "entities":
        cls, concept = ontology.classes.get(kind) if kind in ENTITY_TYPES else None, None
    else:
        cls = SECTION_CLASS[section]
        concept = (kind, where("type")) if isinstance(kind, str) and section != "series" else None
    aliases = block.get("aliases")
    aliases = [aliases] if isinstance(aliases, str) else aliases if isinstance(aliases, Sequence) else []
    alias_lines = getattr(aliases, "item_lines", [where("aliases").line] * len(aliases))
    name = block.get("name") if isinstance(block.get("name"), str) else None
    return Entry(block["id"], section, cls, name, where("type"), where("name"),
                 tuple((a, Where(shown, n, f"{section}.aliases")) for a, n in zip(aliases, alias_lines, strict=True)
                       if isinstance(a, str)),
                 concept, section != "entities" or kind is not None, where("id"))


def read_annotation(scan: Scan, ontology: Ontology, corpus: Corpus, root: Path | None = None) -> ArticleAnnotation:
    """Read and check one annotation file against the corpus index; its article text must lie inside `root`
    (default: the seeds folder, the one above the annotation's folder)."""
    return AnnotationReader(scan.path, ontology, corpus, scan.data, root).read()
