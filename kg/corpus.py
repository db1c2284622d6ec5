"""The index of the corpus: every identifier with its class, its preferred name and where it is declared.

Built from the reference data, the registry and a light scan of each
annotation file (its `id`, `type`, `name` and `aliases` lines), before any
article is read in full, so that an article can use any identifier the corpus
knows without declaring it. An identifier is declared once: by the reference
data, by the registry, or by the first annotation file (in file order) that
gives it a name; every other mention must agree with it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import URIRef

from kg.errors import KgError, close_matches
from kg.model import Where
from kg.namespaces import APK, local_name
from kg.ontology import Ontology
from kg.reference import Reference
from kg.registry import Registry

SECTION_OF = {APK.Event: "events", APK.EventSeries: "series", APK.Agreement: "agreements"}
REFERENCE_ONLY = (APK.City, APK.Province, APK.Country)


@dataclass(frozen=True)
class Entry:
    """One block of `entities:`, `events:` or `agreements:` in an annotation file, as the scan sees it."""

    identifier: str
    section: str
    cls: URIRef | None
    name: str | None
    where: Where
    name_where: Where
    aliases: tuple[tuple[str, Where], ...] = ()
    concept: tuple[str, Where] | None = None
    typed: bool = False
    id_where: Where | None = None


@dataclass(frozen=True)
class Known:
    """An identifier the corpus knows: its class, preferred name and where that name is stated."""

    identifier: str
    cls: URIRef
    name: str
    where: Where
    source: str

    @property
    def place(self) -> str:
        """Where the declaration is, as an error names it: "the registry (seeds/entities.yaml line 9)"."""
        return str(self.where) if self.source == self.where.file else f"{self.source} ({self.where})"


@dataclass(frozen=True)
class Duplicate:
    """Two identifiers of one class that share a name: possibly one thing declared twice."""

    name: str
    first: str
    first_where: Where
    second: str
    second_where: Where

    def __str__(self) -> str:
        return (f"'{self.first}' ({self.first_where}) and '{self.second}' ({self.second_where}) are both named "
                f"'{self.name}'; if they are one, fold one into the other with same_as in the registry, else record "
                "distinct_from")


@dataclass
class Corpus:
    """Identifiers, their names and the registry's identity judgements."""

    ontology: Ontology
    reference: Reference
    known: dict[str, Known] = field(default_factory=dict)
    folded: dict[str, str] = field(default_factory=dict)
    distinct: set[frozenset[str]] = field(default_factory=set)
    names: dict[str, list[tuple[str, Where]]] = field(default_factory=dict)
    concepts: dict[str, tuple[str, Where]] = field(default_factory=dict)

    def reference_named(self, name: str, cls: URIRef) -> set[str]:
        return self.reference.named(name, cls)

    def canonical(self, identifier: str) -> str:
        return self.folded.get(identifier, identifier)

    def get(self, identifier: str) -> Known | None:
        return self.known.get(self.canonical(identifier))

    def fits(self, cls: URIRef, expected: URIRef | None) -> bool:
        """Whether an entity of class `cls` may stand where the ontology expects `expected`."""
        if expected is None or expected in self.ontology.superclasses(cls):
            return True
        members = self.ontology.union_members(expected)
        return members != [expected] and any(self.fits(cls, member) for member in members)

    def closest(self, identifier: str, expected: URIRef | None) -> list[str]:
        candidates = {i for i, k in self.known.items() if self.fits(k.cls, expected)}
        folded = {f for f, c in self.folded.items() if c in candidates}
        return close_matches(identifier, sorted(candidates | folded))

    def duplicates(self) -> list[Duplicate]:
        """Pairs of identifiers of one class sharing a name, that the registry has not judged distinct."""
        by_name: dict[tuple[str, URIRef], dict[str, tuple[str, Where]]] = {}
        for identifier, names in sorted(self.names.items()):
            known = self.known.get(identifier)
            if known is None:
                continue
            for name, where in names:
                key = (" ".join(name.casefold().split()), known.cls)
                by_name.setdefault(key, {}).setdefault(identifier, (name, where))
        found = []
        for holders in by_name.values():
            ids = sorted(holders)
            for i, first in enumerate(ids):
                for second in ids[i + 1:]:
                    if frozenset((first, second)) not in self.distinct:
                        name, first_where = holders[first]
                        found.append(Duplicate(name, first, first_where, second, holders[second][1]))
        return sorted(found, key=lambda d: (d.first, d.second, d.name))


def index_corpus(ontology: Ontology, reference: Reference, registry: Registry,
                 scans: Iterable[tuple[str, list[Entry]]]) -> Corpus:
    """The corpus index, after checking that every declaration and mention agrees with the canonical one."""
    corpus = Corpus(ontology, reference)
    for identifier, declaration in reference.declarations.items():
        corpus.known[identifier] = Known(identifier, declaration.cls, declaration.name, declaration.where,
                                         "the reference data")
    for name, identifiers in reference.names.items():
        for identifier in identifiers:
            corpus.names.setdefault(identifier, []).append((name, reference.declarations[identifier].where))
    _registry(corpus, registry)
    pending: dict[str, Entry] = {}
    for _, entries in scans:
        for entry in entries:
            _entry(corpus, entry, pending)
    for identifier, entry in pending.items():
        if identifier in corpus.known or (entry.typed and entry.cls is None):
            continue
        if entry.cls is None:
            close = corpus.closest(identifier, None)
            raise _error(entry.id_where or entry.where,
                         f"'{identifier}' is not known to the corpus; give 'type:' and 'name:' to declare this "
                         f"{'entity' if entry.section == 'entities' else entry.section[:-1]}"
                         + (f" (did you mean {', '.join(close)}?)" if close else ""))
        raise _error(entry.name_where, f"'{identifier}' has no preferred name; add 'name:' here, in another "
                     "file that describes it, or in the registry")
    _judged(corpus, registry)
    return corpus


def _registry(corpus: Corpus, registry: Registry) -> None:
    for folded, (canonical, where) in registry.same_as.items():
        corpus.folded[folded] = canonical
        if folded in corpus.known:
            raise _error(where, f"'{folded}' is in {corpus.known[folded].source}; fold other identifiers into it "
                         "instead")
    corpus.distinct = set(registry.distinct)
    for declaration in registry.declarations:
        identifier = declaration.identifier
        if identifier in corpus.folded:
            raise _error(declaration.where, f"'{identifier}' is folded into '{corpus.folded[identifier]}'; "
                         "declare only the canonical identifier")
        known = corpus.known.get(identifier)
        if known is not None:
            raise _error(declaration.where, f"'{identifier}' is already declared in {known.place}; "
                         "leave out type and name here")
        corpus.known[identifier] = Known(identifier, declaration.cls, declaration.name, declaration.name_where,
                                         "the registry")
        corpus.names.setdefault(identifier, []).append((declaration.name, declaration.name_where))
    for identifier, aliases in registry.aliases.items():
        corpus.names.setdefault(corpus.canonical(identifier), []).extend(aliases)


def _entry(corpus: Corpus, entry: Entry, pending: dict[str, Entry]) -> None:
    identifier = corpus.canonical(entry.identifier)
    known = corpus.known.get(identifier)
    cls = entry.cls or (known.cls if known else None) or (pending[identifier].cls if identifier in pending else None)
    if known is not None and SECTION_OF.get(known.cls, "entities") != entry.section:
        section = SECTION_OF.get(known.cls, "entities")
        raise _error(entry.where, f"'{entry.identifier}' is {_a(known.cls)} ({known.where}); describe it under "
                     f"'{section}:', not '{entry.section}:'")
    if known is not None and cls is not None and cls != known.cls:
        raise _error(entry.where, f"'{entry.identifier}' is {_a(known.cls)} in {known.place}, "
                     f"not {_a(entry.cls)}; one identifier names one thing")
    if identifier in pending and entry.cls is not None and pending[identifier].cls not in (None, entry.cls):
        earlier = pending[identifier]
        raise _error(entry.where, f"'{entry.identifier}' is declared as {local_name(earlier.cls)} in "
                     f"{earlier.where} and as {local_name(entry.cls)} here; one identifier names one thing, so rename "
                     "one of them")
    if known is None and entry.cls in REFERENCE_ONLY:
        kind = "city" if entry.cls == APK.City else "province"
        close = close_matches(identifier, [i for i, k in corpus.known.items() if k.cls == entry.cls])
        raise _error(entry.id_where or entry.where,
                     f"{kind} '{identifier}' is not in the reference data (seeds/reference/); use its reference "
                     "identifier" + (f" (did you mean {', '.join(close)}?)" if close else ""))
    names = corpus.names.setdefault(identifier, [])
    names.extend(entry.aliases)
    if entry.concept is not None:
        first = corpus.concepts.setdefault(identifier, entry.concept)
        if first[0] != entry.concept[0]:
            raise _error(entry.concept[1], f"'{entry.identifier}' is of type '{first[0]}' in {first[1]}, not "
                         f"'{entry.concept[0]}'; one event or agreement has one type")
    if entry.name is None:
        if known is None:
            pending.setdefault(identifier, entry)
        return
    if entry.identifier != identifier:
        names.append((entry.name, entry.name_where))
        return
    if known is not None:
        if entry.name != known.name:
            raise _error(entry.name_where, f"'{identifier}' is named '{known.name}' in {known.place}, "
                         f"not '{entry.name}'; leave out 'name:' here and put the article's "
                         "spelling under aliases")
        return
    if cls is None:
        if entry.typed:
            return
        raise _error(entry.where, f"'{identifier}' is not declared anywhere; give its type to declare it")
    corpus.known[identifier] = Known(identifier, cls, entry.name, entry.name_where, entry.where.file)
    names.append((entry.name, entry.name_where))


def _judged(corpus: Corpus, registry: Registry) -> None:
    """Every identifier the registry judges must be known to the corpus."""
    judged = [(d.identifier, d.where) for d in registry.mentions]
    judged += [(canonical, where) for canonical, where in registry.same_as.values()]
    judged += [(p.entity, p.where) for p in registry.preferences]
    for pair, where in registry.distinct.items():
        judged += [(identifier, where) for identifier in sorted(pair)]
    for identifier, where in judged:
        if corpus.canonical(identifier) not in corpus.known:
            hint = close_matches(identifier, corpus.known)
            raise _error(where, f"'{identifier}' is not declared in the reference data, the registry or any "
                         "annotation" + (f" (did you mean {', '.join(hint)}?)" if hint else ""))


def _a(cls: URIRef) -> str:
    name = local_name(cls)
    return ("an " if name[0] in "AEIOU" else "a ") + name


def _error(where: Where, message: str) -> KgError:
    return KgError(message, where.file, where.line, where.field or None)
