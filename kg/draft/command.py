"""`kg draft ARTICLE`: read the article against the corpus, propose, check that the draft builds, write it."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from kg.annotations import MAX_TEXT_BYTES, Scan, scan_annotation
from kg.corpus import Corpus, index_corpus
from kg.dates import DateError, PartialDate, check_not_future, parse_date
from kg.draft import metadata
from kg.draft.drafter import Drafter
from kg.draft.gazetteer import corpus_gazetteer
from kg.draft.proposal import Proposal
from kg.draft.writer import Context, compose
from kg.errors import KgError, display_path
from kg.files import write_files
from kg.ontology import load_ontology
from kg.reading import Refused, read_text
from kg.reference import load_reference
from kg.registry import load_registry
from kg.series import EditionError, edition_number
from kg.slug import slugify
from kg.validate import url_problem
from kg.yamlfile import Mapping, Sequence


@dataclass
class Draft:
    """What `kg draft` wrote, what it proposed, and what it left out because it would not build."""

    path: Path
    proposals: list[Proposal]
    dropped: list[tuple[Proposal, str]] = field(default_factory=list)
    metadata: list[tuple[str, str]] = field(default_factory=list)

    def summary(self) -> str:
        counts: dict[str, int] = {}
        for proposal in self.proposals:
            counts[proposal.section] = counts.get(proposal.section, 0) + 1
        parts = ", ".join(f"{section} {count}" for section, count in counts.items()) or "no proposals"
        return (f"Wrote {display_path(self.path)}: {parts}; every block is marked 'review:' until you have "
                "checked it (kg check lists them)")

    def explain(self) -> list[str]:
        lines = [f"article.{key}: {why}" for key, why in self.metadata]
        for proposal in self.proposals:
            lines.append(f"{proposal.section} {proposal.label} [{proposal.review}]: {proposal.rule}")
        for proposal, reason in self.dropped:
            lines.append(f"left out: {proposal.section} {proposal.label} ({proposal.rule}): {reason}")
        return lines


def draft(article: Path, out: Path | None = None, published: str | None = None, url: str | None = None,
          force: bool = False, ontology_dir: Path = Path("ontology")) -> Draft:
    """Write the draft annotation of `article` (a text in the articles/ folder of a seeds folder)."""
    seeds = article.resolve().parent.parent
    out = out or seeds / "annotations" / f"{article.stem}.yaml"
    if out.exists() and not force:
        raise KgError("exists already; kg draft never overwrites an annotation (give --out FILE, or --force to "
                      "replace it)", out)
    text = _text(article, seeds)
    ontology = load_ontology(ontology_dir)
    reference = load_reference(seeds / "reference")
    registry = load_registry(seeds)
    scans = [scan_annotation(p, ontology) for p in sorted((seeds / "annotations").glob("*.y*ml"))
             if p.resolve() != out.resolve()]
    corpus = index_corpus(ontology, reference, registry, ((s.path, s.entries) for s in scans))
    found, date = _published(text, published)
    drafter = Drafter(text, corpus, corpus_gazetteer(corpus), date, known_editions(scans, corpus))
    fields, why = _metadata(article, out, text, found, url, drafter)
    composed = compose(fields, drafter.draft(), text,
                       Context(ontology, reference, registry, scans, seeds, out))
    write_files({out: composed.text})
    return Draft(out, composed.kept, composed.dropped, why)


def known_editions(scans: list[Scan], corpus: Corpus) -> dict[tuple[str, int], str]:
    """The event each annotation gives as an edition of a series: (series, number) -> event id."""
    found = {}
    for scan in scans:
        blocks = scan.data.get("events") if isinstance(scan.data, Mapping) else None
        for block in blocks if isinstance(blocks, Sequence) else []:
            if not isinstance(block, Mapping) or not isinstance(block.get("id"), str):
                continue
            series, edition = block.get("series"), block.get("edition")
            edition = edition.get("value") if isinstance(edition, Mapping) else edition
            if isinstance(series, str) and isinstance(edition, str):
                with contextlib.suppress(EditionError):
                    found[(corpus.canonical(series), edition_number(edition))] = corpus.canonical(block["id"])
    return found


def _text(article: Path, seeds: Path) -> str:
    try:
        return read_text(article, MAX_TEXT_BYTES, seeds)
    except FileNotFoundError:
        raise KgError("article file not found; put the text in seeds/articles/", article) from None
    except Refused as refused:
        raise KgError(f"cannot use this file as an article text: {refused}", article, refused.line) from None


def _published(text: str, given: str | None) -> tuple[str | None, PartialDate | None]:
    if given is not None:
        try:
            date = parse_date(given)
            check_not_future(date, given)
        except DateError as error:
            raise KgError(f"--published: {error}") from None
        return given, date
    stamp = metadata.publication_stamp(text)
    return (stamp[0].value, stamp[1]) if stamp else (None, None)


def _metadata(article: Path, out: Path, text: str, published: str | None, url: str | None, drafter: Drafter
              ) -> tuple[dict[str, object], list[tuple[str, str]]]:
    if url is not None and url_problem(url):
        raise KgError(f"--url: {url_problem(url)}")
    fields: dict[str, object] = {"id": slugify(article.stem),
                                 "text": os.path.relpath(article.resolve(), out.resolve().parent)}
    why = []
    title = metadata.title(text)
    if title is not None:
        fields["title"] = title.value
        why.append(("title", "the first line reads as a headline"))
    if published:
        fields["published"] = published
        why.append(("published", "the date stamp of the first lines, or --published"))
    if url:
        fields["url"] = url
    outlet = metadata.publisher(text)
    place = metadata.place_line(text)
    if place and place[1]:
        outlet = place[1]
    if outlet is not None:
        fields["publisher"] = drafter.add_entity(slugify(outlet.value), "Organization", outlet.value,
                                                 (outlet.start, outlet.end), "the outlet of the place line or the "
                                                 "copyright line")
        why.append(("publisher", f"'{outlet.value}'"))
    fields["language"] = "id"
    for key, found in (("authors", metadata.authors(text)), ("editors", metadata.editors(text))):
        people = [drafter.add_entity(slugify(f.value), "Person", f.value, (f.start, f.end), f"{key[:-1]} line")
                  for f in found]
        if people:
            fields[key] = sorted(set(people), key=people.index)
            why.append((key, ", ".join(f"'{f.value}'" for f in found)))
    fields["review"] = "suggested"
    return fields, why
