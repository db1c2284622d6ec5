"""Scoring a draft annotation against a gold one: the facts both give, as the project's reader compiles them.

Used by tests/benchmarks/bench_draft.py and tests/test_draft.py. Each article is drafted in a copy of the
project's seeds (reference data, registry and the seed annotations: never the gold files), as a user would
draft a new article; the gold annotation is compiled against the same corpus.

What counts, per article:
- entities: the identifiers the `entities:` section describes (right identifier, right thing);
- positions: the canonical position nodes (holder, role, where held);
- events: an event is right when a gold event has the same type and the same date statements;
- participations: participant, role and the gold event its event matches;
- relations: subject, relation and object.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import URIRef
from rdflib.namespace import RDF

from kg.annotations import RELATIONS, ArticleAnnotation, read_annotation
from kg.build import index_sources
from kg.draft.command import Draft, draft
from kg.namespaces import APK

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = ROOT / "tests" / "draft"
GOLD = DRAFTS / "annotations"
KINDS = ("entities", "positions", "events", "participations", "relations")
DATES = (APK.date, APK.startDate, APK.endDate, APK.earliestDate, APK.latestDate)


@dataclass
class Facts:
    """What one annotation states, in the comparable form of each kind."""

    entities: set = field(default_factory=set)
    positions: set = field(default_factory=set)
    events: dict = field(default_factory=dict)
    participations: set = field(default_factory=set)
    relations: set = field(default_factory=set)


def gold_files(held_out: bool | None = None) -> list[Path]:
    files = sorted(GOLD.glob("*.yaml"))
    if held_out is None:
        return files
    return [f for f in files if ("../heldout/" in f.read_text(encoding="utf-8")) == held_out]


def text_of(gold: Path) -> Path:
    written = re.search(r"^  text: (\S+)$", gold.read_text(encoding="utf-8"), re.MULTILINE).group(1)
    return (gold.parent / written).resolve()


def published_of(gold: Path) -> str | None:
    found = re.search(r"^  published: \"?([^\"\n]+)\"?$", gold.read_text(encoding="utf-8"), re.MULTILINE)
    return found.group(1) if found else None


def seeds_copy(folder: Path) -> Path:
    """The project's seeds (without its build outputs) in `folder`."""
    seeds = folder / "seeds"
    shutil.copytree(ROOT / "seeds", seeds)
    return seeds


def draft_of(gold: Path, folder: Path) -> tuple[Draft, Path]:
    """Draft the gold file's article in a fresh copy of the seeds, as `kg draft` would; the publication date
    is given (as --published) only when the text has none."""
    seeds = seeds_copy(folder)
    text = text_of(gold)
    article = seeds / "articles" / text.name
    shutil.copy(text, article)
    published = published_of(gold)
    given = published if published and published not in text.read_text(encoding="utf-8") else None
    result = draft(article, published=given, ontology_dir=ROOT / "ontology")
    return result, seeds


def compile_file(seeds: Path, path: Path) -> ArticleAnnotation:
    """One annotation file of `seeds/annotations`, read against the corpus of that seeds folder."""
    ontology, _, scans, corpus = index_sources(seeds, ROOT / "ontology")
    scan = next(s for s in scans if s.path.resolve() == path.resolve())
    return read_annotation(scan, ontology, corpus)


def compile_gold(gold: Path, folder: Path) -> ArticleAnnotation:
    seeds = seeds_copy(folder)
    text = text_of(gold)
    shutil.copy(text, seeds / "articles" / text.name)
    annotation = gold.read_text(encoding="utf-8").replace(f"../heldout/{text.name}", f"../articles/{text.name}")
    target = seeds / "annotations" / gold.name
    target.write_text(annotation, encoding="utf-8")
    return compile_file(seeds, target)


def facts_of(annotation: ArticleAnnotation) -> Facts:
    facts = Facts()
    by_node: dict[URIRef, dict[URIRef, set]] = {}
    for fact in annotation.facts:
        s, p, o = fact.triple
        section = fact.where.field.split(".")[0]
        by_node.setdefault(s, {}).setdefault(p, set()).add(o)
        if section == "entities" and p == RDF.type:
            facts.entities.add(s)
        elif section == "relations" and p in RELATIONS.values():
            facts.relations.add((s, p, o))
    for node, values in by_node.items():
        if APK.Position in values.get(RDF.type, ()):
            facts.positions.add(node)
        if APK.eventType in values:
            dates = frozenset((p, o) for p in DATES for o in values.get(p, ()))
            facts.events[node] = (frozenset(values[APK.eventType]), dates)
    for values in by_node.values():
        if APK.Participation in values.get(RDF.type, ()):
            facts.participations.add((_one(values[APK.participant]), _one(values[APK.participationRole]),
                                      _one(values[APK.participationIn])))
    return facts


def _one(values: set) -> object:
    return next(iter(values))


@dataclass
class Score:
    right: int = 0
    proposed: int = 0
    expected: int = 0

    def add(self, other: Score) -> None:
        self.right += other.right
        self.proposed += other.proposed
        self.expected += other.expected

    @property
    def precision(self) -> float:
        return self.right / self.proposed if self.proposed else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


def aligned(drafted: Facts, gold: Facts) -> Facts:
    """The drafted facts with each event renamed to the gold event of the same type and dates."""
    matched = {}
    for node, key in drafted.events.items():
        hit = next((g for g, k in gold.events.items() if k == key and key[1]), None)
        if hit is not None:
            matched[node] = hit
    return Facts(drafted.entities, drafted.positions,
                 {matched.get(n, n): key for n, key in drafted.events.items()},
                 {(who, role, matched.get(event, event)) for who, role, event in drafted.participations},
                 drafted.relations)


def score(drafted: Facts, gold: Facts) -> dict[str, Score]:
    """Right, proposed and expected facts of each kind."""
    drafted = aligned(drafted, gold)
    pairs = {kind: (set(getattr(drafted, kind)), set(getattr(gold, kind))) for kind in KINDS}
    return {kind: Score(len(d & g), len(d), len(g)) for kind, (d, g) in pairs.items()}
