"""Reading one article against the corpus into proposals: metadata, entities, posts, events, participations,
agreements and relations, each with the words that state it and the rule that found it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.corpus import Corpus
from kg.dates import PartialDate
from kg.draft import agreements as agreement_rules
from kg.draft.events import ROLE_WORDS, Event, describe, event_at, find_events, host_of
from kg.draft.fuzzy import is_near_miss, near_person, near_places
from kg.draft.gazetteer import Gazetteer, Mention
from kg.draft.people import MINISTRIES, PostMention, posts_with_holders
from kg.draft.proposal import SUGGESTED, UNCERTAIN, Proposal
from kg.draft.text import STOP_WORDS, PersonName, headline_lines, name_at, sentences
from kg.namespaces import APK
from kg.series import EditionError, edition_number
from kg.slug import slugify

ENTITY_KINDS = {APK.Person: "Person", APK.Organization: "Organization", APK.Association: "Association",
                APK.Commission: "Commission", APK.City: "City", APK.Province: "Province", APK.Country: "Country",
                APK.Venue: "Venue"}
PERSON_REACH = 70


@dataclass
class Person:
    """A person the article names: the identifier, the first mention, and every form it takes."""

    identifier: str
    name: str
    span: tuple[int, int]
    rule: str
    prefix: str = ""
    suffix: str = ""
    aliases: list[str] = field(default_factory=list)
    review: str = SUGGESTED
    known: bool = False


@dataclass
class Reference:
    """Words that refer to a person in a sentence: the name, or a post and its holder."""

    start: int
    end: int
    identifier: str


class Drafter:
    """The proposals for one article, in the order they are written."""

    def __init__(self, text: str, corpus: Corpus, gazetteer: Gazetteer, published: PartialDate | None,
                 editions: dict[tuple[str, int], str] | None = None) -> None:
        self.text = text
        self.editions = editions or {}
        self.event_ids: dict[int, str] = {}
        self.corpus = corpus
        self.gazetteer = gazetteer
        self.published = published
        self.sentences = sentences(text)
        self.headlines = headline_lines(text)
        self.mentions = gazetteer.find(text)
        self.mentions = sorted([*self.mentions, *near_places(text, self.mentions, gazetteer)],
                               key=lambda m: m.start)
        self.people: dict[str, Person] = {}
        self.references: list[Reference] = []
        self.proposals: list[Proposal] = []
        self.entities: dict[str, Proposal] = {}

    def draft(self) -> list[Proposal]:
        posts = self._posts()
        events = find_events(self.text, self.sentences, self.headlines, self.published)
        for event in events:
            describe(event, self.text, self.sentences, self.mentions, self.published)
        self._known_people()
        self._short_forms()
        self.events = events
        self._hosts()
        event_blocks = [self._event(event) for event in events]
        self._participations(events)
        self._elections(posts, event_blocks)
        agreements = agreement_rules.find(self.text, self.sentences, self.mentions, events, event_blocks)
        relations = [*agreement_rules.relations(self.text, self.mentions), *self._venue_relations(events),
                     *agreement_rules.city_lists(self.text, self.sentences, self.mentions, events,
                                                 event_blocks, self._event_at)]
        entities = self._known_entities() + [self._person_block(p) for p in self.people.values()]
        ordered = [*entities, *self.entities.values(), *event_blocks, *posts, *self.proposals, *agreements,
                   *relations]
        return _unique(ordered)

    # people and posts

    def _posts(self) -> list[Proposal]:
        people = [m for m in self.mentions if m.cls == APK.Person]
        ministries = {words: i for words, i in MINISTRIES.items() if i in self.corpus.known}
        posts = posts_with_holders(self.text, self.mentions, people, ministries, self.headlines)
        return [self._position(post) for post in posts]

    def _position(self, post: PostMention) -> Proposal:
        holder = self._person(post.holder)
        known = self.corpus.known.get(post.of)
        if known is not None and not any(m.identifier == post.of for m in self.mentions):
            block = Proposal("entities", {"id": post.of, "type": ENTITY_KINDS[known.cls]}, (post.start, post.end),
                             f"named by the post '{post.title or post.role}'")
            self.entities.setdefault(post.of, block)
        span = (min(post.start, post.holder.start), max(post.end, post.holder.end))
        self.references.append(Reference(span[0], span[1], holder.identifier))
        fields: dict[str, object] = {"holder": holder.identifier, "role": post.role, "of": post.of}
        if post.title:
            fields["title"] = post.title
        if post.former:
            fields["end"] = "before publication"
        rule = f"post '{self.text[post.start:post.end]}' ({post.role} of {post.of}), {post.how}"
        near = any(is_near_miss(m.name) for m in self.mentions if post.start <= m.start < post.end)
        return Proposal("positions", fields, span, rule, UNCERTAIN if near else holder.review)

    def _person(self, found: PersonName | Mention) -> Person:
        if isinstance(found, Mention):
            return self._known_person(found)
        known = self.gazetteer.named(found.name)
        near = None if known else near_person(found.name, self.gazetteer)
        identifier = known[0].identifier if known else near.identifier if near else slugify(found.name)
        person = self.people.get(identifier)
        if person is None:
            rule = (f"gazetteer: '{found.name}' ({known[0].source})" if known else near.source if near
                    else f"new person '{found.name}' named beside a post")
            person = self.people[identifier] = Person(identifier, found.name, (found.start, found.end), rule,
                                                      found.prefix, found.suffix, known=bool(known or near),
                                                      review=UNCERTAIN if near else SUGGESTED)
            if near:
                person.aliases.append(found.name)
        if found.nickname and found.nickname not in person.aliases:
            person.aliases.append(found.nickname)
        return person

    def _known_person(self, mention: Mention) -> Person:
        person = self.people.get(mention.identifier)
        if person is None:
            person = self.people[mention.identifier] = Person(
                mention.identifier, self.text[mention.start:mention.end], (mention.start, mention.end),
                f"gazetteer: '{mention.name.surface}' ({mention.name.source})", known=True)
        return person

    def _known_people(self) -> None:
        for mention in self.mentions:
            if mention.cls == APK.Person and not self._in_headline(mention.start):
                self._known_person(mention)
                self.references.append(Reference(mention.start, mention.end, mention.identifier))

    def _short_forms(self) -> None:
        """Later mentions of a new person by part of the name ("Rico Waas" after "Rico Tri Putra Bayu Waas")
        or by the nickname."""
        for person in self.people.values():
            words = person.name.split()
            forms = {" ".join((words[0], words[-1])), " ".join(words[-2:])} if len(words) > 2 else set()
            forms |= set(person.aliases)
            first = words[0] if len(words[0]) > 2 and words[0] not in STOP_WORDS else None
            for form in sorted(forms | {first} - {None, person.name}):
                for match in re.finditer(rf"(?<![\w-]){re.escape(form)}(?![\w-])", self.text):
                    if any(r.start <= match.start() < r.end for r in self.references):
                        continue
                    self.references.append(Reference(match.start(), match.end(), person.identifier))
                    if form not in person.aliases:
                        person.aliases.append(form)

    def _person_block(self, person: Person) -> Proposal:
        if person.known:
            fields: dict[str, object] = {"id": person.identifier, "type": "Person"}
        else:
            fields = {"id": person.identifier, "type": "Person", "name": person.name}
        if person.aliases:
            fields["aliases"] = list(person.aliases)
        if person.prefix:
            fields["honorific_prefix"] = person.prefix
        if person.suffix:
            fields["honorific_suffix"] = person.suffix
        return Proposal("entities", fields, person.span, person.rule, person.review)

    # entities the corpus knows

    def _known_entities(self) -> list[Proposal]:
        by_id: dict[str, list[Mention]] = {}
        for mention in self.mentions:
            if mention.cls != APK.Person:
                by_id.setdefault(mention.identifier, []).append(mention)
        blocks = []
        for identifier, mentions in by_id.items():
            known = self.corpus.known[identifier]
            fields: dict[str, object] = {"id": identifier, "type": ENTITY_KINDS[known.cls]}
            aliases = []
            for mention in mentions:
                surface = self.text[mention.start:mention.end]
                if surface not in aliases and surface != known.name and not surface[0].islower() \
                        and not self.corpus.reference_named(surface, known.cls) - {identifier}:
                    aliases.append(surface)
            if aliases:
                fields["aliases"] = aliases
            if known.cls == APK.Commission and "apeksi" not in by_id and \
                    any(self.text[m.start:m.end].endswith(("APEKSI", "Apeksi")) for m in mentions):
                named = next(m for m in mentions if self.text[m.start:m.end].endswith(("APEKSI", "Apeksi")))
                apeksi = Proposal("entities", {"id": "apeksi", "type": "Association"}, (named.start, named.end),
                                  "APEKSI named with its Komwil")
                self.entities.setdefault("apeksi", apeksi)
            uncertain = any(is_near_miss(m.name) for m in mentions)
            first = mentions[0]
            blocks.append(Proposal("entities", fields, (first.start, first.end),
                                   f"gazetteer: '{first.name.surface}' ({first.name.source})",
                                   UNCERTAIN if uncertain else SUGGESTED))
        return blocks

    def add_entity(self, identifier: str, kind: str, name: str, span: tuple[int, int], rule: str) -> str:
        """A new entity the article names (a venue, an outlet), unless the corpus knows the name already."""
        known = self.gazetteer.named(name)
        if known:
            identifier = known[0].identifier
            fields: dict[str, object] = {"id": identifier, "type": ENTITY_KINDS[known[0].cls]}
        else:
            fields = {"id": identifier, "type": kind, "name": name}
        self.entities.setdefault(identifier, Proposal("entities", fields, span, rule))
        return identifier

    # events and participations

    def _event(self, event: Event) -> Proposal:
        first = event.mentions[0]
        rule = [*event.why]
        series = series_fields(event, self.corpus)
        identifier = self._known_edition(series) or event_id(event)
        fields: dict[str, object] = {"id": identifier, "type": event.kind, "name": event.name,
                                     "status": event.status}
        self.event_ids[id(event)] = identifier
        if identifier in self.corpus.known:
            fields.pop("name")
            rule.append(f"the corpus knows {identifier}" + (" as this edition" if "edition" in series else ""))
        spans: dict[str, tuple[int, int]] = {}
        fields.update(series)
        if series:
            rule.append(f"series {series['series']}" + (f", edition '{event.edition_words}'" if "edition" in series
                                                         else ""))
        if "edition" in series:
            spans["edition"] = event.edition_span
        end = first[1]
        if event.date is not None:
            fields["date"] = event.date[2]
            if not first[0] <= event.date[0] < first[0] + 300:
                spans["date"] = event.date[:2]
            rule.append(f"date '{event.date[2]}' in its sentence")
        sentence = next((b for a, b in self.sentences if a <= first[0] < b), first[1])
        if event.city is not None:
            key = "city" if event.city.cls == APK.City else "province"
            fields[key] = event.city.of_class((APK.City, APK.Province)).identifier
            end = self._extend(spans, key, (event.city.start, event.city.end), end, sentence)
        if event.venue is not None:
            fields["venue"] = self.add_entity(slugify(event.venue[2]), "Venue", event.venue[2], event.venue[:2],
                                              f"venue '{event.venue[2]}' after 'di'")
            end = self._extend(spans, "venue", event.venue[:2], end, sentence)
        if event.organiser is not None:
            mention, start, stop = event.organiser
            fields["organiser"] = mention.identifier
            spans["organiser"] = (start, stop + len(self.text[stop:].split(" ", 1)[0]))
            rule.append("organiser before 'menggelar'")
        if event.host is not None:
            mention, start, stop = event.host
            fields["host"] = mention.identifier
            spans["host"] = (start, stop)
            rule.append("host: the city before 'tuan rumah'")
        span_end = max(end, event.date[1] if event.date and event.date[0] >= first[0] else end)
        if "edition" in spans and first[0] <= spans["edition"][0] and spans["edition"][1] <= span_end:
            spans.pop("edition")
        return Proposal("events", fields, (first[0], span_end), "; ".join(rule), spans=spans)

    def _known_edition(self, series: dict[str, object]) -> str | None:
        if "edition" not in series:
            return None
        try:
            return self.editions.get((str(series["series"]), edition_number(str(series["edition"]))))
        except EditionError:
            return None

    @staticmethod
    def _extend(spans: dict[str, tuple[int, int]], key: str, span: tuple[int, int], end: int, sentence: int) -> int:
        """The end of an event's quote, taken up to a value in its first sentence; a value written in a later
        sentence gets its own quote instead."""
        if span[1] <= sentence:
            return max(end, span[1])
        spans[key] = span
        return end

    def _hosts(self) -> None:
        """The host city of a sentence about an event ("Wali Kota Surabaya, NAME, selaku tuan rumah")."""
        for sentence in self.sentences:
            event = self._event_at(sentence) if "tuan rumah" in self.text[sentence[0]:sentence[1]] else None
            if event is not None:
                host_of(event, self.text, sentence, self.mentions)

    def _elections(self, posts: list[Proposal], event_blocks: list[Proposal]) -> None:
        """`elected_at:` for a post taken at the event its sentence is about ("NAME terpilih sebagai Ketua ...")."""
        ids = {id(e): b.fields["id"] for e, b in zip(self.events, event_blocks, strict=True)}
        for post in posts:
            sentence = next((s for s in self.sentences if s[0] <= post.span[0] < s[1]), None)
            if sentence is None or not re.search(r"terpilih (?:sebagai|menjadi)", self.text[post.span[0]:post.span[1]]):
                continue
            event = self._event_at(sentence)
            if event is not None:
                post.fields["elected_at"] = ids[id(event)]
                post.rule += f"; elected ('terpilih') at {ids[id(event)]}, the event of its sentence"

    def _event_at(self, sentence: tuple[int, int]) -> Event | None:
        return event_at(self.events, sentence[0], self.text, sentence)

    def _participations(self, events: list[Event]) -> None:
        ids = {id(e): self.event_ids[id(e)] for e in events}
        for sentence in self.sentences:
            if self._in_headline(sentence[0]):
                continue
            event = self._event_at(sentence)
            if event is None:
                continue
            for pattern, role, side in ROLE_WORDS:
                for verb in pattern.finditer(self.text, sentence[0], sentence[1]):
                    about = self._nearest_event(sentence, verb.start()) or event
                    who = self._referent(verb, side, sentence)
                    if who is None:
                        continue
                    listed = self._following(who, sentence) if side == "after" else []
                    for person in (who, *listed):
                        span = (min(verb.start(), person.start), max(verb.end(), person.end))
                        if person is not who:
                            span = (self.text.rfind(" ", 0, max(0, person.start - 1)) + 1, person.end)
                        span = (span[0], span[1] if self.text[span[1] - 1] != " " else span[1] - 1)
                        self.proposals.append(Proposal(
                            "participations", {"participant": person.identifier, "role": role,
                                               "event": ids[id(about)]},
                            span, f"'{verb.group().strip()}' ({role}) with the person {side} it, in a sentence "
                                  f"about {about.name}"))

    def _nearest_event(self, sentence: tuple[int, int], position: int) -> Event | None:
        """The event named last before `position` in the sentence ("... Sharing Session ini merupakan kelanjutan
        dari rapat Dewan Pengurus yang dipimpin oleh ..." is about the meeting)."""
        named = [(s, i) for i, e in enumerate(self.events) for s, _ in e.mentions if sentence[0] <= s < position]
        return self.events[max(named)[1]] if named else None

    def _referent(self, verb: re.Match[str], side: str, sentence: tuple[int, int]) -> Reference | None:
        if side == "after":
            after = [r for r in self.references if verb.end() <= r.start < min(sentence[1], verb.end() + PERSON_REACH)]
            if not after:
                found = name_at(self.text, verb.end() + (1 if self.text[verb.end():verb.end() + 1] == " " else 0))
                if found is None:
                    return None
                person = self._person(found)
                return Reference(found.start, found.end, person.identifier)
            first = min(r.start for r in after)
            return max((r for r in after if r.start == first), key=lambda r: r.end)
        return self._subject(verb, sentence)

    def _following(self, reference: Reference, sentence: tuple[int, int]) -> list[Reference]:
        """The people listed after `reference`: "A, B dan C", "A bersama B"."""
        listed, last = [], reference
        while True:
            nxt = [r for r in self.references if last.end < r.start < sentence[1]
                   and re.fullmatch(r",?\s(?:dan\s|serta\s|bersama\s)?", self.text[last.end:r.start])]
            if not nxt:
                return listed
            first = min(r.start for r in nxt)
            last = max((r for r in nxt if r.start == first), key=lambda r: r.end)
            listed.append(last)

    def _subject(self, verb: re.Match[str], sentence: tuple[int, int]) -> Reference | None:
        before = [r for r in self.references if sentence[0] <= r.start and r.end <= verb.start()
                  and verb.start() - r.end < PERSON_REACH]
        if not before:
            return None
        last = max(r.end for r in before)
        return min((r for r in before if r.end == last), key=lambda r: r.start)

    def _venue_relations(self, events: list[Event]) -> list[Proposal]:
        relations = []
        for event in events:
            venue = self.entities.get(slugify(event.venue[2])) if event.venue else None
            if venue is None:
                continue
            city, span = event.venue_city, (event.venue[0], event.venue_city.end if event.venue_city else 0)
            inside = [m for m in self.mentions if event.venue[0] <= m.start and m.end == event.venue[1]]
            if city is None and inside and inside[-1].of_class((APK.City,)):
                city, span = inside[-1], event.venue[:2]
            if city is None:
                continue
            relations.append(Proposal("relations", {"subject": venue.fields["id"], "relation": "located_in",
                                                    "object": city.of_class((APK.City, APK.Province)).identifier},
                                      span, "venue followed by its city"))
        return relations

    def _in_headline(self, position: int) -> bool:
        return any(a <= position < b for a, b in self.headlines)


def event_id(event: Event) -> str:
    return slugify(event.name)


SERIES = {"national-congress": "munas-apeksi", "extraordinary-congress": "munaslub-apeksi",
          "national-working-meeting": "rakernas-apeksi", "sharing-session": "apeksi-sharing-session",
          "regional-congress": "muskomwil-{komwil}-apeksi", "regional-working-meeting": "rakerkomwil-{komwil}-apeksi"}


def series_fields(event: Event, corpus: Corpus) -> dict[str, object]:
    """`series:` (the APEKSI series of the event's kind, of its Komwil for a regional one, when the corpus knows it)
    and `edition:` as the article writes it ("ke-8", "XVII", "kedua")."""
    pattern = SERIES.get(event.kind)
    if pattern is None or ("{komwil}" in pattern and not event.komwil):
        return {}
    series = pattern.format(komwil=event.komwil.lower())
    if series not in corpus.known:
        return {}
    return {"series": series, "edition": event.edition_words} if event.edition_words else {"series": series}


def _unique(proposals: list[Proposal]) -> list[Proposal]:
    seen: set[tuple] = set()
    kept = []
    for proposal in proposals:
        if proposal.key() not in seen:
            seen.add(proposal.key())
            kept.append(proposal)
    return kept

